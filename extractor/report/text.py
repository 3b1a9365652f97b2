"""`path:line:col: severity rule-id message`, one finding a line (the compiler convention editors read)."""

from . import Checked, formatter


@formatter("text")
def render_text(results: list[Checked]) -> str:
    lines = []
    for r in results:
        for f in r.sheet.findings:
            if f.suppressed:
                continue
            lines.append(f"{r.path}:{f.line}:{f.column}: {f.severity} {f.rule} {f.message}")
    return "\n".join(lines) + ("\n" if lines else "")

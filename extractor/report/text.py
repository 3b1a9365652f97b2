"""`path:line:col: severity rule-id message`, one finding a line (the compiler convention editors read).

In a Word document the place is its paragraph, as a person finds it there:
`draft.docx: paragraph 3 ("On June 5, the Company…"), character 418: error premium-discount ...`.
"""

from . import Checked, formatter, where


@formatter("text")
def render_text(results: list[Checked]) -> str:
    lines = []
    for r in results:
        for f in r.sheet.findings:
            if f.suppressed:
                continue
            place = f" {where(f)}" if f.paragraph else where(f)
            lines.append(f"{r.path}:{place}: {f.severity} {f.rule} {f.message}")
    return "\n".join(lines) + ("\n" if lines else "")

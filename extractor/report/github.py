"""GitHub Actions workflow commands: each finding becomes an annotation on the file's line.

    ::error file=drafts/q3.txt,line=4,col=29,endLine=4,endColumn=33,title=prfacts premium-discount::The premium ...

`error` -> `::error`, `warning` -> `::warning`, `info` -> `::notice`.
Suppressed findings are left out. Values are escaped as the Actions runner
expects: `%`, CR and LF everywhere, and `:` and `,` inside properties too.
"""

from __future__ import annotations

from . import Checked, formatter

COMMAND = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _end(result: Checked, f) -> tuple[int, int]:
    source = getattr(result, "source", None)
    if source is not None and 0 <= f.start <= f.end <= len(source.text):
        _, b = source.original_span(f.start, f.end)
        return source.original_line_col(b)
    return f.line, f.column + max(0, f.end - f.start)


def _fix_note(result: Checked, f) -> str:
    if f.fix is None:
        return ""
    source = getattr(result, "source", None)
    if source is not None and 0 <= f.fix.start <= f.fix.end <= len(source.text):
        old = source.text[f.fix.start:f.fix.end]
    else:
        old = f.stated or ""
    return f" (fix: '{old}' -> '{f.fix.replacement}')" if old else f" (fix: insert '{f.fix.replacement}')"


@formatter("github")
def render_github(results: list[Checked]) -> str:
    lines = []
    for r in results:
        path = r.path.replace("\\", "/")
        if path.startswith("./"):
            path = path[2:]
        for f in r.sheet.findings:
            if f.suppressed:
                continue
            end_line, end_col = _end(r, f)
            props = [
                ("file", path),
                ("line", str(f.line)),
                ("col", str(f.column)),
                ("endLine", str(end_line)),
                ("endColumn", str(end_col)),
                ("title", f"prfacts {f.rule}"),
            ]
            message = f.message + _fix_note(r, f)
            if f.paragraph is not None:  # a Word document: GitHub cannot show its lines, the words find it
                message = f"{f.paragraph.label()}: {message}"
            head = ",".join(f"{k}={escape_property(v)}" for k, v in props)
            lines.append(f"::{COMMAND.get(f.severity, 'warning')} {head}::{escape_data(message)}")
    return "\n".join(lines) + ("\n" if lines else "")

"""`path:line:col: severity rule-id message`, one finding a line (the compiler convention editors read).

In a Word document the place is its paragraph, as a person finds it there:
`draft.docx: paragraph 3 ("On June 5, the Company…"), character 418: error premium-discount ...`.

On a terminal the same lines are coloured (severity in its colour, the path bold, the rule id dim), each
with the sentence it is in quoted under it, and a summary closes the run; `--statistics` gives counts per rule instead of the lines, as ruff does. Written to
a pipe or a file the lines stay plain, so scripts and editors read them as before.
"""

from __future__ import annotations

import os
from collections import Counter
from dataclasses import dataclass

from ..models import SEVERITIES, Finding
from ..checks.wording import sentence_around
from . import Checked, formatter, where

_SEV_CODES = {"error": "1;31", "warning": "1;33", "info": "1;36"}
_SEV_WORDS = {"error": ("error", "errors"), "warning": ("warning", "warnings"), "info": ("note", "notes")}


def color_wanted(choice: str, stream) -> bool:
    """--color always|never decide; auto follows NO_COLOR, then FORCE_COLOR, then whether `stream` is a terminal
    (no-color.org: a command-line flag overrides the environment)."""
    if choice in ("always", "never"):
        return choice == "always"
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR", "") not in ("", "0"):
        return True
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


@dataclass(frozen=True)
class Style:
    """ANSI styling, or none at all: every piece of output goes through one of these."""

    color: bool = False

    def paint(self, text: str, code: str) -> str:
        return f"\x1b[{code}m{text}\x1b[0m" if self.color else text

    def bold(self, text: str) -> str:
        return self.paint(text, "1")

    def dim(self, text: str) -> str:
        return self.paint(text, "2")

    def severity(self, severity: str, text: str | None = None) -> str:
        return self.paint(text or severity, _SEV_CODES.get(severity, "1"))


PLAIN = Style()


def finding_line(path: str, f: Finding, style: Style = PLAIN) -> str:
    place = f" {where(f)}" if f.paragraph else where(f)  # a Word paragraph reads as words, not numbers
    return f"{style.bold(path)}:{place}: {style.severity(f.severity)} {style.dim(f.rule)} {f.message}"


def _shown(results: list[Checked]) -> list[tuple[str, Finding]]:
    return [(r.path, f) for r in results for f in r.sheet.findings if not f.suppressed]


def quote_line(text: str | None, f: Finding, style: Style = PLAIN) -> str | None:
    """The sentence of a finding under its line, shortened around the figure, the figure underlined."""
    if text is None or not 0 <= f.start <= f.end <= len(text):
        return None
    lo, hi, lead, tail = sentence_around(text, f.start, f.end, limit=160)
    quote = lead + text[lo:f.start] + style.paint(text[f.start:f.end], "1;4") + text[f.end:hi] + tail
    return f"    {style.dim('|')} " + " ".join(quote.split())


@formatter("text")
def render_text(results: list[Checked], style: Style = PLAIN, context: bool = False) -> str:
    """The finding lines; with `context` (a person at a terminal) each one's sentence under it."""
    lines = []
    for r in results:
        source = getattr(r, "source", None)
        for f in r.sheet.findings:
            if f.suppressed:
                continue
            lines.append(finding_line(r.path, f, style))
            quote = quote_line(source.text if source is not None else None, f, style) if context else None
            if quote:
                lines.append(quote)
    return "\n".join(lines) + ("\n" if lines else "")


def render_statistics(results: list[Checked], titles: dict[str, str], style: Style = PLAIN) -> str:
    """One line per rule, most frequent first: count, rule id, severity, title."""
    counts = Counter((f.rule, f.severity) for _, f in _shown(results))
    rows = sorted(counts.items(), key=lambda kv: (-kv[1], SEVERITIES.index(kv[0][1]), kv[0][0]))
    if not rows:
        return ""
    width = max(len(str(n)) for _, n in rows)
    rule_width = max(len(rule) for (rule, _), _ in rows)
    sev_width = max(len(sev) for (_, sev), _ in rows)
    return "".join(f"{n:>{width}}  {style.dim(rule.ljust(rule_width))}  {style.severity(sev, sev.ljust(sev_width))}"
                   f"  {titles.get(rule, '')}".rstrip() + "\n" for (rule, sev), n in rows)


def _plural(n: int, words: tuple[str, str]) -> str:
    return f"{n} {words[0] if n == 1 else words[1]}"


def render_summary(results: list[Checked], unreadable: int = 0, style: Style = PLAIN) -> str:
    """ "3 errors, 1 warning in 2 of 5 files" or "All checks passed: 5 files", and what could not be checked."""
    shown = _shown(results)
    files = _plural(len(results), ("file", "files"))
    if shown:
        by_severity = Counter(f.severity for _, f in shown)
        counts = ", ".join(style.severity(sev, _plural(by_severity[sev], _SEV_WORDS[sev]))
                           for sev in SEVERITIES if by_severity[sev])
        line = f"{counts} in {len({path for path, _ in shown})} of {files}"
    else:
        line = style.paint("All checks passed", "1;32") + f": {files}"
    suppressed = sum(f.suppressed for r in results for f in r.sheet.findings)
    if suppressed:
        line += f" ({_plural(suppressed, ('finding', 'findings'))} suppressed)"
    if unreadable:
        line += f"; {_plural(unreadable, ('input', 'inputs'))} could not be checked (see above)"
    return line + "\n"

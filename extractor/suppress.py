"""Suppression comments in drafts.

    <!-- prfacts-disable premium-discount -->
    ... findings of that rule here are suppressed ...
    <!-- prfacts-enable premium-discount -->

    <!-- prfacts-disable-next-line premium-discount, share-count-total -->
    The next non-empty line: its findings of those rules are suppressed.

The rule list may be omitted (every rule), or hold rule ids or prefixes
(the patterns of `extractor.config.rule_matches`), separated by commas or
spaces. The comments are read from the original file: Markdown and HTML keep
them as comments (they never reach the analysed text), a `.txt` draft has them
as plain lines. `disable` without `enable` runs to the end of the file; it takes
effect right after the comment, so a finding earlier on the same line is not
covered. A suppressed finding is kept, with `suppressed: true`: reports list it
as suppressed, and it never counts for the exit code.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from typing import Sequence

import regex

from .config import rule_matches
from .models import Finding

DIRECTIVE = regex.compile(
    r"<!--[ \t]*prfacts-(?P<kind>disable-next-line|disable|enable)\b(?P<rules>[^\n]*?)[ \t]*-->",
    regex.I,
)


@dataclass(frozen=True)
class Directive:
    kind: str  # "disable" | "enable" | "disable-next-line"
    rules: tuple[str, ...]  # empty: every rule
    start: int  # offsets in the original text
    end: int
    line: int  # 1-based line of the comment
    target_line: int | None = None  # disable-next-line: the line it covers

    def applies_to(self, rule: str) -> bool:
        return not self.rules or any(rule_matches(rule, p) for p in self.rules)


def _line_starts(text: str) -> list[int]:
    return [0] + [m.end() for m in regex.finditer(r"\n", text)]


def parse(original: str) -> list[Directive]:
    """Every suppression comment of a file, in order."""
    starts = _line_starts(original)
    lines = original.split("\n")
    out = []
    for m in DIRECTIVE.finditer(original):
        rules = tuple(r for r in regex.split(r"[\s,]+", m.group("rules").strip()) if r)
        line = bisect.bisect_right(starts, m.start())
        target = None
        kind = m.group("kind").lower()
        if kind == "disable-next-line":
            # The next line with text: blank lines and lines that hold only directives are skipped.
            end_line = bisect.bisect_right(starts, m.end() - 1)
            target = end_line + 1
            while target <= len(lines) and not DIRECTIVE.sub("", lines[target - 1]).strip():
                target += 1
            if target > len(lines):
                target = None
        out.append(Directive(kind, rules, m.start(), m.end(), line, target))
    return out


def _offset(starts: list[int], line: int, column: int) -> int:
    if line - 1 >= len(starts):
        return starts[-1] + column - 1
    return starts[line - 1] + column - 1


def is_suppressed(directives: Sequence[Directive], starts: list[int], rule: str, line: int, column: int) -> bool:
    pos = _offset(starts, line, column)
    disabled = False
    for d in directives:
        if d.kind == "disable-next-line":
            if d.target_line == line and d.applies_to(rule):
                return True
            continue
        if d.end > pos:
            break
        if d.applies_to(rule):
            disabled = d.kind == "disable"
    return disabled


def apply(original: str, findings: Sequence[Finding]) -> list[Finding]:
    """The findings with `suppressed` set from the file's comments (new objects; the input is not changed)."""
    directives = parse(original)
    if not directives:
        return list(findings)
    starts = _line_starts(original)
    out = []
    for f in findings:
        if not f.suppressed and is_suppressed(directives, starts, f.rule, f.line, f.column):
            f = f.model_copy(update={"suppressed": True})
        out.append(f)
    return out

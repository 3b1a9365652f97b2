"""Suppression comments in drafts.

    <!-- prfacts-disable premium-discount -->
    ... findings of that rule here are suppressed ...
    <!-- prfacts-enable premium-discount -->

    <!-- prfacts-disable-next-line premium-discount, share-count-total -->
    The next non-empty line: its findings of those rules are suppressed.

The rule list may be omitted (every rule), or hold rule ids or prefixes
(the patterns of `extractor.linter.config.rule_matches`), separated by commas or
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

from ..reading.lines import line_starts, occurrences

from .config import rule_matches
from ..models import Finding

DIRECTIVE = regex.compile(
    r"<!--[ \t]*prfacts-(?P<kind>disable-next-line|disable|enable)\b(?P<rules>[^\n]*?)[ \t]*-->",
    regex.I,
)
# DIRECTIVE says what a comment is; it is not run over a whole file. Searched from every "<!--", its
# lazy rule list runs to the end of the line when no "-->" closes the comment, so a line of many
# unclosed comments took time quadratic in its length. `_directives` finds the same matches with
# the opening matched by _HEAD and the closing "-->" looked up among all of the file's, found once.
_HEAD = regex.compile(r"<!--[ \t]*prfacts-(?P<kind>disable-next-line|disable|enable)\b", regex.I)


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


def _directives(text: str, starts: list[int]) -> list[tuple[int, int, str, str]]:
    """(start, end, kind, rule list) of every match of DIRECTIVE in `text` (whose lines start at `starts`),
    as `DIRECTIVE.finditer` finds them, in time linear in the text."""
    closes = occurrences(text, "-->")
    newlines = [at - 1 for at in starts[1:]]  # the last character of each line break
    out = []
    end = 0
    for head in _HEAD.finditer(text):
        if head.start() < end:
            continue  # inside the comment just read
        i = bisect.bisect_left(closes, head.end())
        if i == len(closes):
            break  # no comment closes after this one, nor after any later one
        close = closes[i]
        j = bisect.bisect_left(newlines, head.end())
        if j < len(newlines) and newlines[j] < close:
            continue  # not closed on its own line
        end = close + 3
        rules = text[head.end() : close].rstrip(" \t")  # the lazy list stops before the blanks ahead of "-->"
        out.append((head.start(), end, head.group("kind"), rules))
    return out


def parse(original: str, starts: list[int] | None = None) -> list[Directive]:
    """Every suppression comment of a file, in order. `starts`: where its lines start (the source's, found
    once; worked out here when not given), whatever its line endings (a CR-only file has lines too)."""
    starts = line_starts(original) if starts is None else starts
    found = _directives(original, starts)
    if not found:
        return []
    next_text: list[int | None] | None = None
    out = []
    for start, end, kind, rule_list in found:
        rules = tuple(r for r in regex.split(r"[\s,]+", rule_list.strip()) if r)
        line = bisect.bisect_right(starts, start)
        target = None
        kind = kind.lower()
        if kind == "disable-next-line":
            # The next line with text: blank lines and lines that hold only directives are skipped.
            if next_text is None:
                next_text = _next_text_lines(original, starts, found)
            end_line = bisect.bisect_right(starts, end - 1)
            target = next_text[end_line + 1] if end_line + 1 < len(next_text) else None
        out.append(Directive(kind, rules, start, end, line, target))
    return out


def _next_text_lines(original: str, starts: list[int], found: list[tuple[int, int, str, str]]) -> list[int | None]:
    """For each 1-based line number n, the first line at or after n that holds more than blanks and
    directives (None when there is none); worked out once for the file, from its last line up."""
    n_lines = len(starts)
    ends = starts[1:] + [len(original) + 1]
    has_text = [False] * (n_lines + 2)
    k = 0
    for n in range(1, n_lines + 1):
        a, b = starts[n - 1], ends[n - 1] - 1  # the line without its newline
        kept, pos = [], a
        while k < len(found) and found[k][0] < b:
            kept.append(original[pos : found[k][0]])
            pos = found[k][1]
            k += 1
        kept.append(original[pos:b])
        has_text[n] = any(part.strip() for part in kept)
    next_text: list[int | None] = [None] * (n_lines + 2)
    for n in range(n_lines, 0, -1):
        next_text[n] = n if has_text[n] else next_text[n + 1]
    return next_text


def _offset(starts: list[int], line: int, column: int) -> int:
    if line - 1 >= len(starts):
        return starts[-1] + column - 1
    return starts[line - 1] + column - 1


class _Index:
    """The directives of one file, arranged to answer "is this finding suppressed?" without reading
    them all for every finding (many findings under many comments was quadratic)."""

    def __init__(self, directives: Sequence[Directive], starts: list[int]):
        self.starts = starts
        self.by_target: dict[int, list[Directive]] = {}
        self.switches = [d for d in directives if d.kind != "disable-next-line"]
        for d in directives:
            if d.kind == "disable-next-line" and d.target_line is not None:
                self.by_target.setdefault(d.target_line, []).append(d)
        self.per_rule: dict[str, tuple[list[int], list[bool]]] = {}

    def suppressed(self, rule: str, line: int, column: int) -> bool:
        if any(d.applies_to(rule) for d in self.by_target.get(line, ())):
            return True
        if rule not in self.per_rule:
            ends, states = [], []
            for d in self.switches:
                if d.applies_to(rule):
                    ends.append(d.end)
                    states.append(d.kind == "disable")
            self.per_rule[rule] = (ends, states)
        ends, states = self.per_rule[rule]
        # The last disable or enable for this rule that ends at or before the finding.
        i = bisect.bisect_right(ends, _offset(self.starts, line, column)) - 1
        return states[i] if i >= 0 else False


def is_suppressed(directives: Sequence[Directive], starts: list[int], rule: str, line: int, column: int) -> bool:
    return _Index(directives, starts).suppressed(rule, line, column)


def apply(original: str, findings: Sequence[Finding], starts: list[int] | None = None) -> list[Finding]:
    """The findings with `suppressed` set from the file's comments (new objects; the input is not changed)."""
    starts = line_starts(original) if starts is None else starts
    directives = parse(original, starts)
    if not directives:
        return list(findings)
    index = _Index(directives, starts)
    out = []
    for f in findings:
        if not f.suppressed and index.suppressed(f.rule, f.line, f.column):
            f = f.model_copy(update={"suppressed": True})
        out.append(f)
    return out

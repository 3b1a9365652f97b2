"""A line a release prints twice at its top: PR Newswire prints the headline, a blank line, and the headline again
("ASI Reports Record $26.6 Billion in Annual Sales ..." on lines 1 and 3), and other wires repeat a title or a
subtitle the same way. The two printings are one line by the way the wire writes it, so their figures, taken side
by side, are one figure each, whatever their values say: a slip in one printing ("$62.6 Billion" over "$26.6
Billion") stays bound to the other and `restated-value` flags it (`by: duplicate`, any difference no rounding
explains).

Without this binding the repeat hides the slip: the odd headline figure agrees with no figure, but the body
figure it should restate agrees with the repeat, so it reads as a figure told correctly elsewhere, and a
headline's slip is looked for only where the body figure is printed once.

The release's first line (its headline) and a line of the opening (the first `OPENING` lines) are one line
printed twice when their words are the same, in order and case aside, once each figure is taken out (at least
`MIN_WORDS` words: "Q4 2024" twice is no line), and they print as many figures, pairwise of one kind, unit and
currency. Only the headline's repeat: two bullets worded alike ("Adjusted EBITDA margin was 39%, with the R&P
segment generating 42%" and, for the nine months, "... was 35%, ... generating 43%") are a quarter's and a year's
figures as often as not, however close to the top. On the real corpus (1,622 releases, 143 of them printing their
headline twice) no such pair differs. Read once a release, over its first few lines only.
"""

from __future__ import annotations

import regex

from ..models import Fact, Mention
from .subjects import Reading, agreeing

OPENING = 6  # lines: a wire's title and its repeat, a subtitle, the dateline
MIN_WORDS = 5
_WORD = regex.compile(r"\w+")


def duplicate_bindings(rule, mentions: list[Mention], facts: list[Fact], reading: Reading) -> list[Fact]:
    """The figures of the headline and of its repeat in the opening, bound side by side."""
    text = reading.text
    end = 0
    for _ in range(OPENING):
        end = text.find("\n", end) + 1
        if not end:
            end = len(text)
            break
    figures = sorted((m for m in mentions if m.cell is None and m.end <= end), key=lambda m: m.start)
    if len(figures) < 2:
        return []
    lines: dict[int, list[Mention]] = {}
    for m in figures:
        lines.setdefault(text.rfind("\n", 0, m.start) + 1, []).append(m)
    words_at = _WORD.search(text)
    headline = text.rfind("\n", 0, words_at.start()) + 1 if words_at else 0  # the first line with words
    first = lines.get(headline)
    if first is None:
        return []  # a headline printing no figure, or none at all
    words = _words(text, headline, first)
    if sum(len(chunk) for chunk in words) < MIN_WORDS:
        return []
    bound = {frozenset(f.roles.values()) for f in facts}
    # the printings another figure restates in agreement: of two that differ, the other one is the odd one (b)
    agreed = agreeing(facts)
    out: list[Fact] = []
    for start, printed in lines.items():
        if start == headline or len(printed) != len(first) or _words(text, start, printed) != words \
                or any((x.kind, x.unit, x.currency) != (y.kind, y.unit, y.currency) for x, y in zip(first, printed)):
            continue
        for x, y in zip(first, printed):
            if x.id not in agreed and y.id in agreed:
                x, y = y, x
            if frozenset((x.id, y.id)) not in bound:
                out.append(Fact(id=0, type=rule.type, rule=rule.id, roles={"a": x.id, "b": y.id}, sentence=y.sentence,
                                attributes={"by": "duplicate"}, strength="tight"))
    return out


def _words(text: str, start: int, figures: list[Mention]) -> tuple[tuple[str, ...], ...]:
    """The words of the line from `start` between its figures, in lower case: what stays the same when only a
    figure differs."""
    end = text.find("\n", start)
    end = len(text) if end < 0 else end
    chunks, at = [], start
    for m in figures:
        chunks.append(tuple(w.lower() for w in _WORD.findall(text, at, m.start)))
        at = m.end
    chunks.append(tuple(w.lower() for w in _WORD.findall(text, at, end)))
    return tuple(chunks)

"""Shares of one total confirmed by their siblings.

"Large drivers ... $125.9 million, representing 13.9% of total sales. Small drivers ... $625.4 million, accounting
for 69.0% of its total revenues. Non-driver sales ... $155.5 million, representing 17.1% of total sales": each
share's phrase joins its part to its percentage, but the total they divide is told in another sentence, so each
binding alone is loose (the total chosen may be another period's or another scope's). Where three or more such
shares, each joined by its phrase to its own part and naming the total ("of total sales"), divide one revenue
figure, and two of the others hold to three significant digits, that figure is the total they all mean: the
remaining ones are tight, so a slip in their part or percentage is flagged. The confirmation is read from the
other shares only, never from the share being confirmed, so a planted slip in it leaves it bound.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import defaultdict
from typing import Callable

import regex

from ..models import Fact, Mention
from .marginperiods import own_span, period_span
from .subjects import Reading

SIBLINGS = 2  # shares of the same total, other than the one confirmed, that must hold


# the share's phrase names the whole total and ends there ("of total sales.", "of the Company's total revenues,
# as compared to"): not "of total sales for the quarter", "in the region", "growth", nor "of its total sales"
# or "of the region's total sales" (a unit's own: a possessive names the company, "the Company's", or a name),
# which may divide another total than the one chosen
TOTAL_SHARE = regex.compile(r"(?i)of\s+(?:the\s+)?(?:(?-i:[Cc]ompany|\p{Lu}[\w.&-]*)[’']s?\s+)?total\s+(?:net\s+)?"
                            r"(?:revenues?|sales)\Z")
# a part told as a change ("an increase of $15.7 million, representing 30.0% of total sales"): the share is of
# the figure before it, not of the change
_CHANGE_BEFORE = regex.compile(r"(?i)\b(?:up|down|increased?|decreased?|grew|rose|fell|declined|(?:increase|decrease|"
                               r"growth|gain|decline)\s+of)\s+(?:by\s+)?(?:about\s+|approximately\s+|nearly\s+)?\Z")
PHRASE_END = regex.compile(r"\s*(?:[.,;)]|\n|\Z)")


def sibling(index: int, p: Mention, part: Mention, after, paragraph: int, starts: list[int],
            reading: Reading) -> tuple[int, bool, tuple]:
    """A share whose phrase names the total, as `confirm_siblings` reads it: its index, whether it may be made
    tight (its part the last figure of its own sentence before the percentage, the words after the percentage
    naming the whole total and nothing narrower), and its place: its paragraph and the period it names (a
    quarter's share is not confirmed by the year's)."""
    text = reading.text
    own = part.sentence == p.sentence and bisect_left(starts, p.start) - bisect_right(starts, part.start) == 0
    own = own and after is not None and bool(TOTAL_SHARE.search(after.group(0))) \
        and bool(PHRASE_END.match(text, after.end())) and not _CHANGE_BEFORE.search(text, max(0, part.start - 40), part.start)
    return index, own, (paragraph, own_span(p, text) or period_span(part, reading))


def confirm_siblings(facts: list[Fact], joined: list[tuple[int, bool, tuple]], holds: Callable[[Fact], bool]) -> list[Fact]:
    """`joined`: the shares whose phrase names the total ("of total sales"), each an index into `facts`, whether
    it may be made tight (its part the last figure of its own sentence before it, its phrase naming the whole
    total), and its place (its paragraph and the period it names): siblings confirm one another there only."""
    groups: dict[tuple[int, tuple], list[int]] = defaultdict(list)
    own = {i for i, o, _ in joined if o}
    for i, _, place in joined:
        groups[facts[i].roles["whole"], place].append(i)
    for members in groups.values():
        if len(members) <= SIBLINGS:
            continue
        ok = [i for i in members if holds(facts[i])]
        for i in members:
            parts = {facts[j].roles["part"] for j in ok if j != i} - {facts[i].roles["part"]}
            if i in own and facts[i].strength == "loose" and len(parts) >= SIBLINGS:
                facts[i] = facts[i].model_copy(update={"strength": "tight"})
    return facts

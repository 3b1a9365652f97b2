"""Sum lists: a total, then its parts as a list after an introduction ending in a colon.

"The Company sold a total of 5,000,000 shares, consisting of:" followed by lines "- 1,200,000 shares to ...",
"- 3,800,000 shares to ...", or "It raised $12.0 million, allocated as follows:" followed by a line per use of the
money. The total is the one figure of the introduction's paragraph, before the colon, of the kind and currency
every item gives first; each item is one line opening on a bullet or a number and holds one part. A list with an
item that gives no such figure is not a breakdown of the total. The parts are read from the list's layout, so the
binding is loose; the introduction's words promise every part, so a slip of one part may explain a mismatch too
(`sum-total`'s `input_slips`).
"""

from __future__ import annotations

from bisect import bisect_left

import regex

from ..models import Fact, Mention
from ..rules import compiled
from .changelists import COLON_AT_LINE_END, INTRO_REACH
from .subjects import Reading

# A list item's marker at the start of its line: a bullet, or a number or letter in brackets or before a dot
ITEM_LINE = regex.compile(r"[ \t]*(?:[-•*–]|\(?(?:\d{1,2}|[a-h]|[ivx]{1,4})[.)])[ \t]+")
KINDS = ("money", "shares")


def sum_lists(rule, mentions: list[Mention], text: str = "", reading: Reading | None = None) -> list[Fact]:
    intro = compiled(f"(?i)\\b(?:{rule.options['intro']})\\b[^:\\n]{{0,60}}:[ \\t]*$")
    limit = int(rule.options.get("items", 14))
    figures = [m for m in mentions if m.cell is None and m.kind in KINDS]
    starts = [m.start for m in figures]
    facts = []
    for colon in COLON_AT_LINE_END.finditer(text):
        line = text.rfind("\n", 0, colon.start()) + 1
        if not intro.search(text, max(line, colon.start() - INTRO_REACH), colon.end()):
            continue
        items = _items(text, figures, starts, colon.end(), limit)
        candidates = figures[bisect_left(starts, line): bisect_left(starts, colon.start())]
        total, parts = _bind(candidates, items)
        if total is not None:
            roles = {"total": total.id, **{f"part_{n}": p.id for n, p in enumerate(parts, 1)}}
            facts.append(Fact(id=0, type=rule.type, rule=rule.id, roles=roles, sentence=total.sentence,
                              strength="loose"))
    return facts


def _items(text: str, figures: list[Mention], starts: list[int], at: int, limit: int) -> list[list[Mention]]:
    """The figures of each item line after the introduction, until the first line that is not an item."""
    items = []
    while len(items) <= limit:
        while at < len(text) and text[at] in " \t\n":
            at += 1
        if not ITEM_LINE.match(text, at):
            break
        end = text.find("\n", at)
        end = len(text) if end < 0 else end
        items.append(figures[bisect_left(starts, at): bisect_left(starts, end)])
        at = end
    return items if 2 <= len(items) <= limit else []


def _bind(candidates: list[Mention], items: list[list[Mention]]) -> tuple[Mention | None, list[Mention]]:
    """The total and the part of each item: the one candidate of a kind and currency whose first figure of that
    kind every item gives. Two candidates of that kind (a figure and last year's) leave the total unknown."""
    if not items:
        return None, []
    for kind in KINDS:
        totals = [m for m in candidates if m.kind == kind]
        if len(totals) != 1:
            continue
        total = totals[0]
        parts = [next((m for m in item if m.kind == kind), None) for item in items]
        if all(p is not None and p.currency == total.currency for p in parts):
            return total, parts
    return None, []

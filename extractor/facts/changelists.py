"""Change lists: a change, then the items it is made of as a bulleted list.

"Interest expense increased by $6.3 million ... The increase is a result of:" followed by lines "- a $5.3 million
increase in ...", "- a $0.3 million increase in ...", "- a $0.7 million increase in ...". Each item moves the
same figure as the change, so an item in the change's direction adds to it and one the other way takes from it
(a `less` role): a $1.4 million decrease "analyzed as follows" into a $21.6 million increase and a $23.0 million
decrease is 23.0 - 21.6. The items are read from the list's layout, so the binding is loose: a mismatch is
flagged only where a known slip explains it.
"""

from __future__ import annotations

from bisect import bisect_left

import regex

from ..models import Fact, Mention
from ..rules import compiled
from .subjects import Reading

BULLET_LINE = regex.compile(r"[ \t]*[-•*–][ \t]+")
COLON_AT_LINE_END = regex.compile(r"(?m):[ \t]*$")
# An introduction's phrase stands right before its colon ("was primarily the result of:"): no phrase with the
# spaces after it is longer than this, and the search back to the previous colon could cross a whole release.
INTRO_REACH = 200


class _Reader:
    def __init__(self, opts: dict, text: str):
        self.change = compiled(f"(?i)\\b(?:{opts['up']}|(?P<down>{opts['down']}))\\s+(?:by\\s+)?"
                                    f"(?:{opts['passed']})?$")
        self.intro = compiled(f"(?im)(?:{opts['intro']})\\s*:[ \\t]*$")
        # phrases of words and spaces (no colon but a group's "(?:", no dot, class or escape but \s) hold no colon
        self.colon_free = not compiled(r"(?<!\(\?):|[.\[]|\\[^s]").search(opts["intro"])
        self.item_up = compiled(f"(?i)\\s+(?:{opts['item_up']})\\b")
        self.item_down = compiled(f"(?i)\\s+(?:{opts['item_down']})\\b")
        self.text = text
        self.items = int(opts.get("items", 12))

    def direction(self, m: Mention) -> int:
        """+1 / -1 for "a $5.3 million increase" / "decrease", 0 when the figure is not an item's change."""
        if self.item_up.match(self.text, m.end):
            return 1
        return -1 if self.item_down.match(self.text, m.end) else 0


def change_lists(rule, mentions: list[Mention], text: str = "", reading: Reading | None = None) -> list[Fact]:
    reader = _Reader(rule.options, text)
    money = [m for m in mentions if m.cell is None and m.kind == "money"]
    starts = [m.start for m in money]
    facts = []
    for match in _intros(reader, text):
        line = text.rfind("\n", 0, match.start()) + 1
        total, sign = _total(reader, money[bisect_left(starts, line): bisect_left(starts, match.start())])
        if total is None:
            continue
        roles = _items(reader, money, starts, match.end(), sign)
        if roles:
            facts.append(Fact(id=0, type=rule.type, rule=rule.id, roles={"total": total.id, **roles},
                              sentence=total.sentence, strength="loose"))
    return facts


def _intros(reader: _Reader, text: str):
    """The introductions, as `reader.intro.finditer` finds them. An introduction holds one colon, the one that
    ends its line, so each is searched for only since the colon before that one, and within INTRO_REACH of
    it: the phrases are tried at every character of a text, and few lines end in a colon."""
    if reader.colon_free:
        for colon in COLON_AT_LINE_END.finditer(text):
            since = max(text.rfind(":", 0, colon.start()) + 1, colon.start() - INTRO_REACH)
            match = reader.intro.search(text, since, colon.end())
            if match:
                yield match
    else:  # the rule's own phrases hold a colon: read the whole text
        yield from reader.intro.finditer(text)


def _total(reader: _Reader, candidates: list[Mention]) -> tuple[Mention | None, int]:
    """The first figure of the paragraph that a change word stands before ("decreased by 0.6%, or $1.4 million")."""
    text = reader.text
    for m in candidates:
        change = reader.change.search(text, max(0, m.start - 60), m.start)
        if change:
            return m, -1 if change.group("down") else 1
    return None, 0


def _items(reader: _Reader, money: list[Mention], starts: list[int], at: int, sign: int) -> dict[str, int]:
    """The list's items after the introduction, one bulleted line each, as part or less roles."""
    text, parts, less = reader.text, [], []
    while len(parts) + len(less) < reader.items:
        while at < len(text) and text[at] in " \t\n":
            at += 1
        bullet = BULLET_LINE.match(text, at)
        if not bullet:
            break
        end = text.find("\n", at)
        end = len(text) if end < 0 else end
        i = bisect_left(starts, at)
        if i >= len(money) or money[i].start >= end:
            return {}
        item = money[i]
        direction = reader.direction(item)
        if not direction:
            return {}
        (parts if direction == sign else less).append(item)
        at = end
    if len(parts) + len(less) < 2 or not parts:
        return {}
    roles = {f"part_{n}": m.id for n, m in enumerate(parts, 1)}
    return {**roles, **{f"less_{n}": m.id for n, m in enumerate(less, 1)}}

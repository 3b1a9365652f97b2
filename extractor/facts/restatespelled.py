"""A figure spelled out in words and printed again in digits right after it, in brackets: "sixty percent
(60%) of the voting rights", "twenty-five thousand dollars ($25,000)". The two printings are one figure by the
way they are written, whatever their values say, so a slip in the digits ("sixty percent (66%)") stays bound
to the words and `restated-value` flags it (`by: spelled`).

The words hold no digit, the digits follow them with nothing but an opening bracket between, the closing
bracket right after; the two are of one kind, unit and currency (either may name no currency). Read once a
release, each figure in words against the prose figure after it.
"""

from __future__ import annotations

import regex

from ..models import Fact, Mention
from .subjects import Reading

_DIGIT = regex.compile(r"\d")
_OPEN = regex.compile(r"\s*\(\s*")
_CLOSE = regex.compile(r"\s*\)")


def spelled_bindings(rule, mentions: list[Mention], facts: list[Fact], reading: Reading) -> list[Fact]:
    words = [m for m in mentions if m.cell is None and not _DIGIT.search(m.text)]
    if not words:
        return []
    bound = {frozenset(f.roles.values()) for f in facts}
    text, out = reading.text, []
    for x in words:
        y = reading.neighbours(x)[1]
        if y is None or not _DIGIT.search(y.text) or x.kind != y.kind or x.unit != y.unit \
                or x.currency and y.currency and x.currency != y.currency \
                or not _OPEN.fullmatch(text, x.end, y.start) or not _CLOSE.match(text, y.end) \
                or frozenset((x.id, y.id)) in bound:
            continue
        out.append(Fact(id=0, type=rule.type, rule=rule.id, roles={"a": x.id, "b": y.id}, sentence=y.sentence,
                        attributes={"by": "spelled"}, strength="tight"))
    return out

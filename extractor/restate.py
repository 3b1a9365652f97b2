"""Restatements: the same figure given again elsewhere in a release (headline and body, summary and table,
prose and a table cell).

A reader checks that "Net income attributable to GE HealthCare was $720 million" agrees with the table row
"Net income attributable to GE HealthCare" in the quarter's column. Two mentions restate one figure when
they agree in value, name the same thing (their subjects share a word), are for a compatible period, and
stand in different sentences (two figures of one sentence are two figures, not one said twice).

Only agreeing figures are bound. On the development gold, words alone could not tell a restatement with a
slip from a different figure that shares its words (a margin for another segment, a revenue for another
quarter): for every pair a reader marked as one figure said twice, dozens of other pairs shared as many words
and differed by what looked like a slip. So the fact sheet records what the release restates, and a
restatement that disagrees is left to the checks that know its structure (a headline amount, a table cell).
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal
from fractions import Fraction

from .models import Fact, Mention
from .subjects import subjects


def _interval(m: Mention) -> tuple[Fraction, Fraction]:
    return Fraction(Decimal(m.low)), Fraction(Decimal(m.high))


def _alike(a: Mention, b: Mention) -> bool:
    if a.kind != b.kind or a.unit != b.unit:
        return False
    return a.currency == b.currency or a.currency is None or b.currency is None


def _together(a: Mention, b: Mention) -> bool:
    """Two figures of one sentence, or two cells of one table, are different figures."""
    if a.cell is not None and b.cell is not None:
        return a.cell.table == b.cell.table
    return a.cell is None and b.cell is None and a.sentence == b.sentence


def restatements(rule, mentions: list[Mention], text: str = "") -> list[Fact]:
    kinds = set(rule.options.get("kinds", ["money", "price", "shares", "percent", "ratio", "number"]))
    min_number = Fraction(str(rule.options.get("min_plain_number", 10)))
    figures = [m for m in mentions if m.kind in kinds
               and not (m.kind == "number" and abs(Fraction(Decimal(m.value))) < min_number)]
    subject = subjects(figures, text, int(rule.options.get("subject_words", 8)))
    index: dict[str, list[Mention]] = defaultdict(list)
    facts: list[Fact] = []
    for y in figures:
        sy = subject[y.id]
        shared: dict[int, int] = defaultdict(int)
        earlier = {}
        for w in set(sy.words):
            for x in index[w]:
                shared[x.id] += 1
                earlier[x.id] = x
        equal = []
        for xid, n in shared.items():
            x = earlier[xid]
            if _alike(x, y) and subject[xid].compatible(sy) and not _together(x, y):
                (xl, xh), (yl, yh) = _interval(x), _interval(y)
                if xl <= yh and yl <= xh:
                    equal.append((n, x.start, x))
        # the same figure said before: the two that share the most words, the nearest first
        for _, _, x in sorted(equal, key=lambda t: (-t[0], -t[1]))[:2]:
            facts.append(Fact(id=0, type=rule.type, rule=rule.id, roles={"a": x.id, "b": y.id}, sentence=y.sentence))
        for w in set(sy.words):
            index[w].append(y)
    return facts

"""Ratios a release names by their two measures: "a book-to-bill ratio of 1.20" is orders over revenue, "a payout
ratio of 61%" the dividends over the funds from operations.

The ratio's sentence gives the orders ("Bookings reached $138.4 million, which translated into a book-to-bill
ratio of 1.20"); the revenue is the nearest figure before it that a clause names a revenue, for the same span (a
quarter's or a year's), no comparison's figure ("compared to $120.5 million"). The numerator is found in the
sentence and the denominator chosen among the release's revenues, so the binding is loose: a mismatch is an error
only where a known slip of the stated ratio explains it (the check's input slips are left out: a revenue chosen
among many would show one by chance).
"""

from __future__ import annotations

from bisect import bisect_left

from ..models import Fact, Mention
from ..rules import compiled
from .marginperiods import period_span
from .subjects import Reading, stem


def named_ratios(rule, mentions: list[Mention], text: str = "", reading: Reading | None = None) -> list[Fact]:
    opts = rule.options
    # (a plain substring test, far cheaper than reading every figure's words, rules most releases out)
    if not any(word in text for word in opts["requires"]):
        return []
    reading = reading or Reading(mentions, text)
    name = compiled(f"(?:{opts['name']})\\s*$")
    reference = compiled(f"(?:{opts['reference_before']})\\s*$")
    over = {stem(w) for w in opts["numerator_words"]}
    under = {stem(w) for w in opts["denominator_words"]}
    window = int(opts.get("window", 5000))
    money = [m for m in mentions if m.cell is None and m.kind == "money"]
    starts = [m.start for m in money]
    kinds = tuple(opts.get("kinds", ("number", "ratio")))
    # the roles of the fact: a multiple's factor, new and old figure; a share's percentage, part and whole
    ratio_role, over_role, under_role = opts.get("roles", ("factor", "to", "from"))
    facts = []
    for r in mentions:
        if r.cell is not None or r.kind not in kinds or not name.search(text, max(0, r.start - 80), r.start):
            continue
        lo, _ = reading.bounds.sentence_of(r.start, r.end)
        earlier = money[bisect_left(starts, r.start - window): bisect_left(starts, r.start)]
        # the orders: the last figure of the ratio's sentence before it a clause names so, no comparison's
        orders = next((m for m in reversed(earlier) if m.start >= lo and _named(m, over, reading)
                       and not reference.search(text, max(0, m.start - 60), m.start)), None)
        if orders is None:
            continue
        span = period_span(orders, reading) or period_span(r, reading)
        revenue = next((m for m in reversed(earlier) if m.id != orders.id and m.currency == orders.currency
                        and _near(orders, m) and _named(m, under, reading)
                        and not reference.search(text, max(0, m.start - 60), m.start)
                        and period_span(m, reading) in (None, span)), None)
        if revenue is not None:
            facts.append(Fact(id=0, type=rule.type, rule=rule.id, sentence=r.sentence, strength="loose",
                              roles={ratio_role: r.id, over_role: orders.id, under_role: revenue.id}))
    return facts


def _near(orders: Mention, m: Mention) -> bool:
    """Orders and revenue of one period are of one size: a figure four times larger or smaller is another's."""
    a, b = abs(float(orders.value)), abs(float(m.value))
    return b > 0 and 0.25 <= a / b <= 4


def _named(m: Mention, words: set[str], reading: Reading) -> bool:
    return not words.isdisjoint(reading.subject(m).words)

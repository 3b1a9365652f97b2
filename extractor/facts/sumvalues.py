"""Sums a sentence tells in words no pattern knows, found by their arithmetic: "The company holds $18.2
million in cash, $6.1 million of it at the bank and $12.1 million in treasury bills, after the spin-off."

A sentence that says it adds things up (a word of totals, inclusion or breakdown: `cues`) and prints, among at
most `max_figures` figures of one kind, one figure that two to four others add up to (within the rounding of
every printing) is read as that total and its parts. The arithmetic finds the binding, so it can never show a
slip: the fact records a sum the release states, for the fact sheet and for other checks to read; it is loose.

What arithmetic finds by chance is kept out: figures of one significant digit each are no sum (one million and
two million make three million anywhere, but $325,000 and $175,000 make $500,000 only by design); figures a change or another sum already binds together are that fact's
(a change's old figure, its new one and the difference also add up); figures of another period than the
total's ("$4.1 million in 2024 and $3.9 million in 2023") are two years, not two parts.
"""

from __future__ import annotations

from collections import defaultdict
from fractions import Fraction
from itertools import combinations

from ..intervals import exact
from ..models import Fact, Mention
from ..rules import compiled
from .changevalues import significant
from .subjects import Reading, period_of


def sums_adding_up(rule, mentions: list[Mention], text: str, reading: Reading, facts: list[Fact]) -> list[Fact]:
    cue = compiled(f"(?i)\\b(?:{rule.options['cues']})")
    kinds = set(rule.options.get("kinds", ["money", "shares"]))
    largest = int(rule.options.get("max_figures", 7))
    taken = [frozenset(f.roles.values()) for f in facts if f.type in ("change", "sum", "difference")]
    by_sentence: dict[tuple, list[Mention]] = defaultdict(list)
    for m in mentions:
        if m.cell is None and m.kind in kinds and m.range_with is None and exact(m.value) > 0 \
                and (m.kind != "number" or exact(m.value).denominator == 1):  # counts, not measures ("10.2 ppm")
            # a count's unit is the noun after it, which a part's other words may replace ("22 vessels, 15 feeder
            # ships and 7 ..."): counts of a sentence are compared whatever they count
            by_sentence[(m.sentence, m.kind, None if m.kind == "number" else m.unit, m.currency)].append(m)
    out = []
    for figures in by_sentence.values():
        if not 3 <= len(figures) <= largest:
            continue
        lo, hi = reading.bounds.sentence_of(figures[0].start, figures[-1].end)
        if not cue.search(text, lo, hi):
            continue
        found = _adding_up(figures, reading, taken, text)
        if found is not None:
            total, parts = found
            roles = {"total": total.id, **{f"part_{n}": p.id for n, p in enumerate(parts, 1)}}
            out.append(Fact(id=0, type=rule.type, rule=rule.id, roles=roles, sentence=total.sentence,
                            strength="loose"))
    return out


def _adding_up(figures: list[Mention], reading: Reading, taken: list[frozenset], text: str):
    """The one total of the sentence's figures and the parts that add up to it, or None when none or several
    readings add up."""
    found = []
    for total in figures:
        coarse = significant(total) < 2
        t_lo, t_hi = reading.interval(total)
        others = [m for m in figures if m is not total and exact(m.value) < exact(total.value)]
        for size in range(2, min(4, len(others)) + 1):
            for parts in combinations(others, size):
                if coarse and all(significant(p) < 2 for p in parts):
                    continue
                s_lo = sum((reading.interval(p)[0] for p in parts), Fraction(0))
                s_hi = sum((reading.interval(p)[1] for p in parts), Fraction(0))
                if s_lo <= t_hi and t_lo <= s_hi and not _bound_elsewhere(total, parts, taken) \
                        and _one_period(total, parts, text):
                    found.append((total, list(parts)))
    return found[0] if len(found) == 1 else None


def _bound_elsewhere(total: Mention, parts, taken: list[frozenset]) -> bool:
    ids = {total.id, *(p.id for p in parts)}
    return any(len(ids & fact) >= 2 for fact in taken)


def _one_period(total: Mention, parts, text: str) -> bool:
    """No part names, right after it, a year the total's words do not ("$4.1 million in 2024 and $3.9 million
    in 2023")."""
    def years(m: Mention) -> frozenset[str]:
        return period_of(text[m.end:m.end + 30])[0]
    own = years(total)
    named = [years(p) for p in parts]
    return not any(y and (own and not y & own or len({frozenset(n) for n in named if n}) > 1) for y in named)

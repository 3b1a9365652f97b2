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

Two sentences of one paragraph are read together the same way ("Revenue was $61.7 million. Organic revenue,
which excludes the $3.0 million the acquired brands contributed, was $58.6 million"; "Cash was $1.47 million.
The company also held $2.34 million of receivables, for a total of $3.81 million"), where one of them says it
adds up or leaves something out: the one reading of their figures that adds up must take figures from both, and
a comparison's figure ("compared to $6.27 million") or a change's ("by $0.4 million") is none of them, being
another period's or a difference, and the two sentences must name something alike (a word other than the
generic ones: "revenue" in both), since two things' figures add up by chance as often as parts do; and a total
has two parts there, no more. Only amounts of money and share counts are read so: counts of other things
across two sentences (months of a study, sites and patients) add up by chance too often.
"""

from __future__ import annotations

from collections import defaultdict
from fractions import Fraction
from itertools import combinations

from ..intervals import exact
from ..models import Fact, Mention
from ..rules import compiled
from .changevalues import significant
from .subjects import Reading, content_words, period_of, stem
from .sumlists import ITEM_LINE


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
    for key, figures in by_sentence.items():
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
    taken += [frozenset(f.roles.values()) for f in out]
    return out + _across(rule, by_sentence, text, reading, taken, cue, largest)


def _across(rule, by_sentence: dict[tuple, list[Mention]], text: str, reading: Reading, taken: list[frozenset],
            cue, largest: int) -> list[Fact]:
    """The sums two sentences of one paragraph tell together: the one reading of their plain figures that adds
    up, taking figures from both."""
    reference = compiled(f"(?i)(?:{rule.options['reference_before']})\\s*$")
    generic = {stem(w) for w in rule.options.get("generic_words", [])}
    out = []
    for (sentence, kind, *rest), first in by_sentence.items():
        # (counts are left to one sentence: across two, durations and tallies of other things add up by chance)
        second = by_sentence.get((sentence + 1, kind, *rest)) if kind != "number" else None
        if not second or not _one_paragraph(text, first[-1], second[0]):
            continue
        figures = [m for m in first + second if not reference.search(text, max(0, m.start - 50), m.start)]
        if not 3 <= len(figures) <= largest or {m.sentence for m in figures} != {sentence, sentence + 1}:
            continue
        lo, hi = reading.bounds.sentence_of(first[0].start, first[-1].end)[0], \
            reading.bounds.sentence_of(second[0].start, second[-1].end)[1]
        if not cue.search(text, lo, hi) or not _alike(text, lo, second[0].start, hi, generic):
            continue
        # (two parts only: three or four of a paragraph's figures add up to another by chance too often)
        found = _adding_up(figures, reading, taken, text, most=2)
        if found is not None and len({m.sentence for m in (found[0], *found[1])}) == 2:
            total, parts = found
            roles = {"total": total.id, **{f"part_{n}": p.id for n, p in enumerate(parts, 1)}}
            out.append(Fact(id=0, type=rule.type, rule=rule.id, roles=roles, sentence=total.sentence,
                            strength="loose"))
    return out


def _alike(text: str, lo: int, middle: int, hi: int, generic: set[str]) -> bool:
    """Whether the two sentences name something alike ("Revenue ... Organic revenue", "Cash ... a total of ... in
    cash"): figures of two things that only happen to add up share no word."""
    second = text.rfind(". ", lo, middle)
    second = middle if second < 0 else second
    return bool(set(content_words(text[lo:second])) & set(content_words(text[second:hi])) - generic)


def _one_paragraph(text: str, last: Mention, following: Mention) -> bool:
    """Whether the next sentence's figure goes on in the paragraph of the last figure before it: no blank line
    between them, and no line of a list or table of its own."""
    between = text[last.end:following.start]
    if "\n\n" in between or "|" in between:
        return False
    line = text.rfind("\n", last.end, following.start)
    return line < 0 or not ITEM_LINE.match(text, line + 1)


def _adding_up(figures: list[Mention], reading: Reading, taken: list[frozenset], text: str, most: int = 4):
    """The one total of the sentence's figures and the parts (at most `most`) that add up to it, or None when
    none or several readings add up. Readings that differ only in which printing of one value they take are one
    reading, of the printings that stand closest together with the total ("twelve vessels - seven M.R. product
    tankers, two suezmax tankers and three drybulk carriers - and an additional seven drybulk carriers to come")."""
    found = []
    for total in figures:
        coarse = _digits(total) < 2
        t_lo, t_hi = reading.interval(total)
        others = [m for m in figures if m is not total and exact(m.value) < exact(total.value)]
        for size in range(2, min(most, len(others)) + 1):
            for parts in combinations(others, size):
                if coarse and all(_digits(p) < 2 for p in parts):
                    continue
                s_lo = sum((reading.interval(p)[0] for p in parts), Fraction(0))
                s_hi = sum((reading.interval(p)[1] for p in parts), Fraction(0))
                if s_lo <= t_hi and t_lo <= s_hi and not _bound_elsewhere(total, parts, taken) \
                        and _one_period(total, parts, text):
                    found.append((total, list(parts)))
    readings = {(total.id, tuple(sorted(reading.value_key(p) for p in parts))) for total, parts in found}
    if len(readings) != 1:
        return None
    # (the reading printed closest together: a list's own printing, not the same count told before the total)
    return min(found, key=lambda tp: max(m.end for m in (tp[0], *tp[1])) - min(m.start for m in (tp[0], *tp[1])))


def _digits(m: Mention) -> int:
    """The significant digits a figure prints; a count in words ("twelve vessels") is exact, all its digits."""
    if any(c.isdigit() for c in m.text):
        return significant(m)
    return len(str(exact(m.value).numerator).rstrip("0")) if exact(m.value).denominator == 1 else 0


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

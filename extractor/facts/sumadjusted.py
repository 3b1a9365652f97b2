"""An adjusted measure and the reported one it was adjusted from, told apart by the items a sentence says the
adjustment took out or put back: "Adjusted net income was $13.4 million. We adjusted net income for $2.5 million
of stock-based compensation and a $1.1 million gain on disposal", with "net income was $12.0 million" in another
paragraph; "GAAP EPS includes special items of $0.17 and $0.65 of amortization. Adjusted EPS was $2.66".

Earnings releases reconcile their adjusted figures in prose as often as in tables, and the three figures seldom
share a sentence: the adjusted figure opens a paragraph, the items follow it, the reported figure comes a few
paragraphs on ("On a non-adjusted basis, ..."). So the items' sentence (one that says it adjusts, includes or
excludes: `cues`) is read with the figures of the sentences around it (`window`), and the one reading in which
an adjusted figure (named so before it: `adjusted_words`) is the reported one (named by the same measure, or by
its basis: `reported_words`) plus the items adds up is the fact. An item the words after it call a gain
(`gain_words`) was taken out of the adjusted figure; one printed below zero says its own sign (the effect on the
reported figure: "items affecting comparability of EUR -768 million"), and then every item does. The items are
the figures after the cue up to a comparison ("compared with $388 million" starts another period's items).

Found by its arithmetic among candidates, the binding is loose and never flags as printed; it records the
reconciliation for the fact sheet and for the checks of each figure's restatements. Where no reading adds up, the
one reading that would with one figure's scale word slipped (a thousand times off either way, which meets no sum
by chance) is bound, and the check names that slip.
"""

from __future__ import annotations

from collections import defaultdict
from fractions import Fraction
from typing import NamedTuple

from ..intervals import exact
from ..models import Fact, Mention
from ..rules import compiled
from .subjects import Reading, content_words, stem


COMPANION = compiled(r"(?i)\s*,?\s*(?:or|and)\s*")
# a figure's scale word slipped (a thousand times off either way), undone
_SCALE_SLIPS = (Fraction(1, 1000), Fraction(1000))


class Words(NamedTuple):
    adjusted: object  # the words that name an adjusted figure
    basis: object  # the words that name the reported basis
    gain: tuple  # the words after or before an item that call it a gain
    synonyms: dict
    generic: set


def sums_adjusted(rule, mentions: list[Mention], text: str, reading: Reading, facts: list[Fact]) -> list[Fact]:
    o = rule.options
    cue = compiled(f"(?i)(?:{o['cues']})")
    words = Words(compiled(f"(?i)(?:{o['adjusted_words']})"), compiled(f"(?i)(?:{o['reported_words']})"),
                  (compiled(f"(?i)(?:{o['gain_after']})"), compiled(f"(?i)(?:{o['gain_before']})$")),
                  {stem(w): stem(s) for s, ws in o.get("synonyms", {}).items() for w in ws},
                  {stem(w) for w in o.get("generic_words", [])})
    comparison = compiled(f"(?i)(?:{o['comparison_words']})")
    by_sentence: dict[int, list[Mention]] = defaultdict(list)
    for m in mentions:
        if m.cell is None and m.kind in ("money", "price") and m.range_with is None:
            by_sentence[m.sentence].append(m)
    # a "sentence" of more figures is a table run together, no prose; and its pairs would cost their square
    by_sentence = defaultdict(list, {s: own for s, own in by_sentence.items() if len(own) <= int(o["max_figures"])})
    taken = {frozenset(f.roles.values()) for f in facts if f.type == "sum"}
    cues = {}
    for sentence, own in by_sentence.items():
        lo, hi = reading.bounds.sentence_of(own[0].start, own[-1].end)
        cues[sentence] = cue.search(text, lo, hi)
    # a figure after a sentence's cue is an item, never the adjusted or the reported figure
    items_of = {m.id for s, own in by_sentence.items() if cues[s] for m in own if m.start >= cues[s].end()}
    adjusted, prior = _named(by_sentence, text, reading, words.adjusted, comparison)
    out = []
    for sentence, own in by_sentence.items():
        if not cues[sentence]:
            continue
        near = [m for s in range(sentence - int(o["window"]), sentence + int(o["window"]) + 1)
                for m in by_sentence.get(s, []) if m.id not in items_of]
        for n, items in enumerate(_item_runs(own, cues[sentence].end(), text, comparison)):
            # (the first run is the period the sentence tells of, the next the one it compares with)
            of_period = [(m, m.id in adjusted) for m in near if (m.id in prior) == (n > 0)]
            # (amounts and per-share figures are reconciled apart: "$448 million, or $0.21 per share")
            for per_share in (False, True):
                sort = [(m, named) for m, named in of_period if (m.kind == "price") == per_share]
                fact = _reconciled(items, sort, text, reading, words)
                if fact is not None and frozenset(fact.roles.values()) not in taken:
                    taken.add(frozenset(fact.roles.values()))
                    out.append(fact.model_copy(update={"rule": rule.id, "type": rule.type}))
    return out


def _item_runs(own: list[Mention], after: int, text: str, comparison) -> list[list[Mention]]:
    """The items after the cue, one run per period: a comparison starts the other period's run, and a figure in
    brackets right after another is that one's companion (last year's), no item."""
    runs: list[list[Mention]] = [[]]
    previous_end = after
    for m in own:
        if m.start < after:
            continue
        between = text[previous_end:m.start]
        if runs[-1] and between.strip() == "(":
            continue
        if runs[-1] and comparison.search(between):
            runs.append([])
        runs[-1].append(m)
        previous_end = m.end
    return [r for r in runs if r]


def _reconciled(run: list[Mention], near: list[tuple[Mention, bool]], text: str, reading: Reading,
                words: Words) -> Fact | None:
    found, slipped = [], []
    measures: dict[int, frozenset[str]] = {}  # (each figure's measure read once: it meets every adjusted figure)
    for a, a_adjusted in near:
        if not a_adjusted:
            continue
        items = [m for m in run if _alike(m, a)]
        a_words = _measure(a, text, reading, words)
        signs = _signs(items, text, words) if items else []
        for r, r_adjusted in near:
            if r_adjusted or r.kind != a.kind or r.unit != a.unit or exact(r.value) == exact(a.value):
                continue
            if r.id not in measures:
                measures[r.id] = _measure(r, text, reading, words)
            if not (a_words & measures[r.id] or words.basis.search(_sentence(r, text, reading))):
                continue
            if items and _adds_up(a, r, items, signs, reading):
                found.append((a, r, items, signs))
            elif items:
                slipped += [(a, r, items, signs, slip) for slip in _scale_slips(a, r, items, signs, reading)]
    # one figure told again ("Adjusted EPS was $2.66" in the summary and the body) is one reading: the nearest
    if len({(exact(r.value), exact(a.value)) for a, r, _, _ in found}) != 1:
        # (none adds up as printed: a reading one figure's scale slip would make add up, where it is the only one,
        # is the reconciliation with that slip, which the check names; a thousandfold move meets no sum by chance)
        if found or len({(exact(r.value), exact(a.value), *slip) for a, r, _, _, slip in slipped}) != 1:
            return None  # none, or several readings: which is the reconciliation is a guess
        found = [f[:4] for f in slipped]
    a, r, items, signs = min(found, key=lambda f: abs(f[0].sentence - run[0].sentence) + abs(f[1].sentence - run[0].sentence))
    plus = [m for m, s in zip(items, signs) if s > 0]
    less = [m for m, s in zip(items, signs) if s < 0]
    roles = {"total": a.id, "part_1": r.id, **{f"part_{n}": m.id for n, m in enumerate(plus, 2)},
             **{f"less_{n}": m.id for n, m in enumerate(less, 1)}}
    return Fact(id=0, type="sum", rule="", roles=roles, sentence=a.sentence, strength="loose")


def _adds_up(a: Mention, r: Mention, items: list[Mention], signs: list[int], reading: Reading,
             slip: tuple[int, Fraction] | None = None) -> bool:
    """Whether the reported figure and the signed items meet the adjusted figure within their roundings, one figure
    read `slip[1]` times as large where a slip is tried."""
    def interval(m: Mention) -> tuple:
        lo, hi = reading.interval(m)
        return (lo * slip[1], hi * slip[1]) if slip and slip[0] == m.id else (lo, hi)
    s_lo, s_hi = interval(r)
    for m, s in zip(items, signs):
        m_lo, m_hi = interval(m)
        s_lo, s_hi = (s_lo + m_lo, s_hi + m_hi) if s > 0 else (s_lo - m_hi, s_hi - m_lo)
    a_lo, a_hi = interval(a)
    return s_lo <= a_hi and a_lo <= s_hi


def _scale_slips(a: Mention, r: Mention, items: list[Mention], signs: list[int], reading: Reading) -> list[tuple]:
    """The scale slips that make the reading add up, as (the slipped figure's value, the factor), in the order they
    are tried: each figure (a, r, the items), each slip. Floats screen them: a thousandfold move lands far from the
    sum nearly always, and only a slip within a rounding error of meeting it is asked of `_adds_up` on exact
    fractions (over the real corpus some 5,000 exact sums, nearly all of readings nothing adds up)."""
    floats = {m.id: (float(m.low), float(m.high)) for m in (a, r, *items)}
    terms = [(r, 1), *zip(items, signs)]
    return [(x.value, f) for x in (a, r, *items) for f in _SCALE_SLIPS
            if _may_add_up(a, terms, floats, x.id, float(f)) and _adds_up(a, r, items, signs, reading, (x.id, f))]


def _may_add_up(a: Mention, terms: list[tuple[Mention, int]], floats: dict, slipped: int, factor: float) -> bool:
    """`_adds_up` in floats, with a slack far above their rounding errors: False only where the exact sums miss."""
    def interval(m: Mention) -> tuple[float, float]:
        lo, hi = floats[m.id]
        return (lo * factor, hi * factor) if m.id == slipped else (lo, hi)
    s_lo = s_hi = size = 0.0
    for m, s in terms:
        m_lo, m_hi = interval(m)
        s_lo, s_hi = (s_lo + m_lo, s_hi + m_hi) if s > 0 else (s_lo - m_hi, s_hi - m_lo)
        size += abs(m_lo) + abs(m_hi)
    a_lo, a_hi = interval(a)
    slack = 1e-9 * (size + abs(a_lo) + abs(a_hi))
    return s_lo <= a_hi + slack and a_lo <= s_hi + slack


def _alike(item: Mention, a: Mention) -> bool:
    """An item of the adjusted figure's currency and sort: a per-share figure's items are per-share amounts, or
    amounts printed with no scale word ("special items of $0.17"); an amount's are amounts of its kind."""
    if item.currency != a.currency:
        return False
    if a.kind == "price":
        return item.kind == "price" and item.unit == a.unit or item.kind == "money" and item.scale is None
    return item.kind == "money" and (item.scale is None) == (a.scale is None)


def _signs(items: list[Mention], text: str, words: Words) -> list[int]:
    """How each item joins the reported figure to give the adjusted one: a gain was taken out; items printed
    below zero say their own effect on the reported figure, and then every item does."""
    signed = any(exact(m.value) < 0 for m in items)
    return [-1 if signed or _gain(text, m, words.gain) else 1 for m in items]


def _gain(text: str, m: Mention, gain) -> bool:
    """Whether the words right after the item ("a $1.7 million gain on disposal") or before it ("a gain of") call
    it a gain, which the adjusted figure leaves out."""
    after, before = gain
    return bool(after.match(text, m.end, m.end + 60) or before.search(text, max(0, m.start - 30), m.start))


def _named(by_sentence: dict, text: str, reading: Reading, adjusted, comparison) -> tuple[set[int], set[int]]:
    """The figures named adjusted: the words since the figure before it in its sentence say so ("Adjusted EPS
    was"), or it is that one's comparison ("core earnings were $2,923 million, compared to $2,630 million"); and
    the figures of a prior period: after a comparison, or in brackets right after another ("EUR 121 (51)")."""
    named: set[int] = set()
    prior: set[int] = set()
    for own in by_sentence.values():
        lo, _ = reading.bounds.sentence_of(own[0].start, own[-1].end)
        previous, last = None, {}
        for m in own:
            clause = text[max(lo, previous.end if previous else lo):m.start]
            compared = bool(comparison.search(clause)) or previous is not None and clause.strip() == "("
            # (a figure's per-share companion, ", or $1.36 per share", is named and dated as it is)
            companion = previous is not None and COMPANION.fullmatch(clause)
            if compared or companion and previous.id in prior:
                prior.add(m.id)
            if adjusted.search(clause) or companion and previous.id in named or compared and last.get(m.kind) in named:
                named.add(m.id)
            previous, last[m.kind] = m, m.id
    return named, prior


def _sentence(m: Mention, text: str, reading: Reading) -> str:
    lo, hi = reading.bounds.sentence_of(m.start, m.end)
    return text[lo:hi]


def _before(m: Mention, text: str, reading: Reading) -> str:
    """The words of the figure's sentence before it: what it measures and on which basis."""
    lo, _ = reading.bounds.sentence_of(m.start, m.end)
    return text[lo:m.start]


def _measure(m: Mention, text: str, reading: Reading, words: Words) -> frozenset[str]:
    """What the figure measures: the words before it in its sentence, named alike by `synonyms`."""
    said = content_words(_before(m, text, reading)[-120:])
    return frozenset(words.synonyms.get(w, w) for w in said) - words.generic

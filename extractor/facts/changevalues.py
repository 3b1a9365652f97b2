"""Changes a sentence tells in words no pattern knows, found by their arithmetic: "Subscription revenue stood at
$1.24 million against $1.10 million a year ago, the fastest pace since launch at 12.7%."

A sentence that speaks of a change (`cues`) and prints, among at most `max_figures` figures, exactly one
percentage that is the change from one of its figures to another of the same kind (within the rounding of all
three printings) is read as that change: the old figure is the one the percentage is relative to, the
direction the sign of the difference. The arithmetic finds the binding, so it never flags; the fact sheet
records it, loose.

What arithmetic finds by chance is kept out: a figure another percentage reaches ("rose 56% to $2.5 million")
is that change's new figure and no other's; figures of one significant digit (a change of 100% from $1 to
$2 is anywhere); a percentage that is also one figure's share of the other ("$50 million of $100 million, or
50%": a part of a whole, or a fall of 50%); a percentage printed with a sign (its direction is the words'
to tell); figures a change, sum or share already binds together; and a percentage two readings fit, or a pair two
percentages fit. A sentence may hold several such changes: one figure compared with two earlier ones, each by
its own percentage.

A percentage followed by the change it names and comparing words ("a 52% increase compared to the year-ago
quarter's revenue of $2.08 million") is bound by that phrase instead (`_compared`), whatever the figures give, so a
slip in one of them stays bound and the check can name it.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from fractions import Fraction
from functools import lru_cache
from itertools import permutations

import regex

from ..intervals import exact
from ..models import Fact, Mention
from ..rules import compiled, lexicon
from .subjects import Reading

_NOT_DIGIT = regex.compile(r"\D")
_NUMBER = regex.compile(r"\d[\d,]*(?:\.\d+)?")
# between a percentage and the figure its change reached
_TO = regex.compile(r"(?i)\s+to\s+(?:a\s+(?:record|new\s+high\s+of)\s+)?")


def changes_adding_up(rule, mentions: list[Mention], text: str, reading: Reading, facts: list[Fact]) -> list[Fact]:
    cue = compiled(f"(?i)\\b(?:{rule.options['cues']})")
    taken = _taken_by(facts)
    out = []
    kinds = set(rule.options.get("kinds", ["money", "price", "shares"]))
    for figures in _by_sentence(mentions, int(rule.options.get("max_figures", 8)), kinds | {"percent"}):
        levels, rates = _candidates(figures, kinds, taken)
        if len(levels) < 2 or not rates or not cue.search(text, *reading.bounds.sentence_of(figures[0].start,
                                                                                              figures[-1].end)):
            continue
        phrased = _compared(figures, rates, levels, taken, text)
        fits = [(pair, rate, exact(pair[1].value) > exact(pair[0].value))
                for pair, rate in _unique_fits(figures, rates, list(permutations(levels, 2)), taken, text, reading)
                if rate.id not in phrased]
        for (old, new), rate, up in fits + list(phrased.values()):
            out.append(Fact(id=0, type=rule.type, rule=rule.id, roles={"pct": rate.id, "from": old.id, "to": new.id},
                            sentence=rate.sentence, attributes={"dir": "increase" if up else "decrease"},
                            strength="loose"))
    return out


# "a 52% increase compared to the year-ago quarter's revenue of $2.08 million": a percentage, the change it names
# and the comparing words, then (no other figure between) the old figure
_COMPARED = regex.compile(r"(?i)\s*(?P<word>increase|decrease|decline|growth|gain|rise|drop|reduction)\s+"
                          r"(?:compared\s+(?:to|with)|versus|vs\.?|over)\s+(?P<between>[^;:%]{0,120}?)$")
_UP = regex.compile(r"(?i)increase|growth|gain|rise")


def _compared(figures: list[Mention], rates: list[Mention], levels: list[Mention], taken: list[frozenset[int]],
              text: str) -> dict[int, tuple[tuple[Mention, Mention], Mention, bool]]:
    """The changes a sentence's phrases bind whatever their figures ("Quarterly revenue of $3.17 million,
    reflecting a 52% increase compared to the year-ago quarter's $2.08 million and a 30% increase compared to
    the prior quarter's $2.44 million"): each percentage followed by the change it names, comparing words and,
    with no other figure between, its old figure; the new figure is the one figure the sentence prints before
    its first percentage, of the old figure's kind. Read from the words, so a slip in either figure leaves the
    binding where it was (it stays loose: the new figure is another clause's), and the direction is the word's."""
    out = {}
    first = min((m.start for m in figures if m.kind == "percent"), default=None)
    before = [m for m in figures if first is not None and m.end <= first]
    if len(before) != 1 or before[0] not in levels:
        return out
    new = before[0]
    for rate in rates:
        later = [m for m in figures if m.start >= rate.end]
        if not later or later[0] not in levels:
            continue
        old = later[0]
        phrase = _COMPARED.match(text[rate.end:old.start])
        if phrase is None or not _same(old, new) or any(len({old.id, new.id, rate.id} & ids) >= 2 for ids in taken):
            continue
        out[rate.id] = ((old, new), rate, bool(_UP.fullmatch(phrase.group("word"))))
    return out


def _taken_by(facts: list[Fact]) -> list[frozenset[int]]:
    """The figures each fact that relates figures binds together."""
    return [frozenset(f.roles.values()) for f in facts if f.type in ("change", "sum", "difference", "share-of-total")]


def _by_sentence(mentions: list[Mention], largest: int, kinds: set[str]) -> list[list[Mention]]:
    """Each sentence's prose figures of the kinds (no range end, no bound), where it holds no more than `largest`
    (its dates and plain numbers, "FY '25", take no part and are not counted)."""
    out: dict[int, list[Mention]] = defaultdict(list)
    for m in mentions:
        # ("approximately $3.17 million", three digits, is a measure said modestly and fits as printed; "about $1.6
        # million annualized" is a magnitude, and "over $3 million" a bound)
        if m.cell is None and m.kind in kinds and m.range_with is None and (not m.qualifier or lexicon()["qualifiers"].get(
                m.qualifier.lower()) == "around" and significant(m) >= 3):
            out[m.sentence].append(m)
    return [figures for figures in out.values() if len(figures) <= largest]


def _candidates(figures: list[Mention], kinds: set[str], taken: list[frozenset[int]]):
    """The figures a percentage may relate (of two significant digits or more) and the percentages (unsigned,
    bound by no other fact)."""
    bound = {i for ids in taken for i in ids}
    levels = [m for m in figures if m.kind in kinds and exact(m.value) > 0 and significant(m) >= 2]
    rates = [m for m in figures if m.kind == "percent" and m.id not in bound and exact(m.value) > 0
             and not m.text.lstrip().startswith(("-", "+", "(", "−"))]
    return levels, rates


def _unique_fits(figures, rates, pairs, taken, text: str, reading: Reading) -> list:
    """Each (pair, rate) whose arithmetic fits the change from the pair's first figure to its second, where
    the rate is not also the share one of the two is of the other: for each rate that one pair fits, none
    other fitting it or another rate fitting a pair with the same figures (a figure compared with two others,
    "$3.17 million, up 52% on last year's $2.08 million and 30% on last quarter's $2.44 million"). (Shares found
    this way were tried too: on 1,460 releases in no gold the share rules had bound every one.)"""
    reached = _reached(figures, text)
    found = []
    for rate in rates:
        for a, b in pairs:
            if not _same(a, b) or any(len({a.id, b.id, rate.id} & ids) >= 2 for ids in taken) \
                    or reached.get(a.id, rate.id) != rate.id or reached.get(b.id, rate.id) != rate.id:
                continue
            if _fits(rate, _change(a, b, reading), reading) and not _fits(rate, _share(a, b, reading), reading):
                found.append(((a, b), rate))
    rate_count = Counter(r.id for _, r in found)
    pair_count = Counter(frozenset(m.id for m in pair) for pair, _ in found)
    return [(pair, rate) for pair, rate in found
            if rate_count[rate.id] == 1 and pair_count[frozenset(m.id for m in pair)] == 1]


def _reached(figures: list[Mention], text: str) -> dict[int, int]:
    """Each figure a percentage reaches ("grew 187% to $1.1 million"), with that percentage: the new figure of
    that change, and of no other ("..., while EBITDA rose 56% to $2.5 million" is no fall of 56% from it)."""
    out, last = {}, None
    for m in figures:
        if m.kind == "percent":
            last = m
        elif last is not None and _TO.fullmatch(text, last.end, m.start):
            out[m.id] = last.id
    return out


def significant(m: Mention) -> int:
    """The significant digits a figure prints: "$40.0 million" three, "$40 million" and "$400,000" one or two
    (a round figure's zeros are no precision)."""
    return _significant(m.text)


@lru_cache(maxsize=8192)  # asked of each figure for every change it may be one of: some 90,000 times a corpus
def _significant(text: str) -> int:
    number = _NUMBER.search(text)
    if number is None:
        return 0
    digits = _NOT_DIGIT.sub("", number.group(0)).lstrip("0")
    return len(digits if "." in number.group(0) else digits.rstrip("0"))


def _same(a: Mention, b: Mention) -> bool:
    return a.kind == b.kind and a.unit == b.unit and a.currency == b.currency and exact(a.value) != exact(b.value)


def _change(old: Mention, new: Mention, reading: Reading) -> tuple[Fraction, Fraction] | None:
    """The percentage change from old to new, as the interval every rounding of the two printings allows (its
    size: the direction is the sign, read apart); None when the roundings allow either sign."""
    (olo, ohi), (nlo, nhi) = reading.interval(old), reading.interval(new)
    corners = [abs(n / o - 1) * 100 for o in (olo, ohi) for n in (nlo, nhi) if o > 0]
    if len(corners) < 4 or not (nlo > ohi or nhi < olo):
        return None
    return min(corners), max(corners)


def _share(a: Mention, b: Mention, reading: Reading) -> tuple[Fraction, Fraction] | None:
    """The percentage the smaller of two figures is of the larger."""
    (alo, ahi), (blo, bhi) = reading.interval(a), reading.interval(b)
    if exact(a.value) > exact(b.value):
        (alo, ahi), (blo, bhi) = (blo, bhi), (alo, ahi)
    if blo <= 0:
        return None
    return alo / bhi * 100, ahi / blo * 100


def _fits(rate: Mention, span: tuple[Fraction, Fraction] | None, reading: Reading) -> bool:
    if span is None:
        return False
    lo, hi = reading.interval(rate)
    return lo <= span[1] and span[0] <= hi

"""Restatements in prose that disagree by one misprint: "adjusted operating income of $48.2 million" in the
highlights and "adjusted operating income rose 9% to $42.8 million" in the discussion are one figure said
twice, once with two digits swapped.

Words alone bind nothing (a name's other figures are other segments and periods), and digits one slip apart
bind nothing alone either (a release holds many figures). Together they do, when the release leaves one
reading:

- the digits are one misprint apart at the coarser printing (`misprint`): two adjacent digits swapped, or a
  scale word a thousand or more off between the same digits; one digit mistyped is left out, as likely another
  figure of the same name (read on releases in no gold: per 1,460 releases, 0 pairs of figures that disagree
  with no slip at all looked like a scale slip, 8 like swapped digits, 158 like one mistyped digit);
- their names share words (`MISPRINT_WORDS`: two for swapped digits, one for a scale word), their clauses and
  their whole sentences name no clashing periods (a quarter's sentence and a year's are two figures);
- the odd figure is restated in agreement nowhere, and the figures one slip from it that share the most words
  with it hold one value; when that value is printed once too, no figure as closely named holds a third value
  (a series of years or segments, not one figure said twice).

The odd figure is the one no other agrees with; of two printed once each, the later. The binding is loose
(`by: misprint`): `restated-value` flags it with the slip that explains it.
"""

from __future__ import annotations

from collections import defaultdict
from fractions import Fraction
from typing import Callable

import regex

from ..intervals import exact
from ..models import Fact, Mention
from .restatewords import in_row
from .subjects import Reading, Subject, period_of

_DIGITS = regex.compile(r"\D")
_DECIMALS = regex.compile(r"\d\.(\d+)")
_SCALE_SLIPS = (Fraction(1000), Fraction(10 ** 6), Fraction(10 ** 9))
# how many words two figures' names must share to be one figure misprinted (see the module's docstring)
MISPRINT_WORDS = {"scale": 1, "transposed": 2}
# how many figures one figure is compared with, nearest first: bounds the work when a release repeats a
# figure's digits many times
_MAX_NEAR = 24
# how many figures of its kind either side of a figure are read for a third value of its name
_SERIES_REACH = 32


def misprint(a: Mention, b: Mention, reading: Reading) -> str | None:
    """The misprint that makes two disagreeing figures one, read at the coarser printing: "scale" (the same
    digits under scale words a thousand or more apart, "$4.2 billion" and "$4.2 million"), "transposed" (two
    adjacent digits swapped), "mistyped" (one digit other than the last), in figures of three digits or more;
    None when they agree or no misprint explains them. Signs are left out: prose prints a loss plainly."""
    (alo, ahi), (blo, bhi) = (sorted((abs(lo), abs(hi))) for lo, hi in (reading.interval(a), reading.interval(b)))
    va, vb = abs(exact(a.value)), abs(exact(b.value))
    if not va or not vb or alo <= vb <= ahi or blo <= va <= bhi:
        return None
    if a.scale and b.scale and a.kind != "percent" and a.scale != b.scale:
        # the same digits, not a figure inside another's rounding ("$0.2 million" is no slip of "$172.6 million")
        (slo, shi), (llo, lhi) = sorted(((alo, ahi), (blo, bhi)))
        return "scale" if _significant(a) == _significant(b) \
            and any(slo * f <= lhi and llo <= shi * f for f in _SCALE_SLIPS) else None
    quantum = max(ahi - alo, bhi - blo, _last_digit(a), _last_digit(b))
    have, want = str(round(va / quantum)), str(round(vb / quantum))
    if len(have) != len(want) or len(have) < 3:
        return None
    diffs = [i for i, (x, y) in enumerate(zip(have, want)) if x != y]
    if len(diffs) == 2 and diffs[1] == diffs[0] + 1 and have[diffs[0]] == want[diffs[1]] \
            and have[diffs[1]] == want[diffs[0]]:
        return "transposed"
    return "mistyped" if len(diffs) == 1 and diffs[0] < len(have) - 1 else None


def _significant(m: Mention) -> str:
    return _DIGITS.sub("", m.text).strip("0")


def _last_digit(m: Mention) -> Fraction:
    """What one unit of a figure's last printed digit is worth, for a figure read exactly ("$1,486,000", whose
    interval is a point): a tenth of the unit per decimal."""
    decimals = _DECIMALS.search(m.text)
    return Fraction(1, 10 ** len(decimals.group(1))) if decimals else Fraction(1)


def _keys(m: Mention) -> tuple[tuple, ...]:
    """Where a figure's possible misprints are looked up: its digits as a multiset at its own printing (swapped
    digits keep them; three or more, as `misprint` asks), and its significant digits when it prints a scale word
    (a slipped scale keeps them). Floats suffice here: `misprint` decides on exact values, and a key a float
    rounds the other way only loses a candidate."""
    kind = (m.kind, m.unit, m.currency)
    own = str(round(abs(float(m.value)) / max(abs(float(m.high) - float(m.low)), float(_last_digit(m)))))
    keys = ((kind, "t", "".join(sorted(own))),) if len(own) >= 3 else ()
    return keys + (((kind, "s", _significant(m)),) if m.scale else ())


def misprint_bindings(rule, figures: list[Mention], facts: list[Fact], of: Callable[[Mention], frozenset[str]],
                      together: Callable[[Mention, Mention], bool], reading: Reading) -> list[Fact]:
    """Each prose figure restated nowhere, bound to the figure of its name it is one misprint of."""
    agreed = {i for f in facts if f.attributes.get("by") in (None, "value", "twice") for i in f.roles.values()}
    bound = {i for f in facts for i in f.roles.values()}
    prose = [m for m in figures if m.cell is None and m.range_with is None and not m.qualifier
             and not in_row(m, reading)]
    # each key's figures by value: one value printed more than `_MAX_NEAR` times is a list, not a restatement
    lookup: dict[tuple, dict[tuple, list[Mention]]] = defaultdict(lambda: defaultdict(list))
    kinds: dict[tuple, list[Mention]] = defaultdict(list)
    keys = {m.id: _keys(m) for m in prose}
    for m in prose:
        for key in keys[m.id]:
            same = lookup[key][reading.interval(m)]
            if len(same) < _MAX_NEAR:
                same.append(m)
        kinds[(m.kind, m.unit, m.currency)].append(m)
    at = {m.id: i for group in kinds.values() for i, m in enumerate(group)}
    out = []
    for y in prose:
        if y.id in bound:
            continue
        own = reading.interval(y)
        candidates = {x.id: x for key in keys[y.id] for value, same in lookup[key].items() if value != own
                      for x in same if not together(x, y) and (x.id not in bound or x.id in agreed)}
        nearest = sorted(candidates.values(), key=lambda x: abs(x.start - y.start))[:_MAX_NEAR]
        x = _restated(y, nearest, of, agreed, reading, kinds[(y.kind, y.unit, y.currency)], at, together)
        if x is None:
            continue
        if x.id not in agreed and x.start > y.start:
            x, y = y, x
        out.append(Fact(id=0, type=rule.type, rule=rule.id, roles={"a": x.id, "b": y.id}, sentence=y.sentence,
                        attributes={"by": "misprint"}, strength="loose"))
        bound.update((x.id, y.id))
    return out


def _restated(y: Mention, candidates: list[Mention], of, agreed: set[int], reading: Reading,
              kind: list[Mention], at: dict[int, int], together) -> Mention | None:
    """The figure y is a misprint of, when the release leaves one: the nearest of the figures one slip from it
    that share the most words with it, all of one value."""
    words, subject = of(y), reading.subject(y)
    near = []
    for x in candidates:
        shared = len(words.intersection(of(x)))
        if shared >= MISPRINT_WORDS.get(misprint(x, y, reading), len(words) + 1) \
                and reading.subject(x).compatible(subject) \
                and _sentence_period(x, reading).compatible(_sentence_period(y, reading)):
            near.append((shared, x))
    if not near:
        return None
    best = max(s for s, _ in near)
    tops = [x for s, x in near if s == best]
    if len({reading.interval(x) for x in tops}) != 1:
        return None  # two figures one slip from it: which one it restates is a guess
    if not any(x.id in agreed for x in tops):
        # printed once: a figure as closely named with a third value makes the name a series (years, segments)
        i = at[y.id]
        values = {reading.interval(x) for x in kind[max(0, i - _SERIES_REACH):i + _SERIES_REACH]
                  if x is not y and not together(x, y) and len(words.intersection(of(x))) >= best
                  and reading.subject(x).compatible(subject)}
        if len(values) > 1:
            return None
    return min(tops, key=lambda m: abs(m.start - y.start))


def _sentence_period(m: Mention, reading: Reading) -> Subject:
    """The periods a figure's whole sentence names: two figures said in a quarter's sentence and a year's are
    not one figure, however their clauses read."""
    lo, hi = reading.bounds.sentence_of(m.start, m.end)
    return Subject((), *period_of(reading.text[lo:hi]))

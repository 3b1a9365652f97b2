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
- their names share words (`MISPRINT_WORDS`: two for swapped digits, one for a scale word, which a word of the
  phrase each figure modifies gives too in two significant digits, "tons of distillers grain" in clauses named
  otherwise; the release's own name, `restateswaps.own_name`, counts for none: two figures of one company are
  two things as often as one),
  their clauses and their whole sentences name no clashing periods (a quarter's sentence and a year's are two
  figures);
- two digits swapped in a figure of two ("62%" and "26%") ask for more: two name words, a word of the phrase each
  modifies ("construction completion"; words after figures of every kind, "year-over-year", name nothing), and
  nothing around either that tells them apart (`restateswaps.swapped_apart`: a numbered thing, a period or a name
  of its own in one sentence only, "Cohort A" and "Cohort B", "the fourth quarter" and "fiscal 2025");
- a bound said twice in the same words ("up to 17,753,322 shares" twice) is one figure, compared as printed,
  unless one caps something each day or each project (`restateswaps.other_bounds`);
- the odd figure is restated in agreement nowhere, and the figures one slip from it that share the most words
  with it hold one value; when that value is printed once too, no figure as closely named holds a third value
  (a series of years or segments, not one figure said twice).

The odd figure is the one no other agrees with; of two printed once each, the later. The binding is loose
(`by: misprint`): `restated-value` flags it with the slip that explains it.
"""

from __future__ import annotations

from collections import defaultdict
from fractions import Fraction
from functools import lru_cache
from typing import Callable

import regex

from ..intervals import exact
from ..models import Fact, Mention
from ..rules import lexicon
from .restatedigits import digit_slip, significant_text
from .restatephrase import modified
from .restatespans import Spans
from .restateswaps import other_bounds, own_name, swapped_apart, told_twice
from .subjects import Reading, Subject, agreeing, period_of, stems

_DECIMALS = regex.compile(r"\d\.(\d+)")
_SCALE_SLIPS = (Fraction(1000), Fraction(10 ** 6), Fraction(10 ** 9))
# how many words two names must share to be one figure misprinted ("short": two digits swapped in a figure of two)
MISPRINT_WORDS = {"scale": 1, "transposed": 2, "short": 2}
# the kinds a figure printed whole may slip three zeros in, and a plain count in this many digits or more
_WHOLE_KINDS, _COUNT_DIGITS = frozenset(("money", "shares")), 3  # ("153,000" acres; not "30" years)
# how many figures one figure is compared with, nearest first (a release may repeat a figure's digits many times)
_MAX_NEAR = 24
# how many figures of its kind either side of a figure are read for a third value of its name
_SERIES_REACH = 32


def misprint(a: Mention, b: Mention, reading: Reading, least: int = 3) -> str | None:
    """The misprint that makes two disagreeing figures one, read at the coarser printing: "scale" (the same
    digits under scale words a thousand or more apart, "$4.2 billion" and "$4.2 million"), "transposed" (two
    adjacent digits swapped, in `least` digits or more), "mistyped" (one digit other than the last), in figures
    of three digits or more; None when they agree or no misprint explains them. Signs are left out: prose prints
    a loss plainly."""
    (alo, ahi), (blo, bhi) = (sorted((abs(lo), abs(hi))) for lo, hi in (reading.interval(a), reading.interval(b)))
    va, vb = abs(exact(a.value)), abs(exact(b.value))
    if not va or not vb or alo <= vb <= ahi or blo <= va <= bhi:
        return None
    if a.kind != "percent" and (a.scale and b.scale and _factor(a) != _factor(b) or printed_whole(a) and printed_whole(b)):
        # the same digits, not a figure inside another's rounding ("$0.2 million" is no slip of "$172.6 million")
        (slo, shi), (llo, lhi) = sorted(((alo, ahi), (blo, bhi)))
        if same_digits(a, b) and any(slo * f <= lhi and llo <= shi * f for f in _SCALE_SLIPS):
            return "scale"
        if a.scale:
            return None
    return digit_slip(va, vb, max(ahi - alo, bhi - blo, last_digit(a), last_digit(b)), least)


_PRINTED = regex.compile(r"\d[\d,]*(?:\.\d+)?")


def _factor(m: Mention) -> Fraction | None:
    """What a figure's scale word multiplies its printed digits by ("M" and "million" alike), None when unread."""
    printed = _PRINTED.search(m.text)
    if not printed:
        return None
    digits = Fraction(printed.group(0).replace(",", ""))
    return abs(exact(m.value)) / digits if digits else None


def same_digits(a: Mention, b: Mention) -> bool:
    """Whether two figures print the same significant digits, read at the coarser printing when it has two or
    more ("$49.7M" and "$49.72 million"; not "$0.2 million" and "$172.6 million")."""
    short, long = sorted((significant(a), significant(b)), key=len)
    if short == long:
        return True
    if len(short) < 2 or not short.isdigit() or not long.isdigit():
        return False
    return _rounded(long, len(long) - len(short)) == short


def _rounded(digits: str, drop: int) -> str:
    """Printed digits rounded half up to `drop` fewer ("4972", 1 -> "497"), as a coarser printing rounds them."""
    unit = 10 ** drop
    return str((int(digits) + unit // 2) // unit)


def _leading(digits: str) -> tuple[str, ...]:
    """The keys two printings of one figure's digits share when one prints a digit more: its own digits, and
    rounded one digit shorter where two remain ("4972" is also "497", which "$49.7M" prints). Each key stays as
    narrow as a figure's own digits, so a release's figures meet only their few near printings."""
    if len(digits) <= 2 or not digits.isdigit():
        return (digits,)
    return tuple(dict.fromkeys((digits, _rounded(digits, 1))))


def rounded_only(qualifier: str | None) -> bool:
    """No qualifier, or one that only rounds ("approximately"): a bound ("more than", "up to") restates no
    figure."""
    return qualifier is None or _bounds().get(qualifier.lower(), "around") == "around"


def same_bound(a: str | None, b: str | None) -> bool:
    """Two qualifiers two printings of one figure may carry: none or a rounding each, or one bound in the same
    words ("more than 30 years" said twice: the same bound, so the same figure)."""
    if rounded_only(a) and rounded_only(b):
        return True
    return a is not None and b is not None and a.lower() == b.lower()


@lru_cache(maxsize=1)
def _bounds() -> dict[str, str]:
    return {str(k).lower(): str(v) for k, v in lexicon()["qualifiers"].items()}


def significant(m: Mention) -> str:
    """A figure's printed significant digits, its zeros at either end left out ("$4,500,000" -> "45")."""
    return significant_text(m.text)


def printed_whole(m: Mention, kinds: frozenset[str] = _WHOLE_KINDS) -> bool:
    """An amount or a share count (or a figure of `kinds`) printed whole, in all its digits and no scale word
    ("$75,000", "$75,000,000"), of two significant digits or more (three for a plain count): a thousand-fold slip
    there is three zeros too many or too few ("$100,000" and "$100,000,000", or "30" and "30,000" of anything, are
    as likely two round figures)."""
    digits = len(significant(m)) if m.scale is None and m.cell is None and "." not in m.text else 0
    return m.kind in kinds and digits >= 2 or m.kind == "number" and digits >= _COUNT_DIGITS


def last_digit(m: Mention) -> Fraction:
    """What one unit of a figure's last printed digit is worth, for a figure read exactly ("$1,486,000", whose
    interval is a point): a tenth of the unit per decimal, and a hundredth for a figure printed in a unit that
    small ("95 cents" is $0.95: its last digit is a cent; a scale word's larger unit the interval gives)."""
    decimals = _DECIMALS.search(m.text)
    unit = min(Fraction(1), _factor(m) or Fraction(1))
    return unit / 10 ** len(decimals.group(1)) if decimals else unit


def _keys(m: Mention) -> tuple[tuple, ...]:
    """Where a figure's possible misprints are looked up: its digits as a multiset at its own printing (swapped
    digits keep them; three or more, as `misprint` asks), and its significant digits when it prints a scale word
    (a slipped scale keeps them). Floats suffice here: `misprint` decides on exact values, and a key a float
    rounds the other way only loses a candidate."""
    kind = (m.kind, m.unit, m.currency)
    own = str(round(abs(float(m.value)) / max(abs(float(m.high) - float(m.low)), float(last_digit(m)))))
    keys = ((kind, "t", "".join(sorted(own))),) if len(own) >= 2 else ()
    return keys + tuple((kind, "s", d) for d in _leading(significant(m))) if m.scale or printed_whole(m) else keys


def misprint_bindings(rule, figures: list[Mention], facts: list[Fact], of: Callable[[Mention], frozenset[str]],
                      together: Callable[[Mention, Mention], bool], reading: Reading, topic=None) -> list[Fact]:
    """Each prose figure restated nowhere, bound to the figure of its name it is one misprint of."""
    agreed = agreeing(facts)
    bound = {i for f in facts for i in f.roles.values()}
    # a figure bound by its name alone to one of another value is still open to the figure a misprint restates
    named = {i for f in facts if f.strength != "loose" or f.attributes.get("by") != "subject" for i in f.roles.values()}
    generic = stems(str(rule.options.get("generic_after_words", "")))
    # a basis one name says and the other not ("Adjusted revenues" and "Revenues") makes them two figures
    basis = stems(str(rule.options.get("basis_words", "")))
    prose = [m for m in figures if m.cell is None and m.range_with is None and not in_row(m, reading)]
    # each key's figures by value: one value printed more than `_MAX_NEAR` times is a list, not a restatement
    lookup: dict[tuple, dict[tuple, list[Mention]]] = defaultdict(lambda: defaultdict(list))
    kinds: dict[tuple, list[Mention]] = defaultdict(list)
    keys = {m.id: _keys(m) for m in prose}
    for m in prose:
        for key in keys[m.id]:
            same = lookup[key][reading.value_key(m)]
            if len(same) < _MAX_NEAR:
                same.append(m)
        kinds[(m.kind, m.unit, m.currency)].append(m)
    at = {m.id: i for group in kinds.values() for i, m in enumerate(group)}
    out, spans = [], Spans(reading)
    for y in prose:
        if y.id in bound:
            continue
        own = reading.value_key(y)
        candidates = {x.id: x for key in keys[y.id] for value, same in lookup[key].items() if value != own
                      for x in same if not together(x, y) and (x.id not in named or x.id in agreed)
                      and same_bound(x.qualifier, y.qualifier) and not other_bounds(x, y, reading)
                      and _basis(x, basis, reading) == _basis(y, basis, reading)}
        nearest = sorted(candidates.values(), key=lambda x: abs(x.start - y.start))[:_MAX_NEAR]
        x = _restated(y, nearest, of, agreed, reading, kinds[(y.kind, y.unit, y.currency)], at, together, generic)
        scale = x is not None and misprint(x, y, reading) == "scale"
        if x is None or spans.apart(x, y, scale) or topic is not None and not topic.allows(x, y, of, scale):
            continue  # (two spans, times or things of one kind its own words name: `restatespans`; a title's)
        if x.id not in agreed and x.start > y.start:
            x, y = y, x
        out.append(Fact(id=0, type=rule.type, rule=rule.id, roles={"a": x.id, "b": y.id}, sentence=y.sentence,
                        attributes={"by": "misprint"}, strength="loose"))
        bound.update((x.id, y.id))
    return out + _mistyped(rule, prose, bound, agreed, together, reading, lambda m: _basis(m, basis, reading))


def _mistyped(rule, prose: list[Mention], bound: set[int], agreed: set[int], together, reading: Reading,
              basis: Callable[[Mention], frozenset[str]]) -> list[Fact]:
    """Each prose figure restated nowhere, bound to the one figure one mistyped digit from it that the release
    tells in the same words (`restateswaps.told_twice`): the figures are indexed once by their digits with each
    digit in turn left out, so only figures one digit apart meet."""
    index: dict[tuple, list[Mention]] = defaultdict(list)
    # (under the word right before each too: two figures told twice print the same one; a figure bound already
    # by a binding that does not agree is neither)
    prose = [m for m in prose if m.id not in bound or m.id in agreed]
    keys = {m.id: _one_digit_keys(m, _word_before(m, reading)) for m in prose}
    for m in prose:
        for key in keys[m.id]:
            if len(index[key]) < _MAX_NEAR:
                index[key].append(m)
    out = []
    for y in prose:
        if y.id in bound or not keys[y.id]:
            continue
        own = reading.value_key(y)
        near = {x.id: x for key in keys[y.id] for x in index[key] if x is not y and reading.value_key(x) != own
                and not together(x, y) and (x.id not in bound or x.id in agreed)}
        told = [x for x in near.values() if told_twice(x, y, reading, _UNNAMED_BEFORE)
                and same_bound(x.qualifier, y.qualifier) and not other_bounds(x, y, reading) and basis(x) == basis(y)
                and reading.subject(x).compatible(reading.subject(y))
                and sentence_period(x, reading).compatible(sentence_period(y, reading))]
        if not told or len({reading.value_key(x) for x in told}) != 1:
            continue  # none, or two figures told alike one digit from it: a series, not a slip
        x = min(told, key=lambda m: abs(m.start - y.start))
        # a third figure worded like y that holds x's value but is not told as y is: x is that one, y a second
        # thing ("in the fourth quarter, growth of 21%" and "for the full year, growth of 24%" under a 24% headline)
        seen = {m.id for m in told} | {y.id}
        if any(z.id not in seen and reading.value_key(z) == reading.value_key(x) for k in keys[y.id] for z in index[k]):
            continue
        if x.id not in agreed and x.start > y.start:
            x, y = y, x
        out.append(Fact(id=0, type=rule.type, rule=rule.id, roles={"a": x.id, "b": y.id}, sentence=y.sentence,
                        attributes={"by": "misprint", "wording": "same"}, strength="loose"))
        bound.update((x.id, y.id))
    return out


# how many words right before two figures told twice must be alike where no name binds them
_UNNAMED_BEFORE = 3
# the bindings by name whose two figures, told twice in the same words, show a mistyped digit (`told: twice`)
_TOLD_BY = frozenset(("subject",))


def mark_told_twice(facts: list[Fact], by_id: dict[int, Mention], reading: Reading) -> None:
    """Mark a binding by name of two prose figures one digit apart that the release tells in the same words
    (`told: twice`): the name bound them, the wording makes them one figure, so a mistyped digit is a slip."""
    for f in facts:
        if f.attributes.get("by") in _TOLD_BY:
            x, y = by_id.get(f.roles.get("a")), by_id.get(f.roles.get("b"))
            if x is not None and y is not None and x.cell is None and y.cell is None \
                    and not set(_one_digit_keys(x)).isdisjoint(_one_digit_keys(y)) and told_twice(x, y, reading):
                f.attributes["told"] = "twice"


_LETTERS = regex.compile(r"[A-Za-z][A-Za-z'’-]*")


def _word_before(m: Mention, reading: Reading) -> str:
    """The word right before a figure on its line, lower-cased ("" when none)."""
    text = reading.text
    line = text.rfind("\n", max(0, m.start - 24), m.start)
    words = _LETTERS.findall(text, max(0, m.start - 24, line + 1), m.start)
    return words[-1].lower() if words else ""


def _one_digit_keys(m: Mention, *also: str) -> tuple[tuple, ...]:
    """A figure's printed digits with each in turn left out, under its kind and printing (its scale word and its
    decimals): two figures share a key when they differ in one digit at most (two significant digits or more: in
    one, any other figure is one digit apart); `also`: what else the key holds (the word right before it)."""
    printed = _PRINTED.search(m.text)
    if not printed:
        return ()
    digits = printed.group(0).replace(",", "")
    point = digits.find(".")
    decimals, digits = (len(digits) - point - 1, digits.replace(".", "")) if point >= 0 else (0, digits)
    if len(digits.lstrip("0")) < 2:
        return ()
    kind = (m.kind, m.unit, m.currency, m.scale, decimals) + also
    return tuple((kind, digits[:i] + "?" + digits[i + 1:]) for i in range(len(digits)))


def _basis(m: Mention, basis: frozenset[str], reading: Reading) -> frozenset[str]:
    """The basis words ("adjusted", "organic") its sentence says before the figure: the name's family holds the
    words of every figure so named, so it cannot tell "Adjusted revenues" from "Revenues". Read once a figure."""
    said = reading.derived(_per_figure)
    if ("basis", m.id) not in said:
        lo, _ = reading.bounds.sentence_of(m.start, m.end)
        said["basis", m.id] = stems(reading.text[lo:m.start].lower()) & basis
    return said["basis", m.id]


def _per_figure(_mentions) -> dict:
    """What the misprint bindings read of each figure, kept for the release (each figure is a candidate of many)."""
    return {}


def _restated(y: Mention, candidates: list[Mention], of, agreed: set[int], reading: Reading,
              kind: list[Mention], at: dict[int, int], together,
              generic: frozenset[str] = frozenset()) -> Mention | None:
    """The figure y is a misprint of, when the release leaves one: the nearest of the figures one slip from it
    that share the most words with it, all of one value."""
    if not candidates:
        return None  # (most figures have none: their names are not read)
    words, subject = of(y) - reading.of_text(own_name), reading.subject(y)
    period = None
    near = []
    after = modified(y, reading) - generic
    for x in candidates:
        shared = len(words.intersection(of(x)))
        # the phrase each modifies sharing a word ("62% construction completion" twice; words after most figures
        # of a kind, "year-over-year", name none): what a swap in two digits asks for besides two name words
        phrase = not after.isdisjoint(modified(x, reading))
        if not shared:
            # every misprint asks for a shared word: of the name, or for the same digits a thousand apart, of the
            # phrase each modifies ("5.2 million tons of distillers grain" after "768 million gallons of ethanol
            # and", "5.2 billion tons of wet distillers grain" in a clause about revenues), in two significant
            # digits or more (a "$40 million order" and a "$40 billion order vehicle" are two orders)
            if not (phrase and len(significant(y)) >= 2 and misprint(x, y, reading) == "scale"):
                continue
            shared = MISPRINT_WORDS["scale"]
        slip = misprint(x, y, reading) or (shared >= MISPRINT_WORDS["short"] and phrase and misprint(x, y, reading, 2)
                                           and not swapped_apart(x, y, reading) and "short")
        if shared >= MISPRINT_WORDS.get(slip, len(words) + 1) and reading.subject(x).compatible(subject):
            period = period or sentence_period(y, reading)
            if sentence_period(x, reading).compatible(period):
                near.append((shared, slip, x))
    if not near:
        return None
    best = max(s for s, _, _ in near)
    tops = [x for s, _, x in near if s == best]
    if len({reading.value_key(x) for x in tops}) != 1:
        return None  # two figures one slip from it: which one it restates is a guess
    # (the same digits a thousand-fold apart are no series' next value: only swapped digits may be)
    if not any(x.id in agreed for x in tops) and any(slip != "scale" for s, slip, _ in near if s == best):
        # printed once: a figure as closely named with a third value makes the name a series (years, segments)
        i = at[y.id]
        values = {reading.value_key(x) for x in kind[max(0, i - _SERIES_REACH):i + _SERIES_REACH]
                  if x is not y and not together(x, y) and len(words.intersection(of(x))) >= best
                  and reading.subject(x).compatible(subject)}
        if len(values) > 1:
            return None
    return min(tops, key=lambda m: abs(m.start - y.start))


def sentence_period(m: Mention, reading: Reading) -> Subject:
    """The periods a figure's whole sentence names: two figures said in a quarter's sentence and a year's are
    not one figure, however their clauses read."""
    lo, hi = reading.bounds.sentence_of(m.start, m.end)
    return Subject((), *period_of(reading.text[lo:hi]))


# what stands between two figures of one table row printed as a line: spaces, currency signs ("$ 4,373 $
# 3,958"); a bracket may be prose ("$3.5 billion (NOK 2.1 per share)")
_BARE = regex.compile(r"[ \t$€£¥|]*")


def in_row(m: Mention, reading: Reading) -> bool:
    """Whether a prose figure stands next to another with no word between ("Services and other 162 159"): a
    row of a table not read as one, whose label names every figure of the row and of its sections alike."""
    said = reading.derived(_per_figure)  # (asked of each prose figure by every binding that reads names)
    if ("row", m.id) not in said:
        (before, after), text = reading.neighbours(m), reading.text
        said["row", m.id] = any(_BARE.fullmatch(text, a.end, b.start) for a, b in ((before, m), (m, after)) if a and b)
    return said["row", m.id]


def slipped(x: Mention, y: Mention, reading: Reading, mistyped: bool = True) -> bool:
    """Whether one known misprint makes two differing figures one: digits transposed or one mistyped, or a scale
    a thousand or more off between the same digits (a price or a count of a unit printed whole too: "US$1,750"
    and "US$1,750,000" an ounce; one mistyped digit only when `mistyped`). Two figures no slip relates are two
    figures, whatever names or places them."""
    slip = misprint(x, y, reading)
    if slip:
        return mistyped or slip != "mistyped"
    digits = [significant(m) for m in (x, y)]
    if digits[0] != digits[1] or len(digits[0]) < 2 or any(m.scale or "." in m.text for m in (x, y)):
        return False
    small, large = sorted((abs(float(x.value)), abs(float(y.value))))
    return small > 0 and round(large / small) in (10 ** 3, 10 ** 6, 10 ** 9)

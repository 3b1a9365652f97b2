"""One way to read a printed number: digits, words, scale and precision.

"1,550M" -> 1,550,000,000 ; "(1,191.1)" -> -1191.1 ; "three million" -> 3,000,000.
A printed figure stands for every value that rounds to it, so each reading
also carries the interval its last printed digit allows: "$3.0M" is
2,950,000..3,050,000. Whole counts printed without a scale word ("1,667,000
shares") are exact: nobody rounds a share register to the unit.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, localcontext
from fractions import Fraction
from functools import lru_cache

import regex

from ..rules import lexicon

# The one grammar of printed digits, which the quantity rules use as {DIGITS} and every parser below reads:
# thousands grouped by threes ("1,250,000"), or Indian grouping, twos above the thousands ("3,44,82,758");
# decimals after a point. The comma groups are taken whole (`++`): the regex engine backs out of a long repeated
# group in time quadratic in its length. Indian groups are at most six pairs (a crore of crores).
DIGITS = r"(?:\d{1,3}(?:,\d{3})++|\d{1,2}(?:,\d\d){1,6},\d{3}|\d+)(?:\.\d+)?"
_DIGITS = regex.compile(DIGITS + r"|\.\d+")
# A decimal comma ("23,2" of "23,2%"): the quantity rules accept one only before a percent or a scale word
# (rules/quantities/fragments.yaml, DECIMAL_COMMA); one or two digits after a comma are never a thousands group.
_DECIMAL_COMMA = regex.compile(r"\d{1,3},\d{1,2}")
_WORD_SPLIT = regex.compile(r"[\s-]+")
# A figure's digits as a text prints them, with the sign or opening parenthesis before them.
PRINTED = regex.compile(r"[-−]?\(?(?:\d{1,3},\d{1,2}(?![\d,])|" + DIGITS + r")|\.\d+")


class NumberError(ValueError):
    """Text that does not read as a number."""


@dataclass(frozen=True)
class Reading:
    value: Decimal
    low: Decimal
    high: Decimal
    exact: bool


@dataclass(frozen=True)
class Printed:
    """How a mention prints its figure: its digits' place in the mention's text, its decimals, its scale."""

    start: int
    end: int
    digits: str  # as printed: "(1,191.1", "-0.5", "3,000"
    places: int
    multiplier: Decimal  # value / printed number: 1,000,000 for "$3.0M", the unit note for a table cell


def printed_form(text: str, value: str, kind: str) -> Printed | None:
    """The printed form of a figure whose text is `text` and whose value is `value`; None without digits
    (or with only zeros, which say nothing of a scale)."""
    found = PRINTED.search(text)
    if not found:
        return None
    digits = found.group(0).lstrip("-−(")
    plain = _plain(digits)
    shown = Decimal(plain)  # digits PRINTED matched: the grammar is checked
    if shown == 0:
        return None
    places = len(plain.split(".")[1]) if "." in plain else 0
    multiplier = Decimal(1) if kind == "percent" else abs(Decimal(value)) / shown
    return Printed(found.start(), found.end(), found.group(0), places, multiplier)


@lru_cache(maxsize=8192)  # the cell reader and the share scaler read each cell; half the asks repeat one
def parse_digits(text: str, decimal_comma: bool = False) -> tuple[Decimal, int]:
    """Digits with grouping commas and an optional sign or accounting parentheses.

    Returns the value and how many decimal places were printed (the precision). `decimal_comma`: the caller's
    grammar has read "23,2" as a decimal comma (bare, one or two digits after a comma are no number).
    """
    t = text.strip().replace("\u2212", "-").replace("\u2013", "-").replace(" ", "")
    negative = False
    if t[:2] in ("($", "(€", "(£"):  # the sign inside the parentheses: "($278)"
        t = "(" + t[2:]
    t = t.removeprefix("+")
    if t.startswith("(") and (t.endswith(")") or ")" not in t):
        negative, t = True, t.strip("()")
    if t.startswith("-"):
        negative, t = True, t[1:]
    t = t.rstrip(")")
    if not t or not (_ungrouped(t) or _DIGITS.fullmatch(t) or (decimal_comma and _DECIMAL_COMMA.fullmatch(t))):
        raise NumberError(f"not a number: {text!r}")
    t = _plain(t)
    places = len(t.split(".", 1)[1]) if "." in t else 0
    value = Decimal(t)
    return (-value if negative else value), places


def _plain(digits: str) -> str:
    """Digits as Decimal reads them: grouping commas dropped, a decimal comma a point."""
    if "," not in digits:
        return digits
    return digits.replace(",", ".") if _DECIMAL_COMMA.fullmatch(digits) else digits.replace(",", "")


def _ungrouped(t: str) -> bool:
    """ASCII digits with at most one decimal point ("1250", "12.5", ".5"): the common case of {DIGITS}, told
    without the regex (every figure of a release is parsed)."""
    whole, point, part = t.partition(".")
    return t.isascii() and (whole.isdigit() or not whole and point) and (part.isdigit() if point else True)


@lru_cache(maxsize=None)
def _word_values() -> dict[str, Fraction]:
    return {k.lower(): Fraction(str(v)) for k, v in lexicon()["number_words"].items()}


@lru_cache(maxsize=None)
def _magnitudes() -> dict[str, int]:
    """Scale words spelled out ("thousand", "million", "lakh", "crore"), which close a group of a spelled number."""
    return {k.lower(): int(v) for k, v in lexicon()["scales"].items() if k.isalpha() and len(k) > 3}


def parse_words(text: str) -> Decimal:
    """Spelled-out numbers: "three", "twenty-five", "one hundred and forty-two", "two thousand five hundred",
    "one and a half", "a dozen", "half a" (of a scale word that follows).

    A running total: "hundred" multiplies the group being read, a scale word ("thousand", "lakh") closes the
    group into the total, "dozen" multiplies like "hundred", "half" adds a half ("one and a half") or stands for
    it ("half a million" -> 0.5 before the scale). "a"/"an" only stand for one on their own or before a multiplier.
    """
    words, magnitudes = _word_values(), _magnitudes()
    tokens = [w for w in _WORD_SPLIT.split(text.lower().strip()) if w and w != "and"]
    total, current = Fraction(0), Fraction(0)
    seen = False
    for n, word in enumerate(tokens):
        if word in ("a", "an"):
            following = tokens[n + 1] if n + 1 < len(tokens) else None
            if following is None or following in ("hundred", "dozen") or following in magnitudes:
                current += 1 if current == 0 else 0
                seen = True
            continue
        if word in magnitudes:
            total += (current or 1) * magnitudes[word]
            current, seen = Fraction(0), True
            continue
        if word == "half":
            current += Fraction(1, 2)
            seen = True
            continue
        if word not in words:
            raise NumberError(f"not a number word: {word!r}")
        value = words[word]
        seen = True
        if word in ("hundred", "dozen"):
            current = (current or 1) * value
        else:
            current += value
    if not seen:
        raise NumberError(f"no number in {text!r}")
    return quantize(total + current)


def scale_of(word: str | None) -> Decimal:
    if not word:
        return Decimal(1)
    scales = lexicon()["scales"]
    key = word.strip().rstrip(".")
    if key in scales:
        return Decimal(scales[key])
    lowered = key.lower()
    for name, value in scales.items():
        if name.lower() == lowered and name not in ("m", "M", "b", "B", "T"):
            return Decimal(value)
    raise NumberError(f"unknown scale {word!r}")


def quantize(value: Fraction | Decimal, places: int = 10) -> Decimal:
    with localcontext() as ctx:
        ctx.prec = 40
        if isinstance(value, Fraction):
            value = Decimal(value.numerator) / Decimal(value.denominator)
        return value.quantize(Decimal(1).scaleb(-places)).normalize()


def read(value: Decimal, places: int, multiplier: Decimal = Decimal(1), exact_whole: bool = False) -> Reading:
    """The value a printed figure names and the interval its precision allows.

    `exact_whole`: a whole number printed without a scale word is taken as exact
    (share counts, whole dollar amounts); otherwise half a unit of the last
    printed digit either way.
    """
    if exact_whole and places == 0 and multiplier == 1:
        return Reading(value, value, value, True)
    half = Decimal(5).scaleb(-(places + 1))
    if multiplier == 1:
        return Reading(value, value - half, value + half, False)
    # A scaled figure's printed decimals say nothing about the unit: "$3.0M" is 3000000.
    return Reading(tidy(value * multiplier), tidy((value - half) * multiplier), tidy((value + half) * multiplier), False)


def tidy(value: Decimal) -> Decimal:
    """Drop a decimal tail of zeros: 3000000.0 -> 3000000, 2.50 -> 2.5."""
    if value == value.to_integral_value():
        return value.quantize(Decimal(1))
    return value.normalize()


def read_text(text: str, scale_word: str | None = None, exact_whole: bool = False) -> Reading:
    """Digits or number words plus an optional scale word."""
    try:
        value, places = parse_digits(text, decimal_comma=True)  # the rules' grammar took any decimal comma
    except NumberError:
        value, places = parse_words(text), 0
        # "three million" is as exact as "3 million": the precision is the scale's unit.
    return read(value, places, scale_of(scale_word), exact_whole)

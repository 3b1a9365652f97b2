"""A computed value printed like the stated figure: the fix's text and the expected value a finding shows."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import regex

from ..models import Mention
from .wording import printed

_LADDER = ("thousand", "million", "billion", "trillion")
_SCALE_WORD = regex.compile(r"(?i)\b(thousand|million|billion|trillion)\b")


def format_like(m: Mention, value: Fraction) -> str | None:
    """`value` (in the mention's own units) printed the way the mention prints its figure."""
    p = printed(m)
    if p is None:
        return None
    number = Decimal(value.numerator) / Decimal(value.denominator) / p.multiplier
    negative = number < 0
    scale_word = ""
    if m.kind in ("money", "shares") and m.scale is None and p.places and abs(number) >= 1000:
        # "$0.6" for 600,000 was written without its scale word: give the word, not "$600000.0"
        # the largest scale at which the stated decimals still show the figure ("$0.6" -> "$0.6 million")
        size, scale_word = next((10 ** k, w) for k, w in ((9, "billion"), (6, "million"), (3, "thousand"))
                                if abs(number) / 10 ** k >= Decimal(1).scaleb(-p.places))
        number /= size
    number = abs(number).quantize(Decimal(1).scaleb(-p.places))
    text = f"{number:,.{p.places}f}" if "," in p.digits else f"{number:.{p.places}f}"
    text += f" {scale_word}" if scale_word else ""
    if negative:
        text = f"({text}" if p.digits.startswith("(") else f"-{text}"
    return m.text[: p.start] + text + m.text[p.end :]


def rescaled(m: Mention, ratio: Fraction) -> str:
    """The mention's text read `ratio` (a power of a thousand) times as large, the way a scale slip is undone:
    its scale word moved along the ladder ("$10.3 billion" -> "$10.3 million"), or for a figure printed whole,
    groups of three zeros dropped or added ("318,000" -> "318"); "" where neither reads it so."""
    steps, rest = 0, ratio
    while rest >= 1000:
        rest, steps = rest / 1000, steps + 1
    while 0 < rest < 1 and rest * 1000 <= 1:
        rest, steps = rest * 1000, steps - 1
    p = printed(m)
    if rest != 1 or not steps or p is None:
        return ""
    word = _SCALE_WORD.search(m.text, p.end)
    if word:
        at = _LADDER.index(word.group(1).lower()) + steps
        if not 0 <= at < len(_LADDER):
            return ""
        new = _LADDER[at].capitalize() if word.group(1)[0].isupper() else _LADDER[at]
        return m.text[: word.start()] + new + m.text[word.end():]
    digits = p.digits
    if "." in digits or "," not in digits and len(digits.lstrip("(-")) > 3:
        return ""  # (a figure with decimals, or grouped without commas, has no printed zeros to read)
    if steps > 0:
        return m.text[: p.end] + ",000" * steps + m.text[p.end:]
    cut = ",000" * -steps
    if not digits.endswith(cut) or len(digits.lstrip("(-")) <= len(cut):
        return ""
    return m.text[: p.end - len(cut)] + m.text[p.end:]


def _plain(value: Fraction, places: int) -> str:
    d = Decimal(value.numerator) / Decimal(value.denominator)
    q = d.quantize(Decimal(1).scaleb(-places))
    return format(q.normalize(), "f") if q == q.to_integral_value() or places > 0 else format(q, "f")


def expected_text(m: Mention, value: Fraction) -> str:
    """The expected value as a decimal string: whole figures to the unit, others one decimal finer."""
    p = printed(m)
    places = p.places if p else 0
    if m.kind == "ratio" and p is None and value:
        # a multiple told in a word prints no digits to follow: three significant digits ("2.5 times", not "2")
        d = Decimal(value.numerator) / Decimal(value.denominator)
        return _plain(value, max(0, 2 - d.copy_abs().adjusted()))
    if m.kind == "percent":
        return _plain(value, places + 1)
    multiplier = p.multiplier if p else Decimal(1)
    step = Fraction(Decimal(1).scaleb(-(places + 1 if places else 0)) * multiplier)
    if step >= 1:
        return _plain(Fraction(round(value / step) * step), 0)
    return _plain(value, places + 1)

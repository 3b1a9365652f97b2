"""Figures and roles in words for people: the one formatter every message and report uses.

A computed figure is printed the way the release prints figures of its kind:
money as "$13.5 million" or "$0.0040" (the release's own currency sign, a scale
word when the release used one or the amount is a million or more), shares as
"8.09 billion shares", percents as "344.4%", points as "2.3 points" or "120
basis points". `say(value, kind, like=mention)` takes the sign, scale and
decimals from the mention the figure stands beside, so an expected figure reads
like the stated one it corrects.
"""

from __future__ import annotations

import calendar
from datetime import date
from decimal import Decimal
from fractions import Fraction
from functools import cache

import regex

from ..models import AMOUNTS, Mention
from ..quantities.numbers import Printed, printed_form
from ..rules import lexicon

_SCALE_WORDS = ((Decimal(10) ** 12, "trillion"), (Decimal(10) ** 9, "billion"), (Decimal(10) ** 6, "million"),
                (Decimal(10) ** 3, "thousand"))
_COUNTED = {"shares": ("share", "shares"), "units": ("unit", "units"), "day": ("day", "days"),
            "days": ("day", "days")}


def printed(m: Mention) -> Printed | None:
    """How `m` prints its figure, read from its text on the first ask and kept on the mention (False: read,
    and no digits to print like). Few figures are ever asked (those a check finds wrong, or prints like), so
    none is read before; a mention from a fact sheet's JSON is read the same way."""
    carried = m.carried_printing
    if carried is None:
        carried = m.__pydantic_private__["_printed"] = printed_form(m.text, m.value, m.kind) or False
    return carried or None


@cache
def _signs() -> dict[str, str]:
    """ISO code -> the shortest sign the lexicon knows for it ("USD" -> "$", "CAD" -> "C$")."""
    out: dict[str, str] = {}
    for sign, code in lexicon()["currency_symbols"].items():
        if code not in out or len(sign) < len(out[code]):
            out[code] = sign
    return out


def _sign(currency: str | None, like: Mention | None) -> str:
    p = printed(like) if like is not None and like.kind in ("money", "price") else None
    own = like.text[: p.start] if p else ""
    if own.strip():
        return own  # the release's own way: "US $", "C$", "EUR "
    if not currency:
        return ""
    sign = _signs().get(currency, currency)
    return sign + (" " if sign[-1].isalpha() else "")


def _scaled(value: Decimal, kind: str, like: Mention | None) -> tuple[Decimal, str]:
    """The scale word to print: the largest one the value reaches, when the release used a scale word
    for this figure or the amount is a million or more."""
    if kind not in AMOUNTS:
        return Decimal(1), ""
    used = _scale_word(like)
    for size, word in _SCALE_WORDS:
        if abs(value) >= size and (size >= 10 ** 6 or used):
            return size, word
    return Decimal(1), ""


def _scale_word(like: Mention | None) -> bool:
    return like is not None and like.scale in lexicon()["scales"]  # a word, not a table's unit note


def _places(number: Decimal, size: Decimal, like: Mention | None, sig: int | None) -> int:
    """Decimals to show: what the value needs, at least the stated figure's at the same scale."""
    if sig is not None and number != 0:
        exponent = number.adjusted() - sig + 1
        number = number.quantize(Decimal(1).scaleb(exponent))
    needed = max(0, -number.normalize().as_tuple().exponent)
    p = printed(like) if like is not None else None
    if p is not None and p.multiplier == size and (needed or number < 1000):
        needed = max(needed, p.places)  # "$0.0040" keeps its zeros, "$600,000" gets no ".0"
    return min(needed, sig if sig is not None else 12)


def say(value, kind: str, like: Mention | None = None, *, unit: str | None = None, currency: str | None = None,
        sig: int | None = None) -> str:
    """`value` (a decimal string, Decimal or Fraction, in the kind's base units) as the release would print it.

    `sig` rounds to that many significant digits (an implied figure is approximate)."""
    if isinstance(value, Fraction):
        value = Decimal(value.numerator) / Decimal(value.denominator)
    value = Decimal(str(value))
    unit = unit or (like.unit if like is not None else None)
    currency = currency or (like.currency if like is not None else None)
    if kind == "percent":
        return _percent(value, unit, like)
    size, word = _scaled(value, kind, like)
    number = abs(value) / size
    places = _places(number, size, like, sig)
    if word and places > 3 and not _scale_word(like):  # a scale word would hide digits: "3,150,061 shares"
        size, word, number = Decimal(1), "", abs(value)
        places = _places(number, size, like, sig)
    text = f"{number.quantize(Decimal(1).scaleb(-places)):,.{places}f}"
    text += f" {word}" if word else ""
    if kind in ("money", "price"):
        text = _sign(currency, like) + text
    elif kind in ("shares", "number") and unit in _COUNTED:
        one, many = _COUNTED[unit]
        text += f" {one if value == 1 else many}"
    return f"-{text}" if value < 0 else text


def _percent(value: Decimal, unit: str | None, like: Mention | None) -> str:
    places = max(0, -value.normalize().as_tuple().exponent)
    p = printed(like) if like is not None else None
    places = min(max(places, p.places if p else 0), 4)
    number = f"{value.quantize(Decimal(1).scaleb(-places)):.{places}f}"
    if unit == "bp":
        return f"{number} basis point{'' if abs(value) == 1 else 's'}"
    if unit == "pp":
        return f"{number} point{'' if abs(value) == 1 else 's'}"
    return f"{number}%"


def say_date(iso: str) -> str:
    """ "2025-03-03" -> "March 3, 2025"; a period or partial date stays as written."""
    try:
        day = date.fromisoformat(iso)
    except ValueError:
        return iso
    return f"{calendar.month_name[day.month]} {day.day}, {day.year}"


def shown(text: str) -> str:
    """A figure as a message prints it: a table cell split from its closing bracket ("| (0.05 | ) |") is the
    span "(0.05", which the fix replaces as it is, but a reader is shown "(0.05)"."""
    return text + ")" * (text.count("(") - text.count(")"))


def say_mention(m: Mention) -> str:
    """A mention's value in words (a table cell "16,182" in thousands is "$16.182 million")."""
    if m.kind == "date":
        return say_date(m.value)
    if m.kind not in ("money", "price", "shares", "number", "percent"):
        return m.text
    return say(m.value, m.kind, m)


def say_interval(m: Mention) -> str:
    """What a printed figure stands for: the figure itself, or "between A and B" when its printing allows a range."""
    if m.low == m.high or m.kind not in ("money", "price", "shares", "number", "percent"):
        return say_mention(m)
    return f"between {say(m.low, m.kind, m)} and {say(m.high, m.kind, m)}"


# ---------------------------------------------------------------- roles and the release's own names

# A role's name in words; numbered roles (part_1, part_2) are listed together under their stem.
ROLE_WORDS = {
    "stated": "the stated figure", "expected": "the expected figure", "pct": "the stated percentage",
    "from": "the earlier figure", "to": "the later figure", "delta": "the stated change",
    "points": "the stated change in points", "total": "the total", "part": "the parts", "parts": "the parts",
    "whole": "the whole", "less": "the rows taken away", "minuend": "the first row", "proceeds": "the proceeds",
    "shares": "the share count", "price": "the price", "reference": "the reference price",
    "per_share": "the price per share", "amount": "the amount", "pref_shares": "the preferred shares",
    "stated_value": "the stated value", "before": "the shares before the split", "after": "the shares after",
    "ratio": "the ratio", "days": "the number of days", "start": "the start date", "end": "the end date",
    "headline": "the headline figure", "body": "the figure in the text", "stated_total": "the stated total",
}


def role_stem(role: str) -> str:
    stem, _, n = role.rpartition("_")
    return stem if n.isdigit() and stem else role


def role_words(role: str) -> str:
    """ "part_2" -> "the parts (2)", "per_share" -> "the price per share", an unknown role in plain words."""
    stem = role_stem(role)
    words = ROLE_WORDS.get(stem, "the " + stem.replace("_", " "))
    return f"{words} ({role[len(stem) + 1:]})" if stem != role else words


def listing(items: list[str]) -> str:
    """ "A", "A and B", "A, B and C"."""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1] if items else ""


_DETERMINERS = {"the", "a", "an", "its", "their", "our", "his", "her", "this", "that", "each"}
_NAME_BEFORE = regex.compile(r"((?:[A-Za-z][\w'’-]*\s+){1,5})of\s+$")


def name_in_text(text: str, m: Mention) -> str | None:
    """What the release calls a figure, from the words before it: "the closing bid price of $0.0009" ->
    "closing bid price". Only a phrase opened by a determiner counts ("premium of 444%" names no role)."""
    found = _NAME_BEFORE.search(text, max(0, m.start - 60), m.start)
    if not found:
        return None
    words = found.group(1).split()
    for i in range(len(words) - 1, -1, -1):
        if words[i].lower() in _DETERMINERS or words[i].endswith(("'s", "’s")):
            named = words[i + 1 :]
            return " ".join(named) if named and all(w.islower() for w in named) else None
    return None


def named(text: str, m: Mention, default: str) -> str:
    """ "the conversion price of $0.0040": the release's own name for the figure, else `default` words."""
    return f"the {name_in_text(text, m) or default} of {m.text}"


# ---------------------------------------------------------------- the sentence a finding is in

_BREAK_BEFORE = regex.compile(r"(?r)\n|[.!?](?=\s+[\"“(]?[A-Z0-9])")
_BREAK_AFTER = regex.compile(r"\n|[.!?](?=\s|$)")


def sentence_around(text: str, start: int, end: int, limit: int = 240) -> tuple[int, int, str, str]:
    """The sentence holding [start, end), cut to about `limit` characters around the figures when long:
    (from, to, lead, tail) with lead and tail "…" where the sentence was shortened."""
    window = max(limit, end - start + 40)
    back = _BREAK_BEFORE.search(text, max(0, start - 400), start)
    lo = back.end() if back else max(0, start - 400)
    ahead = _BREAK_AFTER.search(text, max(end, start), min(len(text), end + 400))
    hi = ahead.end() if ahead else min(len(text), end + 400)
    while lo < hi and text[lo].isspace():
        lo += 1
    lead = tail = ""
    if hi - lo > window:
        room = (window - (end - start)) // 2
        if start - lo > room:
            lo, lead = _word_edge(text, start - room, +1), "…"
        if hi - end > window - (end - lo):
            hi, tail = _word_edge(text, lo + window, -1), "…"
    return lo, max(hi, end), lead, tail


def _word_edge(text: str, at: int, step: int) -> int:
    """The nearest space from `at` in direction `step`, so a cut never splits a word."""
    i = at
    while 0 < i < len(text) and not text[i].isspace() and abs(i - at) < 20:
        i += step
    return i + 1 if step > 0 and i < len(text) and text[i].isspace() else i

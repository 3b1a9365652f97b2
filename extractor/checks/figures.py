"""A mention read as a number: the interval its printing allows, and what a stated figure may stand for."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction
from functools import lru_cache

import regex

from ..intervals import Interval, exact
from ..models import Mention
from ..rules import lexicon


_ONE, _HUNDREDTH = Fraction(1), Fraction(1, 100)


_frac = exact


def _unit_factor(m: Mention) -> Fraction:
    """Basis points enter formulas as percentage points."""
    return _HUNDREDTH if m.kind == "percent" and m.unit == "bp" else _ONE


def _day(m: Mention, year: int | None) -> dt.date | None:
    """A day mention's date as the quantity stage read it ("--02-11" falls in `year`); None for a period."""
    date = m.carried_date
    return date.on(year) if date is not None else None


def _date_ordinal(m: Mention, year: int | None) -> int | None:
    day = _day(m, year)
    return day.toordinal() if day else None


class Unusable(Exception):
    """An input that cannot enter arithmetic (a range like "up to", a period)."""


def input_interval(m: Mention, year: int | None, shared_bound: str | None = None, read=_frac) -> Interval:
    """The interval a figure's printing allows; `read=float` for the float screen of additive checks."""
    if m.kind == "date":
        day = _date_ordinal(m, year)
        if day is None:
            raise Unusable(m.text)
        # A date stands for its whole day.
        return Interval(Fraction(day), Fraction(day + 1))
    if m.qualifier and _bound(m.qualifier) not in ("around", shared_bound):
        raise Unusable(m.text)
    f = _unit_factor(m)
    if f is _ONE:
        return Interval(read(m.low), read(m.high))
    return Interval(read(m.low) * f, read(m.high) * f)


def input_point(m: Mention, year: int | None) -> Fraction:
    if m.kind == "date":
        day = _date_ordinal(m, year)
        if day is None:
            raise Unusable(m.text)
        return Fraction(day)
    return _frac(m.value) * _unit_factor(m)


@lru_cache(maxsize=None)
def _bounds() -> dict[str, str]:
    return {str(k).lower(): v for k, v in lexicon()["qualifiers"].items()}


def _bound(qualifier: str | None) -> str:
    return _bounds().get((qualifier or "").lower(), "around")


def stated_intervals(m: Mention, shared_bound: str | None = None, read=_frac) -> tuple[Interval, Interval]:
    """What a stated figure may stand for: rounded, and rounded or truncated.

    `shared_bound`: when the stated figure and its inputs carry the same bound ("up to 16,666,667
    shares ... gross proceeds of up to $5,000,000"), the maxima correspond and are compared as figures.
    `read=float`: the same in floats, for the float screen of additive checks.
    """
    f = _unit_factor(m)
    v, lo, hi = read(m.value), read(m.low), read(m.high)
    if f is not _ONE:
        v, lo, hi = v * f, lo * f, hi * f
    if lo == hi == v and m.kind in ("shares", "number", "money", "price"):
        # An exact-looking whole figure that is itself a result was rounded to the unit.
        lo, hi = v - Fraction(1, 2) * f, v + Fraction(1, 2) * f
    bound = _bound(m.qualifier)
    if bound == shared_bound:
        bound = "around"
    if bound in ("above", "min"):
        return Interval(lo, None), Interval(lo, None)
    if bound in ("below", "max"):
        return Interval(None, hi), Interval(None, hi)
    if bound == "near":
        # "nearly 15%" is short of 15% by about the step its significant digits count in (13.5% up to 15%, not
        # 1.5%); "almost 50%" by tens (from 39.5%), as a round figure's zeros are no precision; never by more
        # than a fifth of the figure ("nearly 100%" is 80% or more, not anything from 0%)
        step = min(_near_step(m, hi - lo), abs(v) / 5)
        return Interval(lo - step, hi), Interval(lo - step, hi)
    # Truncated down, or rounded up (share counts after a split are rounded up per holder).
    return Interval(lo, hi), Interval(lo - (v - lo), hi + (hi - v))


_FIGURE = regex.compile(r"\d[\d,]*(?:\.\d+)?")


def _near_step(m: Mention, step):
    """The step a figure's significant digits count in: its printing's, times ten for each zero a whole figure
    ends on ("50%" counts in tens, "15%" in ones, "14.7%" in tenths)."""
    number = _FIGURE.search(m.text)
    if number and "." not in number.group(0):
        digits = number.group(0).replace(",", "")
        if digits.strip("0"):
            step = step * 10 ** (len(digits) - len(digits.rstrip("0")))
    return step

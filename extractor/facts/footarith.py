"""The arithmetic of a footing's block: each figure's interval read once, a float screen of a block's sum against
its total, and the exact intervals that confirm a block the floats could not tell apart from its total."""

from __future__ import annotations

from fractions import Fraction

import regex

from ..models import AMOUNTS, Mention
from .subjects import Reading

_DECIMALS = regex.compile(r"\d\.(\d+)")
_NOT_DIGIT = regex.compile(r"\D")


def cell_of(m: Mention) -> tuple[float, float, float, tuple[bool, int]]:
    """Low, high, value, and the unit it is printed in: amounts of money, counts and plain figures of a table
    all take its unit note (a row naming "treasury shares" holds dollars), a price another. Read once per
    figure (`cells`): a figure is met once per block it may belong to."""
    digits = _DECIMALS.search(m.text)
    return float(m.low), float(m.high), float(m.value), (m.kind in AMOUNTS, len(digits.group(1)) if digits else 0)


def near(acc: list, top: tuple | None, total: tuple, how: str) -> bool:
    """Float screen: does the block (all added, its top row less the others, or its charges less) meet the
    total's interval?"""
    lo, hi = acc[0], acc[1]
    if how == "minus":  # top less the rest, the rest's bounds being the block's less the top's
        t_lo, t_hi = top[0], top[1]
        lo, hi = t_lo - (acc[1] - t_hi), t_hi - (acc[0] - t_lo)
    elif how == "mixed":
        lo, hi = acc[3], acc[4]
    slack = 1e-9 * (abs(lo) + abs(hi) + abs(total[0]) + abs(total[1]) + 1)
    return lo <= total[1] + slack and total[0] <= hi + slack


def adds_up(rows, block: list[int], signs: tuple[int, ...], r: int, c: int, reading: Reading, cells: dict) -> bool:
    """Do the block's exact intervals meet the total's? Floats answer unless an end is within their error."""
    lo = hi = size = 0.0
    for x, sign in zip(block, signs):
        if c in rows[x]:
            a, b = cells[rows[x][c].id][:2]
            lo, hi = (lo + a, hi + b) if sign > 0 else (lo - b, hi - a)
            size += abs(a) + abs(b)
    t_lo, t_hi = cells[rows[r][c].id][:2]
    slack = 1e-9 * (size + abs(t_lo) + abs(t_hi) + 1)
    if lo < t_hi - slack and t_lo < hi - slack:
        return True
    if lo > t_hi + slack or t_lo > hi + slack:
        return False
    lo = hi = Fraction(0)
    for x, sign in zip(block, signs):
        if c not in rows[x]:
            continue  # nil
        a, b = reading.interval(rows[x][c])
        lo, hi = (lo + a, hi + b) if sign > 0 else (lo - b, hi - a)
    t_lo, t_hi = reading.interval(rows[r][c])
    return lo <= t_hi and t_lo <= hi


def significant_digits(m: Mention) -> int:
    """Significant digits printed."""
    return len(_NOT_DIGIT.sub("", m.text).lstrip("0"))


def holds(total: Mention, cells: list, reading: Reading) -> bool:
    """Whether the parts' intervals, added, meet the total's (a balance sheet's identity)."""
    lo, hi = reading.interval(total)
    plo = phi = Fraction(0)
    for m in cells:
        a, b = reading.interval(m)
        plo, phi = plo + a, phi + b
    return plo <= hi and phi >= lo

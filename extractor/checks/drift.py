"""How far the printed figures may stray from the true ones and still be right: the drift the inputs' roundings
give a formula's value, and the printings of the stated figure that drift allows. A slip is judged against them
(`diagnoses.py`): with many rounded inputs the printed points add up to a figure half a unit of each away from
the true one, and a stated figure right but for its slip may print any figure within that reach."""

from __future__ import annotations

import math
from decimal import Decimal
from fractions import Fraction
from typing import Callable, Iterable

from .. import intervals
from ..intervals import FormulaError, Interval, Undefined
from ..models import Mention
from .figures import Unusable, _unit_factor
from .printing import format_like
from .wording import printed


def spreads(formula, points: Callable, owned: Callable[[str], list[int]],
            inputs: Iterable[Mention]) -> dict[int, Fraction] | None:
    """Each input's share of the formula's spread: half the width of its value when that input alone ranges
    over its printed rounding, the others at their printed points; None where the inputs cannot be read so.
    The printed rounding, not the wider reach of an "approximately" a figure may carry: the drift is what
    printing the true figures at their precision moves their sum by, not how far the writer guessed."""
    out = {}
    for m in inputs:
        half = half_unit(m)
        if not half:
            out[m.id] = Fraction(0)
            continue

        def env(name: str, mid=m.id, half=half):
            held = owned(name)
            return [Interval(v - half, v + half) if i == mid else Interval.point(v)
                    for v, i in zip(points(name), held or [None] * len(points(name)))]
        try:
            value = intervals.evaluate(formula, env)
        except (Unusable, Undefined, FormulaError, ZeroDivisionError, ValueError):
            return None
        if not value.bounded:
            return None
        out[m.id] = (value.hi - value.lo) / 2
    return out


def half_unit(m: Mention) -> Fraction:
    """Half the step of a figure's last printed digit, in the formula's units (0 for a date or a figure in words)."""
    p = printed(m)
    if p is None or m.kind == "date":
        return Fraction(0)
    return _step(p) * _unit_factor(m) / 2


def _step(p) -> Fraction:
    """One unit of a printing's last digit, in its own unit ("$12.5 million": a tenth of a million)."""
    return Fraction(Decimal(1).scaleb(-p.places) * p.multiplier)


def drift(shares: Iterable[Fraction]) -> Fraction:
    """How far the formula's value at the printed points may lie from the true one: two standard deviations of
    the inputs' rounding errors combined, each even over its half-unit (a variance of a third of its square),
    never more than all of them at their worst at once. All at their worst is what the interval test allows; the
    typical reach keeps a test of many inputs (a footing of twelve rows) from accepting a point six units off,
    where chance fits crowd in, while two rows' half-units still count nearly in full."""
    shares = [abs(s) for s in shares]
    typical = Fraction(2 * math.sqrt(float(sum(s * s for s in shares) / 3)))
    return min(typical, sum(shares, Fraction(0)))


def printings(m: Mention, window: Interval, factor: Fraction, most: int = 9) -> list[str]:
    """The figures printed like `m` (its decimals, its scale) whose rounding meets `window` (in the formula's
    units; `factor` the stated figure's unit), nearest the window's middle first; none where more than `most`
    would, as a wide reach lets some slip fit any figure by chance."""
    p = printed(m)
    if p is None or not window.bounded:
        return []
    step = _step(p) * factor
    first, last = math.ceil(window.lo / step - Fraction(1, 2)), math.floor(window.hi / step + Fraction(1, 2))
    if last - first + 1 > most:
        return []
    middle = (window.lo + window.hi) / 2
    ks = sorted(range(first, last + 1), key=lambda k: abs(k * step - middle))
    return [t for k in ks if (t := format_like(m, k * step / factor))]


def reach_of(check, inputs: list[Mention], points: Callable, owned: Callable, rounded: Interval,
             wanted: bool) -> Callable:
    """Whether an input's variant (`mid` read `ratio` times as large) gives a point `at` within the drift of the
    stated figure's interval: only where `wanted` and for a formula that adds and subtracts, where each input's
    share of the drift is its own half-unit, scaled with the figure (read once, on the first variant that asks)."""
    shares: list = []

    def within(mid: int, ratio: Fraction, at: Fraction) -> bool:
        if not (wanted and check.additive):
            return False
        if not shares:
            shares.append(spreads(check.formula, points, owned, inputs))
        if shares[0] is None:
            return False
        reach = drift(s * abs(ratio) if i == mid else s for i, s in shares[0].items())
        return rounded.lo - reach <= at <= rounded.hi + reach
    return within

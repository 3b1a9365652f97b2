"""Naming the usual mistake behind a wrong figure: a check's own `diagnoses`, and the slips every check can show."""

from __future__ import annotations

from fractions import Fraction
from typing import Callable

import regex

from .. import intervals
from ..intervals import FormulaError, Interval, Undefined
from ..models import Fact, Mention
from ..quantities.numbers import PRINTED
from .compiler import Check
from .figures import Unusable, _unit_factor
from .findings import Context, _render
from .printing import expected_text, format_like
from .roles import _roles_env
from .wording import printed, say


_SCALES = ((1000, "a thousand"), (1000000, "a million"), (1000000000, "a billion"))


def _generic_diagnosis(stated_m: Mention, stated: Interval, expected: Interval, expected_point: Fraction,
                       min_digits: int = 2) -> str | None:
    """The slips every check can show: a scale word off by a thousand or more (not for a percentage, which
    has no scale word to slip), two digits swapped, one digit mistyped."""
    # (nor when the expected figure is about nothing: a thousandth of nothing is still nothing)
    if stated.bounded and stated_m.kind != "percent" and not expected.contains_zero():
        for factor, words in _SCALES:
            if Interval(stated.lo * factor, stated.hi * factor).meets(expected):
                return f"the stated figure is {words} times too small (a scale slip)"
            if Interval(stated.lo / factor, stated.hi / factor).meets(expected):
                return f"the stated figure is {words} times too large (a scale slip)"
    shown = printed(stated_m)
    target = format_like(stated_m, expected_point / _unit_factor(stated_m))
    if shown and target:
        have = regex.sub(r"\D", "", shown.digits)
        want = regex.sub(r"\D", "", PRINTED.search(target).group(0))
        diffs = [i for i, (x, y) in enumerate(zip(have, want)) if x != y]
        if len(have.lstrip("0")) < min_digits:
            return None  # in a short figure one digit more or less is as likely another figure as a slip
        if len(have) == len(want) and len(diffs) == 2 and diffs[1] == diffs[0] + 1 \
                and have[diffs[0]] == want[diffs[1]] and have[diffs[1]] == want[diffs[0]]:
            return "two digits look transposed"
        # the last printed digit is where rounding shows: only a tight binding calls a slip there
        if len(have) == len(want) and len(diffs) == 1 and len(have) > 1 \
                and (min_digits < 3 or diffs[0] < len(have) - 1):
            return "one digit looks mistyped"
    return None


def _diagnosis(check: Check, fact: Fact, ctx: Context, choice: dict, shared: str | None, rounded: Interval,
               values: dict[str, str], names: Callable[[str, str], str | None]) -> tuple[str, str] | None:
    """The first of the check's usual mistakes the stated figure fits: its words, and the severity it calls for."""
    stated_m = ctx.by_id[fact.roles[check.stated]]
    for d in check.diagnoses:
        try:
            alt = intervals.evaluate(d.formula, _roles_env(check, fact, ctx, False, choice, shared))
            alt_point = intervals.evaluate(d.formula, _roles_env(check, fact, ctx, True, choice), points=True)
        except (Unusable, Undefined, FormulaError, ZeroDivisionError, ValueError):
            continue
        if rounded.meets(alt):
            shown = expected_text(stated_m, alt_point / _unit_factor(stated_m))
            reason = _render(d.message, {**values, "alternative": say(shown, stated_m.kind, stated_m)}, names)
            return reason, d.severity or check.severity
    return None

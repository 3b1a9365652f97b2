"""The formula mechanism: a fact's stated figure recomputed over intervals from its other roles.

A *formula* check names a fact type, the role that holds the stated (derived)
figure, and a formula for it over the other roles:

    fact: premium
    stated: stated
    formula: dir * (price / reference - 1) * 100

Every input stands for the interval its printing allows; the formula gives the
interval of values the stated figure could rightly have. The stated figure
stands for every value that rounds to it (and, less usually, that truncates to
it). When the two cannot meet, it is an error; when they meet only if the
stated figure was truncated, a warning. A check's `diagnoses` are alternative
formulas that name the usual mistake when the stated figure fits one of them
("444% is the ratio of $0.0040 to $0.0009"); a thousand/million slip and
transposed digits are recognised for every check.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Callable

from .. import intervals
from ..intervals import FormulaError, Interval, Undefined
from ..models import Fact, Finding, Fix, Mention
from .apart import apart
from .compiler import Check
from .diagnoses import _explanation
from .figures import Unusable, _bound, _frac, _unit_factor, stated_intervals
from .findings import Context, _evidence, _finding, _render
from .printing import _plain, expected_text, format_like
from .roles import _attribute_words, _choices, _has_role, _namer, _role_values, _roles_env, _shared_bound
from .slips import Slip
from .wording import say, shown


def run_formula(check: Check, ctx: Context) -> list[Finding]:
    out = []
    for fact in ctx.of_type.get(check.fact, ()):
        if check.stated not in fact.roles:
            continue
        if any(not _has_role(fact, r) for r in check.requires) or any(_has_role(fact, r) for r in check.absent):
            continue
        stated_m = ctx.by_id[fact.roles[check.stated]]
        readings = (_choices(check, fact, stated_m.value.startswith("-"), _loss_sizes(check, fact, ctx))
                    if check.attributes else [{}])
        shared = _shared_bound(check, fact, ctx)
        if check.additive and check.severity != "info" and _clearly_holds(check, fact, ctx, readings, shared, stated_m):
            continue  # (most table footings and totals: the exact fractions below would only agree)
        expectations = [(c, e) for c, e in zip(readings, _each(check, fact, ctx, readings, shared)) if e is not None]
        if not expectations:
            continue
        expectations, loss = _widened(check, stated_m, expectations)
        rounded, truncated = stated_intervals(stated_m, shared)
        if check.severity != "info" and any(rounded.meets(expected) for _, expected in expectations):
            continue
        # the point reading names the figure a finding proposes: only a fact that fails is worth it
        points = _each(check, fact, ctx, [c for c, _ in expectations], shared, points=True)
        results = [(c, e, -p if loss and p > 0 else p) for (c, e), p in zip(expectations, points) if p is not None]
        if not results:
            continue
        stated_point = _frac(stated_m.value) * _unit_factor(stated_m)
        choice, expected, point = min(results, key=lambda r: abs(r[2] - stated_point))
        factor = _unit_factor(stated_m)
        shown_expected = expected_text(stated_m, point / factor)
        values = {**_role_values(fact, ctx), "stated": shown(stated_m.text),
                  "expected": shown(format_like(stated_m, point / factor) or say(shown_expected, stated_m.kind, stated_m)),
                  "expected_value": say(shown_expected, stated_m.kind, stated_m), **_attribute_words(check, fact)}
        names = _namer(fact, ctx)
        evidence = _evidence(fact.roles, ctx)
        if check.severity == "info":
            implied = _implied(check, fact, ctx, expected, point, values, names)
            if implied:
                out.append(implied)
            continue
        severity = check.severity
        message = _render(check.message, values, names)
        if fact.strength == "loose" and truncated.meets(expected):
            continue  # weak binding, and a rounding reading saves it: not worth a reader's time
        if truncated.meets(expected):
            severity = "warning"
            message += f"; it holds only if {shown(stated_m.text)} was truncated or rounded up, not rounded to the nearest"
            fix = None
        else:
            reason, slip, severity = _explanation(check, fact, ctx, choice, shared, rounded, expected, point, values,
                                                  names, severity)
            if fact.strength == "loose" and not (reason or slip):
                continue  # a loose binding that no known mistake explains may simply be the wrong figures
            message = _slip_message(check, slip, stated_m, point / factor, values, names) or message
            message += f"; {reason or slip.words}" if reason or slip else ""
            fix = _fix(check, fact, stated_m, format_like(stated_m, point / factor), slip, severity, ctx)
        out.append(_finding(check, severity, message, stated_m, ctx, stated_m.value, shown_expected, evidence, fix, fact.id))
    return out


def _slip_message(check: Check, slip: Slip | None, stated_m: Mention, point: Fraction, values: dict,
                  names: Callable) -> str | None:
    """The message's headline as a slip tells it, where it differs from the computed figure's (`point`, in the
    stated figure's unit)."""
    if slip and slip.shown:  # (its own scale word: "should be $10.0 million", "a change of $4.1 million")
        worth = say(point, stated_m.kind, unit=stated_m.unit, currency=stated_m.currency, sig=4)
        # (a printing the drift allows, not the point: the message says the inputs reach it)
        worth += f", {shown(slip.shown)} within their roundings" if slip.drifted else ""
        return _render(check.message, {**values, "expected": shown(slip.shown), "expected_value": worth}, names)
    if slip and (slip.edit is not None or slip.mention is not None and slip.mention is not stated_m):
        # an input's slip, or a word's, leaves the stated figure right: no headline proposes the figure the inputs give
        return _render(check.message.replace("should be {expected}", "does not match the figures as printed"),
                       values, names)
    return None


def _fix(check: Check, fact: Fact, stated_m: Mention, replacement: str | None, slip: Slip | None,
         severity: str, ctx: Context) -> Fix | None:
    """The edit a failed fact proposes: the stated figure as its inputs give it (its scale word moved, where that
    slipped), or, where a tight binding's one input slip explains the mismatch, that input undone (the stated
    figure stays, and `ctx.undone` records the input for the finding's echoes); none for a loose binding's input
    slip, which leaves open which figure is wrong, nor for a warning."""
    if not check.fix or severity != "error":
        return None
    if slip and slip.mention is not stated_m:
        fix = slip.fix() if fact.strength != "loose" else None
        if fix is not None and slip.value is not None:  # (its echoes read that input corrected)
            ctx.undone[check.id, stated_m.start, stated_m.end] = (slip.mention.id, slip.value)
        return fix
    # (the stated figure's own scale word slipped: moved back, where its text shows how)
    own = slip.fix() if slip else None
    return own or (Fix(start=stated_m.start, end=stated_m.end, replacement=replacement) if replacement else None)


def _widened(check: Check, stated_m, expectations: list) -> tuple[list, bool]:
    """The expectations as the check's options widen them (`holder_fractions`, `loss_sign`), and whether the
    stated figure is a loss printed negative whose inputs carry no sign."""
    if check.options.get("holder_fractions"):
        expectations = [(c, _holder_fractions(e, check.options["holder_fractions"])) for c, e in expectations]
    loss = bool(check.options.get("loss_sign")) and stated_m.value.startswith("-")
    if loss:
        expectations = [(c, _as_loss(e)) for c, e in expectations]
    return expectations, loss


def _loss_sizes(check: Check, fact: Fact, ctx: Context) -> tuple:
    """The attributes (`loss_size`) a change between two figures printed negative reads both ways: "net loss
    widened by $0.4 million to $(1.2) million from $(0.8) million"."""
    names = check.options.get("loss_size")
    if not names or not all(ctx.by_id[i].value.startswith("-") for r, i in fact.roles.items() if r != check.stated):
        return ()
    return tuple(names)


def _as_loss(expected: Interval) -> Interval:
    """A figure printed negative, "$(0.05) per share", where its inputs are printed positive, "a net loss of $2.5
    million": the words carry the loss, so the figure's magnitude is what the inputs give."""
    return -expected if expected.bounded and expected.lo > 0 else expected


def _holder_fractions(expected: Interval, share) -> Interval:
    """A count that each holder's fraction, rounded up, down or paid in cash, moves by less than one (the shares
    after a split): it may differ from the exact figure by at most `share` of it either way."""
    if not expected.bounded or expected.lo <= 0:
        return expected
    share = Fraction(str(share))
    return Interval(expected.lo * (1 - share), expected.hi * (1 + share))


def _clearly_holds(check: Check, fact: Fact, ctx: Context, readings: list[dict], shared: str | None, stated_m) -> bool:
    """Whether floats show the stated figure meets an additive formula's value with room to spare.

    A figure read as a float is within half a unit in its last place; a formula that only adds and subtracts
    (`intervals.additive`) carries each term's error into its result once, so the float result is within a few
    units in the last place of the terms' total magnitude of the exact one. A margin of a billionth of that
    magnitude is far above the error: a meeting the floats show by more than it, the exact fractions show too.
    Anything closer, or unreadable, is left to the exact evaluation."""
    magnitude = [0.0]

    def env(name: str):
        values = inner(name)
        magnitude[0] += sum(abs(v.lo or 0) + abs(v.hi or 0) for v in values)
        return values

    try:
        rounded = stated_intervals(stated_m, shared, read=float)[0]
        for choice in readings:
            inner = _roles_env(check, fact, ctx, False, choice, shared, read=float)
            magnitude[0] = abs(rounded.lo or 0) + abs(rounded.hi or 0)
            expected = intervals.evaluate(check.formula, env)
            slack = 1e-9 * (magnitude[0] + 1)
            if (expected.hi is None or rounded.lo is None or rounded.lo <= expected.hi - slack) \
                    and (expected.lo is None or rounded.hi is None or expected.lo <= rounded.hi - slack):
                return True
    except (Unusable, Undefined, FormulaError, ZeroDivisionError, ValueError, OverflowError):
        return False
    return False


def _each(check: Check, fact: Fact, ctx: Context, readings: list[dict], shared: str | None, points: bool = False) -> list:
    """The formula's value (an interval, or a point) for each reading of the fact's attributes; None for one
    whose figures cannot enter arithmetic."""
    out = []
    for choice in readings:
        try:
            out.append(intervals.evaluate(check.formula, _roles_env(check, fact, ctx, points, choice, shared), points=points))
        except (Unusable, Undefined, FormulaError, ZeroDivisionError, ValueError):
            out.append(None)
    return out


def _implied(check: Check, fact: Fact, ctx: Context, expected: Interval, point: Fraction, values: dict,
             names: Callable[[str, str], str | None]) -> Finding | None:
    """An info finding for a figure the release implies; an error when it contradicts a stated one."""
    # the implied figure counts what the first figure that is not a percentage counts;
    # it is only as good as its inputs: three significant digits
    like = next((m for m in (ctx.by_id[mid] for mid in fact.roles.values()) if m.kind != "percent"), None)
    approx = say(point, like.kind if like else "number", like, sig=3)
    anchor = ctx.by_id[fact.roles[check.stated]]
    if check.compare_with:
        fact_type, role = check.compare_with
        for other in ctx.facts:
            if other.type == fact_type and role in other.roles:
                m = ctx.by_id[other.roles[role]]
                if m.qualifier and _bound(m.qualifier) != "around" or apart(m, anchor, ctx.text, ctx.sentence_span):
                    continue
                if not stated_intervals(m)[1].meets(expected):
                    msg = _render(check.options.get("contradiction", check.message),
                                  {**values, "other": m.text, "implied": approx}, names)
                    evidence = _evidence({**fact.roles, "stated_total": m.id}, ctx)
                    severity = check.options.get("contradiction_severity", "error")
                    return _finding(check, severity, msg, m, ctx, m.value, expected_text(anchor, point), evidence, None,
                                    fact.id)
                return None
    return _finding(check, "info", _render(check.message, {**values, "implied": approx}, names), anchor, ctx, None,
                    _plain(point, 0), _evidence(fact.roles, ctx), None, fact.id)

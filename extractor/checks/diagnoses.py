"""Naming the usual mistake behind a wrong figure: a check's own `diagnoses`, and the slips every check can show."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from typing import Callable

import regex

from .. import intervals
from ..intervals import FormulaError, Interval, Undefined
from ..models import Fact, Fix, Mention
from ..quantities.numbers import PRINTED
from .compiler import Check
from .drift import drift, printings, reach_of, spreads
from .figures import Unusable, _unit_factor
from .findings import Context, _render
from .printing import expected_text, format_like, rescaled
from .rewording import reworded
from .roles import _roles_env
from .slips import Slip, best_slip, digit_slips, short_slip_shows
from .wording import printed, say

_SCALES = ((1000, "a thousand"), (1000000, "a million"), (1000000000, "a billion"))
# "$2,063 million" where "$2.063 million" is meant, among figures printed "$1.178 million": one comma before three
# digits and a scale word, in a fact whose other figures print thousandths of that scale, is a decimal comma, so
# a figure a thousand times too large by the grouping reading is no evidence of a slip
_DECIMAL_COMMA = regex.compile(r"[(-]?\d{1,3},\d{3}")
_THOUSANDTHS = regex.compile(r"[(-]?\d+\.\d{3}")
# what is not a digit of a printed figure (with or without its point), compiled once: an input slip reads dozens of
# variants of each figure
_NOT_DIGIT, _NON_DIGIT = regex.compile(r"[^\d.]"), regex.compile(r"\D")


def _decimal_comma(stated_m: Mention, fact: Fact, ctx: Context) -> bool:
    shown = printed(stated_m)
    if not (shown and stated_m.cell is None and stated_m.scale and _DECIMAL_COMMA.fullmatch(shown.digits)):
        return False
    others = (ctx.by_id[i] for i in fact.roles.values() if i != stated_m.id)
    return any(m.scale == stated_m.scale and (p := printed(m)) and _THOUSANDTHS.fullmatch(p.digits) for m in others)


def _generic_diagnosis(stated_m: Mention, stated: Interval, expected: Interval, expected_point: Fraction,
                       min_digits: int = 2, decimal_comma: bool = False, last_digit: bool | None = None) -> str | None:
    """The slips every check can show: a scale word off by a thousand or more (not for a percentage, which
    has no scale word to slip), two digits swapped, one digit mistyped (the last printed one, where rounding
    shows, only when `last_digit`: by default for a binding tight enough to call a two-digit slip)."""
    scale = _stated_scale(stated_m, stated, expected, decimal_comma)
    if scale:
        return scale[1]
    # the last printed digit is where rounding shows: only a tight binding calls a slip there
    last_digit = min_digits < 3 if last_digit is None else last_digit
    return _printed_slip(stated_m, format_like(stated_m, expected_point / _unit_factor(stated_m)), min_digits,
                         last_digit)


def _printed_slip(stated_m: Mention, target: str | None, min_digits: int, last_digit: bool) -> str | None:
    """The slip that turns `target` (a figure printed like the stated one) into the stated figure: two digits
    swapped, or one mistyped (the last only where `last_digit`)."""
    shown = printed(stated_m)
    if not (shown and target):
        return None
    have = _NON_DIGIT.sub("", shown.digits)
    want = _NON_DIGIT.sub("", PRINTED.search(target).group(0))
    diffs = [i for i, (x, y) in enumerate(zip(have, want)) if x != y]
    if len(have.lstrip("0")) < min_digits:
        return None  # in a short figure one digit more or less is as likely another figure as a slip
    if len(have) == len(want) and len(diffs) == 2 and diffs[1] == diffs[0] + 1 \
            and have[diffs[0]] == want[diffs[1]] and have[diffs[1]] == want[diffs[0]]:
        return "two digits look transposed"
    if len(have) == len(want) and len(diffs) == 1 and len(have) > 1 and (last_digit or diffs[0] < len(have) - 1):
        return "one digit looks mistyped"
    return None


def _nearby_slip(stated_m: Mention, window: Interval, point: Fraction, min_digits: int) -> tuple[str, str] | None:
    """A slip of the stated figure from a printing the inputs' drift allows other than the computed point's
    ("$151 million" where the parts, $54, $40 and $20 million, add up to $114 million and may be $115 million):
    its words and that printing, where exactly one printing within the drift fits a slip (several leave the
    figure meant open, and then any slip may be chance)."""
    factor = _unit_factor(stated_m)
    own = format_like(stated_m, point / factor)
    # (only two digits swapped, one variant a pair: a mistyped digit gives nine a place, and against the few
    # printings a drift allows one of them meets a figure the binding took wrongly, last year's revenue for a
    # sum of this year's segments, by chance; a mistyped last digit meets one always)
    fits = [(words, t) for t in printings(stated_m, window, factor) if t != own
            if (words := _printed_slip(stated_m, t, min_digits, False)) == "two digits look transposed"]
    return fits[0] if len(fits) == 1 else None


def _stated_scale(stated_m: Mention, stated: Interval, expected: Interval,
                  decimal_comma: bool = False) -> tuple[Fraction, str] | None:
    """A scale word off by a thousand or more in the stated figure: how many times larger the right figure is,
    and the words. None for a percentage (it has no scale word to slip) and where the expected figure is about
    nothing (a thousandth of nothing is still nothing)."""
    if not stated.bounded or stated_m.kind == "percent" or expected.contains_zero():
        return None
    for factor, words in _SCALES:
        if Interval(stated.lo * factor, stated.hi * factor).meets(expected):
            return Fraction(factor), f"the stated figure is {words} times too small (a scale slip)"
        if Interval(stated.lo / factor, stated.hi / factor).meets(expected) and not (factor == 1000 and decimal_comma):
            return Fraction(1, factor), f"the stated figure is {words} times too large (a scale slip)"
    return None


def _diagnosis(check: Check, fact: Fact, ctx: Context, choice: dict, shared: str | None, rounded: Interval,
               values: dict[str, str], names: Callable[[str, str], str | None]) -> tuple[str, str, Fix | None] | None:
    """The first of the check's usual mistakes the stated figure fits: its words, the severity it calls for, and
    the edit that rewrites the word it blames (`rewrite`), where it blames one."""
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
            return reason, d.severity or check.severity, reworded(d.rewrite, fact, ctx.text)
    return None


def _explanation(check: Check, fact: Fact, ctx: Context, choice: dict, shared: str | None, rounded: Interval,
                 expected: Interval, point: Fraction, values: dict[str, str], names: Callable[[str, str], str | None],
                 severity: str) -> tuple[str | None, Slip | None, str]:
    """The known mistake that explains a stated figure no rounding saves: the check's own diagnosis or a slip of
    the figure (its words and severity), or else a slip of one of the inputs (`Slip`)."""
    stated_m = ctx.by_id[fact.roles[check.stated]]
    reason, severity, edit = _diagnosis(check, fact, ctx, choice, shared, rounded, values, names) or (None, severity, None)
    loose = fact.strength == "loose"
    comma = _decimal_comma(stated_m, fact, ctx)
    wanted, listed = check.options.get("input_slips"), _listed(check, fact)
    # The drift explains a slip only where every input is the relation's (a tight binding, a phrase listing every
    # part): a partial list ("$523 million, including $146, $71 and $35 million") falls short by what it leaves
    # out, and a window a few half-units wide around its sum meets a swap of the total's digits by chance
    drifts = not loose or listed
    if not reason and (scale := _stated_scale(stated_m, rounded, expected, comma)):
        # (the fix moves the stated figure's scale word, "$10.0 billion" -> "$10.0 million", rather than print the
        # expected figure at the wrong scale, "$0.0 billion"; unless an input's scale slip fits as well: in a
        # product, "4,000,000,000 shares at $2.50" for $10.0 million, either may be the one)
        other = _input_slip(check, fact, ctx, choice, shared, rounded, scale_only=True, drifts=drifts)
        moved = rescaled(stated_m, scale[0])  # (shown as expected: "$10.0 million", not "$0.0 billion")
        # (a scale word slips more readily than a figure printed whole gains or loses three zeros: such an input
        # competes only with a stated figure printed whole too)
        if other is not None and other.mention is not None and (stated_m.scale is None or other.mention.scale):
            return None, Slip(f"{stated_m.text} or {other.mention.text} may be the slip (a scale slip in one of the "
                              "two)", None, "", shown=moved), severity
        return None, Slip(scale[1], stated_m, moved, shown=moved), severity
    digits = _least_digits(check, fact, ctx, stated_m)
    reason = reason or _generic_diagnosis(stated_m, rounded, expected, point, digits, comma, last_digit=not loose)
    if not reason and drifts and (nearby := _drifted_slip(check, fact, ctx, choice, shared, expected, point, digits)):
        return None, Slip(nearby[0], stated_m, nearby[1], shown=nearby[1], drifted=True), severity
    # An input's slip explains the mismatch too, but leaves open which figure to correct. Only checks whose
    # roles each come from their own phrase ask for it (`input_slips`: true, or the fact rules whose phrase
    # lists every part): where a binding chose among many candidates (a sum's parts), some slip of some
    # input fits by chance.
    # A scale slip (a figure a thousand times off) is never such a chance: a binding chosen among candidates (an
    # "including" list's parts) takes it too, where the check asks for input slips at all.
    # A check may ask for two neighbouring digits swapped in an input only (`input_transpositions`: the fact rules),
    # against a stated figure its printing pins within 2% either way ("4.5%", "74%"; not "4%" nor "around 50%"):
    # one such variant a digit, where a mistyped digit gives nine, and a narrow target, so a wrong figure chosen
    # (another period's revenue for a margin) is seldom explained by chance.
    # A tight binding took each figure from its own place, so the one input whose slip, undone, gives the stated
    # figure is the figure to correct, where the stated figure shows no slip of its own: a part mistyped breaks
    # the total, and the fix belongs on the part ("1,546" for "1,946"), not on a total that was right.
    if reason:  # (a diagnosis blaming a word the fact captured: the slip is the word, its fix rewrites it)
        return reason, Slip(reason, None, "", edit=edit) if edit else None, severity
    if fact.strength != "loose":
        # (a digit's slip only against a stated figure its printing pins within 2% either way, "nearly 100%" is met
        # by many; a mistyped digit only against one of two significant digits or more: a round "30.0%"
        # miscalculated from $11.0 million to $13.0 million is met by "$10.0 million" by chance, where two digits
        # swapped, one variant a pair, seldom are; a scale word's slip against any)
        return None, _input_slip(check, fact, ctx, choice, shared, rounded, scale_only=not _narrow(rounded),
                                 mistyped=_significant(stated_m) >= 2), severity
    swaps = fact.rule in check.options.get("input_transpositions", ()) and _narrow(rounded)
    if not (wanted or swaps):
        return None, None, severity
    return None, _input_slip(check, fact, ctx, choice, shared, rounded, scale_only=not listed,
                             swaps=swaps and not listed, drifts=listed), severity


def _least_digits(check: Check, fact: Fact, ctx: Context, stated_m: Mention) -> int:
    """How many digits a stated figure must print for a slip of its digits to explain a mismatch. A loose binding
    may have picked another figure: the slip must show in three digits or more, unless each figure was the one its
    place names (`named`), or the check asks for it (`short_stated_slips`: the fact rules) and the figure is no round
    one ("50%" is as likely of another part than a slip), nor told roughly, and shares its sentence and period with
    its inputs (`short_slip_shows`): a two-digit slip is then as telling, though never one of the last digit, where
    another rounding or basis shows."""
    if fact.strength != "loose" or fact.named:
        return 2
    short = fact.rule in check.options.get("short_stated_slips", ()) and _significant(stated_m) >= 2
    return 2 if short and short_slip_shows(fact, ctx, stated_m) else 3


def _listed(check: Check, fact: Fact) -> bool:
    """Whether the check asks for every input's slip of this fact: `input_slips` true, or its rule among those
    whose phrase lists every part, or a fact whose mechanism read that it does (`list: full`)."""
    wanted = check.options.get("input_slips")
    return wanted is True or isinstance(wanted, list) and (fact.rule in wanted or fact.attributes.get("list") == "full")


def _drifted_slip(check: Check, fact: Fact, ctx: Context, choice: dict, shared: str | None, expected: Interval,
                  point: Fraction, digits: int) -> tuple[str, str] | None:
    """The stated figure's own slip from a printing within the drift of the computed point (`_nearby_slip`)."""
    if not expected.bounded:
        return None
    points = _read_once(_roles_env(check, fact, ctx, True, choice))
    stated = fact.roles[check.stated]
    shares = spreads(check.formula, points, _owned(fact), (ctx.by_id[i] for i in fact.roles.values() if i != stated))
    if shares is None:
        return None
    reach = drift(shares.values())
    lo, hi = max(expected.lo, point - reach), min(expected.hi, point + reach)
    return None if lo > hi else _nearby_slip(ctx.by_id[stated], Interval(lo, hi), point, digits)


def _significant(m: Mention) -> int:
    """How many significant digits a figure prints, its zeros at either end left out ("30.0%" one, "5,780" three)."""
    shown = printed(m)
    return len(_NON_DIGIT.sub("", shown.digits).strip("0")) if shown else 0


def _digits(m: Mention) -> int:
    """How many digits a figure prints from its first significant one ("0.04" one, "1,500" four)."""
    shown = printed(m)
    return len(_NON_DIGIT.sub("", shown.digits).lstrip("0")) if shown else 0


def _narrow(rounded: Interval) -> bool:
    """Whether a stated figure's interval lies within 2% of its middle either way (a loss's too)."""
    return rounded.bounded and (rounded.lo > 0 or rounded.hi < 0) \
        and (rounded.hi - rounded.lo) * 50 <= abs(rounded.hi + rounded.lo)


def _input_slip(check: Check, fact: Fact, ctx: Context, choice: dict, shared: str | None,
                rounded: Interval, scale_only: bool = False, swaps: bool = False, mistyped: bool = True,
                drifts: bool = True) -> Slip | None:
    """The slip of an *input* figure (a digit, two digits, a scale word) that, undone, gives the stated figure: for
    a loose binding the mismatch is then explained, though which figure is wrong needs a reader; for a tight one
    that input is the figure to correct. A stated bound ("over 95 tournaments, including 72 titles and 10
    majors") is met by any figure large enough, so no slip explains a mismatch with it. Where the check asks for
    it (`short_input_slips`: the fact rules), an input of two digits may show a digit's slip too."""
    if not rounded.bounded:
        return None
    # each input's figures read once: the formula is evaluated again for every slip of every input
    base = (_read_once(_roles_env(check, fact, ctx, False, choice, shared)),
            _read_once(_roles_env(check, fact, ctx, True, choice)))
    owned = _owned(fact)
    short = fact.rule in check.options.get("short_input_slips", ())
    pinned = _significant(ctx.by_id[fact.roles[check.stated]]) > 2  # (a figure of three digits, not "30 per cent")
    stated = ctx.by_id[fact.roles[check.stated]]
    target = Fraction(Decimal(stated.value)) * _unit_factor(stated)
    found = []
    reach = reach_of(check, [ctx.by_id[i] for r, i in fact.roles.items() if r != check.stated], base[1], owned,
                     rounded, drifts)
    for role, mid in fact.roles.items():
        m = ctx.by_id[mid]
        shown = printed(m)
        if role == check.stated or m.kind == "date" or not shown:
            continue
        digits = [] if scale_only and not swaps else digit_slips(shown.digits, 2 if short else 3)
        for was, ratio, why in _variants(m, shown, digits, ctx, rounded, swaps, mistyped):
            if not ratio:
                continue
            # the printed figures, the slip undone, must give the stated figure itself, not only meet it at an
            # edge; the point is tried first, as it rules out nearly every variant and costs less than intervals.
            # A scale slip's point, where the formula only adds and subtracts, may lie off the stated figure by the
            # drift the inputs' roundings typically show (`drift`): five rounded parts add up to 5.999 where the
            # total prints 5.9, and the release holds. Not a digit slip's: it moves a figure by a few units of
            # one digit, and a window a few half-units wider lets some part's slip meet a wrong total by chance
            # ("(215)" read "(251)" where the parts, (215) and (60), are right and the total (310) is not); a
            # thousandfold move meets no mismatch within half-units by chance, and nor does a swap against a
            # percentage pinned within 2% in three digits (`swaps`: one variant a pair, a narrow target; not a round
            # "30 per cent"): a part's point may lie off it as the release's own does ($61.0 of $318.6 million is
            # 19.15%, printed 19.2%)
            try:
                at = intervals.evaluate(check.formula, _scaled_role(base[1], mid, owned, ratio), points=True)
                drifted = not rounded.meets(Interval.point(at))
                if drifted and not (why == "a scale slip" and reach(mid, ratio, at) or swaps and pinned):
                    continue
                alt = intervals.evaluate(check.formula, _scaled_role(base[0], mid, owned, Interval.point(ratio)))
            except (Unusable, Undefined, FormulaError, ZeroDivisionError, ValueError):
                continue
            if rounded.meets(alt):
                found.append((abs(at - target), m, was, why, ratio, drifted))
    if found and swaps and _another_figure(check, fact, ctx, base[1], owned, rounded):
        return None  # (asked only where a slip fits: most mismatches have none)
    # (a short figure's digit slip gives one of a few dozen figures near it, some part's of which meets a mismatch
    # by chance more often than a longer figure's: it is named only as the one slip of the fact that fits)
    return best_slip(found, alone=short and any(f[3] != "a scale slip" and _digits(f[1]) < 3 for f in found),
                     either=fact.strength == "loose")


def _variants(m: Mention, shown, digits, ctx: Context, rounded: Interval, swaps: bool, mistyped: bool) -> list[tuple]:
    """An input's figure as each slip of it would read undone: its text, how many times as large it is, the slip's
    name (`digits`, its digit slips, "two digits look transposed" alone where `swaps`; and its scale slips)."""
    number = Fraction(Decimal(_NOT_DIGIT.sub("", shown.digits)))
    # (a swap giving a figure of its kind the release prints elsewhere says the binding took the wrong one: no slip)
    variants = [
        (m.text[:shown.start] + t + m.text[shown.end:], Fraction(Decimal(_NOT_DIGIT.sub("", t))) / number, why)
        for t, why in digits if mistyped or why == "two digits look transposed"
        if not swaps or why == "two digits look transposed"
        and (m.kind, _NOT_DIGIT.sub("", t)) not in ctx.figure_digits]
    if m.kind != "percent" and not swaps:
        # a figure a thousand times smaller that vanishes within the stated figure's rounding says only that
        # the fact holds without it: a part the binding should not have taken, not a slip
        size = abs(Fraction(Decimal(m.value)) * _unit_factor(m))
        variants += [(rescaled(m, Fraction(f) ** s), Fraction(f) ** s, "a scale slip") for f, _ in _SCALES
                     for s in (1, -1) if not rounded.bounded or size * Fraction(f) ** s > rounded.hi - rounded.lo]
    return variants


def _another_figure(check: Check, fact: Fact, ctx: Context, points: Callable, owned: Callable, rounded: Interval) -> bool:
    """Whether another figure the release prints, taken for one input, gives the stated figure: the loose binding
    then chose the wrong one (a margin over the reported revenue where it divides the adjusted one), and no slip
    of the printed digits is to be read into the mismatch."""
    for role, mid in fact.roles.items():
        m = ctx.by_id[mid]
        if role == check.stated or m.kind in ("date", "percent") or not Decimal(m.value):
            continue
        size = Fraction(Decimal(m.value)) * _unit_factor(m)
        for other in ctx.by_kind[m.kind, m.unit]:
            if other.id == mid or not Decimal(other.value):
                continue
            ratio = Fraction(Decimal(other.value)) * _unit_factor(other) / size
            try:
                at = intervals.evaluate(check.formula, _scaled_role(points, mid, owned, ratio), points=True)
            except (Unusable, Undefined, FormulaError, ZeroDivisionError, ValueError):
                continue
            if rounded.meets(Interval.point(at)):
                return True
    return False


def _read_once(env: Callable) -> Callable:
    """`env`, each role's figures read on first asking and kept (a role no figure serves raises each time)."""
    values: dict[str, list] = {}

    def once(name: str):
        if name not in values:
            values[name] = env(name)
        return values[name]
    return once


def _owned(fact: Fact) -> Callable[[str], list[int]]:
    """The mentions each role name holds, in the order `_roles_env` reads them (a repeated role's numbered ones)."""
    ids: dict[str, list[int]] = {}

    def owned(name: str) -> list[int]:
        if name not in ids:
            ids[name] = [i for r, i in fact.roles.items()
                         if r == name or (r.startswith(name + "_") and r[len(name) + 1:].isdigit())]
        return ids[name]
    return owned


def _scaled_role(base: Callable, mid: int, owned: Callable[[str], list[int]], ratio) -> Callable:
    """The formula's inputs with one figure read `ratio` times as large (every rounding of it too)."""
    def env(name: str):
        values = base(name)
        held = owned(name)
        if mid not in held:
            return values
        return [v * ratio if i == mid else v for v, i in zip(values, held)]
    return env

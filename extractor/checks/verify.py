"""Recomputing facts over intervals and explaining what cannot be true (`rules/checks/*.yaml`).

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

Date checks (weekday, impossible dates, past events dated after the release,
durations) and restatements use small mechanisms of their own, still
configured and exemplified in YAML.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass, field, replace
from decimal import Decimal
from fractions import Fraction
from functools import lru_cache
from typing import Callable

import regex

from .. import intervals
from ..quantities.dates import parse_iso
from ..document import sentence_index
from ..intervals import FormulaError, Interval, Undefined
from ..models import SEVERITIES, Evidence, Fact, Finding, Fix, Mention, Metadata
from ..quantities.numbers import PRINTED
from ..rules import RuleError, lexicon, load
from .wording import listing, named, printed, role_stem, say, say_date

Locate = Callable[[int], tuple[int, int]]
MECHANISMS = ("formula", "weekday", "invalid-date", "future-past", "restatement")


@dataclass
class Diagnosis:
    formula: intervals.Node
    message: str
    severity: str | None = None  # "warning": the figure holds under this (unusual) reading


@dataclass
class Check:
    id: str
    title: str
    description: str
    severity: str
    mechanism: str
    message: str
    fact: str | None = None
    stated: str | None = None
    formula: intervals.Node | None = None
    requires: list[str] = field(default_factory=list)
    absent: list[str] = field(default_factory=list)
    # attribute -> word -> the values it may stand for ("improvement" is up or down)
    attributes: dict[str, dict[str, tuple[int, ...]]] = field(default_factory=dict)
    diagnoses: list[Diagnosis] = field(default_factory=list)
    fix: bool = False
    compare_with: tuple[str, str] | None = None  # (fact type, role) the computed value must meet
    options: dict = field(default_factory=dict)
    examples: dict = field(default_factory=dict)
    help: str = ""
    source: str = ""


def compile_checks(raw_rules: list[dict]) -> list[Check]:
    checks = []
    for raw in raw_rules:
        source = raw.get("_file", raw["id"])
        mechanism = raw.get("mechanism", "formula")
        if mechanism not in MECHANISMS:
            raise RuleError(f"{source}: check {raw['id']!r}: unknown mechanism {mechanism!r}")
        severity = raw.get("severity", "error")
        if severity not in SEVERITIES:
            raise RuleError(f"{source}: check {raw['id']!r}: severity must be one of {SEVERITIES}")
        for key in ("description", "message"):
            if not raw.get(key):
                raise RuleError(f"{source}: check {raw['id']!r} needs a {key}")
        try:
            check = Check(
                id=raw["id"],
                title=raw.get("title") or raw["description"].split(". ")[0].strip(),
                description=" ".join(raw["description"].split()),
                severity=severity,
                mechanism=mechanism,
                message=raw["message"],
                fact=raw.get("fact"),
                stated=raw.get("stated"),
                formula=intervals.parse(raw["formula"]) if raw.get("formula") else None,
                requires=list(raw.get("requires") or []),
                absent=list(raw.get("absent") or []),
                attributes={k: {str(w).lower(): tuple(int(x) for x in (v if isinstance(v, list) else [v])) for w, v in m.items()}
                            for k, m in (raw.get("attributes") or {}).items()},
                diagnoses=[Diagnosis(intervals.parse(d["formula"]), d["message"], d.get("severity")) for d in raw.get("diagnoses") or []],
                fix=bool(raw.get("fix")),
                compare_with=tuple(raw["compare_with"].split(".")) if raw.get("compare_with") else None,
                options=dict(raw.get("options") or {}),
                examples=raw.get("examples") or {},
                help=raw.get("help", ""),
                source=source,
            )
        except FormulaError as exc:
            raise RuleError(f"{source}: check {raw['id']!r}: {exc}") from None
        if mechanism == "formula" and (not check.fact or not check.stated or check.formula is None):
            raise RuleError(f"{source}: formula check {raw['id']!r} needs fact, stated and formula")
        checks.append(check)
    return checks


@lru_cache(maxsize=8)
def checks(extra_dirs: tuple[str, ...] = ()) -> list[Check]:
    return compile_checks(load("checks", extra_dirs))


# ---------------------------------------------------------------- reading mentions as numbers


def _frac(text: str) -> Fraction:
    return Fraction(Decimal(text))


def _unit_factor(m: Mention) -> Fraction:
    """Basis points enter formulas as percentage points."""
    return Fraction(1, 100) if m.kind == "percent" and m.unit == "bp" else Fraction(1)


def _day(m: Mention, year: int | None) -> dt.date | None:
    """A day mention's date as the quantity stage read it ("--02-11" falls in `year`); None for a period."""
    return m._date.on(year) if m._date is not None else None


def _date_ordinal(m: Mention, year: int | None) -> int | None:
    day = _day(m, year)
    return day.toordinal() if day else None


class Unusable(Exception):
    """An input that cannot enter arithmetic (a range like "up to", a period)."""


def input_interval(m: Mention, year: int | None, shared_bound: str | None = None) -> Interval:
    if m.kind == "date":
        day = _date_ordinal(m, year)
        if day is None:
            raise Unusable(m.text)
        # A date stands for its whole day.
        return Interval(Fraction(day), Fraction(day + 1))
    if m.qualifier and _bound(m.qualifier) not in ("around", shared_bound):
        raise Unusable(m.text)
    f = _unit_factor(m)
    return Interval(_frac(m.low) * f, _frac(m.high) * f)


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


def stated_intervals(m: Mention, shared_bound: str | None = None) -> tuple[Interval, Interval]:
    """What a stated figure may stand for: rounded, and rounded or truncated.

    `shared_bound`: when the stated figure and its inputs carry the same bound ("up to 16,666,667
    shares ... gross proceeds of up to $5,000,000"), the maxima correspond and are compared as figures.
    """
    f = _unit_factor(m)
    v, lo, hi = _frac(m.value) * f, _frac(m.low) * f, _frac(m.high) * f
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
    # Truncated down, or rounded up (share counts after a split are rounded up per holder).
    return Interval(lo, hi), Interval(lo - (v - lo), hi + (hi - v))


# ---------------------------------------------------------------- formatting like the stated figure

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


def _plain(value: Fraction, places: int) -> str:
    d = Decimal(value.numerator) / Decimal(value.denominator)
    q = d.quantize(Decimal(1).scaleb(-places))
    return format(q.normalize(), "f") if q == q.to_integral_value() or places > 0 else format(q, "f")


def expected_text(m: Mention, value: Fraction) -> str:
    """The expected value as a decimal string: whole figures to the unit, others one decimal finer."""
    p = printed(m)
    places = p.places if p else 0
    if m.kind == "percent":
        return _plain(value, places + 1)
    multiplier = p.multiplier if p else Decimal(1)
    step = Fraction(Decimal(1).scaleb(-(places + 1 if places else 0)) * multiplier)
    if step >= 1:
        return _plain(Fraction(round(value / step) * step), 0)
    return _plain(value, places + 1)


# ---------------------------------------------------------------- the verifier


@dataclass
class Context:
    text: str
    mentions: list[Mention]
    by_id: dict[int, Mention]
    facts: list[Fact]
    meta: Metadata
    locate: Locate
    year: int | None
    sentence_starts: list[int]  # the document's: one mechanism's sentence is every stage's
    # Figures read as their corrected value: to see whether a finding is only the echo of another one.
    corrected: dict[int, Fraction] = field(default_factory=dict)


class Verifier:
    def __init__(self, rules_dirs: tuple[str, ...] = ()):
        self.checks = checks(tuple(rules_dirs))

    def verify(self, text: str, mentions: list[Mention], facts: list[Fact], meta: Metadata, locate: Locate,
               sentence_starts: list[int]) -> list[Finding]:
        year = int(meta.dateline_date[:4]) if meta.dateline_date else None
        ctx = Context(text, mentions, {m.id: m for m in mentions}, facts, meta, locate, year, sentence_starts)
        findings: list[Finding] = []
        for check in self.checks:
            run = _MECHANISMS[check.mechanism]
            findings.extend(run(check, ctx))
        findings = _without_echoes(findings, {c.id: c for c in self.checks}, ctx)
        # One figure, one complaint: keep the most severe finding per rule and span.
        unique: dict[tuple, Finding] = {}
        rank = {s: n for n, s in enumerate(SEVERITIES)}
        for f in findings:
            key = (f.rule, f.start, f.end)
            if key not in unique or rank[f.severity] < rank[unique[key].severity]:
                unique[key] = f
        return sorted(unique.values(), key=lambda f: (f.start, f.rule))


def _without_echoes(findings: list[Finding], by_rule: dict[str, Check], ctx: Context) -> list[Finding]:
    """Drop a finding that is only the echo of another: a wrong subtotal also breaks the total that uses it
    ("Gross profit" wrong makes "Operating income" look wrong). A finding on fact F is an echo when a figure F
    takes as an input is flagged by another finding, and F holds once that figure reads its expected value."""
    at = {(m.start, m.end): m for m in ctx.mentions}
    wrong: dict[int, tuple[Finding, Fraction]] = {}
    for f in findings:
        m = at.get((f.start, f.end))
        if f.severity == "error" and f.fact is not None and f.expected is not None and m is not None:
            wrong[m.id] = (f, _frac(f.expected) * _unit_factor(m))
    facts = {fact.id: fact for fact in ctx.facts}
    kept = []
    for f in findings:
        fact = facts.get(f.fact) if f.fact is not None else None
        check = by_rule.get(f.rule)
        inputs = {mid: value for mid, (g, value) in wrong.items() if g is not f and fact is not None
                  and mid in fact.roles.values() and mid != fact.roles.get(check.stated if check else "")}
        if inputs and check is not None and check.mechanism == "formula":
            again = replace(ctx, facts=[fact], corrected=inputs)
            if not run_formula(check, again):
                continue
        kept.append(f)
    return kept


def _evidence(roles: dict[str, int], ctx: Context) -> list[Evidence]:
    out = []
    for role, mid in roles.items():
        m = ctx.by_id[mid]
        out.append(Evidence(role=role, start=m.start, end=m.end, text=m.text))
    return sorted(out, key=lambda e: e.start)


def _finding(check: Check, severity: str, message: str, m: Mention, ctx: Context, stated: str | None,
             expected: str | None, evidence: list[Evidence], fix: Fix | None, fact: int | None) -> Finding:
    line, column = ctx.locate(m.start)
    return Finding(rule=check.id, severity=severity, message=message, stated=stated, expected=expected, start=m.start,
                   end=m.end, line=line, column=column, evidence=evidence, fix=fix, fact=fact)


_SLOT = regex.compile(r"\{([a-z_0-9]+)(?:\|([^{}]*))?\}")


def _render(template: str, values: dict[str, str], names: Callable[[str, str], str | None] | None = None) -> str:
    """Fill `{role}` with the figure and `{role|words}` with the release's own name for it ("the conversion
    price of $0.0040"), or with `words` when the release names it no way we can read."""
    def slot(m: regex.Match) -> str:
        if m.group(2) is not None:
            return (names and names(m.group(1), m.group(2))) or f"{m.group(2)} {values.get(m.group(1), '')}".strip()
        return values.get(m.group(1), m.group(0))

    return _SLOT.sub(slot, template)


def _role_values(fact: Fact, ctx: Context) -> dict[str, str]:
    """Each role's figure as printed; numbered roles also listed under their stem ("{part}": "A, B and C")."""
    values = {role: ctx.by_id[mid].text for role, mid in fact.roles.items()}
    groups: dict[str, list[str]] = {}
    for role, mid in sorted(fact.roles.items(), key=lambda r: ctx.by_id[r[1]].start):
        if role_stem(role) != role:
            groups.setdefault(role_stem(role), []).append(ctx.by_id[mid].text)
    return {**{stem: listing(texts) for stem, texts in groups.items()}, **values}


def _namer(fact: Fact, ctx: Context) -> Callable[[str, str], str | None]:
    return lambda role, words: named(ctx.text, ctx.by_id[fact.roles[role]], words) if role in fact.roles else None


def _choices(check: Check, fact: Fact) -> list[dict[str, int]]:
    """Every reading of the fact's words: one, or two for a word like "improvement"."""
    readings: list[dict[str, int]] = [{}]
    for name, mapping in check.attributes.items():
        word = fact.attributes.get(name, "")
        if word not in mapping:
            return []
        readings = [{**r, name: v} for r in readings for v in mapping[word]]
    return readings


def _shared_bound(check: Check, fact: Fact, ctx: Context) -> str | None:
    """The bound ("max" for "up to") that the stated figure and every bounded input share, if any."""
    stated = ctx.by_id[fact.roles[check.stated]]
    bound = _bound(stated.qualifier) if stated.qualifier else "around"
    if bound not in ("max", "min"):
        return None
    others = [ctx.by_id[i] for r, i in fact.roles.items() if r != check.stated]
    if all(_bound(m.qualifier) in ("around", bound) for m in others if m.qualifier):
        return bound
    return None


def _roles_env(check: Check, fact: Fact, ctx: Context, points: bool, choice: dict[str, int] | None = None,
               shared_bound: str | None = None):
    def env(name: str):
        if name in check.attributes:
            if not choice or name not in choice:
                raise Unusable(name)
            v = Fraction(choice[name])
            return [v if points else Interval.point(v)]
        ids = [mid for role, mid in fact.roles.items() if role == name or (role.startswith(name + "_") and role[len(name) + 1 :].isdigit())]
        if not ids:
            raise Unusable(name)
        return [(ctx.corrected[i] if points else Interval.point(ctx.corrected[i])) if i in ctx.corrected
                else input_point(ctx.by_id[i], ctx.year) if points else input_interval(ctx.by_id[i], ctx.year, shared_bound)
                for i in ids]

    return env


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


def run_formula(check: Check, ctx: Context) -> list[Finding]:
    out = []
    for fact in ctx.facts:
        if fact.type != check.fact or check.stated not in fact.roles:
            continue
        if any(not _has_role(fact, r) for r in check.requires) or any(_has_role(fact, r) for r in check.absent):
            continue
        stated_m = ctx.by_id[fact.roles[check.stated]]
        readings = _choices(check, fact) if check.attributes else [{}]
        shared = _shared_bound(check, fact, ctx)
        results = []
        for choice in readings:
            try:
                results.append((choice, intervals.evaluate(check.formula, _roles_env(check, fact, ctx, False, choice, shared)),
                                intervals.evaluate(check.formula, _roles_env(check, fact, ctx, True, choice), points=True)))
            except (Unusable, Undefined, FormulaError, ZeroDivisionError, ValueError):
                continue
        if not results:
            continue
        rounded, truncated = stated_intervals(stated_m, shared)
        if check.severity != "info" and any(rounded.meets(r[1]) for r in results):
            continue
        stated_point = _frac(stated_m.value) * _unit_factor(stated_m)
        choice, expected, point = min(results, key=lambda r: abs(r[2] - stated_point))
        factor = _unit_factor(stated_m)
        shown_expected = expected_text(stated_m, point / factor)
        values = {**_role_values(fact, ctx), "stated": stated_m.text,
                  "expected": format_like(stated_m, point / factor) or say(shown_expected, stated_m.kind, stated_m),
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
            message += f"; it holds only if {stated_m.text} was truncated or rounded up, not rounded to the nearest"
            fix = None
        else:
            reason, severity = _diagnosis(check, fact, ctx, choice, shared, rounded, values, names) or (None, severity)
            # a loose binding may have picked another figure: a digit slip must show in three digits or more
            reason = reason or _generic_diagnosis(stated_m, rounded, expected, point,
                                                  3 if fact.strength == "loose" else 2)
            if fact.strength == "loose" and not reason:
                continue  # a loose binding that no known mistake explains may simply be the wrong figures
            if reason:
                message += f"; {reason}"
            replacement = format_like(stated_m, point / factor)
            fix = (Fix(start=stated_m.start, end=stated_m.end, replacement=replacement)
                   if check.fix and replacement and severity == "error" else None)
        out.append(_finding(check, severity, message, stated_m, ctx, stated_m.value, shown_expected, evidence, fix, fact.id))
    return out


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


def _attribute_words(check: Check, fact: Fact) -> dict[str, str]:
    """`{dir_word}` is the word the release used ("premium"); `{dir_other}` its opposite ("discount")."""
    out = {}
    for name, mapping in check.attributes.items():
        word = fact.attributes.get(name)
        if word in mapping:
            out[f"{name}_word"] = word
            opposite = [w for w, v in mapping.items() if len(v) == 1 and len(mapping[word]) == 1 and v[0] == -mapping[word][0]]
            if opposite:
                out[f"{name}_other"] = opposite[0]
    return out


def _has_role(fact: Fact, role: str) -> bool:
    return role in fact.roles or any(r.startswith(role + "_") for r in fact.roles)


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
                if m.qualifier and _bound(m.qualifier) != "around":
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


# ---------------------------------------------------------------- date mechanisms

def run_weekday(check: Check, ctx: Context) -> list[Finding]:
    out = []
    for m in ctx.mentions:
        stated = m._date.weekday if m.kind == "date" and m._date is not None else None
        day = _day(m, ctx.year) if stated else None
        if day is None:
            continue
        actual = calendar.day_name[day.weekday()]
        if actual.lower() != stated.lower():
            # the weekday opens the mention's text: the date is what follows it
            msg = _render(check.message, {"date": m.text[len(stated):].lstrip(", "), "actual": actual, "stated": stated})
            out.append(_finding(check, check.severity, msg, m, ctx, stated, actual, [], None, None))
    return out


def run_invalid_date(check: Check, ctx: Context) -> list[Finding]:
    out = []
    for m in ctx.mentions:
        parts = m._date.parts if m.kind == "date" and m._date is not None else None
        if parts is None:
            continue
        year, month, day = parts
        year = year or ctx.year or 2000
        if not 1 <= month <= 12:
            why = f"there is no month {month}"
        else:
            last = calendar.monthrange(year, month)[1]
            if 1 <= day <= last:
                continue
            why = f"{calendar.month_name[month]} has {last} days" + (f" in {year}" if month == 2 else "")
        out.append(_finding(check, check.severity, _render(check.message, {"stated": m.text, "why": why}), m, ctx, m.value, None, [], None, None))
    return out


@lru_cache(maxsize=16)
def _compiled(pattern: str) -> regex.Pattern:
    return regex.compile(pattern)


def run_future_past(check: Check, ctx: Context) -> list[Finding]:
    """A date after the release told as a past event ("completed ... on March 28, 2025").

    Linear in the text: each late date's sentence is the document's, and the first future word of a
    sentence is searched for once, up to the last late date in it (searching the whole sentence again
    for every date was quadratic in a long one)."""
    release = parse_iso(ctx.meta.dateline_date or "", None)
    if release is None:
        return []
    past = _compiled(check.options["past"])
    future = _compiled(check.options.get("future", r"(?!x)x"))
    text = ctx.text
    late: list[tuple[Mention, int]] = []  # dates after the release, with the start of their sentence
    for m in ctx.mentions:
        if m.kind != "date" or m.value.startswith("--"):
            continue  # a date without a year may well be last year's
        day = _day(m, None)
        if day is None or day <= release:
            continue
        late.append((m, ctx.sentence_starts[m.sentence]))
    reach: dict[int, int] = {}  # sentence start -> the start of its last late date
    for m, start in late:
        reach[start] = max(reach.get(start, 0), m.start)
    first_future: dict[int, regex.Match | None] = {}
    out = []
    for m, sentence_start in late:
        before = text[max(sentence_start, m.start - 120) : m.start]
        if not past.search(before):
            continue
        # A future word anywhere earlier in the sentence ("will release ... on") makes it no past event:
        # the sentence's first one, if it ends before the date; or one that ends right at the date
        # (the search for the date's window stops there, so a word cut off there counts too).
        if sentence_start not in first_future:
            first_future[sentence_start] = future.search(text, sentence_start, reach[sentence_start])
        first = first_future[sentence_start]
        if first is not None and first.end() <= m.start:
            continue
        if future.search(text, max(sentence_start, m.start - 64), m.start):
            continue
        msg = _render(check.message, {"stated": m.text, "release": say_date(ctx.meta.dateline_date)})
        out.append(_finding(check, check.severity, msg, m, ctx, m.value, None, [], None, None))
    return out


# ---------------------------------------------------------------- restatement

_TITLE_NOUN = regex.compile(r"\s*((?:[A-Z][\w-]*)(?:\s+(?:[A-Z][\w-]*|of|and|for)){0,3})")


def run_restatement(check: Check, ctx: Context) -> list[Finding]:
    """A headline amount restated in the body with a different value.

    Only a clear case counts: the headline names one amount of its kind, followed by a subject of
    at least `min_words` capitalised words ("$18.6 Million Private Placement"); no body figure
    agrees with it; and a body sentence that names the same subject holds exactly one amount of
    that kind.
    """
    first_line_end = ctx.text.find("\n")
    if first_line_end <= 0 or first_line_end > 300:
        return []
    kinds = set(check.options.get("kinds", ["money", "shares"]))
    min_words = int(check.options.get("min_words", 2))
    stop = {w.lower() for w in check.options.get("stop_words", [])}
    headline = [m for m in ctx.mentions if m.end <= first_line_end and m.kind in kinds]
    body = [m for m in ctx.mentions if m.start > first_line_end and m.cell is None]
    out = []
    for h in headline:
        if sum(1 for o in headline if o.kind == h.kind) != 1:
            continue  # "from $153M to $336M": which one the body restates is anyone's guess
        noun = _TITLE_NOUN.match(ctx.text, h.end, first_line_end)
        words = [w for w in (noun.group(1).split() if noun else []) if w[0].isupper() and w.lower() not in stop]
        if len(words) < min_words:
            continue
        h_interval = stated_intervals(h)[1]
        same_kind = [m for m in body if m.kind == h.kind and m.currency == h.currency]
        if any(stated_intervals(m)[1].meets(h_interval) for m in same_kind):
            continue  # the body restates the headline figure somewhere
        key = regex.compile(r"(?i)\b" + r"[\s-]+".join(regex.escape(w) for w in words) + r"\b")
        for km in key.finditer(ctx.text, first_line_end):
            at = sentence_index(ctx.sentence_starts, km.start())
            sentence = [m for m in same_kind if m.sentence == at]
            if len(sentence) != 1 or any(m.qualifier and _bound(m.qualifier) != "around" for m in sentence + [h]):
                continue
            m = sentence[0]
            values = {"stated": m.text, "headline": h.text, "subject": " ".join(words)}
            replacement = format_like(m, _frac(h.value) * _unit_factor(h) / _unit_factor(m))
            fix = Fix(start=m.start, end=m.end, replacement=replacement) if check.fix and replacement else None
            evidence = [Evidence(role="headline", start=h.start, end=h.end, text=h.text),
                        Evidence(role="body", start=m.start, end=m.end, text=m.text)]
            out.append(_finding(check, check.severity, _render(check.message, values), m, ctx, m.value, h.value, evidence, fix, None))
            break
    return out


_MECHANISMS = {
    "formula": run_formula,
    "weekday": run_weekday,
    "invalid-date": run_invalid_date,
    "future-past": run_future_past,
    "restatement": run_restatement,
}

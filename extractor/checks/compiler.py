"""Check rules (`rules/checks/*.yaml`) compiled into `Check`s: each validated, its formulas parsed."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from .. import intervals
from ..intervals import FormulaError
from ..models import SEVERITIES
from ..rules import RuleError, load

MECHANISMS = ("formula", "weekday", "invalid-date", "future-past", "restatement", "restated-value")


@dataclass
class Diagnosis:
    formula: intervals.Node
    message: str
    severity: str | None = None  # "warning": the figure holds under this (unusual) reading
    # attribute -> word -> its opposite, both ways: the word this diagnosis blames, rewritten by its fix
    rewrite: dict[str, dict[str, str]] = field(default_factory=dict)


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
    additive: bool = False  # the formula only adds and subtracts: floats screen its facts (`formula._clearly_holds`)
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
                diagnoses=[Diagnosis(intervals.parse(d["formula"]), d["message"], d.get("severity"), _opposites(d))
                           for d in raw.get("diagnoses") or []],
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
        check.additive = check.formula is not None and intervals.additive(check.formula)
        checks.append(check)
    return checks


def _opposites(diagnosis: dict) -> dict[str, dict[str, str]]:
    """Each attribute's pairs of opposite words read both ways, lower-cased."""
    return {name: {**{str(a).lower(): str(b).lower() for a, b in pairs.items()},
                   **{str(b).lower(): str(a).lower() for a, b in pairs.items()}}
            for name, pairs in (diagnosis.get("rewrite") or {}).items()}


@lru_cache(maxsize=8)
def checks(extra_dirs: tuple[str, ...] = ()) -> list[Check]:
    return compile_checks(load("checks", extra_dirs))

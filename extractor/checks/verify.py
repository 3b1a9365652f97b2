"""Recomputing facts over intervals and explaining what cannot be true (`rules/checks/*.yaml`): the `Verifier`.

Each check runs its mechanism over the document's facts and mentions: a formula (`formula.py`, its
diagnoses in `diagnoses.py`), or one of the small mechanisms of dates (`dates.py`) and restatements
(`restatement.py`), still configured and exemplified in YAML. The `Verifier` then drops the findings
that only echo another one and keeps one complaint per figure.
"""

from __future__ import annotations

from dataclasses import replace
from fractions import Fraction

from ..models import SEVERITIES, Fact, Finding, Mention, Metadata
from .compiler import Check, checks
from .dates import run_future_past, run_invalid_date, run_weekday
from .figures import _frac, _unit_factor
from .findings import Context, Locate
from .formula import run_formula
from .restatement import run_restated_value, run_restatement


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
    if not findings:
        return findings
    at = {(m.start, m.end): m for m in ctx.mentions}
    wrong: dict[int, tuple[Finding, Fraction]] = {}
    for f in findings:
        m = at.get((f.start, f.end))
        undone = ctx.undone.get((f.rule, f.start, f.end))
        if f.severity == "error" and undone is not None:
            wrong[undone[0]] = (f, undone[1])  # (an input's slip: that input is the figure read corrected)
        elif f.severity == "error" and f.fact is not None and f.expected is not None and m is not None:
            wrong[m.id] = (f, _frac(f.expected) * _unit_factor(m))
    facts = {fact.id: fact for fact in ctx.facts}
    kept = []
    for f in findings:
        fact = facts.get(f.fact) if f.fact is not None else None
        check = by_rule.get(f.rule)
        inputs = {mid: value for mid, (g, value) in wrong.items() if g is not f and fact is not None
                  and mid in fact.roles.values() and mid != fact.roles.get(check.stated if check else "")}
        if inputs and check is not None and check.mechanism == "formula":
            again = replace(ctx, facts=[fact], corrected=inputs, undone={})
            if not run_formula(check, again):
                continue
        kept.append(f)
    return kept


_MECHANISMS = {
    "formula": run_formula,
    "weekday": run_weekday,
    "invalid-date": run_invalid_date,
    "future-past": run_future_past,
    "restatement": run_restatement,
    "restated-value": run_restated_value,
}

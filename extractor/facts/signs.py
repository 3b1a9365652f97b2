"""A fact rule's `reject_before`: figures a pattern binds that are marked below zero, whose change arithmetic
would compare a loss with a gain; and its `reject_after`: figures the words after them tell are something else
("30.0% of total sales" is a share, not the change its verb seems to give); and its `same_period`: figures read
across a sentence end whose clauses name clashing periods ("in the fourth quarter" against "for the full year"); and its
`sublimits`: caps listed under a cap (`capped`)."""

from __future__ import annotations

import regex

from ..rules import lexicon
from .subjects import Subject, period_of

_ENCLOSED_BEFORE = regex.compile(r"\(\s*$")
_ENCLOSED_AFTER = regex.compile(r"\s*\)")
_CLAUSE_END = regex.compile(r"[.;:\n]\s")


def rejected(spec: tuple, roles: dict[str, int], by_id, text: str) -> bool:
    """A figure marked below zero ("a net loss of", "negative", in brackets) has no change arithmetic can check
    against one that is not. When every compared figure is so marked, or named by `alike` earlier in its clause
    ("Net loss for the quarter was $3.7 million ... from a net loss of $2.5 million"), they share a sign and
    their change is one of magnitudes."""
    reject_roles, reject, enclosed, alike = spec
    present = [by_id[roles[r]] for r in reject_roles if r in roles]
    # a bracket right after another of the fact's figures holds its companion ("EUR 1,620 (1,500) million": the
    # year before), not a sign
    ends = {by_id[i].end for i in roles.values()}
    marked = [m for m in present if reject.search(text, max(0, m.start - 40), m.start) or enclosed
              and _ENCLOSED_BEFORE.search(text, max(0, m.start - 3), m.start) and _ENCLOSED_AFTER.match(text, m.end)
              and not any(0 < m.start - e <= 4 and text[e:m.start].strip() == "(" for e in ends)]
    if not marked or alike is None:
        return bool(marked)
    clause = lambda m: _CLAUSE_END.split(text[max(0, m.start - 160):m.start])[-1]  # noqa: E731
    return not all(m in marked or alike.search(clause(m)) for m in present)


def followed(spec: tuple, roles: dict[str, int], by_id, text: str) -> bool:
    """A role's figure followed by the words `spec` names (roles, pattern matched at the figure's end)."""
    reject_roles, after = spec
    return any(after.match(text, by_id[roles[r]].end) for r in reject_roles if r in roles)


def clash(roles: dict[str, int], by_id, reading, years: bool) -> bool:
    """Whether two of the roles' figures name periods that cannot be one (another year, quarter, or a quarter against
    the full year): each the period named right after it up to the next figure ("compared to $520,000 in the second
    quarter of 2024") or else the one its sentence names before it (`subjects.Subject.compatible`); years only if asked (a year may be a
    maturity's: "extended $400 million of its facility to 2030. The remaining $250 million will mature in 2028")"""
    periods = [_period(by_id[i], reading) for i in roles.values() if i in by_id]
    periods = periods if years else [Subject((), frozenset(), p.quarters, p.full_year) for p in periods]
    return any(not a.compatible(b) for n, a in enumerate(periods) for b in periods[n + 1:])


def _period(m, reading) -> Subject:
    hi = reading.bounds.sentence_of(m.start, m.end)[1]
    following = reading.neighbours(m)[1]
    while following is not None and following.kind == "date" and following.start < hi:  # a date is no figure
        following = reading.neighbours(following)[1]
    until = following.start if following is not None and m.end <= following.start < hi else hi
    after = Subject((), *period_of(reading.text[m.end:until]))
    lo = reading.bounds.sentence_of(m.start, m.end)[0]
    return after if after.years or after.quarters or after.full_year else Subject((), *period_of(reading.text[lo:m.start]))


def capped(spec: list[str], roles: dict[str, int], by_id) -> bool:
    """Whether the total and every part are caps ("up to $200 million, comprised of up to $150 million ... and up
    to $100 million"): each part's cap is a sub-limit under the overall one, and caps need not add up."""
    capped = [by_id[i] for r, i in roles.items() if r == spec[0] or r.rsplit("_", 1)[0] == spec[1]]
    bounds = lexicon()["qualifiers"]
    return len(capped) > 1 and all(m.qualifier and bounds.get(m.qualifier.lower()) == "max" for m in capped)

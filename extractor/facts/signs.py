"""A fact rule's `reject_before`: figures a pattern binds that are marked below zero, whose change arithmetic
would compare a loss with a gain; and its `reject_after`: figures the words after them tell are something else
("30.0% of total sales" is a share, not the change its verb seems to give)."""

from __future__ import annotations

import regex

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

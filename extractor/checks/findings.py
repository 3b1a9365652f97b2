"""What every mechanism shares: the document a check runs over, and a finding with its evidence and its message."""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from functools import cached_property
from typing import Callable

import regex

from ..models import Evidence, Fact, Finding, Fix, Mention, Metadata
from .compiler import Check

_NOT_DIGIT = regex.compile(r"[^\d.]")

Locate = Callable[[int], tuple[int, int]]


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
    # The input a finding's fix undoes, with the value it then reads, by the finding's rule and span: that input,
    # not the figure the finding sits on, is the one read corrected for the echoes of the finding.
    undone: dict[tuple[str, int, int], tuple[int, Fraction]] = field(default_factory=dict)

    def sentence_span(self, m: Mention) -> tuple[int, int]:
        """The start and end of the document's sentence holding a figure (its line, for a figure with none)."""
        starts, n = self.sentence_starts, m.sentence
        if n is None or not 0 <= n < len(starts):
            return self.text.rfind("\n", 0, m.start) + 1, (self.text.find("\n", m.end) + 1 or len(self.text) + 1) - 1
        return starts[n], starts[n + 1] if n + 1 < len(starts) else len(self.text)

    @cached_property
    def figure_digits(self) -> frozenset[tuple[str, str]]:
        """The kind and digits of every figure the release prints (money, "604.0" for "$604.0 million"), read once:
        a slip that gives another printed figure of its kind says the binding chose the wrong one (a percentage
        printed "-51%" is no revenue of EUR 51 million)."""
        return frozenset((m.kind, _NOT_DIGIT.sub("", m.text)) for m in self.mentions if m.kind != "date")

    @cached_property
    def of_type(self) -> dict[str, list[Fact]]:
        """The facts of each type, in their order, read once: each of the checks reads the facts of its own."""
        out: dict[str, list[Fact]] = {}
        for f in self.facts:
            out.setdefault(f.type, []).append(f)
        return out

    @cached_property
    def by_kind(self) -> dict[tuple[str, str | None], list[Mention]]:
        """The figures of each kind and unit, read once: a check looking for another figure of an input's kind
        reads those only."""
        out: dict[tuple[str, str | None], list[Mention]] = {}
        for m in self.mentions:
            out.setdefault((m.kind, m.unit), []).append(m)
        return out

    @cached_property
    def dates(self) -> list[Mention]:
        """The date mentions, which the date checks read (each once, not every figure of the release)."""
        return [m for m in self.mentions if m.kind == "date"]


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

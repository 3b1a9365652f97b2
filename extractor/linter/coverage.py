"""Which patterns the rule examples exercise (`prfacts rules test --coverage`, and the test suite).

A rule's examples are its tests, so each of its quantity patterns, refining contexts, fact patterns and
check diagnoses must be exercised by an example *of that rule*: a pattern that only some other rule's
example reaches is untested where a reader of the rule would look for its test.

The stages report what they matched to an optional recorder (the recogniser's and the fact finder's
`record`), set only on the copies made here, so an ordinary analysis pays nothing for it. A diagnosis is
read from the finding itself: its words end the message, so the templates are matched against it.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field

import regex

from ..rules import is_builtin

_PLACE = regex.compile(r"\{[^{}]*\}")
PLURAL = {"pattern": "patterns", "context": "contexts", "fact": "fact patterns", "diagnosis": "diagnoses"}


@dataclass(frozen=True)
class Target:
    """One thing an example can exercise: `what` is pattern, context, fact or diagnosis."""

    what: str
    rule: str
    index: int
    source: str
    text: str

    def describe(self) -> str:
        return f"{self.source}: {self.rule} {self.what} {self.index + 1}: {self.text[:70]!r}"


def _diagnosis_reader(template: str) -> regex.Pattern:
    """The words of a diagnosis as they end a finding's message, whatever its `{slots}` were filled with."""
    literal = [regex.escape(part) for part in _PLACE.split(template)]
    return regex.compile("; " + ".+?".join(literal) + "$")


def targets(quantities: list[dict], facts: list[dict], checks: list[dict]) -> list[Target]:
    """Everything the examples of these rules should exercise."""
    out = []
    for rules, key, what in ((quantities, "patterns", "pattern"), (quantities, "contexts", "context"),
                             (facts, "patterns", "fact"), (checks, "diagnoses", "diagnosis")):
        for rule in rules:
            for n, item in enumerate(rule.get(key) or []):
                # a context is shown by its words, a diagnosis by its message
                text = item if isinstance(item, str) else str(item.get("message") or item.get("after")
                                                              or item.get("before") or item)
                out.append(Target(what, str(rule["id"]), n, rule.get("_file", ""), text))
    return out


@dataclass
class Coverage:
    """What the examples run so far exercised; `current` is the rule whose example is running."""

    targets: list[Target]
    hits: set[tuple[str, str, int]] = field(default_factory=set)
    current: str | None = None

    def __post_init__(self):
        self._diagnoses = {t: _diagnosis_reader(t.text) for t in self.targets if t.what == "diagnosis"}

    def record(self, what: str, rule: str, index: int) -> None:
        if rule == self.current:
            self.hits.add((what, rule, index))

    def saw(self, findings) -> None:
        for f in findings:
            for t, reader in self._diagnoses.items():
                if f.rule == t.rule and reader.search(f.message):
                    self.record("diagnosis", t.rule, t.index)

    def analyzer(self, analyzer) -> "RecordingAnalyzer":
        return RecordingAnalyzer(analyzer, self)

    def missing(self, builtin_only: bool = False) -> list[Target]:
        return [t for t in self.targets if (t.what, t.rule, t.index) not in self.hits
                and (not builtin_only or is_builtin(t.source))]

    def table(self) -> str:
        """One line a rule: exercised of each kind, and what no example of the rule reaches."""
        rows: dict[tuple[str, str], list[Target]] = {}
        for t in self.targets:
            rows.setdefault((t.source, t.rule), []).append(t)
        lines = []
        for (_, rule), items in rows.items():
            counts = []
            for what in ("pattern", "context", "fact", "diagnosis"):
                mine = [t for t in items if t.what == what]
                if mine:
                    hit = sum((t.what, t.rule, t.index) in self.hits for t in mine)
                    counts.append(f"{PLURAL[what]} {hit}/{len(mine)}")
            gaps = [f"{t.what} {t.index + 1}" for t in items if (t.what, t.rule, t.index) not in self.hits]
            lines.append(f"{rule:<28} {', '.join(counts):<32} {'missing: ' + ', '.join(gaps) if gaps else ''}".rstrip())
        done = len(self.targets) - len(self.missing())
        lines.append(f"{done} of {len(self.targets)} patterns, contexts and diagnoses exercised by their own rule's examples")
        return "\n".join(lines) + "\n"


class RecordingAnalyzer:
    """An analyzer whose stages report to a `Coverage`; the shared, cached stages are left untouched."""

    def __init__(self, analyzer, coverage: Coverage):
        self.inner = copy.copy(analyzer)
        self.inner.recogniser = copy.copy(analyzer.recogniser)
        self.inner.recogniser.record = coverage.record
        self.inner.facts = copy.copy(analyzer.facts)
        self.inner.facts.record = coverage.record
        self.coverage = coverage

    def analyze(self, text: str, path: str | None = None):
        sheet = self.inner.analyze(text, path)
        self.coverage.saw(sheet.findings)
        return sheet

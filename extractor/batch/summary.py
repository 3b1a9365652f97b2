"""The summary of a run or of result files read back (`prfacts report`): documents, errors, mentions by kind,
facts by type, findings by rule and severity, and the run's speed."""

from __future__ import annotations

import json
import os
from collections import Counter
from dataclasses import dataclass
from typing import Iterable

from .records import BatchError, Stats, stats_of
from ..linter.tasks import os_error


@dataclass
class RunInfo:
    documents: int
    chars: int
    seconds: float
    engine: str
    jobs: int

    def as_dict(self) -> dict:
        return {"documents": self.documents, "characters": self.chars, "seconds": round(self.seconds, 3),
                "documents_per_second": round(self.documents / self.seconds, 2) if self.seconds else None,
                "characters_per_second": round(self.chars / self.seconds) if self.seconds else None,
                "engine": self.engine, "jobs": self.jobs}


_SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}


class Summary:
    """Counts over records: documents, errors, mentions by kind, facts by type, findings by rule and severity."""

    def __init__(self) -> None:
        self.documents = 0
        self.chars = 0
        self.errors: list[tuple[str, str]] = []  # (key, message)
        self.kinds: Counter = Counter()
        self.facts: Counter = Counter()
        self.findings: Counter = Counter()  # (rule, severity) -> count, suppressed ones apart
        self.suppressed: Counter = Counter()  # rule -> count
        self.run: RunInfo | None = None
        self.notes: list[str] = []

    def add(self, stats: Stats) -> None:
        self.documents += 1
        if stats.error is not None:
            self.errors.append((stats.key, stats.error))
            return
        self.chars += stats.chars
        self.kinds.update(stats.kinds)
        self.facts.update(stats.facts)
        for rule, severity, suppressed in stats.findings:
            if suppressed:
                self.suppressed[rule] += 1
            else:
                self.findings[(rule, severity)] += 1

    def as_dict(self) -> dict:
        rules: dict[str, dict[str, int]] = {}
        for (rule, severity), n in sorted(self.findings.items()):
            rules.setdefault(rule, {})[severity] = n
        return {
            "documents": self.documents,
            "analysed": self.documents - len(self.errors),
            "characters": self.chars,
            "mentions": dict(sorted(self.kinds.items())),
            "facts": dict(sorted(self.facts.items())),
            "findings": rules,
            "suppressed": dict(sorted(self.suppressed.items())),
            "errors": [{"path": k, "error": e} for k, e in self.errors],
            "run": self.run.as_dict() if self.run else None,
            "notes": self.notes,
        }

    def render(self, title: str, max_errors: int | None = 20) -> str:
        def counts(counter: Counter) -> str:
            return ", ".join(f"{k} {n:,}" for k, n in sorted(counter.items(), key=lambda kv: (-kv[1], kv[0])))

        severities = sorted({s for _, s in self.findings}, key=lambda s: (_SEVERITY_ORDER.get(s, 9), s))
        by_severity = Counter()
        for (_, severity), n in self.findings.items():
            by_severity[severity] += n
        n_findings = sum(self.findings.values())
        finding_note = ", ".join(f"{s} {by_severity[s]:,}" for s in severities)
        if self.suppressed:
            finding_note += ("; " if finding_note else "") + f"{sum(self.suppressed.values()):,} suppressed"
        lines = [title]
        rows = [
            ("documents", self.documents, f"{self.documents - len(self.errors):,} analysed, {len(self.errors):,} errors"),
            ("characters", self.chars, ""),
            ("mentions", sum(self.kinds.values()), counts(self.kinds)),
            ("facts", sum(self.facts.values()), counts(self.facts)),
            ("findings", n_findings, finding_note),
        ]
        width = max(len(f"{n:,}") for _, n, _ in rows)
        lines += [f"  {name:<11}{n:>{width},}   {note}".rstrip() for name, n, note in rows]
        rules = sorted({r for r, _ in self.findings} | set(self.suppressed))
        if rules:
            columns = severities + (["suppressed"] if self.suppressed else []) + ["total"]
            rule_width = max(len("rule"), *(len(r) for r in rules))
            lines += ["", "  " + f"{'rule':<{rule_width}}" + "".join(f"{c:>12}" for c in columns)]
            table = []
            for rule in rules:
                cells = [self.findings[(rule, s)] for s in severities]
                if self.suppressed:
                    cells.append(self.suppressed[rule])
                table.append((rule, cells + [sum(self.findings[(rule, s)] for s in severities)]))
            table.sort(key=lambda row: (-row[1][-1], row[0]))
            lines += ["  " + f"{rule:<{rule_width}}" + "".join(f"{n:>12,}" for n in cells) for rule, cells in table]
        if self.errors:
            shown = self.errors if max_errors is None else self.errors[:max_errors]
            lines += ["", f"  files with errors ({len(self.errors):,}):"] + [f"    {message}" for _, message in shown]
            if len(shown) < len(self.errors):
                lines.append(f"    ... and {len(self.errors) - len(shown):,} more (prfacts report lists them all)")
        if self.notes:
            lines += [""] + [f"  note: {n}" for n in self.notes]
        if self.run:
            r = self.run
            rate = r.documents / r.seconds if r.seconds else 0.0
            lines += ["", f"  this run   {r.documents:,} documents in {r.seconds:.1f} s: {rate:,.1f} documents/s, "
                          f"{(r.chars / r.seconds if r.seconds else 0) / 1e6:.2f} M characters/s "
                          f"({r.engine} engine, {r.jobs} worker{'s' if r.jobs != 1 else ''})"]
        return "\n".join(lines) + "\n"


def summarize(paths: Iterable[str]) -> Summary:
    """The summary of result files, read back: what `prfacts report` prints."""
    summary = Summary()
    for path in paths:
        if os.path.isdir(path):
            from . import columnar

            columnar.summarize_into(summary, path)
            continue
        try:
            f = open(path, "rb")
        except OSError as exc:
            raise BatchError(os_error(path, exc)) from None
        bad = torn = 0
        with f:
            for raw in f:
                if not raw.endswith(b"\n"):
                    torn += 1
                    continue
                if not raw.strip():
                    continue
                try:
                    record = json.loads(raw)
                    if not isinstance(record, dict) or not isinstance((record.get("source") or {}).get("path"), str):
                        raise ValueError
                except ValueError:
                    bad += 1
                    continue
                summary.add(stats_of(record))
        if torn:
            summary.notes.append(f"{path}: the last line is incomplete (an interrupted run): "
                                 "prfacts batch --resume completes it")
        if bad:
            summary.notes.append(f"{path}: {bad:,} line{'s' if bad != 1 else ''} not a prfacts record, skipped")
    return summary


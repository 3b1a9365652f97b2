"""Scoring extraction against a gold file: precision, recall and F1 per kind.

A gold file lists mentions in text order as {kind, text, value}; each is found
as the next occurrence of its text after the previous one. A predicted mention
counts as correct when its span, kind and value all match (values compared as
numbers, dates as text).
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

from ..models import FactSheet


@dataclass
class GoldMention:
    kind: str
    text: str
    value: str
    start: int
    end: int


class GoldError(ValueError):
    pass


def load_gold(gold_path: Path, text: str) -> list[GoldMention]:
    data = json.loads(Path(gold_path).read_text(encoding="utf-8"))
    out, pos = [], 0
    for n, m in enumerate(data["mentions"]):
        at = _find_whole(text, m["text"], pos)
        if at < 0:
            raise GoldError(f"{gold_path}: mention {n} {m['text']!r} not found after offset {pos}")
        out.append(GoldMention(m["kind"], m["text"], str(m["value"]), at, at + len(m["text"])))
        pos = at + len(m["text"])
    return out


def _find_whole(text: str, needle: str, pos: int) -> int:
    """The next occurrence of `needle` that is not part of a longer number or word."""
    at = text.find(needle, pos)
    while at >= 0:
        before = text[at - 1] if at > 0 else " "
        after = text[at + len(needle) : at + len(needle) + 2]
        glued_before = needle[0].isalnum() and (before.isalnum() or (before in ".,-" and at > 1 and text[at - 2].isdigit()))
        glued_after = needle[-1].isalnum() and after[:1] and (
            after[0].isalnum() or (after[0] in ".," and after[1:2].isdigit())
        )
        if not glued_before and not glued_after:
            return at
        at = text.find(needle, at + 1)
    return -1


def _same_value(a: str, b: str) -> bool:
    try:
        return Decimal(a) == Decimal(b)
    except (InvalidOperation, ValueError):
        return a == b


@dataclass
class Score:
    tp: Counter = field(default_factory=Counter)
    fp: Counter = field(default_factory=Counter)
    fn: Counter = field(default_factory=Counter)
    errors: list[str] = field(default_factory=list)

    def add(self, name: str, gold: list[GoldMention], sheet: FactSheet) -> None:
        wanted = {(g.start, g.end): g for g in gold}
        seen = set()
        for m in sheet.mentions:
            g = wanted.get((m.start, m.end))
            if g and g.kind == m.kind and _same_value(g.value, m.value):
                self.tp[m.kind] += 1
                seen.add((m.start, m.end))
            else:
                self.fp[m.kind] += 1
                why = f"gold says {g.kind} {g.value}" if g else "not in gold"
                self.errors.append(f"{name}: extra {m.kind} {m.text!r}={m.value} at {m.start} ({why})")
        for key, g in wanted.items():
            if key not in seen:
                self.fn[g.kind] += 1
                self.errors.append(f"{name}: missed {g.kind} {g.text!r}={g.value} at {g.start}")

    def table(self) -> dict[str, dict[str, float]]:
        rows = {}
        for kind in sorted(set(self.tp) | set(self.fp) | set(self.fn)):
            tp, fp, fn = self.tp[kind], self.fp[kind], self.fn[kind]
            p = tp / (tp + fp) if tp + fp else 1.0
            r = tp / (tp + fn) if tp + fn else 1.0
            f = 2 * p * r / (p + r) if p + r else 0.0
            rows[kind] = {"tp": tp, "fp": fp, "fn": fn, "precision": p, "recall": r, "f1": f}
        return rows


def score_corpus(analyzer, folder: Path) -> Score:
    score = Score()
    for gold_path in sorted(Path(folder).glob("*.gold.json")):
        text_path = gold_path.with_name(gold_path.name.replace(".gold.json", ".txt"))
        text = text_path.read_text(encoding="utf-8")
        score.add(text_path.name, load_gold(gold_path, text), analyzer.analyze(text, str(text_path)))
    return score

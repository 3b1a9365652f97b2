"""What a figure measures, and for which period: the words that name it and the years and quarters around it.

"Net income attributable to GE HealthCare was $720 million" names its figure by the words before it; a table
cell by its row label. The period is read from the sentence (prose) or the column header (a cell). Fact
mechanisms that relate figures across sentences (restatements, margins) compare these, never the values.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import regex

from .models import Mention
from .rules import lexicon

WORD = regex.compile(r"[A-Za-z][A-Za-z&'’-]*")
YEAR = regex.compile(r"\b(?:19|20)\d{2}\b")
QUARTER = regex.compile(
    r"(?i)\b(?:q([1-4])|([1-4])q|(first|second|third|fourth)\s+quarter|(three|3)\s+months\s+ended\s+(\w+))")
FULL_YEAR = regex.compile(r"(?i)\b(?:full[\s-]year|fiscal\s+year|(?:twelve|12)\s+months|year\s+ended|annual|FY)\b")
ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4}
QUARTER_END = {"mar": 1, "jun": 2, "sep": 3, "dec": 4}
CLAUSE_START = regex.compile(r"[.;:!?\n](?=\s)|^", regex.M)
AFTER_WORDS = regex.compile(r"\s*((?:[A-Za-z][\w-]*\s*){0,3})")


@dataclass(frozen=True)
class Subject:
    words: tuple[str, ...]        # content words, in text order
    years: frozenset[str]
    quarters: frozenset[int]
    full_year: bool

    def compatible(self, other: "Subject") -> bool:
        """Could the two figures be for the same period? (no year, quarter or quarter-vs-year clash)"""
        if self.years and other.years and not self.years & other.years:
            return False
        if self.quarters and other.quarters and not self.quarters & other.quarters:
            return False
        return not (self._quarter_only and other._year_only or self._year_only and other._quarter_only)

    @property
    def _quarter_only(self) -> bool:
        return bool(self.quarters) and not self.full_year

    @property
    def _year_only(self) -> bool:
        return self.full_year and not self.quarters


def stem(word: str) -> str:
    w = word.lower().replace("’", "'").removesuffix("'s").strip("'-")
    return w[:-1] if len(w) > 3 and w.endswith("s") and not w.endswith("ss") else w


@lru_cache(maxsize=1)
def stop_words() -> frozenset[str]:
    return frozenset(stem(w) for w in str(lexicon().get("subject_stop_words", "")).split())


def content_words(text: str) -> list[str]:
    stop = stop_words()
    return [w for w in (stem(x) for x in WORD.findall(text)) if w and w not in stop and len(w) > 1]


def period_of(text: str) -> tuple[frozenset[str], frozenset[int], bool]:
    quarters = set()
    for q in QUARTER.finditer(text):
        if q.group(1) or q.group(2):
            quarters.add(int(q.group(1) or q.group(2)))
        elif q.group(3):
            quarters.add(ORDINALS[q.group(3).lower()])
        elif q.group(5) and q.group(5).lower()[:3] in QUARTER_END:
            quarters.add(QUARTER_END[q.group(5).lower()[:3]])
    return frozenset(YEAR.findall(text)), frozenset(quarters), bool(FULL_YEAR.search(text))


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    lo = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start)) + 1
    ends = [x for x in (text.find(". ", end), text.find("\n", end)) if x >= 0]
    return lo, (min(ends) if ends else len(text))


def subject_of(m: Mention, text: str, previous: list[Mention], following: Mention | None = None,
               window: int = 8) -> Subject:
    """The figure's subject: a cell's row label, or the words of its clause since the figure before it (all of
    the clause when those name nothing: "after-tax NPV (5%) of US$212.4 million"), or failing both, the
    words right after it ("80,100 oz of gold"). Its period is read from its clause up to the next figure, so a
    comparison later in the sentence ("compared to $25.5 million in the fourth quarter of 2023") is not it."""
    if m.cell is not None:
        words = content_words(m.cell.row_label or "")
        return Subject(tuple(words[-window:]), *period_of(m.cell.column_header or ""))
    lo, hi = sentence_bounds(text, m.start, m.end)
    clause = list(CLAUSE_START.finditer(text[lo:m.start]))
    start = lo + (clause[-1].end() if clause else 0)
    own = max([start] + [o.end for o in previous if start <= o.end <= m.start])
    words = content_words(text[own:m.start]) or content_words(text[start:m.start])
    if not words:
        after = AFTER_WORDS.match(text, m.end, hi)
        words = content_words(after.group(1)) if after else []
    until = following.start if following is not None and m.end <= following.start < hi else hi
    return Subject(tuple(words[-window:]), *period_of(text[start:until]))


def subjects(mentions: list[Mention], text: str, window: int = 8) -> dict[int, Subject]:
    """Every mention's subject, by mention id (prose mentions see the three prose figures around them)."""
    out: dict[int, Subject] = {}
    prose = [m for m in mentions if m.cell is None]
    for i, m in enumerate(prose):
        out[m.id] = subject_of(m, text, prose[max(0, i - 3):i], prose[i + 1] if i + 1 < len(prose) else None, window)
    for m in mentions:
        if m.cell is not None:
            out[m.id] = subject_of(m, text, [], None, window)
    return out

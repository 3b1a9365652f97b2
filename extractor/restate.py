"""Restatements: the same figure given again elsewhere in a release (headline and body, summary and table,
prose and a table cell).

A reader checks that "Net income attributable to GE HealthCare was $720 million" agrees with the table row
"Net income attributable to GE HealthCare" in the quarter's column. Two mentions restate one figure when
they name the same thing (their subjects share words: the words before a prose figure, a cell's row label)
for a compatible period (the years and quarters of the sentence, or of the cell's column header), and stand
in different sentences (two figures of one sentence are two figures, not one said twice).

Only agreeing figures are bound. On the development gold, words alone could not tell a restatement with a
slip from a different figure that shares its words (a margin for another segment, a revenue for another
quarter): for every pair a reader marked as one figure said twice, dozens of other pairs shared as many words
and differed by what looked like a slip. So the fact sheet records what the release restates, and a
restatement that disagrees is left to the checks that know its structure (a headline amount, a table cell).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

import regex

from .models import Fact, Mention

WORD = regex.compile(r"[A-Za-z][A-Za-z&'’-]*")
YEAR = regex.compile(r"\b(?:19|20)\d{2}\b")
QUARTER = regex.compile(
    r"(?i)\b(?:q([1-4])|([1-4])q|(first|second|third|fourth)\s+quarter|(three|3)\s+months\s+ended\s+(\w+))")
FULL_YEAR = regex.compile(r"(?i)\b(?:full[\s-]year|fiscal\s+year|(?:twelve|12)\s+months|year\s+ended|annual|FY)\b")
ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4}
QUARTER_END = {"march": 1, "june": 2, "september": 3, "december": 4, "mar": 1, "jun": 2, "sep": 3, "dec": 4}
CLAUSE_START = regex.compile(r"[.;:!?\n](?=\s)|^", regex.M)


@dataclass
class _Figure:
    m: Mention
    words: frozenset[str]
    years: frozenset[str]
    quarters: frozenset[int]
    full_year: bool
    interval: tuple[Fraction, Fraction]


def _stem(word: str) -> str:
    w = word.lower().replace("’", "'").removesuffix("'s").strip("'-")
    return w[:-1] if len(w) > 3 and w.endswith("s") and not w.endswith("ss") else w


def _words(text: str, stop: frozenset[str]) -> list[str]:
    return [w for w in (_stem(x) for x in WORD.findall(text)) if w and w not in stop and len(w) > 1]


def _period(text: str) -> tuple[frozenset[str], frozenset[int], bool]:
    quarters = set()
    for q in QUARTER.finditer(text):
        if q.group(1) or q.group(2):
            quarters.add(int(q.group(1) or q.group(2)))
        elif q.group(3):
            quarters.add(ORDINALS[q.group(3).lower()])
        elif q.group(5) and q.group(5).lower()[:3] in QUARTER_END:
            quarters.add(QUARTER_END[q.group(5).lower()[:3]])
    return frozenset(YEAR.findall(text)), frozenset(quarters), bool(FULL_YEAR.search(text))


def _compatible(a: _Figure, b: _Figure) -> bool:
    if a.years and b.years and not a.years & b.years:
        return False
    if a.quarters and b.quarters and not a.quarters & b.quarters:
        return False
    # one figure for a quarter, the other for a whole year
    if (a.quarters and not a.full_year and b.full_year and not b.quarters) or \
            (b.quarters and not b.full_year and a.full_year and not a.quarters):
        return False
    return True


def _sentence_bounds(text: str, m: Mention) -> tuple[int, int]:
    lo = max(text.rfind(". ", 0, m.start), text.rfind("\n", 0, m.start)) + 1
    hi_dot, hi_nl = text.find(". ", m.end), text.find("\n", m.end)
    ends = [x for x in (hi_dot, hi_nl) if x >= 0]
    return lo, (min(ends) if ends else len(text))


def _figure(m: Mention, text: str, stop: frozenset[str], window: int, previous: list[Mention]) -> _Figure | None:
    interval = (Fraction(Decimal(m.low)), Fraction(Decimal(m.high)))
    if m.cell is not None:
        subject = m.cell.row_label or ""
        period_text = m.cell.column_header or ""
    else:
        lo, hi = _sentence_bounds(text, m)
        clause = list(CLAUSE_START.finditer(text[lo:m.start]))
        start = lo + (clause[-1].end() if clause else 0)
        # the words since the figure before belong to this one; only when none name anything
        # ("after-tax NPV (5%) of US$212.4 million") do the words before that figure count too
        own = start
        for o in previous:
            if start <= o.end <= m.start:
                own = max(own, o.end)
        subject = text[own:m.start] if _words(text[own:m.start], stop) else text[start:m.start]
        if not _words(subject, stop):  # "80,100 oz of gold": the words after the figure name it
            after = regex.match(r"\s*((?:[A-Za-z][\w-]*\s*){0,3})", text[m.end:hi])
            subject = after.group(1) if after else ""
        period_text = text[lo:hi]
    words = _words(subject, stop)[-window:]
    if not words:
        return None
    years, quarters, full_year = _period(period_text)
    return _Figure(m, frozenset(words), years, quarters, full_year, interval)


def _alike(a: Mention, b: Mention) -> bool:
    if a.kind != b.kind or a.unit != b.unit:
        return False
    return a.currency == b.currency or a.currency is None or b.currency is None


def restatements(rule, mentions: list[Mention], text: str = "") -> list[Fact]:
    kinds = set(rule.options.get("kinds", ["money", "price", "shares", "percent", "ratio", "number"]))
    stop = frozenset(_stem(w) for w in str(rule.options.get("stop_words", "")).split())
    window = int(rule.options.get("subject_words", 8))
    min_number = Fraction(str(rule.options.get("min_plain_number", 10)))
    figures: list[_Figure] = []
    prose: list[Mention] = []
    for m in mentions:
        if m.kind not in kinds or (m.kind == "number" and abs(Fraction(Decimal(m.value))) < min_number):
            continue
        f = _figure(m, text, stop, window, prose[-3:])
        if m.cell is None:
            prose.append(m)
        if f is not None:
            figures.append(f)
    index: dict[str, list[int]] = defaultdict(list)
    facts: list[Fact] = []
    for j, y in enumerate(figures):
        shared: dict[int, int] = defaultdict(int)
        for w in y.words:
            for i in index[w]:
                shared[i] += 1
        equal = []
        for i, n in shared.items():
            x = figures[i]
            if not _alike(x.m, y.m) or not _compatible(x, y) or _together(x.m, y.m):
                continue
            if x.interval[0] <= y.interval[1] and y.interval[0] <= x.interval[1]:
                equal.append((n, x.m.start, x))
        # the same figure said before: the two that share the most words, the nearest first
        for _, _, x in sorted(equal, key=lambda t: (-t[0], -t[1]))[:2]:
            facts.append(Fact(id=0, type=rule.type, rule=rule.id, roles={"a": x.m.id, "b": y.m.id},
                              sentence=y.m.sentence))
        for w in y.words:
            index[w].append(j)
    return facts


def _together(a: Mention, b: Mention) -> bool:
    """Two figures of one sentence, or two cells of one table, are different figures."""
    if a.cell is not None and b.cell is not None:
        return a.cell.table == b.cell.table
    return a.cell is None and b.cell is None and a.sentence == b.sentence

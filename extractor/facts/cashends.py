"""Cash at a period's end, across a release's two statements: the cash flow statement's "Cash, cash equivalents
and restricted cash, end of period" row is the balance sheet's "Cash and cash equivalents" row plus its
"Restricted cash" rows (current and non-current) on the same day; its "beginning of year" row is those rows a year
before.

Read from the labels and the columns' dates, never from the values: the flow row names cash, cash equivalents
and restricted cash alone (no other component, no footnote mark) and the end (or beginning) of its period, the
balance sheet prints one cash row and its restricted cash rows and no other row naming cash (restricted cash
within other assets, cash held in escrow), no two columns of one day (actual and as adjusted, as restated and as
reported), the release says nowhere that restricted cash is held within another line, and a balance column pairs
with a flow column whose period ends on its day (a year's column, for a beginning row, a year before). A sum per pair (the flow row's cell the total), so sum-total checks it within the rounding of each
printed figure. Where both columns name their day in full, another pair of three digits or more holds and one
pair at most fails, the failing pair is a slip (tight); columns named by their years alone (a quarter's flows and
a year-end balance sheet read alike), or a restricted cash cell left blank, are bound only where they hold, and
loosely; where no pair holds, the rows are no such pair (cash held for sale, another scope) and nothing is bound.
"""

from __future__ import annotations

from collections import defaultdict

import regex

from ..models import Fact
from ..rules import compiled
from .footarith import holds as _holds, significant_digits
from .restatelabels import rows_of
from .subjects import Reading

_MONTHS = {m: n for n, m in enumerate("jan feb mar apr may jun jul aug sep oct nov dec".split(), 1)}
_DAY = regex.compile(r"(?i)\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+(\d{1,2})\b")
_YEAR = regex.compile(r"\b((?:19|20)\d\d)\b")
_CASH = regex.compile(r"(?i)(?<![\w-])cash\b")


def cash_ends(rule, mentions, text: str = "", reading: Reading | None = None, found=None) -> list[Fact]:
    reading = reading or Reading(mentions, text)
    opts = rule.options
    end, beginning = compiled(opts["end_row"]), compiled(opts["beginning_row"])
    cash, restricted = compiled(opts["cash_row"]), compiled(opts["restricted_row"])
    flow_words = compiled(opts["flow_words"])
    flows, balances, other = [], defaultdict(lambda: ([], [])), set()
    for row in reading.derived(rows_of).values():
        raw = next(iter(row.cells.values())).cell.row_label or ""
        if "cash" not in raw.lower():
            continue  # (most rows: asked first, as it is the cheapest)
        label = " ".join(raw.split())
        if end.search(label):
            flows.append((row, 0))
        elif beginning.search(label):
            flows.append((row, 1))
        elif cash.search(label):
            balances[row.table][0].append(row)
        elif restricted.search(label):
            balances[row.table][1].append(row)
        elif _CASH.search(label) and not flow_words.search(label):  # ("noncash" names no cash)
            other.add(row.table)  # restricted cash within other assets, cash held in escrow: a part printed apart
    if not flows or compiled(opts["told_elsewhere"]).search(text or ""):
        return []  # (restricted cash said to be held within another line: the rows hold a part of it)
    year_span, not_year = compiled(opts["year_span"]), compiled(opts["not_year_span"])
    facts: list[Fact] = []
    for table, (cash_rows, restricted_rows) in balances.items():
        if len(cash_rows) != 1 or not restricted_rows or table in other:
            continue  # one balance sheet's cash, and its restricted cash printed apart
        days = {c: _day(m) for c, m in cash_rows[0].cells.items()}
        if _twice(days.values()):
            continue  # two columns of one day (actual and as adjusted, as restated and as reported): which one?
        for flow, back in flows:  # (a grid may print both statements: the columns' days pair them)
            pairs = []
            for c, total in flow.cells.items():
                path = total.cell.column_path or total.cell.column_header or ""
                key = _day(total)
                if back:  # a year's beginning is the day a year before its end
                    if key is None or not_year.search(path) or key[0] and not year_span.search(path):
                        continue
                    key = (key[0], key[1] - 1)
                for b, day in days.items():
                    if day is not None and key is not None and day == key:
                        pairs.append((total, b, bool(day[0])))
            facts += _pairs(rule, cash_rows[0], restricted_rows, pairs, reading)
    return facts


def _twice(days) -> bool:
    """Whether two columns name one day."""
    named = [d for d in days if d is not None]
    return len(set(named)) < len(named)


def _day(m) -> tuple | None:
    """A column's day: ((month, day), year) where its headers name them, ((), year) where they name a year alone."""
    path = m.cell.column_path or m.cell.column_header or ""
    years = _YEAR.findall(path)
    if len(set(years)) != 1:
        return None
    day = _DAY.findall(path)
    if len(set(day)) > 1:
        return None
    return ((_MONTHS[day[0][0].lower()[:3]], int(day[0][1])) if day else (), int(years[0]))


def _pairs(rule, cash_row, restricted_rows: list, pairs: list, reading: Reading) -> list[Fact]:
    """One sum per (flow cell, balance column): tight where both name their day in full, another pair holds and one
    at most fails."""
    read = []
    for total, b, named in pairs:
        first = cash_row.cells.get(b)
        if total.kind != "money" or first is None or first.kind != "money":
            continue
        parts = [first, *(m for r in restricted_rows if (m := r.cells.get(b)) is not None and m.kind == "money")]
        if len(parts) < 2:
            continue  # its restricted cash nil that day: the cash alone, a figure said twice rather than a sum
        whole = len(parts) == 1 + len(restricted_rows)
        read.append((total, parts, named and whole, _holds(total, parts, reading)))
    failing = sum(1 for *_, holds in read if not holds)
    if failing == len(read):
        return []
    facts = []
    for total, parts, sure, holds in read:
        if not (sure or holds):
            continue  # days named by their years alone may be two days: a miss there says nothing
        vouching = [t for t, _, s, holds in read if holds and s and t is not total and significant_digits(t) >= 3]
        tight = sure and failing <= 1 and vouching
        facts.append(Fact(id=0, type=rule.type, rule=rule.id, sentence=total.sentence,
                          roles={"total": total.id, **{f"part_{n}": m.id for n, m in enumerate(parts, 1)}},
                          attributes={"cash": "ends"}, strength="tight" if tight else "loose"))
    return facts


MECHANISMS = {"cash-ends": cash_ends}

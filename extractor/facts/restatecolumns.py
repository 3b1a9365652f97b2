"""Which column of a table a prose figure restates, read from the release's other restatements.

A header names the period of its column ("Three Months Ended December 31, 2024"), but many tables reach the
reader with headers no period can be read from: dates stacked over several lines of a fixed-width block, a
statement a wire flattened into one line. The figures the prose restates correctly still say which column is
which: "Revenue was $571 million for the fourth quarter of 2024" agrees with one cell of the row "Revenue",
so that cell's column is the fourth quarter of 2024 for every row of the table. A figure with a slip in it,
"Cash from operations was $212 million for the fourth quarter of 2024", then restates the cell of its own row
in that column, though it agrees with none.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict

import regex

from ..models import Mention
from .subjects import Subject, period_of

# The kinds a cell may be when a prose figure of a kind restates it (tables print money without a sign).
CELL_KINDS = {"money": {"money", "number"}, "price": {"price", "money"}, "shares": {"shares", "number"},
              "percent": {"percent"}, "number": {"number"}}

_PARAGRAPH = regex.compile(r"\n[ \t]*\n")
# the spans a table's title names: a quarter's, and any longer one (a table of both names neither alone)
_QUARTER_SPAN = regex.compile(r"(?i)\b(?:three|3)[\s-]+months?\b|\bquarters?\b")
_LONGER_SPAN = regex.compile(r"(?i)\b(?:six|nine|twelve|6|9|12)[\s-]+months?\b|\byears?[\s-]+(?:ended|ending)\b|\bhalf\b|"
                             r"\bfull[\s-]+year\b|\byear[\s-]+to[\s-]+date\b|\bytd\b")
_LINE = regex.compile(r"\n")


def column_period(cell: Mention) -> tuple[frozenset[str], frozenset[int], bool]:
    """The period a cell's column names: its header's words, completed by the period the table reader read from
    all of the column's header rows (`cell.period`: a header of periods stacked over lines, "Three Months Ended"
    over "December 31," over "2024", leaves the last row alone as the header): its year, the calendar quarter a
    three-month period ends in, a full year for twelve months or a fiscal year. A header's own quarter is kept
    (a fiscal "Third Quarter Ended December 31")."""
    years, quarters, full_year = period_of(cell.cell.column_header or "")
    read = cell.cell.period
    if read is None:
        return years, quarters, full_year
    if not years and read.year:
        years = frozenset((str(read.year),))
    if read.kind == "fiscal-year" or read.kind == "months-ended" and read.months == 12:
        full_year = True
    elif not quarters and read.kind == "quarter" and read.quarter:
        quarters = frozenset((read.quarter,))
    elif not quarters and read.kind == "months-ended" and read.months == 3 and read.end and len(read.end) >= 7:
        quarters = frozenset(((int(read.end[5:7]) + 2) // 3,))
    return years, quarters, full_year


def titled_span(cell: Mention, rows, text: str, cache: dict) -> tuple[frozenset[int], bool] | None:
    """The span a table's title names above its header rows, when its columns' headers name a year alone
    ("Three Months Ended / December 31," over "2024 2023"): the quarter (`frozenset({4})`, False) or the full year
    (`frozenset()`, True) every column of the table is for, or None when the title names no one span (a quarter's
    and a year's columns side by side, or none)."""
    table = cell.cell.table
    if table not in cache:
        first = min(m.start for row in rows if row.table == table for m in row.cells.values())
        line = text.rfind("\n", 0, first) + 1
        # the title: the short lines right above the header rows, up to the paragraph before the table
        lines = []
        for piece in reversed(text[max(0, line - 400):line].split("\n")[1:]):
            if len(piece) > 90 or len(lines) >= 12:
                break
            lines.append(piece)
        title = "\n".join(reversed(lines))
        quarter, longer = _QUARTER_SPAN.search(title), _LONGER_SPAN.search(title)
        cache[table] = None
        if quarter and not longer:
            _, quarters, _ = period_of(title)
            cache[table] = (quarters, False) if len(quarters) == 1 else None
        elif longer and not quarter and regex.search(r"(?i)\b(?:twelve|12)[\s-]+months?\b|\byears?[\s-]+end", title) \
                and not regex.search(r"(?i)\b(?:six|nine|6|9)[\s-]+months?\b|\bhalf\b", title):
            cache[table] = (frozenset(), True)
    return cache[table]


def _period_key(s: Subject) -> tuple | None:
    """A period named fully enough to tell columns apart: a quarter or a full year, and its year. A year alone
    is not ("at June 30, 2025" and "at September 30, 2025" are two columns of one year), nor is a quarter
    alone (the words after a figure may name the next one's: "$46 Million and Full-Year Revenue ...")."""
    return (s.years, s.quarters, s.full_year) if s.years and (s.quarters or s.full_year) else None


class Columns:
    """Which column of each table the release's prose restates, read from the figures that agree with a cell:
    on a line, in a paragraph, and in the whole release. A figure with no period of its own restates the
    column its line's figures restate, or failing that the one column two or more figures of its paragraph,
    or of the release, all restate; a figure that names a period takes it only when they name the same.

    A column whose header names no period takes the period of the figures that restate it (`period_column`):
    exactly the period (years, quarters, full year) they name, and only when no other column of the table
    was restated for that period. Tables of as many columns whose headers name no period are read alike: the
    statements of one release print their periods in one order."""

    def __init__(self, bound: list[tuple[Mention, Mention]], labels, widths: dict[int, int]):
        self.labels, self.widths = labels, widths
        reading = labels.reading
        self.breaks = ([m.end() for m in _LINE.finditer(reading.text)], [m.end() for m in _PARAGRAPH.finditer(reading.text)])
        self.cells: dict[tuple, list[Mention]] = defaultdict(list)
        self.by_period: dict[tuple, set[int]] = defaultdict(set)
        learned: dict[tuple, set[tuple]] = defaultdict(set)
        for p, c in bound:
            for key in self._keys(p, c.cell.table):
                self.cells[key].append(c)
            period = _period_key(labels.period(p))
            named = Subject((), *column_period(c))
            # (a header naming a year alone is completed, never contradicted)
            if period is not None and _period_key(named) is None and not (named.years and named.years != period[0]):
                # the table's own, and every table of as many columns whose headers name no period
                for where in (c.cell.table, ("width", widths[c.cell.table])):
                    learned[(where, c.cell.column)].add(period)
        for (where, column), periods in learned.items():
            if len(periods) == 1:  # a column restated for two periods is read from a misread period
                self.by_period[(where, periods.pop())].add(column)
        self.periods = {c.id: labels.period(p) for p, c in bound}
        self._seen: dict[tuple, tuple] = {}

    def _keys(self, p: Mention, table: int) -> tuple[tuple, ...]:
        line, paragraph = (bisect_right(b, p.start) for b in self.breaks)
        return ("line", line, table), ("paragraph", paragraph, table), ("release", 0, table)

    def column(self, p: Mention, table: int) -> int | None:
        for key, least in zip(self._keys(p, table), (1, 2, 2)):
            count, column, years, quarters = self._read(key, p.kind)
            if count < least or column is None:
                continue
            sp = self.labels.period(p)
            # (every cell's period names p's years and quarters: they lie in what all of them name)
            if (sp.years or sp.quarters) and not (sp.years <= years and sp.quarters <= quarters):
                return None
            return column
        return None

    def _read(self, key: tuple, kind: str) -> tuple[int, int | None, frozenset, frozenset]:
        """The cells of a key that a figure of this kind may restate, read once per key and kind (a release's
        key holds every bound cell of a table, and each prose figure naming one of its rows asked again): how
        many, their column if they share one, and the years and quarters all their periods name."""
        if (key, kind) not in self._seen:
            kinds = CELL_KINDS.get(kind, {kind})
            cells = [c for c in self.cells.get(key, ()) if c.kind in kinds]
            columns = {c.cell.column for c in cells}
            seen = [self.periods[c.id] for c in cells]
            self._seen[key, kind] = (len(cells), next(iter(columns)) if len(columns) == 1 else None,
                                     frozenset.intersection(*(s.years for s in seen)) if seen else frozenset(),
                                     frozenset.intersection(*(s.quarters for s in seen)) if seen else frozenset())
        return self._seen[key, kind]

    def period_column(self, p: Mention, table: int) -> int | None:
        """The column of a table whose header names no period that the release restates for p's period: in that
        table, or failing that in the tables of as many columns (a release prints its statements alike)."""
        period = _period_key(self.labels.period(p))
        if period is None:
            return None
        for where in (table, ("width", self.widths[table])):
            columns = self.by_period.get((where, period), ())
            if columns:
                return next(iter(columns)) if len(columns) == 1 else None
        return None

"""Rows of other tables read in a table's columns: the share counts of a per-share row, or the revenue of a
margin, that the release prints in another table (a highlights table over the statement of operations, a
reconciliation of adjusted earnings per share below the statement that holds the weighted shares).

A column of one table is a column of another when the two name the same period: by that period (or, where
none was parsed, by the header's words) when each table names it once, or column by column when the two print
the same periods in the same order (a statement and its reconciliation, both "2024 2024 2023 2024 2023" under
headings the fixed-width layout lost); two tables whose headers name nothing at all are read column for column
only when they print figures in the very same columns. Any other layout binds nothing: a quarter's column is
never paired with a year's by position alone. The rows themselves are chosen by their labels, as a table's own rows are,
never by their figures; a binding through them is loose, since the rows sit apart and were matched by name.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

import regex

from ..models import Mention

# words a header adds that name no period ("Unaudited 4Q24", "December 2023 (Audited)")
_NOT_PERIOD = regex.compile(r"(?i)\b(?:un)?audited\b|\brestated\b|\bas\s+reported\b|[^\w\s]")


def _key(m: Mention):
    """The period a cell's column names: the parsed period, else the header's words, else nothing."""
    p = m.cell.period
    if p is not None:
        return (p.kind, p.months, p.end, p.year, p.quarter)
    words = " ".join(_NOT_PERIOD.sub(" ", m.cell.column_header or "").lower().split())
    return words or None


class Elsewhere:
    """The rows of every table of a release, and for a pair of tables which column of one is which of the
    other; a table's rows are read, and each pair's columns matched, only when first asked for (most tables
    hold every role of their ratios)."""

    def __init__(self, tables: dict[int, list], skipped, read=None):
        self.tables = tables  # table -> its rows, or (with `read`) -> what `read` turns into its rows
        self._read, self._rows = read, {}
        self._skipped = skipped
        self._maps: dict[tuple[int, int], dict[int, int]] = {}
        self._keys: dict[int, dict[int, object]] = {}
        self._moved: dict[int, list] = {}
        self._prints: dict[int, frozenset[int]] = {}  # (asked again for every pair of tables)

    def table(self, t: int) -> list:
        """Table t's rows."""
        if t not in self._rows:
            self._rows[t] = self._read(t, self.tables[t]) if self._read else self.tables[t]
        return self._rows[t]

    def _columns_of(self, t: int) -> dict[int, object]:
        if t not in self._keys:
            self._keys[t] = self._columns(self.table(t), self._skipped)
        return self._keys[t]

    @staticmethod
    def _columns(rows: list, skipped) -> dict[int, object]:
        """Each column's period, in column order; a change column names none."""
        keys: dict[int, object] = {}
        for r in rows:
            for c, m in r.cells.items():
                if c not in keys and not skipped(m):
                    keys[c] = _key(m)
        return {c: k for c, k in sorted(keys.items()) if k is not None}

    def columns(self, t: int, u: int) -> dict[int, int]:
        """Table t's columns -> table u's: the same order of the same periods, else each period both name once;
        two tables whose headers name nothing at all (a fixed-width layout lost both) pair their columns only when
        they print figures in the very same columns, two at least."""
        if (t, u) not in self._maps:
            kt, ku = self._columns_of(t), self._columns_of(u)
            if kt and list(kt.values()) == list(ku.values()):
                self._maps[t, u] = dict(zip(kt, ku))
            elif not kt and not ku:
                same = self._printed(t)
                self._maps[t, u] = {c: c for c in same} if len(same) >= 2 and same == self._printed(u) else {}
            else:
                once_t, once_u = Counter(kt.values()), Counter(ku.values())
                where = {k: c for c, k in ku.items()}
                self._maps[t, u] = {c: where[k] for c, k in kt.items() if once_t[k] == 1 and once_u.get(k) == 1}
        return self._maps[t, u]

    def _printed(self, t: int) -> frozenset[int]:
        """The columns table t prints figures in, its change columns left out (read once a table: every pair of
        tables asks, which read each table's every cell once per other table)."""
        if t not in self._prints:
            self._prints[t] = frozenset(c for r in self.table(t) for c, m in r.cells.items() if not self._skipped(m))
        return self._prints[t]

    def rows(self, t: int, accept) -> list:
        """The rows of the other tables that `accept`, nearest table first, each with only the cells of the
        columns it shares with table t, keyed by t's columns."""
        if t not in self._moved:
            self._moved[t] = [moved for u in sorted((u for u in self.tables if u != t), key=lambda u: (abs(u - t), u))
                              for moved in self._moved_rows(t, u)]
        return [r for r in self._moved[t] if accept(r)]

    def _moved_rows(self, t: int, u: int) -> list:
        columns = self.columns(t, u)
        out = []
        for r in self.table(u) if columns else ():
            cells = {c: r.cells[cu] for c, cu in columns.items() if cu in r.cells}
            if cells:
                out.append(replace(r, cells=cells, kinds=frozenset(m.kind for m in cells.values()), foreign=True))
        return out


def named(rows: list, want: frozenset[str], words, limit: int) -> list:
    """Rows whose label shares words with `want`, those naming more of it first (a label naming nothing binds
    no row of another table)."""
    if not want:
        return []
    scored = [(len(want & words(r.label)), i, r) for i, r in enumerate(rows)]
    return [r for _, _, r in sorted((x for x in scored if x[0]), key=lambda x: (-x[0], x[1]))][:limit]

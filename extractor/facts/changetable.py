"""The figure a prose change is compared with, read from a table row that restates its new figure.

Highlights give a figure and its change ("Revenues of $759.7 million, up 19.5%"; "Net revenues were NT$88,363
million, up 7.8% year-over-year") and leave the old figure to the tables. A reader finds it there: the row that
gives the new figure again, under a label the sentence names, and in that row the figure of the period the
table itself compares it with. Which column that is comes from the table's structure, never from the change:

- the pair of period columns the table's own change column was read to compare (`tablechange`): the row's
  cell in the older column of the pair whose newer column holds the new figure;
- failing that, the column headers' periods: the same period a year earlier (a year of 52 or 53 weeks ends a
  few days off), or for "sequentially" a quarter earlier.

A change that names the period it is compared with ("a 4% decrease from Q3 2024", "lower than 2023") takes the
row's cell of that period instead, whatever the table's change column compares; where no header dates a column
(a fixed-width table's), a year named is the one the row's single comparison is against.

A row that names only a share of sales ("As a % of net sales") is the margin of the amount row above it, and a
row of amounts per share ("Per diluted share") is one "EPS" names. A table with no unit note ("Gross profit | 405 |
456") restates "$405 million" at the scale that brings it there: a percentage is its cells' ratio, an amount their
difference at that scale (the fact's `scale`). Each table printing the row alike (a highlights table and the
statement) gives the change a pair of its own, where it prints the same period on the same basis: prose that
names its measure's basis ("adjusted EPS") is restated only by a row whose words (or, for a share or per-share
row, the amount row's above it) name it too, and a column of another basis ("Constant currency") restates nothing.

A cell of the row another change column compares the new figure with just as well, a sequential change ("up
1.3% sequentially") told against a table whose columns name no quarter, or rows that disagree on the old
figure bind nothing. The row is found by the new figure's value and its label, across sentence and table, so
the binding is loose: a mismatch is flagged only where a known mistake explains it.
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from collections import defaultdict
from datetime import date
from decimal import Decimal

import regex

from ..models import Fact, Mention
from .restatecolumns import CELL_KINDS
from .restatechoice import SCALES, agrees, cell_scale
from .subjects import Reading, content_words, stem
from .tablefacts import _grid

# the kinds of cell a prose figure of a kind may be printed as in a table (tables print money without a sign)
# (a plain number of prose may also be restated by a share count, which a restatement does not take)
_CELL_KINDS = {**CELL_KINDS, "number": CELL_KINDS["number"] | {"shares"}}


class TablePriors:
    """The cells a table compares with each other, read once per release from its change facts and headers."""

    def __init__(self, mentions: list[Mention], facts: list[Fact], reading: Reading,
                 aliases: dict[str, tuple[str, ...]] | None = None, options: dict[str, str] | None = None):
        self.reading = reading
        self.aliases = aliases or {}  # a word prose uses for the words of a row label ("EPS": earnings per share)
        options = options or {}
        # the words of a row that names only a share of sales ("As a % of net sales"): its measure is the row above
        self.share_words = frozenset(stem(w) for w in options.get("share_row_words", "").split())
        # a measure on a basis of its own ("adjusted EPS", "non-GAAP operating margin"): only a row that names the
        # basis too restates it, not the GAAP row that happens to print the same figure
        self.basis = _words(options.get("measure_basis"))
        # columns of figures on another basis than the period's own ("Constant currency", "Impact of foreign
        # currency", "Pro forma"), which a prose change that names no such basis is not told against
        self.other_columns = _words("|".join(filter(None, (options.get("other_basis"), options.get("other_columns")))))
        by_id = {m.id: m for m in mentions}
        # new cell id -> the old cells a change column of its table compares it with
        self.compared: dict[int, dict[int, Mention]] = defaultdict(dict)
        self.stated: set[int] = set()  # the change cells of those comparisons
        # (table, new column) -> the old columns its rows are compared with: the table's structure, which a row
        # its change column leaves blank (a margin under "% Change") shares
        pairs: dict[tuple[int, int], set[int]] = defaultdict(set)
        for f in facts:
            if f.type != "change" or "to" not in f.roles or "from" not in f.roles:
                continue
            new, old = by_id[f.roles["to"]], by_id[f.roles["from"]]
            # (a prose change bound to a row's two cells tells nothing of the table's own comparisons)
            if new.cell is not None and old.cell is not None \
                    and all(by_id[i].cell is not None for r, i in f.roles.items() if r not in ("to", "from", "said")):
                self.compared[new.id][old.id] = old
                self.stated.update(i for r, i in f.roles.items() if r not in ("to", "from", "said"))
                if new.cell.table == old.cell.table and new.cell.row == old.cell.row:
                    pairs[new.cell.table, new.cell.column].add(old.cell.column)
        self.columns = {key: olds.pop() for key, olds in pairs.items() if len(olds) == 1}
        # every row's cells (the release's table grid): what a year-earlier column, or a column the prose change
        # restates, is looked for in
        self.grid = reading.derived(_grid)
        self.cells = [m for m in mentions if m.cell is not None and (m.id in self.compared or m.cell.period is not None
                                                                     and m.cell.period.year is not None
                                                                     or (m.cell.table, m.cell.column) in self.columns)]
        self._by_size: _BySize | None = None  # built on the first prose change asked about

    def prior(self, new: Mention, change: Mention, sequential: bool,
              named: str | None = None, named_by: Mention | None = None) -> list[tuple[Mention, Mention]]:
        """The new figure as its most precise printing (the prose figure, or the cell restating it to more
        digits: "$888 million" and "888,469") and the old figure the tables compare it with (or, when the sentence
        `named` the period it is compared with, the cell of that period); none unless every row that restates it
        agrees. One pair for each row that does (a highlights table and the statement print the row alike): the
        change is of each printing."""
        if not self.cells or float(new.low) <= 0:
            return []
        if change.kind != "percent" and (change.scale is None) != (new.scale is None):
            return []  # "up EUR 540 million to EUR 3,707 (3,167) million": a scale read on one figure only
        words = set(self.reading.subject(named_by or new).words)
        words.update(w for word in list(words) for w in self.aliases.get(word, ()))
        words = folded(words)
        based = self.based(named_by or new)
        # an amount changes as plainly in a row of losses as of gains: "net loss of $64 million, down $43 million"
        # restates the bracketed (64) and is measured against (107); a percentage of a loss is no such arithmetic
        amounts = change.kind == "money"
        found: dict[tuple[str, str], list[tuple[Mention, Mention]]] = defaultdict(list)
        self._by_size = self._by_size or _BySize(self.cells)
        # a table with no unit note ("Shipments (tons) | 47.9 | 46.6") restates "47.9 million tons" too: a percentage
        # is the ratio of the row's two cells whatever their scale, an amount their difference at the scale that
        # brings the cell to the prose figure (the fact's `scale`)
        rescaled = change.kind == "percent" and change.unit == "%" or amounts
        cells = self._by_size.near(new)
        if rescaled:
            cells += [c for f in SCALES[1:] for c in self._by_size.near(new, f) if c.scale is None]
        for cell in cells:
            if cell.kind not in _CELL_KINDS.get(new.kind, ()) or float(cell.low) <= 0 and not amounts:
                continue
            scale = cell_scale(new, cell)
            if scale != 1 and not rescaled or not agrees(new, cell, scale, self.reading):
                continue
            label, named_as = self._label(cell)
            if not label or not words.intersection(label) or based and not self.basis.search(named_as):
                continue
            old = self.older(cell, sequential, named)
            if old is None or self._elsewhere(change, cell, old) or self._other_basis(cell, old):
                continue
            if float(old.low) <= 0 and not amounts:
                return []  # a loss or a nil row: its change is no percentage arithmetic can check
            # the cell as printed, sign and all, when the prose gives a loss unsigned; and the cell where the prose
            # prints the figure no finer: the row's two cells are the pair compared, the prose kept as `said`
            finer = scale != 1 or float(cell.high) - float(cell.low) <= float(new.high) - float(new.low) \
                or float(cell.value) < 0
            pair = (cell if finer else new, old)
            # (the old figure at the prose figure's scale: "5,610" in thousands and "5,610" with no unit note agree)
            key = (Decimal(old.low) * scale, Decimal(old.high) * scale)
            if pair not in found[key]:
                found[key].append(pair)
        return _one_period(next(iter(found.values()))) if len(found) == 1 else []

    def _label(self, cell: Mention) -> tuple[set[str], str]:
        """The words that name a cell's row, stemmed and as printed: a row naming only a share of sales ("As a %
        of net sales") or only a basis per share ("Per diluted share") takes the words of the amount row above,
        whose share or per-share figure it is."""
        # (an unlabeled subtotal is named by the heading it closes: "Revenues >")
        printed = cell.cell.row_label or cell.cell.row_path or ""
        label = folded(content_words(printed))
        per_share = cell.kind == "price" and cell.unit == "share"
        if cell.kind == "percent" and label and label <= self.share_words or per_share:
            above = self._measure_above(cell)
            printed += " " + above
            label |= folded(content_words(above))
            if per_share and above:
                label |= _PER_SHARE  # (a label's "share" is no content word, but its row's unit)
        return label, printed

    def based(self, new: Mention) -> bool:
        """Whether the prose names its figure's basis ("adjusted EPS was $1.32"); not known of a figure of a
        "respectively" list, whose words name every figure's measure ("operating margin and adjusted operating
        margin were 12.5% and 13.0%, respectively")."""
        lo, hi = self.reading.bounds.sentence_of(new.start, new.end)
        return self.basis is not None and self.basis.search(" ".join(self.reading.subject(new).words)) is not None \
            and _RESPECTIVELY.search(self.reading.text, lo, hi) is None

    def _other_basis(self, *cells: Mention) -> bool:
        """A cell in a column of another basis than the period's own figures, by its header."""
        return self.other_columns is not None and any(
            self.other_columns.search(c.cell.column_header or "") for c in cells)

    def _elsewhere(self, change: Mention, new: Mention, old: Mention) -> bool:
        """The row prints the stated change in a column of its own that is not this comparison's: a change on
        another basis ("Reported | Like-for-like"), so the two figures are not the ones it is measured on."""
        return any(c.kind == change.kind and c.id not in self.stated and c is not new and c is not old
                   and agrees(change, c, 1, self.reading) for c in self._row(new))

    def _measure_above(self, cell: Mention) -> str:
        """The label of the amount a share row under it is a share of ("Gross profit" over "As a % of net sales"):
        the nearest row above printing an amount in the cell's column (past the other per-share rows of a
        per-share one: "Per basic share" over "Per diluted share")."""
        rows = self.grid.get(cell.cell.table, {})
        for row in sorted((r for r in rows if r < cell.cell.row), reverse=True):
            above = rows[row].get(cell.cell.column)
            if above is not None and not (above.kind == cell.kind == "price" and above.unit == "share"):
                return (above.cell.row_label or "") if above.kind in ("money", "number") else ""
        return ""

    def _row(self, cell: Mention) -> list[Mention]:
        """The figures of a cell's row (read with `get`: the grid is the release's, shared by every mechanism)."""
        return list(self.grid.get(cell.cell.table, {}).get(cell.cell.row, {}).values())

    def older(self, cell: Mention, sequential: bool, named: str | None = None) -> Mention | None:
        """The cell of `cell`'s row a change of it is told against: the period `named`, or else the one compared."""
        period = cell.cell.period
        olds = list(self.compared.get(cell.id, {}).values()) or self._column_older(cell)
        if named is not None:
            # the sentence names the period ("a 4% decrease from Q3 2024"): the row's cell its header dates so
            want = self.named_cells(cell, named)
            if want or period is not None or sequential or not _YEAR_ONLY.fullmatch(named):
                return want[0] if len(want) == 1 else None
            # headers that date no column (a fixed-width table's): a year named ("versus 2023") is the year the
            # table's one comparison of the row is against
            return olds[0] if len(olds) == 1 else None
        if period is not None and period.year is not None:
            # the headers say which is which: a year earlier (a quarter earlier for a sequential change)
            row = olds or self._row(cell)
            want = [m for m in row if m.cell.period is not None and _earlier(period, m.cell.period, sequential)]
            return want[0] if len(want) == 1 else _in_order(cell, row, want)
        # no period to tell a sequential column from a year-earlier one: only a table with one comparison
        return olds[0] if len(olds) == 1 and not sequential else None

    def named_cells(self, cell: Mention, named: str, years: bool = False) -> list[Mention]:
        """The cells of `cell`'s row whose headers date them the period a sentence names ("from Q3 2024"); with
        `years`, where none does, those whose headers print only the year it names ("2025 2024 2025 2024" over a
        quarter's and a year's columns: the header does not say it is not that period)."""
        period, row = cell.cell.period, [m for m in self._row(cell) if m.kind == cell.kind and m is not cell]
        found = [m for m in row if m.cell.period is not None and period is not None
                 and _named_period(period, m.cell.period, named)]
        return found or [m for m in row if years and m.cell.period is not None and m.cell.period.year is not None
                         and str(m.cell.period.year) == named[:4]
                         and not (m.cell.period.end or m.cell.period.quarter or m.cell.period.months)]

    def _column_older(self, cell: Mention) -> list[Mention]:
        """The cell of the row in the one column the table's change columns compare the cell's column with (a
        margin row whose "% Change" cells are blank is compared as the amounts above it are)."""
        column = self.columns.get((cell.cell.table, cell.cell.column))
        old = self.grid.get(cell.cell.table, {}).get(cell.cell.row, {}).get(column) if column is not None else None
        return [old] if old is not None and old.kind == cell.kind and old.unit == cell.unit else []


def _words(pattern: str | None):
    return regex.compile(f"(?i)\\b(?:{pattern})") if pattern else None


def _one_period(pairs: list[tuple[Mention, Mention]]) -> list[tuple[Mention, Mention]]:
    """The pairs of the first printing's period: another table's row counts only where it prints the same
    period (a year-to-date column restating a quarter's figure by chance is not a printing of it). A row that
    prints the figure in two columns compared with one old cell prints it on two bases ("As reported" and
    "Constant currency" where no header tells the columns apart): which is the prose figure's is not known, so
    that row gives none (a balance printed under a quarter's and a year's columns, each against its own year
    earlier, is one figure)."""
    first = pairs[0][0].cell
    rows: dict[tuple[int, int], list[int]] = defaultdict(list)
    for new, old in pairs:
        if new.cell is not None:
            rows[new.cell.table, new.cell.row].append(old.id)

    def same(m: Mention) -> bool:
        olds = rows[m.cell.table, m.cell.row] if m.cell is not None else []
        if len(set(olds)) < len(olds):
            return False
        a, b = first and first.period, m.cell and m.cell.period
        return a is None or b is None or all(x is None or y is None or x == y for x, y in
                                             ((a.year, b.year), (a.months, b.months), (a.quarter, b.quarter)))
    return [p for p in pairs if same(p[0])]


def folded(words) -> set[str]:
    """Stems with a plural in "-ies" read as the singular's: a label's "Inventories" stems to "inventorie" and
    the prose says "inventory"."""
    return {w[:-2] + "y" if len(w) > 4 and w.endswith("ie") else w for w in words}


def signed(*figures: Mention) -> bool:
    """A row of losses, or one crossing nought: whether the sentence's word may name the loss's size rather than
    the signed figure ("the net loss decreased $43 million" is a signed rise of 43). Such a change is read by its
    size, either way, and its direction left to the figures as printed."""
    return any(float(m.value) < 0 for m in figures)


def _in_order(cell: Mention, row: list[Mention], want: list[Mention]) -> Mention | None:
    """Blocks whose headers name only years ("Three Months Ended" and "Year Ended" over "2025 2024 2025 2024")
    read alike: the row's cells of the new figure's period and those a year earlier pair in column order, when
    there are as many of each."""
    want = [m for m in want if m.kind == cell.kind]
    if len(want) < 2:
        return want[0] if want else None  # (a change column's cell may be headed by the older period)
    same = sorted((m for m in row if m.cell.period == cell.cell.period and m.kind == cell.kind),
                  key=lambda m: m.cell.column)
    if len(same) != len(want) or cell not in same:
        return None
    return sorted(want, key=lambda m: m.cell.column)[same.index(cell)]


def _named_period(new, old, named: str) -> bool:
    """Whether a column's period is the one a date mention's value names ("2024-Q3", "2023", "FY2023",
    "2023-12-31") and as long as the new figure's, before it: a quarter for a quarter, a year for a year, a
    balance at a day for a balance."""
    if old.year is None or new.year is None or old.kind != new.kind or old.months != new.months:
        return False
    day = _DAY.fullmatch(named)
    if day is not None:
        return old.end == named and (new.end or "") > named
    when = _YEAR_QUARTER.fullmatch(named)
    if when is None or old.year != int(when.group(1)):
        return False
    # ("than 2023" of a quarter: that quarter of 2023)
    quarter = int(when.group(2)) if when.group(2) else _quarter(new)
    return _quarter(old) == quarter and (old.year, _quarter(old) or 0) < (new.year, _quarter(new) or 0)


def _quarter(period) -> int | None:
    """A column's calendar quarter: its header's, or that of the day three months ended."""
    if period.quarter is not None or period.months != 3 or not period.end:
        return period.quarter
    return (int(period.end[5:7]) + 2) // 3


# what a row of amounts per share is of, whatever its label says: the words "EPS" stands for in prose
_PER_SHARE = frozenset({"share"})

_RESPECTIVELY = regex.compile(r"(?i)\brespectively\b")
_DAY = regex.compile(r"\d{4}-\d{2}-\d{2}")
_YEAR_ONLY = regex.compile(r"(?:FY)?\d{4}")
_YEAR_QUARTER = regex.compile(r"(?:FY)?(\d{4})(?:-Q([1-4]))?")


def _earlier(new, old, sequential: bool) -> bool:
    if old.year is None or old.kind != new.kind or old.months != new.months:
        return False
    if new.end and old.end:
        # periods that end on a day: a year (or, for "sequentially", three months of a quarter) earlier, give or
        # take the days a year of 52 or 53 weeks moves its end ("December 28, 2024" and "December 30, 2023")
        # (a balance at another day of the year is no such comparison)
        days = (date.fromisoformat(new.end) - date.fromisoformat(old.end)).days
        if sequential:
            return 84 <= days <= 98 and new.months == 3
        return old.year == new.year - 1 and 357 <= days <= 373
    if not sequential:
        return old.year == new.year - 1 and old.quarter == new.quarter
    if new.quarter is None or old.quarter is None:
        return False
    return (old.year, old.quarter) == ((new.year, new.quarter - 1) if new.quarter > 1 else (new.year - 1, 4))


def _sizes(m: Mention) -> tuple[float, float]:
    """The least and the greatest size a figure's printed interval holds (0 for one that takes either sign)."""
    lo, hi = float(m.low), float(m.high)
    return (min(abs(lo), abs(hi)) if lo > 0 and hi > 0 or lo < 0 and hi < 0 else 0.0), max(abs(lo), abs(hi))


class _BySize:
    """The release's cells sorted by the size they print, so that each prose change reads only the cells its
    new figure may agree with, not every cell of the release (every change read every cell: changes times
    cells, the largest releases' many tables and highlights).

    `near` returns a superset of the cells `agrees` can accept, in their own order (the first row found wins
    on a tie): the cells whose sizes lie within a slack far wider than `agrees`' own of the figure's sizes.
    A cell whose greatest size is at most `f` times its least (f: 1.01 for a figure printed to three digits or
    more, else 2) is looked up by its least size among its class's; any other (one about zero, or read from a
    single digit) is always read."""

    _CLASSES = (1.01, 2.0)

    def __init__(self, cells: list[Mention]):
        self.cells = cells
        classes: list[list] = [[] for _ in self._CLASSES]
        self.wide: list[int] = []
        for i, m in enumerate(cells):
            lo, hi = _sizes(m)
            f = next((k for k, f in enumerate(self._CLASSES) if 0 < lo and hi <= f * lo and math.isfinite(hi)), None)
            (self.wide if f is None else classes[f]).append(i if f is None else (lo, hi, i))
        self.classes = [(f, sorted(c), [t[0] for t in sorted(c)]) for f, c in zip(self._CLASSES, classes)]

    def near(self, new: Mention, scale: int = 1) -> list[Mention]:
        """(`scale`: the cells printing the figure's size that many times smaller, as a table with no unit note does)"""
        lo, hi = (size / scale for size in _sizes(new))
        if not math.isfinite(hi):
            return self.cells
        slack = 1e-6 * (lo + hi + 1)  # `agrees` allows 1e-9 of the sizes of both figures, of the same order
        near = list(self.wide)
        for f, entries, lows in self.classes:
            # a cell of the class meeting [lo, hi] has its least size at most hi, and at least 1/f of its
            # greatest, itself at least lo
            start, end = bisect_left(lows, (lo - slack) / f), bisect_right(lows, hi + slack)
            near += [i for _, top, i in entries[start:end] if top >= lo - slack]
        return [self.cells[i] for i in sorted(near)]

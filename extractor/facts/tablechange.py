"""Change columns of financial tables: "% Change", "$ Change", "QoQ" and "YoY", "bps", "Fav (Unfav)".

Which two periods a change column compares is said, if at all, by headers that are often split over several
rows, span a whole block or are missing (fixed-width tables). So it is read from the figures: for each column,
the period column nearest its left and each of the few before it are tried, either way round, as the new and
the old period, under each reading the column's cells allow (a percent change; a change in points for a row
of percentages; an amount, the new less the old), and the pair most rows agree with is the column's. Rows
that fit whatever they are compared with (figures of a digit or two) count for nothing. A column read so is a
change column and no longer a period for the columns right of it: in "Q4 | Q3 | QoQ | Q4 prior | YoY" the
YoY column finds Q4 against Q4 prior, with QoQ left out.

The evidence is graded (issue 8). A column at least two thirds of whose rows agree (or most of them, under a
header that names a change) is the table's own structure, a tight binding: a cell no rounding can save is an
error. A column only a bare majority agrees with is loose: a cell is flagged only where a known slip explains
it. A column where no pair has a majority binds nothing.

Signs are read from agreement, never from row labels: a column where some rows agree only with the opposite
sign (the costs of a "Favorable (Unfavorable)" or "B/(W)" column, the change of a loss) takes each row's sign
from the row, and a row that agrees with neither sign may have either (the check accepts both, and flags only
a size no sign explains). One margin alone agreeing only with the opposite sign, printed bare in a column that
prints its decreases with a minus, is no convention but a lost minus: it is read as printed, so the check flags
it. A percentage change of a loss is read either way too: conventions differ. A
fixed-width row whose cells may have shifted (`tableblocks`) is never held against a reading or flagged.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

import regex

from ..models import Fact, Mention
from .tablefacts import TableRule, printed_unit

NEAREST = 5  # how many period columns left of a change column are tried: pairs stay few, the scan linear
# a column of amounts one of whose two figures is at most this fraction of the other, row after row, adds an
# adjustment to a figure ("Constant Currency" beside "As Reported" and "Impact from Foreign Currency")
ADJUSTMENT = 10
SCREEN = 6  # rows a candidate pair is first tried on; pairs that fit none of them are dropped
# A fit tells when the recomputed interval is at most this share of the stated figure (or of twice its own
# rounding, for a figure about nothing).
NARROW = 0.5
_PLUS, _MINUS = 1, 2
# How many rows of a column must print a decrease with its sign ("-260 bps", "(3.1)%") for the column to sign its
# changes: then its one margin (a change in points) whose figures fell but whose cell prints no sign is read as
# printed, an increase, and the check flags the lost minus. Only a margin: a margin that fell is a decrease under
# either convention, while one cost row printed bare in a "Fav (Unfav)" column its header does not name is right.
# More than one such row is that convention (`mixed`), not a slip.
SIGNED_COLUMN = 2
_STATED = ("pct", "points", "delta")
_EPS = 1e-9
_SIGNED = regex.compile(r"[$€£¥%]|[A-Z]{2,3}\$?\s")  # a cell printing its own currency or percent sign


@dataclass(frozen=True)
class _Cell:
    """A table cell as the structure is read from it: its interval and value as floats, read once."""

    m: Mention
    lo: float
    hi: float
    value: float
    rate: bool  # a percentage (in percent or points)
    points: str | None  # "pp" or "bp" for a figure printed in points
    scale: str | None
    factor: float  # what the printed digits were multiplied by (a table's "in millions")

    @classmethod
    def of(cls, m: Mention) -> "_Cell":
        rate = m.kind == "percent"
        return cls(m, float(m.low), float(m.high), float(m.value), rate, m.unit if rate and m.unit in ("pp", "bp") else None,
                   m.scale, printed_unit(m))


@dataclass
class _Tally:
    """How the rows of one change column fit one (new, old) pair of columns."""

    disagree: int = 0
    missing: int = 0  # rows of the column without a figure in one of the two period columns
    plus_only: int = 0
    minus_only: int = 0
    # rows fitting only as printed whose cell prints a decrease with its sign: the column signs its changes
    signed_decreases: int = 0
    # rows that fit, by their layout (`tableblocks`), and the rows that fit nothing
    fitting_layouts: Counter = field(default_factory=Counter)
    misfits: list[int] = field(default_factory=list)
    agreed: list[int] = field(default_factory=list)  # the rows that fit (each telling: see `_tally`)
    # how many rows each reading ("pct", "points", "delta") fits: a row that fits none is read as most are
    readings: Counter = field(default_factory=Counter)
    bare_points: int = 0  # rows that fit as a change in points printed as a bare figure

    @property
    def agree(self) -> int:
        return len(self.agreed)

    @property
    def key(self) -> tuple[int, int]:
        return self.agree, self.plus_only

    def trusted(self, r: int, layouts: dict[int, int | None]) -> bool:
        """A row that fits nothing counts against the reading (and is flagged) only when its cells are surely
        in their columns: a ruled row, or one laid out like two rows that fit."""
        return layouts.get(r) is None or self.fitting_layouts[layouts[r]] >= 2


def _changes(rule: TableRule, rows: dict[int, dict[int, Mention]], layouts, declared, flips) -> list[Fact]:
    by_column: dict[int, dict[int, _Cell]] = {}
    for r in sorted(rows):
        for c, m in rows[r].items():
            by_column.setdefault(c, {})[r] = _Cell.of(m)
    periods: list[int] = []  # the columns read as periods so far, left to right
    full = _full_rows(rows)
    facts: list[Fact] = []
    read: set[tuple[int, int, str]] = set()  # the pairs a change column to the left compares, and how it reads them
    for col in sorted(by_column):
        cells = by_column[col]
        header = next((x.m.cell.column_header for x in cells.values() if x.m.cell.column_header), "") or ""
        path = next((x.m.cell.column_path for x in cells.values() if x.m.cell.column_path), "") or ""
        # a fixed-width table keeps its headings as the column's path only; "% Change" there heads the column
        # for the rows printing every column, whose cells surely sit under it (`_read_column`)
        found = _read_column(cells, by_column, periods[-NEAREST:], bool(declared.search(header)), layouts,
                             full if declared.search(path) else frozenset())
        if found is None:
            periods.append(col)
            continue
        new, old, tally, strength = found
        mixed = tally.minus_only > 1 or bool(flips.search(header))
        # a second change column comparing the same two periods the same way ("% Change" beside "% Change in
        # Constant Currency", "Organic", "Comparable"; not "$ Change" beside "% Change") is the change on another
        # basis: it agrees with the figures only in the rows the basis leaves alone, so only those are bound,
        # loosely, and the others are no slip
        usual = tally.readings.most_common(1)[0][0] if tally.readings else ""
        again = (new, old, usual) in read
        read.add((new, old, usual))
        facts.extend(_facts(rule, cells, (by_column[new], by_column[old]), tally, "loose" if again else strength,
                            mixed, layouts, fitting_only=again))
    return facts


def _full_rows(rows: dict[int, dict[int, Mention]]) -> frozenset[int]:
    """The rows printing every column from the first to the last: a fixed-width row places its cells counting
    from its right end, so a row with a blank, or a footnote mark read as a figure, has the ones left of it
    shifted under other headings."""
    last = max((max(cells) for cells in rows.values() if cells), default=0)
    return frozenset(r for r, cells in rows.items() if len(cells) == last and min(cells) == 1)


def _read_column(cells: dict[int, _Cell], by_column, left: list[int], declared: bool, layouts,
                 headed_rows: frozenset[int] = frozenset()):
    """The (new, old) pair of columns most rows of this column agree with, its tally and the binding's
    strength; None when the column is no change column (no pair has a clear majority). One of the two is
    the period column nearest the left (the change is printed after what it compares)."""
    if len(left) < 2:
        return None
    near = left[-1]
    # every pair of the period columns in reach: the change columns may follow all the periods ("2024 | 2023 |
    # 2024 | 2023 | % | %"), so the nearest column need not be one of the two
    pairs = [(a, b) for a in left for b in left if a != b]
    screen = [r for r in cells if r in by_column[near]][:SCREEN]
    pairs = [p for p in pairs if any(_fits(cells[r], by_column[p[0]].get(r), by_column[p[1]].get(r)) for r in screen)]
    tallies = {(new, old): _tally(cells, by_column[new], by_column[old], layouts) for new, old in pairs}
    top = max((t.key for t in tallies.values()), default=(0, 0))
    best = [p for p, t in tallies.items() if t.key == top]
    # Pairs the rows agree with alike (periods that grew alike) are told apart by layout: two periods compared
    # stand side by side, and the change follows them (the nearest pair, then one with the nearest column).
    if len(best) > 1:
        closest = min(abs(a - b) for a, b in best)
        best = [p for p in best if abs(p[0] - p[1]) == closest]
        rightmost = max(max(p) for p in best)
        best = [p for p in best if max(p) == rightmost]
    # Two readings that differ only in which column is newer are one for amounts whose rows take either sign
    # (a "Fav (Unfav)" column): the rows' signs come from the rows. The usual layout, newer first, is taken.
    if len(best) == 2 and best[0] == best[1][::-1]:
        best = [min(best)]
    if len(best) != 1 or not top[0]:
        return None
    (new, old), tally = best[0], tallies[best[0]]
    if _closer_unread_pair(cells, by_column, left, (new, old), tally, layouts):
        return None
    # Most of the column's rows must fit, not just more than misfit: a column of periods meets a sparse column
    # (footnote marks read as figures, a few nil rows) by chance in a row or two. And one row that fits is no
    # structure, unless the header says the column is a change (a path's heading, only where every row that fits
    # is one of `headed_rows`, those surely sitting under it).
    declared = declared or bool(tally.agreed) and set(tally.agreed) <= headed_rows
    if tally.agree <= tally.disagree + tally.missing or tally.agree < 2 and not declared:
        return None
    if not declared and _adjusted(cells, by_column[new], by_column[old], tally):
        return None
    tight = tally.agree >= 2 and tally.agree >= 2 * tally.disagree or declared
    return new, old, tally, "tight" if tight else "loose"


def _adjusted(cells: dict[int, _Cell], new_col: dict[int, _Cell], old_col: dict[int, _Cell], tally: _Tally) -> bool:
    """Whether a column read only as amounts is a reconciliation's, not a change: a figure and its adjustment
    ("As Reported | Impact from Foreign Currency | Constant Currency"), one of the two a tenth of the other or
    less in two thirds of the rows that fit, which two figures of one measure in two periods seldom are. The
    column is then a figure of its own, a period the change columns right of it may compare."""
    if set(tally.readings) != {"delta"}:
        return False
    small = 0
    for r in cells:
        a, b = new_col.get(r), old_col.get(r)
        if a is not None and b is not None and min(abs(a.value), abs(b.value)) * ADJUSTMENT <= max(abs(a.value), abs(b.value)):
            small += 1
    return small >= 2 and 3 * small >= 2 * tally.agree


def _closer_unread_pair(cells, by_column, left: list[int], pair: tuple[int, int], tally: _Tally, layouts) -> bool:
    """Whether a closer pair of columns, which the quantity stage typed in different units (a "$" printed in one
    column of a block only, so its neighbour's figures read as plain numbers), fits the rows as well as the
    chosen pair when both are read as printed. Then which pair the column compares is unknown, and the checks
    could not compare that pair's figures anyway: nothing is bound."""
    distance = abs(pair[0] - pair[1])
    for a in left:
        for b in left:
            if a == b or abs(a - b) >= distance:
                continue
            col_a, col_b = by_column[a], by_column[b]
            rows = [r for r in cells if r in col_a and r in col_b and col_a[r].scale != col_b[r].scale]
            if rows and sum(_printed_fit(cells[r], col_a[r], col_b[r]) for r in rows) >= tally.agree:
                return True
    return False


def _printed_fit(stated: _Cell, new: _Cell, old: _Cell) -> bool:
    """A percent change read on the printed digits of two figures of different units."""
    if stated.points or not (stated.rate or not _SIGNED.search(stated.m.text)) or new.rate or old.rate:
        return False
    span = _pct_range(new.lo / new.factor, new.hi / new.factor, old.lo / old.factor, old.hi / old.factor)
    return span is not None and span[0] <= stated.hi and stated.lo <= span[1]


def _pct_range(n_lo: float, n_hi: float, o_lo: float, o_hi: float) -> tuple[float, float] | None:
    """The percent changes from an old figure to a new one, over their intervals; None when the old may be 0."""
    if o_lo <= 0 <= o_hi:
        return None
    corners = (n_lo / o_lo, n_lo / o_hi, n_hi / o_lo, n_hi / o_hi)
    return (min(corners) - 1) * 100, (max(corners) - 1) * 100


def _tally(cells: dict[int, _Cell], new_col: dict[int, _Cell], old_col: dict[int, _Cell], layouts) -> _Tally:
    tally, gaps = _Tally(), []
    for r, stated in cells.items():
        new, old = new_col.get(r), old_col.get(r)
        if new is None or old is None or not _readings(stated, new, old):
            gaps.append(r)
            continue
        if _blank(stated, new, old):
            continue
        signs, telling = 0, False
        for name in _readings(stated, new, old):
            fit, narrow = _agreement(name, stated, new, old)
            signs |= fit
            telling = telling or bool(fit) and narrow
            if fit:
                tally.readings[name] += 1
                tally.bare_points += name == "points" and _bare(stated)
        if not signs:
            tally.misfits.append(r)
        elif telling:  # a row that fits but would fit almost anything (figures of a digit or two) counts for none
            tally.agreed.append(r)
            tally.plus_only += signs == _PLUS
            tally.signed_decreases += signs == _PLUS and stated.value < 0
            tally.minus_only += signs == _MINUS
            tally.fitting_layouts[layouts.get(r)] += 1
    # a row that misfits or lacks a period is held against the reading only when its cells surely sit in
    # their columns
    tally.disagree = sum(tally.trusted(r, layouts) for r in tally.misfits)
    tally.missing = sum(tally.trusted(r, layouts) for r in gaps)
    return tally


def _blank(*cells: _Cell) -> bool:
    """A row of noughts fits every reading and so tells none apart."""
    return all(x.value == 0 for x in cells)


def _fits(stated: _Cell, new: _Cell | None, old: _Cell | None) -> bool:
    return new is not None and old is not None and not _blank(stated, new, old) \
        and any(_agreement(n, stated, new, old)[0] for n in _readings(stated, new, old))


def _readings(stated: _Cell, new: _Cell, old: _Cell) -> tuple[str, ...]:
    """What a change cell may be of its row's two figures: a percent change, a change in points of two
    percentages (a margin row, even under "% Change"), or an amount of the same kind as the two."""
    if new.scale != old.scale:
        return ()  # "$ 152" in a table in millions against a bare "134": not one unit
    rates = new.rate, old.rate
    if stated.points:
        return ("points",) if rates[0] == rates[1] else ()
    if stated.rate:
        return ("pct", "points") if all(rates) else ("pct",) if not any(rates) else ()
    if any(rates):
        # a margin's change printed as a bare figure ("53 % | 50 % | 3"): points, the column's sign left out
        return ("points",) if all(rates) and _bare(stated) else ()
    # a change column may print its "%" once, on its first row, or only in its header: a bare number (no
    # currency, no scale) may be a percentage too
    # (a per-share row's "% Change" cell is typed a price by its row label: what the cell prints decides)
    plain = not stated.scale and not _SIGNED.search(stated.m.text)
    return ("delta", "pct") if stated.scale == new.scale and plain else ("delta",) if stated.scale == new.scale \
        else ("pct",) if plain else ()


def _bare(stated: _Cell) -> bool:
    """A plain number: no unit, scale, currency or percent sign of its own."""
    return stated.m.kind == "number" and not stated.scale and not _SIGNED.search(stated.m.text)


def _agreement(name: str, stated: _Cell, new: _Cell, old: _Cell) -> tuple[int, bool]:
    """Which signs of the reading meet the stated cell's interval (_PLUS, _MINUS, both or neither), and whether
    the recomputed interval is narrow enough for a fit to tell anything (a difference of two one-digit
    figures fits most one-digit cells). Floats with a hair of slack: this reads structure; the checks then
    judge each cell with exact intervals."""
    n_lo, n_hi, o_lo, o_hi, s_lo, s_hi = new.lo, new.hi, old.lo, old.hi, stated.lo, stated.hi
    if name == "pct":
        span = _pct_range(n_lo, n_hi, o_lo, o_hi)
        if span is None:
            return 0, False
        lo, hi = span
    else:
        lo, hi = n_lo - o_hi, n_hi - o_lo
        if stated.points == "bp":
            s_lo, s_hi = s_lo / 100, s_hi / 100
    slack = _EPS * (abs(lo) + abs(hi) + abs(s_lo) + abs(s_hi) + 1)
    plus = lo <= s_hi + slack and s_lo <= hi + slack
    minus = -hi <= s_hi + slack and s_lo <= -lo + slack
    narrow = hi - lo <= NARROW * max(abs(s_lo + s_hi) / 2, 2 * (s_hi - s_lo))
    return (_PLUS if plus else 0) | (_MINUS if minus else 0), narrow


def _stray(r: int, name: str, tally: _Tally, layouts) -> bool:
    """In a column of changes in points printed bare, a row laid out like no other row that fits, fitting only a
    reading the column's other rows do not take (a row of losses placed a column off, whose change amount fits
    the column by chance): not the column's."""
    if not tally.bare_points or not layouts or layouts.get(r) is None or tally.fitting_layouts[layouts[r]] >= 2:
        return False
    return tally.readings[name] <= 1 < sum(tally.readings.values())


def _bare_points(stated: _Cell, new: _Cell, old: _Cell, tally: _Tally) -> bool:
    """Whether a bare figure beside two percentages that fits no reading is held to be their change in points:
    only in a column two rows or more of which fit as points, and not when it fits as basis points printed
    without their unit ("13.5% | 11.1% | 237"), which the checks could not read as such."""
    if tally.readings["points"] < 2:
        return False
    in_bp = _Cell(stated.m, stated.lo / 100, stated.hi / 100, stated.value / 100, False, None, None, 1.0)
    return not _agreement("points", in_bp, new, old)[0]


def _convention(readings: tuple[str, ...], fitted: Counter) -> str | None:
    """The reading of a row that fits none: its only one, or the one most rows of the column fit (none on a tie)."""
    if len(readings) == 1:
        return readings[0]
    counts = sorted(((fitted[name], name) for name in readings), reverse=True)
    return counts[0][1] if counts and counts[0][0] > (counts[1][0] if len(counts) > 1 else 0) else None


def _facts(rule: TableRule, cells, pair, tally: _Tally, strength: str, mixed: bool, layouts,
           fitting_only: bool = False) -> list[Fact]:
    new_col, old_col = pair
    facts = []
    for r, stated in cells.items():
        new, old = new_col.get(r), old_col.get(r)
        if new is None or old is None or _blank(stated, new, old):
            continue
        readings = _readings(stated, new, old)
        fits = {name: _agreement(name, stated, new, old)[0] for name in readings}
        agreed = [name for name, fit in fits.items() if fit]
        if not agreed and (fitting_only or not tally.trusted(r, layouts)):
            continue
        if not agreed and readings == ("points",) and _bare(stated) and not _bare_points(stated, new, old, tally):
            continue
        name = agreed[0] if agreed else _convention(readings, tally.readings)
        if name is None or name == "pct" and old.value == 0:
            continue
        if agreed and _stray(r, name, tally, layouts):
            continue
        fit = fits.get(name, 0)
        if name == "pct" and old.value < 0 or not fit and mixed:
            direction = "improvement"  # either sign: the row says nothing to tell them apart
        elif name == "points" and fit == _MINUS and not mixed and stated.value > 0 \
                and tally.signed_decreases >= SIGNED_COLUMN:
            direction = "increase"  # the column signs its decreases: one printed bare has lost its minus
        else:
            direction = "decrease" if fit == _MINUS else "increase"
        roles = {name: stated.m.id, "to": new.m.id, "from": old.m.id}
        facts.append(Fact(id=0, type=rule.type, rule=rule.id, roles=roles, sentence=stated.m.sentence,
                          attributes={"dir": direction}, strength=strength))
    return facts

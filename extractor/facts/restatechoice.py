"""Which cell a prose figure restates when its value agrees with none: the cell of the rows its words name in the
column its period picks (or the column the release's other figures of that period restate), else the one nearest
by far; and whether a slip can explain the difference at all.

A figure that differs from the cell its words pick may still be another figure the table prints: the cell of
another row in that column ("Net income attributable to common stockholders" under "Net income", when the sentence
said "Net income"), or the named row together with the rows that extend its label ("Voyage expenses" and "Voyage
expenses - related party"). A figure one of those gives is no slip (`explained_otherwise`).

`slipped` binds the figures `restatelabels.py` found no agreeing cell for, and says how (`label`, `row`, `repeated`,
`nearest`, `choice`).
"""

from __future__ import annotations

import math
from collections import defaultdict
from decimal import Decimal
from fractions import Fraction

from ..models import Mention
from .restatecolumns import CELL_KINDS as _CELL_KINDS
from .restatecolumns import column_period, titled_span
from .subjects import Reading

# The scales a table with no unit note may be printed in.
SCALES = (1, 1000, 1000000, 1000000000)


def _value(m: Mention) -> Fraction:
    return Fraction(Decimal(m.value))


def cell_scale(prose: Mention, cell: Mention) -> int:
    """The scale a cell is read at against a prose figure: its own when its table states one, else the one
    that brings it nearest the prose figure."""
    if cell.scale is not None or cell.kind in ("percent", "price") or prose.kind in ("percent", "price"):
        return 1
    p, c = abs(float(prose.value)), abs(float(cell.value))
    if p == 0 or c == 0:
        return 1
    return min(SCALES, key=lambda f: abs(math.log10(p / (c * f))))


def agrees(prose: Mention, cell: Mention, scale: int, reading: Reading) -> bool:
    """The two intervals meet (a loss printed plainly in prose restates the bracketed cell).

    Most pairs are far apart or plainly overlap: floats decide those, and only ends within a rounding error
    of each other are compared exactly."""
    plo, phi, clo, chi = float(prose.low), float(prose.high), float(cell.low), float(cell.high)
    if prose.cell is None:
        plo, phi = _magnitudes(plo, phi)
        clo, chi = _magnitudes(clo, chi)
    apart, overlap = chi * scale - plo, phi - clo * scale  # both above 0 when they meet
    slack = 1e-9 * (abs(plo) + abs(phi) + abs(clo * scale) + abs(chi * scale) + 1)
    if apart > slack and overlap > slack:
        return True
    if apart < -slack or overlap < -slack:
        return False
    return _agrees_exactly(prose, cell, scale, reading)


def _magnitudes(lo: float, hi: float) -> tuple[float, float]:
    return (min(abs(lo), abs(hi)) if lo > 0 and hi > 0 or lo < 0 and hi < 0 else 0.0), max(abs(lo), abs(hi))


def _agrees_exactly(prose: Mention, cell: Mention, scale: int, reading: Reading) -> bool:
    plo, phi = reading.interval(prose)
    clo, chi = reading.interval(cell)
    if prose.cell is None:
        plo, phi = min(abs(plo), abs(phi)) if plo * phi > 0 else 0, max(abs(plo), abs(phi))
        clo, chi = min(abs(clo), abs(chi)) if clo * chi > 0 else 0, max(abs(clo), abs(chi))
    # strictly: two whole percentages a unit apart touch at the half ("2%" and "(1)" meet at 1.5)
    return plo < chi * scale and clo * scale < phi


def period_cells(p: Mention, row, labels) -> list[Mention]:
    """The row's cells of a kind p may restate whose header period fits p's period (`labels`: the release's
    LabelReader)."""
    kinds = _CELL_KINDS.get(p.kind, {p.kind})
    cells = [c for _, c in sorted(row.cells.items()) if c.kind in kinds and (c.unit == p.unit or c.kind != "percent")]
    day = labels.day(p)
    if day is not None and any(c.cell.period is not None and c.cell.period.kind == "as-of" for c in cells):
        # a balance of a day named: the column of that day, or none ("at March 31" is not June 30's column)
        return [c for c in cells if c.cell.period is not None and c.cell.period.end == day]
    sp = labels.period(p)
    if not (sp.years or sp.quarters or sp.full_year):
        return cells if len(cells) == 1 else []
    fit = []
    for c in cells:
        years, quarters, full_year = column_period(c)
        if years and not quarters and not full_year and (c.cell.period is None or c.cell.period.kind != "as-of") \
                and (span := titled_span(c, labels.rows.values(), labels.reading.text, labels.titles)):
            quarters, full_year = span  # a header of a year alone under a title naming the table's one span
        if not (years or quarters or full_year):
            if len(cells) > 1:
                continue
        elif sp.years and years and not years & sp.years or sp.quarters and not quarters & sp.quarters \
                or sp.full_year and not sp.quarters and not full_year or not (quarters or full_year) and not years & sp.years:
            continue  # a quarter's figure is not a half-year's column, a year's not a quarter's nor a balance's
        fit.append(c)
    return fit


def agreeing_cells(p: Mention, named: list, rows: dict, footing, reading: Reading) -> list[Mention]:
    """The cells of the rows p's words name that agree with it, in any column; failing those, a cell of another
    kind its row or column names that restates it on that footing (`footing`: the rule's `Footing`); failing
    those, a cell of a row of `rows` extending a named row's label in its table (not for a per-share figure,
    which has rows of its own): a clause naming "net loss" picks the row "Net income (loss)", and the prose
    quotes the longer row after it, "Net income (loss) attributable to GMGI"; the shorter row's disagreeing cell
    is then no slip of p."""
    kinds = _CELL_KINDS.get(p.kind, {p.kind})
    cells = [c for row in named for c in row.cells.values()]
    if agreeing := [c for c in cells if c.kind in kinds and agrees(p, c, cell_scale(p, c), reading)] \
            or [c for c in cells if c.kind not in kinds and footing.of(p, c) and agrees(p, c, cell_scale(p, c), reading)]:
        return agreeing
    longer = [c for row in named if row.words and p.unit != "share" for other in rows.values()
              if other.table == row.table and len(other.words) > len(row.words)
              and other.words[:len(row.words)] == row.words for c in other.cells.values()]
    return [c for c in longer if c.kind in kinds and agrees(p, c, cell_scale(p, c), reading)]


def within_a_slip(p: Mention, cell: Mention) -> bool:
    """Whether a slip could make one figure of the other: within ten-fold (a digit), or a thousand-fold apart
    (a scale word). Further apart (a per-share figure and a row of amounts), the words chose the wrong row."""
    ratio = abs(math.log10(abs(float(p.value)) / (abs(float(cell.value)) * cell_scale(p, cell))))
    return ratio < 1 or min(abs(ratio - k) for k in (3, 6, 9)) < 0.05


def choose(p: Mention, named: list, columns, labels, confirmed=frozenset()) -> tuple[Mention | None, str]:
    """The cell p restates when none agrees with it: the one its period (or its paragraph's) picks, `label`
    when that is one figure (a summary table and the statement giving the same count once: of its cells, one in
    a row the prose restates correctly elsewhere, `confirmed`, when there is one); else the cell of the named
    rows nearest in value by far (`nearest`, a choice among the row's periods)."""
    kinds = _CELL_KINDS.get(p.kind, {p.kind})
    fit = [c for row in named for c in period_cells(p, row, labels)]
    if not fit and labels.day(p) is not None and any(
            c.cell.period is not None and c.cell.period.kind == "as-of" for row in named for c in row.cells.values()):
        return None, ""  # a balance of a day no column prints ("as of September 30" beside December's columns)
    if not fit:
        # no header names p's period: the column the release's other figures of that period restate
        fit = [row.cells[col] for row in named for col in [columns.period_column(p, row.table)]
               if col in row.cells and row.cells[col].kind in kinds]
    if len({_value(c) for c in fit}) != 1 and not (p.id in labels.compared and not fit):
        # no column its period picks, or several: the column the release's other figures restate there (not for
        # a figure compared with the one before it: that one's line restates the other period)
        chosen = [row.cells[col] for row in named for col in [columns.column(p, row.table)]
                  if col in row.cells and row.cells[col].kind in kinds]
        narrowed = [c for c in chosen if c in fit] if fit else chosen
        if narrowed or not fit:
            fit = narrowed
    if len({_value(c) for c in fit}) == 1:
        return next((c for c in fit if (c.cell.table, c.cell.row) in confirmed), fit[0]), "label"
    # the periods that fit (or every cell of the row when none does): the nearest by far
    cells = fit or [c for row in named for c in row.cells.values() if c.kind in kinds]
    if not cells:
        return None, ""
    # how far apart in digits, a thousand-fold slip aside
    def distance(c: Mention) -> float:
        ratio = abs(math.log10(abs(float(p.value)) / (abs(float(c.value)) * cell_scale(p, c))))
        return min(ratio % 3, 3 - ratio % 3)
    ranked = sorted(cells, key=distance)
    if len(ranked) > 1 and distance(ranked[1]) - distance(ranked[0]) < _NEAREST_MARGIN \
            and _value(ranked[1]) != _value(ranked[0]):
        return None, ""
    return ranked[0], "nearest"


# How much nearer (in digits: log10) the nearest cell must be than the next for a choice by value.
_NEAREST_MARGIN = math.log10(1.5)


def explained_otherwise(p: Mention, cell: Mention, rows: dict, columns: dict, reading: Reading) -> bool:
    """Whether p, which differs from `cell`, is another figure of the cell's column: a cell of another row (at the
    scale it is read at), or the cell's row summed with the rows whose labels extend its own. `rows` are the
    release's rows by (table, row), `columns` their cells by (table, column)."""
    scale = cell_scale(p, cell)
    key = (cell.cell.table, cell.cell.column)
    if any(agrees(p, other, cell_scale(p, other), reading) for other in columns.get(key, ())
           if other.kind == cell.kind and other.id != cell.id):
        return True
    words = rows[(cell.cell.table, cell.cell.row)].words
    family = [row.cells[key[1]] for (table, _), row in rows.items()
              if table == key[0] and len(row.words) > len(words) and row.words[:len(words)] == words
              and key[1] in row.cells and row.cells[key[1]].kind == cell.kind]
    if not family:
        return False
    total = sum((_value(c) for c in family), _value(cell)) * scale
    lo, hi = reading.interval(p)
    return min(abs(lo), abs(hi)) <= abs(total) <= max(abs(lo), abs(hi))


def slipped(pending, found, columns, labels, flash, rows: dict, agreed: set = frozenset()) -> list[tuple]:
    """The cells the figures that agree with none restate, each with how it was bound (`choose`'s `label` or
    `nearest`, narrowed to `row`, `repeated` or `choice` by what the release's agreeing figures say). `agreed`:
    the rows of every cell a prose figure agrees with, bound or not (a summary table's row and the statement's
    both restated by "Revenue was $509.4 million")."""
    # (a flash line restating a cell leaves a body figure that differs from it a slip, not another figure)
    restated = {c.id for p, c, _ in found if flash.rows(p) is None}
    # a row the prose restates correctly elsewhere is the thing it talks about; an unconfirmed row may share
    # its label with another figure (net income before and after minority interests)
    confirmed = {(c.cell.table, c.cell.row) for _, c, _ in found} | agreed
    by_column: dict[tuple[int, int], list[Mention]] = defaultdict(list)
    for (table, _), row in rows.items():
        for column, cell in row.cells.items():
            by_column[(table, column)].append(cell)
    out = []
    for p, named in pending:
        cell, by = choose(p, named, columns, labels, confirmed)
        if cell is None or not within_a_slip(p, cell):
            continue
        if explained_otherwise(p, cell, rows, by_column, labels.reading):
            by = "choice"  # another row of the column, or the row with those extending its label, gives it
        elif cell.id in restated and flash.rows(p) is None:
            # another figure restates the cell correctly: this one may be another figure of that name, so only a
            # unique cell its period picks binds it, and only a transposition or scale slip is evidence (a flash
            # line names its row whole: the body agreeing with the cell confirms it)
            by = "repeated" if by == "label" else "choice"
        elif (cell.cell.table, cell.cell.row) not in confirmed and by == "label":
            by = "row"
        out.append((p, cell, by))
    return out

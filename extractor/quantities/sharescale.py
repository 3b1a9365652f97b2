"""Share counts a table's per-share figure puts in the amounts' scale.

A note may scale money and leave counts whole by its words ("(Dollars in thousands, except per share data)",
"(In US$ thousands)", "(in thousands, except share data)") while the counts beneath it are printed in thousands
all the same: "Weighted average shares  45,279" under net income of 118,515 thousand and earnings per share of
2.62. Read whole, such a count makes every per-share figure of its column a thousand times too large; the
column itself says which reading is meant: an amount of it divided by the count in the amounts' scale gives a
per-share figure it prints, and divided by the count as printed does not.
"""

from __future__ import annotations

from decimal import Decimal

from . import numbers
from .found import Found
from ..document import Cell, TableRegion
from ..models import dec_str

# how far an amount over a count may stray from the per-share figure printed: half a cent of its rounding, and a
# little more for the amount's and the count's own rounding
CENT_SLACK = Decimal("0.0051")
RELATIVE_SLACK = Decimal("0.002")


def rescale_counts(read: list[tuple[Cell, Found]], table: TableRegion, before: list[tuple[Cell, Found]],
                   before_columns: int) -> None:
    """Put in the amounts' scale the whole-read counts of `table` whose column shows they are in it. A
    statement split where a heading stood ("Net income per ordinary share:") prints its amounts in the table
    `before`, of as many columns: a column of per-share figures and counts with no amount is read with that
    table's same column."""
    counts = [(cell, f) for cell, f in read if f.kind == "shares" and f.scale is None and _money_scale(cell, table) > 1]
    if not counts:
        return
    columns = _columns(read)
    earlier = _columns(before) if before_columns == table.columns else {}
    scaled = whole = False
    for cell, f in counts:
        prices, amounts = columns.get(f.cell.column, ((), ()))
        if prices and not amounts:
            amounts = earlier.get(f.cell.column, ((), ()))[1]
        count = abs(Decimal(f.value))
        if count and prices and amounts:
            whole = whole or _fits(count, prices, amounts)
            scaled = scaled or _fits(count * _money_scale(cell, table), prices, amounts)
    # the counts of one table print in one scale: one count the column proves scaled ("Basic", whose per-share
    # figure is the amount over it) scales those no amount divides exactly ("Diluted", after add-backs)
    if scaled and not whole:
        for cell, f in counts:
            _scale(cell, f, table, _money_scale(cell, table))


def _columns(read: list[tuple[Cell, Found]]) -> dict[int, tuple[list[Decimal], list[Decimal]]]:
    """Each column's per-share figures and scaled amounts, unsigned."""
    columns: dict[int, tuple[list[Decimal], list[Decimal]]] = {}
    for _, f in read:
        if f.cell is None or f.kind not in ("price", "money"):
            continue
        prices, amounts = columns.setdefault(f.cell.column, ([], []))
        value = abs(Decimal(f.value))
        if f.kind == "price" and f.unit == "share" and value:
            prices.append(value)
        elif f.kind == "money" and f.scale is not None and value:
            amounts.append(value)
    return columns


def _money_scale(cell: Cell, table: TableRegion) -> Decimal:
    note = cell.unit or table
    if note.share_scale is not None:
        return Decimal(1)  # the note scales counts itself
    return note.scale or Decimal(1)


def _fits(count: Decimal, prices, amounts) -> bool:
    """Whether some amount over the count is a per-share figure the column prints."""
    for amount in amounts:
        ratio = amount / count
        if any(abs(ratio - p) <= CENT_SLACK + RELATIVE_SLACK * p for p in prices):
            return True
    return False


def _scale(cell: Cell, f: Found, table: TableRegion, scale: Decimal) -> None:
    value, places = numbers.parse_digits(cell.text.rstrip("% "))
    reading = numbers.read(value, places, scale)
    f.value, f.low, f.high = dec_str(reading.value), dec_str(reading.low), dec_str(reading.high)
    f.scale = (cell.unit.text if cell.unit else table.unit_note) or None

"""Table cells that print no percent sign but are percentages by what heads them: a percent note over the
labels ("Key ratios (in %)"), or a row or column named by a noun that is a percentage more often than not
("Occupancy", "Load factor", a column "Margin" or "YoY"); read by `cells.py` for a figure its row says nothing of."""

from __future__ import annotations

from decimal import Decimal
from functools import lru_cache

import regex

from ..document import Cell, TableRegion
from ..document.notes import read_note

# a cell's figure as printed ("1,056.7", "(25.5)")
_ROW_FIGURE = regex.compile(r"^[\s$(\-–—]*(?P<digits>\d[\d,]*(?:\.\d+)?)\s*\)?\s*$")
_DIGIT = regex.compile(r"\d")

# a table of percentages by its note: "(in %)", "(%)", "(percent)", "in per cent", the whole note above it or the end
# of its label column's header ("Key ratios (in %)"); not "except percentages", nor one unit among others ("(EURm) (%)")
_PERCENT_NOTE = regex.compile(r"(?i)(?:^|\s)\(\s*(?:in\s+)?(?:%|percent|per\s?cent|percentages?)\s*\)\W*$|^\W*in\s+(?:%|percent|per\s?cent)\W*$")
_OTHER_UNIT = regex.compile(r"(?i)\([^)]*\)(?=.*\()|[$€£¥]|\b[A-Z]{3}m?\b(?<![a-z]{3})")
# a head noun naming a percentage more often than not, but an amount at times ("Occupancy" costs, a "Margin" in
# dollars): read as a percentage only where the figure could be one and no currency claims its column; after it
# only a footnote mark or a percent sign in brackets ("Load factor (1)"; not "Utilization (hours)")
_SOFT_PERCENT = regex.compile(r"(?i)\b(?:margins?|yoy|y/y|y-o-y|qoq|q/q|occupancy(?:\s+rate)?|load\s+factor|utili[sz]ation)"
                              r"\s*(?:\((?:\d{1,2}|[a-z]|%|in\s+%)\)\s*|\*+\s*|[:,;\-–—]\s*)*$")
MAX_SHARE = 100
_MARK = regex.compile(r"^\(\d\)$")


@lru_cache(maxsize=1024)
def _noted_percent(heads: tuple[str, ...], note: str) -> bool:
    return any(_PERCENT_NOTE.search(h) and not (_OTHER_UNIT.search(h) or _DIGIT.search(h) or read_note(h)) for h in (*heads, note))


def percent_by_note(cell: Cell, table: TableRegion, header: str) -> bool:
    """Whether a figure whose row says no kind is a percentage by its table's note ("(in %)" over the labels) or
    by a head noun of its row or column that names one ("Occupancy", "Load factor", a column "Margin" or "YoY"),
    outside the columns printing a currency. A figure grouped in thousands is never one."""
    m = _ROW_FIGURE.match(cell.text)
    if m is None or "," in m.group("digits") or cell.column in table.money_columns:
        return False
    if _MARK.match(cell.text) or cell.row in table.percent_rows:
        return False  # a footnote mark ("(2)"), or a row printing its percent signs: a bare figure there is another
    heads = tuple(row[0] for row in table.grid[:table.header_rows] if row)
    if _noted_percent(heads, table.unit_note or ""):
        return True
    return (_soft_percent(cell.row_label or "") or _soft_percent(header)) and Decimal(m.group("digits")) <= MAX_SHARE


@lru_cache(maxsize=4096)
def _soft_percent(words: str) -> bool:
    """Whether a row label or column header ends on a noun naming a percentage (read once a label: a table's
    labels and headers repeat down its cells)."""
    return bool(_SOFT_PERCENT.search(words))

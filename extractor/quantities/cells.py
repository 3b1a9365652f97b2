"""Table cells' kinds: a figure in a table typed from its row label, column header and the table's unit note."""

from __future__ import annotations

from decimal import Decimal
from functools import lru_cache

import regex

from . import numbers
from .compiler import Recogniser
from .found import Found
from ..document import Cell, TableRegion
from ..models import TableCell, dec_str

_PER_SHARE_ROW = regex.compile(r"(?i)\bper\b[^|]{0,30}\b(?:share|unit|ADS)|\bEPS\b|earnings\s+per|\bdividends?\s+(?:declared|paid)?\s*per")
_SHARES_ROW = regex.compile(r"(?i)\b(?:shares|share\s+count|units\s+outstanding|ADSs)\b")
# "(in thousands, except share and per share data)": the share counts are whole, though the note's words
# name shares after the scale (not "except per share data", where the counts are in thousands too)
_EXCEPT_SHARES = regex.compile(r"(?i)\bexcept\s+(?:for\s+)?(?:the\s+)?(?:number\s+of\s+)?(?:shares?|units?)\b")
# a row named only by its basis ("Basic", "Diluted", "Basic from continuing operations"): its heading names it
_BASIS_ONLY = regex.compile(r"(?i)^[\s\-–—]*(?:basic|diluted)\b(?![^|]*\b(?:per|shares?|units?|eps|earnings|income|loss)\b)")
_DIGIT = regex.compile(r"\d")
_BASIS_LINE = regex.compile(r"(?i)^[\s|\-–—]*(?:basic|diluted)\b")
_PERCENT_LABEL = regex.compile(r"(?i)%|\bpercent|\bmargin\b|\bratio\b|\byield\b|\brate\b|\breturn\s+on\b")


@lru_cache(maxsize=4096)
def _label_kinds(label: str) -> tuple[bool, bool, bool, bool]:
    """(per-share, shares, percent, money sign) of a row label or column header, read once per label: a row's
    cells share it, and reading a long label again for every cell was quadratic in the row."""
    per_share, shares = _PER_SHARE_ROW.search(label), _SHARES_ROW.search(label)
    # "Weighted average shares used in computing net income per share" counts shares: the words that come
    # first say what the row holds, the per-share phrase after them says what the count is used for
    if per_share and shares and shares.start() < per_share.start():
        per_share = None
    return bool(per_share), bool(shares), bool(_PERCENT_LABEL.search(label)), "$" in label


def section_label(label: str, text: str, at: int) -> str:
    """The words that name a row: a row labelled only by its basis ("Basic", "Diluted from continuing
    operations") is named by the heading above its group ("Weighted-average number of shares outstanding:",
    "Earnings per share:"); a row of a fixed-width table whose label wraps over lines ("Net income per share
    attributable to common" / "stockholders 0.42 0.44") by the lines above it. A pipe row's label is whole."""
    if not text:
        return label
    end = text.rfind("\n", 0, at)
    group = bool(_BASIS_ONLY.match(label))
    if not group and "|" in text[end + 1:at]:
        return label
    # the lines above, as a bounded copy: a cache keyed by the whole text would keep whole releases alive
    return _heading_above(text[max(0, end - _ABOVE):max(end, 0)], group) + label


_ABOVE = 2000  # characters above a row its label and heading lines may take


@lru_cache(maxsize=1024)
def _heading_above(text: str, group: bool) -> str:
    """The label lines right above a row (the end of `text`; up to five, no figure, rule or blank line
    between); for a group of basis rows, above the group's other rows."""
    end = len(text)
    heading: list[str] = []
    for _ in range(12):
        if end <= 0:
            break
        start = text.rfind("\n", 0, end) + 1
        line = text[start:end].strip(" |\t")
        end = start - 1
        if _DIGIT.search(line):
            if heading or not group or not _BASIS_LINE.match(line):
                break  # the row above the label, or a figure row outside the group
        elif not line.strip("-–—=_+ |"):
            if heading or not group:
                break
        else:
            heading.insert(0, line)
            if len(heading) == 5:
                break
    return " ".join(heading) + " " if heading else ""


def read_cell(cell: Cell, table: TableRegion, rec: Recogniser, text: str) -> Found | None:
    """A table figure is a rounded amount (tables round each line to the unit shown), so it gets
    the half-unit interval of its last digit even when it is a whole number."""
    try:
        value, places = numbers.parse_digits(cell.text.rstrip("% "))
    except numbers.NumberError:
        return None
    label = cell.row_label or ""
    header = cell.column_header or ""
    info = TableCell(table=table.index, row=cell.row, column=cell.column, row_label=cell.row_label, column_header=cell.column_header)
    if cell.points:
        reading = numbers.read(value, places)
        return Found("percent", cell.start, cell.end, dec_str(reading.value), dec_str(reading.low), dec_str(reading.high), unit=cell.points, cell=info)
    # whether the row counts shares or gives a figure per share is read from all the words naming it (a
    # heading, a wrapped label's first lines); a percentage from its own label ("Interest rate" / "swaps" is
    # an amount)
    per_share, shares = _label_kinds(section_label(label, text, cell.start))[:2]
    percent, dollar = _label_kinds(label)[2:]
    # a figure grouped in thousands ("37,385") under a "Gross margin" label is the margin's amount, not a percentage
    by_label = percent and not cell.currency and not shares and not dollar and "," not in cell.text
    if cell.percent or ("%" in header and not cell.currency) or by_label:
        reading = numbers.read(value, places)
        return Found("percent", cell.start, cell.end, dec_str(reading.value), dec_str(reading.low), dec_str(reading.high), unit="%", cell=info)
    if per_share or _label_kinds(header)[0]:
        reading = numbers.read(value, places)
        return Found("price", cell.start, cell.end, dec_str(reading.value), dec_str(reading.low), dec_str(reading.high), unit="share", currency="USD", cell=info)
    multiplier = table.scale or Decimal(1)
    scale_name = table.unit_note if table.scale else None
    if shares and not cell.currency:
        if table.scale_applies_to != "all" or _EXCEPT_SHARES.search(table.unit_note or ""):
            multiplier, scale_name = Decimal(1), None
        reading = numbers.read(value, places, multiplier)
        return Found("shares", cell.start, cell.end, dec_str(reading.value), dec_str(reading.low), dec_str(reading.high), unit="shares", scale=scale_name, cell=info)
    money_columns = table.money_columns
    # Where some columns print a currency sign, the others are not money (days, rates, counts).
    if cell.currency or cell.column in money_columns or (table.scale and not money_columns):
        reading = numbers.read(value, places, multiplier)
        return Found("money", cell.start, cell.end, dec_str(reading.value), dec_str(reading.low), dec_str(reading.high), currency="USD", scale=scale_name, cell=info)
    reading = numbers.read(value, places)
    return Found("number", cell.start, cell.end, dec_str(reading.value), dec_str(reading.low), dec_str(reading.high), cell=info)

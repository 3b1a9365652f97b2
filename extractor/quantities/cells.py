"""Table cells' kinds: a figure in a table typed from its row label, column header and the table's unit note."""

from __future__ import annotations

from decimal import Decimal
from functools import lru_cache

import regex

from . import numbers
from .compiler import Recogniser
from .found import Found
from .column_periods import header_period
from .dates import DateReading
from .measures import count, measure_unit, measured_or_counted, per_measure, section
from .percentcells import percent_by_note
from .plainrows import exchange_rate_row, multiple_row, year_column
from .tabledollar import header_currency
from ..document import Cell, TableRegion
from ..document.model import QUALIFIER, head_points, is_year, printed_multiple
from ..models import TableCell, dec_str

# "per the REIT's proportionate share", "as per its share of": "per" before a determiner means "according to",
# and names no rate per share
_PER_SHARE_ROW = regex.compile(r"(?i)\bper\b(?<!\bexcept\s+per)(?!\s+(?:the|its|our|their|each\s+of)\b)[^|]{0,30}\b(?:share|unit|ADS)|\bEPS\b|earnings\s+per|\bdividends?\s+(?:declared|paid)?\s*per"
                            r"|(?:[$€£¥]|\b(?-i:[A-Z]{3}))\s*/\s*(?:share|unit|ADS)\b")  # "EUR / share", "(€/share)"
_SHARES_ROW = regex.compile(r"(?i)\b(?:shares|share\s+count|units\s+outstanding|ADSs)\b|\b(?:weighted[\s-]+average|outstanding)\b[^|]{0,30}\b(?:ADSs?|units)\b"
                         r"|^weighted[\s-]+average\b(?![^|]{0,60}\b(?:rates?|prices?|costs?|yields?|life|term|maturity|interest|exercise|balances?|assets|loans|deposits|borrowings)\b)")
# an amount paid on, for or from shares ("Cumulative dividends on preferred shares", "Repurchase of ordinary
# shares", "Payments related to shares withheld for taxes") holds money, whatever shares it names: the noun that
# heads the label says what the row holds
_AMOUNT_OF_SHARES = regex.compile(r"(?i)\b(?:dividends?|distributions?|earnings|payments?|proceeds|repurchases?|purchases?"
                               r"|issuances?|changes?|costs?|expenses?|compensation|value)\b(?:\s+[\w-]+){0,2}?\s+(?:on|of|to|for|from|in)"
                               r"\s+(?:[\w-]+\s+){0,6}?(?:shares|units|ADSs)\b")
# A label names a percentage by a percent sign or word anywhere ("% of revenue", "Percentage of sales"), or by
# its head noun: "Effective tax rate" and "Gross margin" are percentages, "Interest rate swaps", "Margin loans"
# and "Percentage rents" are amounts (the noun that ends the
# label, before any bracket or footnote mark, is what the row holds).
_PERCENT_LABEL = regex.compile(r"(?i)%|\bpercent\b|\bpercentage\s+(?:of|points?|change)\b|\breturn\s+on\b|\b(?:margins?|ratios?|yields?|rates?|percentages?)\s*(?:\([^)]*\)\s*|\*+\s*|[:,;\-–—]\s*)*$")
# a count of shares whose label names the per-share figure it serves: "Weighted-average shares used to
# compute basic net income per share", "Shares used in computing diluted EPS"
_SHARE_COUNT_ROW = regex.compile(r"(?i)\bweighted[\s-]+average\b|\bshares\s+(?:used|outstanding|for|in)\b|\bnumber\s+of\s+(?:common\s+)?shares\b"
                              r"|^\W*(?:(?:basic|diluted|common|ordinary)\s+)?shares\s+(?:for|in|to)\b|^\W*used\s+(?:in|for)\b")
# the same count with its noun in the section heading ("Weighted average number of shares > used in computing
# diluted income per share"): the label names what it is used for
_USED_FOR = regex.compile(r"(?i)^\W*(?:used|utilized)\s+(?:in|to|for)\s+(?:the\s+)?(?:comput|calculat|determin)")
# a word making a row that names shares a count ("Number of", "Weighted average", "outstanding", "Basic"); one
# without ("Treasury shares", "Preferred shares", "Common shares repurchased") may be their amount
_COUNT_WORD = regex.compile(r"(?i)\b(?:outstanding|weighted|average|number|no\.|used|counts?|basic|diluted|authori[sz]ed|float"
                            r"|equivalents?|thousands|millions|000s?|per)\b|'000")
_TOTAL_ROW = regex.compile(r"(?i)^\s*total\s*:?\s*$")
# a column of percentages: "%", "Change (%)", "Change (per cent)", "Change, pct", "Percent change"
_PERCENT_HEAD = regex.compile(r"(?i)%|\bper\s?cent(?:age)?\b|\bpct\b")
# a price column: "Weighted average price per day (SEK)", "Average price paid"; not a total paid at a price
_PRICE_HEAD = regex.compile(r"(?i)\bprices?\b(?![^|]{0,30}\b(?:index|indices)\b)(?<!\b(?:total|aggregate|purchase|transaction)\s+prices?)")
# a balance sheet's equity caption ("Common stock, $0.001 par value per share; 300,000,000 shares authorized;
# 20,272,006 issued"; "Treasury stock, at cost (1,200 shares)"): its figures are the stock's amount, whatever
# counts and prices the caption names
_CAPTION = regex.compile(r"(?i)\b(?:par|stated|liquidation)\s+value\b|\bliquidation\s+preference\b"
                      r"|\btreasury\s+(?:stock|shares)\b\W{0,3}at\s+cost\b"
                      r"|\d\s+(?:(?:and|or)\s+[\d,.]+\s+)?shares\s+(?:(?:issued|authorized|authorised)\b|(?:are\s+)?outstanding\s+(?:at|as\s+of)\b)"
                      # a caption wrapped over rows: "authorized 5,000,000 shares; issued and outstanding", "3,166,653 in
                      # 2024 and 3,116,966 shares in 2023"
                      r"|\d{1,3}(?:,\d{3})+\s+(?:in\s+\d{4}\s+)?(?:(?:and|or)\s+\d{1,3}(?:,\d{3})+\s+)?shares\b")
# a row holding an amount and its per-share figure side by side ("Net income / EPS", "earnings/EPS"): the column
# header says which a cell is
_AMOUNT_AND_PER_SHARE = regex.compile(r"(?i)\b(?:earnings|income|loss)\s*(?:/|and)\s*(?:EPS|per\s+share)\b")
# an adjustment of a reconciliation, which holds what the figure it adjusts holds; how far back it is looked for
_ADJUSTMENT = regex.compile(r"(?i)^\s*(?:add|less|plus|minus|deduct|exclude|excluding)\b\s*:?")
MAX_RECONCILED = 60
_DIGIT = regex.compile(r"\d")
# a row label that says nothing of its own kind, read under its section ("Basic", "Diluted", "Class A")
MAX_GENERIC_WORDS = 3


@lru_cache(maxsize=4096)
def _label_kinds(label: str) -> tuple[bool, bool, bool, bool]:
    """(per-share, shares, percent, money sign) of a row label or column header, read once per label: a row's
    cells share it, and reading a long label again for every cell was quadratic in the row."""
    if _CAPTION.search(label):
        return False, False, False, "$" in label
    per_share = bool(_PER_SHARE_ROW.search(label) or per_measure(label))
    shares = bool(_SHARES_ROW.search(label)) and not _AMOUNT_OF_SHARES.search(label)
    if per_share and shares and _SHARE_COUNT_ROW.search(label):
        per_share = False
    elif per_share and _USED_FOR.match(label):
        per_share, shares = False, True
    return per_share, shares, bool(_PERCENT_LABEL.search(label)), "$" in label


_BULLETS = "-–—•* "  # before a qualifier: "-- Diluted", "- basic"


@lru_cache(maxsize=4096)
def _marks(label: str) -> tuple[bool, bool, bool, bool]:
    """(a total, an adjustment, a generic qualifier, a row measured in a unit of its own or counted) of a row label: read
    once per label, where each of a row's cells asked them again."""
    return (bool(_TOTAL_ROW.match(label)), bool(_ADJUSTMENT.match(label)), bool(QUALIFIER.match(label.lstrip(_BULLETS))),
            measured_or_counted(label))


def row_kinds(cell: Cell, table: TableRegion) -> tuple[bool, bool, bool, bool]:
    """The kinds a row's label says, or (for a short label that says none, like "Basic") its innermost
    section's ("Weighted-average shares outstanding: > Basic"); a bare "Total" those of the rows it adds up."""
    kinds = _label_kinds(cell.row_label or "")
    label = cell.row_label or ""
    if any(kinds[:3]):
        return kinds
    total, adjustment, qualifier, _ = _marks(label)
    if total and _adds_up_shares(cell.row, table):
        return False, True, False, False
    if adjustment and _reconciles_per_share(cell.row, table):
        return True, False, False, kinds[3]
    if cell.row_path and (len(label.split()) <= MAX_GENERIC_WORDS or qualifier):
        heading = _label_kinds(section(cell))
        # a per-share heading reaches a row naming a measure of its own ("Loss per share > EBITDA") only for a
        # figure a share may be worth: one grouped in thousands is the measure's amount
        if any(heading[:3]) and not (heading[0] and not qualifier and _GROUPED.search(cell.text)):
            return heading
    if _SHARE_FIGURE.match(cell.text) and _bridged_per_share(cell.row, table):
        return True, False, False, kinds[3]
    if qualifier and len(label.split()) <= MAX_GENERIC_WORDS:
        return _paired_kinds(cell.row, table) or (None if cell.row_path else _sibling_kinds(cell.row, table)) or kinds
    return kinds


_PAIRED = regex.compile(r"(?i)\b(?:basic|diluted)\b")
PAIR_REACH = 3  # rows looked back for it: a label wrapped over lines leaves rows without figures


def _paired_kinds(row: int, table: TableRegion) -> tuple[bool, bool, bool, bool] | None:
    """A "Diluted" row with no section over it, under "Net loss per common share Basic" (a statement a wire
    flattened, or one printed without headings): the kinds of the row above that names the other basis."""
    for k, cells in enumerate(reversed(table.grid[max(table.header_rows, row - PAIR_REACH): row])):
        label = cells[0] if cells else ""
        if not any(_DIGIT.search(c) for c in cells[1:]):
            if k == 0 and any((heading := _label_kinds(label))[:3]):
                return heading  # its heading right above, dashes for figures or not ("Weighted average shares  -  -")
            continue
        return _label_kinds(label) if _PAIRED.search(label) and not QUALIFIER.match(label) else None
    return None


# a figure in cents a per-share bridge prints ("0.20", "(0.04)"); a figure grouped in thousands
_SHARE_FIGURE = regex.compile(r"^[\s$(\-–—]*\d{1,3}\.\d{2,4}\s*\)?\s*$")
_GROUPED = regex.compile(r"\d,\d{3}")


def _bridged_per_share(row: int, table: TableRegion) -> bool:
    """Whether a row that says no kind is a step of a per-share bridge ("Diluted EPS, as reported", then
    "Depreciation", "Stock-based compensation", then "Adjusted diluted EPS"): the nearest rows above and below
    it that say a kind are per-share rows, and no row on the way holds an amount grouped in thousands."""
    return all(_nearest_says_per_share(rows, table) for rows in _around(row, table))


def _around(row: int, table: TableRegion) -> tuple[range, range]:
    """The rows looked at above a row (nearest first) and below it."""
    return (range(row - 1, max(table.header_rows, row - MAX_RECONCILED) - 1, -1),
            range(row + 1, min(len(table.grid), row + MAX_RECONCILED + 1)))


def _nearest_says_per_share(rows: range, table: TableRegion) -> bool:
    for r in rows:
        cells = table.grid[r]
        if not any(_DIGIT.search(c) for c in cells[1:]):
            continue  # a label wrapped over lines, a heading, a rule
        if any(_GROUPED.search(c) for c in cells[1:]):
            return False
        kinds = _label_kinds(cells[0] if cells else "")
        if any(kinds[:3]):
            return kinds[0] and not kinds[1]
    return False


# an amount printed to a tenth of a cent or finer ("$0.1223", "$0.047"): no total is, a rate per unit or share is
_SUB_CENT = regex.compile(r"^[\s$€£(\-–—]*\d{1,3}\.\d{3,4}\s*\)?\s*$")
# a cell's figure as printed ("1,056.7", "(25.5)")
_ROW_FIGURE = regex.compile(r"^[\s$(\-–—]*(?P<digits>\d[\d,]*(?:\.\d+)?)\s*\)?\s*$")
_MARGIN_HEAD = regex.compile(r"(?i)\bmargins?\s*(?:\([^)]*\)\s*|\*+\s*|[:,;\-–—]\s*)*$")


@lru_cache(maxsize=4096)
def margin_amount(text: str, label: str) -> bool:
    """Whether a figure a percent label names ("Gross margin") is an amount: one grouped in thousands, or one
    above 100 under a margin (no share of revenue is; a loss may fall below -100%), as in "Gross margin  259.5".
    Read cell by cell: a row may print the margin's amount and its percentage side by side."""
    m = _ROW_FIGURE.match(text)
    if m is None:
        return False
    digits = m.group("digits")
    return "," in digits or ("(" not in text and "-" not in text and Decimal(digits.replace(",", "")) > 100
                             and bool(_MARGIN_HEAD.search(label)))


# a label that ends on its basis ("Net loss per common share Basic"), whose sibling row names only the other
_ENDS_ON_BASIS = regex.compile(r"(?i)\b(?:basic|diluted)\s*:?\s*$")


def _sibling_kinds(row: int, table: TableRegion) -> tuple[bool, bool, bool, bool] | None:
    """The kinds of the row right above a bare "Diluted" when that row's label ends on the other basis: a
    statement a wire flattened keeps "Net loss per common share Basic ... Diluted ..." with no heading."""
    for cells in reversed(table.grid[table.header_rows: row]):
        label = cells[0] if cells else ""
        if not label.strip():
            continue
        m = _ENDS_ON_BASIS.search(label)
        return _label_kinds(label[:m.start()]) if m and not QUALIFIER.match(label) else None
    return None


def _reconciles_per_share(row: int, table: TableRegion) -> bool:
    """Whether an adjustment ("Add: Restructuring costs") belongs to a reconciliation of a per-share figure: the
    nearest row with figures above it that is no adjustment is a per-share row ("Diluted earnings per share")."""
    for cells in reversed(table.grid[table.header_rows: row][-MAX_RECONCILED:]):
        label = cells[0] if cells else ""
        if not any(_DIGIT.search(c) for c in cells[1:]) or _ADJUSTMENT.match(label):
            continue  # a label wrapped over lines, a row of nils, another adjustment
        return bool(_PER_SHARE_ROW.search(label)) and not _SHARE_COUNT_ROW.search(label)
    return False


def _adds_up_shares(row: int, table: TableRegion) -> bool:
    """Whether the rows a "Total" adds up (those above it, back to the last total or heading) are share counts:
    every one of them says so, or the heading over them does ("Units outstanding", "Exchangeable units
    outstanding", "Total")."""
    above = []
    for cells in reversed(table.grid[table.header_rows: row]):
        label = cells[0] if cells else ""
        if _TOTAL_ROW.match(label) or not any(c.strip() for c in cells[1:]):
            heading = _label_kinds(label) if label.strip() and not _TOTAL_ROW.match(label) else None
            return bool(heading and heading[1] and not heading[0]) or _all_shares(above)
        above.append(label)
    return _all_shares(above)


def _all_shares(labels: list[str]) -> bool:
    return bool(labels) and all(k[1] and not k[0] and not k[2] for k in map(_label_kinds, labels))


def _amount_among_amounts(cell: Cell, table: TableRegion, header: str) -> bool:
    """Whether a row naming shares but no count of them is an amount of a statement of money (by its note or its
    column's currency): the nearest rows with figures around it, past others like it, are amounts ("Retained
    earnings", "Treasury shares", "Total equity"); a count's are counts or prices ("Average price paid per share")."""
    if _COUNT_WORD.search(cell.row_path or cell.row_label or "") or _label_kinds(header)[1]:
        return False
    note = cell.unit or table
    if not (note.scale or note.currency or cell.column in table.money_columns):
        return False
    sides = [side for side in (_nearest_amount(rows, table) for rows in _around(cell.row, table)) if side is not None]
    # a note scaling counts too ("(in thousands)") leaves a count as likely: amounts on both sides are needed
    return len(sides) >= (2 if note.share_scale else 1) and all(sides)


def _nearest_amount(rows: range, table: TableRegion) -> bool | None:
    """Whether the nearest row with figures says no kind but money (None: no such row that way)."""
    for r in rows:
        cells = table.grid[r]
        if not any(_DIGIT.search(c) for c in cells[1:]):
            continue
        label = cells[0] if cells else ""
        per_share, shares, percent, _ = _label_kinds(label)
        if shares and not per_share and not _COUNT_WORD.search(label):
            continue  # another such row ("Preferred shares issued for debt", "Common shares repurchased")
        return not (per_share or shares or percent or _marks(label)[3])
    return None


def read_cell(cell: Cell, table: TableRegion, rec: Recogniser, text: str) -> Found | None:
    """A table figure is a rounded amount (tables round each line to the unit shown), so it gets
    the half-unit interval of its last digit even when it is a whole number."""
    try:
        value, places = numbers.parse_digits(cell.text.rstrip("% "))
    except numbers.NumberError:
        return None
    header = cell.column_header or ""
    info = TableCell(table=table.index, row=cell.row, column=cell.column, row_label=cell.row_label,
                     column_header=cell.column_header, row_path=cell.row_path, column_path=cell.column_path,
                     period=header_period(cell.column_path or cell.column_header))
    if (plain := _plain(cell, value, places, info, text)) is not None:
        return plain
    per_share, shares, percent, dollar = row_kinds(cell, table)
    if per_share and _AMOUNT_AND_PER_SHARE.search(cell.row_label or "") and cell.column_header:
        per_share = _label_kinds(header)[0]
    # "Gross margin  37,385" is the margin's amount, not a percentage: money in the currency its column names
    percent = percent and not margin_amount(cell.text, cell.row_label or "")
    if not (per_share or shares or percent or dollar or cell.currency):
        percent = percent_by_note(cell, table, header)
    named = None
    if not (per_share or shares or percent):  # a row that says nothing: its column may ("no. of shares")
        head = _label_kinds(header)
        shares = head[1] and not head[0] and not head[2]
        # a column whose header names a currency holds amounts of it; one naming a price holds prices, in the
        # currency it names or its figures print ("Wtd. avg. hedge price  $3.32")
        named = None if shares or head[2] else header_currency(header)
        per_share = bool(named or cell.currency) and (head[0] or bool(_PRICE_HEAD.search(header))) \
            or cell.column in table.per_share_columns
    # the currency its column names, or its row's or table's unit note ("(EUR millions)"); a bare "$" is USD
    currency = named or (cell.unit.currency if cell.unit else None) or table.currency or "USD"
    by_label = percent and not cell.currency and not shares and not dollar
    if cell.percent or (_PERCENT_HEAD.search(header) and not (cell.currency or _drifted_percent(cell, table))) \
            or by_label:
        reading = numbers.read(value, places)
        return Found("percent", cell.start, cell.end, dec_str(reading.value), dec_str(reading.low), dec_str(reading.high), unit="%", cell=info)
    if per_share or _label_kinds(header)[0] or (cell.currency and _SUB_CENT.match(cell.text) and not (cell.unit or table).scale):
        reading = numbers.read(value, places)
        unit = measure_unit(cell.row_label or "") or measure_unit(header) or "share"
        return Found("price", cell.start, cell.end, dec_str(reading.value), dec_str(reading.low), dec_str(reading.high), unit=unit, currency=currency, cell=info)
    note = cell.unit or table
    money_scale, share_scale = note.scale, note.share_scale
    note_text = note.text if cell.unit else table.unit_note
    multiplier = money_scale or Decimal(1)
    scale_name = note_text if money_scale else None
    if shares and not cell.currency and not _amount_among_amounts(cell, table, header):
        # a count printed with a fraction ("239.0") in a table with a scale is in that scale
        share_scale = share_scale or (money_scale if "." in cell.text else None)
        multiplier = share_scale or Decimal(1)
        scale_name = note_text if share_scale else None
        reading = numbers.read(value, places, multiplier)
        return Found("shares", cell.start, cell.end, dec_str(reading.value), dec_str(reading.low), dec_str(reading.high), unit="shares", scale=scale_name, cell=info)
    money_columns = table.money_columns
    # Where some columns print a currency sign, the others are not money (days, rates, counts); a row measured in
    # a unit of its own ("Gold sold (oz)") holds no amounts, whatever its column or the table's note say.
    if cell.currency or (cell.column in money_columns or (money_scale and not money_columns) or named) \
            and not (_marks(cell.row_label or "")[3] or _marks(section(cell))[3]):
        reading = numbers.read(value, places, multiplier)
        return Found("money", cell.start, cell.end, dec_str(reading.value), dec_str(reading.low), dec_str(reading.high), currency=currency, scale=scale_name, cell=info)
    return count(cell, table, value, places, info)


def _drifted_percent(cell: Cell, table: TableRegion) -> bool:
    """Whether the percent sign of a column's header came from a header cell of another column spread over it
    ("% of | GWP" printed a column left of its figures, over the amounts beside it): a column printing a currency
    whose own header cells print none holds amounts."""
    return cell.column in table.money_columns and not any(
        cell.column < len(row) and "%" in row[cell.column] for row in table.grid[:table.header_rows])


def _plain(cell: Cell, value, places, info: TableCell, text: str) -> Found | None:
    """A figure whatever its row's kind: a year under a header of years, a change in points, a rate or a multiple
    (named by its row, or printing its sign: "4.13x")."""
    if year_column(cell.column_header or cell.column_path or "") and is_year(cell.text):
        return _year(cell, info)
    # a change in points: its unit printed beside it, or a bare figure under a header naming it ("Change (bps)")
    points = cell.points or (None if cell.percent or cell.currency else head_points(cell.column_header or ""))
    if points:
        reading = numbers.read(value, places)
        return Found("percent", cell.start, cell.end, dec_str(reading.value), dec_str(reading.low), dec_str(reading.high), unit=points, cell=info)
    if exchange_rate_row(cell.row_label or "") or (multiple_row(cell.row_label or "") and not cell.percent) \
            or printed_multiple(text, cell.end):
        # a rate or a multiple is a ratio: a heading's "(in millions)" scales the amounts beside it, not it
        reading = numbers.read(value, places)
        return Found("number", cell.start, cell.end, dec_str(reading.value), dec_str(reading.low), dec_str(reading.high), cell=info)
    return None


def _year(cell: Cell, info: TableCell) -> Found:
    year = cell.text.strip()
    reading = DateReading(year, f"{year}-01-01", f"{year}-12-31")
    return Found("date", cell.start, cell.end, year, reading.low, reading.high, date=reading, cell=info)

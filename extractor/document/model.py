"""The table model's records: a numeric cell, a table region, and the section headings above a row."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from decimal import Decimal

import regex

from ..rules import lexicon
from .notes import UnitNote, excepts_per_share

# The month names of `rules/quantities/lexicon.yaml`, longest first ("january" before "jan"), for the table
# readers' patterns: the dates the quantity rules read and the dates a table's header or caption prints are
# named by one list. Matched case-insensitively.
MONTH = "(?:" + "|".join(sorted(lexicon()["months"], key=lambda w: (-len(w), w))) + ")"


@dataclass
class Cell:
    """A numeric table cell, read but not yet typed: the quantities stage types it."""

    start: int  # of the printed number (with its parentheses or minus)
    end: int
    text: str
    row: int
    column: int
    row_label: str | None
    column_header: str | None
    currency: bool = False  # a "$" printed in or before the cell
    percent: bool = False  # a "%" printed in or after the cell
    negative: bool = False
    points: str | None = None  # "pp" or "bp" when the next cell says so
    row_path: str | None = None  # the row label under its section headings: "Operating expenses: > Research"
    column_path: str | None = None  # the header rows above the column, outermost first, joined by " > "
    unit: UnitNote | None = None  # a note of its own row ("Revenue (in millions)") or of its part of the table
    range_end: str | None = None  # "low" or "high": one end of a range printed in one cell ("$590 - $650")


@dataclass
class TableRegion:
    index: int
    format: str
    start: int
    end: int
    unit_note: str | None
    scale: Decimal | None  # of money
    rows: int = 0
    columns: int = 0
    cells: list[Cell] = field(default_factory=list)
    share_scale: Decimal | None = None  # of share counts (None: printed whole)
    grid: list[list[str]] = field(default_factory=list)  # every row's cell texts, as printed (row = index)
    header_rows: int = 0  # how many rows of the grid are its header
    currency: str | None = None  # the currency its unit note names ("In EUR millions"), if any

    @functools.cached_property
    def money_columns(self) -> set[int]:
        """Columns where a currency sign is printed at least once (often only on the first and total rows), and
        the columns that run alongside one of them: a statement may print its sign in the current period's
        column only ("Revenue  $2,098  1,898  $8,345  7,297")."""
        signed = {c.column for c in self.cells if c.currency}
        return signed | alongside(self.cells, signed) if signed else signed

    @functools.cached_property
    def percent_rows(self) -> frozenset[int]:
        """The rows of the grid that print a percent sign in a cell, read once a table (each cell of a wide row
        asked it of its whole row)."""
        return frozenset(r for r, row in enumerate(self.grid) if any("%" in c for c in row))

    @functools.cached_property
    def per_share_columns(self) -> frozenset[int]:
        """Columns of per-share figures whose header a wire lost ("After Tax / EPS Impact" stacked over lines no
        longer aligned, "$ EPS $ EPS" over pairs of columns): under a unit note that excepts per-share figures
        ("in millions, except per share data", "except EPS"), the columns every figure of which prints two to
        four decimals, where every other figure column prints one or none (amounts in millions, thousands or
        units). Read once a table."""
        if not self.unit_note or not excepts_per_share(self.unit_note):
            return frozenset()
        decimals: dict[int, set[int]] = {}
        for c in self.cells:
            if not c.percent:
                places = _PLACES.search(c.text)
                decimals.setdefault(c.column, set()).add(len(places.group(1)) if places else 0)
        amounts = [c for c, places in decimals.items() if not places <= {2, 3, 4}]
        if not amounts or len(amounts) == len(decimals) or any(max(decimals[c]) > 1 for c in amounts):
            return frozenset()  # no amounts, no per-share column beside them, or amounts to two decimals
        return frozenset(c for c in decimals if c not in amounts)

    @classmethod
    def noted(cls, index: int, format: str, start: int, end: int, note: UnitNote) -> "TableRegion":
        return cls(index, format, start, end, None, None).take_note(note)

    def take_note(self, note: UnitNote) -> "TableRegion":
        """This table under `note`: its text, scales and currency (a table cut short takes its own lines' note)."""
        self.unit_note, self.scale, self.share_scale, self.currency = note.text, note.scale, note.share_scale, note.currency
        return self


# a header naming a period ("2023", "Q4 2024", "December 31,"), under the headings above it ("Three months ended >
# Dec. 31, > 2024"), as the header of a column of amounts for another period does; a header naming anything else ("Homes closed", "Units") is a column of something else
_PERIOD_HEAD = regex.compile(rf"(?i)^(?:[^>]*>\s*)*[\s(]*(?:(?:FY|Q[1-4]|[1-4]Q|H[12])?\s*['’]?(?:19|20)?\d\d|{MONTH}\.?(?:\s+\d{{1,2}},?)?(?:\s+(?:19|20)\d\d)?)[\s)]*$")
_DIGITS = regex.compile(r"[\d.]+")
_PLACES = regex.compile(r"\d\.(\d+)")
ALONGSIDE = 5  # how far apart two periods' amounts of one item may lie
MIN_ALONGSIDE = 2  # rows the two columns share


def _column_values(cells: list[Cell]) -> dict[int, dict[int, float]]:
    """Each column's figures by row, as magnitudes; percentages left out (they say their own kind)."""
    columns: dict[int, dict[int, float]] = {}
    for c in cells:
        if c.percent or c.points:
            continue
        try:
            columns.setdefault(c.column, {})[c.row] = float("".join(_DIGITS.findall(c.text.replace(",", ""))))
        except ValueError:
            continue
    return columns


def alongside(cells: list[Cell], signed: set[int]) -> set[int]:
    """The columns printing no sign that hold the amounts of the column left of them for another period: a header
    naming a period or none (as the other's), and figures in the same rows within a few times the other's, in two
    thirds of them; one read so counts as that column's neighbour in turn."""
    columns, heads = _column_values(cells), {}
    for c in cells:
        heads.setdefault(c.column, c.column_path)
    money, found, order = set(signed), set(), sorted(columns)
    for left, col in zip(order, order[1:]):
        if left not in money or col in money or not _same_kind_of_head(heads[left], heads[col]):
            continue
        here, there = columns[col], columns[left]
        pairs = [(here[r], there[r]) for r in here if r in there and here[r] > 0 and there[r] > 0]
        near = sum(1 for a, b in pairs if 1 / ALONGSIDE <= a / b <= ALONGSIDE)
        # a table of one row of amounts ("Comparable EBITDA  $ 720  682  $2,776  2,665" over rows of rates) shares
        # no more than that row: its one pair is enough, when the signed column has no other figure
        enough = MIN_ALONGSIDE if len(there) > 1 else 1
        if len(pairs) >= enough and 3 * near >= 2 * len(pairs):
            money.add(col)
            found.add(col)
    return found


def _same_kind_of_head(left: str | None, right: str | None) -> bool:
    if left is None or right is None:
        return left == right
    return bool(_PERIOD_HEAD.match(left) and _PERIOD_HEAD.match(right)) \
        and left.rpartition(">")[0].strip() == right.rpartition(">")[0].strip()


# A sign may sit inside the parentheses ("($278)"), a gain may print its plus ("+18%") and a loss its percent sign inside
# its parentheses ("(4.8%)"); a dollar may print its country ("NT$2.15", "HK$0.38").
# White space is taken whole (`\s*+`: what follows it never starts with a space), so a cell holding a long
# run of spaces is not split every way between the adjacent `\s*` (cubic); the comma groups likewise.
# Compiled by the standard `re` (it uses nothing `regex` adds): every token of every table row is tried against
# it, and on such short strings `re` matches three times faster.
NUMERIC_CELL = re.compile(
    r"^(?P<cur>[$€£]|(?:US|C|A|NT|HK|S|NZ)\$)?\s*+(?P<num>\(?(?:(?<=\()[$€£])?\s*+[-−–+]?\s*+(?:\d{1,3}(?:,\d{3})++|\d+)(?:\.\d+)?\s*+\)?|[-−–+]?\.\d+)\s*+(?P<pct>%|\)%|%\))?\s*+$"
)
_YEAR = regex.compile(r"(?:FY\s?)?(?:19|20)\d\d")
_TOTAL = regex.compile(r"(?i)^total\b")
# a row label that only qualifies the heading above it: "Basic", "Diluted", "Class A", "Continuing operations"
QUALIFIER = regex.compile(r"(?i)^(?:basic|diluted|class\s+\w\b|(?:from\s+)?(?:continuing|discontinued)\b|attributable\s+to\b)")
DASHES = frozenset(("-", "—", "–", "--", "---", "—-"))
NIL = {*DASHES, "nm", "n/m", "n.m.", "n.m", "n/a", "na", "n.a.", "n.a", "*"}
# the unit may close the bracket its figure opened: "(49 bps)"
POINTS = regex.compile(r"(?i)^\)?\s*(?:(?P<pp>p\.?\s?p\.?|pts?\.?|percentage\s+points?)|(?P<bp>bps?|basis\s+points?))\)?$")

def printed_currency(match) -> bool:
    """A currency sign printed before the figure or inside its parentheses ("($278)")."""
    return bool(match.group("cur")) or match.group("num")[1:2] in ("$", "€", "£")


def is_year(cell: str) -> bool:
    return bool(_YEAR.fullmatch(cell))


class Sections:
    """The section headings above a row: a label-only row opens a section ("Operating expenses:"), headings
    in a row nest, a heading after the rows of a section replaces it, a "Total" row closes its section. A
    blank row ends them for every row but one that only qualifies its heading ("Diluted" below a blank row
    under "Net income per share:")."""

    def __init__(self):
        self.stack: list[str] = []
        self.rows_in = 0
        self.dormant = False  # a blank row came after the section's rows

    def heading(self, label: str) -> None:
        if self.rows_in and self.stack:
            self.stack.pop()
        if self.dormant:
            self.stack, self.dormant = [], False
        self.stack.append(label)
        self.rows_in = 0

    def blank(self) -> None:
        if self.rows_in:
            self.dormant = True

    def path(self, label: str | None) -> str | None:
        """The row's label under its headings (None outside any section); a total row closes its section."""
        if self.dormant and not (label and QUALIFIER.match(label)):
            self.stack, self.rows_in = [], 0
        self.dormant = False
        if not self.stack:
            return None
        path = " > ".join([*self.stack, label or ""])
        self.rows_in += 1
        if label and _TOTAL.match(label):
            self.stack.pop()
            self.rows_in = 0
        return path


# a header naming a change in points over a column of bare figures: "Basis Points Change", "Change (bps)", "pp change"
_POINTS_HEAD = regex.compile(r"(?i)\b(?P<bp>bps|basis[\s-]+points?)\b|(?<![\w.])(?P<pp>percentage[\s-]+points?|ppts?|p\.\s?p\.?|pts)(?![\w.])")


@functools.lru_cache(maxsize=1024)
def head_points(header: str) -> str | None:
    """"bp" or "pp" for a column header (or a table's header lines) naming a change in points."""
    m = _POINTS_HEAD.search(header) if header else None
    return None if not m else ("bp" if m.group("bp") else "pp")


def points_unit(cell: str) -> str | None:
    """"bp" or "pp" for a cell (or a token of its own) that prints basis points or percentage points."""
    cell = cell.strip()
    if not cell or cell[0] not in ")pPbB":
        return None  # (every token of every table row asks: most are figures)
    m = POINTS.match(cell)
    return None if not m else ("pp" if m.group("pp") else "bp")


# a percent sign printed apart from its figure, closing the bracket of a negative one ("(1.9 %)") or not
PERCENT_APART = ("%", "%)")
# the sign of a multiple ("4.1x", "1.0 x"): a coverage or leverage ratio, printed after its figure
MULTIPLE_SIGNS = ("x", "×")
# glued to its figure it may be a capital ("4.13X"); a capital standing apart is more often a class or a series
GLUED_MULTIPLE_SIGNS = ("x", "×", "X")
_MULTIPLE_AFTER = re.compile(r"[ \t]?[x×](?!\w)|X(?!\w)")


def printed_multiple(text: str, end: int) -> bool:
    """Whether the figure ending at `end` prints the sign of a multiple after it, whatever its row's label says."""
    return _MULTIPLE_AFTER.match(text, end) is not None


def apart(token: str) -> bool:
    """A "$" before a figure, or a "%", "bps" or "x" after it, printed as a token of its own in a fixed-width row."""
    return token == "$" or token in PERCENT_APART or token in MULTIPLE_SIGNS or points_unit(token) is not None

"""Text in -> Document: the text with its sentences and tables, all as character offsets.

* sentences start at punctuation and line breaks, read with an abbreviation list, so "Inc.", "U.S.",
  "No. 5", "approx." and initials do not end a sentence, and decimal points never do;
* tables are the financial tables (Markdown pipe tables and fixed-width columns inside ``` fences),
  every numeric cell read with its row label, column header and the table's unit note.

Every later stage reads the text and these offsets; nothing reads spaCy tokens, so the document is
built without them (a spaCy Doc is made only for a spaCy user: see `extractor.component`).
"""

from __future__ import annotations

import bisect
import functools
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache

import regex

from ..rules import lexicon


@dataclass
class Document:
    """What the quantities stage is handed: the analysed text, where its sentences start, its tables."""

    text: str
    sentence_starts: list[int]
    tables: list["TableRegion"]


def read_document(text: str) -> Document:
    return Document(text, sentence_starts(text) or [0], find_tables(text))


# ---------------------------------------------------------------- sentences

_SENTENCE_END = regex.compile(
    r"""
    (?<=[.!?][\"'”’)\]]*)          # terminal punctuation, maybe closed by quotes
    [ \t]+                         # a space
    (?=[\"'“‘(\[]?[\p{Lu}\d])      # then a capital or digit, maybe after an opening quote
    """,
    regex.X,
)
_LINE_BREAK = regex.compile(r"\n[ \t]*(?=\S)")
_INITIALS = regex.compile(r"(?:\p{L}\.)*\p{L}")
_LINE = regex.compile(r"[^\n]+")
_NON_SPACE = regex.compile(r"\S+")
_YEAR = regex.compile(r"(?:19|20)\d\d")


@lru_cache(maxsize=None)
def _abbreviations() -> frozenset[str]:
    return frozenset(a.lower() for a in lexicon()["abbreviations"])


def _is_abbreviation(text: str, dot: int) -> bool:
    """True when the period at `dot` closes an abbreviation or an initial, not a sentence."""
    # The word before the period starts after the last white space (plain rfind: a regex anchored at
    # the end would try every start in the window).
    # (looked for in the 64 characters before it: no abbreviation is longer, and a search back to the start of
    # a text with no tab was quadratic over many sentences)
    lo = max(0, dot - 64)
    start = max(text.rfind(" ", lo, dot), text.rfind("\n", lo, dot), text.rfind("\t", lo, dot), lo - 1) + 1
    word = text[start:dot].lstrip("(\"'“‘[").rstrip(".").lower()
    if not word:
        return False
    if word in _abbreviations():
        return True
    # Initials and dotted acronyms: "J. Smith", "U.S.", "N.V."
    return bool(_INITIALS.fullmatch(word))


def sentence_starts(text: str) -> list[int]:
    """Character offsets where sentences start (always includes the first non-space)."""
    starts = []
    first = regex.search(r"\S", text)
    if first:
        starts.append(first.start())
    for m in _LINE_BREAK.finditer(text):
        nxt = m.end()
        # A line that continues a wrapped sentence starts lower-case.
        if text[nxt].islower() and text[m.start() - 1 : m.start()].strip() and text[m.start() - 1] not in ".!?:":
            continue
        starts.append(nxt)
    for m in _SENTENCE_END.finditer(text):
        dot = m.start() - 1
        while dot > 0 and text[dot] in "\"'”’)]":
            dot -= 1
        if text[dot] == "." and _is_abbreviation(text, dot):
            continue
        starts.append(m.end())
    return sorted(set(starts))


def sentence_index(starts: list[int], offset: int) -> int:
    return max(bisect.bisect_right(starts, offset) - 1, 0)


# ---------------------------------------------------------------- tables


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


@dataclass
class TableRegion:
    index: int
    format: str
    start: int
    end: int
    unit_note: str | None
    scale: Decimal | None
    scale_applies_to: str  # "all" or "money"
    rows: int = 0
    columns: int = 0
    cells: list[Cell] = field(default_factory=list)

    @functools.cached_property
    def money_columns(self) -> set[int]:
        """Columns where a currency sign is printed at least once (often only on the first and total rows)."""
        return {c.column for c in self.cells if c.currency}


# White space is taken whole (`\s*+`: what follows it never starts with a space), so a cell holding a long
# run of spaces is not split every way between the adjacent `\s*` (cubic); the comma groups likewise.
_NUMERIC_CELL = regex.compile(
    r"^(?P<cur>[$€£]|US\$|C\$|A\$)?\s*+(?P<num>\(?\s*+[-−–]?\s*+(?:\d{1,3}(?:,\d{3})++|\d+)(?:\.\d+)?\s*+\)?|[-−–]?\.\d+)\s*+(?P<pct>%|\)%)?\s*+$"
)
_UNIT_NOTE = regex.compile(
    r"(?i)\bin\s+(?P<scale>thousands|millions|billions)\b|\(\s*(?:US)?\$\s*(?P<short>000s?|000's|k|m|mm|millions?|thousands?)\s*\)|\$\s*(?P<short>000s?|000's)\b"
)
_NOTE_WHAT = regex.compile(r"(?i)(?P<what>dollars|amounts|shares|\$|usd|cad|aud|eur|gbp|€|£)[^\n()]{0,40}$")
_SHARES_TOO = regex.compile(r"(?i)\bshares?\b[^\n]{0,30}\bin\s+(?:thousands|millions)|in\s+(?:thousands|millions)[^\n]{0,40}(?<!per[\s-]+)\bshares?\b")
_SCALES = {"thousands": 1000, "millions": 1000000, "billions": 1000000000, "000": 1000, "000s": 1000,
           "000's": 1000, "k": 1000, "m": 1000000, "mm": 1000000, "million": 1000000,
           "thousand": 1000}
_PIPE_LINE = regex.compile(r"^[ \t]*\|.*\|[ \t]*$", regex.M)
_FENCE = regex.compile(r"^```[^\n]*\n(.*?)^```", regex.M | regex.S)
_SEPARATOR_ROW = regex.compile(r"^[\s|:\-–—=+]*$")
_NIL = {"-", "—", "–", "--", "---", "—-", "nm", "n/m", "n.m.", "n.m", "n/a", "na", "*"}


def _find_unit_note(text: str, start: int, end: int) -> tuple[str | None, Decimal | None, str]:
    """The unit note in the few lines just above a table or in its first rows."""
    above = start
    for _ in range(7):
        above = text.rfind("\n", 0, max(above - 1, 0))
        if above <= 0:
            above = 0
            break
    m = _UNIT_NOTE.search(text, above, min(end, start + 600))
    if not m:
        return None, None, "all"
    line_start = text.rfind("\n", 0, m.start()) + 1
    line_end = text.find("\n", m.end())
    line_end = len(text) if line_end < 0 else line_end
    note = text[line_start:line_end].strip(" |\t")
    if len(note) > 160:
        note = text[max(line_start, m.start() - 60) : min(line_end, m.end() + 60)].strip(" |\t")
    key = (m.group("scale") or m.group("short") or "").lower()
    scale = _SCALES.get(key)
    if scale is None:
        return note, None, "all"
    what = _NOTE_WHAT.search(text, line_start, m.start())
    applies = "all"
    if what and "share" not in what.group("what").lower() and not _SHARES_TOO.search(note):
        applies = "money"
    return note, Decimal(scale), applies


def _split_pipe_row(text: str, line_start: int, line: str) -> list[tuple[int, int, str]]:
    """Cells of a pipe row as (start, end, stripped text) with absolute offsets."""
    cells = []
    first = line.index("|")
    last = line.rindex("|")
    pos = first + 1
    for part in line[first + 1 : last].split("|"):
        stripped = part.strip()
        lead = len(part) - len(part.lstrip())
        s = line_start + pos + lead
        cells.append((s, s + len(stripped), stripped))
        pos += len(part) + 1
    return cells


def _is_label(text: str) -> bool:
    return bool(text) and not _NUMERIC_CELL.match(text) and text.lower() not in _NIL and text not in ("$", ")", "%", ")%")


# Column headers join the text of at most this many header rows (each value cell looks its header up).
MAX_HEADER_ROWS = 32


def _read_pipe_table(text: str, index: int, start: int, end: int) -> TableRegion:
    note, scale, applies = _find_unit_note(text, start, end)
    table = TableRegion(index, "pipe", start, end, note, scale, applies)
    header_rows: list[list[tuple[int, int, str]]] = []
    headers = _Headers(header_rows)
    row_no = 0
    for m in _LINE.finditer(text, start, end):
        line = m.group(0)
        if "|" not in line or _SEPARATOR_ROW.match(line):
            continue
        cells = _split_pipe_row(text, m.start(), line)
        table.columns = max(table.columns, len(cells))
        values = [i for i, c in enumerate(cells) if _NUMERIC_CELL.match(c[2])]
        label_cells = [c for c in cells if _is_label(c[2])]
        if not values or (not cells[0][2] and not table.cells and all(_is_year(cells[i][2]) for i in values)):
            # No numbers, or a header of bare years: a header row (years are dates, read as prose).
            if not table.cells and len(header_rows) < MAX_HEADER_ROWS:
                header_rows.append(cells)
            row_no += 1
            continue
        label = cells[0][2] if _is_label(cells[0][2]) else (label_cells[0][2] if label_cells else None)
        for i in values:
            s, e, cell_text = cells[i]
            match = _NUMERIC_CELL.match(cell_text)
            num_start = s + match.start("num")
            num_end = s + (match.end("pct") if match.group("pct") == "%" else match.end("num"))
            prev = next((cells[j][2] for j in range(i - 1, -1, -1) if cells[j][2]), "")
            nxt = next((cells[j][2] for j in range(i + 1, len(cells)) if cells[j][2]), "")
            printed = text[num_start:num_end]
            table.cells.append(
                Cell(
                    start=num_start,
                    end=num_end,
                    text=printed,
                    row=row_no,
                    column=i,
                    row_label=label,
                    column_header=headers.of(i),
                    currency=bool(match.group("cur")) or prev == "$",
                    percent=bool(match.group("pct")) or nxt in ("%", ")%"),
                    negative=printed.lstrip().startswith(("(", "-", "−", "–")),
                    points=_points_unit(nxt),
                )
            )
        row_no += 1
    table.rows = row_no
    return table


_POINTS = regex.compile(r"(?i)^\)?\s*(?:(?P<pp>p\.?\s?p\.?|pts?\.?|percentage\s+points?)|(?P<bp>bps?|basis\s+points?))$")


def _points_unit(cell: str) -> str | None:
    m = _POINTS.match(cell.strip())
    return None if not m else ("pp" if m.group("pp") else "bp")


def _apart(token: str) -> bool:
    """A "$" before a figure, or a "%" or "bps" after it, printed as a token of its own in a fixed-width row."""
    return token in ("$", "%") or _points_unit(token) is not None


def _is_year(cell: str) -> bool:
    return bool(_YEAR.fullmatch(cell))


class _Headers:
    """Column headers: the nearest header text at or left of a column (never the label column),
    joined over the header rows. Each column's header is worked out once, and each header row gets,
    once, the nearest non-empty cell at or left of each of its columns: walking left over the empty
    cells of a wide header row for every value cell took time quadratic in the table's width.
    (Header rows come before the first figure, so they are complete when the first header is asked.)"""

    def __init__(self, header_rows: list[list[tuple[int, int, str]]]):
        self.rows = header_rows
        self.nearest: list[list[int]] | None = None
        self.last_column = 0  # every column right of this one reads the same header
        self.cache: dict[int, str | None] = {}

    def of(self, column: int) -> str | None:
        if self.nearest is None:
            self.nearest = []
            for row in self.rows:
                near, last = [], 0
                for j, cell in enumerate(row):
                    if j and cell[2]:
                        last = j
                    near.append(last)
                self.nearest.append(near)
            self.last_column = max((len(row) for row in self.rows), default=1) - 1
        column = max(min(column, self.last_column), 0)
        if column not in self.cache:
            parts = []
            for row, near in zip(self.rows, self.nearest):
                if len(row) > 1:
                    j = near[min(column, len(row) - 1)]
                    if j:
                        parts.append(row[j][2])
            self.cache[column] = " ".join(parts) or None
        return self.cache[column]


# A header line of dates ("December 31 December 31") is not a row whose figure is 31.
_MONTH_END = regex.compile(r"(?i)\b(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?$")

def _read_fixed_table(text: str, index: int, start: int, end: int) -> TableRegion | None:
    """Columns inside a ``` block: the numbers at the right end of each line, label at the left."""
    note, scale, applies = _find_unit_note(text, start, end)
    rows = []
    for line_no, m in enumerate(_LINE.finditer(text, start, end)):
        line, line_start = m.group(0), m.start()
        values = []
        pos = len(line.rstrip())
        # Walk right to left collecting numeric tokens until a word appears.
        for token in reversed(list(_NON_SPACE.finditer(line))):
            if token.end() > pos:
                continue
            tok = token.group(0)
            if _NUMERIC_CELL.match(tok) or tok in ("--", "—", "-") or tok.lower().rstrip("%") in _NIL or _apart(tok):
                values.append(token)
                pos = token.start()
            else:
                break
        values.reverse()
        while values and values[0].group(0) != "$" and _apart(values[0].group(0)):
            values.pop(0)  # a "%" ending the label ("Gross margin %") is the label's
        numeric = [v for v in values if _NUMERIC_CELL.match(v.group(0)) and v.group(0) != "$"]
        label = line[: values[0].start()].strip() if values else line.strip()
        if numeric and label and not all(_is_year(v.group(0)) for v in numeric) and not _MONTH_END.search(label):
            rows.append((line_no, line_start, label, values))
    if len(rows) < 2:
        return None
    # Row numbers are line numbers, so a heading line between sections leaves a gap.
    table = TableRegion(index, "fixed", start, end, note, scale, applies, rows=rows[-1][0] + 1)
    width = max(sum(1 for v in vals if not _apart(v.group(0))) for _, _, _, vals in rows)
    table.columns = width + 1
    for row_no, line_start, label, values in rows:
        printed = [v for v in values if not _apart(v.group(0))]
        offset = width - len(printed)
        column = offset
        dollar = False
        for k, v in enumerate(values):
            tok = v.group(0)
            if _apart(tok):
                dollar = tok == "$"
                continue
            column += 1
            m = _NUMERIC_CELL.match(tok)
            if not m:
                dollar = False
                continue
            num_start = line_start + v.start() + m.start("num")
            num_end = line_start + v.start() + m.end("num")
            after = values[k + 1].group(0) if k + 1 < len(values) else ""
            table.cells.append(
                Cell(num_start, num_end, text[num_start:num_end], row_no, column, label, None,
                     currency=dollar or bool(m.group("cur")), percent=bool(m.group("pct")) or after == "%",
                     negative=tok.lstrip("$ ").startswith(("(", "-", "−", "–")), points=_points_unit(after))
            )
            dollar = False
    return table


def find_tables(text: str) -> list[TableRegion]:
    tables: list[TableRegion] = []
    # Pipe tables: runs of pipe lines, allowing single blank lines inside a table.
    lines = list(_PIPE_LINE.finditer(text))
    i = 0
    while i < len(lines):
        j = i
        while j + 1 < len(lines) and not text[lines[j].end() : lines[j + 1].start()].strip():
            gap = text.count("\n", lines[j].end(), lines[j + 1].start())
            if gap > 2:
                break
            j += 1
        region = _read_pipe_table(text, len(tables), lines[i].start(), lines[j].end())
        if region.cells:
            tables.append(region)
        i = j + 1
    for m in _FENCE.finditer(text):
        region = _read_fixed_table(text, len(tables), m.start(1), m.end(1))
        if region:
            tables.append(region)
    tables.sort(key=lambda t: t.start)
    for n, t in enumerate(tables):
        t.index = n
    return tables

"""The table model: every financial table of a text as a grid of cells that later stages read.

Each numeric cell keeps its row label and, above it, the labels of the section headings it sits under
("Operating expenses: > Research and development"), its column's header (all header rows joined), and the
table's unit note split into the scale of money and the scale of share counts (`notes`). Layouts read:

* Markdown pipe tables (`| Revenue | $ | 412,905 | |`), EDGAR HTML tables become these (reading/html_text.py):
  a `$`, `%` or `)` in a cell of its own belongs to the figure beside it, blank spacer columns and rows are
  skipped, header rows (title, unit note, periods, bare years) are never data;
* fixed-width columns inside ``` fences (`fixed`), labels wrapped onto several lines joined, dashed rules
  skipped, the columns counted from the right because their positions drift;
* tables a wire flattened into one line (`flat`), tables printed a row a line (`rowlines`) and tables printed
  one cell a line (`stacked`), each read only where its column count is clear.

A cell's kind (money, per-share price, share count, percent) is read from these by the quantities stage.
"""

from __future__ import annotations

import regex

from .fixed import read_fixed_tables
from .flat import read_flat_tables
from .rowlines import read_line_tables
from .stacked import read_stacked_tables
from .model import (GLUED_MULTIPLE_SIGNS, NIL, NUMERIC_CELL, Cell, Sections, TableRegion, is_year, points_unit,
                    printed_currency)
from .notes import UnitNote, carried_note, find_unit_note, row_note
from .ranges import marked_figure, pipe_range, pipe_range_cells


_PIPE_LINE = regex.compile(r"^[ \t]*\|.*\|[ \t]*$", regex.M)
_FENCE = regex.compile(r"^```[^\n]*\n(.*?)^```", regex.M | regex.S)
_SEPARATOR_ROW = regex.compile(r"^[\s|:\-–—=+]*$")
_LINE = regex.compile(r"[^\n]+")
_MARKS = ("$", ")", "%", ")%")

# Column headers join the text of at most this many header rows (each value cell looks its header up).
MAX_HEADER_ROWS = 32
MAX_RESTART_ROWS = 3  # header rows kept above the years of a later table in the same run of lines
MAX_HEADING = 80  # a longer label-only row is a title or a footnote


def in_pipe_line(text: str, at: int) -> bool:
    """Whether the line holding offset `at` is laid out as a pipe table's row (the lines this reader reads as one)."""
    return _PIPE_LINE.match(text, text.rfind("\n", 0, at) + 1) is not None


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
    return bool(text) and not _numeric(text)[0] and text.lower() not in NIL and text not in _MARKS


# a change in points with its unit in the same cell ("-0.4 p.p", "+25 bps"): the figure, then the unit
_FIGURE_START = frozenset("-−–+(0123456789")
PERCENT_WORDS = ("pct", "pct.", "percent", "per cent")
_IN_POINTS = regex.compile(r"^(?P<fig>[-−–+(]?\s*+\d[\d,.]*\)?)\s*+(?P<unit>[A-Za-z][A-Za-z. ]*|×)$")


def _numeric(text: str):
    """The cell's figure (a NUMERIC_CELL match, None for no figure) and the points unit it prints, if any."""
    match = NUMERIC_CELL.match(text)
    if match is None and text[-1:] in ")*" and (marked := marked_figure(None, text)):
        return NUMERIC_CELL.match(marked.group(0)), None  # "1,300.1(1)": its mark glued on
    if match or not text or not (text[-1].isalpha() or text[-1] == "×") or text[0] not in _FIGURE_START:
        return match, None
    split = _IN_POINTS.match(text)
    if split and (split.group("unit") in GLUED_MULTIPLE_SIGNS or split.group("unit").lower() in PERCENT_WORDS):
        # a multiple ("4.13x") or a percentage in words ("9.1 pct", "(3.2) per cent"): the figure, its sign after it
        return NUMERIC_CELL.match(split.group("fig")), None
    unit = points_unit(split.group("unit")) if split else None
    return (NUMERIC_CELL.match(split.group("fig")), unit) if unit else (None, None)


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
        self.cache: dict[int, list[str]] = {}

    def parts(self, column: int) -> list[str]:
        if self.nearest is None:
            self.nearest = [self._nearest(row) for row in self.rows]
            self.last_column = max((len(row) for row in self.rows), default=1) - 1
            self._spread()
        column = max(min(column, self.last_column), 0)
        if column not in self.cache:
            parts = []
            for row, near in zip(self.rows, self.nearest):
                if len(row) > 1:
                    j = near[min(column, len(row) - 1)]
                    if j:
                        parts.append(row[j][2])
            self.cache[column] = parts
        return self.cache[column]

    @staticmethod
    def _nearest(row: list[tuple[int, int, str]]) -> list[int]:
        near, last = [], 0
        for j, cell in enumerate(row):
            if j and cell[2]:
                last = j
            near.append(last)
        return near

    def _spread(self) -> None:
        """A header row with fewer cells than the row of headers below it spanned columns the text lost (an
        HTML colspan): "| | Earnings | | Earnings per share |" over "| | 2024 | | 2023 | | 2024 | | 2023 |".
        When its headers divide the full row's evenly, each covers an equal run of them, in order."""
        full = max(range(len(self.rows)), key=lambda r: len(self.rows[r]), default=None)
        if full is None:
            return
        below = [j for j, c in enumerate(self.rows[full]) if j and c[2]]
        width = len(self.rows[full])
        for r, row in enumerate(self.rows[:full]):
            heads = [j for j, c in enumerate(row) if j and c[2]]
            if len(row) >= width or not heads or len(below) % len(heads) or len(below) == len(heads):
                continue
            run = len(below) // len(heads)
            owner = {col: heads[i // run] for i, col in enumerate(below)}
            near, last = [], 0
            for j in range(width):
                last = owner.get(j, last)
                near.append(last)
            self.nearest[r] = near
            self.rows[r] = row + [(0, 0, "")] * (width - len(row))

    def of(self, column: int) -> str | None:
        return " ".join(self.parts(column)) or None

    def path(self, column: int) -> str | None:
        return " > ".join(self.parts(column)) or None


def _is_header_row(cells: list[tuple[int, int, str]], values: list[int], started: bool) -> bool:
    """No figure, or (before the first figure) a row of bare years: "| (in thousands) | 2024 | 2023 |"."""
    if not values:
        return True
    return not started and all(is_year(cells[i][2]) for i in values)


def _heading(cells: list[tuple[int, int, str]], values: list[int], started: bool) -> str | None:
    """A row holding only a label: a section heading (before the first figure only when it ends with ':')."""
    if values or not _is_label(cells[0][2]) or any(c[2] and c[2] != "$" for c in cells[1:]):
        return None
    label = cells[0][2]
    if row_note(label) or len(label) > MAX_HEADING or label.endswith("."):
        return None  # a unit note ("(in thousands, except per share data)") or a footnote, not a section
    return label if started or label.endswith(":") else None


def _read_pipe_table(text: str, index: int, start: int, end: int,
                     after: bool = False) -> tuple[TableRegion, int | None]:
    """The table the run of pipe lines from `start` holds, and where the next one starts when the run holds another
    after it (its own title, periods and bare years below this one's figures, `_restarts`), else None; `after`: this
    table is such a later one."""
    table = TableRegion.noted(index, "pipe", start, end, find_unit_note(text, start, end))
    header_rows: list[list[tuple[int, int, str]]] = []
    headers, sections = _Headers(header_rows), Sections()
    since: list[list[tuple[int, int, str]]] = []  # rows without figures since the last row with some
    since_at: list[int] = []  # where each of those rows starts
    last_end, last_row = start, 0  # where the last row with figures ends, and its row number
    dated = False  # a header row of bare years read
    for m in _LINE.finditer(text, start, end):
        line = m.group(0)
        if "|" not in line or _SEPARATOR_ROW.match(line):
            if not line.strip(" \t|"):
                sections.blank()  # a spacer row, not the rule under a header
            continue
        cells = _split_pipe_row(text, m.start(), line)
        row_no = len(table.grid)
        table.grid.append([c[2] for c in cells])
        table.columns = max(table.columns, len(cells))
        values = [i for i, c in enumerate(cells) if _numeric(c[2])[0]]
        # (a cell holding a range is a cell of figures too, read below)
        ranges = {i: r for i, c in enumerate(cells) if i not in values and i and (r := pipe_range(c[2])) is not None}
        figures = sorted([*values, *ranges]) if ranges else values
        # (in a later table of the run, a label alone below its header's bare years heads a section, "Revenues" over
        # its rows, as it did when the run was read as one table)
        heading = _heading(cells, figures, bool(table.cells) or after and dated)
        if heading:
            sections.heading(heading)
        dated = dated or bool(figures) and not table.cells and _is_header_row(cells, figures, False)
        if _is_header_row(cells, figures, bool(table.cells)):
            if not table.cells and len(header_rows) < MAX_HEADER_ROWS and not heading:
                header_rows.append(cells)
                table.header_rows = row_no + 1
            if table.cells and any(c[2] for c in cells):
                since, since_at = [*since, cells][-MAX_RESTART_ROWS:], [*since_at, m.start()][-MAX_RESTART_ROWS:]
            continue
        if _restarts(cells, figures):
            # bare years below figures: the header of another table in the same run of lines, which starts at the
            # rows without figures right above them (its title, its periods): a table of its own, whose rows restate
            # this one's as a summary's rows are restated in a reconciliation
            return _ended(text, table, start, last_end, last_row), (since_at[0] if since_at else m.start())
        since, since_at = [], []
        last_end, last_row = m.end(), row_no
        label_cells = [c for c in cells if _is_label(c[2])]
        label = cells[0][2] if _is_label(cells[0][2]) else (label_cells[0][2] if label_cells else None)
        path = sections.path(label)
        unit = row_note(label)
        for i in values:
            table.cells.append(_pipe_cell(text, cells, i, row_no, (label, path, unit), headers))
        for i, ranged in ranges.items():
            table.cells.extend(pipe_range_cells(cells[i][0], ranged, i, row_no, (label, path, unit), headers))
    table.rows = len(table.grid)
    return table, None


def _ended(text: str, table: TableRegion, start: int, end: int, last_row: int) -> TableRegion:
    """A table ended at its last row with figures (row `last_row`, ending at `end`) where another starts below it
    in the same run of lines: its grid and its unit note are its own lines' (the next table's note is not its)."""
    table.end, table.rows = end, last_row + 1
    del table.grid[table.rows:]
    return table.take_note(find_unit_note(text, start, end))


def _restarts(cells: list[tuple[int, int, str]], values: list[int]) -> bool:
    """A row of bare years, its label cell empty or a unit note: "| (in millions) | 2024 | 2023 |"."""
    return all(is_year(cells[i][2]) for i in values) and (not cells[0][2] or bool(row_note(cells[0][2])))


def _pipe_cell(text: str, cells: list[tuple[int, int, str]], i: int, row_no: int, row: tuple, headers: _Headers) -> Cell:
    label, path, unit = row
    s, _, cell_text = cells[i]
    match, points = _numeric(cell_text)
    num_start = s + match.start("num")
    num_end = s + (match.end("pct") if match.group("pct") == "%" else match.end("num"))
    prev = next((cells[j][2] for j in range(i - 1, -1, -1) if cells[j][2]), "")
    nxt = next((cells[j][2] for j in range(i + 1, len(cells)) if cells[j][2]), "")
    printed = text[num_start:num_end]
    return Cell(
        start=num_start, end=num_end, text=printed, row=row_no, column=i, row_label=label,
        column_header=headers.of(i), currency=printed_currency(match) or prev == "$",
        percent=bool(match.group("pct")) or nxt in ("%", ")%") or cell_text.lower().endswith(PERCENT_WORDS),
        negative=printed.lstrip().startswith(("(", "-", "−", "–")), points=points or points_unit(nxt),
        row_path=path, column_path=headers.path(i), unit=unit,
    )


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
        at = lines[i].start()
        while at is not None:
            region, at = _read_pipe_table(text, len(tables), at, lines[j].end(), at != lines[i].start())
            if region.cells:
                tables.append(region)
        i = j + 1
    taken = [(t.start, t.end) for t in tables]
    for m in _FENCE.finditer(text):
        tables.extend(read_fixed_tables(text, len(tables), m.start(1), m.end(1)))
        taken.append((m.start(), m.end()))
    tables.extend(read_flat_tables(text, len(tables), taken))
    lines = read_line_tables(text, len(tables), taken)
    tables.extend(lines)
    taken.extend((t.start, t.end) for t in lines)
    tables.extend(read_stacked_tables(text, len(tables), taken))
    tables.sort(key=lambda t: t.start)
    for n, t in enumerate(tables):
        t.index = n
        before = tables[n - 1] if n else None
        if before and before.scale and t.unit_note is None:
            note = carried_note(text, before.end, t.start, UnitNote(before.unit_note, before.scale, None, before.currency))
            if note:
                t.unit_note, t.scale, t.currency = note.text, note.scale, note.currency
    _restated_notes(tables)
    return tables


# an amount as a statement prints it, grouped in thousands ("117,419", "(23,543)"); a label's words
_GROUPED_FIGURE = regex.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?")
_LABEL_WORD = regex.compile(r"[A-Za-z]{4,}")
MIN_RESTATED = 2  # amounts a table must restate, each under a label sharing a word with the other's row


def _restated_notes(tables: list[TableRegion]) -> None:
    """A table printing no note that restates amounts of a table with one (a reconciliation printed after the
    statement, prose between: "Net Profit as Reported  $ 166,182" over the statement's "Net Profit  166,182") is
    in that table's scale and currency, for its amounts only (as a carried note): the same digits under the same
    name are one figure. Only a table printing a currency sign: one of share counts restates a statement's too.
    The table restating the most of them decides; two of other scales restating as many, none."""
    bare = [t for t in tables if t.unit_note is None and any(c.currency for c in t.cells)]
    noted = [(t, _amounts(t)) for t in tables if t.scale and t.scale > 1] if bare else []
    for t in bare if noted else ():
        counts = sorted(((_restated(t, amounts), other) for other, amounts in noted if other is not t),
                        key=lambda c: -c[0])
        if not counts or counts[0][0] < MIN_RESTATED:
            continue
        best, rivals = counts[0][1], [o for k, o in counts[1:] if k == counts[0][0]]
        if all(o.scale == best.scale and o.currency == best.currency for o in rivals):
            t.unit_note, t.scale, t.currency = best.unit_note, best.scale, best.currency


def _amounts(table: TableRegion) -> dict[str, set[str]]:
    """A table's grouped figures, each with the words of the labels it is printed under."""
    out: dict[str, set[str]] = {}
    for c in table.cells:
        m = _GROUPED_FIGURE.search(c.text)
        if m and not c.percent:
            out.setdefault(m.group(0), set()).update(w.lower() for w in _LABEL_WORD.findall(c.row_label or ""))
    return out


def _restated(table: TableRegion, amounts: dict[str, set[str]]) -> int:
    """How many distinct grouped figures of a table the other's amounts print under a label sharing a word."""
    found = set()
    for c in table.cells:
        m = _GROUPED_FIGURE.search(c.text)
        words = amounts.get(m.group(0)) if m and not c.percent else None
        if words and words & {w.lower() for w in _LABEL_WORD.findall(c.row_label or "")}:
            found.add(m.group(0))
    return len(found)

"""Tables a wire flattened into one line: "2025 2024 Revenues$ 47,316 $ 40,992 Cost of sales (20,929) (18,589)".

Such a line is a run of labels, each followed by its row's figures. It is read as a table only where the
column count is clear: a run of bare years names it (or, failing that, most rows agree on it), and every
row below the first has exactly that many figures (a dash is a nil figure, however a wire glued it:
`flatruns`; "-501,591" one short of the count is a nil and 501,591). A line may hold statements of different
widths, a balance sheet of two columns then a statement of operations of four: it is parted before each run
of bare years that heads one (`_statements`).
A row that cannot be placed in its columns, standing between rows that can ("Other income (expense)
49(2)9731": a wire ran four figures together into three), ends its table and is left out; the rows after it
are a table of their own under the same columns (two rows suffice: the line has shown its columns), so no
footing is read across the row missing. Rows left out that each print fewer figures than the columns may
stand together, or after the last row (a sentence after the statement, left to the prose reader); two or
more others together, or one after the last, leave the line to the prose reader as before.

Two things in such a line are not rows, and neither makes it unclear:

* a figure followed by a word in lower case is part of a label, as in an equity caption ("Common stock,
  $0.001 par value; 50,000,000 shares authorized; 12,000 and 9,000 shares issued 12 9"): a row's figures are
  followed by the next row's label, which starts with a capital or a sign;
* a header naming two or more periods ("Three Months Ended March 31, 2025 March 31, 2024") after the rows
  starts another table in the same line; its periods, when there are as many as columns, name the columns.

The same reading (`read_runs`) serves tables printed a row a line (`rowlines`), each line's trailing figures a
run (`flatruns.line_run`): there a row that cannot be placed ends its table and is left out, the rows below it read on.
"""

from __future__ import annotations

from collections import Counter

import regex

from .flatruns import Run, runs_of
from .model import MONTH, Cell, Sections, TableRegion, is_year, printed_currency
from .notes import find_unit_note

LONG_LINE = 300  # characters: a longer line holding a table is a table a wire flattened
_LONG_LINE = regex.compile(rf"(?m)^(?![ \t]*\|)[^\n]{{{LONG_LINE},}}$")
_APART = regex.compile(r"[ \t]*+%")
_PERIOD = regex.compile(r"(?i)(?<!\p{L})(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?[ \t]+\d{1,2},?[ \t]*(?:19|20)\d\d(?!\d)|(?<![\d,.])(?:19|20)\d\d(?![\d,.%])")
_SPAN = regex.compile(r"(?i)\b(?:(?:three|six|nine|twelve|\d{1,2})[ -]months?|quarters?|(?:fiscal[ \t]+)?years?)(?:[ \t]+period)?[ \t]+ended\b")
_DAY = regex.compile(r"\d{1,2}")
_HEADING = regex.compile(rf"(?i)\b(?:ended|fiscal|{MONTH})\b")  # words of periods heading a statement's years
_CHANGE = regex.compile(r"(?i)%?[ \t]*\b(?:change|variance)\b|\binc(?:rease)?\s*/\s*\(?dec\w*\)?")
_MARK = regex.compile(r"[ \t]*\(\d{1,2}\)")
_GROUPED = regex.compile(r"\d[,.]\d")
MIN_ROWS = 3  # rows with the column count, at least
MIN_DIGITS = 0.08  # of a line's characters: a paragraph with a few figures is prose
MAX_LABEL = 100  # a row label longer than this is a sentence (the first may carry the title and header)
MAX_CAPTION = 200  # the words after the last figure of an equity caption ("shares issued and outstanding at ...")
AGREE = 0.6  # of the rows with figures


def _years_only(figures: list) -> bool:
    """Whether figures print bare years only, nils aside, and one at least."""
    return any(figures) and all(f is None or is_year(f.group(0).strip()) for f in figures)


def _columns(runs: list[Run]) -> tuple[int, list[str] | None]:
    """The column count (0 when unclear) and the years that name the columns, if a run of them does."""
    for run in runs:
        if len(run.figures) >= 2 and _years_only(run.figures):
            return len(run.figures), [f.group(0).strip() for f in run.figures]
    counts = Counter(len(run.figures) for run in runs if not _periods_only(run))
    k, n = counts.most_common(1)[0] if counts else (0, 0)
    return (k, None) if k >= 2 and n >= AGREE * sum(counts.values()) else (0, None)


def _periods_only(run: Run) -> bool:
    """A run of years and days of dates: part of a header, counted against no column count."""
    return all(f is None or is_year(f.group(0).strip()) or _DAY.fullmatch(f.group(0).strip()) for f in run.figures)


def _nil_split(figures: list, width: int) -> list:
    """A row one figure short whose first figure starts with a dash ("-501,591" for "- | 501,591") has a nil
    first column: the dash is no minus sign. A row of nothing but dashes fewer than the columns ("--" for
    "- | -") holds no figure to misplace; a dash one past the columns is the next label's sign ("+ Taxes 12 10
    - Interest income (3) (2)")."""
    if figures and len(figures) < width and all(f is None for f in figures):
        return [None] * width
    if len(figures) == width + 1 and figures[-1] is None:
        return figures[:-1]
    if len(figures) == width - 1 and figures[0] is not None and (figures[0].group("num") or "").startswith("-"):
        return [None, _Unsigned(figures[0]), *figures[1:]]
    return figures


def _unlabelled(run: Run, width: int) -> list[Run]:
    """A run of figures for two rows or more, each a row's worth: its label's row, then rows printed with no
    label of their own (a subtotal: "General and administrative 1,542 1,086 6,271 5,363", the total of the
    expenses above under no caption). A nil in the figures after the first row's makes them no row (a dash
    cannot start a row)."""
    if not width or len(run.figures) < 2 * width or len(run.figures) % width or None in run.figures[width:]:
        return [run]
    parts = [run]
    for at in range(width, len(run.figures), width):
        part = Run(run.figures[at - 1].end(), run.figures[at: at + width])
        part.unlabelled = True
        parts.append(part)
    run.figures = run.figures[:width]
    return parts


def _label_figure(figures: list) -> bool:
    """Whether the first of a row's figures, one more than the columns, is its label's: a footnote mark
    ("Adjusted EBITDA (2)") or a year before amounts grouped or printed with decimals ("Notes due 2030 1,200
    1,150", "Balance at December 31, 2024 4,310 3,980")."""
    first = figures[0]
    if first is None:
        return False
    if _MARK.fullmatch(first.group(0)):
        return True
    return is_year(first.group(0).strip()) and any(f is not None and _GROUPED.search(f.group(0)) for f in figures[1:])


class _Unsigned:
    """A figure read without the dash before it."""

    def __init__(self, m):
        self.m = m

    def start(self, group=0):
        return self.m.start(group) + (1 if group == "num" else 0)

    def end(self, group=0):
        return self.m.end(group)

    def group(self, name=0):
        text = self.m.group(name)
        return text.replace("-", "", 1) if name in ("num", 0) else text


def read_flat_tables(text: str, index: int, taken: list[tuple[int, int]]) -> list[TableRegion]:
    tables: list[TableRegion] = []
    for line in _LONG_LINE.finditer(text):
        if any(a <= line.start() < b for a, b in taken):
            continue
        tables.extend(_read_line(text, index + len(tables), line.start(), line.end()))
    return tables


def _read_line(text: str, index: int, start: int, end: int) -> list[TableRegion]:
    line = text[start:end]
    if sum(map(line.count, "0123456789")) < MIN_DIGITS * len(line):
        return []  # a paragraph: a flattened table is mostly figures
    tables: list[TableRegion] = []
    for at, runs in _statements(text, runs_of(text, start, end), start):
        tables.extend(read_runs(text, index + len(tables), at, runs, "flat"))
    return tables


def _statements(text: str, runs: list[Run], start: int) -> list[tuple[int, list[Run]]]:
    """The line parted before each run of bare years that heads a statement of its own ("... Total liabilities
    and stockholders' equity $ 44,130,895 $ 47,169,843 ... For the Years Ended December 31, 2025 2024 2025 2024
    Revenue ..."): a balance sheet of two columns and the statement of operations of four after it in one line
    are read each with its own columns. The words and days before the years ("For the Years Ended December 31")
    go with them; runs before that hold no statement of their own unless MIN_ROWS of them print figures side by
    side, and are then the next statement's title. Years with no day and no words of periods before them are a
    row's ("Employees at year end 2012 1987"), not a header."""
    parts: list[tuple[int, list[Run]]] = [(start, [])]
    for n, run in enumerate(runs):
        if n and len(run.figures) >= 2 and _years_only(run.figures) \
                and ((head := _head_start(runs, n)) < n or _HEADING.search(text, run.start, run.end)):
            current = parts[-1][1]
            cut = len(current) - (n - head)
            if cut >= 0 and sum(len(r.figures) >= 2 for r in current[:cut]) >= MIN_ROWS:
                parts[-1] = (parts[-1][0], current[:cut])
                parts.append((runs[head].start, current[cut:]))
        parts[-1][1].append(run)
    return parts


def _head_start(runs: list[Run], n: int) -> int:
    """The first of the runs of days and words right before the years at `n`."""
    while n and _periods_only(runs[n - 1]) and len(runs[n - 1].figures) == 1:
        n -= 1
    return n


def read_runs(text: str, index: int, start: int, runs: list[Run], layout: str) -> list[TableRegion]:
    """The tables of runs from `start`, read where their column count is clear. A row that cannot be placed ends
    its table and is left out (the rows after it start another, under the same columns, so no footing is read
    across it); in one line ("flat") only one such row between rows leaves the line readable, or rows each
    short of the columns (`_segments`)."""
    width, years = _columns(runs)
    for run in runs:
        figures = [None if f.group("nil") else f for f in run.figures]
        if width and len(figures) == width + 1 and _years_only(figures[:1]) and not any(figures[1:]):
            # a caption's year before its row's nils ("... at December 31, 2024 and 2023 - -") is the caption's
            run.end = run.split = figures[0].end()
            figures = figures[1:]
        run.figures = _nil_split(figures, width)
        if width and len(run.figures) == width + 1 and _label_figure(run.figures):
            run.figures = run.figures[1:]
            run.end = run.split = run.figures[0].start() if run.figures[0] is not None else run.end
    runs = [part for run in runs for part in _unlabelled(run, width)]
    fits = [_fits(text, run, width) for run in runs]
    if not width or sum(fits) < MIN_ROWS or sum(fits) < AGREE * sum(not _periods_only(run) for run in runs):
        return []
    segments = _segments(text, runs, fits, start, width, layout == "lines")
    # (in one line, every table but one resumed after a row left out must have its three rows: the line is clear)
    if segments is None or (layout == "flat" and any(len(rows) < MIN_ROWS and not resumed
                                                     for _, rows, resumed in segments)):
        return []
    tables, heads = [], None
    for n, (header_start, rows, resumed) in enumerate(segments):
        if header_start is not None:
            heads = _period_heads(text, header_start, rows[0].start, width) if n or not years else years
        # (a line's table resumed after a row left out has shown its columns already: two rows are a table)
        if len(rows) < (MIN_ROWS - 1 if resumed and layout == "flat" else MIN_ROWS):
            continue
        last = next((f for row in reversed(rows) for f in reversed(row.figures) if f is not None), None)
        if last is None:
            continue  # dashes only
        span = (rows[0].start if header_start is None else header_start, last.end())
        table = _table(text, index + len(tables), span, rows, (width, heads, years, layout))
        if table.cells:
            tables.append(table)
    return tables


def _fits(text: str, run: Run, width: int) -> bool:
    """Whether a run is a row of `width` columns: a label of a row's length (a section heading glued before it,
    "Adjustments to reconcile net loss to net cash provided by operating activities:Depreciation", is no part
    of the row's words), and figures that are not years and nils only ("Period-over- 2025 2024" is a header
    whose first word ends with a hyphen; "Employees at year end 2012 1987", years alone, may be a row)."""
    if not width or len(run.figures) != width or not (run.label(text) or run.unlabelled):
        return False
    if None in run.figures and _years_only(run.figures):
        return False
    words = run.own_label(text).rsplit(":", 1)[-1]
    return len(words) <= (MAX_LABEL if run.own == run.start else MAX_CAPTION)


def _segments(text: str, runs: list[Run], fits: list[bool], start: int, width: int,
              by_line: bool = False) -> list[tuple[int | None, list[Run], bool]] | None:
    """The rows in tables: (where its header starts, its rows, whether it resumes after a row left out). Runs that
    do not fit the columns before the first row are its title and header; after it, only a header naming two or
    more periods may stand between rows (the next table's). Any other row that does not fit ends its table and
    is left out: the rows after it start one with no header of its own (None), as a row does after more blank
    lines than stood between the rows before it and a line of words (the lines between its header). In one line
    a single such row may stand between rows ("Other income 49(2)9731": four figures run together into three),
    or any number each short of the columns (`_run_together`); other rows two in a row, or one after the last
    row, make the line unclear (None)."""
    segments: list[tuple[int | None, list[Run], bool]] = []
    header_start, misfits = start, []
    for run, fit in zip(runs, fits):
        if not fit:
            misfits.append(run)
            continue
        resumed = False
        if misfits and segments:
            if _is_header(text, misfits, run.start):
                header_start = misfits[0].start
            elif by_line or len(misfits) == 1 or _run_together(misfits, width):
                header_start, resumed = None, True
            else:
                return None
        elif run.gap and segments:  # the lines between are its header
            header_start = text.find("\n", segments[-1][1][-1].start)
        if misfits or not segments or run.gap:
            segments.append((header_start, [], resumed))
        misfits = []
        segments[-1][1].append(run)
    # a row after the last that does not fit
    return None if misfits and segments and not by_line and not _run_together(misfits, width, False) else segments


def _run_together(misfits: list[Run], width: int, between: bool = True) -> bool:
    """Rows left out that print fewer figures than the columns, each: cells run together ("Research and
    development 295212": 295 and 212, or 2,952 and 12), a caption's own figures ("$0.001 par value"), or a
    sentence after the statement. Fewer means no other columns: any number of them leaves the line clear, unless
    they stand between rows and are days and years only, a year among them (a header of periods garbled,
    "Three Months Ended 2024 7,500 December 31, 2023": its columns are in doubt; "as of December 31" and "Note
    14" in a caption are not, nor a sentence after the last row that ends on a date)."""
    header = between and all(map(_periods_only, misfits)) and any(is_year(f.group(0).strip()) for run in misfits
                                                                   for f in run.figures if f is not None)
    return all(0 < len(run.figures) < width for run in misfits) and not header


def _is_header(text: str, misfits: list[Run], end: int) -> bool:
    """Years and days of dates only, ending with two periods printed side by side ("March 31, 2025 March 31,
    2024"): not a caption naming its dates in words ("authorized at March 31, 2025 and December 31, 2024")."""
    if not all(map(_periods_only, misfits)) or misfits[-1].figures[-1] is None:
        return False
    periods = list(_PERIOD.finditer(text, misfits[0].start, end))
    return (len(periods) >= 2 and periods[-1].end() == misfits[-1].figures[-1].end()
            and not text[periods[-2].end(): periods[-1].start()].strip())


def _period_heads(text: str, start: int, end: int, width: int) -> list[str] | None:
    """The columns' headers from a header of periods, when it names one a column: "Three Months Ended" over
    two columns and "Nine Months Ended" over the next two each put before its columns' dates; a change header
    after the dates ("% Change") names the one or two columns left."""
    found = list(_PERIOD.finditer(text, start, end))
    change = _CHANGE.search(text, found[-1].end(), end) if found and len(found) < width else None
    if not found or len(found) != width and not (change and width - len(found) <= 2):
        return None
    dates = [m.group(0) for m in found]
    spans = [m.group(0) for m in _SPAN.finditer(text, start, end)]
    if spans and not len(dates) % len(spans):
        each = len(dates) // len(spans)
        dates = [f"{spans[i // each]} {date}" for i, date in enumerate(dates)]
    return dates + [change.group(0)] * (width - len(dates)) if change else dates


def _table(text: str, index: int, span: tuple[int, int], rows: list[Run], columns: tuple) -> TableRegion:
    (start, end), (width, heads, years, layout) = span, columns
    table = TableRegion.noted(index, layout, start, end, find_unit_note(text, start, end))
    table.columns = width + 1
    sections = Sections()
    for n, run in enumerate(rows):
        # above the first row, only the line right above it, ending with ':', opens a section: the others are
        # the table's title and header
        for line in run.above if n else [line for line in run.above[-1:] if line.endswith(":")]:
            sections.heading(line)
        figures = run.figures
        if years and [f and f.group(0).strip() for f in figures] == years:
            continue
        cut = run.split
        while cut > run.start and text[cut - 1] in " \t$€£:":
            cut -= 1  # a caption's own colon ("Common stock: $0.01 par value") opens no section
        heading, _, own_head = text[run.start: cut].rpartition(":")
        own = (own_head + text[cut: run.end]).strip(" \t:;,") or run.label(text)
        if heading.strip() and own:
            sections.heading(heading.strip() + ":")
        row = len(table.grid)
        table.grid.append([own, *("-" if f is None else f.group(0).strip() for f in figures)])
        path = sections.path(own)
        if layout == "flat":
            sections.blank()  # a heading in the line holds over the rows that qualify it ("Basic", "Diluted") only
        for column, f in enumerate(figures, start=1):
            if f is None:
                continue  # a dash: nil
            header = heads[column - 1] if heads else None
            printed = f.group("num") + (f.group("pct") or "")
            percent = bool(f.group("pct") or layout == "lines" and _APART.match(text, f.end()))
            table.cells.append(Cell(f.start("num"), f.end(), printed, row, column, own, None,
                                    currency=printed_currency(f), percent=percent,
                                    negative=printed.startswith(("(", "-")), row_path=path, column_path=header))
    table.rows = len(table.grid)
    return table

"""Tables printed one cell a line: a row's label on a line, then each of its figures on a line of its own.

    Net revenue
    $
    50.57
    $
    48.29
    5%

A converter that lost a table's markup leaves this: the label, a "$" or "%" printed in a cell of its own, and
each figure, each on its own line (often with blank lines between). A label line with no figures below it is a
section heading. Such a run is read as a table only where its column count is clear: most rows print the same
number of figures, at least MIN_ROWS of them, and a row that prints another number cannot be placed in the
columns, so it ends the table (the rows after it start another): a table missing a row would make its
footings wrong, and a figure in the wrong column would make its changes wrong.
"""

from __future__ import annotations

import regex

from ..rules import lexicon
from .fixedheads import SPAN
from .model import MONTH, NIL, NUMERIC_CELL, Cell, Sections, TableRegion, is_year, printed_currency
from .notes import find_unit_note, row_note

# A line holding one figure (or a nil dash, or a "$" or "%" of its own): the only whole-text scan here, led by
# its line break (a pattern anchored with "^" is tried at every offset: seven times slower)
_CELL = r"[ \t]*+(?:[$€£(+\-–—]|\d)[^\n]{0,24}(?=\n|\Z)"
_CELL_LINE = regex.compile(r"\n(?P<line>" + _CELL + ")")
_FIRST_CELL_LINE = regex.compile(r"(?P<line>" + _CELL + ")")
_LINE = regex.compile(r"[^\n]+")
_CHANGE_HEADER = regex.compile(r"(?i)\bchange\b|\bvariance\b|\binc(?:rease)?\s*/\s*\(?dec")
MIN_ROWS = 3  # rows with the column count, at least
MAX_LABEL = 200  # a longer line is prose (a statement's label may name its terms: "Warrants (including $0 and $186 due to ...)")
MAX_LABELS_BETWEEN = 3  # label lines between two figure lines of one table (a wrapped label under a heading)
MIN_CELL_LINES = 2 * MIN_ROWS
MAX_HEADER_LINES = 12  # header lines above the first row's: a title, its periods, its years, each column's name
MAX_HEADER_LINE = 40
_AFTER_DAYS = 2  # heading lines between a header of days and the first row ("ASSETS", "Capital Adequacy")
# a header line naming one column's day or year: "June 30,2025", "Dec. 31, 2024", "Sept 30, 2024", "Dec 312024", "2024"
# (a whole line, so a comma or space a converter lost is no matter, unlike a day among a fixed-width line's heads)
_DAY_HEAD = regex.compile(rf"(?i)^(?:{MONTH}\.?\s*\d{{1,2}},?\s*)?(?:19|20)\d\d$")


def _column_name_pattern() -> regex.Pattern:
    """A header line naming one column's unit: a currency alone ("USD", "US$", "(EUR)"), or a change ("% Change")."""
    lex = lexicon()
    names = sorted({*lex["currency_codes"], *lex["currency_symbols"]}, key=lambda w: (-len(w), w))
    currency = "|".join(regex.escape(n) for n in names)
    return regex.compile(rf"^\(?\s*(?:{currency})\s*\)?$|^%$|^%?\s*(?:change|variance)(?:\s*%)?$", regex.I)


_COLUMN_NAME = _column_name_pattern()


def read_stacked_tables(text: str, index: int, taken: list[tuple[int, int]]) -> list[TableRegion]:
    tables: list[TableRegion] = []
    for start, end in _runs(text, taken):
        for rows in _tables(_rows(text, start, end)):
            tables.append(_region(text, index + len(tables), rows))
    return tables


# a nil printed with its column's currency sign in one cell ("$ -", "$—"): a nil, never a row's label
_SIGNED_NIL = regex.compile(r"^[$€£]\s*(?:-|—|–|--)$")


def _is_cell(line: str) -> bool:
    s = line.strip()
    return s in ("$", "€", "£", "%") or _nil(s) or bool(NUMERIC_CELL.match(s))


def _nil(s: str) -> bool:
    return s.lower() in NIL or bool(_SIGNED_NIL.match(s))


def _runs(text: str, taken: list[tuple[int, int]]):
    """(start, end) of each run of one-figure lines with at most a few label lines between them."""
    first = _FIRST_CELL_LINE.match(text)
    lines = ([first] if first else []) + list(_CELL_LINE.finditer(text))
    cells = [(m.start("line"), m.end("line")) for m in lines if _is_cell(m.group("line"))
             and not any(a <= m.start("line") < b for a, b in taken)]
    run: list = []
    for a, b in cells:
        if run and not close_lines(text, run[-1][1], a):
            if len(run) >= MIN_CELL_LINES:
                yield run_start(text, run[0][0]), run[-1][1]
            run = []
        run.append((a, b))
    if len(run) >= MIN_CELL_LINES:
        yield run_start(text, run[0][0]), run[-1][1]


def close_lines(text: str, a: int, b: int) -> bool:
    if b - a > (MAX_LABELS_BETWEEN + 1) * (MAX_LABEL + 4):
        return False
    between = [line for line in _LINE.findall(text, a, b) if line.strip()]
    return len(between) <= MAX_LABELS_BETWEEN and all(_is_label(line) for line in between)


def _is_label(line: str) -> bool:
    s = line.strip()
    return len(s) <= MAX_LABEL and not s.endswith(".") and "|" not in s


def run_start(text: str, first: int) -> int:
    """The run starts at the label lines right above its first figure (the first row's label and headings)."""
    start, labels = first, 0
    while labels < MAX_LABELS_BETWEEN + 1 and start > 0:
        above = text.rfind("\n", 0, start - 1) + 1
        line = text[above: start - 1]
        if line.strip():
            if not _is_label(line) or _is_cell(line):
                break
            labels += 1
        start = above
    return _header_start(text, start)


def _header_start(text: str, start: int) -> int:
    """Further up, the table's header printed a line a cell: short lines and bare years ("Year Ended June 30,",
    "2025", "2024", "USD", "USD", "% Change"), which no row's figure, sentence or long line interrupts."""
    top, lines = start, 0
    while lines < MAX_HEADER_LINES and top > 0:
        above = text.rfind("\n", 0, top - 1) + 1
        line = text[above: top - 1].strip()
        if line:
            if not is_year(line) and (_is_cell(line) or not _is_label(line) or len(line) > MAX_HEADER_LINE):
                break
            lines += 1
        top = above
    return top


def _rows(text: str, start: int, end: int) -> list[tuple]:
    """(label, label offset, figures) in order; a figure is (match, start of its line, currency, percent) or
    None for a nil; a label with no figures under it is a heading (figures None)."""
    rows: list[tuple] = []
    label, at, figures, dollar = None, start, None, False
    for m in _LINE.finditer(text, start, end):
        s = m.group(0).strip()
        if not s:
            continue
        if not _is_cell(s):
            if label is not None:
                rows.append((label, at, figures))
            label, at, figures, dollar = s, m.start(), [], False
            continue
        if figures is None:
            figures = []
        if not figures and label is not None and not s.strip("*"):
            label = f"{label} {s}"  # a footnote mark under its label ("Return on average assets", "*"), no nil
            continue
        if s in ("$", "€", "£"):
            dollar = True
        elif s == "%":
            if figures and figures[-1] is not None:
                figures[-1] = (*figures[-1][:3], True)
        elif _nil(s):
            figures.append(None)
        else:
            cell = NUMERIC_CELL.match(s)
            figures.append((cell, m.start() + len(m.group(0)) - len(m.group(0).lstrip()), dollar, bool(cell.group("pct"))))
            dollar = False
    if label is not None:
        rows.append((label, at, figures))
    return rows


def _years(figures: list) -> bool:
    return bool(figures) and all(f is not None and is_year(f[0].group(0).strip()) for f in figures)


def _tables(rows: list[tuple]) -> list[list[tuple]]:
    """The rows split into tables where the count of figures a row prints changes: two statements printed one
    after the other (four columns of periods, then a balance sheet's two) are two tables, and a row printing
    another count than the rows around it cannot be placed in their columns, so it is left out (the rows after
    it start another table), but a row of rates and their change in points, one short, fills all but the last.
    A row of years below rows is the header of another table, whatever its width. The headings and header lines
    above a table's first row are its own."""
    tables: list[list[tuple]] = [[]]
    width, header = None, False
    for row in _subtotals(rows):
        figures = row[2]
        if width is not None and figures and len(figures) == width - 1 and _rates_and_points(figures):
            figures = [*figures, None]  # rates, then their change in points: the percent change is blank
            row = (row[0], row[1], figures)
        header = header or (width is not None and bool(figures) and _years(figures))
        if figures and not _years(figures):
            if width is not None and (len(figures) != width or header):
                current, lead = tables[-1], len(tables[-1])
                while lead and (not current[lead - 1][2] or _years(current[lead - 1][2])):
                    lead -= 1  # the headings and years right above this row go with it
                tables[-1], tables = current[:lead], [*tables, current[lead:]]
            width, header = len(figures), False
        tables[-1].append(row)
    return [t for t in tables if _data_rows(t) >= MIN_ROWS and len(next(f for _, _, f in t if f and not _years(f))) >= 2]


def _rates_and_points(figures: list) -> bool:
    """A row of percentages then their change in points, one figure short of a table whose last column is the
    percent change ("Return on average assets  0.44%  0.51%  (0.07)")."""
    *rates, change = figures
    return len(rates) >= 2 and all(f is not None and f[3] for f in rates) and change is not None and not change[3]


def _subtotals(rows: list[tuple]):
    """The rows, each printing twice the figures of the rows above and below it split in two: the row's own, then
    the subtotal a statement prints with no label under it ("General and administrative", its four figures, then
    the four of the operating expenses they end)."""
    widths = [len(f) if f and not _years(f) else None for _, _, f in rows]
    for k, (label, at, figures) in enumerate(rows):
        width = widths[k]
        before = next((w for w in reversed(widths[:k]) if w), None)
        after = next((w for w in widths[k + 1:] if w), None)
        if width and before and before == after and width == 2 * before:
            yield label, at, figures[:before]
            yield "", at, figures[before:]
        else:
            yield label, at, figures


def _data_rows(rows: list[tuple]) -> int:
    return sum(1 for _, _, f in rows if f and not _years(f))


def _region(text: str, index: int, rows: list[tuple]) -> TableRegion:
    data = [r for r in rows if r[2] and not _years(r[2])]
    first = min(r[1] for r in rows)
    last = max(f[1] + f[0].end() for _, _, figures in data for f in figures if f is not None)
    table = TableRegion.noted(index, "stacked", first, last, find_unit_note(text, first, last))
    table.columns = len(data[0][2]) + 1
    sections, started, header, years = Sections(), False, [], []
    # a "%" printed once a column, on its first row (as a "$" is), makes the column's figures percentages
    percent = {c for c, f in enumerate(data[0][2], start=1) if f is not None and f[3]}
    for label, _, figures in rows:
        if not figures:
            # above the first row, only a line ending with ':' opens a section: the others are its header
            if started or label.endswith(":"):
                sections.heading(label)
            else:
                header.append(label)
            continue
        if _years(figures):
            if not started:  # a header of years ("Change" over "2025", "2024", "$", "%"): the columns' names
                header, years = [*header, label], [f[0].group("num") for f in figures]
            continue
        if not started:
            heads, started = _headers(header, years, len(figures)), True
        row = len(table.grid)
        table.grid.append([label, *("-" if f is None else f[0].group(0).strip() for f in figures)])
        path = sections.path(label)
        for column, f in enumerate(figures, start=1):
            if f is not None:
                cell = _cell(text, f, (row, column), (label, path, heads[column - 1]))
                cell.percent = cell.percent or (column in percent and not cell.currency)
                table.cells.append(cell)
    table.rows = len(table.grid)
    return table


def _headers(lines: list[str], years: list[str], width: int) -> list[str | None]:
    """The header lines above the first row as its columns' headers, only where they are clearly one a column:
    a row of years, then a change header over the columns right of them; as many lines as the columns; or one
    fewer whose last names a change spanning the amount and percent columns ("Increase/(Decrease)"). Otherwise
    none: a title line among them would shift every period. A run of lines naming each column's unit ("USD",
    "USD", "% Change") goes under those headers, as a header row of its own would."""
    heads = _periods(lines, years, width)
    names = _column_names(lines, width)
    if not names:
        return heads
    return [f"{head} > {name}" if head else name for head, name in zip(heads, names)]


def _periods(lines: list[str], years: list[str], width: int) -> list[str | None]:
    change = next((line for line in reversed(lines) if _CHANGE_HEADER.search(line)), None)
    if years:
        fits = len(years) == width or (len(years) < width and change)
        return years + [change] * (width - len(years)) if fits else [None] * width
    if len(lines) == width:
        return list(lines)
    if len(lines) == width - 1 and change == lines[-1]:
        return [*lines, change]
    # a day a column under the span they share, a title above ("For the Three Months Ended", "June 30,2025",
    # "March 31,2025", ...; "As of" over a balance sheet's days), the first section's heading below ("ASSETS"): the
    # days are the columns', the span each one's
    days = [k for k in range(len(lines) - width, max(len(lines) - width - _AFTER_DAYS, 0) - 1, -1)
            if all(_DAY_HEAD.match(line) for line in lines[k:k + width])]
    if len(lines) > width and days and not any(_DAY_HEAD.match(line) for line in lines[days[0] + width:]):
        k = days[0]
        span = _span_above(lines, k)
        return [f"{span} > {line}" if span else line for line in lines[k:k + width]]
    return _days_by_names(lines, width)


def _days_by_names(lines: list[str], width: int) -> list[str | None]:
    """Days each over a run of columns that the names below repeat, one run a day (an average balance table:
    "September 30, 2025", "September 30, 2024", then "Average Balance", "Income/Expense", "Yield" twice): each
    column is its day's and its name's. Otherwise none."""
    names = lines[-width:] if len(lines) > width else []
    k = len(lines) - width
    while k > 0 and _DAY_HEAD.match(lines[k - 1]):
        k -= 1
    days = lines[k:len(lines) - width]
    if len(days) < 2 or width % len(days) or any(_DAY_HEAD.match(name) for name in names):
        return [None] * width
    run = width // len(days)
    if run < 2 or any(names[j] != names[j % run] for j in range(width)):
        return [None] * width  # names that do not repeat a day: no telling which day each is under
    span = _span_above(lines, k)
    return [" > ".join(filter(None, (span, days[j // run], names[j]))) for j in range(width)]


def _span_above(lines: list[str], k: int) -> str | None:
    """The nearest header line above line k naming a span ("For the Three Months Ended"), if any."""
    return next((line for line in reversed(lines[:k]) if SPAN.search(line)), None)


def _column_names(lines: list[str], width: int) -> list[str] | None:
    """The last run of header lines that each name a column's unit ("USD", "USD", "% Change", "% Change"), when it
    names exactly as many columns as the rows print figures."""
    run: list[str] = []
    for line in reversed(lines):
        if not _COLUMN_NAME.match(line):
            if run:
                break
            continue
        run.insert(0, line)
    return run if len(run) == width else None


def _cell(text: str, figure: tuple, at: tuple[int, int], names: tuple) -> Cell:
    m, line_start, dollar, percent = figure
    (row, column), (label, path, header) = at, names
    start, end = line_start + m.start("num"), line_start + m.end("num")
    printed = text[start:end]
    return Cell(start, end, printed, row, column, label, header, currency=dollar or printed_currency(m),
                percent=percent, negative=printed.startswith(("(", "-", "−", "–")), row_path=path,
                column_path=header, unit=row_note(label))

"""Fixed-width tables inside ``` fences: the figures at the right end of each line, the label at its left.

Column positions drift from row to row, so columns are counted from the right. The label column is read line
by line (`fixedlabels`: wrapped labels joined, section headings, the unit note above the rows); dashed rules and
blank lines end a label. A line of bare years above the figures names the columns, as does a line of periods
("Q4 2024  Q3 2024  QoQ") or of days ("December 31, 2024  December 31, 2023": a balance sheet's).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from itertools import combinations, islice

import regex

from .fixedheads import SHORT_PERIOD, column_heads, head_lines, period_heads
from .fixedpercent import carried_percent, names_percent, percent_columns, percent_heads, percent_marks
from .fixedlabels import MAX_LABEL_LINE, MAX_NOTE_LINES, RULE, Labels
from .notes import find_unit_note, table_note
from .points import point_under, points_column
from .ranges import (OUTLOOK, Part, figure, glued_range, joiner, line_above, marked_figure, printed, range_cells,
                     range_grid, range_readings)
from .model import (MONTH, NIL, NUMERIC_CELL, PERCENT_APART, QUALIFIER, Cell, TableRegion, apart, head_points,
                    is_year, points_unit, printed_currency)

_LINE = regex.compile(r"(?m)^[^\n]*$")
_NON_SPACE = regex.compile(r"\S+")
# a token, and a figure glued to its points unit ("(200)bps") or its multiple's sign ("4.13x") as a token of its
# own before the unit's: only for a line naming points or a multiple (every line of every block is split)
_GLUED_POINTS = regex.compile(r"[(\-+]?\d[\d,.]*\)?(?=(?:bps?|pts?|pp|BPS?|PTS?|PP|x|×)(?!\S))|\S+")
_GLUED_MULTIPLE = regex.compile(r"\d[x×](?!\S)")
# A header line of dates ("December 31 December 31") is not a row whose figure is 31.
_MONTH_END = regex.compile(rf"(?i)\b{MONTH}\.?$")
# a line ending on a series of figures in words ("shares authorized; 105,600,000 and" 106,300,000): a caption
# wrapped over lines, whose last figure is its own, no column's
_SERIES = regex.compile(r"\d\s+(?:and|or)$")
# a year in a line, or a period glued to a two-digit year ("Q4'24", "4Q24": `fixedheads.SHORT_PERIOD`)
_YEAR_IN_LINE = regex.compile(rf"(?<![\d,.])(?:19|20)\d\d(?![\d,.%])|(?<!\S){SHORT_PERIOD}(?!\S)")
MAX_HEAD_LINES = 4  # lines above a table's first row read as its header
_FOOTNOTE = regex.compile(r"^(?:(?P<whole>\(\d{1,2}\))|(?P<close>\d{1,2}\)))$")
_MARK = regex.compile(r"^\([1-9]\)$")  # a footnote mark after a figure: one digit in brackets
# a label's marks in one bracket, split by the spaces between them: "NOI (1 2)", "AFFO (1, 2)" (no figure opens a
# bracket it does not close and then prints another that closes one)
_OPEN_MARK, _CLOSE_MARK = regex.compile(r"^\(\d{1,2},?$"), regex.compile(r"^\d{1,2}\)$")
MAX_PLACED = 12  # columns a short row's figures are placed in by their kinds: at most 924 placements tried


def _values(line: str) -> list:
    """The figure tokens at the right end of a line (walking right to left until a word)."""
    values = []
    pos = len(line.rstrip())
    glued = "bp" in line or "pt" in line or "pp" in line or "BP" in line or "PT" in line or "PP" in line \
        or ("x" in line or "×" in line) and _GLUED_MULTIPLE.search(line) is not None
    tokens = list((_GLUED_POINTS if glued else _NON_SPACE).finditer(line))
    for n in range(len(tokens) - 1, -1, -1):
        token = tokens[n]
        if token.end() > pos:
            continue
        tok = token.group(0)
        if NUMERIC_CELL.match(tok) or tok in ("--", "—", "-") or tok.lower().rstrip("%") in NIL or apart(tok):
            values.append(token)
            pos = token.start()
        elif (ranged := glued_range(token) or joiner(tokens, n, values) or marked_figure(token)) is not None:
            values.append(ranged)  # "4%-6%"; the "to" of "2.5% to 3.0%", joined with its ends below
            pos = token.start()
        else:
            break
    values.reverse()
    # a "%" ending the label ("Gross margin %") is the label's, and a dash before it ("EBITDA - %"): once, and only
    # right after the label's words, so a nil cell "- %" in the first column further right stays a cell
    if values and values[0].group(0) != "$" and values[0].start() - len(line[:values[0].start()].rstrip()) <= 2:
        dash = values[0].group(0) == "-" and len(values) > 1 and values[1].group(0) in PERCENT_APART \
            and values[1].start() - values[0].end() <= 2
        del values[:1 if apart(values[0].group(0)) else 2 if dash else 0]
    return values


# a label ending on a month and its day ("Expired at December 31,"), which the year after it completes
_DAY_END = regex.compile(rf"(?i)\b{MONTH}\.?\s+\d{{1,2}},?$|^\d{{1,2}},$")


def _labelled_by_year(values: list, line: str, pending: list[str]) -> bool:
    """Whether a row's first figure is a year naming it, not an amount: the row prints no label before it
    ("2026  154  15.5  9.1%", a schedule of maturities or lease expiries), or its label ends on the month and day
    the year completes. A bare year only: a figure grouped in thousands or signed is an amount."""
    if len(values) < 2 or not is_year(values[0].group(0)) or all(is_year(v.group(0)) for v in values):
        return False  # a header of years
    own = line[: values[0].start()].strip()
    return not own or bool(_DAY_END.search(" ".join([*pending[-1:], own]).strip()))


# a line going on with a label in lower case ("shares issued and outstanding", "days or less)"), not a list mark
# ("x) Revaluation"), an abbreviation ("vs. Q4") or a basis ("diluted  0.41")
_GOES_ON, _CLOSES = regex.compile(r"[ \t]*[a-z]{2,}\b(?![.)])"), regex.compile(r"[ \t]*[a-z]{2,}\)")


def _wraps_on(text: str, at: int, end: int, line: str, values: list) -> bool:
    """Whether a line ending at `at` on one figure after its words is a label or a sentence wrapped at a figure of
    its own, the next line going on with its words ("borrowings (maturities of 90" / "days or less)  --  (12)  9",
    or closing its bracket: "days)  995", "an initial public offering of 23,000,000" / "shares of its common
    stock"): the figure is no row's. A year ending a line of prose is left to end the table above."""
    if len(values) != 1:
        return False
    label = line[: values[0].start()]
    # (a figure one space after its words is the sentence's; one padded out to a column is a row's: "less
    # allowance  (50)" under "Gross receivables  1,200" is two rows)
    if not label.strip() or label.endswith(("  ", "\t")) \
            or is_year(values[0].group(0)) and len(label.strip()) > MAX_LABEL_LINE:
        return False
    match = _GOES_ON.match(text, at + 1, end) or "(" in label.rpartition(")")[2] and _CLOSES.match(text, at + 1, end)
    return bool(match) and not QUALIFIER.match(match.group(0).strip())


def read_fixed_tables(text: str, index: int, start: int, end: int) -> list[TableRegion]:
    """The tables of one fence: a line of years or a unit note below rows starts another, so the columns of
    one are never counted against the widths of the next."""
    rows, grid, years, segment = [], [], None, 0
    labels = Labels()
    # a line above the rows (or just above the fence) names an outlook: the dashes of the rows below join ranges
    outlook = bool(OUTLOOK.search(line_above(text, start)))
    for m in _LINE.finditer(text, start, end):
        line, line_start = m.group(0), m.start()
        if not line.strip():
            labels.blank()
            continue
        values = _values(line)
        if _wraps_on(text, m.end(), end, line, values):
            values = []  # "Treasury stock, at cost, 291,053" / "shares as of ...": the figure is the label's
        if _labelled_by_year(values, line, labels.pending):
            values = values[1:]  # "2026  154  15.5  9.1%", "Expired at December" / "31, 2024  363  25.9"
        own = line[: values[0].start()].strip() if values else line.strip()
        numeric = [v for v in values if figure(v) or isinstance(v, Part)]
        grid.append(([own, *(v.group(0) for v in values)] if values else [line.strip()], line_start, m.end()))
        years_row = bool(numeric) and all(is_year(v.group(0)) for v in numeric)
        is_row = numeric and not years_row and not _MONTH_END.search(own) and not _SERIES.search(own) \
            and not _marked_head(own, numeric)
        # (a line of days reads as a line of its last year: "December 31, 2024  December 31, 2023")
        periods = None if is_row or len(_YEAR_IN_LINE.findall(line)) < 2 else period_heads(line)
        if rows and rows[-1][0] == segment and (years_row or periods or (not is_row and table_note(line))):
            segment += 1  # a new header or unit note below rows: the next table of the fence
            outlook = False
        outlook = outlook or not is_row and bool(OUTLOOK.search(line))
        if years_row or (not is_row and len(_YEAR_IN_LINE.findall(line)) >= 2):
            # a header of periods (and change columns: "Q4 2025  Q4 2024  % Change") is no label, but it may
            # close the unit note the lines above opened ("(In dollars, except shares" / "presented in
            # millions)   2024   2023")
            labels.pending = []
            labels.notes.header(line)
            labels.noted = [*labels.noted, line.strip()][-MAX_NOTE_LINES:]
            labels.heads.append(line.strip())
            heads = periods or ([v.group(0) for v in numeric] if years_row else None)
            if heads:
                years = column_heads(head_lines(text, grid, {row[1] for row in rows}), heads) or heads
        elif not is_row and len(values) >= 2 and not own.endswith(":"):
            labels.pending = []  # a row of nils ("Dispositions  --  --  --"): its label is no part of the next row's
        elif not is_row:
            labels.text_line(line)
            continue
        else:
            label, path, note = labels.row(own)
            # a row of figures with no label below rows (after a rule) is their subtotal, as in a statement
            if label or (rows and rows[-1][0] == segment):
                rows.append((segment, len(grid) - 1, line_start, label, path, note, values, years,
                             outlook or bool(OUTLOOK.search(own))))
            continue
        labels.long_line = None  # a header or a row of nils between: no heading continues the line above it
    return _tables(text, index, grid, _footnotemarks(rows), find_unit_note(text, start, end))


def _marked_head(own: str, numeric: list) -> bool:
    """Whether a line is a header of periods ending on a footnote mark ("(Unaudited) 31, 2024 31, 2023 % Change
    Impact Change (2)"): its words name two years or more, and its one figure is the mark."""
    return len(numeric) == 1 and bool(_FOOTNOTE.match(numeric[0].group(0))) and len(_YEAR_IN_LINE.findall(own)) >= 2


def _tables(text: str, index: int, grid: list, rows: list[tuple], note) -> list[TableRegion]:
    """The fence's rows grouped into tables, each read as a region."""
    tables: list[TableRegion] = []
    groups: list[list[tuple]] = []
    for row in rows:
        # a lone row joins the next table, unless that one has a header of its own: its columns are not the row's
        if groups and (groups[-1][-1][0] == row[0] or len(groups[-1]) < 2 and groups[-1][-1][7] == row[7]):
            groups[-1].append(row)
        else:
            groups.append([row])
    row_lines = {row[1] for row in rows}
    for group in groups:
        if len(group) >= 2:
            head = _head_lines(grid, row_lines, group[0][1])
            tables.append(_region(text, index + len(tables), grid, group, note, percent_heads(head), head_points(head)))
    return tables


def _footnotemarks(rows: list[tuple]) -> list[tuple]:
    """A label's footnote mark reads like a first figure. "EBITDA (1, / 2) 52 28": the "2)" closing a bracket
    the label opened is the label's. "Free Cash Flow (4) 33 (13) 46 354": a bracketed one- or two-digit
    figure is a mark when it gives its row one figure more than any row of its table that opens on none."""
    rows = _bracketed_marks(rows)
    widths: dict[int, int] = {}
    for row in rows:
        if row[6] and not _FOOTNOTE.match(row[6][0].group(0)):
            widths[row[0]] = max(widths.get(row[0], 0), printed(row[6]))
    out = []
    usual = _usual_widths(rows)
    for row in rows:
        row = _trailing_marks(row, usual.get(row[0]))
        label, values = row[3], row[6]
        mark = _FOOTNOTE.match(values[0].group(0)) if values and label else None
        if mark and (mark.group("close") and label.count("(") > label.count(")")
                     or mark.group("whole") and widths.get(row[0], 0) and printed(values) == widths[row[0]] + 1):
            row = (*row[:3], f"{label} {values[0].group(0)}", *row[4:6], values[1:], *row[7:])
        out.append(row)
    return out


def _bracketed_marks(rows: list[tuple]) -> list[tuple]:
    """A labelled row opening on marks in one bracket ("NOI (1 2) $ 41,462 $ 40,139"): the marks are the label's; and
    where the bracket wraps onto the next line ("General and administrative expenses (1" / "2) (4,294) (4,016)"), or
    a mark ends each line ("operations (1)" / "(3) $ 150 134"), the two lines are one row, named by the first."""
    out: list[tuple] = []
    for row in rows:
        label, values = row[3], row[6]
        if label and len(values) > 2 and _OPEN_MARK.match(values[0].group(0)) and _CLOSE_MARK.match(values[1].group(0)):
            row = (*row[:3], f"{label} {values[0].group(0)} {values[1].group(0)}", *row[4:6], values[2:], *row[7:])
        elif out and not label and len(values) > 1 and out[-1][3] and len(out[-1][6]) == 1 and out[-1][0] == row[0] and (
                _CLOSE_MARK.match(values[0].group(0)) and _OPEN_MARK.match(out[-1][6][0].group(0))
                or _MARK.match(values[0].group(0)) and _MARK.match(out[-1][6][0].group(0))):
            above = out.pop()
            row = (*row[:3], f"{above[3]} {above[6][0].group(0)} {values[0].group(0)}", *above[4:6], values[1:], *row[7:])
        out.append(row)
    return out


def _usual_widths(rows: list[tuple]) -> dict[int, int]:
    """The number of figures most rows of each table of the fence print (the first, of a tie)."""
    counts: dict[int, Counter] = defaultdict(Counter)
    for row in rows:
        counts[row[0]][printed(row[6])] += 1
    return {segment: c.most_common(1)[0][0] for segment, c in counts.items()}


def _trailing_marks(row: tuple, usual: int | None) -> tuple:
    """A row with a footnote mark after its figures ("Diluted  $ 0.52  $ 0.53 (1)  $ 2.15  $ 2.16 (1)"): a bracketed
    digit right after a figure, where without the marks the row prints the figures most rows of its table do, is
    a mark, no column's figure (read as figures, the marks widen the table and push every row's columns apart)."""
    values = row[6]
    marks = [k for k in range(1, len(values)) if _MARK.match(values[k].group(0))
             and NUMERIC_CELL.match(values[k - 1].group(0)) and not _MARK.match(values[k - 1].group(0))]
    if not marks or usual is None or printed(values) - len(marks) != usual:
        return row
    return (*row[:6], [v for k, v in enumerate(values) if k not in marks], *row[7:])


def _head_lines(grid: list, row_lines: set[int], first: int) -> str:
    """The header lines just above a table's first row, as one text (naming a percentage: "2024 2023 Change % Change";
    or points: "Basis Points Change")."""
    above, read = [], 0
    for k in range(first - 1, max(first - 2 * MAX_HEAD_LINES, 0) - 1, -1):
        if k in row_lines or read >= MAX_HEAD_LINES:
            break
        cells = grid[k][0]
        if len(cells) == 1 and RULE.match(cells[0]):
            # the rule under the header: the section headings over the first row ("As reported under" / "GAAP:")
            # are no header lines, and push the header's own out of reach
            read = 0
            continue
        above.extend(cells)
        read += 1
    return " ".join(above)


def _region(text: str, index: int, grid: list, group: list[tuple], note, head_percent=None,
            points_head: str | None = None) -> TableRegion:
    first, last = group[0][1], group[-1][1]
    table = TableRegion.noted(index, "fixed", grid[first][1], grid[last][2], note)
    table.grid = [cells for cells, _, _ in grid[first : last + 1]]
    table.rows = len(table.grid)
    group = range_readings(text, group)
    counted = {row[1]: (printed(row[6]), percent_marks(row[6])) for row in group}  # each row's figures, read once
    width = max(n for n, _ in counted.values())
    table.columns = width + 1
    # a subtotal with no label and fewer figures than columns has no label to say which columns it fills
    group = [row for row in group if row[3] or counted[row[1]][0] == width]
    full = [row[6] for row in group if counted[row[1]][0] == width]
    marks = [counted[row[1]][1] for row in group if counted[row[1]][0] == width]  # the full rows' percent marks
    carried = carried_percent(full, head_percent) if names_percent(head_percent) else set()
    change = percent_columns(marks, width) | carried
    points = (points_column(marks, width), points_head) if points_head else None
    for _, row_no, line_start, label, path, cell_note, values, years, _ in group:
        columns = _placement(values, counted[row_no][1], width, change)
        # a short row's columns are guessed: it takes no percentage from the first row's, nor points
        full_row = counted[row_no][0] == width
        if carried and full_row and any(pct and c not in carried for c, pct in enumerate(counted[row_no][1], start=1)):
            carried = set()  # rows printing "%" in other columns (margins, under a header of their own): no more carried
        _row_cells(text, table, (row_no - first, line_start, label, path, cell_note, values), columns, years,
                   carried if full_row else set(), points if full_row else None)
    # a data row of the grid as its columns: the label, then each figure where its cell counts it
    for row_no, label in {row[1] - first: row[3] for row in group}.items():
        table.grid[row_no] = [label] + [""] * width
    for cell in table.cells:
        table.grid[cell.row][cell.column] = cell.text
    range_grid(table, text)
    return table


def _placement(values: list, marks: list[bool | None], width: int, change: set[int]) -> list[int]:
    """The columns a row's figures fill. A full row fills them all; a short one is counted from the right,
    unless its percentages say otherwise: when only one of the readings (from the right, the amount columns
    alone as in "Less: Acquisitions  17  --  47  --" under "2024 2023 % change 2024 2023 % change", from the
    left) puts each percentage in a percent column and each other figure in another column, that one; a row of
    nothing but percentages as many as the amount columns (a margin) fills those. `marks`: the row's `percent_marks`."""
    right = list(range(width - len(marks) + 1, width + 1))
    if not change or len(marks) == width:
        return right
    amounts = [c for c in range(1, width + 1) if c not in change]
    readings = [right, amounts, list(range(1, len(marks) + 1))]
    fits = [r for r in readings if len(r) == len(marks)
            and all(pct is None or pct == (c in change) for pct, c in zip(marks, r))]
    if not fits and len(amounts) == len(marks) and _rates(values):
        return amounts  # a row of rates ("EBIT margin 5.2% 2.3% 7.8% ...") fills the periods, not the changes
    if not fits and width <= MAX_PLACED:
        # a row blank in columns of both kinds ("Net sales $ 52,400 $ 47,800 $ 4,600 9.6%" under "2024 % of Sales
        # 2023 % of Sales $ Change % Change"): the one placement, in order, of each figure in a column of its kind
        fits = list(islice((list(r) for r in combinations(range(1, width + 1), len(marks))
                            if all(pct is None or pct == (c in change) for pct, c in zip(marks, r))), 2))
    return fits[0] if len(fits) == 1 else right


def _rates(values: list) -> bool:
    """Every figure of the row a percentage printed with its "%" (no change in points among them)."""
    tokens = [v.group(0) for v in values]
    return all(t.endswith("%") or (k + 1 < len(tokens) and tokens[k + 1] in PERCENT_APART)
               for k, t in enumerate(tokens) if not apart(t))


def _row_cells(text: str, table: TableRegion, row: tuple, columns: list[int], years: list[str] | None,
               carried: set[int] = frozenset(), points: tuple | None = None) -> None:
    row_no, line_start, label, path, note, values = row
    width = table.columns - 1
    dollar = False
    places = iter(columns)
    for k, v in enumerate(values):
        tok = v.group(0)
        if apart(tok):
            dollar = tok == "$"
            continue
        column = next(places)
        m = NUMERIC_CELL.match(tok)
        after = values[k + 1].group(0) if k + 1 < len(values) else ""
        header = years[column - 1] if years and len(years) == width else None
        if isinstance(v, Part) or not m:
            if isinstance(v, Part):
                range_cells(text, table, row, column, v, dollar, after in PERCENT_APART, header)
            dollar = False
            continue
        num_start = line_start + v.start() + m.start("num")
        num_end = line_start + v.start() + m.end("num")
        table.cells.append(
            # column_header stays None as it always was for these tables (the years above a fixed-width table
            # are not always its columns': later stages read a header as the cell's period); column_path has them
            Cell(num_start, num_end, text[num_start:num_end], row_no, column, label or None, None,
                 currency=dollar or printed_currency(m),
                 percent=bool(m.group("pct")) or after in PERCENT_APART
                 or (column in carried and not dollar and not printed_currency(m) and points_unit(after) is None),
                 negative=tok.lstrip("$ ").startswith(("(", "-", "−", "–")), row_path=path, column_path=header,
                 unit=note, points=points_unit(after) or point_under(points, column, bool(m.group("pct")) or dollar, after))
        )
        dollar = False

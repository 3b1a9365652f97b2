"""Tables a wire flattened into one line: "2025 2024 Revenues$ 47,316 $ 40,992 Cost of sales (20,929) (18,589)".

Such a line is a run of labels, each followed by its row's figures. It is read as a table only where the
column count is clear: a run of bare years names it (or, failing that, most rows agree on it), and every
row below the first has exactly that many figures (a dash is a nil figure; "-501,591" one short of the
count is a nil and 501,591). A line where one row cannot be placed in its columns is left to the prose
reader as before: a table missing a row would make its footings wrong.
"""

from __future__ import annotations

from collections import Counter

import regex

from .model import Cell, Sections, TableRegion, is_year
from .notes import find_unit_note

_LONG_LINE = regex.compile(r"(?m)^(?![ \t]*\|)[^\n]{300,}$")
_FIGURE = regex.compile(r"(?<=\s)(?P<nil>[-–—]{1,2})(?=\s|$|\p{Lu})|(?P<cur>[$€£])?[ \t]*+(?P<num>\((?:\d{1,3}(?:,\d{3})++|\d+)(?:\.\d+)?\)|-?(?:\d{1,3}(?:,\d{3})++|\d+)(?:\.\d+)?)(?P<pct>%)?")
_JOINER = regex.compile(r"[\s$€£]*")
MIN_ROWS = 3  # rows with the column count, at least
MIN_DIGITS = 0.08  # of a line's characters: a paragraph with a few figures is prose
MAX_LABEL = 100  # a row label longer than this is a sentence (the first may carry the title and header)
AGREE = 0.6  # of the rows with figures


def _runs(text: str, start: int, end: int) -> list[tuple[str, list]]:
    """(label, figures) in order: the figures after each label, up to the next word."""
    runs: list[tuple[str, list]] = []
    label_start, figures, last = start, [], start
    for m in _FIGURE.finditer(text, start, end):
        if figures and _JOINER.fullmatch(text, last, m.start()):
            figures.append(m)
        else:
            if figures:
                runs.append((text[label_start: figures[0].start()].strip(" \t:;,"), figures))
                label_start = last
            figures = [m]
            if not text[label_start: m.start()].strip():
                label_start = m.start()
        last = m.end()
    if figures:
        runs.append((text[label_start: figures[0].start()].strip(" \t;,"), figures))
    return runs


def _columns(runs: list[tuple[str, list]]) -> tuple[int, list[str] | None]:
    """The column count (0 when unclear) and the years that name the columns, if a run of them does."""
    for label, figures in runs:
        if len(figures) >= 2 and all(is_year(f.group(0).strip()) for f in figures):
            return len(figures), [f.group(0).strip() for f in figures]
    counts = Counter(len(f) for _, f in runs)
    k, n = counts.most_common(1)[0] if counts else (0, 0)
    return (k, None) if k >= 2 and n >= AGREE * len(runs) else (0, None)


def _nil_split(figures: list, width: int) -> list:
    """A row one figure short whose first figure starts with a dash ("-501,591" for "- | 501,591") has a nil
    first column: the dash is no minus sign."""
    if len(figures) == width - 1 and figures[0] is not None and (figures[0].group("num") or "").startswith("-"):
        return [None, _Unsigned(figures[0]), *figures[1:]]
    return figures


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
    tables = []
    for line in _LONG_LINE.finditer(text):
        if any(a <= line.start() < b for a, b in taken):
            continue
        table = _read_line(text, index + len(tables), line.start(), line.end())
        if table is not None:
            tables.append(table)
    return tables


def _read_line(text: str, index: int, start: int, end: int) -> TableRegion | None:
    line = text[start:end]
    if sum(map(line.count, "0123456789")) < MIN_DIGITS * len(line):
        return None  # a paragraph: a flattened table is mostly figures
    runs = _runs(text, start, end)
    width, years = _columns(runs)
    runs = [(label, _nil_split([None if f.group("nil") else f for f in figures], width)) for label, figures in runs]
    rows = [(label, figures) for label, figures in runs if label and len(figures) == width]
    if not width or len(rows) < MIN_ROWS or len(rows) < AGREE * len(runs):
        return None
    first = next(i for i, (label, figures) in enumerate(runs) if label and len(figures) == width)
    if any(len(figures) != width or not label or len(label) > MAX_LABEL for label, figures in runs[first:]):
        return None  # a row whose columns are unclear: a footing over the rest would miss it
    table = TableRegion.noted(index, "flat", start, end, find_unit_note(text, start, end))
    table.columns = width + 1
    sections = Sections()
    for label, figures in runs:
        if years and [f and f.group(0).strip() for f in figures] == years:
            continue
        if len(figures) != width or not label:
            continue  # the title and header above the rows: dates and periods, read as prose
        heading, _, own = label.rpartition(":")
        if heading and own.strip():
            sections.heading(heading.strip() + ":")
        own = own.strip() or label
        row = len(table.grid)
        table.grid.append([own, *("-" if f is None else f.group(0).strip() for f in figures)])
        path = sections.path(own)
        sections.blank()  # a heading holds over the rows that qualify it ("Basic", "Diluted") only
        for column, f in enumerate(figures, start=1):
            if f is None:
                continue  # a dash: nil
            header = years[column - 1] if years else None
            printed = f.group("num") + (f.group("pct") or "")
            table.cells.append(Cell(f.start("num"), f.end(), printed, row, column, own, None,
                                    currency=bool(f.group("cur")), percent=bool(f.group("pct")),
                                    negative=printed.startswith(("(", "-")), row_path=path, column_path=header))
    table.rows = len(table.grid)
    return table if table.cells else None


"""Tables printed a row a line (or a paragraph), the cells separated by single spaces, with no pipes, no
alignment and no fence, as converters of filed exhibits and some wires leave them:

    Three Months Ended
    April 1, 2025 April 2, 2024
    Product sales $ 4,300 $ 3,950
    Service fees 820 610

Each line that ends with figures after a label is a row: the figures side by side at its end are its cells,
the words and figures before them its label. Rows a few short lines without figures apart are one table, those
lines its section headings (the ones above the first row its title and header). The columns are counted as in
a table a wire flattened into one line (`flat`): a header of years names them, or most rows agree on them; a row
printing another count cannot be placed, so it ends its table and is left out, never guessed.

Lines of codes (phone numbers, "+1 646 307 19 63", "(212) 555-0142") are no table: a table prints amounts
(grouped in thousands, with decimals, a currency or percent sign, or a loss in brackets), and a figure glued to
a word or to the figure before it ("Q4", "555-0142") is no cell.
"""

from __future__ import annotations

import regex

from .flat import LONG_LINE, MIN_ROWS, read_runs
from .flatruns import line_run
from .model import TableRegion
from .stacked import close_lines, run_start

_FIGURE_END = frozenset("0123456789)%-–—$€£")  # how a figure, a nil dash or a currency sign printed apart ends
_AMOUNT = regex.compile(r"[,.$€£%(]")
_LINE = regex.compile(r"[^\n]*\S[^\n]*")
_DIGIT = regex.compile(r"\d")


def read_line_tables(text: str, index: int, taken: list[tuple[int, int]]) -> list[TableRegion]:
    tables: list[TableRegion] = []
    for start, runs in _regions(text, taken):
        tables.extend(read_runs(text, index + len(tables), start, runs, "lines"))
    return tables


def _rows(text: str, taken: list[tuple[int, int]]):
    """Each line of a row's length that ends with two figures or more after a label, as a run, in order. (The
    lines are cut once; only a line whose last two words end like figures is read further: a regex led by a
    figure's last character cost three times as much.)"""
    pos = 0
    for line in text.split("\n"):
        start, pos = pos, pos + len(line) + 1
        if line[-1:] not in _FIGURE_END and (line[-1:] not in " \t" or line.rstrip()[-1:] not in _FIGURE_END):
            continue
        words = line.rsplit(None, 2)
        if len(words) < 3 or words[-2][-1] not in _FIGURE_END or len(line) >= LONG_LINE or words[0][0] == "|" \
                or any(a <= start < b for a, b in taken):
            continue
        run = line_run(text, start, start + len(line))
        if run is not None:
            yield run


def _regions(text: str, taken: list[tuple[int, int]]):
    """(where its header starts, its runs) for each group of rows with only a few label lines between them. A
    row with more blank lines above it than between the rows before it (rows printed line after line, then a
    blank line) and a line of words between starts another table under the same columns, those words its
    header: not after a spacer alone, nor right under a heading ending with ':' (a statement going on)."""
    group: list = []
    spacing = None  # the fewest blank lines between two rows of the group
    for run in _rows(text, taken):
        if group:
            a = group[-1].figures[-1].end()
            between = _LINE.findall(text, a, run.start)
            blanks = text[a: run.start].count("\n") - len(between) - 1
            # a line printing figures it does not end with ("Revenue $ 4,655 $ 4,262 9 %") is no heading
            if not close_lines(text, a, run.start) or any(map(_DIGIT.search, between)):
                yield from _region(text, group)
                group, spacing = [], None
            else:
                run.gap = spacing is not None and blanks > spacing and bool(between) \
                    and not between[-1].rstrip().endswith(":")
                spacing = None if run.gap else blanks if spacing is None else min(spacing, blanks)
        group.append(run)
    yield from _region(text, group)


def _region(text: str, runs: list):
    """The group as a region, when at least MIN_ROWS rows print two figures or more, and some figure an amount;
    each run is handed the label lines right above it (its headings, or the first row's title and header)."""
    rows = [run for run in runs if len(run.figures) >= 2]
    if len(rows) < MIN_ROWS or not any(_AMOUNT.search(f.group(0)) for run in rows for f in run.figures):
        return
    start = run_start(text, runs[0].start)
    above = start
    for run in runs:
        run.above = tuple(line.strip() for line in text[above: run.start].split("\n") if line.strip())
        above = run.figures[-1].end()
    yield start, runs

"""The row a heading names: a release's results by segment or product put the name over a paragraph or a list
("Electrical and Mechanical" over "The company's E&M segment revenues increased to $549.8 million"; "LYBALVI" over
"- Revenues for the fourth quarter were $77.0 million"), and its tables give that name as a row in the table of
each measure. A figure whose own clause names no row restates the cell of a row its heading names, but only one
that agrees with it: the heading says which row, never which measure's table, so only the value tells which
(`by: heading`; no slip is bound this way).
"""

from __future__ import annotations

from collections import defaultdict

from .footarith import significant_digits
from .restatechoice import agrees, cell_scale
from .restateperiods import heading_line
from .subjects import content_words, period_of


# How many significant digits a figure must print for its value to pick a heading's row among the tables
_DIGITS = 3


class Headings:
    """The rows of the release's tables by their label's words, and the rows each paragraph's heading names."""

    def __init__(self, rows, bracketed):
        self.by_words: dict[tuple[str, ...], list] = defaultdict(list)
        for row in rows:
            if row.words:
                self.by_words[row.words].append(row)
        self.bracketed = bracketed
        self.cache: dict[int, list] = {}

    def rows(self, p, text: str) -> list:
        """The rows whose whole label the heading over p's paragraph is (one naming a period names none), for a
        figure of three significant digits or more (a figure printed "EUR1 million" agrees with too many)."""
        if significant_digits(p) < _DIGITS:
            return []
        paragraph = text.rfind("\n\n", 0, p.start) + 1
        if paragraph not in self.cache:
            line = heading_line(text, paragraph)
            named = () if line is None or any(period_of(line)) else content_words(self.bracketed.sub(" ", line))
            self.cache[paragraph] = self.by_words.get(named, []) if named else []
        return self.cache[paragraph]

    def agreeing(self, p, reading, kinds) -> list:
        """The cells of the heading's rows that agree with p."""
        return [c for row in self.rows(p, reading.text) for c in row.cells.values()
                if c.kind in kinds and agrees(p, c, cell_scale(p, c), reading)]


def closes(row, rows: dict) -> str:
    """The heading whose section an unlabelled row closes, as its total ("Revenues" over two revenue rows and an
    unlabelled row adding them), or "". It closes the section only right after the section's items, the row
    before it one of them, and when every item above it prints each of its figures with the total's sign: a
    row of another sign in between ("Cost of revenues" in brackets under "Revenues") is no item of the
    section, and the unlabelled row after it (gross profit) is no total of it."""
    path = next(iter(row.cells.values())).cell.row_path or ""
    if not path.endswith(" > ") or (row.table, row.row - 1) not in rows:
        return ""
    at = row.row - 1
    while (item := rows.get((row.table, at))) is not None \
            and (next(iter(item.cells.values())).cell.row_path or "").startswith(path):
        if any((float(c.value) < 0) != (float(total.value) < 0) for column, c in item.cells.items()
               if (total := row.cells.get(column)) is not None):
            return ""
        at -= 1
    return path[:-3].rsplit(" > ", 1)[-1] if at < row.row - 1 else ""

"""A prose figure restating a cell of a table of groups, bound by the row and the column its words name.

A survey or a breakdown prints its groups as columns and its answers as rows ("Good/Excellent" under "Land-based
bettors", "Online bettors", "Non-bettors"); a sentence restating one cell names the column right after the figure
("just 47% of non-bettors") and the row anywhere in the sentence ("good or excellent credit scores"). The binding is
read from those words alone, never from the values, so a slip in the figure is bound like any other:

- the column: a header whose content words are the first words after the figure behind "of" or "among" ("of
  non-bettors", "among online bettors"), a column no cell of which names a period, a date, a change or a total
  (those are read elsewhere);
- the row: a row of that table, of two or more content words, all of them in the sentence outside the column's
  words, the one that names most words when several do;
- the cell at that row and column, of the figure's kind, the only one in the release the words pick.

Such a binding names its row and its column by words, so it is as strong as a label and a period (`by: grid`).
"""

from __future__ import annotations

import regex

from ..models import Mention
from .restatecolumns import CELL_KINDS
from .subjects import content_words

# what names the group a figure counts in, right after it ("47% of non-bettors", "31% among respondents aged")
_GROUP = regex.compile(r"(?i)\s*(?:of|among)\s+(?:the\s+|all\s+)?((?:[A-Za-z][\w/&'’-]*\s*){1,4})")
# what makes a header a period (those columns are bound by the period the sentence names)
_PERIOD = regex.compile(r"(?i)\d|quarter|months?|year|ended|ending|\bfy|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b|"
                     r"\b(?:as\s+(?:of|at)|period|ytd|change|total)\b")


class Grid:
    """The tables' category columns by their header words, and their rows."""

    def __init__(self, rows):
        self.columns: dict[tuple[str, ...], list[tuple[int, int]]] = {}
        self.rows: dict[int, list] = {}
        named: dict[tuple[int, int], set[tuple[str, ...]]] = {}
        timed: set[tuple[int, int]] = set()  # columns some cell of which names a period, a date or a change
        for row in rows:
            self.rows.setdefault(row.table, []).append(row)
            for column, cell in row.cells.items():
                header = cell.cell.column_header or ""
                if cell.cell.period is not None or _PERIOD.search(header):
                    timed.add((row.table, column))
                elif words := content_words(header):
                    named.setdefault((row.table, column), set()).add(words)
        for at, headers in named.items():
            if at not in timed and len(headers) == 1:
                self.columns.setdefault(next(iter(headers)), []).append(at)

    def cell(self, p: Mention, text: str, sentence: tuple[int, int]) -> Mention | None:
        """The one cell p's words name by its column right after it and its row in its sentence, or None."""
        if not self.columns:
            return None
        group = _GROUP.match(text, p.end, sentence[1])
        if group is None:
            return None
        after = content_words(group.group(1))
        heads = [(words, at) for words, at in self.columns.items() if after[:len(words)] == words]
        if not heads:
            return None
        words = set(content_words(text[sentence[0]:p.start] + " " + text[group.end():sentence[1]]))
        kinds = CELL_KINDS.get(p.kind, {p.kind})
        found = []
        for header, places in heads:
            for table, column in places:
                for row in self.rows.get(table, ()):
                    cell = row.cells.get(column)
                    if cell is None or cell.kind not in kinds or len(row.words) < 2 \
                            or not all(w in words and w not in header for w in row.words):
                        continue
                    found.append((len(row.words), cell))
        if not found:
            return None
        most = max(n for n, _ in found)
        best = [c for n, c in found if n == most]
        return best[0] if len(best) == 1 else None

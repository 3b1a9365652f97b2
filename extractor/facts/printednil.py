"""Dashes printed in a table row: whether a row's line prints a nil among its figures.

A statement prints a dash for a line with nothing that year ("Borrowings of long-term debt  2,758  —"). The row is
then one of the statement's rows in every column, whereas a figure printed in one column alone with the others
blank may be a subtotal set apart. The table model keeps only figures, so the dash is read from the row's line.
"""

from __future__ import annotations

import regex

from ..document.model import DASHES
from ..models import Mention

# a nil printed as a dash, a cell of its own in a pipe row or a token among a fixed-width row's figures (a minus
# sign printed alone too: no figure follows it)
_DASHES = DASHES | {"−"}
_FIGURE_TOKEN = regex.compile(r"^[$€£(]*[-−–+]?\d[\d,.]*\)?%?$|^[$€£%)]$")


class PrintedNil:
    """Whether a row's line prints a dash among its figures, read once per row and only for the rows a footing
    asks about (the line is found from one of the row's figures)."""

    def __init__(self, rows, text: str):
        self.rows, self.text, self.seen = rows, text, {}

    def __call__(self, row: int) -> bool:
        if row not in self.seen:
            self.seen[row] = bool(self.text) and _prints_dash(self.text, next(iter(self.rows[row].values())))
        return self.seen[row]

    def columns(self, row: int) -> frozenset:
        """The columns where the row's line prints a dash: a nil the statement states, not a cell the table lost.
        A pipe row's dash sits in a cell of its own; a fixed-width row's dashes are placed among its figures,
        counted from the right, only where the figures' own columns follow that order one by one (else none)."""
        key = ("columns", row)
        if key not in self.seen:
            self.seen[key] = _dash_columns(self.text, self.rows[row]) if self.text and self(row) else frozenset()
        return self.seen[key]


def _line(text: str, m: Mention) -> str:
    end = text.find("\n", m.end)
    return text[text.rfind("\n", 0, m.start) + 1:end if end >= 0 else len(text)]


_MARK = regex.compile(r"^[$€£%)]+$")  # a currency sign or a percent sign printed apart from its figure


def _dash_columns(text: str, row: dict[int, Mention]) -> frozenset:
    line = _line(text, next(iter(row.values())))
    if "|" in line:
        first, last = line.index("|"), line.rindex("|")
        return frozenset(k for k, c in enumerate(line[first + 1:last].split("|")) if c.strip() in _DASHES)
    items: list[bool] = []  # the right end of the row, left to right: True for a dash, False for a figure
    for token in reversed(line.split()):
        if token in _DASHES:
            items.append(True)
        elif _FIGURE_TOKEN.match(token):
            if not _MARK.match(token):
                items.append(False)
        else:
            break
    items.reverse()
    figures = [k for k, dash in enumerate(items) if not dash]
    columns = sorted(row)
    if len(figures) != len(columns) or len({c - k for c, k in zip(columns, figures)}) != 1:
        return frozenset()
    base = columns[0] - figures[0]
    return frozenset(base + k for k, dash in enumerate(items) if dash)


def _prints_dash(text: str, m: Mention) -> bool:
    line = _line(text, m)
    if "|" in line:
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        first = next((k for k, c in enumerate(cells) if c and not _FIGURE_TOKEN.match(c) and c not in _DASHES), -1)
        return any(c in _DASHES for c in cells[first + 1:])
    for token in reversed(line.split()):  # the figures at the right end of a fixed-width row, back to its label
        if token in _DASHES:
            return True
        if not _FIGURE_TOKEN.match(token):
            return False
    return False

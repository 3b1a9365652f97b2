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


def _prints_dash(text: str, m: Mention) -> bool:
    end = text.find("\n", m.end)
    line = text[text.rfind("\n", 0, m.start) + 1:end if end >= 0 else len(text)]
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

"""Ratio rows a fixed-width table printed packed: the figures of a margin row read into the wrong columns.

A fixed-width layout leaves a margin row blank under the change columns ("10.2  9.1  8.8  11.2" under "2024
2023 Change 2024 2023 Change"), and the reader, which knows the columns only by where the figures stand, packs
the row's figures together: the third lands under the change column, the fourth under the prior year. Read as
placed, half the row divides rows it does not. So a row printing a figure in a column where its candidate rows
hold no pair of amounts is also read moved, its figures kept in their order, onto the columns where a pair of rows
does hold two amounts; the placement that fits is taken when it is the only one that fits as well (every figure,
or all but one of three or more), and the binding is loose: it rests on arithmetic, not on the printed layout.
"""

from __future__ import annotations

from itertools import combinations

import regex

from ..models import Mention

MAX_COLUMNS = 8  # placements tried stay few (at most 70 for four figures): wider rows are not moved
_MARK = regex.compile(r"^\(\d\)$")  # "(1)": a note's mark, or a margin of minus one percent; both are tried


def realigned(stated: dict[int, Mention], pairs: list, usable, fits) -> tuple[dict, dict[int, Mention]] | None:
    """For the one best placement of the row's figures, in order, onto the columns where a candidate pair holds
    two amounts (`usable(row, column)`): each figure's new column -> ((top, bottom), whether it fits), and the
    figures by their new columns. None when the row already sits in a pair's columns, or when no placement, or
    more than one, fits well enough. `fits(figure, top, bottom)` says whether a figure is the ratio of two cells
    (None: they cannot say)."""
    order = [stated[c] for c in sorted(stated)]
    found = _placed(set(stated), order, pairs, usable, fits)
    if found is None and len(order) > 2 and _MARK.match(order[0].text):
        # the label's footnote mark, packed into the row as its first figure
        found = _placed(set(stated), order[1:], pairs, usable, fits)
    return found


def _placed(columns: set[int], order: list[Mention], pairs: list, usable, fits):
    k = len(order)
    best: dict[tuple[int, ...], tuple] = {}
    best_n = 0
    for top, bottom in pairs:
        shared = [c for c in sorted(top.cells) if c in bottom.cells and usable(top, c) and usable(bottom, c)]
        if columns <= set(shared) or not k <= len(shared) <= MAX_COLUMNS:
            continue
        for placed in combinations(shared, k):
            verdicts = [fits(m, top.cells[c], bottom.cells[c]) is True for c, m in zip(placed, order)]
            n = sum(verdicts)
            if n > best_n:
                best, best_n = {}, n
            if n == best_n and placed not in best:  # the first pair (the best named) of a placement is its reading
                best[placed] = ((top, bottom), verdicts)
    if len(best) != 1 or not (best_n == k >= 2 or best_n == k - 1 >= 3):
        return None
    (placed, (pair, verdicts)), = best.items()
    return {c: (pair, ok) for c, ok in zip(placed, verdicts)}, dict(zip(placed, order))


def by_figures(stated: dict[int, Mention], candidates: list, wholes: list, usable, fits) -> dict:
    """A margin row whose label names no row that fits it ("Operating margin" over "Income from operations",
    "Pre-tax margin" over "Income before income taxes"): the one candidate row whose figures, over a revenue
    row, give the margin in every column it can be read in, three at least (all but one of four or more); each
    column -> ((part, whole), whether it fits). The first revenue row (the nearest) that fits a part is its
    reading. Empty when no row, or more than one, fits so."""
    found: dict[int, tuple] = {}  # part row -> (whole, verdicts)
    best_n = 0
    spare = len(stated) >= 4  # a misfit one row may have; most candidates misfit at once and are left there
    for part in candidates:
        for whole in wholes:
            verdicts, misses = {}, 0
            for c, s in stated.items():
                if c in part.cells and c in whole.cells and usable(part, c) and usable(whole, c):
                    fit = fits(s, part.cells[c], whole.cells[c])
                    if fit is not None:
                        verdicts[c] = fit
                        misses += not fit
                        if misses > spare:
                            break
            n, k = sum(verdicts.values()), len(verdicts)
            if n < 3 or n < k - (k >= 4):
                continue
            if n > best_n:
                found, best_n = {}, n
            if n == best_n and part.row not in found:
                found[part.row] = ((part, whole), verdicts)
    if len(found) != 1:
        return {}
    (pair, verdicts), = found.values()
    return {c: (pair, ok) for c, ok in verdicts.items()}

"""A table printing ranges: its low ends read as a table of their own.

An outlook table prints each cell as a range ("590 – 650" under 2025), and its total row too ("1,300 – 1,450"):
the low ends add up as the high ends do. A grid keeps one figure a cell, the range's last end, so the low ends
were never read. Here the same rows and columns are read again with each range's first end in its cell (a cell
printing one figure keeps it: it is both ends), so every mechanism reading a grid (the "Total" rows, the footings)
reads the low ends with the very evidence it asks of the high ends, and a slip in a low end is bound like any
other figure.

A range's ends are not always footed one by one, though: an outlook's adjusted range may be narrower than its
parts' ranges added ("420,000 to 440,000" plus "25,000 to 30,000" printed as "450,000 to 465,000"). So the low
ends of a column are bound only where its high ends, in the same rows, add up too (`both_ends`): there the
ranges are footed end to end, and a low end that breaks it is a slip.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Iterable, Iterator, TypeVar

from ..models import Fact, Mention

K = TypeVar("K")


def and_low_ends(grids: Iterable[tuple[K, dict[int, dict[int, Mention]]]], mentions: list[Mention]
                 ) -> Iterator[tuple[K, dict[int, dict[int, Mention]]]]:
    """Each (key, grid) as given, and after it, where its cells print ranges, (key, the grid of its low ends)."""
    by_id = {m.id: m for m in mentions if m.cell is not None and m.range_with is not None}
    for key, rows in grids:
        yield key, rows
        low = low_ends(rows, by_id) if by_id else None
        if low is not None:
            yield key, low


def low_ends(rows: dict[int, dict[int, Mention]], by_id: dict[int, Mention]) -> dict[int, dict[int, Mention]] | None:
    """The rows with each range's first end in place of its last, or None where no cell prints a range (the grid
    as it is)."""
    low: dict[int, dict[int, Mention]] = {}
    ranged = False
    for r, row in rows.items():
        low[r] = {}
        for c, m in row.items():
            first = _first_end(m, by_id)
            ranged = ranged or first is not m
            low[r][c] = first
    return low if ranged else None


def _first_end(m: Mention, by_id: dict[int, Mention]) -> Mention:
    """The end printed first of the range `m` ends, where both ends sit in one cell; else `m` itself."""
    other = by_id.get(m.range_with) if m.range_with is not None else None
    if other is None or other.cell is None or m.cell is None or other.start > m.start \
            or (other.cell.table, other.cell.row, other.cell.column) != (m.cell.table, m.cell.row, m.cell.column):
        return m
    return other


def both_ends(facts: list[Fact], mentions: list[Mention]) -> list[Fact]:
    """The facts, less those binding a range's first end whose last ends, in the same roles, do not add up."""
    if not any(m.cell is not None and m.range_with is not None for m in mentions):
        return facts
    by_id = {m.id: m for m in mentions}
    # (a low end's slip is bound loosely: a part's slip and the total's fit the same mismatch more often than at
    # the high ends, which a reader checks first, so no fix is proposed where which figure is wrong is unclear)
    return [f if _is_high(f, by_id) else f.model_copy(update={"strength": "loose"})
            for f in facts if _last_ends_hold(f, by_id)]


def _is_high(fact: Fact, by_id: dict[int, Mention]) -> bool:
    """Whether no figure the fact binds is a range's first end."""
    return all(_last_end(by_id[i], by_id) is by_id[i] for i in fact.roles.values() if i in by_id)


def _last_ends_hold(fact: Fact, by_id: dict[int, Mention]) -> bool:
    figures = {role: by_id[i] for role, i in fact.roles.items() if i in by_id}
    last = {role: _last_end(m, by_id) for role, m in figures.items()}
    if all(last[role] is m for role, m in figures.items()):
        return True  # no range's first end here
    lo = hi = Fraction(0)
    t_lo = t_hi = None
    for role, m in last.items():
        a, b = Fraction(m.low), Fraction(m.high)
        if role == "total":
            t_lo, t_hi = a, b
        elif role.startswith("less"):
            lo, hi = lo - b, hi - a
        else:
            lo, hi = lo + a, hi + b
    return t_lo is None or lo <= t_hi and t_lo <= hi


def _last_end(m: Mention, by_id: dict[int, Mention]) -> Mention:
    """The end printed last of the range `m` starts, where both ends sit in one cell; else `m` itself."""
    other = by_id.get(m.range_with) if m.range_with is not None else None
    return other if other is not None and _first_end(other, by_id) is m else m

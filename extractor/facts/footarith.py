"""The arithmetic of a footing's block: each figure's interval read once, a float screen of a block's sum against
its total, and the exact intervals that confirm a block the floats could not tell apart from its total."""

from __future__ import annotations

from fractions import Fraction

import regex

from ..models import AMOUNTS, Mention
from .subjects import Reading

_DECIMALS = regex.compile(r"\d\.(\d+)")
_NOT_DIGIT = regex.compile(r"\D")


def cell_of(m: Mention) -> tuple[float, float, float, tuple[bool, int]]:
    """Low, high, value, and the unit it is printed in: amounts of money, counts and plain figures of a table
    all take its unit note (a row naming "treasury shares" holds dollars), a price another. Read once per
    figure (`cells`): a figure is met once per block it may belong to."""
    digits = _DECIMALS.search(m.text)
    return float(m.low), float(m.high), float(m.value), (m.kind in AMOUNTS, len(digits.group(1)) if digits else 0)


def near(acc: list, top: tuple | None, total: tuple, how: str) -> bool:
    """Float screen: does the block (all added, its top row less the others, or its charges less) meet the
    total's interval?"""
    lo, hi = acc[0], acc[1]
    if how == "minus":  # top less the rest, the rest's bounds being the block's less the top's
        t_lo, t_hi = top[0], top[1]
        lo, hi = t_lo - (acc[1] - t_hi), t_hi - (acc[0] - t_lo)
    elif how == "mixed":
        lo, hi = acc[3], acc[4]
    slack = 1e-9 * (abs(lo) + abs(hi) + abs(total[0]) + abs(total[1]) + 1)
    return lo <= total[1] + slack and total[0] <= hi + slack


def adds_up(rows, block: list[int], signs: tuple[int, ...], r: int, c: int, reading: Reading, cells: dict) -> bool:
    """Do the block's exact intervals meet the total's? Floats answer unless an end is within their error."""
    lo = hi = size = 0.0
    for x, sign in zip(block, signs):
        if c in rows[x]:
            a, b = cells[rows[x][c].id][:2]
            lo, hi = (lo + a, hi + b) if sign > 0 else (lo - b, hi - a)
            size += abs(a) + abs(b)
    t_lo, t_hi = cells[rows[r][c].id][:2]
    slack = 1e-9 * (size + abs(t_lo) + abs(t_hi) + 1)
    if lo < t_hi - slack and t_lo < hi - slack:
        return True
    if lo > t_hi + slack or t_lo > hi + slack:
        return False
    lo = hi = Fraction(0)
    for x, sign in zip(block, signs):
        if c not in rows[x]:
            continue  # nil
        a, b = reading.interval(rows[x][c])
        lo, hi = (lo + a, hi + b) if sign > 0 else (lo - b, hi - a)
    t_lo, t_hi = reading.interval(rows[r][c])
    return lo <= t_hi and t_lo <= hi


def significant_digits(m: Mention) -> int:
    """Significant digits printed."""
    return len(_NOT_DIGIT.sub("", m.text).lstrip("0"))


def holds(total: Mention, cells: list, reading: Reading) -> bool:
    """Whether the parts' intervals, added, meet the total's (a balance sheet's identity)."""
    lo, hi = reading.interval(total)
    plo = phi = Fraction(0)
    for m in cells:
        a, b = reading.interval(m)
        plo, phi = plo + a, phi + b
    return plo <= hi and phi >= lo


def disputed_difference(rows, later: list[int], r: int, best: tuple, reading: Reading, cells: dict, words):
    """A difference some column disputes ("Total assets" less "Total liabilities" meeting a stockholders' equity
    in one year only) may be read on the wrong row of a balance sheet: the equity of the parent's holders, with a
    non-controlling interest between it and the "Total equity" the difference gives. The row to bind: r as read
    (r); a later footing row (named "Total ...") after a non-controlling interest's row, printing r's very figures
    in every column that agrees, the last such, which the figures alone could not tell from r (its own columns' agreement, loosely); or None
    (nothing) where r's label names its holder ("Total Acme shareholders' equity", "attributable to", "parent"):
    a non-controlling interest may stand outside the table, so only a reading every column holds binds it."""
    named, holder, minority = words
    block, signs, columns, _, agree = best  # -> the row and its reading (block, signs, columns, score, agree)
    if not best[3][1] or -1 not in signs[1:]:
        return r, best
    twin, across = None, False
    for x in later:
        row = rows[x]
        across = across or minority(x)
        if across and named(x) and row.keys() >= set(columns) and all(row[c].value == rows[r][c].value for c in agree) \
                and any(row[c].value != rows[r][c].value for c in columns if c not in agree):
            twin = x
    if twin is not None:
        agree = [c for c in columns if adds_up(rows, block, signs, twin, c, reading, cells)]
        return twin, (block, signs, columns, (len(agree), len(agree) - len(columns), len(block)), agree)
    return (None, None) if holder(r) else (r, best)


def repeats(above: dict[int, Mention], row: dict[int, Mention]) -> bool:
    """Whether a row prints the very figures of the row above it, in two columns or more that are not nil."""
    return above.keys() == row.keys() and sum(float(m.value) != 0 for m in row.values()) >= 2 \
        and all(above[c].value == m.value for c, m in row.items())


def lone(total: Mention, amounts: bool) -> bool:
    """Whether one column's arithmetic alone may bind a block: amounts (a bridge of per-share figures meets its
    total by chance within two decimals) and a total of three digits or more."""
    return amounts and significant_digits(total) >= 3


def _range_ends(mentions: list[Mention]) -> dict[int, dict[tuple[int, int], tuple[Mention, Mention]]]:
    """table -> (row, column) -> the two ends of a range a cell prints ("590 – 650" in a guidance table), the
    lower first, as the document read them (`range_with`). Made once per release (`Reading.derived`)."""
    by_id = {m.id: m for m in mentions}
    out: dict[int, dict[tuple[int, int], tuple[Mention, Mention]]] = {}
    for m in mentions:
        hi = by_id.get(m.range_with) if m.cell is not None and m.range_with is not None else None
        if hi is not None and hi.cell is not None and m.start < hi.start and m.kind == hi.kind \
                and (m.cell.table, m.cell.row, m.cell.column) == (hi.cell.table, hi.cell.row, hi.cell.column):
            out.setdefault(m.cell.table, {})[m.cell.row, m.cell.column] = (m, hi)
    return out


def lower_ends(read, table: int, rows: dict, upper: list, reading: Reading) -> list:
    """The facts of a table's lower ends where its cells print ranges (`read` of the rows with each range's lower
    end for its upper, the figure a cell keeps), each holding one, and each where the same rows' upper ends make
    a fact (`upper`) that adds up: an outlook's total range is often its own, not its parts' added end to end (an
    adjusted profit of 450 to 465 over a reported 420 to 440 and charges of 25 to 30), so a column whose upper
    ends do not add up binds no lower ends, and one whose upper ends do vouches for its lower ends' rows, loosely
    (a total range may be narrower than its parts' on purpose: a known slip explains a mismatch, or nothing)."""
    ends = {rc: (lo, hi) for rc, (lo, hi) in reading.derived(_range_ends).get(table, {}).items()
            if rows.get(rc[0], {}).get(rc[1]) is hi}
    if not ends:
        return []
    low = {r: {c: ends[r, c][0] if (r, c) in ends else m for c, m in row.items()} for r, row in rows.items()}
    upper_of = {lo.id: hi.id for lo, hi in ends.values()}
    by_id = {m.id: m for t in (rows, low) for row in t.values() for m in row.values()}
    added = {tuple(sorted(f.roles.items())) for f in upper if by_id.keys() >= set(f.roles.values())
             and _adds(f, by_id, reading)}
    return [f.model_copy(update={"strength": "loose"}) for f in read(low) if upper_of.keys() & set(f.roles.values())
            and tuple(sorted((k, upper_of.get(v, v)) for k, v in f.roles.items())) in added]


def _adds(fact, by_id: dict, reading: Reading) -> bool:
    """Whether a footing's figures meet within their rounding: its parts (and minuend) added, its less-rows taken."""
    lo, hi = Fraction(0), Fraction(0)
    for role, i in fact.roles.items():
        if role == "total":
            continue
        a, b = reading.interval(by_id[i])
        lo, hi = (lo - b, hi - a) if role.startswith("less") else (lo + a, hi + b)
    t_lo, t_hi = reading.interval(by_id[fact.roles["total"]])
    return lo <= t_hi and t_lo <= hi

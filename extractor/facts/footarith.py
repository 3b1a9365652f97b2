"""The arithmetic of a footing's block: each figure's interval read once, a float screen of a block's sum against
its total, and the exact intervals that confirm a block the floats could not tell apart from its total."""

from __future__ import annotations

from fractions import Fraction
from functools import lru_cache

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
    return _significant_digits(m.text)


@lru_cache(maxsize=8192)  # asked of a table's cells by every footing that reads them
def _significant_digits(text: str) -> int:
    return len(_NOT_DIGIT.sub("", text).lstrip("0"))


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


def stated_first(rows, folded: list[int], reading: Reading, cells: dict):
    """A row printed before the rows that add up to it ("Total assets" above the liabilities and equity that
    foot it, "Revenues" above its segments): the visible row right before a run of visible rows ending with
    the last one, the run all added. (total, block, signs, columns, score, agree) or None, accepted as
    `_best_block` accepts a block; the total does not fold its run, which later footings may still add up."""
    last = folded[-1] if folded else None
    if last is None or len(folded) < 3:
        return None
    unit = {c: cells[m.id][3] for c, m in rows[last].items()}
    sums = {c: [0.0, 0.0, False] for c in unit}
    best, best_score = None, (0, 0, 0)
    for k in range(1, len(folded)):
        for c in list(unit):
            cell = rows[folded[-k]].get(c)
            if cell is None:
                continue  # nil
            lo, hi, value, kind = cells[cell.id]
            if kind != unit[c]:
                del unit[c]  # another unit in the run: the column says nothing
                continue
            acc = sums[c]
            acc[0], acc[1], acc[2] = acc[0] + lo, acc[1] + hi, acc[2] or value != 0
        t = folded[-k - 1]
        columns = [c for c in unit if sums[c][2] and c in rows[t] and cells[rows[t][c].id][3] == unit[c]
                   and float(rows[t][c].value) != 0]
        if k < 2 or len(columns) < 2:
            continue
        agree = [c for c in columns if near(sums[c], None, cells[rows[t][c].id], "plus")]
        disagree = len(columns) - len(agree)
        score = (len(agree), -disagree, k)
        if (len(agree) >= 2 or len(agree) == 1 and disagree == 1) and len(agree) >= disagree and score > best_score:
            block = folded[-k:]
            if sum(adds_up(rows, block, (1,) * k, t, c, reading, cells) for c in columns) == len(agree):
                best, best_score = (t, block, (1,) * k, columns, score, agree), score
    return best


def stated_before(columns: dict, found, header, periods: dict):
    """`found` (`_best_block`'s reading of a column printed before the columns that add up to it), or None where
    it is no such total: fewer than two rows agreeing with every part non-zero (a joint venture's column of zeros
    makes its group total equal the column beside it in every row but one), or a header naming a period of the
    same length as a part's (a quarter beside quarters is never their total; a full year or a total may be)."""
    if not found:
        return None
    block, agree, total = found[0], found[4], found[-1]
    full = [r for r in agree if all(r in columns[x] and float(columns[x][r].value) != 0 for x in block)]
    kind = period_of(header(total), periods)
    if len(full) < 2 or kind is not None and any(period_of(header(x), periods) == kind for x in block):
        return None
    return found[:-1]


def period_of(header: str, periods: dict) -> str | None:
    """The length of period a column's header names (the first of `periods`, name -> pattern, it matches), or None."""
    return next((name for name, pattern in periods.items() if pattern.search(header or "")), None)

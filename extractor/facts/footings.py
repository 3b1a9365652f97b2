"""Footings a table does not label "Total": a row that is the sum of the rows right above it.

Financial statements add up without saying so: "Gross profit" is revenue less cost of sales, "Income before
income taxes" is operating income plus other income, "Net income" is that less the tax. The row labels vary
too much to list, so the structure is read from the figures: a row is the footing of the block of rows above
it when the block adds up to it (all rows added, or the first less the others) in the columns the row has.
A block is accepted only where at least as many columns agree as disagree, and the agreement is never read
from a single column alone; the binding is loose (a structure found by arithmetic), so a column that then
disagrees is flagged only where a known slip explains it.
"""

from __future__ import annotations

from collections import defaultdict
from fractions import Fraction

import regex

from ..models import AMOUNTS, Fact, Mention
from .subjects import Reading

_DECIMALS = regex.compile(r"\d\.(\d+)")


def footings(rule, mentions: list[Mention], text: str = "", reading: Reading | None = None) -> list[Fact]:
    reading = reading or Reading(mentions, text)
    skip_label = regex.compile(rule.options.get("skip_label", r"(?i)^\s*total\b"))
    not_amount = regex.compile(rule.options.get("not_amount_label", r"(?!)"))
    longest = int(rule.options.get("max_block", 12))
    facts: list[Fact] = []
    for rows, labels in _tables(mentions).values():
        # per-share, share-count and ratio rows sit among the amounts but never add up with them
        order = sorted(r for r in rows if not not_amount.search(labels.get(r, "")))
        for i, r in enumerate(order):
            if skip_label.search(labels.get(r, "")) or len(rows[r]) < 2:
                continue
            best = _best_block(rows, order[max(0, i - longest):i], r, reading)
            if best is not None:
                facts.extend(_facts(rule, rows, r, *best))
    return facts


def _tables(mentions: list[Mention]) -> dict[int, tuple[dict[int, dict[int, Mention]], dict[int, str]]]:
    """table -> (row -> column -> amount cell, row -> label)."""
    out: dict[int, tuple[dict, dict]] = defaultdict(lambda: (defaultdict(dict), {}))
    for m in mentions:
        if m.cell is not None and m.kind in AMOUNTS:
            rows, labels = out[m.cell.table]
            rows[m.cell.row][m.cell.column] = m
            labels[m.cell.row] = m.cell.row_label or ""
    return out


def _best_block(rows, above: list[int], r: int, reading: Reading):
    """The block of rows just above `r` (2 or more, contiguous in the table's figure rows) and the signs that
    most columns of `r` agree with: (block, signs, columns) or None.

    The block grows upward one row at a time with running sums per column, so each row costs the block's
    length times the columns (floats screen; the chosen block is confirmed with exact intervals)."""
    total = {c: _cell(m) for c, m in rows[r].items() if float(m.value) != 0}  # a nil total is no evidence
    live = set(total)
    sums = {c: [0.0, 0.0, False] for c in total}  # low, high, any non-nil part
    best, best_score = None, (0, 0, 0)
    for k, x in enumerate(reversed(above), 1):
        for c in list(live):
            cell = rows[x].get(c)
            # a row printed to other decimals, or of another kind, is another unit (a per-share row)
            if cell is None or (cell.kind, _places(cell)) != total[c][3]:
                live.discard(c)
                continue
            lo, hi, value = _cell(cell)[:3]
            acc = sums[c]
            acc[0] += lo
            acc[1] += hi
            acc[2] = acc[2] or value != 0
        columns = [c for c in live if sums[c][2]]
        if k < 2 or len(columns) < 2:
            if len(live) < 2:
                break
            continue
        block = above[-k:]
        for minus in (False, True):
            agree = [c for c in columns if _near(sums[c], rows[x][c], total[c], minus)]
            disagree = len(columns) - len(agree)
            score = (len(agree), -disagree, k)
            if (len(agree) >= 2 or len(agree) == 1 and disagree == 1) and len(agree) >= disagree \
                    and score > best_score:
                signs = (1,) + ((-1,) if minus else (1,)) * (k - 1)
                if sum(_adds_up(rows, block, signs, r, c, reading) for c in columns) == len(agree):
                    best, best_score = (block, signs, columns), score
    return best


def _cell(m: Mention) -> tuple[float, float, float, tuple[str, int]]:
    return float(m.low), float(m.high), float(m.value), (m.kind, _places(m))


def _near(acc: list, top: Mention, total: tuple, minus: bool) -> bool:
    """Float screen: does the block (all added, or its top row less the others) meet the total's interval?"""
    lo, hi = acc[0], acc[1]
    if minus:  # top less the rest, the rest's bounds being the block's less the top's
        t_lo, t_hi = float(top.low), float(top.high)
        lo, hi = t_lo - (acc[1] - t_hi), t_hi - (acc[0] - t_lo)
    slack = 1e-9 * (abs(lo) + abs(hi) + abs(total[0]) + abs(total[1]) + 1)
    return lo <= total[1] + slack and total[0] <= hi + slack


def _places(m: Mention) -> int:
    digits = _DECIMALS.search(m.text)
    return len(digits.group(1)) if digits else 0


def _adds_up(rows, block: list[int], signs: tuple[int, ...], r: int, c: int, reading: Reading) -> bool:
    lo = hi = Fraction(0)
    for x, sign in zip(block, signs):
        a, b = reading.interval(rows[x][c])
        lo, hi = (lo + a, hi + b) if sign > 0 else (lo - b, hi - a)
    t_lo, t_hi = reading.interval(rows[r][c])
    return lo <= t_hi and t_lo <= hi


def _facts(rule, rows, r: int, block: list[int], signs: tuple[int, ...], columns: list[int]) -> list[Fact]:
    """One fact per column: a `sum` of the block, or a `difference` (the first row less the others)."""
    out = []
    minus = signs[-1] < 0
    for c in columns:
        total = rows[r][c]
        if minus:
            roles = {"total": total.id, "minuend": rows[block[0]][c].id,
                     **{f"less_{n}": rows[x][c].id for n, x in enumerate(block[1:], 1)}}
        else:
            roles = {"total": total.id, **{f"part_{n}": rows[x][c].id for n, x in enumerate(block, 1)}}
        kind = rule.options.get("difference_type", "difference") if minus else rule.type
        out.append(Fact(id=0, type=kind, rule=rule.id, roles=roles, sentence=total.sentence, strength="loose"))
    return out

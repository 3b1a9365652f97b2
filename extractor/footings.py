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

from .models import Fact, Mention
from .subjects import Reading

AMOUNTS = ("money", "shares", "number")
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
    most columns of `r` agree with: (block, signs) or None."""
    best, best_score = None, (0, 0, 0)
    for k in range(2, len(above) + 1):
        block = above[-k:]
        # a nil total ("—") or a block of nils adds up whatever the structure: such columns are no evidence
        # (and a row printed to other decimals, such as a per-share row among amounts, is another unit)
        columns = [c for c in rows[r] if float(rows[r][c].value) != 0
                   and all(c in rows[x] and rows[x][c].kind == rows[r][c].kind
                           and _places(rows[x][c]) == _places(rows[r][c]) for x in block)
                   and any(float(rows[x][c].value) != 0 for x in block)]
        if len(columns) < 2:
            continue
        for signs in ((1,) * k, (1,) + (-1,) * (k - 1)):
            agree = sum(1 for c in columns if _adds_up(rows, block, signs, r, c, reading))
            disagree = len(columns) - agree
            score = (agree, -disagree, k)
            if agree >= 2 or agree == 1 and disagree == 1 and len(columns) == 2:
                if agree >= disagree and score > best_score:
                    best, best_score = (block, signs, columns), score
    return best


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

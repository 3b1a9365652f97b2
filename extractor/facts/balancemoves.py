"""A cash flow statement's changes in operating assets and liabilities, read against the balance sheet.

"Changes in operating assets and liabilities: > Accounts receivable | (668,847)" is the move of the balance
sheet's "Accounts receivable" row between the day the cash flow's period closes on and the day it opened on
("As of December 31, 2024 | 1,391,879", "As of June 30, 2024 | 723,032", for the six months ended December 31,
2024). Which columns those are comes from the headers' periods, never from the figures. A rise of an asset uses
cash and one of a liability brings it, so the statement prints the move either way: the fact's `dir` is
`improvement`, its size checked. The move may also hold what no balance sheet column shows (a business bought,
a currency's swing), and the rows are matched by their labels across two tables: the binding is loose, so only a
known slip is flagged. A label printed by several balance rows of those days, disagreeing, binds nothing.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from ..models import Fact, Mention
from ..rules import compiled
from .changetable import folded
from .subjects import Reading, content_words
from .tablefacts import TableRule

_KINDS = ("money", "number")
# how many days a period's opening may fall from the balance sheet's day (a year of 52 or 53 weeks)
_DAYS = 10


def balance_moves(rule: TableRule, mentions: list[Mention], text: str = "", reading: Reading | None = None) -> list[Fact]:
    heading, ending = (compiled(rule.options[k]) for k in ("changes_heading", "block_end"))
    # (a statement printing its currency sign on its first row only leaves the other rows plain numbers)
    moves = [m for m in mentions if m.cell is not None and m.kind in _KINDS and m.cell.row_path
             and heading.search(m.cell.row_path) and _flow(m)]
    moves = _in_block(moves, mentions, ending)
    if not moves:
        return []
    flows = {m.cell.table for m in moves}
    # balance rows by their label's words: the cells of a day, not of a period
    balances: dict[frozenset[str], list[Mention]] = defaultdict(list)
    for m in mentions:
        if m.cell is not None and m.kind in _KINDS and m.cell.table not in flows and _day(m) is not None:
            balances[_words(m)].append(m)
    out = []
    for move in moves:
        pair = _pair(move, balances.get(_words(move), [])) if _words(move) else None
        if pair is not None:
            out.append(Fact(id=0, type=rule.type, rule=rule.id, sentence=move.sentence, strength="loose",
                            roles={"delta": move.id, "to": pair[0].id, "from": pair[1].id},
                            attributes={"dir": "improvement", "by": "table"}))
    return out


def _in_block(moves: list[Mention], mentions: list[Mention], ending) -> list[Mention]:
    """The moves above the row closing their heading's block ("Net cash provided by operating activities"): a
    layout may carry the heading on to the rows after it ("Cash breakdown > Cash and cash equivalents")."""
    first: dict[int, int] = {}
    for m in moves:
        first[m.cell.table] = min(first.get(m.cell.table, m.cell.row), m.cell.row)
    end = dict.fromkeys(first, 1 << 30)
    for m in mentions:
        t = m.cell.table if m.cell is not None else None
        if t in first and first[t] < m.cell.row < end[t] and ending.match(m.cell.row_label or ""):
            end[t] = m.cell.row
    return [m for m in moves if m.cell.row < end[m.cell.table]]


def _pair(move: Mention, cells: list[Mention]) -> tuple[Mention, Mention] | None:
    """The balance row's cells of the day the move's period closes on and of the day it opened on; none unless
    every row of that label printing both gives the same two figures."""
    try:
        end = date.fromisoformat(move.cell.period.end)
    except ValueError:
        return None
    opened = _months_before(end, move.cell.period.months)
    rows: dict[tuple[int, int], dict[str, Mention]] = defaultdict(dict)
    for c in cells:
        day = _day(c)
        which = "to" if day == end else "from" if abs((day - opened).days) <= _DAYS else None
        if which is not None and which not in rows[c.cell.table, c.cell.row]:
            rows[c.cell.table, c.cell.row][which] = c
    pairs = [(r["to"], r["from"]) for r in rows.values() if len(r) == 2]
    if not pairs or len({(p[0].value, p[1].value) for p in pairs}) != 1:
        return None
    return pairs[0]


def _flow(m: Mention) -> bool:
    """A cell of a period with an end day and a length: the cash flow's columns."""
    p = m.cell.period
    return p is not None and bool(p.end) and bool(p.months)


def _day(m: Mention) -> date | None:
    """The day a balance cell's column names ("As of December 31, 2024"), if it names a day and no period."""
    p = m.cell.period
    if p is None or not p.end or p.months:
        return None
    try:
        return date.fromisoformat(p.end)
    except ValueError:
        return None


def _months_before(end: date, months: int) -> date:
    """The day a period of `months` ending on `end` opened on, give or take its month's last days."""
    y, m = divmod(end.year * 12 + end.month - 1 - months, 12)
    return date(y, m + 1, min(end.day, 28))


def _words(m: Mention) -> frozenset[str]:
    return frozenset(folded(content_words(m.cell.row_label or "")))


MECHANISMS = {"balance-moves": balance_moves}

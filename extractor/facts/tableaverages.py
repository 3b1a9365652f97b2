"""Columns of averages a table prints beside what they average: "Homes Closed | Home Closings Revenue | Average
Selling Price" is, row by row, the revenue over the homes; "Units | Sales | Average price" the sales over the units.

The average is one column's amount over another column's count, the same two columns in every row. As with ratio
columns (`tableratiorows`), the pair is read from the figures alone, since a layout often loses the headers that
would name it: every row the column prints agrees with the pair, three rows at least (one may break it), each
quotient narrow enough to tell (a count of a digit or two fits most figures), and no other pair fits alike. Loose:
the pair is chosen among many, so a figure is flagged only where a known slip explains the mismatch. The fact is a
per-share one: the average is its total over its count, as a dividend per share is.
"""

from __future__ import annotations

from collections import Counter

from ..models import Fact, Mention
from .tablefacts import TableRule
from .tableratiorows import MIN_AGREE, _all_columns, _telling
from .tableratios import _Options, _ratio_fits, _Row, _tables_stating

_COUNTS = frozenset(("number", "shares"))


def table_average_columns(rule: TableRule, mentions: list[Mention], text: str = "", reading=None) -> list[Fact]:
    """Each money column that is, row by row, another money column over a column of counts."""
    opts = _Options.of(rule)
    facts: list[Fact] = []
    # (only a table with a column of three counts or more is read: most tables print none)
    held = Counter((m.cell.table, m.cell.column) for m in mentions if m.kind in _COUNTS and m.cell is not None)
    tables = {t for (t, _), n in held.items() if n >= MIN_AGREE}
    if not tables:
        return facts
    for table, rows, _ in _tables_stating("money", mentions, text, opts, reading):
        if table not in tables:
            continue
        columns = [_Row(c, "", {r.row: r.cells[c] for r in rows if c in r.cells}) for c in _all_columns(rows)]
        counts = [x for x in columns if sum(m.kind in _COUNTS for m in x.cells.values()) >= MIN_AGREE]
        amounts = [x for x in columns if sum(m.kind == "money" for m in x.cells.values()) >= MIN_AGREE]
        for col in amounts:
            stated = {r: m for r, m in col.cells.items() if m.kind == "money" and not opts.skipped(m)}
            pair = _pair(stated, [a for a in amounts if a is not col], counts)
            if pair is None:
                continue
            total, count = pair
            facts.extend(Fact(id=0, type=rule.type, rule=rule.id, sentence=m.sentence, strength="loose",
                              roles={"per_share": m.id, "total": total.cells[r].id, "shares": count.cells[r].id})
                         for r, m in stated.items() if r in total.cells and r in count.cells)
    return facts


def _pair(stated: dict[int, Mention], amounts: list[_Row], counts: list[_Row]) -> tuple[_Row, _Row] | None:
    """The (total, count) pair of columns the most stated rows agree with, all but one at most and three at
    least; None when none does, or two do alike (which pair it is would be a guess)."""
    best, best_score, tie = None, (0, 0), False
    for total in amounts:
        for count in counts:
            if count is total:
                continue
            agree = disagree = 0
            for r, s in stated.items():
                t, n = total.cells.get(r), count.cells.get(r)
                if t is None or n is None or t.kind != "money" or n.kind not in _COUNTS:
                    continue
                fits = _ratio_fits(s, t, n, False)
                agree += fits is True and _telling(s, t, n, 1.0)
                disagree += fits is False
                if disagree > 1:
                    break
            score = (agree, -disagree)
            if agree >= MIN_AGREE and disagree <= 1 and score >= best_score:
                tie = score == best_score
                best, best_score = (total, count), score
    return None if tie else best


MECHANISMS = {"table-average-columns": table_average_columns}

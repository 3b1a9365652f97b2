"""One row given in two tables (a summary and the statement): the same label, two or more shared period columns,
each shared column one figure said twice.

The binding is read from the label and the periods, never from the values, so a slip in one table's copy is
bound like any other; when all but one of the shared columns agree, the one that does not is a slip
(`by: table`), and when more disagree the two rows are not one row (another scale, another scope) and are
recorded as a choice no check flags.
"""

from __future__ import annotations

from collections import defaultdict

from ..models import Fact, Mention
from .restatechoice import agrees
from .restatelabels import rows_of
from .subjects import Reading, period_of


def table_bindings(rule, mentions: list[Mention], reading: Reading) -> list[Fact]:
    """One row in two tables: the same label, two or more shared period columns, each a figure said twice.
    When all but one of the shared columns agree, the one that does not is a slip (`by: table`); when more
    disagree, the rows are not one row after all (another scale, another scope) and no check flags them."""
    by_label: dict[tuple[str, ...], list] = defaultdict(list)
    for row in reading.derived(rows_of).values():
        if row.words:
            by_label[row.words].append(row)
    facts = []
    for same in by_label.values():
        tables = {r.table for r in same}
        if len(tables) != 2 or len(same) != 2:
            continue  # a label in many places (segments) or twice in one table is not one row
        first, second = sorted(same, key=lambda r: r.table)
        periods = {}
        for c in first.cells.values():
            key = period_of(c.cell.column_header or "")
            if key[0] and key not in periods:
                periods[key] = c
        pairs = []
        for c in second.cells.values():
            a = periods.pop(period_of(c.cell.column_header or ""), None)
            if a is not None and a.kind == c.kind and a.unit == c.unit:
                pairs.append((a, c))
        if len(pairs) < 2:
            continue
        agreeing = sum(1 for a, b in pairs if agrees(a, b, 1, reading))
        by = "table" if agreeing and agreeing >= len(pairs) - 1 else "choice"
        for a, b in pairs:
            facts.append(Fact(id=0, type=rule.type, rule=rule.id, roles={"a": a.id, "b": b.id}, sentence=b.sentence,
                              attributes={"by": by}, strength="loose"))
    return facts

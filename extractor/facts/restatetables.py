"""One row given in two tables (a summary and the statement): the same label, two or more shared period columns,
each shared column one figure said twice. A label in three to eight tables (a highlights table, the statement, the blocks of a
reconciliation) is one row in each two of them whose shared periods agree in two columns or more, all but one:
segments' tables print one label too, and their rows agree in no column. Rows whose shared periods agree only
with the signs opposite (an expense in brackets, a reconciliation adding it back) are one row of sizes
(`sign: opposite`), which the check compares unsigned.

The binding is read from the label and the periods, never from the values, so a slip in one table's copy is
bound like any other; when all but one of the shared columns agree, the one that does not is a slip
(`by: table`), and when more disagree the two rows are not one row (another scale, another scope) and are
recorded as a choice no check flags. A column's period is its header's words completed by the table reader's
reading of all its header rows; a period two columns of a row name (a quarter's and the year's columns headed by
their years alone) pairs the columns in their printed order, and such rows are one row only when every pair
agrees.
"""

from __future__ import annotations

from collections import defaultdict

from ..models import Fact, Mention
from .restatechoice import agrees
from .restatecolumns import column_period
from .restatelabels import rows_of
from .subjects import Reading


def table_bindings(rule, mentions: list[Mention], reading: Reading) -> list[Fact]:
    """One row in two to eight tables: the same label, two or more shared period columns, each a figure said twice.
    When all but one of the shared columns agree, the one that does not is a slip (`by: table`); when more
    disagree, the rows are not one row after all (another scale, another scope) and no check flags them."""
    by_label: dict[tuple[str, ...], list] = defaultdict(list)
    for row in reading.derived(rows_of).values():
        # "GAAP net income" in a reconciliation is the statement's "Net income" ("Non-GAAP" is one word, kept)
        if words := tuple(w for w in row.words if w not in _BASIS_WORDS):
            by_label[words].append(row)
    facts = []
    for same in by_label.values():
        tables = {r.table for r in same}
        if len(same) != len(tables) or len(tables) < 2 or len(tables) > _MOST_TABLES:
            continue  # twice in one table is not one row
        many = len(tables) > 2
        ordered_rows = sorted(same, key=lambda r: r.table)
        for i, one in enumerate(ordered_rows):
            for other in ordered_rows[i + 1:]:
                facts += _one_row(rule, _by_period(one), _by_period(other), many, reading)
    return facts


def _one_row(rule, first: dict, second: dict, many: bool, reading: Reading) -> list[Fact]:
    # a period two columns name (a year over a quarter's column and the year's) pairs in the order the
    # columns are printed, when both rows print it as often: a release prints its periods in one order
    pairs = [(a, c) for key, cells in second.items() if len(first.get(key, ())) == len(cells)
             for a, c in zip(first[key], cells) if a.kind == c.kind and a.unit == c.unit]
    if len(pairs) < 2:
        return []
    agreeing = sum(1 for a, b in pairs if agrees(a, b, 1, reading))
    # (columns paired by their order, not their periods alone, are one row only when every pair agrees)
    ordered = any(len(cells) > 1 for cells in second.values())
    attributes = {"by": "table" if agreeing and agreeing >= len(pairs) - (0 if ordered else 1) else "choice"}
    if not agreeing:
        # the statement prints an expense or a gain with one sign, a reconciliation or the cash flows adding it
        # back with the other: one row when every pair that agrees does so with the signs opposite
        opposite = sum(1 for a, b in pairs if _opposite(a, b, reading))
        if opposite and opposite >= len(pairs) - (0 if ordered else 1):
            agreeing, attributes = opposite, {"by": "table", "sign": "opposite"}
    if many and (attributes["by"] == "choice" or agreeing < 2):
        # a label in three tables or more may be a segment's row in each: two of them are one row only when
        # two shared periods or more agree, and rows that differ more are recorded as nothing
        return []
    return [Fact(id=0, type=rule.type, rule=rule.id, roles={"a": a.id, "b": b.id}, sentence=b.sentence,
                 attributes=dict(attributes), strength="loose") for a, b in pairs]


def _opposite(a: Mention, b: Mention, reading: Reading) -> bool:
    """Two cells of opposite signs whose sizes agree."""
    (alo, ahi), (blo, bhi) = reading.interval(a), reading.interval(b)
    if not (ahi < 0 < blo or bhi < 0 < alo):
        return False
    return min(abs(alo), abs(ahi)) < max(abs(blo), abs(bhi)) and min(abs(blo), abs(bhi)) < max(abs(alo), abs(ahi))


# Words that say a row is on the basis its statement reports, which every other table's row of that name is too.
_BASIS_WORDS = frozenset(("gaap",))

# The most tables one label is read across as one row (a highlights table, the statement, a reconciliation,
# a quarterly summary, the blocks of a reconciliation each adding one item back); more is a list of segments.
_MOST_TABLES = 8


def _by_period(row) -> dict[tuple, list[Mention]]:
    """A row's cells by the period their column names (its header's words, completed by the table reader's
    reading of every header row), in the columns' order."""
    cells: dict[tuple, list[Mention]] = defaultdict(list)
    for _, c in sorted(row.cells.items()):
        key = column_period(c)
        if key[0]:
            cells[key].append(c)
    return cells

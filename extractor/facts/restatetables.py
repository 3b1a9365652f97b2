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
agrees. A table whose headers name no period at all (a highlights table whose header the reader took for its
title) is read through another table's columns: each of its columns is the one two or more of their shared rows
agree with it in (`_aligned`), so a slip in one copy of a shared row is bound like any other.
"""

from __future__ import annotations

from collections import defaultdict

import regex

from ..rules import compiled
from ..models import Fact, Mention
from .restatechoice import agrees
from .restatecolumns import column_period
from .restatelabels import rows_of
from .restatenames import BRACKETED as _BRACKETED
from .subjects import Reading, content_words


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
    shared = []  # the labels one row each of two to eight tables prints
    headed = _headed(by_label, reading)
    for same in [*by_label.values(), *headed]:
        copies = _copies(same, reading)  # each table's row, with the copies its blocks print of it
        facts += [f for first, *later in copies.values() for copy in later
                  for f in _same_row(rule, first, copy)]
        same = [first for first, *_ in copies.values() if first is not None]
        tables = {r.table for r in same}
        if len(same) != len(copies) or len(tables) < 2 or len(tables) > _MOST_TABLES:
            continue  # twice in one table, not as copies, is not one row
        shared.append(same)
        many = len(tables) > 2
        ordered = sorted(copies)
        for i, one in enumerate(ordered):
            for other in ordered[i + 1:]:
                # (a row its own table prints in copies, each the same, is the figure the other table's row is
                # checked against: the odd one out is that row's, so its cell is the one a slip is told of)
                first, second = (other, one) if len(copies[other]) > 1 >= len(copies[one]) else (one, other)
                facts += [f for a in copies[first] for b in copies[second]
                          for f in _one_row(rule, _by_period(a), _by_period(b), many, reading)]
    pairs = {frozenset(((one.table, one.row), (row.table, row.row))) for one, row in headed}
    return facts + _aligned(rule, shared, reading, pairs) + _balanced(rule, reading) + _sole_items(rule, reading)


def _headed(by_label: dict[tuple[str, ...], list], reading: Reading) -> list[list]:
    """A row of one table whose label is a section's heading in another ("Net earnings per share" over "Basic" and
    "Diluted" in the statement): one row with the section's row its figures pick, the one of its few rows (a basis
    each, `_MOST_HEADED`) that agrees with it in more of its figures than any other, in all but one at most. The
    label picks the section and the figures only the basis, so a slip in one copy is bound like any other; a table
    printing the label as a row of its own is read by the label."""
    groups = []
    for (table, headings), rows in _sections(reading).items():
        heading = content_words(_BRACKETED.sub(" ", headings.split(" > ")[-1]))
        # (of the section's kind: "Net earnings per share" and "Net earnings" are one label, prices and amounts)
        kind = {_kind(r) for r in rows}
        labelled = [r for r in by_label.get(heading, ()) if {_kind(r)} == kind]
        tables = [r.table for r in labelled]
        if not heading or len(rows) > _MOST_HEADED or table in tables or len(set(tables)) != len(tables):
            continue
        for one in labelled:
            counts = sorted(((_agreeing(one, row, reading), row) for row in rows), key=lambda c: -c[0])
            best, row = counts[0]
            if best >= max(2, len(one.cells) - 1) and (len(counts) == 1 or counts[1][0] < best):
                groups.append([one, row])
    return groups


def _sections(reading: Reading) -> dict[tuple[int, str], list]:
    """The rows under section headings, by table and the headings over them ("Net income per share:", or
    "Operating expenses: > Research and development:"), in the order printed."""
    sections: dict[tuple[int, str], list] = defaultdict(list)
    for row in reading.derived(rows_of).values():
        path = next(iter(row.cells.values())).cell.row_path or ""
        if " > " in path:
            sections[(row.table, path.rsplit(" > ", 1)[0])].append(row)
    return sections


def _kind(row) -> tuple:
    """The kind and unit most of a row's figures are."""
    kinds = [(m.kind, m.unit) for m in row.cells.values()]
    return max(kinds, key=kinds.count)


def _agreeing(one, other, reading: Reading) -> int:
    """How many of one row's figures agree with a figure of the other of its kind and unit, each of the other's
    figures taken once (a basis row printing 0.52 once does not agree twice with a row printing it twice)."""
    left = list(other.cells.values())
    count = 0
    for a in one.cells.values():
        b = next((b for b in left if a.kind == b.kind and a.unit == b.unit and agrees(a, b, 1, reading)), None)
        if b is not None:
            left.remove(b)
            count += 1
    return count


def _copies(same: list, reading: Reading) -> dict[int, list]:
    """The rows of one label by table, each table's first row followed by its copies: a reconciliation whose blocks
    each start from the same figure ("Net income" over the adjusted net income, the EBITDA and the adjusted
    EBITDA) prints that row once a block, the same figures in every column (`_copied`). A table printing the label
    twice otherwise (a segment's row and the total's) maps to `[None]`: no row of it is the label's one row."""
    by_table: dict[int, list] = defaultdict(list)
    for row in sorted(same, key=lambda r: (r.table, r.row)):
        by_table[row.table].append(row)
    out: dict[int, list] = {}
    for table, rows in by_table.items():
        first = rows[0]
        out[table] = rows if all(_copied(first, row, reading) for row in rows[1:]) else [None]
    return out


def _column_pairs(one, other) -> list[tuple[Mention, Mention]]:
    """The two rows' cells column by column, where both print one of a kind and unit."""
    return [(a, b) for column, a in sorted(one.cells.items()) if (b := other.cells.get(column)) is not None
            and a.kind == b.kind and a.unit == b.unit]


def _copied(first, row, reading: Reading) -> bool:
    """Whether a later row of a table prints the first one's figures again, in two columns or more and every one
    of them: basic and diluted rows of one label ("Continuing operations" under each) agree in most columns and
    may rightly differ in one, so a copy that differs is read as another row, and its slip is left to the
    bindings across tables."""
    pairs = _column_pairs(first, row)
    return len(pairs) >= 2 and all(agrees(a, b, 1, reading) for a, b in pairs)


def _same_row(rule, first, copy) -> list[Fact]:
    """A copy of a row in its own table: one figure in each column (`by: table`, `rows: copies`)."""
    return [Fact(id=0, type=rule.type, rule=rule.id, roles={"a": a.id, "b": b.id}, sentence=b.sentence,
                 attributes={"by": "table", "rows": "copies"}, strength="loose") for a, b in _column_pairs(first, copy)]


def _sole_items(rule, reading: Reading) -> list[Fact]:
    """A section of a statement holding one item and its total ("Cash flows from investing activities:" over
    "Purchase of equipment" and "Net cash used in investing activities"): the total is that item said again, in
    each column. The total is the section's last row, whose label names two words or more of the heading's and
    the item's none; the binding is read from the rows, never from the values (`by: table`, `section: sole`), and
    where two columns or more differ the rows are no item and its total (a row the reader lost) and are recorded
    as a choice no check flags."""
    facts = []
    for (_, heading), rows in _sections(reading).items():
        if len(rows) != 2:
            continue
        item, total = sorted(rows, key=lambda r: r.row)
        named = set(content_words(heading.rsplit(" > ", 1)[-1]))
        if total.row != item.row + 1 or len(named.intersection(total.words)) < 2 or named.intersection(item.words):
            continue  # (a row of dashes between the two is a third item of the section)
        # a section's total may net what its table leaves out (an asset sold, a deposit a note gives): an item
        # and its total are one figure only where two columns or more say so
        facts += _same_figures(rule, item, total, reading, 2, {"section": "sole"})
    return facts


def _same_figures(rule, one, other, reading: Reading, agreeing: int, kind: dict, skip=None) -> list[Fact]:
    """Two rows read as one figure in each column they share (but those whose header `skip` matches): a slip
    (`by: table`) where one column at most differs and `agreeing` columns or more agree, else a choice no check
    flags."""
    pairs = [(a, b) for column, a in one.cells.items() if (b := other.cells.get(column)) is not None
             and a.kind == b.kind == "money"
             and not (skip and skip.search(a.cell.column_path or a.cell.column_header or ""))]
    differing = sum(1 for a, b in pairs if not agrees(a, b, 1, reading))
    by = "table" if differing <= 1 and len(pairs) - differing >= agreeing else "choice"
    return [Fact(id=0, type=rule.type, rule=rule.id, roles={"a": a.id, "b": b.id}, sentence=b.sentence,
                 attributes={"by": by, **kind}, strength="loose") for a, b in pairs]


def _balanced(rule, reading: Reading) -> list[Fact]:
    """A balance sheet's two sides: in one table, its one "Total assets" row and its one "Total liabilities and
    equity" row (stockholders' equity, deficit, partners' capital...) are one figure in each column, read from the
    two labels, never from the values, so a slip in either total is bound like any other (`by: table`,
    `balance: sides`); where two columns or more differ, the rows are no balance sheet's sides (another layout)
    and are recorded as a choice no check flags."""
    words = rule.options.get("balance_rows") or {}
    assets, sources = str(words.get("assets", "")).split(), str(words.get("sources", "")).split()
    ends = set(str(words.get("source_ends", "")).split())
    sides: dict[int, list[list]] = defaultdict(lambda: [[], []])
    for row in reading.derived(rows_of).values():
        label = _LABEL_WORD.findall(_BRACKETED.sub(" ", next(iter(row.cells.values())).cell.row_label or "").lower())
        if label == assets:
            sides[row.table][0].append(row)
        elif label[:len(sources)] == sources and len(label) > len(sources) + 1 and label[-1] in ends:
            sides[row.table][1].append(row)
    facts = []
    for left, right in sides.values():
        if len(left) != 1 or len(right) != 1:
            continue  # a segment's assets, or two balance sheets in one grid: no one pair of sides
        # (the two sides are equal by definition, so one agreeing column is enough; a lone column, which no other
        # column vouches for, may be two rows the reader took for the sides: a choice)
        # (a column of flows beside the balances, an average balance sheet's interest, balances nothing)
        facts += _same_figures(rule, left[0], right[0], reading, 1, {"balance": "sides"},
                               compiled(words["flow_header"]) if words.get("flow_header") else None)
    return facts


def _aligned(rule, shared: list[list], reading: Reading, headed_pairs: set | frozenset = frozenset()) -> list[Fact]:
    """The rows a table whose headers name no period shares with another table, read through the columns the two
    tables' other rows agree in: a highlights table headed "F2025-Q3 F2024-Q3", which the reader takes for its
    title, prints the statement's quarter columns, as its rows agreeing with the statement's in those columns
    say. A column maps to the one other column that two shared rows or more agree with it in, and no other column
    of its own maps there; each shared row is then one row in the columns mapped, a slip where all but one agree
    (`by: table`, `columns: rows`). A label in three tables or more needs two agreeing columns, as above."""
    headerless = {r.table for same in shared for r in same if not _by_period(r)}
    if not headerless:
        return []
    pairs: dict[tuple[int, int], list] = defaultdict(list)  # (headerless table, other table): their shared rows
    for same in shared:
        for one in (r for r in same if r.table in headerless):
            for other in same:
                if other is not one and (other.table not in headerless or other.table > one.table):
                    pairs[(one.table, other.table)].append((one, other, len(same) > 2))
    facts = []
    for rows in pairs.values():
        columns = _column_map(rows, reading)
        if len(columns) < 2:
            continue
        for one, other, many in rows:
            cells = [(one.cells[a], other.cells[b]) for a, b in columns.items() if a in one.cells and b in other.cells]
            cells = [(a, b) for a, b in cells if a.kind == b.kind and a.unit == b.unit]
            differing = [(a, b) for a, b in cells if not agrees(a, b, 1, reading)]
            if len(cells) < 2 or len(cells) - len(differing) < max(len(cells) - 1, 2 if many else 1):
                continue
            # (the earlier table's cell is a, as for any one row in two tables; the cells that agree are left to
            # the bindings of equal figures, which take them as tightly as they did before any column was mapped)
            # (a row bound to a section's row by its heading is no equal figures' binding: every column is bound)
            told = cells if frozenset(((one.table, one.row), (other.table, other.row))) in headed_pairs else differing
            ordered = told if one.table < other.table else [(b, a) for a, b in told]
            facts += [Fact(id=0, type=rule.type, rule=rule.id, roles={"a": a.id, "b": b.id}, sentence=b.sentence,
                           attributes={"by": "table", "columns": "rows"}, strength="loose") for a, b in ordered
                      if not _extended(a, b, reading) and not _extended(b, a, reading)]
    return facts


def _extended(a: Mention, b: Mention, reading: Reading) -> bool:
    """Whether a row of b's table whose label extends the label of b's row ("Net income attributable to the
    company" under "Net income") gives a's figure in b's column: a highlights table's "Net income" is that one."""
    rows = reading.derived(rows_of)
    words = rows[(b.cell.table, b.cell.row)].words
    return any(row.table == b.cell.table and len(row.words) > len(words) and row.words[:len(words)] == words
               and (c := row.cells.get(b.cell.column)) is not None and c.kind == a.kind and agrees(a, c, 1, reading)
               for row in rows.values())


def _column_map(rows: list, reading: Reading) -> dict[int, int]:
    """Each column of the first table mapped to the column of the second that two or more of their shared rows
    agree with it in, more than with any other, and one at most differs in; no two columns mapped to one."""
    votes: dict[tuple[int, int], int] = defaultdict(int)
    for one, other, _ in rows:
        for a, x in one.cells.items():
            for b, y in other.cells.items():
                if x.kind == y.kind and x.unit == y.unit and agrees(x, y, 1, reading):
                    votes[(a, b)] += 1
    best: dict[int, tuple[int, int]] = {}
    for (a, b), n in votes.items():
        if n >= 2:
            tied = a in best and best[a][1] == n
            if a not in best or n > best[a][1] or tied:
                best[a] = (-1 if tied else b, n)
    columns = {a: b for a, (b, _) in best.items() if b >= 0}
    taken = defaultdict(int)
    for b in columns.values():
        taken[b] += 1
    columns = {a: b for a, b in columns.items() if taken[b] == 1}
    # a pro forma or a segment's column agrees with the statement's in the rows its basis leaves alone (interest,
    # shares) and differs in the rest: a column is the other's only where one shared row at most, of those that
    # agree in some column mapped (a row differing everywhere is another row), differs in it
    same = [(one, other) for one, other, _ in rows if any(
        _pair_agrees(one, other, a, b, reading) for a, b in columns.items())]
    return {a: b for a, b in columns.items() if sum(
        1 for one, other in same if _pair_agrees(one, other, a, b, reading) is False) <= 1}


def _pair_agrees(one, other, a: int, b: int, reading: Reading) -> bool | None:
    """Whether two rows agree in columns a and b; None where either prints no cell there or the two are of
    different kinds."""
    x, y = one.cells.get(a), other.cells.get(b)
    if x is None or y is None or x.kind != y.kind or x.unit != y.unit:
        return None
    return agrees(x, y, 1, reading)


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
                 attributes=dict(attributes), strength="loose") for a, b in pairs
            if agrees(a, b, 1, reading) or not (_extended(a, b, reading) or _extended(b, a, reading))]


def _opposite(a: Mention, b: Mention, reading: Reading) -> bool:
    """Two cells of opposite signs whose sizes agree."""
    (alo, ahi), (blo, bhi) = reading.interval(a), reading.interval(b)
    if not (ahi < 0 < blo or bhi < 0 < alo):
        return False
    return min(abs(alo), abs(ahi)) < max(abs(blo), abs(bhi)) and min(abs(blo), abs(bhi)) < max(abs(alo), abs(ahi))


# a row label's words, read for a balance sheet's two sides (its footnote marks and brackets left out)
_LABEL_WORD = regex.compile(r"[a-z]+")

# Words that say a row is on the basis its statement reports, which every other table's row of that name is too.
_BASIS_WORDS = frozenset(("gaap",))

# The most rows a section may print for a row of another table named by its heading to be one of them: a basis
# each (basic and diluted, continuing and total); more are a list of segments.
_MOST_HEADED = 3

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

"""Change columns read block by block: the sections of a fixed-width block, and the rows of each layout.

A ruled (pipe) table is one table. A fixed-width block often holds several tables one after another, each with
its own columns, so its rows are read (`tablechange`) in the runs that no blank line or heading ending in ":"
separates, and each row has a layout, the column its first figure landed in: the reader places a row's cells
counting from its right end, so a row with a blank cell has the ones left of it shifted, and only rows of one
layout surely share their columns. Where a run is too ragged to read, each layout of two rows or more is read as
a table of its own.

A row no reading of its own run bound (a run of a row or two between "Adjustments:" headings, a row whose
footnote mark took a column) takes the pair of columns that two rows or more printing the same columns were
bound to elsewhere in the block; runs too short to tell their columns, in a block of such runs, are read
together, rows of the same columns as one table. Rows of separate runs may still be separate tables, so these
bindings are loose, and a row that does not fit its reading is left unread. A row printing fewer columns than
the voting rows, the change column and its pair among them, under a header naming a change (a margin whose
"% Change" cell is blank, in a table printed one cell a line), is the column's by its header: it takes the pair
whatever its figures give, loosely, so a slip in it is left to the check.
"""

from __future__ import annotations

from collections import Counter

import regex

from ..models import Fact, Mention
from ..rules import compiled
from .tablechange import _MINUS, _STATED, _agreement, _Cell, _changes, _readings
from .tablefacts import TableRule, _grid, _joins, _run_starts

SHORT = 2  # rows of a run too few to tell its change columns alone
_FOOTNOTE = regex.compile(r"\(\d{1,2}\)?|\d{1,2}\)")


def table_changes(rule: TableRule, mentions: list[Mention], text: str = "", reading=None) -> list[Fact]:
    declared = compiled(rule.options["change_header"])
    flips = compiled(rule.options["flip_header"])
    facts: list[Fact] = []
    for grid in _grid(mentions, reading).values():
        sections = _sections(grid, text)
        table: list[Fact] = []
        for rows, layouts in sections:
            found = _changes(rule, rows, layouts, declared, flips)
            # Rows of one layout share their columns whatever blanks the others have: where the section as a
            # whole is too ragged to read, each layout of two rows or more is read as a table of its own.
            bound = {f.roles[role] for f in found for role in _STATED if role in f.roles}
            groups: dict[int, dict[int, dict[int, Mention]]] = {}
            for r, layout in layouts.items():
                groups.setdefault(layout, {})[r] = rows[r]
            for group in groups.values() if len(groups) > 1 else ():
                if len(group) > 1:
                    found += [f for f in _changes(rule, group, {r: layouts[r] for r in group}, declared, flips)
                              if not any(f.roles.get(role) in bound for role in _STATED)]
            table.extend(found)
        if len(sections) > 1:
            table.extend(_pooled(rule, sections, table, declared, flips))
        facts.extend(table)
    return facts


def _pooled(rule: TableRule, sections, found: list[Fact], declared, flips) -> list[Fact]:
    """Rows no reading of their own run bound: read with the pairs rows of the same columns were bound to in the
    block's other runs, then the short runs' rows read together."""
    bound = {f.roles[role] for f in found for role in _STATED if role in f.roles}
    out = _voted(rule, sections, found, bound, declared)  # (which adds what it binds to `bound`)
    used = {i for f in (*found, *out) for i in f.roles.values()}
    pools: dict[frozenset[int], dict[int, dict[int, Mention]]] = {}
    homes: Counter = Counter()
    for rows, _ in sections:
        if len(rows) <= SHORT:
            # (a row whose every figure the other runs' pairs already read is no longer in doubt)
            unread = {r: cells for r, cells in rows.items() if not all(m.id in used for m in cells.values())}
            for r, cells in unread.items():
                pools.setdefault(frozenset(cells), {})[r] = cells
            homes.update({frozenset(cells) for cells in unread.values()})
    for columns, rows in pools.items():
        if homes[columns] < 2 or len(columns) < 3:
            continue
        cells = {m.id: m for row in rows.values() for m in row.values()}
        for f in _changes(rule, rows, {}, declared, flips):
            name = next(role for role in _STATED if role in f.roles)
            if f.roles[name] not in bound and _agreement(name, *(_Cell.of(cells[f.roles[r]]) for r in (name, "to", "from")))[0]:
                f.strength = "loose"
                out.append(f)
    return out


def _voted(rule: TableRule, sections, found: list[Fact], bound: set[int], declared=None) -> list[Fact]:
    """Each unbound row read with the pairs of columns two rows or more printing its columns were bound to; or,
    in a column whose header names a change, printing those columns and fewer others (a margin row whose
    "% Change" cell is blank: "Return on assets | 0.47% | 0.49% | (0.02) |")."""
    where = {m.id: (r, c) for rows, _ in sections for r, cells in rows.items() for c, m in cells.items()}
    row_cells = {r: cells for rows, _ in sections for r, cells in rows.items()}
    votes: dict[frozenset[int], Counter] = {}
    names: dict[tuple[int, int, int], Counter] = {}  # how the voting rows read each pair
    for f in found:
        name = next(role for role in _STATED if role in f.roles)
        (r, c), (_, new), (_, old) = (where[f.roles[k]] for k in (name, "to", "from"))
        # (a pair of columns is voted for by its rows whatever each reads: a percent change, or points of a margin)
        votes.setdefault(frozenset(row_cells[r]), Counter())[(c, new, old)] += 1
        names.setdefault((c, new, old), Counter())[name] += 1
    out = []
    candidates = []
    for r, cells in row_cells.items():
        exact = Counter({pair: n for pair, n in (votes.get(frozenset(cells)) or {}).items() if n >= 2})
        pairs = [pair for pair, n in (exact or _fewer(cells, votes, declared)).most_common() if n >= 2]
        candidates.append((cells, exact, pairs))
    # each pair the row fits first; then, in a column its header names a change, the most voted pair whatever
    # the row's figures give: the header binds it, not its figures (a row printing every column the voting
    # rows print sits in them surely: tight; one printing fewer, loosely). Only where the rows fitting the pair
    # are twice those fitting none: a second change column on another basis ("% Change in Constant Currency",
    # "Organic") agrees with the reported one in the rows the basis leaves alone, and no more
    misfits: Counter = Counter()
    for headed in (False, True):
        for cells, exact, pairs in candidates:
            for c, new, old in pairs:
                if cells[c].id in bound or headed and (not _headed(cells[c], declared) or _again(names, c, new, old)
                                                       or sum(names[c, new, old].values()) < 2 * misfits[c, new, old]):
                    continue
                stated, to, before = _Cell.of(cells[c]), _Cell.of(cells[new]), _Cell.of(cells[old])
                name, fit = _reading(stated, to, before, names[c, new, old], headed)
                # a block may hold several tables whose rows print the same columns: a pair the row does not fit
                # is another table's, and leaves the cell to the next pair its columns were bound to
                if name is None or name == "pct" and before.value == 0:
                    continue
                bound.add(cells[c].id)
                direction = "improvement" if name == "pct" and before.value < 0 or not fit \
                    else "decrease" if fit == _MINUS else "increase"
                out.append(Fact(id=0, type=rule.type, rule=rule.id, sentence=cells[c].sentence,
                                strength="tight" if exact and _headed(cells[c], declared) else "loose",
                                roles={name: cells[c].id, "to": cells[new].id, "from": cells[old].id},
                                attributes={"dir": direction}))
        if not headed:
            misfits = Counter(pair for cells, _, pairs in candidates for pair in pairs if cells[pair[0]].id not in bound)
    return out


def _again(names: dict[tuple[int, int, int], Counter], c: int, new: int, old: int) -> bool:
    """Whether a change column to the left of c compares the same two columns the same way: c is then that change
    on another basis ("% Change in Constant Currency" beside "% Change"; not "% Change" beside "$ Change")."""
    usual = names[c, new, old].most_common(1)[0][0]
    return any(k < c and (n, o) == (new, old) and read.most_common(1)[0][0] == usual
               for (k, n, o), read in names.items())


def _reading(stated: _Cell, to: _Cell, before: _Cell, usual: Counter, headed: bool) -> tuple[str | None, int]:
    """The reading the voting rows took most, then the row's others, that the row fits, and how; in a column its
    header names a change (`headed`), the usual reading even where the row fits none (a slip the check judges:
    the column, not the figures, binds it). A column of differences gives a row of percentages its difference
    in points, not a percent change."""
    readings = sorted(_readings(stated, to, before),
                      key=lambda name: -usual[name] - (usual["delta"] if name == "points" else 0))
    for name in readings:
        fit = _agreement(name, stated, to, before)[0]
        if fit:
            return name, fit
    first = readings[0] if headed and readings else None
    if first == "points" and not stated.points and "%" not in stated.m.text and _agreement("points", _in_bp(stated), to, before)[0]:
        return None, 0  # basis points printed without their unit ("2.95% | 2.70% | 25"): no check reads them so
    return (first, 0) if first and usual[first] + (usual["delta"] if first == "points" else 0) else (None, 0)


def _in_bp(stated: _Cell) -> _Cell:
    return _Cell(stated.m, stated.lo / 100, stated.hi / 100, stated.value / 100, False, None, None, 1.0)


def _headed(cell: Mention, declared) -> bool:
    return declared is not None and bool(declared.search(cell.cell.column_header or ""))


def _fewer(cells: dict[int, Mention], votes: dict[frozenset[int], Counter], declared) -> Counter:
    """The pairs voted for by rows printing more columns than this row, each of whose three columns it prints,
    where the change column's header names a change: a blank cell the row leaves out of a stacked or ruled
    table's columns, none of which moves the others."""
    out: Counter = Counter()
    if declared is None:
        return out
    columns = frozenset(cells)
    for key, pairs in votes.items():
        if columns < key:
            for (c, new, old), n in pairs.items():
                if {c, new, old} <= columns and declared.search(cells[c].cell.column_header or ""):
                    out[c, new, old] = max(out[c, new, old], n)
    return out


def _line_of(text: str, m: Mention) -> str:
    end = text.find("\n", m.start)
    return text[text.rfind("\n", 0, m.start) + 1: end if end >= 0 else len(text)]


def _sections(rows: dict[int, dict[int, Mention]], text: str):
    """A ruled (pipe) table as one table with no layouts. A fixed-width block often holds several tables one
    after another, each with its own columns, so its rows are read in the runs that no blank line or heading
    ending in ":" separates; and each row has a layout, the column its first figure landed in: the reader
    places a row's cells counting from its right end, so a row with a blank cell has the ones left of it
    shifted, and only rows of one layout surely share their columns (`_layouts`)."""
    order = sorted(rows)
    if not text or "|" in _line_of(text, next(iter(rows[order[0]].values()))):
        return [(rows, {})]
    starts = _run_starts(order, _joins(text, rows, order, "labels"))
    sections: dict[int, dict[int, dict[int, Mention]]] = {}
    for i, r in enumerate(order):
        sections.setdefault(starts[i], {})[r] = rows[r]
    return [(section, _layouts(section)) for section in sections.values()]


def _layouts(rows: dict[int, dict[int, Mention]]) -> dict[int, int]:
    """Each row's layout: the column of its first figure, past a footnote mark ahead of where most rows start
    ("(2) 93,078 160,792"): the mark takes a column of its own without moving the others."""
    usual = Counter(_past_marks(cols) for cols in rows.values()).most_common(1)[0][0]
    out = {}
    for r, cols in rows.items():
        first = min(cols)
        out[r] = _past_marks(cols) if first < usual else first
    return out


def _past_marks(cols: dict[int, Mention]) -> int:
    """The column of a row's first figure past the footnote marks ahead of it ("(1", "2)", "(1)"): a mark split
    over two columns is as common as one whole, and rows marked so would otherwise all seem another layout than
    the unmarked rows of their table. At least two figures are left: a mark is never a row's only pair."""
    order = sorted(cols)
    i = 0
    while len(order) - i > 2 and _FOOTNOTE.fullmatch(cols[order[i]].text):
        i += 1
    return order[i]


MECHANISMS = {"table-change": table_changes}

"""Per-share rows of a table: each the total its label names over the share count of its basis, column by column.

"Net income per share - diluted" is the net income row over the diluted weighted shares row; "FFO per unit" the
FFO row over the units; a table of per-share figures alone (highlights, a reconciliation) divides by another
table's counts (`tablecross`). Which rows those are is the reading most columns agree with (`tableratios`), and
so is the unit the counts are printed in: a note naming dollars alone ("Dollars in thousands") leaves the counts
whole, though tables print them in thousands like the amounts more often than not. A per-share bridge (the
adjustments of a reconciliation printed again per share, under a row its label names per share) divides each
adjustment's amount row of the same name by the count of the basis its named rows give, loosely (`_bridge`).
A dividend or distribution per share is declared per share and paid on the shares of each record date, which a
weighted or period-end count only approximates: bound loosely too, so only a known slip is flagged.
"""

from __future__ import annotations

from dataclasses import replace

from ..models import Fact, Mention
from .tablecross import named
from .tablefacts import TableRule, printed_unit
from .tableratios import _AMOUNT, MAX_CANDIDATES, _bind, _named, _Options, _reading, _Row, _tables_stating


def table_per_share(rule: TableRule, mentions: list[Mention], text: str = "", reading=None) -> list[Fact]:
    """A per-share row (the cells the quantity stage typed as prices under a per-share label) over the total
    its label names and the share count of its basis, column by column."""
    opts = _Options.of(rule)
    facts: list[Fact] = []
    for table, rows, elsewhere in _tables_stating("price", mentions, text, opts, reading):
        shares = [r for r in rows if _is_share_count(r, opts)]
        counts = {id(r) for r in shares}
        # a table of per-share figures alone (highlights, a reconciliation) divides by the statement's counts
        shares = shares or elsewhere.rows(table, lambda r: _is_share_count(r, opts))
        if not shares:
            continue
        readings: list[tuple[dict, dict]] = []
        bridged: list[tuple[dict, dict]] = []
        for i, row in enumerate(rows):
            stated = {c: m for c, m in row.cells.items() if m.kind == "price" and not opts.skipped(m)}
            if not stated or id(row) in counts:
                continue
            # a row its section names per share ("Per share data: > Net income (Basic)", "... Per Share - Basic:
            # > From net income") says what it divides in its own label
            if opts.stated.search(row.label) or any(opts.stated.search(m.cell.row_path or "") for m in stated.values()):
                # a dividend declared per share is paid on the shares of record, not the weighted count: loose
                basis, out = row, bridged if opts.declared.search(row.label) else readings
                totals = _named(rows, i, opts.words(row.label), opts,
                                lambda r: r is not row and r.kinds & _AMOUNT and id(r) not in counts) \
                    or named(elsewhere.rows(table, lambda r: r.kinds & _AMOUNT and not _is_share_count(r, opts)),
                             opts.words(row.label), opts.words, MAX_CANDIDATES)
            else:
                basis, totals, out = *_bridge(rows, i, opts, counts), bridged
                if basis is None:
                    continue
            pairs = [(t, s) for s in _same_basis(basis, shares, opts) for t in totals]
            pairs += [(t, u) for t, s in pairs if (u := _in_units(t, s)) is not None]
            want = opts.basis(basis.label)
            chosen = _reading(stated, frozenset(row.cells), pairs, percent=False,
                              labelled=lambda pair: bool(want) and opts.basis(pair[1].label) == want)
            # a column of a basic figure read over the diluted count (or the reverse) that does not fit it says
            # nothing of the figure: no fact (two-class earnings fall short of either count's quotient)
            out.append((stated, {c: v for c, v in chosen.items() if v[1] is not False or not want
                                 or not opts.basis(v[0][1].label) or want & opts.basis(v[0][1].label)}))
        facts.extend(_bind(rule, ("per_share", "total", "shares"), readings))
        # a bridge's rows are matched by their names alone, and its adjustments may be taken net of tax or over
        # another count (a dividend's, the shares of record): loose, so only a known slip is flagged (of two
        # digits too where the row's other columns confirm its rows: `named`, set by the reading)
        facts.extend(f.model_copy(update={"strength": "loose"}) for f in _bind(rule, ("per_share", "total", "shares"), bridged))
    return facts


def _bridge(rows: list[_Row], at: int, opts: _Options, counts: set[int]) -> tuple[_Row | None, list[_Row]]:
    """A row of a per-share bridge: a run of rows of per-share figures alone that opens or closes with a row its
    label names per share ("Earnings per share", the adjustments, "Adjusted EPS"), printed under the same
    adjustments in amounts ("Stock-based compensation 8,846" above, "Stock-based compensation 0.18" below). Its
    total is the amount row of the very same name, its basis that of the run's named rows. (None, []) if not."""
    row, words = rows[at], opts.words(rows[at].label)
    if not words or not _prices(row):
        return None, []
    opener = None
    for step in (-1, 1):
        j = at + step
        while 0 <= j < len(rows) and _prices(rows[j]) and id(rows[j]) not in counts:
            if opts.stated.search(rows[j].label):
                opener = opener or rows[j]
                break
            j += step
    if opener is None:
        return None, []
    return opener, [r for r in rows if r is not row and r.kinds & _AMOUNT and id(r) not in counts
                   and opts.words(r.label) == words][:MAX_CANDIDATES]


def _prices(row: _Row) -> bool:
    """A row of per-share figures: prices in most of its cells, the others money at most (an outlook's range
    printed "$0.0" is read as money)."""
    kinds = [m.kind for m in row.cells.values()]
    return set(kinds) <= {"price", "money"} and 2 * kinds.count("price") > len(kinds)


def _in_units(total: _Row, shares: _Row) -> _Row | None:
    """The count row read in the unit of the total's amounts, which the unit note scaled while it left the counts
    whole ("Dollars in thousands" over counts in thousands too): a reading the columns confirm or not."""
    if any(m.scale is not None for m in shares.cells.values() if m.kind in ("shares", "number")):
        return None
    units = {round(printed_unit(m)) for m in total.cells.values() if m.kind == "money"}
    unit = units.pop() if len(units) == 1 else 1
    return replace(shares, unit=unit) if unit > 1 else None


def _is_share_count(row: _Row, opts: _Options) -> bool:
    kinds = row.kinds
    # a count labelled by its basis alone ("Weighted average ADS outstanding") may have been read as an amount; a
    # row of prices whose own label names them per share ("Diluted income per share", filed under the heading
    # "Weighted average number of shares" a layout printed above it) is the per-share row, not a count
    return "shares" in kinds or bool(kinds & {"number", "price", "money"} and opts.shares and opts.shares.search(row.label)
                                     and not (kinds == {"price"} and all(opts.stated.search(m.cell.row_label or "")
                                                                         for m in row.cells.values())))


def _same_basis(row: _Row, shares: list[_Row], opts: _Options) -> list[_Row]:
    """The share rows of the per-share row's basis first: basic with basic, diluted with diluted, a row that
    names both or neither with any; the weighted count before others (equal counts, period end and weighted,
    read alike), the nearest first (a later table's count of units fits alike). The other basis comes last:
    a loss year's diluted figure is on the basic count."""
    want = opts.basis(row.label)

    def rank(s: _Row):
        basis = opts.basis(s.label)
        fits = not want or not basis or want <= basis or basis <= want
        return (not fits, bool(want) and basis != want, not (opts.preferred and opts.preferred.search(s.label)),
                abs(s.row - row.row))
    return sorted(shares, key=rank)[:MAX_CANDIDATES]


MECHANISMS = {"table-per-share": table_per_share}

"""A balance sheet's identity where the table prints no combined row: its one "Total assets" row is its one "Total
liabilities" row plus the equity total after it (and any redeemable or temporary equity printed between them).

Selected balance-sheet data often prints "Total assets", "Total liabilities" and "Total shareholders' equity" with
no "Total liabilities and equity" row (a table with one is read by its two sides, restatetables.py): the identity
still holds. The rows are read from their labels, never from the values, one fact per column (`sum`, the assets
the total, the liabilities, the mezzanine rows and the equity its parts), so a slip in any of them is bound like
any other. The equity total is the last row after "Total liabilities" whose label names one (rule data:
"Total stockholders' equity", "Shareholders' deficit", "Total partners' capital"; never "working capital"): a
non-controlling interest printed above "Shareholders' equity" is inside it. A table printing no equity total after
its liabilities (equity first, as some statements do) takes the last one between the two totals.

The evidence is graded by the other columns, as the sides are: where one other column or more holds the identity
(a total of three digits or more) and one column at most fails it, the rows are the balance sheet's and the
failing column is a slip (tight); where two or more fail the binding is loose, flagged only where a known slip
explains the mismatch; where no column holds it (a non-controlling interest outside the equity total, a row the
table leaves out, a lone column that fails) the rows are another layout and nothing is bound. Each printed figure stands for an interval: 7,880 + 10,342 makes 18,223 within rounding.
"""

from __future__ import annotations

from collections import defaultdict
from fractions import Fraction

import regex

from ..models import Fact
from ..rules import compiled
from .footarith import significant_digits
from .restatelabels import rows_of
from .restatenames import BRACKETED
from .subjects import Reading


def balance_sums(rule, mentions, text: str = "", reading: Reading | None = None, found=None) -> list[Fact]:
    reading = reading or Reading(mentions, text)
    rows_by_id = reading.derived(rows_of)
    # (most releases print no "Total assets" row: the tables that do are asked for first, as it is the cheapest)
    wanted = {row.table for row in rows_by_id.values()
              if "total assets" in (next(iter(row.cells.values())).cell.row_label or "").lower()}
    if not wanted:
        return []
    opts = rule.options
    labels = _Labels(opts)
    tables: dict[int, list] = defaultdict(list)
    for row in rows_by_id.values():
        if row.table in wanted:
            tables[row.table].append(row)
    skip = compiled(opts["flow_header"]) if opts.get("flow_header") else None
    # the figures a footing already binds (equity read as the assets less the liabilities right above it): a
    # second fact on them would only echo the first's finding, and each would silence the other
    facts: list[Fact] = []
    for rows in tables.values():
        if (parts := _identity(sorted(rows, key=lambda r: r.row), labels)) is not None:
            facts += _columns(rule, parts, reading, skip)
    if facts:
        bound = {frozenset(f.roles.values()) for f in found or () if f.type in ("sum", "difference")}
        facts = [f for f in facts if frozenset(f.roles.values()) not in bound]
    return facts


class _Labels:
    """The rule's label patterns, compiled once."""

    def __init__(self, opts: dict):
        self.assets = compiled(opts["assets"])
        self.liabilities = compiled(opts["liabilities"])
        self.combined = compiled(opts["combined"])
        self.equity = compiled(opts["equity"])
        self.mezzanine = compiled(opts["mezzanine"])
        self.total = compiled(r"(?i)^\s*total\b")


def _label(row) -> str:
    return " ".join(BRACKETED.sub(" ", next(iter(row.cells.values())).cell.row_label or "").split())


def _identity(rows: list, labels: _Labels):
    """The table's rows of the identity, in order (assets, liabilities, mezzanine rows..., equity), or None where
    the table has no one pair of totals, prints a combined row, or no equity total."""
    assets = [r for r in rows if labels.assets.search(_label(r))]
    if len(assets) != 1:
        return None  # a segment's assets, two balance sheets in one grid: no one identity
    named = [(r, _label(r)) for r in rows]
    liabilities = [r for r, text in named if labels.liabilities.search(text)]
    if len(liabilities) != 1 or any(labels.combined.search(text) for _, text in named):
        return None  # a combined "Total liabilities and equity" row: the sides are read (restatetables.py)
    liability, asset = liabilities[0], assets[0]
    if liability.row < asset.row:
        return None
    after = [(r, t) for r, t in named if r.row > liability.row]
    equities = [r for r, t in after if labels.equity.search(t) and not labels.mezzanine.search(t)]
    if equities:
        equity = equities[-1]
        between = [(r, t) for r, t in after if r.row < equity.row and labels.mezzanine.search(t)]
        # a mezzanine section's own total stands for its rows
        totals = [r for r, t in between if labels.total.search(t)]
        mezzanine = totals[-1:] if totals else [r for r, _ in between]
    else:
        before = [r for r, t in named if asset.row < r.row < liability.row and labels.equity.search(t)
                  and not labels.mezzanine.search(t)]
        if not before:
            return None
        equity, mezzanine = before[-1], []
    return [asset, liability, *mezzanine, equity]


def _columns(rule, parts: list, reading: Reading, skip) -> list[Fact]:
    """One fact per column holding the assets, the liabilities and the equity total; tight where another column
    holds the identity and one column at most fails it."""
    total_row, *part_rows = parts
    mezzanine = part_rows[1:-1]
    columns = []
    for c, total in sorted(total_row.cells.items()):
        ends = [part_rows[0].cells.get(c), part_rows[-1].cells.get(c)]
        if total.kind != "money" or any(m is None or m.kind != "money" for m in ends):
            continue
        if skip and skip.search(total.cell.column_path or total.cell.column_header or ""):
            continue  # a column of flows beside the balances (an average balance sheet's interest)
        cells = [ends[0], *(m for r in mezzanine if (m := r.cells.get(c)) is not None and m.kind == "money"), ends[1]]
        columns.append((c, total, cells, _holds(total, cells, reading)))
    failing = sum(1 for *_, holds in columns if not holds)
    if failing == len(columns):
        return []  # no column holds it: the rows are another layout (a non-controlling interest outside equity)
    most = max((len(cells) for _, _, cells, _ in columns), default=0)
    facts = []
    for c, total, cells, _ in columns:
        vouching = [t for d, t, _, holds in columns if holds and d != c and significant_digits(t) >= 3]
        # a column missing a mezzanine row another column prints may have lost a figure: never tight
        tight = failing <= 1 and vouching and len(cells) == most
        facts.append(Fact(id=0, type=rule.type, rule=rule.id, sentence=total.sentence,
                          roles={"total": total.id, **{f"part_{n}": m.id for n, m in enumerate(cells, 1)}},
                          attributes={"balance": "identity"}, strength="tight" if tight else "loose"))
    return facts


def _holds(total, cells: list, reading: Reading) -> bool:
    """Whether the parts' intervals, added, meet the total's."""
    lo, hi = reading.interval(total)
    plo = phi = Fraction(0)
    for m in cells:
        a, b = reading.interval(m)
        plo, phi = plo + a, phi + b
    return plo <= hi and phi >= lo


MECHANISMS = {"balance-sum": balance_sums}

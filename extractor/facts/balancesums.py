"""A balance sheet's identity where the table prints no combined row: its one "Total assets" row is its one "Total
liabilities" row plus the equity total after it (and any redeemable or temporary equity printed between them).

Selected balance-sheet data often prints "Total assets", "Total liabilities" and "Total shareholders' equity" with
no "Total liabilities and equity" row (a table with one is read by its two sides, restatetables.py): the identity
still holds. The rows are read from their labels, never from the values, one fact per column (`sum`, the assets
the total, the liabilities, the mezzanine rows and the equity its parts), so a slip in any of them is bound like
any other. The equity total is the first row after "Total liabilities" whose label names one (rule data:
"Total stockholders' equity", "Shareholders' deficit", "Total partners' capital"; never "working capital", a
common equity, an equity excluding a reserve or attributable to the parent), a later one only across
non-controlling interest rows ("Total XYZ equity", "Noncontrolling interests", "Total equity"): a non-controlling
interest printed above the equity total in every column is inside it. Any other figure printed after the
liabilities, up to the next heading (a long-term debt under a "Total liabilities" of current ones, a preferred
stock no label calls redeemable, a non-controlling interest or a common equity after the equity total), is a row
the identity leaves out: another layout, nothing bound, as a year printing it and a year not would tell a slip
where there is none. A table printing no equity total after its liabilities (equity first, as some statements
do) takes the last one between the two totals, where nothing is printed after the liabilities.

The evidence is graded by the other columns, as the sides are: where one other column or more holds the identity
(a total of three digits or more) and one column at most fails it, the rows are the balance sheet's and the
failing column is a slip (tight); where two or more fail the binding is loose, flagged only where a known slip
explains the mismatch; where no column holds it (a non-controlling interest outside the equity total, a row the
table leaves out, a lone column that fails) the rows are another layout and nothing is bound. Each printed figure stands for an interval: 7,880 + 10,342 makes 18,223 within rounding.
"""

from __future__ import annotations

from collections import defaultdict

from ..models import Fact
from ..rules import compiled
from .footarith import holds as _holds, significant_digits
from .restatelabels import rows_of
from .restatenames import BRACKETED, LABEL_MARK
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
    holder = compiled(opts.get("holder_label", r"(?!)"))
    facts: list[Fact] = []
    for rows in tables.values():
        if (found_rows := _identity(sorted(rows, key=lambda r: r.row), labels)) is not None:
            facts += _columns(rule, *found_rows, reading, skip, holder)
    # the figures a footing already binds (equity read as the assets less the liabilities right above it): a
    # second fact on them would only echo the first's finding, and each would silence the other
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
        self.minority = compiled(opts["minority"])
        self.total = compiled(r"(?i)^\s*total\b")


def _label(row) -> str:
    return " ".join(BRACKETED.sub(" ", next(iter(row.cells.values())).cell.row_label or "").split())


def _marked(row) -> str:
    """The label with a footnote mark dropped ("(1)", "(a)") but any other bracket kept: "(excluding AOCI)" names
    another measure."""
    return " ".join(LABEL_MARK.sub(" ", next(iter(row.cells.values())).cell.row_label or "").split())


def _money(row) -> bool:
    return any(m.kind == "money" for m in row.cells.values())


def _identity(rows: list, labels: _Labels):
    """The table's rows of the identity, in order (assets, liabilities, mezzanine rows..., equity), or None where
    the table has no one pair of totals, prints a combined row, no equity total, or a figure the identity leaves
    out after its liabilities (a long-term debt under current liabilities, a preferred stock, a non-controlling
    interest after the equity total, a common equity: another layout)."""
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
    after = [r for r in rows if r.row > liability.row]
    equity, mezzanine, outside, minority = _after(after, labels)
    if outside:
        return None
    if equity is None:
        before = [r for r, t in named if asset.row < r.row < liability.row and labels.equity.search(_marked(r))
                  and not labels.mezzanine.search(t)]
        if not before or any(_money(r) for r in after):
            return None
        equity, mezzanine = before[-1], []
    return [asset, liability, *mezzanine, equity], minority


def _after(after: list, labels: _Labels):
    """The equity total after the liabilities (the first row naming one; a later one only across non-controlling
    interest rows, "Total XYZ shareholders' equity", "Noncontrolling interests", "Total equity"), the mezzanine rows
    between, whether a figure the identity leaves out is printed there (or after the equity total, up to the
    next heading), and whether a non-controlling interest is printed above the equity total."""
    equity, mezzanine, minority, inside, outside = None, [], [], [], False
    last = after[0].row - 1 if after else 0
    for r in after:
        if equity is not None and r.row > last + 1:
            break  # a row of no figures after the equity total: the next heading, another section
        last, text = r.row, _marked(r)
        if labels.mezzanine.search(text) and equity is None:
            mezzanine.append(r)
        elif labels.equity.search(text) and not labels.mezzanine.search(text) and (equity is None or minority):
            inside += minority if equity is None else []
            equity, minority = r, []
        elif labels.minority.search(text):
            minority.append(r)
        elif _money(r):
            outside = True
            break
    if equity is not None and minority:
        outside = True  # a non-controlling interest printed after the equity total: outside it
    elif equity is None:
        outside = outside or bool(mezzanine or minority)
    else:  # a non-controlling interest printed before the equity total is inside it, if printed where it is
        columns = {c for c, m in equity.cells.items() if m.kind == "money"}
        outside = outside or any({c for c, m in r.cells.items() if m.kind == "money"} != columns for r in inside)
    totals = [r for r in mezzanine if labels.total.search(_label(r))]
    return equity, totals[-1:] if totals else mezzanine, outside, inside


def _columns(rule, parts: list, minority: list, reading: Reading, skip, holder=None) -> list[Fact]:
    """One fact per column holding the assets, the liabilities and the equity total; tight where another column
    holds the identity and one column at most fails it. A non-controlling interest printed above the equity total
    (`minority`, its rows) is inside it or beside it, as the label may or may not say ("Total XYZ Inc. stockholders'
    equity"): a small one fits either way within the rounding, so such a table is bound only where every column
    holds, or a column holding it would not with the interest added again (`_inside`), and then loosely; so is an
    equity total naming its holder ("Total Acme shareholders' equity", "attributable to"), beside which a
    non-controlling interest may stand outside the table, only where every column holds."""
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
    if failing == len(columns) or failing and (not _inside(minority, columns, reading)
                                               or holder and holder.search(_label(part_rows[-1]))):
        return []  # no column holds it: the rows are another layout (a non-controlling interest outside equity)
    most = max((len(cells) for _, _, cells, _ in columns), default=0)
    facts = []
    for c, total, cells, _ in columns:
        vouching = [t for d, t, _, holds in columns if holds and d != c and significant_digits(t) >= 3]
        # a column missing a mezzanine row another column prints may have lost a figure: never tight
        tight = failing <= 1 and vouching and len(cells) == most and not (failing and minority)
        facts.append(Fact(id=0, type=rule.type, rule=rule.id, sentence=total.sentence,
                          roles={"total": total.id, **{f"part_{n}": m.id for n, m in enumerate(cells, 1)}},
                          attributes={"balance": "identity"}, strength="tight" if tight else "loose"))
    return facts


def _inside(minority: list, columns: list, reading: Reading) -> bool:
    """Whether the non-controlling interest printed above the equity total is inside it: none is printed, or a
    column holds the identity that would not with the interest added to the equity again (too large to fit either
    way within the rounding)."""
    for c, total, cells, holds in columns if minority else ():
        extra = [m for r in minority if (m := r.cells.get(c)) is not None and m.kind == "money"]
        if holds and extra and not _holds(total, [*cells, *extra], reading):
            return True
    return not minority


MECHANISMS = {"balance-sum": balance_sums}

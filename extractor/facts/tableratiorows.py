"""Ratio rows a table states with no word for their parts: "Payout ratio" (dividends over funds from operations),
"Load factor" (traffic over capacity), "Fleet utilization" (days at work over days available), "Effective tax
rate" (the tax over the income before it).

The label names the ratio, not the two rows it divides, so the rows are read from the figures alone: every pair
of amount rows near the ratio row is tried, column by column, and the pair is the one every column the ratio row
prints agrees with, three at least (one may break it), or two printed to a thousandth of themselves. Nothing in
the words confirms the pair, and it is chosen among many, so the binding is loose: a figure is flagged only where
a known slip explains the mismatch. A pair two readings share (rows of equal figures) is no reading.
"""

from __future__ import annotations

from ..models import Fact, Mention
from .tablefacts import TableRule
from .tableratios import _AMOUNT, _Options, _ratio_fits, _Row, _tables_stating

WINDOW = 12  # rows either side of the ratio row tried as its parts and wholes: a block's rows, not the statement's
MIN_AGREE = 3  # columns that must agree: two columns of rounded figures leave too many chance fits
FINE = 0.002  # a rounding step this share of the figure or finer ("86.4%"): two such columns are enough, both agreeing


def table_ratio_rows(rule: TableRule, mentions: list[Mention], text: str = "", reading=None) -> list[Fact]:
    opts = _Options.of(rule)
    facts: list[Fact] = []
    # (most releases print no percentage in a row whose label names a ratio: their tables are not read)
    if not any(m.kind == "percent" and m.cell is not None and opts.stated.search(m.cell.row_label or "") for m in mentions):
        return facts
    for _, rows, _ in _tables_stating("percent", mentions, text, opts, reading):
        for i, row in enumerate(rows):
            stated = {c: m for c, m in row.cells.items() if m.kind == "percent" and m.unit == "%" and not opts.skipped(m)}
            # two columns suffice where every figure is printed to a thousandth of itself or finer ("86.4%")
            least = 2 if stated and all(float(m.high) - float(m.low) <= FINE * abs(float(m.value)) for m in stated.values()) \
                else MIN_AGREE
            if len(stated) < least or not opts.stated.search(row.label) or opts.not_whole.search(row.label):
                continue
            near = [r for r in rows[max(0, i - WINDOW):i + WINDOW + 1]
                    if r is not row and r.kinds & _AMOUNT and len(stated.keys() & r.cells.keys()) >= least]
            pair = _pair(stated, near, least)
            if pair is None:
                continue
            top, bottom = pair
            for c, m in stated.items():
                if c in top.cells and c in bottom.cells:
                    facts.append(Fact(id=0, type=rule.type, rule=rule.id, sentence=m.sentence, strength="loose",
                                      roles={"pct": m.id, "part": top.cells[c].id, "whole": bottom.cells[c].id}))
    return facts


def _pair(stated: dict[int, Mention], near: list[_Row], least: int) -> tuple[_Row, _Row] | None:
    """The (part, whole) pair of rows the most stated columns agree with, all of them but one at most and three
    at least; None when no pair does, or two do alike. A column agrees only where the pair's ratio is narrow
    enough to tell (counts of a digit or two fit most percentages)."""
    best, best_score, tie = None, (0, 0), False
    for top in near:
        for bottom in near:
            if top is bottom:
                continue
            agree = disagree = 0
            for c, s in stated.items():
                t, b = top.cells.get(c), bottom.cells.get(c)
                if t is None or b is None or t.kind not in _AMOUNT or b.kind not in _AMOUNT:
                    continue
                fits = _ratio_fits(s, t, b, True)
                agree += fits is True and _telling(s, t, b)
                disagree += fits is False
                if disagree > 1:
                    break
            score = (agree, -disagree)
            if agree >= least and disagree <= (1 if agree >= MIN_AGREE else 0) and score >= best_score:
                tie = score == best_score
                best, best_score = (top, bottom), score
    return None if tie else best


def _telling(stated: Mention, top: Mention, bottom: Mention) -> bool:
    """Whether the ratio's interval is narrow beside the stated figure's: within five of its rounding steps."""
    lo, hi = float(top.low) / float(bottom.high), float(top.high) / float(bottom.low)
    return (hi - lo) * 100 <= 5 * (float(stated.high) - float(stated.low))


MECHANISMS = {"table-ratio-rows": table_ratio_rows}

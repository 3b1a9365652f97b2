"""Facts that a table's shares of a total state: a percentage column whose total row reads 100%.

Each row above the total is its amount over the total's amount; which amount column the percentages
are shares of is the reading most rows agree with. When no column fits but every row implies the
same total, the total is the figure out of line.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict
from decimal import Decimal
from fractions import Fraction

from ..intervals import Interval
from ..models import AMOUNTS, Fact, Mention
from ..rules import compiled
from .tablefacts import _HUNDRED, TableRule, _grid, _interval, _labels


MAX_AMOUNT_COLUMNS = 16


def table_shares(rule: TableRule, mentions: list[Mention], text: str = "", reading=None) -> list[Fact]:
    """A percentage column whose total row reads 100%: each row above it (back to the previous
    total) is its amount over the total's amount. The amount column is the one left of the
    percentages that most rows agree with."""
    total_label = compiled(rule.options.get("total_label", r"(?i)^\s*total\b"))
    labels = _labels(mentions, reading)
    facts: list[Fact] = []
    for table, rows in _grid(mentions, reading).items():
        order = sorted(rows)
        previous_total = -1  # position in `order` of the previous total row
        for i, r in enumerate(order):
            if not total_label.search(labels.get((table, r), "")):
                continue
            members = order[previous_total + 1 : i]
            previous_total = i
            with_column: dict[int, list[int]] = defaultdict(list)  # column -> the member rows holding it
            for x in members:
                for c in rows[x]:
                    with_column[c].append(x)
            amount_cols = sorted(vc for vc, whole in rows[r].items() if whole.kind in AMOUNTS)
            place = {c: n for n, c in enumerate(rows[r])}
            for pc, p in rows[r].items():
                if p.kind != "percent" or Decimal(p.value) != 100:
                    continue
                best, best_score = None, (0, 0)
                # The amount columns left of the percentages, at most MAX_AMOUNT_COLUMNS of the nearest
                # (a total row of thousands of columns would make this quadratic), in the row's order.
                near = amount_cols[: bisect_left(amount_cols, pc)][-MAX_AMOUNT_COLUMNS:]
                candidates = [(vc, rows[r][vc]) for vc in sorted(near, key=place.__getitem__)]
                for vc, whole in candidates:
                    triples = [(rows[x][vc], rows[x][pc]) for x in with_column[pc]
                               if vc in rows[x] and pc in rows[x] and rows[x][pc].kind == "percent" and rows[x][vc].kind == whole.kind]
                    agree = sum(_share_fits(part, pct, whole) for part, pct in triples)
                    score = (agree, -(len(triples) - agree))
                    # (on a tie the nearer column: the shares are of the amounts printed right before them)
                    if agree and agree >= len(triples) - agree and score >= best_score:
                        best, best_score = (vc, whole, triples), score
                if best is None:
                    facts.extend(_wrong_whole(rule, candidates, pc, with_column[pc], rows))
                    continue
                _, whole, triples = best
                for part, pct in triples:
                    if _plug(part, pct, whole, triples, p):
                        continue
                    facts.append(Fact(id=0, type=rule.type, rule=rule.id, sentence=pct.sentence,
                                      roles={"part": part.id, "pct": pct.id, "whole": whole.id}))
    return facts


def _wrong_whole(rule: TableRule, candidates: list[tuple[int, Mention]], pc: int, members: list[int], rows) -> list[Fact]:
    """No row fits the total, but every row implies the same total: then the total is the odd one
    out. One fact with the total as the stated figure, from the row with the largest part.
    `candidates` are the total row's amount columns left of the percentages, in the row's order."""
    out: list[Fact] = []
    for vc, whole in candidates:
        if vc >= pc or whole.kind not in AMOUNTS:
            continue
        pairs = [(rows[x][vc], rows[x][pc]) for x in members
                 if vc in rows[x] and pc in rows[x] and rows[x][pc].kind == "percent" and rows[x][vc].kind == whole.kind
                 and Decimal(rows[x][pc].value) > 0]
        if len(pairs) < 2:
            continue
        lo, hi = Fraction(0), None
        for part, pct in pairs:
            implied = _interval(part) / _interval(pct) * _HUNDRED  # the whole this row's share implies
            lo = max(lo, implied.lo)
            hi = implied.hi if hi is None else min(hi, implied.hi)
        if hi is None or lo > hi:
            continue  # the rows do not agree on a total either
        part, pct = max(pairs, key=lambda p: Decimal(p[0].value))
        out.append(Fact(id=0, type=rule.options.get("whole_type", "share-total"), rule=rule.id, sentence=whole.sentence,
                        roles={"part": part.id, "pct": pct.id, "whole": whole.id}))
        break
    return out


def _share_fits(part: Mention, pct: Mention, whole: Mention) -> bool:
    w = _interval(whole)
    if w.lo <= 0:
        return False
    return (_interval(part) / w * _HUNDRED).meets(_interval(pct))


def _plug(part: Mention, pct: Mention, whole: Mention, triples, total: Mention) -> bool:
    """A row the release forced the column to foot with: the shares add up to the total's exactly, and this
    one misses its amount's share by no more than the other rows' rounding could add up to (a plug row)."""
    if _share_fits(part, pct, whole) or sum(Decimal(q.value) for _, q in triples) != Decimal(total.value):
        return False
    stated = _interval(pct)
    slack = (stated.hi - stated.lo) * len(triples) / 2
    return (_interval(part) / _interval(whole) * _HUNDRED).meets(Interval(stated.lo - slack, stated.hi + slack))

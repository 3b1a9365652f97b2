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
    share_header = compiled(rule.options["share_header"]) if rule.options.get("share_header") else None
    labels = _labels(mentions, reading)
    facts: list[Fact] = []
    for table, rows in _grid(mentions, reading).items():
        order = sorted(rows)
        previous_total = -1  # position in `order` of the previous total row
        for i, r in enumerate(order):
            label = labels.get((table, r), "").strip()
            if not total_label.search(label) and not _footing(rows[r], not label or i == len(order) - 1):
                continue
            members = order[previous_total + 1 : i]
            previous_total = i
            with_column: dict[int, list[int]] = defaultdict(list)  # column -> the member rows holding it
            for x in members:
                for c in rows[x]:
                    with_column[c].append(x)
            amount_cols = sorted(vc for vc, whole in rows[r].items() if whole.kind in AMOUNTS)
            place = {c: n for n, c in enumerate(rows[r])}
            for pc in _share_columns(rows[r], with_column, rows, share_header):
                if _changes(rows[x][pc] for x in with_column[pc]):
                    continue
                p = rows[r].get(pc)
                # (the total row's own 100%, or none printed under a header naming shares of a total: loose)
                near = amount_cols[: bisect_left(amount_cols, pc)][-MAX_AMOUNT_COLUMNS:]
                candidates = [(vc, rows[r][vc]) for vc in sorted(near, key=place.__getitem__)]
                facts.extend(_column_shares(rule, candidates, with_column[pc], rows, pc, p))
    return facts


def _footing(row: dict, unnamed_or_last: bool) -> bool:
    """A row reading 100% in a percentage column that no label calls a total: the footing of the shares above
    it, where it has no label (a fixed-width table's line under the rule) or closes the table ("Loans held for
    investment")."""
    return unnamed_or_last and any(_hundred(m) for m in row.values())


def _changes(cells) -> bool:
    """A column of percentages one of which is over 100% and none below zero: no row's share of a total of
    positive rows can exceed it all, so these are changes (a total that doubled reads 100%)."""
    values = [Decimal(m.value) for m in cells if m.kind == "percent"]
    return any(v > 100 for v in values) and all(v >= 0 for v in values)


def _hundred(m: Mention) -> bool:
    """Whether a cell is a share of 100%: a total's own, or the footing's."""
    return m.kind == "percent" and m.value is not None and Decimal(m.value) == 100


def _share_columns(total_row: dict, with_column: dict, rows, share_header) -> list[int]:
    """The percentage columns of a block: the total row's 100%, or, where the total row prints an amount but no
    percentage, a column whose header (every member cell's) names shares of a total ("% of total", "Mix")."""
    out = [pc for pc, p in total_row.items() if _hundred(p)]
    if share_header is None:
        return out
    for pc, members in with_column.items():
        if pc in total_row or len(members) < 2:
            continue
        cells = [rows[x][pc] for x in members]
        if all(m.kind == "percent" and m.cell is not None and share_header.search(
                " ".join(filter(None, (m.cell.column_header, m.cell.column_path)))) for m in cells):
            out.append(pc)
    return sorted(out)


def _column_shares(rule: TableRule, candidates, members: list[int], rows, pc: int, p: Mention | None) -> list[Fact]:
    """Each member row's percentage in column pc over the amount column most rows agree with (on a tie the
    nearer: the shares are of the amounts printed right before them). Without the total's printed 100% (p None)
    the whole is chosen among candidates by the header's words: loose."""
    best, best_score = None, (0, 0)
    for vc, whole in candidates:
        triples = [(rows[x][vc], rows[x][pc]) for x in members
                   if vc in rows[x] and pc in rows[x] and rows[x][pc].kind == "percent" and rows[x][vc].kind == whole.kind]
        agree = sum(_share_fits(part, pct, whole) for part, pct in triples)
        score = (agree, -(len(triples) - agree))
        if agree and agree >= len(triples) - agree and score >= best_score:
            best, best_score = (vc, whole, triples), score
    if best is None:
        return _wrong_whole(rule, candidates, pc, members, rows) if p is not None else []
    _, whole, triples = best
    if p is None and best_score[0] < 2:
        return []  # one row agreeing is no reading of a column no 100% confirms
    strength = {} if p is not None else {"strength": "loose"}
    return [Fact(id=0, type=rule.type, rule=rule.id, sentence=pct.sentence, **strength,
                 roles={"part": part.id, "pct": pct.id, "whole": whole.id})
            for part, pct in triples if p is None or not _plug(part, pct, whole, triples, p)]


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

"""Facts that financial tables state: totals over the rows above them, and change columns.

A table says which rows a "Total" adds up, or which period column a "% Change"
compares with which, only through its layout, and layouts vary. So the
structure is read from the table itself: every candidate reading (which rows
make up a total; which column is the newer period) is tried in every column or
row, and the reading that most of them agree with is the table's structure.
The columns or rows that then disagree are the ones the verifier flags: a
figure typed wrong in one column of an otherwise consistent table.

Agreement is judged with the figures' own precision intervals, as the checks
judge it, so a table rounded to thousands is read as such.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

import regex

from .models import Fact, Mention


@dataclass
class TableRule:
    id: str
    type: str
    mechanism: str  # "table-total" or "table-change"
    options: dict


def _interval(m: Mention) -> tuple[Fraction, Fraction]:
    return Fraction(Decimal(m.low)), Fraction(Decimal(m.high))


def _meets(a: tuple[Fraction, Fraction], b: tuple[Fraction, Fraction]) -> bool:
    return a[0] <= b[1] and b[0] <= a[1]


def _grid(mentions: list[Mention]) -> dict[int, dict[int, dict[int, Mention]]]:
    """table -> row -> column -> mention (numeric cells only)."""
    grid: dict[int, dict[int, dict[int, Mention]]] = defaultdict(lambda: defaultdict(dict))
    for m in mentions:
        if m.cell is not None and m.kind in ("money", "shares", "number", "percent", "price"):
            grid[m.cell.table][m.cell.row][m.cell.column] = m
    return grid


def _labels(mentions: list[Mention]) -> dict[tuple[int, int], str]:
    return {(m.cell.table, m.cell.row): m.cell.row_label or "" for m in mentions if m.cell is not None}


def table_totals(rule: TableRule, mentions: list[Mention]) -> list[Fact]:
    total_label = regex.compile(rule.options.get("total_label", r"(?i)^\s*total\b"))
    kinds = set(rule.options.get("kinds", ["money", "shares"]))
    labels = _labels(mentions)
    facts: list[Fact] = []
    for table, rows in _grid(mentions).items():
        order = sorted(rows)
        for r in order:
            label = labels.get((table, r), "")
            if not total_label.search(label):
                continue
            totals = {c: m for c, m in rows[r].items() if m.kind in kinds}
            if not totals:
                continue
            above = [x for x in order if x < r]
            candidates = _blocks(above, rows, labels, table, total_label, r)
            best, best_score = None, (0, 0)
            for block in candidates:
                agree = disagree = 0
                for c, total in totals.items():
                    parts = [rows[x][c] for x in block if c in rows[x] and rows[x][c].kind == total.kind]
                    if len(parts) < 2:
                        continue
                    lo = sum(_interval(p)[0] for p in parts)
                    hi = sum(_interval(p)[1] for p in parts)
                    if _meets((lo, hi), _interval(total)):
                        agree += 1
                    else:
                        disagree += 1
                score = (agree, -disagree)
                if agree and agree >= disagree and score > best_score:
                    best, best_score = block, score
            if best is None:
                continue
            for c, total in totals.items():
                parts = [rows[x][c] for x in best if c in rows[x] and rows[x][c].kind == total.kind]
                if len(parts) < 2:
                    continue
                roles = {"total": total.id, **{f"part_{n}": p.id for n, p in enumerate(parts, 1)}}
                facts.append(Fact(id=0, type=rule.type, rule=rule.id, roles=roles, sentence=total.sentence))
    return facts


def _blocks(above: list[int], rows, labels, table: int, total_label: regex.Pattern, r: int) -> list[list[int]]:
    """Candidate sets of rows a total may add up: the run of rows since the last heading (with or
    without the subtotals in it), since the last total, and the subtotals plus what follows them."""
    run: list[int] = []  # rows directly above, up to a heading (a row without figures) or the table top
    x = r - 1
    present = set(above)
    while x >= 0 and x in present:
        run.append(x)
        x -= 1
    run.reverse()
    if not run:
        return []
    is_total = {x: bool(total_label.search(labels.get((table, x), ""))) for x in run}
    since_total: list[int] = []
    for x in reversed(run):
        if is_total[x]:
            break
        since_total.append(x)
    since_total.reverse()
    subtotals = [x for x in run if is_total[x]]
    last_sub = subtotals[-1] if subtotals else None
    tail = [x for x in run if last_sub is not None and x > last_sub]
    loose_before_first = [x for x in run if subtotals and x < subtotals[0] and not is_total[x]]
    candidates = [run, since_total, subtotals + tail, [x for x in run if not is_total[x]]]
    if subtotals:
        candidates.append(subtotals)
    del loose_before_first
    out, seen = [], set()
    for c in candidates:
        key = tuple(c)
        if len(c) >= 2 and key not in seen:
            seen.add(key)
            out.append(c)
    return out


def table_changes(rule: TableRule, mentions: list[Mention]) -> list[Fact]:
    """A "% Change" column against the two period columns left of it; which of them is the newer
    period is the reading most rows agree with."""
    pct_header = regex.compile(rule.options.get("percent_header", r"(?i)%\s*(?:change|chg|var)|(?:change|variance|var\.?)\s*(?:\(%\)|%|in\s+%)"))
    amount_header = regex.compile(rule.options.get("amount_header", r"(?i)^\$?\s*(?:change|variance|inc(?:rease)?\s*/\s*\(?dec(?:rease)?\)?)\b(?!.*%)"))
    facts: list[Fact] = []
    for table, rows in _grid(mentions).items():
        headers: dict[int, str] = {}
        for cols in rows.values():
            for c, m in cols.items():
                if m.cell.column_header:
                    headers[c] = m.cell.column_header
        pct_cols = {c for c, h in headers.items() if pct_header.search(h)}
        change_cols = pct_cols | {c for c, h in headers.items() if amount_header.search(h)}
        for col in sorted(change_cols):
            left = sorted({c for cols in rows.values() for c, m in cols.items()
                           if c < col and c not in change_cols and m.kind in ("money", "shares", "number", "percent", "price")})
            if len(left) < 2:
                continue
            a, b = left[-2], left[-1]  # the two period columns nearest the change column
            # A change column holds percentages (pct) or amounts (delta), row by row.
            triples = {"pct": [], "delta": [], "points": []}
            for r, cols in rows.items():
                if col in cols and a in cols and b in cols:
                    stated, x, y = cols[col], cols[a], cols[b]
                    if x.kind != y.kind:
                        continue
                    # The header says what the column holds; the cells must agree with it.
                    role = "pct" if col in pct_cols else "delta"
                    if stated.kind == "percent" and stated.unit in ("pp", "bp"):
                        role = "points"  # "1.1 | p.p." beside two percentages
                    if role == "pct" and stated.kind != "percent" or role == "delta" and stated.kind != x.kind:
                        continue
                    triples[role].append((stated, x, y))
            for role, rows_of_role in triples.items():
                if role == "points":
                    rows_of_role = [t for t in rows_of_role if t[1].kind == "percent"]
                facts.extend(_change_facts(rule, role, rows_of_role))
    return facts


def _change_facts(rule: TableRule, role: str, triples) -> list[Fact]:
    if not triples:
        return []
    orientation = _orientation(role, triples)
    if orientation is None:
        return []
    facts: list[Fact] = []
    for stated, x, y in triples:
        new, old = (x, y) if orientation == "left-newer" else (y, x)
        if role == "pct" and Decimal(old.value) <= 0:
            continue  # a percentage change from zero or from a loss is not arithmetic
        roles = {role: stated.id, "to": new.id, "from": old.id}
        facts.append(Fact(id=0, type=rule.type, rule=rule.id, roles=roles, sentence=stated.sentence,
                          attributes={"dir": "increase"}))
    return facts


def _orientation(role: str, triples) -> str | None:
    score = {"left-newer": 0, "right-newer": 0}
    for stated, x, y in triples:
        s = _interval(stated)
        for name, (new, old) in (("left-newer", (x, y)), ("right-newer", (y, x))):
            nlo, nhi = _interval(new)
            olo, ohi = _interval(old)
            if role in ("delta", "points"):
                factor = Fraction(1, 100) if stated.unit == "bp" else Fraction(1)
                ok = _meets((nlo - ohi, nhi - olo), (s[0] * factor, s[1] * factor))
            else:
                if olo <= 0:
                    continue
                ok = _meets(((nlo / ohi - 1) * 100, (nhi / olo - 1) * 100), s)
            score[name] += ok
    best = max(score, key=score.get)
    if score[best] == 0 or score["left-newer"] == score["right-newer"]:
        return None
    return best


MECHANISMS = {"table-total": table_totals, "table-change": table_changes}

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


def table_totals(rule: TableRule, mentions: list[Mention], text: str = "", reading=None) -> list[Fact]:
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
            # Candidates from a plain layout (rows next to each other, or across rules and blank
            # lines) may win on a tie of agreeing and disagreeing columns; a reading that joins rows
            # across label lines must win outright.
            candidates: dict[tuple[int, ...], bool] = {}
            for policy in ("adjacent", "separators", "labels"):
                for block in _blocks(above, rows, labels, table, total_label, r, _joins(text, rows, above + [r], policy)):
                    candidates.setdefault(tuple(block), policy != "labels")
            best, best_score = None, (0, 0)
            for block, plain in candidates.items():
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
                if agree and (agree > disagree or plain and agree == disagree) and score > best_score:
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


_SEPARATOR_LINE = regex.compile(r"^[\s|:\-–—=+_]*$")


def _joins(text: str, rows, order: list[int], policy: str) -> set[tuple[int, int]]:
    """Pairs of consecutive figure rows that belong to one run under a reading of the lines between
    them: `adjacent` (nothing between), `separators` (only rules and blank lines between), `labels`
    (also wrapped label lines; only a heading ending in ":" breaks the run)."""
    joined = set()
    for a, b in zip(order, order[1:]):
        if policy == "adjacent" or not text:
            if b == a + 1:
                joined.add((a, b))
            continue
        end_a = text.find("\n", max(m.end for m in rows[a].values()))
        start_b = text.rfind("\n", 0, min(m.start for m in rows[b].values())) + 1
        between = [line for line in text[max(end_a, 0):start_b].split("\n") if line.strip()] if end_a >= 0 else []
        if policy == "separators" and all(_SEPARATOR_LINE.match(line) for line in between):
            joined.add((a, b))
        elif policy == "labels" and not any(line.strip(" |").endswith(":") for line in between) \
                and "\n\n" not in text[max(end_a, 0):start_b].replace(" ", ""):
            joined.add((a, b))
    return joined


def _blocks(above: list[int], rows, labels, table: int, total_label: regex.Pattern, r: int,
            joins: set[tuple[int, int]]) -> list[list[int]]:
    """Candidate sets of rows a total may add up: the run of rows since the last heading (with or
    without the subtotals in it), since the last total, and the subtotals plus what follows them."""
    run: list[int] = []  # rows joined to the total row, walking up
    nxt = r
    for x in reversed(above):
        if (x, nxt) not in joins:
            break
        run.append(x)
        nxt = x
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


def table_changes(rule: TableRule, mentions: list[Mention], text: str = "", reading=None) -> list[Fact]:
    """A "% Change" column against the two period columns left of it; which of them is the newer
    period is the reading most rows agree with."""
    pct_header = regex.compile(rule.options["percent_header"])
    amount_header = regex.compile(rule.options["amount_header"])
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


def table_shares(rule: TableRule, mentions: list[Mention], text: str = "", reading=None) -> list[Fact]:
    """A percentage column whose total row reads 100%: each row above it (back to the previous
    total) is its amount over the total's amount. The amount column is the one left of the
    percentages that most rows agree with."""
    total_label = regex.compile(rule.options.get("total_label", r"(?i)^\s*total\b"))
    labels = _labels(mentions)
    facts: list[Fact] = []
    for table, rows in _grid(mentions).items():
        order = sorted(rows)
        previous_total = -1
        for r in order:
            if not total_label.search(labels.get((table, r), "")):
                continue
            members = [x for x in order if previous_total < x < r]
            previous_total = r
            for pc, p in rows[r].items():
                if p.kind != "percent" or Decimal(p.value) != 100:
                    continue
                best, best_score = None, (0, 0)
                for vc, whole in rows[r].items():
                    if vc >= pc or whole.kind not in ("money", "shares", "number"):
                        continue
                    triples = [(rows[x][vc], rows[x][pc]) for x in members
                               if vc in rows[x] and pc in rows[x] and rows[x][pc].kind == "percent" and rows[x][vc].kind == whole.kind]
                    agree = sum(_share_fits(part, pct, whole) for part, pct in triples)
                    score = (agree, -(len(triples) - agree))
                    if agree and agree >= len(triples) - agree and score > best_score:
                        best, best_score = (vc, whole, triples), score
                if best is None:
                    facts.extend(_wrong_whole(rule, rows[r], pc, members, rows))
                    continue
                _, whole, triples = best
                for part, pct in triples:
                    facts.append(Fact(id=0, type=rule.type, rule=rule.id, sentence=pct.sentence,
                                      roles={"part": part.id, "pct": pct.id, "whole": whole.id}))
    return facts


def _wrong_whole(rule: TableRule, total_row: dict[int, Mention], pc: int, members: list[int], rows) -> list[Fact]:
    """No row fits the total, but every row implies the same total: then the total is the odd one
    out. One fact with the total as the stated figure, from the row with the largest part."""
    out: list[Fact] = []
    for vc, whole in total_row.items():
        if vc >= pc or whole.kind not in ("money", "shares", "number"):
            continue
        pairs = [(rows[x][vc], rows[x][pc]) for x in members
                 if vc in rows[x] and pc in rows[x] and rows[x][pc].kind == "percent" and rows[x][vc].kind == whole.kind
                 and Decimal(rows[x][pc].value) > 0]
        if len(pairs) < 2:
            continue
        lo, hi = Fraction(0), None
        for part, pct in pairs:
            (plo, phi), (qlo, qhi) = _interval(part), _interval(pct)
            lo = max(lo, plo / qhi * 100)
            hi = phi / qlo * 100 if hi is None else min(hi, phi / qlo * 100)
        if hi is None or lo > hi:
            continue  # the rows do not agree on a total either
        part, pct = max(pairs, key=lambda p: Decimal(p[0].value))
        out.append(Fact(id=0, type=rule.options.get("whole_type", "share-total"), rule=rule.id, sentence=whole.sentence,
                        roles={"part": part.id, "pct": pct.id, "whole": whole.id}))
        break
    return out


def _share_fits(part: Mention, pct: Mention, whole: Mention) -> bool:
    plo, phi = _interval(part)
    wlo, whi = _interval(whole)
    if wlo <= 0:
        return False
    return _meets((plo / whi * 100, phi / wlo * 100), _interval(pct))


MECHANISMS = {"table-total": table_totals, "table-change": table_changes, "table-share": table_shares}

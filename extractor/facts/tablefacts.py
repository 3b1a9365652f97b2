"""Facts that financial tables state: totals over the rows above them (change columns: `tablechange`).

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

from bisect import bisect_left
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

import regex

from ..intervals import Interval
from ..models import Fact, Mention
from ..rules import RuleError, compiled
from .subjects import Reading
from .tableranges import and_low_ends, both_ends
from .tablelists import interval as _interval, noted_totals, plain_list


@dataclass
class TableRule:
    id: str
    type: str
    mechanism: str  # "table-total" or "table-change"
    options: dict


def options_of(raw: dict, rules: list[dict]) -> dict:
    """A mechanism rule's options, over those of the rule its option `options_of` names: change-finer reads the
    basis words and periods of change-prior, not a copy of them."""
    own = dict(raw.get("options") or {})
    other = own.pop("options_of", None)
    if other is None:
        return own
    base = next((r for r in rules if r.get("id") == other), None)
    if base is None:
        raise RuleError(f"{raw.get('_file', raw['id'])}: fact rule {raw['id']!r}: options_of names no rule {other!r}")
    return {**(base.get("options") or {}), **own}


_HUNDRED = Interval.point(Fraction(100))
_WHOLE = Decimal(100)
_NOT_DIGIT = regex.compile(r"[^\d.]")


def printed_unit(m: Mention) -> float:
    """What one printed unit of a cell stands for: 1,000 for an amount a table "in thousands" scaled, 1 for
    a figure no unit note scaled."""
    digits = _NOT_DIGIT.sub("", m.text).strip(".")
    printed = float(digits) if digits else 0.0
    return (abs(float(m.value)) / printed or 1.0) if printed and m.scale else 1.0


def _grid(mentions: list[Mention], reading: Reading | None = None) -> dict[int, dict[int, dict[int, Mention]]]:
    """table -> row -> column -> mention (numeric cells only); with the release's `reading`, made once for all
    the table mechanisms (none changes it)."""
    if reading is not None:
        return reading.derived(_grid)
    grid: dict[int, dict[int, dict[int, Mention]]] = defaultdict(lambda: defaultdict(dict))
    for m in mentions:
        if m.cell is not None and m.kind in ("money", "shares", "number", "percent", "price"):
            grid[m.cell.table][m.cell.row][m.cell.column] = m
    return grid


def _labels(mentions: list[Mention], reading: Reading | None = None) -> dict[tuple[int, int], str]:
    if reading is not None:
        return reading.derived(_labels)
    return {(m.cell.table, m.cell.row): m.cell.row_label or "" for m in mentions if m.cell is not None}


def table_totals(rule: TableRule, mentions: list[Mention], text: str = "", reading=None) -> list[Fact]:
    total_label = compiled(rule.options.get("total_label", r"(?i)^\s*total\b"))
    kinds = set(rule.options.get("kinds", ["money", "shares"]))
    # a percentage printed as a whole (100%) is the total of the shares above it, whatever the column holds
    whole = set(rule.options.get("whole_kinds", []))
    labels = _labels(mentions, reading)
    facts: list[Fact] = []
    for table, rows in and_low_ends(_grid(mentions, reading).items(), mentions):
        order = sorted(rows)
        is_total = [bool(total_label.search(labels.get((table, x), ""))) for x in order]
        if not any(is_total):
            continue
        index = _RowIndex(order, rows, is_total)
        covered: set[int] = set()  # positions some total already adds up
        # Where the run of joined rows leading to each row starts, under each reading of the lines
        # between rows (worked out once per table, not once per total row).
        starts = {policy: _run_starts(order, _joins(text, rows, order, policy)) for policy in _POLICIES}
        for i, r in enumerate(order):
            if not is_total[i]:
                continue
            # the amounts vote on their rows; shares printed as a whole (100%) on theirs, apart: a breakdown's
            # percentages say nothing of the amounts beside them
            amounts = {c: m for c, m in rows[r].items() if m.kind in kinds}
            wholes = {c: m for c, m in rows[r].items() if m.kind in whole and Decimal(m.value) == _WHOLE}
            if not amounts and not wholes:
                continue
            # Candidates from a plain layout (rows next to each other, or across rules and blank
            # lines) may win on a tie of agreeing and disagreeing columns; a reading that joins rows
            # across label lines must win outright.
            candidates: dict[tuple, tuple[_Block, bool]] = {}
            for policy in _POLICIES:
                for block in _blocks(index, i, starts[policy][i]):
                    candidates.setdefault(block.key, (block, policy != "labels"))
            for totals in (amounts, wholes):
                if not totals:
                    continue
                best = _vote(candidates.values(), index, totals)
                if best is not None:
                    members = {c: index.members(c, total.kind, best) for c, total in totals.items()}
                elif totals is amounts and (listed := plain_list(labels.get((table, r), ""), text, rows, order, i, totals,
                                                                is_total, starts["separators"][i])):
                    members = listed
                elif totals is amounts:
                    members = _grand_total(order, rows, totals, covered, range(starts["labels"][i], i), is_total)
                else:
                    continue
                facts.extend(_total_facts(rule, rows, order, totals, members, covered, totals is wholes))
    # (a total a note under its table explains adds more or less than its rows: no sum of them)
    return noted_totals(both_ends(facts, mentions), mentions, text)


def _vote(candidates, index: "_RowIndex", totals: dict):
    """The block of rows most of the total row's columns add up to (a plain layout may win on a tie), or None."""
    best, best_score = None, (0, 0)
    for block, plain in candidates:
        agree = disagree = 0
        for c, total in totals.items():
            n, lo, hi = index.sum(c, total.kind, block)
            if n < 2:
                continue
            if Interval(lo, hi).meets(_interval(total)):
                agree += 1
            else:
                disagree += 1
        score = (agree, -disagree)
        if agree and (agree > disagree or plain and agree == disagree) and score > best_score:
            best, best_score = block, score
    return best


def _total_facts(rule, rows, order, totals: dict, members: dict, covered: set[int], whole: bool) -> list[Fact]:
    facts = []
    for c, total in totals.items():
        covered.update(members.get(c, ()))
        parts = [rows[order[j]][c] for j in members.get(c, ())]
        # a part that is a whole itself (an occupancy of 100% on each row) makes the 100% a rate, not a sum
        if len(parts) < 2 or _average_like(total, parts) or whole and any(Decimal(p.value) >= _WHOLE for p in parts):
            continue
        roles = {"total": total.id, **{f"part_{n}": p.id for n, p in enumerate(parts, 1)}}
        facts.append(Fact(id=0, type=rule.type, rule=rule.id, roles=roles, sentence=total.sentence))
    return facts


# how far back a grand total's parts are looked for: it adds a few totals, and the walk stays linear in the table
MAX_REACH, MAX_LOOSE = 80, 8


def _grand_total(order, rows, totals: dict, covered: set[int], run: range, is_total: list[bool]) -> dict[int, list[int]]:
    """A total over the rows no total above it adds up, read from the last of them back: "Total liabilities and
    equity" over "Total liabilities" and "Total equity", though the run of rows reaches back over "Total
    assets" and over the subtotals inside each. It must hold a subtotal, and more columns must agree with the
    reading than disagree (else nothing): position -> column -> the positions it adds up."""
    loose = [j for j in range(run.stop - 1, max(run.start, run.stop - MAX_REACH) - 1, -1) if j not in covered][:MAX_LOOSE]
    loose.reverse()
    best, best_score = None, (0, 0)
    sums = {c: (0, Interval.point(Fraction(0))) for c in totals}
    subtotal = False
    for k in range(len(loose) - 1, -1, -1):
        for c, total in totals.items():
            m = rows[order[loose[k]]].get(c)
            if m is not None and m.kind == total.kind:
                n, summed = sums[c]
                sums[c] = (n + 1, summed + _interval(m))
        subtotal = subtotal or is_total[loose[k]]
        if not subtotal:
            continue
        verdicts = [summed.meets(_interval(totals[c])) for c, (n, summed) in sums.items() if n >= 2]
        agree = sum(verdicts)
        score = (agree, agree - len(verdicts))
        if agree > len(verdicts) - agree and score > best_score:
            best, best_score = k, score
    if best is None:
        return {}
    return {c: [j for j in loose[best:] if (m := rows[order[j]].get(c)) is not None and m.kind == total.kind]
            for c, total in totals.items()}


def _average_like(total: Mention, parts: list[Mention]) -> bool:
    """A total row's figure that lies among three or more positive rows' and is not their sum, as an average
    price or a rate does beside the counts it averages (a mistyped sum of three rows seldom falls so low)."""
    values = [Decimal(p.value) for p in parts]
    if len(values) < 3:
        return False
    summed = sum((_interval(p) for p in parts), Interval.point(Fraction(0)))
    return min(values) > 0 and min(values) <= Decimal(total.value) <= max(values) and not summed.meets(_interval(total))


_SEPARATOR_LINE = regex.compile(r"^[\s|:\-–—=+_]*$")
_POLICIES = ("adjacent", "separators", "labels")


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
        elif policy == "labels" and not any(_heading(line) for line in between) \
                and "\n\n" not in text[max(end_a, 0):start_b].replace(" ", ""):
            joined.add((a, b))
    return joined


# "Less:", "Add:" head rows that go into the computation above them: no heading of a section of their own
_OPERATOR = regex.compile(r"(?i)^(?:less|add|plus|deduct|minus)\s*:$")


def _heading(line: str) -> bool:
    label = line.strip(" |")
    return label.endswith(":") and not _OPERATOR.match(label)


def _run_starts(order: list[int], joins: set[tuple[int, int]]) -> list[int]:
    """For each position in `order`, the position where the run of rows joined up to it starts
    (itself when the row above is not joined to it)."""
    starts: list[int] = []
    for i, x in enumerate(order):
        starts.append(starts[i - 1] if i and (order[i - 1], x) in joins else i)
    return starts


@dataclass(frozen=True)
class _Block:
    """A candidate set of rows a total may add up, as ranges of positions in the table's row order:
    the total rows in [t0, t1) and the other rows in [o0, o1)."""

    t0: int
    t1: int
    o0: int
    o1: int
    key: tuple  # the rows it holds, as (first, last) of each kind of row: equal keys, equal sets


class _RowIndex:
    """A table's rows in order, split into total rows and the others, with running sums of each
    column's intervals per kind of figure: a candidate block of rows is summed with two look-ups per
    column instead of a walk over its rows (a long table with a total every few rows was quadratic)."""

    def __init__(self, order: list[int], rows, is_total: list[bool]):
        self.totals = [i for i, t in enumerate(is_total) if t]
        self.others = [i for i, t in enumerate(is_total) if not t]
        # (column, kind, is a total row) -> positions holding such a figure, and running sums
        self.columns: dict[tuple, tuple[list[int], list[Fraction], list[Fraction]]] = {}
        for i, x in enumerate(order):
            for c, m in rows[x].items():
                positions, lows, highs = self.columns.setdefault((c, m.kind, is_total[i]), ([], [Fraction(0)], [Fraction(0)]))
                figure = _interval(m)
                positions.append(i)
                lows.append(lows[-1] + figure.lo)
                highs.append(highs[-1] + figure.hi)

    def block(self, t0: int, t1: int, o0: int, o1: int) -> tuple[_Block, int]:
        """The block and how many rows it holds."""
        key = []
        size = 0
        for members, a, b in ((self.totals, t0, t1), (self.others, o0, o1)):
            lo, hi = bisect_left(members, a), bisect_left(members, b)
            size += max(hi - lo, 0)
            key.append((members[lo], members[hi - 1]) if hi > lo else None)
        return _Block(t0, t1, o0, o1, tuple(key)), size

    def _ranges(self, c: int, kind: str, block: _Block):
        for total, a, b in ((True, block.t0, block.t1), (False, block.o0, block.o1)):
            entry = self.columns.get((c, kind, total))
            if entry is not None and a < b:
                positions = entry[0]
                yield entry, bisect_left(positions, a), bisect_left(positions, b)

    def sum(self, c: int, kind: str, block: _Block) -> tuple[int, Fraction, Fraction]:
        """How many rows of the block hold a figure of this kind in column c, and their summed interval."""
        n, lo, hi = 0, Fraction(0), Fraction(0)
        for (_, lows, highs), i, j in self._ranges(c, kind, block):
            n += j - i
            lo += lows[j] - lows[i]
            hi += highs[j] - highs[i]
        return n, lo, hi

    def members(self, c: int, kind: str, block: _Block) -> list[int]:
        """The positions of those rows, in order."""
        out: list[int] = []
        for (positions, _, _), i, j in self._ranges(c, kind, block):
            out.extend(positions[i:j])
        return sorted(out)


def _blocks(index: _RowIndex, i: int, start: int) -> list[_Block]:
    """Candidate sets of rows the total at position i may add up: the run of rows since the last
    heading (with or without the subtotals in it), since the last total, and the subtotals plus what
    follows them. `start` is where the run of rows joined to the total begins."""
    if start >= i:
        return []
    # the last subtotal in the run, if any
    k = bisect_left(index.totals, i) - 1
    last_sub = index.totals[k] if k >= 0 and index.totals[k] >= start else None
    after = start if last_sub is None else last_sub + 1  # the rows since the last total
    candidates = [
        index.block(start, i, start, i),  # the whole run
        index.block(after, i, after, i),  # since the last total
        index.block(start, i, after, i) if last_sub is not None else (None, 0),  # subtotals and what follows
        index.block(i, i, start, i),  # the run without its subtotals
    ]
    if last_sub is not None:
        candidates.append(index.block(start, i, i, i))  # the subtotals
        # the last subtotal and the rows after it ("Total current liabilities", then the long-term rows, make
        # "Total liabilities"), when the run reaches back over earlier totals that are no part of it
        candidates.append(index.block(last_sub, last_sub + 1, after, i))
    elif k >= 0 and index.totals[k] == start - 1:
        # a run that starts right below a total, apart from it by a label or a blank line: that total and the run
        candidates.append(index.block(start - 1, start, start, i))
    out, seen = [], set()
    for block, size in candidates:
        if block is not None and size >= 2 and block.key not in seen:
            seen.add(block.key)
            out.append(block)
    return out


def row_confirms(chosen: dict[int, tuple[tuple, bool | None]], column: int) -> bool:
    """Whether a row's other columns (one at least) all fit the very rows this column is read with: the rows
    are then the row's own reading, not chosen by this column's figure agreeing (`Fact.named`)."""
    (top, bottom), _ = chosen[column]
    others = [(pair, fits) for c, (pair, fits) in chosen.items() if c != column]
    return bool(others) and all(fits is True and pair[0] is top and pair[1] is bottom for pair, fits in others)


def column_confirms(others: list[bool], apart: bool) -> bool:
    """Whether a column of shares' reading, not this row's figure, chose its amount column and whole: two thirds
    of the other rows, three at least, fit it, over a whole of the table's own (`Fact.named`)."""
    return not apart and len(others) >= 3 and 3 * sum(others) >= 2 * len(others)


MECHANISMS = {"table-total": table_totals}

"""Ratios a table states row against row: parts of a whole (margins, "% of revenue"), and the reading per-share
rows share (`tablepershare`).

"Net income per share - diluted" is the net income row over the diluted weighted shares row, column by column;
"Gross margin" is the gross profit row over the revenue row; a "% of revenue" column is each row's amount over
the revenue row's amount in the column to its left. The rows are named by their labels (basic pairs with basic,
diluted with diluted; a margin with the profit row of its name), and the labels usually leave several readings:
which net income row (before or after the minority's share), which revenue row. So the reading is the one most
columns (or rows) agree with, judged with each figure's own precision interval, and it must be agreed by at
least one column and by at least as many as disagree.

The evidence is graded. A figure whose every other column (two at least) agrees with the reading, or in a "% of
revenue" column two thirds of its other rows (three at least), is checked against a structure the table itself
confirms: tight. Otherwise the rows were chosen by their labels among candidates, and the binding is loose: a
mismatch is flagged only where a known slip explains it."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from functools import lru_cache

import regex

from ..intervals import Interval, Undefined
from ..models import Fact, Mention
from ..document.model import QUALIFIER
from .subjects import content_words
from .tablecross import Elsewhere, named
from .tablesections import line_above, segment_pairs, wrapped_label
from .tableshift import by_figures, realigned
from .tablefacts import _HUNDRED, TableRule, _grid, _interval, _labels, column_confirms, row_confirms

_AMOUNT = {"money", "number"}
_BASIS_LAST = regex.compile(r"(?i)^(.*?\w)[\s,:-]+(?:basic|diluted)\s*$")
MAX_CANDIDATES = 6  # rows of each role tried per stated row: enough for a table's few net incomes or revenues


@dataclass
class _Row:
    row: int
    label: str
    cells: dict[int, Mention]
    kinds: frozenset[str] = frozenset()
    foreign: bool = False  # another table's row, read in this table's columns (`tablecross`)
    unit: int = 1  # a count row read in the amounts' unit (`_in_units`): what each printed count stands for


@lru_cache(maxsize=4096)
def _words(label: str, stop: frozenset[str], same: tuple[tuple[str, str], ...]) -> frozenset[str]:
    """A label's content words, less the words that name the ratio rather than what it measures, with the
    synonyms the rule lists read as one (income, earnings and loss name one measure)."""
    canon = dict(same)
    return frozenset(canon.get(w, w) for w in content_words(label) if w not in stop)


class _Options:
    """A rule's options compiled once per rule (rules are loaded once)."""

    _cache: dict[int, tuple[TableRule, "_Options"]] = {}

    def __init__(self, options: dict):
        self.stated, self.not_whole, self.declared = (regex.compile(options.get(k, r"(?!)")) for k in (
            "stated_label", "not_whole_label", "declared_label"))  # (declared: a dividend's, paid on shares of record)
        keys = ("whole_label", "column_header", "shares_label", "preferred_shares", "cue_before", "cue_word",
                "compared_before", "cue_after", "cost_label", "outlook_before")
        (self.whole, self.column, self.shares, self.preferred, self.cue, self.cue_word, self.compared, self.after,
         self.cost, self.outlook) = (regex.compile(options[k]) if k in options else None for k in keys)
        self.bases = {name: regex.compile(p) for name, p in (options.get("bases") or {}).items()}
        self.skip = regex.compile(options.get("skip_header", r"(?!)"))
        self.stop = frozenset(str(options.get("stop_words", "")).split())
        self.same = tuple((w, canon) for canon, words in (options.get("synonyms") or {}).items() for w in words.split())

    @classmethod
    def of(cls, rule: TableRule) -> "_Options":
        """Compiled once per rule object (rules are loaded once; the rule is kept, so its id is not reused)."""
        entry = cls._cache.get(id(rule))
        if entry is None or entry[0] is not rule:
            entry = cls._cache[id(rule)] = (rule, cls(rule.options))
        return entry[1]

    def words(self, label: str) -> frozenset[str]:
        return _words(label, self.stop, self.same)

    def skipped(self, m: Mention) -> bool:
        """A cell of a change column: a ratio of two periods' figures does not hold for their differences."""
        return bool(m.cell.column_header and self.skip.search(m.cell.column_header))

    def basis(self, label: str) -> frozenset[str]:
        return frozenset(name for name, p in self.bases.items() if p.search(label))


def _rows(table_rows: dict[int, dict[int, Mention]], labels: dict, table: int, text: str) -> list[_Row]:
    """The table's rows in order, a row labelled only "Basic" or "Diluted" named with its group's heading as
    the quantity stage read it, or with the row right above that names the measure before its own basis."""
    out: list[_Row] = []
    for r in sorted(table_rows):
        cells = table_rows[r]
        # a row named only by its basis or class ("Basic", "Diluted from continuing operations") is named with
        # its section's heading, as the table model read it ("Earnings per share: > Basic")
        label = labels.get((table, r), "")
        path = next((m.cell.row_path for m in cells.values() if m.cell.row_path), None)
        if QUALIFIER.match(label.strip(" -–—")):  # ("Net loss per share, basic" right above a bare "Diluted")
            above = _BASIS_LAST.match(out[-1].label) if out and out[-1].row == r - 1 and not path else None
            label = path.replace(" > ", " ") if path else f"{above.group(1)} {label}" if above else label
        else:
            label = wrapped_label(label, cells, text)
        out.append(_Row(r, label, cells, frozenset(m.kind for m in cells.values())))
    return out


def _tables_stating(kind: str, mentions: list[Mention], text: str, opts: "_Options", reading=None):
    """The rows of each table that states a figure of the kind (most tables state no per-share figure, many no
    percentage: only those are read), with every table's rows for the roles another table holds."""
    if not any(m.kind == kind and m.cell is not None for m in mentions):
        return
    labels = _labels(mentions, reading)
    grid = _grid(mentions, reading)
    elsewhere = Elsewhere(grid, opts.skipped, lambda t, table_rows: _rows(table_rows, labels, t, text))
    for table, table_rows in grid.items():
        if _holds(table_rows, kind):
            yield table, elsewhere.table(table), elsewhere


def _holds(table_rows: dict[int, dict[int, Mention]], kind: str) -> bool:
    """Whether the table states any figure of the kind: only such tables' rows are read (most state no per-share figure)."""
    return any(m.kind == kind for cells in table_rows.values() for m in cells.values())


def _ratio_fits(stated: Mention, top: Mention, bottom: Mention, percent: bool, unit: int = 1) -> bool | None:
    """Does top / (bottom x unit) (x 100 for a percentage) give the stated figure? None when the column cannot
    say: a divisor that may be nothing or less, or a stated figure whose sign the ratio cannot have."""
    b_lo, b_hi = float(bottom.low) * unit, float(bottom.high) * unit
    if b_lo <= 0:
        return None
    s, t = float(stated.value), float(top.value)
    if s and t and (s < 0) != (t < 0):
        return None  # a loss printed unsigned beside a signed per-share loss: the sign is the table's convention
    # Most pairs tried are far off or plainly inside: floats say so; exact fractions decide the near calls.
    factor = 100.0 if percent else 1.0
    t_lo, t_hi = float(top.low), float(top.high)
    ends = (t_lo / b_lo, t_lo / b_hi, t_hi / b_lo, t_hi / b_hi)
    lo, hi, s_lo, s_hi = min(ends) * factor, max(ends) * factor, float(stated.low), float(stated.high)
    margin = 1e-9 * max(abs(lo), abs(hi), abs(s_lo), abs(s_hi), 1.0)
    if hi < s_lo - margin or lo > s_hi + margin:
        return False
    if hi > s_lo + margin and lo < s_hi - margin:
        return True
    try:
        ratio = _interval(top) / (_interval(bottom) * Interval.point(Fraction(unit)) if unit != 1 else _interval(bottom))
    except Undefined:
        return None
    return (ratio * _HUNDRED if percent else ratio).meets(_interval(stated))


def _reading(stated: dict[int, Mention], columns: frozenset[int], pairs, percent: bool, labelled=None) -> dict:
    """Each column's pair of rows (top, bottom) and whether it fits: the pair most columns of the stated row
    agree with, agreed by one column at least and by as many as disagree (else nothing). A column that
    disagrees but fits another candidate pair reads that pair (a loss year's diluted figure on the basic
    shares): the table's convention there, not a slip. A pair the row's label names (`labelled`: "Basic", the
    basic count) goes first when most columns agree: one column more on a near-equal count is rounding."""
    tried, best, best_score = [], None, (False, 0, 0)
    for top, bottom in pairs:
        verdicts = {}
        for c, s in stated.items():
            # a percentage beside the amounts (a "% Change" column) is no part, total or count
            if c in top.cells and c in bottom.cells and top.cells[c].kind in _AMOUNT \
                    and bottom.cells[c].kind in _AMOUNT | {"shares", "price"} \
                    and not _unsure(top, c) and not _unsure(bottom, c):
                fits = _ratio_fits(s, top.cells[c], bottom.cells[c], percent, bottom.unit)
                if fits is not None:
                    verdicts[c] = fits
        tried.append(((top, bottom), verdicts))
        agree = sum(verdicts.values())
        score = (labelled is not None and labelled((top, bottom)), agree, -(len(verdicts) - agree))
        if agree and agree >= len(verdicts) - agree and score > best_score:
            best, best_score = tried[-1], score
    if best is None:
        return {}
    chosen = {}
    (top, bottom), verdicts = best
    for c, fits in verdicts.items():
        if fits:
            chosen[c] = (best[0], True)
            continue
        other = next((pair for pair, v in tried if v.get(c)), None)
        if other:
            chosen[c] = (other, None)  # fits, but not the table's reading: no evidence either way
        elif frozenset(top.cells) == frozenset(bottom.cells) == columns:
            chosen[c] = (best[0], False)
        # else rows of different columns (a range "$(1.00) - $(0.30)" in one of them): which cell is under
        # which may be misread, so a column that disagrees says nothing
    return chosen


def _unsure(row: _Row, column: int) -> bool:
    """A plain number in a row whose other cells the quantity stage read as money or shares ("$ 135  124" where
    only the current year prints the sign): its scale is unknown, so its column is no evidence either way."""
    return row.cells[column].kind == "number" and bool(row.kinds & {"money", "shares"})


def _bind(rule: TableRule, roles: tuple[str, str, str], readings: list[tuple[dict, dict]]) -> list[Fact]:
    """A fact per column of each stated row of a table. Tight where every other figure the table's reading
    covers (two at least) agrees with it: the structure is the table's own. Loose otherwise."""
    verdicts = [fits is True for _, chosen in readings for _, fits in chosen.values()]
    agree = sum(verdicts)
    facts = []
    for stated, chosen in readings:
        for c, ((top, bottom), fits) in chosen.items():
            others, others_agree = len(verdicts) - 1, agree - (fits is True)
            apart = top.foreign or bottom.foreign  # a row of another table, matched by its label
            strength = "tight" if others >= 2 and others_agree == others and not apart else "loose"
            # counts read in the amounts' unit: the check divides by what each printed count stands for
            unit = {"count_unit": str(bottom.unit)} if bottom.unit != 1 else {}
            facts.append(Fact(id=0, type=rule.type, rule=rule.id, sentence=stated[c].sentence, strength=strength,
                              roles={roles[0]: stated[c].id, roles[1]: top.cells[c].id, roles[2]: bottom.cells[c].id},
                              attributes=unit, named=row_confirms(chosen, c)))
    return facts


def _named(rows: list[_Row], at: int, want: frozenset[str], opts: _Options, accept) -> list[_Row]:
    """Rows that `accept` and whose label shares words with `want`, those naming more of it first, then the
    nearest above, then those below (a label wrapped over lines keeps only its last line's words); with
    nothing to name, the two rows right above."""
    above = [r for r in reversed(rows[:at]) if accept(r)]
    if not want:
        return above[:2]
    below = [r for r in rows[at + 1:] if accept(r)]
    named = [(len(want & opts.words(r.label)), r) for r in above + below]
    return [r for n, r in sorted((x for x in named if x[0]), key=lambda x: -x[0])][:MAX_CANDIDATES]


def table_part_of_whole(rule: TableRule, mentions: list[Mention], text: str = "", reading=None) -> list[Fact]:
    """Margin rows over the profit row of their name and the revenue row, column by column; and "% of
    revenue" columns, each row's amount (the amount column to the left) over the revenue row's."""
    opts = _Options.of(rule)
    facts: list[Fact] = []
    guessed: set[int] = set()  # figures bound by their arithmetic alone (moved, or over rows no name fits): loose
    for table, rows, elsewhere in _tables_stating("percent", mentions, text, opts, reading):
        wholes = [r for r in rows if _is_whole(r, opts)]
        if opts.column is not None:
            facts.extend(_percent_columns(rule, rows, wholes, opts,
                                          lambda: elsewhere.rows(table, lambda r: _is_whole(r, opts))))
        # margins printed apart from the revenue (a reconciliation's "Adjusted EBITDA margin") divide by the
        # revenue row of the table that states it for the same periods
        wholes = wholes or (elsewhere.rows(table, lambda r: _is_whole(r, opts))
                            if any(opts.stated.search(r.label) for r in rows) else [])
        readings: list[tuple[dict, dict]] = []
        for i, row in enumerate(rows):
            stated = {c: m for c, m in row.cells.items() if m.kind == "percent" and m.unit == "%" and not opts.skipped(m)}
            if not stated:
                continue
            if not opts.stated.search(row.label):  # a segment under a margin heading, of a table of sections or of its own
                pairs = segment_pairs(rows, row, opts, _AMOUNT) or segment_pairs(elsewhere.rows(table, _amounts), row, opts, _AMOUNT)
                if pairs:
                    readings.append((stated, _reading(stated, frozenset(row.cells), pairs, percent=True)))
                continue
            accept = lambda r: r is not row and r.kinds & _AMOUNT  # noqa: E731
            parts = _named(rows, i, opts.words(row.label), opts, accept) \
                or named(elsewhere.rows(table, _amounts), opts.words(row.label), opts.words, MAX_CANDIDATES) or line_above(rows, i, row.label, accept)
            if not wholes:
                continue
            near = sorted(wholes, key=lambda w: (w.foreign or w.row > row.row, 0 if w.foreign else abs(w.row - row.row)))[:MAX_CANDIDATES]
            every = lambda: rows + elsewhere.rows(table, _amounts)  # noqa: E731 (read only for a row no name fits)
            readings.append(_margin_reading(stated, row, every, parts, near, guessed))
        facts.extend(_bind(rule, ("pct", "part", "whole"), readings))
    return [f.model_copy(update={"strength": "loose", "named": False}) if f.roles["pct"] in guessed else f for f in facts]


def _margin_reading(stated: dict[int, Mention], row: _Row, every, parts: list[_Row], near: list[_Row],
                    guessed: set[int]) -> tuple[dict, dict]:
    """A margin row's reading: over the profit rows its label names; else, a row printed packed, moved onto the
    columns of the rows it divides (`tableshift`); else over the one amount row of this table or one of the same
    periods (`every()`) whose figures every column agrees with ("Operating margin" over "Income from operations")."""
    pairs = [(p, w) for p in parts for w in near if w is not p]
    fit = lambda s, top, bottom: _ratio_fits(s, top, bottom, True)  # noqa: E731
    moved = realigned(stated, pairs, _usable, fit)
    if moved:
        guessed.update(m.id for m in moved[1].values())
        return moved[::-1]
    chosen = _reading(stated, frozenset(row.cells), pairs, percent=True)
    if not chosen:
        others = [r for r in every() if r is not row and r.kinds & _AMOUNT and not any(r is w for w in near)]
        chosen = by_figures(stated, others, near, _usable, fit)
        if chosen:
            guessed.update(m.id for m in stated.values())
    return stated, chosen


def _amounts(row: _Row) -> bool:
    return bool(row.kinds & _AMOUNT)


def _usable(row: _Row, column: int) -> bool:
    return row.cells[column].kind in _AMOUNT and not _unsure(row, column)


def _is_whole(r: _Row, opts: _Options) -> bool:
    return bool(opts.whole.search(r.label) and not opts.not_whole.search(r.label) and r.kinds & _AMOUNT)


def _percent_columns(rule: TableRule, rows: list[_Row], wholes: list[_Row], opts: _Options, elsewhere=None) -> list[Fact]:
    """A column of shares of a whole: each row's percentage is its amount in the amount column beside it over the
    whole's amount there. The column is one headed "% of revenue" (its amounts the nearest column left of it), or
    one a header names no share of (a fixed-width layout split "% of Sales" over two lines, and printed each share
    before its amount) holding a row that reads 100%: the amounts are then the column beside it on either side
    that most rows agree with, two thirds of them and three at least. The whole is one row for every row (the
    revenue row, or the row that reads 100%), or, in a table of sections, the row of the same label in the revenue
    section above; a "% of revenue" column of a table with none takes another table's of its periods, loosely."""
    headers = {c: m.cell.column_header for r in rows for c, m in r.cells.items() if m.cell.column_header}
    columns = sorted({c for r in rows for c, m in r.cells.items() if m.kind == "percent" and m.unit == "%"})
    facts: list[Fact] = []
    for pc in columns:
        named = bool(opts.column.search(headers.get(pc, "")))
        members = [r for r in rows if pc in r.cells and r.cells[pc].kind == "percent"]
        hundred = [r for r in members if Decimal(r.cells[pc].value) == 100]
        guessed = not named and not hundred  # (a fixed-width header lost): read by its figures alone, loosely
        if not named and (opts.skip.search(headers.get(pc, "")) or guessed and not wholes):
            continue
        if named and not wholes and not hundred and elsewhere is not None:
            wholes = elsewhere()
        found = _column_reading(rows, members, wholes, hundred, pc, named)
        if found is None:
            continue
        vc, reading, verdicts = found
        for r in members:
            if r.row not in verdicts:
                continue
            others = [v for k, v in verdicts.items() if k != r.row]
            whole = reading[r.row]
            confirmed = all(others) or sum(others) >= 3 and 3 * sum(others) >= 2 * len(others)
            strength = "tight" if len(others) >= 2 and confirmed and not whole.foreign and not guessed else "loose"
            facts.append(Fact(id=0, type=rule.type, rule=rule.id, sentence=r.cells[pc].sentence, strength=strength,
                              named=column_confirms(others, whole.foreign or guessed), roles={"pct": r.cells[pc].id, "part": r.cells[vc].id, "whole": whole.cells[vc].id}))
    return facts


def _column_reading(rows: list[_Row], members: list[_Row], wholes: list[_Row], hundred: list[_Row], pc: int, named: bool):
    """The amount column (vc), the reading (row -> its whole) and its verdicts of a column of shares: for a
    column a header names, its nearest amount column to the left; else the nearest on either side, whichever
    two thirds of the rows, three at least, agree with (the left on a tie)."""
    best, best_score = None, (0, 0)
    for side in (-1, 1) if not named else (-1,):
        amount_cols = {c for r in members for c, m in r.cells.items() if (c - pc) * side > 0 and m.kind in _AMOUNT}
        if not amount_cols:
            continue
        vc = max(amount_cols) if side < 0 else min(amount_cols)
        beside = [r for r in members if vc in r.cells and r.cells[vc].kind in _AMOUNT]
        candidates = [w for w in wholes + [h for h in hundred if h in beside] if vc in w.cells][:MAX_CANDIDATES]
        readings = [{r.row: w for r in beside} for w in candidates] + [_same_label_above(rows, beside, vc)]
        found = _row_reading(beside, readings, pc, vc)
        if found is None:
            continue
        reading, verdicts = found
        if reading and all(any(w is h for h in hundred) and w.row >= r for r, w in reading.items()):
            continue  # a column footing to 100% below its rows: table-share's, which knows a row rounded to foot
        agree = sum(verdicts.values())
        if not named and (agree < 3 or 3 * agree < 2 * len(verdicts)):
            continue
        if (agree, agree - len(verdicts)) > best_score:
            best, best_score = (vc, reading, verdicts), (agree, agree - len(verdicts))
    return best


def _same_label_above(rows: list[_Row], members: list[_Row], vc: int) -> dict[int, _Row]:
    """For each row, the nearest row above it of the same label with an amount in the column: the revenue
    section's line for the segment whose profit this row gives."""
    last: dict[str, _Row] = {}
    out: dict[int, _Row] = {}
    member_rows = {r.row for r in members}
    for r in rows:
        key = r.label.strip().lower()
        if r.row in member_rows and key in last:
            out[r.row] = last[key]
        if vc in r.cells and r.cells[vc].kind in _AMOUNT:
            last[key] = r
    return out


def _row_reading(members: list[_Row], readings: list[dict[int, _Row]], pc: int, vc: int):
    """The reading (row -> its whole) most rows agree with, as `_reading` judges columns."""
    best, best_score, best_verdicts = None, (0, 0), {}
    for reading in readings:
        verdicts = {}
        for r in members:
            whole = reading.get(r.row)
            if whole is None or whole is r:
                continue  # the whole over itself says nothing about the reading
            fits = _ratio_fits(r.cells[pc], r.cells[vc], whole.cells[vc], percent=True)
            if fits is not None:
                verdicts[r.row] = fits
        agree = sum(verdicts.values())
        score = (agree, -(len(verdicts) - agree))
        if agree >= 2 and agree >= len(verdicts) - agree and score > best_score:
            best, best_score, best_verdicts = reading, score, verdicts
    return (best, best_verdicts) if best else None


MECHANISMS = {"table-part-of-whole": table_part_of_whole}

"""Ratio rows a table states with no word for their parts: "Payout ratio" (dividends over funds from operations),
"Load factor" (traffic over capacity), "Fleet utilization" (days at work over days available), "Effective tax
rate" (the tax over the income before it); and ratio rows whose label names both parts (`table_named_ratios`).

The label names the ratio, not the two rows it divides, so the rows are read from the figures alone: every pair
of amount rows near the ratio row is tried, column by column, and the pair is the one every column the ratio row
prints agrees with, three at least (one may break it), or two printed to a thousandth of themselves. Nothing in
the words confirms the pair, and it is chosen among many, so the binding is loose: a figure is flagged only where
a known slip explains the mismatch. A pair two readings share (rows of equal figures) is no reading, unless the
two readings print the same figures in every column (a total of one line): one reading, bound to the rows printed
first.
A ratio printed to a hundredth of a point tells its pair from any chance fit (in two columns, both agreeing), and is
read over a wider window (a bank's efficiency ratio under its whole income statement).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from decimal import Decimal
from functools import lru_cache

from ..models import Fact, Mention
from ..rules import compiled
from .subjects import WORD, stem
from .tablefacts import TableRule
from .tableratios import _AMOUNT, MAX_CANDIDATES, _bind, _Options, _ratio_fits, _reading, _Row, _tables_stating

WINDOW = 12  # rows either side of the ratio row tried as its parts and wholes: a block's rows, not the statement's
WIDE = 30  # the window for a ratio row printed fine: a statement's ratios under its whole income statement
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
            fine = bool(stated) and all(float(m.high) - float(m.low) <= FINE * abs(float(m.value)) for m in stated.values())
            least = 2 if fine else MIN_AGREE
            if len(stated) < least or not opts.stated.search(row.label) or opts.not_whole.search(row.label):
                continue
            # figures printed fine leave no chance fit however far apart the rows: a wider window ("Efficiency ratio"
            # under a whole income statement, up to thirty rows from its revenue), in two columns too, where both agree
            window = WIDE if fine else WINDOW
            near = [r for r in rows[max(0, i - window):i + window + 1]
                    if r is not row and r.kinds & _AMOUNT and len(stated.keys() & r.cells.keys()) >= least]
            pair = _pair(stated, near, least)
            if pair is not None:
                facts.extend(_shares(rule, stated, pair))
    return facts


def _shares(rule, stated: dict[int, Mention], pair: tuple[_Row, _Row]) -> list[Fact]:
    """Each stated percentage over the pair's two figures at its place (a column of ratio rows, a row of ratio
    columns), loosely: the pair is the reading most places agree with."""
    top, bottom = pair
    return [Fact(id=0, type=rule.type, rule=rule.id, sentence=m.sentence, strength="loose",
                 roles={"pct": m.id, "part": top.cells[k].id, "whole": bottom.cells[k].id})
            for k, m in stated.items() if k in top.cells and k in bottom.cells]


def _pair(stated: dict[int, Mention], near: list[_Row], least: int) -> tuple[_Row, _Row] | None:
    """The (part, whole) pair of rows the most stated columns agree with, all of them but one at most and three
    at least; None when no pair does, or two do alike. A column agrees only where the pair's ratio is narrow
    enough to tell (counts of a digit or two fit most percentages). Two pairs printing the same figures in every
    stated column (a total of one line: "Operating expenses" and "Total operating expense" alike), or the same
    measures in two units (`_unit_twins`), are one reading, bound to the rows printed first."""
    best, best_score, tie = None, (0, 0), False
    broken = _far_in_both(stated, near)
    for top in near:
        for bottom in near:
            if top is bottom or broken is not None and (id(top), id(bottom)) in broken:
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
                if score == best_score and best is not None and (_same_figures(best, (top, bottom), stated)
                                                                 or _unit_twins(best, (top, bottom))):
                    if _first((top, bottom)) < _first(best):
                        best = (top, bottom)
                    continue
                tie = score == best_score
                best, best_score = (top, bottom), score
    return None if tie else best


def _far_in_both(stated: dict[int, Mention], near: list[_Row]) -> set[tuple[int, int]] | None:
    """The pairs (by row id) whose ratio misses the stated figure plainly, read in floats, in both of the first two
    stated columns: two columns broken, they cannot be the reading (one may break it), and are not tried. None
    where there are too few rows for the filter to pay."""
    if len(near) < 16 or len(stated) < 2:
        return None
    far_in: list[set[tuple[int, int]]] = []
    for c in list(stated)[:2]:
        s = stated[c]
        s_lo, s_hi, sv = float(s.low), float(s.high), float(s.value)
        eps = 1e-9 * max(abs(s_lo), abs(s_hi), 1.0)
        ends = [(id(r), float(r.cells[c].low), float(r.cells[c].high), float(r.cells[c].value))
                for r in near if c in r.cells and r.cells[c].kind in _AMOUNT]
        far = set()
        for t, t_lo, t_hi, tv in ends:
            if sv and tv and (sv < 0) != (tv < 0):
                continue  # no evidence either way (`_ratio_fits`)
            for b, b_lo, b_hi, _ in ends:
                if b_lo <= 0 or t == b:
                    continue
                q = (t_lo / b_lo * 100, t_lo / b_hi * 100, t_hi / b_lo * 100, t_hi / b_hi * 100)
                if max(q) < s_lo - eps or min(q) > s_hi + eps:
                    far.add((t, b))
        far_in.append(far)
    return far_in[0] & far_in[1]


def _same_figures(a: tuple[_Row, _Row], b: tuple[_Row, _Row], stated: dict[int, Mention]) -> bool:
    """Whether two pairs of rows print the same figures in every stated column."""
    return all((x.cells.get(c) and y.cells.get(c) and x.cells[c].value == y.cells[c].value)
               for x, y in zip(a, b) for c in stated)


# a unit a label names in brackets ("GLA ('000s sqm)", "Leased area (sq ft)", "Revenue (US$ m)"): the words left
# name the measure, whatever its unit
_UNIT_NOTE = compiled(r"\([^()]*\b(?:sq\w*|square|acres?|hectares?|m2|ft2|tonnes?|tons?|boe|bbl|mcf\w*|gwh|mwh|kwh|km|miles?|"
                      r"units?|000s?|thousands?|millions?|m|bn|usd|eur|us\$|\$|€|£)\b[^()]*\)")


def _unit_twins(a: tuple[_Row, _Row], b: tuple[_Row, _Row]) -> bool:
    """Whether two pairs divide the same two measures printed in two units ("GLA ('000s square feet)" and "GLA
    ('000s sqm)", each with its leased area): one reading told twice, bound to the rows printed first. Every row's
    label must name its unit, and the two labels agree once it is left out."""
    for x, y in zip(a, b):
        if x is y or not (_UNIT_NOTE.search(x.label) and _UNIT_NOTE.search(y.label)):
            return False
        if _measure(x.label) != _measure(y.label):
            return False
    return True


@lru_cache(maxsize=1024)
def _measure(label: str) -> str:
    return " ".join(_UNIT_NOTE.sub(" ", label).lower().split())


def _first(pair: tuple[_Row, _Row]) -> tuple[int, int]:
    """Where a pair's rows are printed: of two pairs of the same figures, the one printed first is the figure
    itself, the other its restatement (a total of one line under its line)."""
    return (min(r.row for r in pair), max(r.row for r in pair))


def _telling(stated: Mention, top: Mention, bottom: Mention, factor: float = 100.0) -> bool:
    """Whether the ratio's interval (x `factor`: a percentage's 100, an average's 1) is narrow beside the stated
    figure's: within five of its rounding steps."""
    lo, hi = float(top.low) / float(bottom.high), float(top.high) / float(bottom.low)
    return (hi - lo) * factor <= 5 * (float(stated.high) - float(stated.low))


def table_named_ratios(rule: TableRule, mentions: list[Mention], text: str = "", reading=None) -> list[Fact]:
    """A row whose label names the two rows it divides: "Nonperforming assets / total assets", "Debt to equity",
    "Net debt to adjusted EBITDA" (a multiple), or by the letters other rows carry ("Loan-to-value (A/B)" over
    "Net debt (A)" and "Property value (B)").

    The label says which rows, so the figures only confirm it: each side is the row whose label holds the side's
    words one after the other (in this table, else another table of the same periods), and the pair most columns
    agree with is the reading. It is tight where each side named one row of this table and every other column (two at
    least) agrees; where a side named several rows, or rows of another table, the pair was chosen and the
    binding is loose."""
    opts = _Options.of(rule)
    kind = rule.options.get("kind", "percent")
    letters = compiled(rule.options["letters"])
    stated_of = (lambda m: m.kind == "percent" and m.unit == "%") if kind == "percent" else (lambda m: m.kind == kind)
    # (most releases print no ratio row naming two parts: their tables are not read; each label is asked once)
    labels = {m.cell.row_label or "" for m in mentions if m.cell is not None and stated_of(m)}
    if not any(_names_parts(label, opts, letters) for label in labels):
        return []
    roles = ("pct", "part", "whole") if kind == "percent" else ("factor", "to", "from")

    def sided(r: _Row) -> bool:
        return not _ratio_row(r, opts, letters)

    facts: list[Fact] = []
    for table, rows, elsewhere in _tables_stating(kind, mentions, text, opts, reading):
        for row in rows:
            stated = {c: m for c, m in row.cells.items() if stated_of(m) and not opts.skipped(m)}
            # a ratio row prints ratios only: a row of amounts with their shares beside them is no ratio of two rows
            ratios_only = all(m.kind == kind for m in row.cells.values())
            sides = _names_parts(row.label, opts, letters) if stated and ratios_only else None
            if sides is None:
                continue
            # (another ratio row naming the side, "Debt to adjusted EBITDA 9.4", is no side: the rows of the
            # other tables are read past it)
            found = [_side_rows([r for r in rows if sided(r)], row, side, opts)
                     or _side_rows(elsewhere.rows(table, sided), row, side, opts)
                     if isinstance(side, tuple) else _lettered(rows, row, side) for side in sides]
            pairs = [(t, b) for t in found[0] for b in found[1] if t is not b]
            chosen = _reading(stated, frozenset(row.cells), pairs, percent=kind == "percent")
            sized = not chosen and kind == "percent" and _sized_pairs(stated, pairs)
            if sized:  # a cost printed in brackets over a positive whole, its ratio printed positive
                chosen = _reading(stated, frozenset(row.cells), sized, percent=True)
            # a side named by a bare letter ("Net rents A") is read from how the label ends, not named: loose
            single = len(found[0]) == len(found[1]) == 1 and all(
                not isinstance(side, str) or f"({side})" in rows_[0].label.upper() for side, rows_ in zip(sides, found))
            for fact in _bind(rule, roles, [(stated, chosen)]):
                if sized:
                    fact.attributes = {**fact.attributes, "sign": "sizes"}
                if not single:
                    fact.strength, fact.named = "loose", False  # one row among several of those words: chosen, not named
                facts.append(fact)
    return facts


def _ratio_row(row: _Row, opts: _Options, letters) -> bool:
    """A row stating a ratio of two rows itself: its label names two sides, and it prints plain figures or
    percentages under a hundred (multiples, shares), no money."""
    return all(m.kind in ("number", "percent") and abs(float(m.value)) < 100 for m in row.cells.values()) \
        and _names_parts(row.label, opts, letters) is not None


def _sized_pairs(stated: dict[int, Mention], pairs: list[tuple[_Row, _Row]]) -> list[tuple[_Row, _Row]]:
    """The pairs whose part prints every figure of the stated columns in brackets (a cost: "EPRA costs (A)
    (137,756)") over a whole printed positive, while the ratio row prints positive figures: the part read by its
    size ("EPRA cost ratio (A/C) 19.7%"), the bracket being the statement's sign for a cost, not the ratio's. The
    facts say so (`sign: sizes`), and the check reads the part by its size too."""
    if not all(float(m.value) > 0 for m in stated.values()):
        return []
    out = []
    for top, bottom in pairs:
        cells = [(top.cells.get(c), bottom.cells.get(c)) for c in stated]
        if all(t is not None and b is not None and float(t.value) < 0 < float(b.value) for t, b in cells):
            flipped = {c: m.model_copy(update={"value": str(-Decimal(m.value)), "low": str(-Decimal(m.high)),
                                               "high": str(-Decimal(m.low))}) for c, m in top.cells.items()}
            out.append((replace(top, cells=flipped), bottom))
    return out


def _names_parts(label: str, opts: _Options, letters) -> tuple | None:
    """The two sides a ratio row's label names, as the words of each in order (or the letters of each, "(A/B)");
    None for a label that names no two parts (a unit, "$/Mcfe"; a rate of exchange; a change)."""
    if opts.not_whole.search(label):
        return None
    marks = letters.search(label)
    if marks:
        return marks.group("top").upper(), marks.group("bottom").upper()
    parts = opts.stated.match(label)
    if parts is None:
        return None
    top, bottom = _phrase(parts.group("top"), opts), _phrase(_BASIS.sub("", parts.group("bottom")), opts)
    return (top, bottom) if top and bottom and top != bottom else None


# the basis a ratio's label ends on ("Debt to total assets per the REIT's financial statements"), which names the
# statements both sides are read from, not the rows: left out of the bottom side. Only the statements themselves
# (financial statements, balance sheet, GAAP, IFRS); a lender's or a credit agreement's basis stays in the label,
# which then names no row
_BASIS = compiled(r"(?i)\s+per\s+(?:the|its|our)\s(?:[^|]*\s)?(?:financial\s+statements|balance\s+sheets?|GAAP|IFRS)\b[^|]*$")


@lru_cache(maxsize=4096)
def _phrase(label: str, opts: _Options) -> tuple[str, ...]:
    """A label's words in order, less the rule's stop words, its synonyms read as one ("total" is kept: "total
    assets" is not "nonperforming assets")."""
    canon = dict(opts.same)
    return tuple(canon.get(w, w) for w in map(stem, WORD.findall(label)) if len(w) > 1 and w not in opts.stop)


def _holds(label: str, side: tuple[str, ...], opts: _Options) -> bool:
    """Whether a row label holds the side's words one after the other ("Total nonperforming assets" holds
    "nonperforming assets", not "total assets")."""
    words = _phrase(label, opts)
    return any(words[i:i + len(side)] == side for i in range(len(words) - len(side) + 1))


def _side_rows(rows: list[_Row], row: _Row, side: tuple[str, ...], opts: _Options) -> list[_Row]:
    """The rows holding an amount whose label holds the side's words in order, those with the fewest other words
    first, then the nearest (of this table, or of another, read in this table's columns)."""
    found = [(len(_phrase(r.label, opts)) - len(side), 0 if r.foreign else abs(r.row - row.row), r) for r in rows
             if r is not row and r.kinds & _AMOUNT and _holds(r.label, side, opts)]
    return [r for _, _, r in sorted(found, key=lambda x: x[:2])][:MAX_CANDIDATES]


def _lettered(rows: list[_Row], row: _Row, letter: str) -> list[_Row]:
    """The rows of this table whose label carries the letter the ratio names them by ("Net debt (A)"), or, where
    none does, ends on it alone ("Annual net rents A"; never a class or series: "Preferred stock, Series A", nor
    one of rows told apart by their letters: "Term Loan A" beside "Term Loan B")."""
    mark = f"({letter})"
    marked = [r for r in rows if r is not row and r.kinds & _AMOUNT and mark in r.label.upper()]
    if not marked:
        # rows whose labels differ by their last letter only are named by it, one of several
        named = Counter(tuple(r.label.split()[:-1]) for r in rows if _ends_on(r.label, None))
        marked = [r for r in rows if r is not row and r.kinds & _AMOUNT and _ends_on(r.label, letter)
                  and named[tuple(r.label.split()[:-1])] < 2]
    return marked[:MAX_CANDIDATES]


# the words that name one of several by a letter ("Series A", "Phase B"): such a letter is no side of a ratio
_NAMING = frozenset({"class", "series", "tier", "level", "phase", "type", "grade", "note", "unit", "tranche", "stage",
                     "block", "zone", "area", "lot", "plan", "schedule", "part", "group", "pool"})


def _ends_on(label: str, letter: str | None) -> bool:
    """Whether a row label's last word is the capital letter alone (`letter`, or any with None)."""
    words = label.split()
    if len(words) < 2 or not (words[-1] == letter if letter else len(words[-1]) == 1 and words[-1].isupper()):
        return False
    before = words[-2]
    # a naming word is a name when capitalised ("Series A", "Phase B"); in lower case it is a measure the letter
    # marks ("Rentable area A")
    return before[-1] not in "-/&." and not (before.lower() in _NAMING and before[:1].isupper())


def table_ratio_columns(rule: TableRule, mentions: list[Mention], text: str = "", reading=None) -> list[Fact]:
    """A column of percentages each row's two amounts give, the same two columns in every row: a segment table's
    margin column beside its revenue and profit columns ("Revenues | Operating EBITDA | EBITDA margin"), often
    under headers a fixed-width layout lost. Read from the figures alone, as ratio rows are (`_pair`, turned on its
    side): the pair of amount columns every row agrees with, three rows at least (one may break it); a column of
    changes (a column over another less one) is none. Loose: chosen among many pairs."""
    opts = _Options.of(rule)
    facts: list[Fact] = []
    # (only a table with a column of three percentages or more is read)
    held = Counter((m.cell.table, m.cell.column) for m in mentions if m.kind == "percent" and m.cell is not None)
    tables = {t for (t, _), n in held.items() if n >= MIN_AGREE}
    if not tables:
        return facts
    for table, rows, _ in _tables_stating("percent", mentions, text, opts, reading):
        if table not in tables:
            continue
        columns = [_Row(c, "", {r.row: r.cells[c] for r in rows if c in r.cells}) for c in _all_columns(rows)]
        for col in columns:
            stated = {r: m for r, m in col.cells.items() if m.kind == "percent" and m.unit == "%" and not opts.skipped(m)}
            if len(stated) < MIN_AGREE:
                continue
            near = [x for x in columns if x is not col and sum(m.kind in _AMOUNT for m in x.cells.values()) >= MIN_AGREE
                    and len(stated.keys() & x.cells.keys()) >= MIN_AGREE]
            pair = _pair(stated, near, MIN_AGREE)
            if pair is not None and not _change_column(stated, near):
                facts.extend(_shares(rule, stated, pair))
    return facts


def _all_columns(rows: list[_Row]) -> list[int]:
    return sorted({c for r in rows for c in r.cells})


def _change_column(stated: dict[int, Mention], near: list[_Row]) -> bool:
    """Whether the percentages are, row by row, one column's change on another's (the later over the earlier,
    less one), in most rows that print both (two at least): a column of changes, whose "$ change" column over the
    earlier figures would fit it."""
    for later in near:
        for earlier in near:
            if later is earlier:
                continue
            fit = compared = 0
            for r, s in stated.items():
                a, b = later.cells.get(r), earlier.cells.get(r)
                if a is None or b is None or a.kind not in _AMOUNT or b.kind not in _AMOUNT or float(b.low) <= 0:
                    continue  # (a row printing no figure now, "(100)%", cannot say)
                compared += 1
                q = (float(a.low) / float(b.high), float(a.high) / float(b.low))
                fit += min(q) * 100 - 100 <= float(s.high) + 1e-9 and max(q) * 100 - 100 >= float(s.low) - 1e-9
            if fit >= 2 and 2 * fit > compared:
                return True
    return False


MECHANISMS = {"table-ratio-rows": table_ratio_rows, "table-named-ratio": table_named_ratios,
              "table-ratio-columns": table_ratio_columns}

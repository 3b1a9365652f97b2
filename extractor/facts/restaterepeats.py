"""Figures a release prints more than once with the same value, bound by the printings themselves rather than by
what each sentence calls them.

- A figure said three times or more (the headline, the highlights, the discussion, the table) is bound pair by pair
  by value and names, each printing to the one nearest it that names it alike: the headline's figure to the body's,
  the body's to the cell (by its row's name, or the row the heading over its paragraph names). A reader takes every printing for one figure, so the printings those bindings join are
  bound to each other too (`by: chain`), when each pair agrees and the joined printings hold no two figures of one
  sentence or one table (a chain through "$0.2 million" of research costs and "$0.2 million" of net income would
  join two rows of the statement: it joins nothing).
- A figure of four significant digits or more that the release prints exactly twice, with the same digits and the
  same value, in a sentence and a table (five in two tables), is one figure whatever each calls it (`by: twice`).

All are loose: they join agreeing figures only, and no check flags them.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import defaultdict
from itertools import combinations

import regex

from ..intervals import exact
from ..models import Fact, Mention
from .changevalues import significant
from .restatechoice import SCALES, agrees, cell_scale
from .restatecolumns import CELL_KINDS
from .restatekinds import Footing
from .restatemisprints import significant as printed_digits
from .restatenames import BRACKETED as _BRACKETED
from .restatepairs import CHANGE
from .subjects import Reading, content_words, stem

# how many significant digits a figure printed in a sentence and a cell must share to be bound for that alone, and
# two cells of two tables (hundreds of cells meet by chance in fewer)
_CELL_DIGITS = 4
_TABLE_DIGITS = 5
# the bindings a chain is made of: agreement in value with names or a row label that meet, or with a row the
# heading over the figure's paragraph names, digits printed twice, one row in two tables
_LINKS = frozenset((None, "value", "heading", "twice", "table"))
# where a prose figure's clause ends: the words after it name another figure, but for the clause after
# "respectively", which names each figure of the list before it (a comma before a digit is a date's)
_CLAUSE_END = regex.compile(r"(?<!\brespectively)[,;]\s(?!respectively\b|\d)")
# how many significant digits a prose figure must print for its value alone to pick a cell among the tables
_VALUE_DIGITS = 3
# and the fewest it may print where the sentence names the cell's whole row label
_NAMED_DIGITS = 2
# the words a period is named by: a sentence and a column header sharing only these name no one figure
PERIOD_WORDS = frozenset(stem(w) for w in (
    "year quarter month period ended ending first second third fourth full fiscal prior previous compared "
    "january february march april may june july august september october november december").split())
# a figure printed more often than this is a common value (a round amount, a rate), not one figure told again
_MAX_CHAIN = 6


def together(a: Mention, b: Mention) -> bool:
    """Two figures of one sentence, or two cells of one table, are different figures."""
    if a.cell is not None and b.cell is not None:
        return a.cell.table == b.cell.table
    return a.cell is None and b.cell is None and a.sentence == b.sentence


def signed(m: Mention) -> bool:
    return m.value.startswith("-")


def magnitude(lo, hi):
    """The magnitudes an interval of one sign spans (an interval across zero spans from nothing)."""
    if lo >= 0:
        return lo, hi
    return (-hi, -lo) if hi <= 0 else (type(lo)(0), max(-lo, hi))


def inside(a: Mention, b: Mention, reading: Reading) -> bool:
    """Whether a's printed magnitude lies inside b's printed interval: one figure printed inside the other's
    rounding, not two roundings that only touch ("$6.1 million" and "$6.0 million", "15%" and "14%" are two
    figures of one precision)."""
    # floats decide all but a value within a rounding error of an end, which exact fractions decide
    lo, hi = magnitude(float(b.low), float(b.high))
    value, slack = abs(float(a.value)), 1e-9 * (abs(lo) + abs(hi) + 1)
    if lo + slack < value < hi - slack or value < lo - slack or value > hi + slack:
        return lo < value < hi
    lo, hi = magnitude(*reading.interval(b))
    return lo <= abs(exact(a.value)) <= hi


def chained(rule, facts: list[Fact], reading: Reading, footing: Footing) -> list[Fact]:
    """Every two printings of one figure that the release's agreeing bindings join and no binding joins yet."""
    by_id = {m.id: m for m in reading.mentions}
    parent: dict[int, int] = {}

    def root(i: int) -> int:
        while parent.setdefault(i, i) != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    bound = {frozenset(f.roles.values()) for f in facts}
    links = [(by_id[f.roles["a"]], by_id[f.roles["b"]]) for f in facts
             if f.attributes.get("by") in _LINKS and f.roles["a"] != f.roles["b"] and "sign" not in f.attributes]
    # a figure that agrees with two cells of one table (a total and its largest part rounded alike) says
    # nothing of which it restates: it joins neither
    cells: dict[tuple[int, int], int] = defaultdict(int)
    for a, b in links:
        for one, other in ((a, b), (b, a)):
            if other.cell is not None:
                cells[(one.id, other.cell.table)] += 1
    for a, b in links:
        if any(other.cell is not None and cells[(one.id, other.cell.table)] > 1 for one, other in ((a, b), (b, a))):
            continue
        if inside(a, b, reading) or inside(b, a, reading):
            parent[root(a.id)] = root(b.id)
    groups: dict[int, list[Mention]] = defaultdict(list)
    for i in list(parent):
        groups[root(i)].append(by_id[i])
    out = []
    for group in groups.values():
        # (plain numbers count anything: a product's name, a header's year, "40" of a company's name)
        if not 3 <= len(group) <= _MAX_CHAIN or any(m.kind == "number" for m in group) \
                or any(together(a, b) for a, b in combinations(group, 2)):
            continue
        group.sort(key=lambda m: m.start)
        for a, b in combinations(group, 2):
            if frozenset((a.id, b.id)) in bound or not (inside(a, b, reading) or inside(b, a, reading)):
                continue
            on = footing.of(a, b)
            if on is None and not (a.kind == b.kind and a.unit == b.unit):
                continue
            attributes = {"by": "chain", "footing": on} if on else {"by": "chain"}
            out.append(Fact(id=0, type=rule.type, rule=rule.id, roles={"a": a.id, "b": b.id}, sentence=b.sentence,
                            attributes=attributes, strength="loose"))
    return out


def only_two_printings(rule, equal: dict[int, tuple[Mention, list[Mention]]], facts: list[Fact], footing: Footing,
                       reading: Reading) -> list[Fact]:
    """A figure of four significant digits or more that the release prints exactly twice, with the same digits and
    the same value, in two sentences or tables: one figure said twice, whatever each calls it ("other income of
    $41,341" and the cell "41,341" of a segment's "Revenues" row; the summary's "Revenues" and the statement's). A
    table holds so many figures that fewer digits meet by chance; two printings of four or more that agree (five
    for two cells of two tables), and no third, are one figure unless their periods clash; two cells of one table
    stay two figures (basic and diluted counts, two periods that happen to agree), and a sentence's change is no
    level. A sentence's amount and a table's plain figure (no currency named
    over it) are compared as amounts."""
    bound = {frozenset(f.roles.values()) for f in facts}
    digits_of = {m.id: printed_digits(m) for m in reading.mentions if m.kind != "date"}
    printed: dict[str, int] = defaultdict(int)
    for digits in digits_of.values():
        printed[digits] += 1
    out = []
    for y, candidates in equal.values():
        digits = digits_of[y.id]
        if len(digits) < _CELL_DIGITS or printed[digits] != 2 or _change(y, reading):
            continue
        for x in candidates:
            if x.cell is None and y.cell is None or frozenset((x.id, y.id)) in bound or signed(x) != signed(y) \
                    or digits_of[x.id] != digits or together(x, y) or _change(x, reading) \
                    or x.cell is not None and y.cell is not None and len(digits) < _TABLE_DIGITS:
                continue
            on = footing.of(x, y)
            if on is None and _plain_amount(x, y):
                on = "amount"
            if on is not None and reading.subject(x).compatible(reading.subject(y)):
                attributes = {"by": "twice", "footing": on} if on else {"by": "twice"}
                out.append(Fact(id=0, type=rule.type, rule=rule.id, roles={"a": x.id, "b": y.id},
                                sentence=y.sentence, attributes=attributes, strength="loose"))
    return out


def _change(m: Mention, reading: Reading) -> bool:
    """A sentence's change ("up EUR151.8 million versus end of June") is no level a table prints."""
    return m.cell is None and bool(CHANGE.search(reading.text, max(0, m.start - 30), m.start))


def _plain_amount(a: Mention, b: Mention) -> bool:
    """An amount and a plain figure of a table naming no currency."""
    kinds = {a.kind, b.kind}
    plain = a if a.kind == "number" else b
    return kinds == {"money", "number"} and plain.cell is not None and plain.unit is None


def agreeing_cell(rule, facts: list[Fact], figures: list[Mention], footing: Footing, reading: Reading) -> list[Fact]:
    """Each prose figure no binding joins to a cell, bound to the one cell of the release that agrees with it
    and whose row label or column header shares a word with its clause (`by: cell`). The digits pick the cell,
    the shared word only confirms it: both print three significant digits or more (the prose figure two where
    its sentence names the row's whole label and no basis the label does not), one inside the other's
    rounding, no second cell agrees (a figure agreeing with two cells says nothing of which it restates), and a
    row naming a stage of its measure ("Income before income taxes") restates only a sentence naming that stage.
    A period is not asked: a column header misread ("Twelve Months Ended" over a balance sheet's days) clashes
    with a sentence's period where the digits are right."""
    cells = [c for c in figures if c.cell is not None and significant(c) >= _VALUE_DIGITS]
    basis = frozenset(content_words(str(rule.options.get("basis_words", ""))))
    in_cells = {c.id for c in reading.mentions if c.cell is not None}
    tied = {i for f in facts for i in f.roles.values() if any(j in in_cells for j in f.roles.values() if j != i)}
    out, index = [], _CellIndex(cells)
    for p in figures:
        if p.cell is not None or p.id in tied or significant(p) < _NAMED_DIGITS:
            continue
        kinds = CELL_KINDS.get(p.kind, {p.kind})
        agreeing = [c for c in index.near(p) if signed(c) == signed(p) and (c.kind in kinds or footing.of(p, c))
                    and agrees(p, c, cell_scale(p, c), reading) and _within(p, c, cell_scale(p, c), reading)]
        whole = basis if significant(p) < _VALUE_DIGITS else None
        if len(agreeing) != 1 or not _confirmed(p, agreeing[0], footing, reading, whole) \
                or footing.apart(p, agreeing[0], reading):
            continue  # (a stage the sentence names that the row does not: "pre-tax income" and "Net income")
        c = agreeing[0]
        scale, on = cell_scale(p, c), footing.of(p, c)
        attributes = {"by": "cell"} | ({"scale": str(scale)} if scale != 1 else {}) | ({"footing": on} if on else {})
        out.append(Fact(id=0, type=rule.type, rule=rule.id, roles={"a": c.id, "b": p.id}, sentence=p.sentence,
                        attributes=attributes, strength="loose"))
    return out


class _CellIndex:
    """The cells by the middle of their printed magnitude, so that a prose figure meets only the cells near it
    at one of the scales rather than every cell of the release (that join was a tenth of the whole analysis of
    results releases). `near` returns every cell whose interval can meet the figure's at some scale, and more."""

    def __init__(self, cells: list[Mention]):
        self.wide, rows = [], []  # wide: intervals across zero or as wide as half their middle, always compared
        for c in cells:
            lo, hi = magnitude(float(c.low), float(c.high))
            mid, half = (lo + hi) / 2, (hi - lo) / 2
            if mid <= 0 or half >= mid / 2:
                self.wide.append(c)
            else:
                rows.append((mid, half / mid, c))
        rows.sort(key=lambda row: row[0])
        self.mids, self.cells = [row[0] for row in rows], [row[2] for row in rows]
        self.spread = max((row[1] for row in rows), default=0.0)

    def near(self, p: Mention) -> list[Mention]:
        lo, hi = magnitude(float(p.low), float(p.high))
        found = {c.id: c for c in self.wide}
        for s in SCALES:
            # a cell of middle m and relative half-width r <= spread meets [lo, hi] at scale s only when
            # m*s*(1-r) <= hi and m*s*(1+r) >= lo; the factors 1 -+ 1e-6 cover float rounding
            a = lo / (s * (1 + self.spread)) * (1 - 1e-6)
            b = hi / (s * (1 - self.spread)) * (1 + 1e-6)
            found.update((c.id, c) for c in self.cells[bisect_left(self.mids, a):bisect_right(self.mids, b)])
        return list(found.values())


def _within(p: Mention, c: Mention, scale: int, reading: Reading) -> bool:
    """One printed inside the other's rounding at the cell's scale, not two roundings that only touch."""
    (plo, phi), (clo, chi) = reading.interval(p), reading.interval(c)
    return plo <= exact(c.value) * scale <= phi or clo * scale <= exact(p.value) <= chi * scale


def _confirmed(p: Mention, c: Mention, footing: Footing, reading: Reading, whole: frozenset[str] | None = None) -> bool:
    """Whether the cell's labels confirm what its value picked: its row label (under its section headings) or
    column header shares a word with the words naming p (periods left out), and a stage its row names p's
    sentence names too; given `whole` (the basis words), those words name the row's whole label and no basis
    it does not."""
    lo, hi = reading.bounds.sentence_of(p.start, p.end)
    labels = (c.cell.row_path or c.cell.row_label or "", c.cell.column_header or "")
    words = set(content_words(" ".join(labels))) - PERIOD_WORDS
    naming = _naming(p, reading.text, lo, hi)
    # (a sign in brackets parts a stage's words: "Net income (loss) before income taxes")
    label = _BRACKETED.sub(" ", c.cell.row_label or "")
    row = set(content_words(label)) - PERIOD_WORDS
    if not words.intersection(naming) or whole is not None and not (row and row.issubset(naming)) \
            or whole and whole.intersection(naming) - row:
        return False
    return not any(told.search(label) and not named.search(reading.text, lo, hi) for told, named in footing.stages)


def _naming(p: Mention, text: str, lo: int, hi: int) -> tuple[str, ...]:
    """The words naming a prose figure: those of the brackets it stands in when they name anything ("a decrease
    from $2.0 billion (net capital - $112 million)"), else its sentence up to the end of its clause (a word
    after a comma names the next figure: "and others of $453,000, offset by interest income")."""
    opened, closed = text.rfind("(", lo, p.start), text.find(")", p.end, hi)
    if opened >= 0 and closed >= 0 and text.rfind(")", opened, p.start) < 0 \
            and (inside := content_words(text[opened + 1:p.start] + " " + text[p.end:closed])):
        return inside
    end = _CLAUSE_END.search(text, p.end, hi)
    return content_words(text[lo:end.start() if end else hi])

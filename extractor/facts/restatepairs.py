"""Restatements bound through the figure a sentence compares them with: "Operating expenses were $252.2 million
compared to $224.6 million in the prior year" gives one row of the statement in two columns; so do the two ends
of a move ("improved from a loss of $508,806 in Q2-2024 to a loss of $217,816 in Q2-2025").

When one of the two agrees with a cell, the row is found whatever the sentence calls it ("operating
expenses" for the row "Total selling, general and administrative expense"), and the other figure is that
row's cell in the column the release pairs with the first one's: read from the sentences whose two figures
both agree with one row (the current quarter's column beside the prior year quarter's), or, when no pair of
the release says, the one column of the row whose header names the same span for the year the figure names or
a year before when it says so ("in the prior year quarter"; never "the prior quarter"). So a slip in either
figure still binds it (`by: pair`).

The known figure is one a binding joins to the cell it agrees with: by value and names first, then, once those
are read, by a chain of agreeing printings or the one cell of the release that agrees with it (`by: cell`), whose
row the pair's other figure is in too ("adj. EBITDA came in at EUR 675 million after EUR 604 million" beside "EBITDA adj. 575 604"). A figure told
on a basis of its own right after it ("versus 54.8% on a like for like basis") is no cell of the row.

The evidence is the partner's value and the release's own pairing, not the figure's words, so the binding
is loose: `restated-value` flags it only when a known slip explains the difference.
"""

from __future__ import annotations

from collections import defaultdict
from itertools import pairwise

import regex

from ..models import Fact, Mention
from .footarith import significant_digits
from .restatechoice import agrees, cell_scale, within_a_slip
from .restatecolumns import CELL_KINDS, column_period
from .restatecues import part_or_reported, restated_column
from .restatekinds import told_loss
from .restatelabels import PRIOR_YEAR, rows_of
from .subjects import Reading, period_of

# What joins a figure and the one it is compared with ("..., compared to", "versus", "up from", "after"): the
# words between the two figures of a pair, none of them a figure of the pair's kind.
_COMPARE = regex.compile(r"(?i)\b(?:compared|comparable\s+(?:to|with)|on\s+par\s+with|comparison|versus|vs\b|against|from|after|prior|previous|year[\s-]+ago|"
                         r"last\s+year)")
# Or a move told by its ends ("improved from a loss of $508,806 in Q2-2024 to a loss of $217,816"): "from" a few
# words before the first figure and "to" a few words before the second, with no comparing word between.
_FROM_BEFORE = regex.compile(r"(?i)\bfrom\s+(?:[^\W\d]+\s+){0,3}$")
_TO_BEFORE = regex.compile(r"(?i)\bto\s+(?:[^\W\d]+\s+){0,3}$")
# Words that start another figure's clause: a pair is never split by one of these.
_NEW_CLAUSE = regex.compile(r"[;:]|\.\s|\b(?:respectively|while|whereas)\b")
# The words after a figure up to the clause's end: its own period, when it names one.
_OWN_WORDS = regex.compile(r"[^;()]{0,80}?(?=[;()]|\.\s|$)|[^;()]{0,80}")
# A basis a figure names right after it ("54.8% on a like for like basis", "at constant currency"): the figure it
# is compared with on another basis is no cell of the statement's row
_OWN_BASIS = regex.compile(r"(?i)\b(?:like[\s-]+for[\s-]+like|constant[\s-]+currenc|pro[\s-]?forma|organic|underlying"
                           r"|comparable\s+basis|on\s+an?\s+(?:\w+[\s-]+){1,3}basis)")
# After the comparing word, a list goes on to another figure ("from year end 2024, and shareholder equity of")
_LIST = regex.compile(r",|\band\b")
_AND = regex.compile(r"\b(?:and|or)\b")
# A change is not a level: "an increase of $1.4 million, from $4.3 million" compares no two periods' figures
CHANGE = regex.compile(r"(?i)\b(?:increase|decrease|rise|growth|decline|improvement|reduction|up|down)[sd]?"
                        r"\s+(?:of\s+|by\s+)?(?:approximately\s+|about\s+)?$")
# A figure standing beside another as its other measure (", or $3.17 per diluted share"): the period named after
# it is the first one's too
_APPOSITIVE = regex.compile(r"\s*,?\s*(?:or|and)\s+(?:(?:a|an)\s+\w+\s+of\s+)?$|\s*\($")
# How far apart the two figures of a pair may be (characters): one clause, not a paragraph.
_REACH = 160


def pair_bindings(rule, facts: list[Fact], mentions: list[Mention], reading: Reading) -> list[Fact]:
    """The restatements the pairs of a release's sentences give: each pair with one figure bound to a cell it
    agrees with, the other to the cell of that row in the paired column."""
    by_id, negative = {m.id: m for m in mentions}, str(rule.options.get("negative_words", "loss"))
    bound: dict[int, list[Mention]] = defaultdict(list)  # prose figure -> the cells it agrees with
    for f in facts:
        a, b = by_id[f.roles["a"]], by_id[f.roles["b"]]
        cell, prose = (a, b) if a.cell is not None else (b, a)
        if f.attributes.get("by") in (None, "value") and "sign" in f.attributes.get("footing", "") \
                and not told_loss(prose, negative, reading):
            continue  # (a plain figure against a bracketed cell by their values, no loss word telling it: weak)
        if cell.cell is not None and prose.cell is None and significant_digits(cell) >= 3 \
                and agrees(prose, cell, cell_scale(prose, cell), reading):
            bound[prose.id].append(cell)
    if not bound:
        return []  # no prose figure agrees with a cell: no pair says which column another is compared with
    pairs = list(_pairs(mentions, reading.text))
    prose = [m for m in mentions if m.cell is None and m.kind != "date"]
    until = {a.id: b.start for a, b in pairwise(prose)}
    periods = {m.id: _own_period(m, reading.text, until.get(m.id, len(reading.text))) for p in pairs for m in p}
    # (where no pair of the release says which column is compared with which, the header's period decides, read
    # past a figure giving the first in another measure)
    past = _period_ends(prose, reading)
    headed = {m.id: _own_period(m, reading.text, past.get(m.id, len(reading.text))) for p in pairs for m in p}
    partners = _partners(pairs, bound, periods)
    if not pairs:
        return []
    rows = {key: row.cells for key, row in reading.derived(rows_of).items()}
    columns: dict[tuple[int, int], list[Mention]] = defaultdict(list)
    for (table, _), cells in rows.items():
        for column, cell in cells.items():
            columns[(table, column)].append(cell)
    agreeing = _Agreeing(bound, rows, columns, reading)
    taken = {frozenset(f.roles.values()) for f in facts}
    out = []
    for first, second in pairs:
        for known, other in ((first, second), (second, first)):
            if other.id in bound:
                continue  # the other figure agrees with a cell of its own: no slip to bind
            own = _OWN_WORDS.match(reading.text, other.end, until.get(other.id, len(reading.text)))
            if own and _OWN_BASIS.search(own.group(0)):
                continue  # (told on a basis of its own, "versus 54.8% on a like for like basis (63.8% reported)")
            period = periods[other.id]
            # how far from the known figure's year the other's is: a year before when it says so ("in the prior
            # year quarter"), else only the year it names (never "the prior quarter")
            step = -1 if other is second and PRIOR_YEAR.search(reading.text, other.end, other.end + 80) else None
            cells = {c.id: c for c in (_paired_cell(other, k, (period, headed[other.id]), partners, rows, step)
                                       for k in agreeing(known)) if c is not None}
            if len({c.value for c in cells.values()}) != 1:
                continue  # rows that pair other values (basic and diluted)
            for cell in cells.values():
                if frozenset((cell.id, other.id)) in taken or not within_a_slip(other, cell) \
                        or (restated_column(cell) and part_or_reported(other, reading) == "reported"):
                    continue  # (a figure "as previously reported" is not the column headed "as restated")
                scale = cell_scale(other, cell)
                attributes = {"by": "pair"} if scale == 1 else {"by": "pair", "scale": str(scale)}
                taken.add(frozenset((cell.id, other.id)))
                out.append(Fact(id=0, type=rule.type, rule=rule.id, roles={"a": cell.id, "b": other.id},
                                sentence=other.sentence, attributes=attributes, strength="loose"))
    return out


def _pairs(mentions: list[Mention], text: str):
    """Two figures of one kind in one clause, the second compared with the first."""
    last: dict[tuple, Mention] = {}  # the figure before, of each kind
    others: dict[int, list[Mention]] = defaultdict(list)  # each sentence's figures
    for m in mentions:
        if m.cell is None and m.kind != "date":
            others[m.sentence].append(m)
    before: dict[int, Mention] = {}  # each figure's figure before, of its kind
    for b in mentions:
        if b.cell is not None or b.kind not in CELL_KINDS or b.range_with is not None:
            continue
        if (b.kind, b.unit) in last:
            before[b.id] = last[(b.kind, b.unit)]
        a, last[(b.kind, b.unit)] = last.get((b.kind, b.unit)), b
        if a is None or a.sentence != b.sentence or b.start - a.end > _REACH:
            continue
        head = before.get(a.id)
        if head is not None and head.sentence == a.sentence and _AND.search(text, head.end, a.start):
            continue  # the last part of a list ("20.1% and ... 5.6%, compared to 19.1%") is not what is compared
        between = text[a.end:b.start]
        # (the last comparing word: "royalty revenue from worldwide sales ..., compared to $18.0 million")
        comparing = list(_COMPARE.finditer(between))
        compared = comparing[-1] if comparing else None
        if compared is None and _FROM_BEFORE.search(text, max(0, a.start - 40), a.start):
            compared = _TO_BEFORE.search(between)
        # the figure compared comes right after the words comparing: "an increase of 42% compared to $147.6
        # million (46.8% of revenues)" compares the amounts, not 42% and 46.8%; or right after the figure
        # its own is the other measure of ("compared to $16.3 million, or $3.17 per diluted share")
        if compared and not _NEW_CLAUSE.search(between) \
                and _right_after(a, compared.end() + a.end, b, others.get(b.sentence, ()), text) \
                and not any(CHANGE.search(text, max(0, m.start - 30), m.start) for m in (a, b)):
            yield a, b


def _right_after(a: Mention, at: int, b: Mention, sentence: list[Mention], text: str) -> bool:
    """Whether b is the first figure after the comparing words ending at `at` (no list going on to another
    first), or the other measure of the one figure standing there, as a is of the figure before it: "$20.8
    million, or $4.06 per diluted share, compared to $25.6 million, or $4.99 per diluted share" (not "a 42%
    increase compared to $147.6 million (46.8% of revenues)")."""
    before = [m for m in sentence if at <= m.start < b.start]
    if _LIST.search(text, at, before[0].start if before else b.start):
        return False
    if not before:
        return True
    host = before[0]
    first = [m for m in sentence if m.end <= a.start]
    return len(before) == 1 and host.kind != b.kind and _APPOSITIVE.match(text, host.end, b.start) is not None \
        and bool(first) and first[-1].kind == host.kind and _APPOSITIVE.match(text, first[-1].end, a.start) is not None


def _partners(pairs, bound: dict[int, list[Mention]], periods: dict[int, tuple]) -> dict[tuple[int, int], dict[int, set]]:
    """Which column each column of a table is compared with, read from the pairs whose two figures agree with
    two cells of one row, each with the period the figure restating it names after it (if any)."""
    partners: dict[tuple[int, int], dict[int, set]] = defaultdict(lambda: defaultdict(set))
    for a, b in pairs:
        for ca in bound.get(a.id, ()):
            for cb in bound.get(b.id, ()):
                if (ca.cell.table, ca.cell.row) == (cb.cell.table, cb.cell.row) and ca.cell.column != cb.cell.column:
                    partners[(ca.cell.table, ca.cell.column)][cb.cell.column].add(periods[b.id])
                    partners[(cb.cell.table, cb.cell.column)][ca.cell.column].add(periods[a.id])
    return partners


class _Agreeing:
    """Every cell a figure agrees with in the rows and columns of the cells it restates: a figure that agrees
    with the quarter's cell and the nine months' (a loss printed plainly), or with the basic and the diluted
    row, says nothing of which pair of cells the sentence gives."""

    def __init__(self, bound: dict[int, list[Mention]], rows: dict, columns: dict, reading: Reading):
        self.bound, self.rows, self.columns, self.reading, self.seen = bound, rows, columns, reading, {}

    def __call__(self, p: Mention) -> list[Mention]:
        if p.id not in self.seen:
            kinds = CELL_KINDS.get(p.kind, {p.kind})
            near = {c.id: c for b in self.bound.get(p.id, ())
                    for c in [*self.rows[(b.cell.table, b.cell.row)].values(), *self.columns[(b.cell.table, b.cell.column)]]}
            self.seen[p.id] = [c for c in near.values()
                               if c.kind in kinds and agrees(p, c, cell_scale(p, c), self.reading)]
        return self.seen[p.id]


def _paired_cell(p: Mention, known: Mention, periods_read, partners, rows, step: int | None) -> Mention | None:
    """The cell of the known figure's row that p restates: in the one column the release pairs with the known
    one's, where the figures restating that column name the period p names after it ("compared with 36.4% at
    end-December 2023" is not "versus 37.4% at June 30, 2024"); when the release pairs none, the one column whose
    header names the known one's span for the year p names, or `step` years from the known one's."""
    period, headed = periods_read
    paired = partners.get((known.cell.table, known.cell.column), {})
    if not paired:
        column = _same_span(known, rows, headed[0] if any(headed) else None, step)
        if column is None:
            return None
    elif len(paired) != 1:
        return None
    else:
        column, periods = next(iter(paired.items()))
        # (a figure naming no period right after it takes the one column the release pairs: "compared to
        # $6.4 million, or $2.08 per share, for the same period in 2023" names its period after its per-share figure)
        # (a column paired for several periods, a quarter's table and the year's printed as one block, is taken
        # by one naming none right after it when it names one of those past its per-share figure)
        if any(period) and not _fits(period, periods, column_period(known)) \
                or not any(period) and len([named for named in periods if any(named)]) > 1 and headed not in periods:
            return None
    cell = rows.get((known.cell.table, known.cell.row), {}).get(column)
    if cell is None or cell.kind not in CELL_KINDS.get(p.kind, {p.kind}) or float(cell.value) == 0:
        return None
    # (a year named alone that no pair of the release confirms is confirmed by the column's header)
    if paired and period[0] and period not in paired[column] and period[0] != column_period(cell)[0]:
        return None
    return cell


def _period_ends(prose: list[Mention], reading: Reading) -> dict[int, int]:
    """Where the words naming each figure's own period end: at the next figure, or past it to the next but one
    within the sentence when that one only gives the first in another measure ("compared to $16.3 million, or
    $3.17 per diluted share, for the quarter ended December 31, 2023": the period is both figures')."""
    ends, text = {}, reading.text
    for i, (a, b) in enumerate(pairwise(prose)):
        ends[a.id] = b.start
        if b.kind != a.kind and _APPOSITIVE.match(text, a.end, b.start) and not _NEW_CLAUSE.search(text, a.end, b.start):
            end = reading.bounds.sentence_of(a.start, a.end)[1]
            ends[a.id] = min(prose[i + 2].start, end) if i + 2 < len(prose) else end
    return ends


def _fits(period: tuple, periods: set[tuple], known: tuple) -> bool:
    """Whether a figure's period is one a column is paired for: the same, or, when it names a year alone ("for
    the corresponding period in 2023"), the one paired period of that year, or a column the pairs name no period
    of, beside a known column of another year (its header then decides)."""
    years, quarters, full_year = period
    if period in periods or quarters or full_year:
        return period in periods
    same = sum(p[0] == years for p in periods)
    return same == 1 or not same and not any(any(p) for p in periods) and bool(known[0]) and known[0] != years


def _own_period(m: Mention, text: str, until: int) -> tuple:
    """The period a figure names right after it, up to the next figure or the clause's end ("36.4% at
    end-December 2023")."""
    words = _OWN_WORDS.match(text, m.end, until)
    return period_of(words.group(0)) if words else (frozenset(), frozenset(), False)


def _same_span(cell: Mention, rows, years: frozenset[str] | None, step: int | None) -> int | None:
    """The one column of the cell's row whose header names the same span (a quarter, a full year) for the years
    named, or `step` years from the cell's: a statement prints the comparison beside its period."""
    own, quarters, full_year = column_period(cell)
    if len(own) != 1 or not (quarters or full_year) or not years and step is None:
        return None
    want = (years or frozenset((str(int(next(iter(own))) + step),)), quarters, full_year)
    columns = [column for column, c in rows[(cell.cell.table, cell.cell.row)].items() if column_period(c) == want]
    return columns[0] if len(columns) == 1 and want[0] != own else None

"""A prose figure and the table cell it restates, one misprint apart: "Operating income for the fourth quarter
of 2024 was $9.2 million" over the row "Operating income" whose quarter's cell reads 2,912 (in thousands)
and "Operating income ... $29.1 million" are one figure, the digits of one of them swapped.

`restatelabels.py` binds a sentence to a cell only when the row's label is the last thing the clause names
before the figure; a sentence that names its figure otherwise ("operating income improved, reaching $9.2
million", "$9.2 million of operating income") is bound by value only, so a slip in it, or in its cell,
unbinds the two and nothing is flagged. Here words and digits bind them together, each too weak alone:

- the row: every content word of its label is among the words the sentence names the figure by (its clause
  and what it is of after it), the rows naming the most of them (the row "Adjusted EBITDA" before "EBITDA"),
  and none when the sentence names another basis the label does not (`basis_words`: "adjusted EBITDA" is
  not the row "EBITDA");
- the column: as for a label binding (`restatechoice.choose`), the one its header period fits the sentence's
  period, or else the one the release's figures of that period, line or paragraph restate in agreement; one
  value, or nothing (a figure with no period binds only a row of one such cell);
- the digits: one scale slip (a thousand-fold between two figures that both print their scale, a table's unit
  note counting) or two adjacent digits swapped, at the coarser printing (`restatedigits.digit_slip`); one
  digit mistyped too, but only where no other sentence restates the cell correctly (then the sentence may be
  another figure of that name, a segment's or another basis');
- nothing explains the prose figure otherwise: no fact binds it to a cell, no cell of the release's tables
  of its kind agrees with it, and no other row of the cell's column gives it (`explained_otherwise`); the
  cells one slip from it hold one value.

The binding is loose (`by: cell-misprint`): `restated-value` flags it with the slip that explains it.
"""

from __future__ import annotations

from collections import defaultdict
from fractions import Fraction

import regex

from ..document import in_pipe_line
from ..models import Fact, Mention
from .restatechoice import agrees, cell_scale, choose, explained_otherwise
from .restatecolumns import CELL_KINDS, Columns
from .restatedigits import digit_slip
from .restatelabels import LabelReader, rows_of
from .restatemisprints import last_digit, rounded_only
from .subjects import Reading, content_words, stems

# what a figure is of, named right after it up to a stop: "$84.1 million of net revenues, ..."
_OF = regex.compile(r"\s+(?:in|of|for)\s+((?:[A-Za-z][\w&'-]*[ \t]*){1,4})")
_DECIMALS = regex.compile(r"\d\.(\d+)")
_SCALE_SLIPS = (Fraction(1000), Fraction(10 ** 6), Fraction(10 ** 9))
# a row's label and a column's period bind more tightly than two sentences' words: two digits swapped in a
# figure of two ("47%" for the cell's "74%") are a slip here (on the 1,622 releases of the real corpus, no
# sentence and cell were bound this way; between two sentences' words, five, none a slip)
_CELL_DIGITS = 2
# the kinds a sentence restates a cell of, when a digit slips
_KINDS = frozenset(("money", "price", "shares", "percent", "number"))


def cell_misprint_bindings(rule, figures: list[Mention], facts: list[Fact], of, reading: Reading) -> list[Fact]:
    """Each prose figure bound to no cell, with the one cell of the rows its words name that it is one misprint
    of."""
    rows = reading.derived(rows_of)
    if not rows:
        return []
    by_id = {m.id: m for m in reading.mentions}
    # the prose figures bound to a cell, and the cells another sentence restates in agreement (a figure one digit
    # from one of those may be another figure of that name)
    to_cells, confirmed = set(), set()
    for f in facts:
        a, b = (by_id[i] for i in (f.roles["a"], f.roles["b"]))
        if (a.cell is None) != (b.cell is None):
            prose, cell = (a, b) if a.cell is None else (b, a)
            to_cells.add(prose.id)
            if f.attributes.get("by") in (None, "value"):
                confirmed.add(cell.id)
    basis = stems(str(rule.options.get("basis_words", "")))
    ahead = stems(str(rule.options.get("forecast_words", "")))
    by_word: dict[str, list] = defaultdict(list)
    for row in rows.values():
        if row.words and max(len(w) for w in row.words) > 2:
            for word in set(row.words):
                by_word[word].append(row)
    cells = [m for m in figures if m.cell is not None]
    prose = [m for m in figures if m.cell is None and m.kind in _KINDS and m.id not in to_cells and float(m.value)
             and m.range_with is None and rounded_only(m.qualifier) and not in_pipe_line(reading.text, m.start)]
    labels, columns, by_column, out = None, None, None, []
    for y in prose:
        words = of(y)
        named = {id(row): row for w in words for row in by_word.get(w, ()) if words.issuperset(row.words)}
        if not named:
            continue
        most = max(len(row.words) for row in named.values())
        best = [row for row in named.values() if len(row.words) == most]
        if any(words.intersection(basis).difference(row.words) for row in best) \
                or not any(_near(y, c) for row in best for c in row.cells.values()):
            continue  # "adjusted EBITDA" is not the row "EBITDA"; or no cell a slip away
        if labels is None:
            labels, columns, by_column = _columns(rows, facts, by_id, reading, rule.options)
        clause = labels._clause(y)
        if ahead.intersection(s for _, s in clause[2]):
            continue  # a figure looked ahead restates no table's figure
        best = [row for row in best if _names(y, row, clause, labels)]
        if not best:
            continue
        # the cell the period (or the column the release's agreeing figures restate) picks, one value
        cell, by = choose(y, best, columns, labels)
        slip = cell_slip(y, cell, reading) if by == "label" else None
        if slip is None or slip == "mistyped" and cell.id in confirmed \
                or explained_otherwise(y, cell, rows, by_column, reading) \
                or any(c.kind in CELL_KINDS.get(y.kind, {y.kind}) and agrees(y, c, cell_scale(y, c), reading)
                       for c in cells):
            continue
        scale = cell_scale(y, cell)
        attributes = {"by": "cell-misprint"} if scale == 1 else {"by": "cell-misprint", "scale": str(scale)}
        out.append(Fact(id=0, type=rule.type, rule=rule.id, roles={"a": cell.id, "b": y.id}, sentence=y.sentence,
                        attributes=attributes, strength="loose"))
    return out


def _names(p: Mention, row, clause: tuple, labels: LabelReader) -> bool:
    """Whether a figure's clause (`LabelReader._clause`) names the row as a name of its own, wherever in the
    clause: not the last of a list ("cash, cash equivalents and marketable securities" is not the row
    "Marketable securities"), nor a name another word makes part of a longer one (`LabelReader._modified`); or
    names it, and only it, after the figure ("$84.1 million of net revenues", not "$84.1 million in cash, cash
    equivalents and marketable securities")."""
    start, between, tokens, named = clause
    words = [s for _, s, _ in named]
    n = len(row.words)
    for i in range(len(words) - n + 1):
        if tuple(words[i:i + n]) == row.words:
            first = named[i][0]
            if not labels._modified([s for pos, s in tokens if pos < first],
                                    not any(m.start < start + first for m in between)):
                return True
    after = _OF.match(labels.reading.text, p.end, p.end + 60)
    return after is not None and content_words(after.group(1)) == row.words


def _near(p: Mention, cell: Mention) -> bool:
    """Whether a cell may be one slip from a prose figure, read in floats: the work `cell_slip` does exactly is
    done only for these (most cells of a named row are other periods' figures, nowhere near a slip)."""
    if cell.kind == "date" or not float(cell.value):
        return False
    factor = cell_scale(p, cell)
    pv, cv = abs(float(p.value)), abs(float(cell.value)) * factor
    ratio = pv / cv
    if p.scale and cell.scale and any(abs(ratio / f - 1) < 0.05 or abs(ratio * f - 1) < 0.05 for f in (1e3, 1e6, 1e9)):
        return True
    quantum = max(abs(float(p.high) - float(p.low)), abs(float(cell.high) - float(cell.low)) * factor,
                  _unit(p), _unit(cell) * factor)
    have, want = str(round(pv / quantum)), str(round(cv / quantum))
    return len(have) == len(want) >= _CELL_DIGITS and have != want and sorted(have) == sorted(want) \
        or len(have) == len(want) >= 3 and sum(x != y for x, y in zip(have, want)) == 1


def _unit(m: Mention) -> float:
    """`last_digit` in floats: what one unit of a figure's last printed digit is worth."""
    decimals = _DECIMALS.search(m.text)
    return 10.0 ** -len(decimals.group(1)) if decimals else 1.0


def cell_slip(p: Mention, cell: Mention, reading: Reading) -> str | None:
    """The misprint that makes a prose figure and a cell (read at the scale that brings it nearest) one figure:
    "scale" (a thousand-fold or more apart, both printing their scale: a word, or the table's unit note),
    "transposed" or "mistyped" (`digit_slip`), read at the coarser printing; signs left out (a sentence tells a
    loss in words). None when they agree or no misprint explains them."""
    factor = cell_scale(p, cell)
    if agrees(p, cell, factor, reading):
        return None
    (plo, phi), (clo, chi) = (_magnitude(*reading.interval(m)) for m in (p, cell))
    clo, chi = clo * factor, chi * factor
    if p.scale and cell.scale and p.kind != "percent":
        if any(plo <= chi * f and clo * f <= phi or plo * f <= chi and clo <= phi * f for f in _SCALE_SLIPS):
            return "scale"
    quantum = max(phi - plo, chi - clo, last_digit(p), last_digit(cell) * factor)
    return digit_slip(abs(Fraction(p.value)), abs(Fraction(cell.value)) * factor, quantum, _CELL_DIGITS)


def _magnitude(lo: Fraction, hi: Fraction) -> tuple[Fraction, Fraction]:
    return (lo, hi) if lo >= 0 else (-hi, -lo) if hi <= 0 else (Fraction(0), max(-lo, hi))


def _columns(rows: dict, facts: list[Fact], by_id: dict[int, Mention], reading: Reading, options: dict):
    """The release's label reader, which column of each table its prose restates (`Columns`, read from the
    sentences and cells bound in agreement), and each table's cells by column."""
    labels = LabelReader(rows, reading, options)
    widths: dict[int, int] = defaultdict(int)
    by_column: dict[tuple[int, int], list[Mention]] = defaultdict(list)
    for (table, _), row in rows.items():
        widths[table] = max(widths[table], max(row.cells))
        for column, cell in row.cells.items():
            by_column[(table, column)].append(cell)
    pairs = []
    for f in facts:
        a, b = (by_id[i] for i in (f.roles["a"], f.roles["b"]))
        if f.attributes.get("by") in (None, "value") and (a.cell is None) != (b.cell is None):
            pairs.append((a, b) if b.cell is not None else (b, a))
    return labels, Columns(pairs, labels, widths), by_column

"""Changes stated in prose with neither of their figures: "Cost of revenue increased by $4.7 million, or 69
percent", "Noninterest income increased by $160,947 for the year", "transmission revenues rose $28.2 million".

The sentence names the measure and the change; the tables give the two figures, in the row of that measure and
the two columns the table itself compares (`changetable.TablePriors`: its change column's pair, or the same
period a year, or for "sequentially" a quarter, earlier by the headers). The row must carry every word the
clause names the measure by, and a column must be of the period the sentence names, if it names one. Chosen
across sentence and table, the binding is loose, and it is made only where one pair of cells, whatever the
tables that print it, gives the change the sentence states: where none does, the row or the columns may be
others than a reader would take, and nothing is bound.

A change in points ("Gross margin decreased 260 basis points") is read from a row of percentages, any other
never from one; a row of costs printed in brackets gives a percentage of their sizes (a loss's does not: its
conventions differ); a label may cut a word short ("Gross margin adj.").

A sentence that prints the new figure itself, as the row does or coarser ("Revenues of $5.3 billion increased 2%"
over a row of 5,319), keeps it as `said`: the figure a reader quotes, the cells being the ones computed with.
"""

from __future__ import annotations

from fractions import Fraction

import regex

from ..intervals import Interval, Undefined
from ..models import Fact, Mention
from ..rules import compiled
from .changetable import TablePriors, folded, signed
from .subjects import Reading, content_words, stem
from .tablefacts import _HUNDRED, TableRule, _interval

# the units of a change a sentence may state: a percent change, or a change in points of a row of percentages
_RATES = ("%", "pp", "bp")
_ONE, _BASIS = Interval.point(Fraction(1)), Interval.point(Fraction(1, 100))

# the words of a row whose bracketed figures are losses rather than costs printed as negatives
_LOSS = frozenset(stem(w) for w in ("loss", "losses", "deficit", "deficits"))
# the word a row label may add to the measure's own: "Total revenues" is the revenue a sentence names
_TOTAL = frozenset({"total"})

# a short name a sentence gives its measure in brackets, in capitals: 'Cost of goods sold ("COGS")', "(MG&A)"
_SHORT = regex.compile(r"""\(\s*["“']?([A-Z][A-Z&/]{1,6}s?)["”']?\s*\)""")

# a word a row label cuts short with a full stop ("Gross margin adj. %", "Oper. income"): it stands for the
# prose word it begins ("adjusted"); three letters at least, so an initial names no word
# a company's suffix ("Acme Inc.") is no measure's word cut short
_ABBREVIATED = regex.compile(r"\b(?!(?i:inc|corp|ltd|llc|plc|co)\.)([A-Za-z]{3,})\.(?!\w)")

# what may stand between the items of a figures' list and its "respectively": figures, commas, "and", a hedge
_LIST_GAP = regex.compile(r"(?i)(?:[\s,;]++|\band\b|\bor\b|\bapproximately\b|\babout\b|\(?[-+$€£]?\d[\d,.]*+\s*+(?:%|percent|million|billion|thousand|[mbk]\b)?\)?)*+")


def change_rows(rule: TableRule, mentions: list[Mention], text: str = "", reading: Reading | None = None,
                facts: list[Fact] = ()) -> list[Fact]:
    """Run after the other rules: a change they bound is theirs, and the tables' change facts tell which columns
    a row compares."""
    if not any(m.cell is not None for m in mentions):
        return []
    cue, after, also, not_measure, sequential, yearly, listed, per_share = (
        compiled(rule.options[k]) for k in ("cue_before", "cue_after", "also", "not_measure", "sequential", "yearly",
                                            "listed", "per_share"))
    bound: set[int] | None = None  # the changes other rules bound, read when a cued change first needs it
    reading = reading or Reading(mentions, text)
    tables: TablePriors | None = None
    labels: list[tuple[Mention, frozenset[str], tuple[str, ...], frozenset[str]]] = []
    out = []
    last = None  # the change cued last, and its cue: "increased by $4.7 million, or 69%" says both are up
    prev: Mention | None = None  # the prose figure before this one
    figures: list[Mention] = []  # the prose figures of its sentence so far (not its dates)
    measure = None  # the change cued last that named its measure, the measure, and its words
    for m in mentions:
        if m.cell is not None:
            continue
        before, prev = prev, m
        figures = _sentence_figures(figures, m)
        if m.kind not in ("money", "percent") or m.range_with is not None \
                or m.kind == "percent" and m.unit not in _RATES:
            continue
        if before is not None and before.sentence == m.sentence and _aside(text, before.end, m.start):
            continue  # "$59.3 million (50.6% of revenues), an increase of 36%": the words are the aside's
        said = cue.search(text, max(0, m.start - 40), m.start) or after.match(text, m.end)
        if said is None and last is not None and last[0].sentence == m.sentence and also.match(text, last[0].end, m.start):
            said = last[1]
        last = (m, said) if said is not None else None
        if said is None:
            continue
        if bound is None:
            bound = {i for f in facts if f.type == "change" for r, i in f.roles.items() if r not in ("to", "from", "said")}
        subject, words, measure = _measure(reading, not_measure, m, measure)
        if m.id in bound:
            continue
        lo, hi = reading.bounds.sentence_of(m.start, m.end)
        alias = _alias(text, lo, m.start)
        if not words and not alias:
            continue
        if _listed(listed, text, m, hi):
            continue  # "X and Y increased 3% and 4%, respectively": which measure each is, is the list's order
        if tables is None:
            tables = TablePriors(mentions, facts, reading)
            labels = _labels(tables)
        # a measure per share ("net income per diluted share increased 21%") is read from the per-share rows, and
        # any other from the rows of amounts: the two kinds share the words of their labels
        # (not the unit of a figure before the change: "$99.0 million or $0.41 per share, 11% below")
        priced = any(not _unit_of(figures, text, w.start())
                     for w in per_share.finditer(text, reading.bounds.clause_start(lo, m.start), m.start))
        pair = _pair(tables, labels, m, bool(said.group("up")), words - alias or words, subject,
                     _sequential(sequential, yearly, text, m.end, lo, hi), priced, alias)
        if pair is not None:
            out.append(_fact(rule, m, pair, bool(said.group("up")), figures))
    return out


def _sentence_figures(figures: list[Mention], m: Mention) -> list[Mention]:
    """The prose figures of the sentence up to `m`, its dates left out."""
    if figures and figures[-1].sentence != m.sentence:
        figures = []
    if m.kind != "date":
        figures.append(m)
    return figures


def _measure(reading: Reading, not_measure, m: Mention, measure):
    """The change's subject and the words naming its measure, and the last change that named one: a change
    naming none right after it in the sentence is of its measure ("up 7.8% year-over-year and up 3.0%
    sequentially")."""
    subject = reading.subject(m)
    words = frozenset(folded(w for w in subject.words if not not_measure.fullmatch(w)))
    if words:
        return subject, words, (m, subject, words)
    if measure is not None and measure[0].sentence == m.sentence and m.start - measure[0].end <= 60:
        return measure[1], measure[2], measure
    return subject, words, measure


def _alias(text: str, lo: int, at: int) -> frozenset[str]:
    """The short name the sentence gives the measure before the change ("Cost of goods sold ("COGS")"), which may
    be its row's label."""
    short = _SHORT.search(text, lo, at)
    return frozenset(folded(content_words(short.group(1)))) if short is not None else frozenset()


def _sequential(sequential, yearly, text: str, at: int, lo: int, hi: int) -> bool:
    """Whether the change is against the quarter before: by the basis right after it ("up 7.8% year-over-year and
    up 3.0% sequentially": each its own), else by the sentence's words."""
    end = min(hi, at + 40)
    at += len(text[at:end]) - len(text[at:end].lstrip(" ,"))
    if yearly.match(text, at, end):
        return False
    return bool(sequential.match(text, at, end) or sequential.search(text, lo, hi))


def _unit_of(figures: list[Mention], text: str, at: int) -> bool:
    """Whether the words at `at` follow a figure of the sentence, or are part of it: they are its unit."""
    return any(f.start <= at and (at < f.end or not text[f.end:at].strip()) for f in figures)


def _labels(tables: TablePriors) -> list[tuple[Mention, frozenset[str], tuple[str, ...], frozenset[str]]]:
    """The cells a change may be read from, with their rows' words, the words their labels abbreviate and their
    labels' own words (but "total")."""
    rows: dict[tuple[int, int], tuple] = {}  # a row's words, read once for all its cells
    labels = []
    for c in tables.cells:
        # (a row of percentages is a margin or a rate, whose change is stated in points; a change column's own
        # cells are no such row)
        if c.kind in ("money", "number", "shares", "price") or _rate(c) and c.id not in tables.stated:
            key = (c.cell.table, c.cell.row)
            if key not in rows:
                label = c.cell.row_label or ""
                own = content_words(label)
                rows[key] = (frozenset(folded(own + content_words(c.cell.row_path or ""))),
                             tuple(stem(a) for a in _ABBREVIATED.findall(label)) if "." in label else (),
                             frozenset(folded(own)) - _TOTAL)
            labels.append((c, *rows[key]))
    return labels


def _fact(rule: TableRule, m: Mention, pair: tuple[Mention, Mention], up: bool, figures: list[Mention]) -> Fact:
    role = "delta" if m.kind == "money" else "pct" if m.unit == "%" else "points"
    # (a margin's points, and the percentage of a row of costs in brackets, are signed as printed: "improved 300
    # basis points" from -8% is to -5%)
    direction = _direction(pair, up) if role == "delta" else "increase" if up else "decrease"
    said = _said(figures, m, pair[0])
    return Fact(id=0, type=rule.type, rule=rule.id, sentence=m.sentence, strength="loose",
                roles={role: m.id, "to": pair[0].id, "from": pair[1].id, **({"said": said.id} if said else {})},
                attributes={"dir": direction, "by": "table"})


def _said(figures: list[Mention], m: Mention, new: Mention) -> Mention | None:
    """The sentence's own printing of the new figure the row gives ("Revenues of $5.3 billion increased 2%" over
    a row of 5,319): the nearest figure before the change, of the cell's kind, printed no finer and holding the
    cell's value. It is the figure a reader quotes; the cell, printed finer, is the one computed with."""
    for f in reversed(figures):
        if f is m or f.kind != new.kind or f.cell is not None:
            continue
        lo, hi = float(f.low), float(f.high)
        if float(new.high) - float(new.low) <= hi - lo and lo <= float(new.value) <= hi:
            return f
    return None


def _rate(cell: Mention) -> bool:
    return cell.kind == "percent" and cell.unit == "%"


def _direction(pair: tuple[Mention, Mention], up: bool) -> str:
    """The sentence's word, or either way for a row of losses (the word may name the loss's size)."""
    return "improvement" if signed(*pair) else "increase" if up else "decrease"


def _listed(listed, text: str, m: Mention, end: int) -> bool:
    """Whether the change is an item of a list "respectively" closes: only figures, commas and "and" stand
    between them (a "respectively" later in the sentence closes another list: "up 82%, ... margins of 26.7% and
    30.9%, respectively")."""
    close = listed.search(text, m.end, end)
    return close is not None and _LIST_GAP.fullmatch(text, m.end, close.start()) is not None


def _aside(text: str, start: int, end: int) -> bool:
    """The words since the figure before close a bracket it opened: they are about that figure, and the change
    after them is of the figure before the bracket."""
    close = text.find(")", start, end)
    return close >= 0 and text.find("(", start, close) < 0


def _pair(tables: TablePriors, labels, change: Mention, up: bool, words: frozenset[str], subject, sequential: bool,
          priced: bool, alias: frozenset[str] = frozenset()):
    """The one (new, old) pair of cells, by value, of a row naming every word of the measure, in columns of the
    sentence's period, that gives the change; per-share rows when `priced`, rows of amounts otherwise."""
    found: dict[tuple, tuple[Mention, Mention]] = {}
    named: dict[tuple, tuple[Mention, Mention]] = {}  # those of rows the measure's words name exactly
    points = change.unit in ("pp", "bp")
    for cell, label, short, own in labels:
        # a change in points is read from a row of percentages only, and any other change never from one
        if _rate(cell) != points or not points and (cell.kind == "price") != priced:
            continue
        exact = _named(own, words, alias)
        if not exact and (not words or not words <= label
                          and not (short and all(w in label or w.startswith(short) for w in words))):
            continue
        if change.unit == "%" and float(cell.value) < 0 and not _LOSS.isdisjoint(label | words):
            continue  # a percentage change of a loss follows no one convention (a cost in brackets is a size)
        if change.kind == "money" and (cell.kind not in ("money", "price") or cell.currency != change.currency):
            continue
        if not tables.reading.subject(cell).meets(subject.years, subject.quarters):
            continue
        old = tables.older(cell, sequential)
        if old is None:
            continue
        if _gives(change, cell, old, up):
            key = (cell.low, cell.high, old.low, old.high)
            found.setdefault(key, (cell, old))
            if exact:
                named.setdefault(key, (cell, old))
    # a row whose label is the measure's words and no others ("Total revenues" for "Revenues") is the one a reader
    # takes, whatever rows naming more ("Organic revenue", "AVS revenues") give; where it gives another change, the
    # sentence may be of a part its paragraph names ("U.S." under "Segment operating margin")
    pairs = named or found
    return next(iter(pairs.values())) if len(pairs) == 1 else None


def _named(own: frozenset[str], words: frozenset[str], alias: frozenset[str]) -> bool:
    """Whether a row label's own words (but "total") name the measure and nothing else, as the sentence's words
    or the short name it gives the measure."""
    return bool(own) and (own == words or own == alias)


def _gives(change: Mention, new: Mention, old: Mention, up: bool) -> bool:
    """Whether the two cells give the change in the direction the sentence says, within their printing."""
    try:
        moved = _interval(new) - _interval(old)
        if change.unit in ("pp", "bp"):
            stated = _interval(change) * (_BASIS if change.unit == "bp" else _ONE)
            return (stated if up else -stated).meets(moved)
        if change.kind == "percent":
            # a row of costs printed in brackets: the ratio of two negatives is that of their sizes, and the
            # sentence's word names the size's move ("decreased 3.4%" from (1,757.8) to (1,698.1)); a row crossing
            # nought, or a nil, has no percentage change
            if not (float(old.low) > 0 or float(old.high) < 0 and float(new.high) < 0):
                return False
            # a percentage the two figures' own values round to, not one only an end of their intervals reaches
            point = (float(new.value) / float(old.value) - 1) * 100 * (1 if up else -1)
            if abs(point - float(change.value)) > (float(change.high) - float(change.low)) / 2 + 1e-9:
                return False
            stated = _interval(change)
            return (stated if up else -stated).meets(moved / _interval(old) * _HUNDRED)
    except Undefined:
        return False
    stated = _interval(change)
    if signed(new, old):
        return stated.meets(moved) or (-stated).meets(moved)
    return (stated if up else -stated).meets(moved)


MECHANISMS = {"change-table-row": change_rows}

"""Whether two printings of different kinds or units can be one figure, and on what footing.

Prose and tables print one figure their own ways. A sentence names its unit where a table names it once, in
the row label or the column header: "copper sales of 111,613 tonnes" against the bare cell "111,613" of the
row "Copper sales (tonnes)", "a debt maturity of 6.7 years" against the row "Average maturity (years)", "net
leverage of 2.7x" against the cell "2.7" of the row "Net debt / EBITDA", "a 41.2% margin" against "41.2" in a
column headed "%". A per-share figure a sentence names before it ("diluted earnings per share were $1.00",
"NTA of EUR142.8 ps") is read as an amount, its row as a price per share. And a sentence tells a loss in words
("a net loss of $44.0 million") where its cell prints it in brackets ("(43,966)"): that one is read in
`restate.py` by magnitudes, prose against a cell only.

So a cell's kind is read from its row and column when the prose figure's own is not the cell's: the unit the
prose figure names must be named by the cell's row label, row path or column header (or their short forms:
"t", "oz", "m"), a ratio's row must name a ratio, a percentage's row or column a percentage. A count of shares
against a plain count, and an amount printed to the cent with no scale against a price per share, need
nothing more: the value and the names the two share decide, as for any restatement.
"""

from __future__ import annotations

from functools import lru_cache

import regex

from ..models import Mention
from ..rules import compiled
from .subjects import stem

# the words of a label (letters only, lower case; "%" and "/" are words of their own)
_TOKEN = regex.compile(r"[a-z]+|[%/]")


def _label(cell: Mention) -> frozenset[str]:
    c = cell.cell
    text = " ".join(t for t in (c.row_label, c.row_path, c.column_header, c.column_path) if t)
    return frozenset(_TOKEN.findall(text.lower()))


# a measure named between a stage phrase and the figure: the figure is that measure's
_MEASURE = regex.compile(r"(?i)\b(?:loss|losses|income|profit|earnings|revenues?|sales)\b")

class Footing:
    """The rule's words for reading a cell's kind from its labels (`units`: a unit's names, its short forms
    among them; `ratio_words`, `percent_words`)."""

    def __init__(self, options: dict):
        self.units: dict[str, frozenset[str]] = {}
        for names in (options.get("units") or {}).values():
            spelled = frozenset(str(n).lower() for n in names)
            for name in spelled:
                self.units[name] = spelled
        self.ratio = frozenset(str(w).lower() for w in options.get("ratio_words", ()))
        self.percent = frozenset(str(w).lower() for w in options.get("percent_words", ()))
        self._labels: dict[int, frozenset[str]] = {}  # each cell's label words, read once
        # (compiled once per process: a Footing is built for every release)
        self.stages = [(compiled(told), compiled(label)) for told, label in (options.get("stages") or {}).values()]

    def _one_unit(self, a: str | None, b: str | None) -> bool:
        return a is not None and b is not None and b.lower() in self.units.get(a.lower(), frozenset())

    def _label(self, cell: Mention) -> frozenset[str]:
        if cell.id not in self._labels:
            self._labels[cell.id] = _label(cell)
        return self._labels[cell.id]

    def apart(self, a: Mention, b: Mention, reading) -> bool:
        """Whether a prose figure's clause names, right before it, a stage of its measure (`stages`: "loss before
        income taxes", "operating loss") that the cell's row label does not: two figures, whatever their values."""
        if (a.cell is None) == (b.cell is None) or not self.stages:
            return False
        prose, cell = (a, b) if b.cell is not None else (b, a)
        lo, _ = reading.bounds.sentence_of(prose.start, prose.end)
        start = max(reading.bounds.clause_start(lo, prose.start), prose.start - _CLAUSE_BACK)
        label = " ".join(t for t in (cell.cell.row_label, cell.cell.row_path) if t)
        for told, named in self.stages:
            # the stage must name the figure's own measure, the last one said before it ("the operating loss
            # narrowed and net loss fell to $12.1 million" is a net loss)
            last = None
            for last in told.finditer(reading.text, start, prose.start):
                pass
            if last is not None and not _MEASURE.search(reading.text, last.end(), prose.start) \
                    and not named.search(label):
                return True
        return False

    def of(self, a: Mention, b: Mention) -> str | None:
        """'' when a and b are of one kind and unit (and of no two currencies), the footing they are compared on
        when a prose figure and a cell differ in kind or unit, None when they cannot be one figure."""
        if a.kind == b.kind and (a.unit == b.unit or self._one_unit(a.unit, b.unit)):
            # (a unit by two of its names is one unit: "80,100 ounces" and "80,100 oz", "3 years" and "3-year")
            return "" if a.currency == b.currency or a.currency is None or b.currency is None else None
        if (a.cell is None) == (b.cell is None):
            return None
        prose, cell = (a, b) if b.cell is not None else (b, a)
        if prose.kind == "shares" and cell.kind == "number" and cell.unit is None:
            return "count"
        if prose.kind in ("money", "price") and prose.unit is None and prose.scale is None \
                and cell.kind == "price" and cell.unit == "share" \
                and (prose.currency == cell.currency or prose.currency is None or cell.currency is None):
            return "per share"
        # (a ratio row the table read as percentages prints no "%": "Leverage ratio  2.4")
        if prose.kind == "ratio" and (cell.kind == "number" and cell.unit is None or cell.kind == "percent"
                                      and "%" not in cell.text) and self._label(cell) & self.ratio:
            return "ratio"
        if cell.kind != "number" or cell.unit is not None:
            return None
        words = self._label(cell)
        if prose.kind == "number" and prose.unit is not None \
                and words & self.units.get(prose.unit.lower(), frozenset((prose.unit.lower(),))):
            return "unit"
        if prose.kind == "percent" and prose.unit == "%" and words & self.percent:
            return "percent"
        return None


# how far back a clause is read for the loss word a cell's row names
_CLAUSE_BACK = 120
# what stands between a loss word and a figure it does not govern: a clause break, or a verb stating the figure
# of another subject ("costs tied to closures, the reserve was $35.2 million")
_BREAK = regex.compile(r"[,;:]|\b(?:is|are|was|were|be|been|remained|remains|stood|totall?ed|amounted|reached)\b",
                       regex.I)


def _same_word(a: str, b: str) -> bool:
    """Two words one by the project's stemmer, or one stem the other's with an ending ("repurchase",
    "repurchased"; "loss", "losses")."""
    a, b = sorted((stem(a), stem(b)), key=len)
    return len(a) >= 4 and b.startswith(a) and len(b) - len(a) <= 2


def row_tells(cell: Mention, prose: Mention, losses, reading, lo: int) -> bool:
    """Whether the loss word a cell's row names it by governs the prose figure: it stands in the figure's clause
    before it, within `_CLAUSE_BACK` characters (a table flattened into prose is one long clause whose words name
    other rows), with no clause break or verb stating another thing's figure between ("repurchased six million
    shares for $245 million"; not "restructuring costs tied to closures, the reserve was $35.2 million")."""
    row = [w.group(0) for w in losses.finditer(cell.cell.row_label or "")] if cell.cell else []
    start = max(reading.bounds.clause_start(lo, prose.start), prose.start - _CLAUSE_BACK)
    return any(any(_same_word(w.group(0), r) for r in row) and not _BREAK.search(reading.text, w.end(), prose.start)
               for w in losses.finditer(reading.text, start, prose.start))


# how far before a figure the loss word it is told by stands ("a net loss attributable to the company of")
_TOLD_BACK = 60


def told_loss(prose: Mention, negative_words: str, reading) -> bool:
    """Whether a loss word of the rule tells the prose figure itself: within `_TOLD_BACK` characters before it in
    its sentence, with no clause break or verb stating another thing's figure between ("a net loss of $19.9
    million"; not "restructuring costs tied to closures, the reserve was $35.2 million")."""
    lo, _ = reading.bounds.sentence_of(prose.start, prose.end)
    losses = loss_words(negative_words)
    return any(not _BREAK.search(reading.text, w.end(), prose.start)
               for w in losses.finditer(reading.text, max(lo, prose.start - _TOLD_BACK), prose.start))


@lru_cache(maxsize=8)
def loss_words(words: str):
    """The rule's words telling a loss, a cost or a fall, compiled once per process."""
    return regex.compile(r"(?i)\b(?:" + "|".join(words.split()) + r")\b")

"""Which per-share row a sentence's per-share figure restates, read from the words, never from the values.

A sentence names a per-share figure its own way ("net income of $0.12 per diluted share", "a loss of $1.05 per
diluted common share", "diluted EPS of $0.24"), and a table its own ("Net income per share: > Diluted",
"Earnings per share - diluted", "Diluted net earnings"). Both say three things: the measure (net income, an
adjusted earnings figure, FFO), the basis (basic, diluted) and that it is per share. Whose earnings they are
("attributable to Acme Inc. stockholders", "of Class A common stock") names no other measure. So each is read into a
measure and a basis, and a row restates the figure when its measure is the last thing the clause names (a word
of its own before it, "adjusted" or "non-GAAP", names another measure) and its basis is the one the figure
names. Earnings, income, profit and a loss are one measure per share ("Net income (loss) per share"); "EPS" is
earnings per share. When the figure's own clause names nothing ("..., or $0.21 per diluted share"), the
measure is the one the amount before it in the sentence is named by.
"""

from __future__ import annotations

import regex

from ..models import Mention
from .subjects import content_words

# what a figure says after it about its share: "per diluted share", "per basic and diluted common share"
_AFTER = regex.compile(r"(?i)\s*(?:per|a|/)\s+((?:basic|diluted|fully|common|ordinary|and|or|,|\s)*)(?:share|shr)\b")
# the basis a per-share figure is for
_BASIS = frozenset(("basic", "diluted"))
# words every per-share name has, which tell no measure apart
_PER_SHARE = frozenset(("per", "share", "shr", "common", "ordinary", "fully", "amount", "class", "stock"))
# whose earnings a per-share name says after "attributable" ("... attributable to Acme Inc. stockholders"), which
# is no other measure unless a word after it changes what is measured ("... stockholders excluding other costs")
_OWNER = "attributable"
_OTHER_MEASURE = ("exclud", "before", "after", "continu", "discontinu", "adjust", "underlying", "core", "cost",
                  "item", "charge", "gain")
# one measure per share, however it is called
_EARNINGS = {"income": "earn", "earning": "earn", "earn": "earn", "loss": "earn", "profit": "earn", "eps": "earn"}
# a row's sections and label joined into one name ("Net income per share: > Diluted")
_PATH = regex.compile(r"\([^()]*\)|>")


def measure(words) -> tuple[tuple[str, ...], frozenset[str]]:
    """A per-share name read into its measure (stemmed words) and its basis."""
    basis = frozenset(w for w in words if w in _BASIS)
    name = tuple(_EARNINGS.get(w, w) for w in words if w not in _BASIS and w not in _PER_SHARE)
    if _OWNER in name:
        at = name.index(_OWNER)
        if not any(w.startswith(_OTHER_MEASURE) for w in name[at + 1:]):
            name = name[:at]
    return name, basis


def row_measure(cell: Mention) -> tuple[tuple[str, ...], frozenset[str]]:
    """A row's measure and basis: its label's, or its sections' too when the label names only a basis
    ("Net income per share: > Diluted")."""
    name, basis = measure(content_words(_PATH.sub(" ", cell.cell.row_label or "")))
    if name or not cell.cell.row_path:
        return name, basis
    return measure(content_words(_PATH.sub(" ", cell.cell.row_path)))


def figure_basis(text: str, end: int) -> frozenset[str] | None:
    """The basis a per-share figure names after it, or None when no share follows it."""
    after = _AFTER.match(text, end, end + 60)
    if after is None:
        return None
    return frozenset(w for w in content_words(after.group(1)) if w in _BASIS)


def per_share_table(rows) -> list[tuple[object, tuple[str, ...], frozenset[str]]]:
    """The rows of per-share figures, each with its measure and basis, read once per release."""
    out = []
    for row in rows:
        cell = next((c for c in row.cells.values() if c.kind == "price" and c.unit == "share"), None)
        if cell is not None:
            out.append((row, *row_measure(cell)))
    return out


def per_share_rows(p: Mention, labels, table) -> list:
    """The per-share rows (of `per_share_table`) whose measure and basis p's words name; `labels` is the
    release's LabelReader."""
    text = labels.reading.text
    basis = figure_basis(text, p.end)
    i = labels.at[p.id]
    previous = labels.prose[i - 1] if i > 0 else None
    if previous is None or previous.sentence != p.sentence or previous.kind != "money":
        previous = None
    elif not any(_named_period(labels.period(p))) and p.id not in labels.compared:
        # "$23 million for 2024, or $0.21 per diluted share" (not "$1.40, compared to ... of $3.22": another period)
        labels._periods[p.id] = labels.period(previous)
    start, _, tokens, named = labels._clause(p)
    if not named:
        # "..., or $0.21 per diluted share": the amount before it in the sentence names the measure
        if previous is None:
            return []
        start, _, tokens, named = labels._clause(previous)
    words, own = measure([s for _, s, _ in named])
    if basis is None and "earn" not in words[-1:] and not own:
        return []  # not named a per-share figure ("$0.15 dividend")
    basis = (basis or frozenset()) | own
    positions = [pos for pos, s, _ in named if s not in _BASIS and s not in _PER_SHARE]
    out = []
    for row, name, row_basis in table:
        n = len(name)
        if not n or n > len(words) or words[-n:] != name or not basis <= row_basis:
            continue
        first = positions[-n]
        if labels._modified([s for pos, s in tokens if pos < first and s not in _BASIS and s not in _PER_SHARE]):
            continue
        out.append(row)
    return out


def _named_period(s) -> tuple:
    return s.years, s.quarters, s.full_year

"""Restatements bound by structure, not by value: a prose figure and the table cell it restates, and one row
given in two tables.

A reader finds the cell a sentence restates by its row and column: "Net revenues for the fourth quarter were
$48.1 million" restates the row "Net revenues" in the column headed "Three Months Ended December 31, 2024".
So the binding is read from the words and the period, never from the two values, and a restatement with a
slip in it is bound like any other:

- the row: a table row whose label (its content words, stemmed, stop words such as "net" and "total" left out)
  is the last thing the clause names before the figure. Only link words ("was", "totaled", "of") and figures
  of other kinds may stand between the label and the figure, and the word right before the label may not be
  a content word of its own ("adjusted EBITDA" is not the row "EBITDA", "product revenue" not "Revenue");
- the column: the one cell of that row, of a compatible kind, whose header period fits the sentence's period
  (a figure with no period of its own binds only a row with one such cell);
- a table with no unit note is read at the scale (units, thousands, millions, billions) that brings its cell
  nearest the prose figure, and that scale is recorded on the fact.

A cell that agrees in value with the prose figure among all the cells the label names is bound as before
(value and label agree). Otherwise the binding is unique (`by: label`) when exactly one row and one column
fit and no other prose figure with the same label agrees with that cell (`by: row` when no other sentence
restates that row correctly, so its label may name another figure; `by: repeated` when another prose figure
restates that very cell correctly, so it may be another figure of that name); any other case is recorded as a
choice among candidates (`by: choice`), which no check flags. All are loose bindings.

One row in two tables is bound in `restatetables.py`.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict
from dataclasses import dataclass, field

import regex

from ..models import Fact, Mention
from .restatechoice import agreeing_cells, cell_scale, slipped
from .restatecolumns import CELL_KINDS as _CELL_KINDS
from .restatecolumns import Columns
from .restateflash import Flash
from .restategrid import Grid
from .restateheadings import Headings, closes
from .restatekinds import Footing
from .restatelists import listed_period, listed_periods, listed_rows
from .restatemargins import margin_rows
from .restatecues import looked_ahead, part_or_reported, restated_column
from .restatenames import BRACKETED as _BRACKETED
from .restatenames import defined_abbreviations, other_sign, renamed
from .restateperiods import context_period, full_year
from .restatepershare import per_share_rows, per_share_table
from .subjects import (
    WORD,
    Reading,
    Subject,
    content_words,
    period_of,
    stem,
    stems,
    stop_words,
)

# what makes a figure the comparison for the one before it ("..., compared to $4.0 million", "up from $2.95")
_COMPARED = regex.compile(r"(?i)\b(?:compared|comparison|versus|vs\b|against|(?:up|down|increased?|decreased?|rose|"
                          r"fell|grew|declined?|improved?)\s+(?:\S+\s+){0,3}?from)")
# how a compared figure says its span is the first figure's ("the comparable period in 2023", "the same quarter of")
_SAME_PERIOD = regex.compile(r"(?i)\b(?:same|comparable|corresponding|like)\s+(?:\w+\s+)?(?:period|quarter)s?\b")
# how a balance's day is named ("at June 30, 2025", "as of", "as at")
_AT_DAY = regex.compile(r"(?i)\b(?:at|as\s+of|as\s+at)\s+$")
# a label's sign word right after an abbreviation in capitals, before its other sign in brackets or its end
# ("Adjusted EBITDA income (loss)"): the abbreviation, and the word
_ABBREVIATION_TAIL = regex.compile(r"\b([A-Z][A-Z&]{2,})\s+(\w+)\s*(?:\(|$)")
# how a compared figure says it is the year before ("in the prior year quarter", "a year ago", "last year")
PRIOR_YEAR = regex.compile(r"(?i)\b(?:prior|previous|preceding|last)[\s-]+year|\byear[\s-]+(?:ago|earlier|before)")


@dataclass
class _Row:
    table: int
    row: int
    words: tuple[str, ...]
    cells: dict[int, Mention] = field(default_factory=dict)


def rows_of(mentions: list[Mention]) -> dict[tuple[int, int], _Row]:
    rows: dict[tuple[int, int], _Row] = {}
    for m in mentions:
        if m.cell is None or m.kind == "date" or float(m.value) == 0:
            continue
        key = (m.cell.table, m.cell.row)
        if key not in rows:
            rows[key] = _Row(m.cell.table, m.cell.row, content_words(_BRACKETED.sub(" ", m.cell.row_label or "")))
        rows[key].cells.setdefault(m.cell.column, m)
    for row in rows.values():
        if not row.words and (heading := closes(row, rows)):
            row.words = content_words(_BRACKETED.sub(" ", heading))
    return rows


class LabelReader:
    """The tables' row labels by their last word, and each prose figure's label and period read against them."""

    def __init__(self, rows: dict[tuple[int, int], _Row], reading: Reading, options: dict):
        self.reading = reading
        words = {k: stems(str(options.get(k, "")))
                 for k in ("link_words", "compare_words", "prepositions", "period_words", "articles", "label_tails",
                          "conjunctions", "margin_words", "margin_bases", "share_row_words", "row_tails")}
        self.tails, self.row_tails = words["label_tails"], words["row_tails"]
        self.tail_measures = frozenset(str(options.get("row_tail_measures", "")).split())
        self.rows = rows
        self.margins, self.bases, self.share_rows = words["margin_words"], words["margin_bases"], words["share_row_words"]
        self.link, self.compare = words["link_words"], words["compare_words"]
        self.prepositions, self.period_words = words["prepositions"], words["period_words"]
        self.articles, self.conjunctions = words["articles"], words["conjunctions"]
        self.defined = reading.of_text(defined_abbreviations)
        self.by_last: dict[str, list[_Row]] = defaultdict(list)
        # the rows a sentence names by another name: a row's first word -> (the name, the row's words)
        self.aliases: dict[str, list[tuple[tuple[str, ...], tuple[str, ...]]]] = defaultdict(list)
        for name, labels in (options.get("row_names") or {}).items():
            for label in labels:
                if words := content_words(label):
                    self.aliases[words[0]].append((content_words(name), words))
        # a label naming the other sign in brackets names two rows: "Gross profit (loss)" is "Gross loss" too
        self.other_sign: dict[str, list[tuple[_Row, tuple[str, ...]]]] = defaultdict(list)
        for row in rows.values():
            if row.words and max(len(w) for w in row.words) > 2:
                self.by_last[row.words[-1]].append(row)
                label = next(iter(row.cells.values())).cell.row_label or ""
                if "(" in label and (other := other_sign(label)) and other != row.words:
                    self.other_sign[other[-1]].append((row, other))
                if len(row.words) > 1 and row.words[-1] in self.row_tails \
                        and (tail := _ABBREVIATION_TAIL.search(label)) and tail.group(1) in self.tail_measures \
                        and stem(tail.group(2)) == row.words[-1]:
                    # "Adjusted EBITDA income (loss)" names its measure with a sign word after it: "adjusted EBITDA"
                    self.other_sign[row.words[-2]].append((row, row.words[:-1]))
                for alias in self.aliases.get(row.words[0], ()):
                    # "Purchases of property and equipment" is what a sentence calls "capital expenditures"
                    if set(alias[1]) <= set(row.words) and row.words[-1] == alias[1][-1]:
                        self.other_sign[alias[0][-1]].append((row, alias[0]))
                if any(w in self.defined for w in row.words):
                    # a label abbreviating what the release spells out ("FFO", "Adjusted EBIT") names the words
                    # the release defines it for too ("funds from operations (FFO)")
                    spelled = tuple(x for w in row.words for x in self.defined.get(w, (w,)))
                    self.other_sign[spelled[-1]].append((row, spelled))
        prose = [m for m in reading.mentions if m.cell is None]
        self.prose, self.starts = prose, [m.start for m in prose]
        self.at = {m.id: i for i, m in enumerate(prose)}
        self._periods: dict[int, Subject] = {}
        self._headings: dict[int, tuple | None] = {}  # each paragraph's heading period, read once
        self._days: dict[int, str | None] = {}
        self.titles: dict[int, tuple | None] = {}  # each table's one span its title names, read once
        self.stated: set[int] = set()  # figures whose period is read from their own words, not their clause's
        self.compared: set[int] = set()  # figures compared with the one before them, naming no period after them

    def period(self, p: Mention) -> Subject:
        """The period a figure is for: named right after it ("$2.8 billion for FY 2024"), else since the figure
        before it, else in its clause. A figure compared with the one before it ("$49.0 million for the fourth
        quarter of 2024 compared to $76.3 million in the prior year quarter") is not for that one's period: it
        is for the period it names, or the year before when it says so, or for no period known."""
        if p.id not in self._periods:
            text, i = self.reading.text, self.at[p.id]
            lo, hi = self.reading.bounds.sentence_of(p.start, p.end)
            if (listed := listed_period(p, self, text[lo:hi])) is not None:
                self.stated.add(p.id)  # its own piece of a "respectively" list of periods
                self._periods[p.id] = listed
                return listed
            after = next((m.start for m in self.prose[i + 1:] if m.kind != "date"), hi)
            previous = next((m for m in reversed(self.prose[:i]) if m.kind != "date"), None)
            before = previous.end if previous is not None and previous.end > lo else lo
            own = period_of(text[p.end:min(after, hi)])
            if any(own):
                self.stated.add(p.id)
                if before > lo and not own[1] and not own[2] and _SAME_PERIOD.search(text, p.end, min(after, hi)):
                    # "for the comparable period in 2023": the year named, the span the figure before it is for
                    first = self.period(previous)
                    own = (own[0], first.quarters, first.full_year)
            elif before > lo and _COMPARED.search(text, before, p.start):
                own = self._prior(previous, text[before:min(after, hi)])
                if any(own):
                    self.stated.add(p.id)
                self.compared.add(p.id)
                self._periods[p.id] = Subject((), *own)
                return self._periods[p.id]
            else:
                own = full_year(period_of(text[max(before, lo):p.start]), text, p.start, lo, period_of, self._headings)
            self._periods[p.id] = Subject((), *own) if any(own) else self._in_context(p, lo)
        return self._periods[p.id]

    def day(self, p: Mention) -> str | None:
        """The balance day a figure is for (ISO): a day named "at" or "as of" it right after it, before the next
        figure ("$5.8 billion at June 30, 2025"), else the last one its clause names before it ("As of March 31,
        2025, cash was")."""
        if p.id not in self._days:
            text, i = self.reading.text, self.at[p.id]
            lo, _ = self.reading.bounds.sentence_of(p.start, p.end)
            start = self.reading.bounds.clause_start(lo, p.start)
            after = []
            for m in self.prose[i + 1:i + 4]:
                if m.kind != "date" or m.sentence != p.sentence:
                    break
                after.append(m)
            before = [m for m in reversed(self.prose[max(0, i - 3):i]) if m.start >= start and m.kind == "date"]
            self._days[p.id] = next((m.value for m in after + before[:1] if len(m.value) == 10
                                     and _AT_DAY.search(text, max(0, m.start - 12), m.start)), None)
            at_day = self._days[p.id] is not None or any(
                _AT_DAY.search(text, max(0, m.start - 12), m.start) for m in before)
            if at_day and (listed := listed_periods(p, self)) is not None:
                self._days[p.id] = listed[1]  # its own piece of a "respectively" list of days ("As of A and B")
        return self._days[p.id]

    def _in_context(self, p: Mention, lo: int) -> Subject:
        """The clause's period, or when the sentence names none, its paragraph's or heading's."""
        subject = self.reading.subject(p)
        if subject.years or subject.quarters or subject.full_year:
            return subject
        named = context_period(self.reading.text, p.start, lo, period_of, self._headings)
        return Subject(subject.words, *named) if named else subject

    def _prior(self, previous: Mention, words: str) -> tuple[frozenset[str], frozenset[int], bool]:
        """A compared figure's period: the year before its first figure's when its words say so."""
        first = self.period(previous)
        if not first.years or not PRIOR_YEAR.search(words):
            return frozenset(), frozenset(), False
        return frozenset(str(int(y) - 1) for y in first.years), first.quarters, first.full_year

    def _modified(self, before: list[str], listed: bool = True) -> bool:
        """Whether the words before a label make it part of another name: "adjusted EBITDA" is not the row
        "EBITDA", and "the increase in net revenues" is the increase, not the revenues (unless the noun is a
        period: "for the fourth quarter of 2024, revenue", or the figure is compared: "compared to a net loss of").
        Articles, words like "net" and a period's words ("quarterly revenues", "full-year revenue") are passed
        over."""
        i = len(before) - 1
        while i >= 0 and (before[i] in self.articles or self._of_period(before[i])):
            i -= 1
        if i < 0 or before[i] in self.link or before[i] in self.compare:
            return False
        if before[i] in self.conjunctions:
            # the last of a list names their total ("cash, cash equivalents and marketable securities"), but
            # not after a figure ("revenue was $5.0 million and EBITDA was")
            return listed and i > 0 and before[i - 1] not in self.link
        if before[i] in self.prepositions:
            if before[i - 1:i + 1] == ["as", "of"]:
                return False  # "as of March 31, 2025, deposits": it named the day, whose figures are blanked out
            i -= 1
            while i >= 0 and before[i] in self.articles:
                i -= 1
            return i >= 0 and before[i] not in self.period_words and before[i] not in self.link \
                and before[i] not in self.compare
        return before[i] not in stop_words()

    def _of_period(self, word: str) -> bool:
        return all(part in self.period_words for part in word.split("-"))

    def _clause(self, p: Mention) -> tuple[int, list[Mention], list[tuple[int, str]], list[tuple[int, str]]]:
        """p's clause before it: where it starts, its figures, its words (stemmed, the figures blanked out),
        and those of them that name something."""
        text = self.reading.text
        lo, _ = self.reading.bounds.sentence_of(p.start, p.end)
        start = self.reading.bounds.clause_start(lo, p.start)
        i = bisect_left(self.starts, start)
        between = [m for m in self.prose[i:bisect_left(self.starts, p.start)] if m.end <= p.start]
        pieces, at = [], start
        for m in between:
            pieces.append(text[at:m.start])
            pieces.append(" " * (m.end - m.start))
            at = m.end
        pieces.append(text[at:p.start])
        clause = "".join(pieces)
        tokens = [(w.start(), stem(w.group(0))) for w in WORD.finditer(clause)]
        stop = stop_words()
        return start, between, tokens, [(pos, s, _inside(clause, pos)) for pos, s in tokens
                                        if s not in stop and s not in self.link and len(s) > 1]

    def _readings(self, named: list[tuple[int, str, bool]]):
        """The ways a clause may name a row: as written, without what it says in brackets ("General and
        administrative (G&A) expenses"), and either without a generic last noun the row label leaves out
        ("G&A expenses" for the row "General and administrative", "EBITDA loss" for "EBITDA")."""
        plain = [(pos, s) for pos, s, _ in named]
        bare = [(pos, s) for pos, s, inside in named if not inside]
        for words in (plain, bare) if len(bare) < len(plain) else (plain,):
            yield words
            if len(words) > 1 and words[-1][1] in self.tails:
                yield words[:-1]

    def _compared(self, p: Mention, start: int, between: list[Mention], tokens, first: int, last: int) -> bool:
        """"revenue was $5.0 million compared to $4.0 million": the second is another period's, which only its
        value may tell."""
        return any(s in self.compare for pos, s in tokens if pos > last) \
            or any(m.kind == p.kind and m.start >= start + first for m in between) and not self.period(p).years

    def rows_named(self, p: Mention) -> list[tuple[_Row, bool]]:
        """The rows whose label is the last thing p's clause names before it, each with whether p is a
        comparison figure after another one."""
        start, between, tokens, named = self._clause(p)
        bracketed = {pos for pos, _, inside in named if inside}
        out, seen = [], set()
        for words in self._readings(named):
            last = words[-1][1] if words else ""
            for row, name in [(row, row.words) for row in self.by_last.get(last, ())] + self.other_sign.get(last, []):
                n = len(name)
                if id(row) in seen or n > len(words) or tuple(s for _, s in words[-n:]) != name:
                    continue
                first, last = words[-n][0], named[-1][0]
                # the clause's own abbreviation in brackets ("funds from operations (FFO)"): the words before it
                # spell it out, they modify nothing
                defining = all(pos in bracketed for pos, _ in words[-n:]) \
                    and (all(w in self.defined for w in name) or renamed(self.reading.text, start, first, words[-1][0]))
                # (the words before a figure earlier in the clause are that figure's: "gross profit of $405 million,
                # EBITDA of" leaves "EBITDA" unmodified)
                cut = max((m.end - start for m in between
                           if m.start < start + first and m.kind not in ("number", "date")), default=-1)
                if not defining and self._modified([s for pos, s in tokens if cut < pos < first],
                                  not any(m.start < start + first for m in between)):
                    continue
                seen.add(id(row))
                out.append((row, self._compared(p, start, between, tokens, first, last)))
        if not out and p.kind == "percent" and p.unit == "%" and named and named[-1][1] in self.margins:
            out = [(row, self._compared(p, start, between, tokens, first, named[-1][0]))
                   for row, first in margin_rows(self, tokens, named, start, between)]
        return out


def _inside(text: str, at: int) -> bool:
    """Whether a word of the text stands in brackets."""
    return text.rfind("(", 0, at) > text.rfind(")", 0, at)


def prose_bindings(rule, mentions: list[Mention], reading: Reading, kinds: set[str]) -> list[Fact]:
    options = rule.options
    rows = reading.derived(rows_of)
    if not rows:
        return []
    labels = LabelReader(rows, reading, options)
    per_share = per_share_table(rows.values())
    flash = Flash(labels, rows.values(), per_share, options.get("abbreviations") or {})
    min_number = float(options.get("min_plain_number", 10))
    footing = Footing(options)
    ahead = stems(str(options.get("forecast_words", "")))
    headings = Headings(rows.values(), _BRACKETED)
    grid = Grid(rows.values())
    found = []  # (prose, cell, how it was bound)
    pending = []  # (prose, the rows it names) with no cell that agrees
    agreed = set()  # the rows of every cell a prose figure agrees with: the prose restates each of them correctly
    for p in labels.prose:
        if p.kind not in kinds or p.kind == "date" or float(p.value) == 0 \
                or p.kind == "number" and abs(float(p.value)) < min_number:
            continue
        if (cell := grid.cell(p, reading.text, reading.bounds.sentence_of(p.start, p.end))) is not None:
            found.append((p, cell, "grid"))  # a table of groups: its column named after the figure, its row before
            continue
        named = _named(p, labels, per_share, flash)
        by_heading = not named
        if by_heading and not (named := [(row, False) for row in headings.rows(p, reading.text)]):
            continue
        kinds_of = _CELL_KINDS.get(p.kind, {p.kind})
        agreeing = agreeing_cells(p, [row for row, _ in named], rows if not by_heading else {}, footing, reading)
        if not agreeing and not by_heading and (heading := headings.agreeing(p, reading, kinds_of)):
            agreeing, by_heading = heading, True  # the heading's row, where the clause's names none that agrees
        if agreeing:
            found.append((p, agreeing[0], "heading" if by_heading else "value"))
            agreed.update((c.cell.table, c.cell.row) for c in agreeing)
        elif by_heading:
            continue  # a heading names the row, not the measure's table: only a value that agrees tells it
        elif part_or_reported(p, reading) in ("part", "adjusted", "difference") or looked_ahead(p, reading, ahead):
            continue  # a part ("..., of which $1.6 million") or next year's figure ("expects ... $65 million")
        elif not any(compared for _, compared in named) or (labels.period(p).years and p.id in labels.stated):
            # a comparison figure too, when it names its own period or the year before its first figure's
            pending.append((p, [row for row, _ in named]))
    widths: dict[int, int] = defaultdict(int)
    for (table, _), row in rows.items():
        widths[table] = max(widths[table], max(row.cells))
    columns = Columns([(p, c) for p, c, by in found if by != "grid"], labels, widths)
    found += slipped(pending, found, columns, labels, flash, rows, agreed)
    facts = []
    for p, c, by in found:
        if by != "value" and part_or_reported(p, reading) == "reported" and restated_column(c):
            continue  # "$14.2 million in 2023 as previously reported" is not the column headed "as restated"
        scale = cell_scale(p, c)
        attributes = {"by": by} if scale == 1 else {"by": by, "scale": str(scale)}
        if kinds_apart := footing.of(p, c):
            attributes["footing"] = kinds_apart
        facts.append(Fact(id=0, type=rule.type, rule=rule.id, roles={"a": c.id, "b": p.id}, sentence=p.sentence,
                          attributes=attributes, strength="loose"))
    return facts


def _named(p: Mention, labels: LabelReader, per_share: list, flash: Flash) -> list[tuple[_Row, bool]]:
    """The rows p's words name: a flash line's by its whole name, a "respectively" list's by its own piece, a
    per-share figure's per-share rows (never the amount's row its words also name), any other figure's by the
    label its clause ends with."""
    if (on_line := flash.rows(p)) is not None or (on_line := listed_rows(p, labels)) is not None:
        return [(row, False) for row in on_line]
    named = labels.rows_named(p)
    if p.kind == "price" and p.unit == "share" and per_share:
        return [(row, False) for row in per_share_rows(p, labels, per_share)] or named
    return named

"""A table that is one plain list under a bare "Total": the rows it adds up when no column agrees.

`tablefacts.table_totals` reads which rows a total adds up from the columns that agree with a reading; where
every column disagrees it binds nothing, for a hierarchy or a statement's netting lines may be what broke the
reading. A list with one bare "Total", every row above it an amount no larger than it and none below zero,
and no choice of some rows adding up to it, leaves one reading, and a column whose rows add up to more than
its total can only be a slip.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import regex

from ..intervals import Interval, exact
from ..models import Mention
from .subjects import content_words


def interval(m: Mention) -> Interval:
    """A figure's interval, as its printed precision allows."""
    return Interval(exact(m.low), exact(m.high))


# a total naming nothing ("Total", "Totals:") totals what is listed above it; "Total revenue" under a few segments
# may total segments the table leaves out
_BARE_TOTAL = regex.compile(r"(?i)^\W*totals?\W*$")


def plain_list(label: str, text: str, rows, order: list[int], i: int, totals: dict, is_total: list[bool],
               start: int) -> dict[int, list[int]]:
    """A table that is one list and its total: the total row is the table's only one, every row above it from the
    table's first (nothing but rules and blank lines between them) prints a figure of the total's kind in each of
    its columns, none below zero nor above the total, ten rows at most, no choice of some rows adding up to the
    total (a hierarchy), and the line after the table says nothing of the total. Where every column disagrees, the
    rows are bound to their totals only where the columns' misses offset each other (one column's rows short by
    what another's exceed its total: "$296,000 | $6,704,000" for "$302,000 | $6,698,000", a part put partly in the
    next column, the rows adding across as before). A miss in one column alone has other readings: rows that
    overlap, a netting line, other currencies, rows the list leaves out."""
    if start != 0 or i < 2 or sum(is_total) != 1 or not _BARE_TOTAL.match(label) or len(totals) < 2 \
            or i > MAX_LISTED or _total_noted(text, rows, order):
        return {}
    above = range(i)
    misses = Interval.point(Fraction(0))  # the columns' misses (total less rows), added
    for c, total in totals.items():
        parts = [rows[order[j]].get(c) for j in above]
        if any(m is None or m.kind != total.kind or Decimal(m.value) < 0 or Decimal(m.value) > Decimal(total.value)
               for m in parts) or _some_rows_add_up(parts, total):
            return {}
        misses = misses + interval(total) - sum((interval(p) for p in parts), Interval.point(Fraction(0)))
    return {c: list(above) for c in totals} if misses.meets(Interval.point(Fraction(0))) else {}


_NOTE_LINE = regex.compile(r"(?m)^(?![ \t]*(?:```|\|))[ \t]*\S[^\n]*")
_ABOUT_TOTAL = regex.compile(r"(?i)\btotals?\b|\beliminat|\bcounted\b|\bdouble")


def _total_noted(text: str, rows, order: list[int]) -> bool:
    """Whether the first line of text after the table says what its total is ("Total is consolidated revenue,
    after intersegment eliminations", "the 2024 total covers all customers"): the list is then not all it adds."""
    line = _line_after(text, max(m.end for m in rows[order[-1]].values())) if text else None
    return bool(line and _ABOUT_TOTAL.search(line))


def _line_after(text: str, end: int) -> str | None:
    """The first line of text after a table ending at `end` (no fence, no pipe row), where a note would be."""
    line = _NOTE_LINE.search(text, text.find("\n", end) + 1) if "\n" in text[end:] else None
    return line.group(0) if line else None


# (the plain list asks more widely than the footings below: any word of a total, eliminations or counting twice
# in that line leaves its one reading unsure)

# a note that says what a table's total is or leaves out ("Total subscribers counts each family account once",
# "Outstanding totals are net of participations sold", "Total excludes intersegment sales"): not prose that only
# reports the total ("Total revenue grew 12%")
_NOTE_ON_TOTAL = regex.compile(
    r"(?i)\btotals?\b[^.;\d]{0,40}?\b(?:counts?|counted|(?:is|are)\s+(?:stated\s+|shown\s+|presented\s+)?net\s+of|"
    r"net\s+of|exclud(?:e|es|ing)|includ(?:e|es|ing)|eliminat\w*|covers?|do(?:es)?\s+not\s+(?:add|sum|foot|equal))\b")
_TOTAL_LABEL = regex.compile(r"(?i)\btotal")


def noted_totals(facts, mentions: list[Mention], text: str) -> list:
    """The facts less those binding a total a note under its table explains: the first line of text after the
    table says what the total counts or leaves out, so its rows need not add up to it. The note names the columns
    it is about by their headers' words ("Total subscribers", "Outstanding totals"), else it is about every column;
    only a total row's figures ("Total", "Total loans") are taken out, each table's note read once."""
    if not facts or not text:
        return facts
    wanted = {f.roles.get("total") for f in facts}
    by_id = {m.id: m for m in mentions if m.id in wanted and m.cell is not None}
    # (only the tables holding a total on a "Total" row are read: most releases have none with a note)
    tables = {m.cell.table for m in by_id.values() if _TOTAL_LABEL.search(m.cell.row_label or "")}
    if not tables:
        return facts
    ends: dict[int, int] = {}
    for m in mentions:
        if m.cell is not None and m.cell.table in tables:
            ends[m.cell.table] = max(ends.get(m.cell.table, 0), m.end)
    notes = {t: words for t in tables if (words := _note_words(text, ends[t])) is not None}
    if not notes:
        return facts
    headers: dict[int, dict[int, set[str]]] = {}
    for m in mentions:
        if m.cell is not None and m.cell.table in notes:
            headers.setdefault(m.cell.table, {}).setdefault(m.cell.column, set()).update(
                content_words(m.cell.column_header or ""))
    noted: dict[int, set[int]] = {}  # each table's columns whose total its note explains
    for table, words in notes.items():
        columns = headers[table]
        noted[table] = {c for c, said in columns.items() if said & words} or set(columns)
    kept = []
    for f in facts:
        total = by_id.get(f.roles.get("total"))
        if total is None or total.cell.table not in noted or not _TOTAL_LABEL.search(total.cell.row_label or "") \
                or total.cell.column not in noted[total.cell.table]:
            kept.append(f)
    return kept


def _note_words(text: str, end: int) -> set[str] | None:
    """The words of the note on the total under a table ending at `end` (None: there is none)."""
    line = _line_after(text, end)
    return set(content_words(line)) if line and _NOTE_ON_TOTAL.search(line) else None


MAX_LISTED = 10  # a plain list's rows: every choice of them is tried


def _some_rows_add_up(parts: list[Mention], total: Mention) -> bool:
    """Whether some of the rows, not all, add up to the total: a hierarchy ("Residential 133" over "Campus 106"
    and "Student 27", all listed), whose total adds its top rows only."""
    target = interval(total)
    for mask in range(1, (1 << len(parts)) - 1):
        chosen = [p for k, p in enumerate(parts) if mask >> k & 1]
        if len(chosen) >= 2 and sum((interval(p) for p in chosen), Interval.point(Fraction(0))).meets(target):
            return True
    return False

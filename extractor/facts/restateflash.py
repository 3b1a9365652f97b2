"""Which row a wire's flash line restates: "*Acme 4Q Rev $117.4M >ACME", "*Acme 4Q Loss/Shr 57c >ACME".

A wire prints the release's main figures first as flash lines, each its issuer, its period, an abbreviated
name and the figure, then the ticker. The name is all of the words between the period and the figure, spelled
out ("Rev" is revenue, "Net" net income, "Adj EPS" adjusted earnings per share), so the row is the one whose
label is exactly that name, or for a per-share figure the per-share row of that measure (the diluted one when the line names no basis:
a wire's "EPS" is diluted); the period is the
quarter or year the line names, of the latest year the tables print results for (the line announces the
release's results, not the year-earlier column beside them, nor an outlook's year). A
line that looks ahead ("Sees FY EPS $12.40-EPS $13.40") restates no table.
"""

from __future__ import annotations

import regex

from ..models import Mention
from .restatecolumns import column_period
from .restatepershare import measure
from .subjects import Subject, content_words, period_of, stem

# a flash line up to its figure: "*", the issuer, the period, one to four words of name; then the ticker
_FLASH = regex.compile(r"\*[^\n*]*?\s(?P<period>[1-4]Q|Q[1-4]|FY|[12]H|H[12])\s+(?P<name>(?:[A-Za-z][\w/&.-]*\s+){1,4})$")
_TICKER = regex.compile(r"[^\n]{0,40}?\s>[A-Z][\w.]*[ \t]*(?:\n|$)")
# what makes a flash line a forecast, not a result
_AHEAD = regex.compile(r"(?i)\b(?:sees|expects|forecasts?|guidance|outlook|target)\b")
_SPLIT = regex.compile(r"[\s/]+")


class Flash:
    """The release's flash-line figures read against its rows, each line read once."""

    def __init__(self, labels, rows, per_share, abbreviations: dict):
        self.labels, self.per_share = labels, per_share
        self.spelled = {stem(str(k)): str(v) for k, v in abbreviations.items()}
        self.by_words: dict[tuple[str, ...], list] = {}
        for row in rows:
            self.by_words.setdefault(row.words, []).append(row)
        self._rows: dict[int, list | None] = {}  # each figure's answer: the binder asks up to three times
        self.all_rows = rows
        self._years: dict[tuple, frozenset[str]] = {}

    def rows(self, p: Mention) -> list | None:
        """The rows a flash line's figure restates, or None when p stands in no flash line."""
        if p.id not in self._rows:
            self._rows[p.id] = self._read(p)
        return self._rows[p.id]

    def _latest(self, quarters: frozenset[int], full_year: bool) -> frozenset[str]:
        if (quarters, full_year) not in self._years:
            # (an outlook's column names a later year than the results the line announces)
            read = [column_period(c) for row in self.all_rows for c in row.cells.values()
                    if not _AHEAD.search(c.cell.column_path or c.cell.column_header or "")]
            # (headers naming years alone, "2024 2023 2024 2023", name the quarter's year too)
            latest = [max(years) for years, q, f in read if years and (q & quarters if quarters else f and full_year)] \
                or [max(years) for years, q, f in read if years and not q and not f]
            self._years[(quarters, full_year)] = frozenset((max(latest),)) if latest else frozenset()
        return self._years[(quarters, full_year)]

    def _read(self, p: Mention) -> list | None:
        text = self.labels.reading.text
        start = text.rfind("\n", 0, p.start) + 1
        line = _FLASH.search(text, start, p.start)
        if line is None or not _TICKER.match(text, p.end) or _AHEAD.search(text, start, p.start):
            return None
        words = " ".join(self.spelled.get(stem(w), w) for w in _SPLIT.split(line.group("name")) if w)
        years, quarters, full_year = period_of(line.group("period"))
        if not years:
            # the line announces the release's results: the latest year the tables print that quarter (or full
            # year) for, not the year before it beside it
            years = self._latest(quarters, full_year)
        self.labels._periods[p.id] = Subject((), years, quarters, full_year)
        if p.kind == "price" and p.unit == "share":
            name, basis = measure(content_words(words))
            rows = [(row, row_basis) for row, row_name, row_basis in self.per_share if row_name == name and basis <= row_basis]
            if not basis and any("diluted" in row_basis for _, row_basis in rows):
                # a wire's flash line prints the diluted figure and names no basis: "4Q EPS 76c" is not the basic row
                rows = [(row, row_basis) for row, row_basis in rows if "diluted" in row_basis]
            return [row for row, _ in rows]
        return list(self.by_words.get(content_words(words), ()))

"""The full header of a fixed-width table's columns: the spans over them and the dates stacked above their years.

A statement prints a quarter's columns and the year's under one line of years ("2024 2023 2024 2023"), with
the spans that tell them apart on a line above ("Three Months Ended   Year Ended") and often each column's day
stacked over its year ("December  September  December" / "28,  28,  30,"). A wire collapses the spaces that
placed a span over its columns, so the span a column falls under is read from the columns themselves: each
span's columns are one run of periods, and a run ends where a column names a period the run already holds
(2024, 2023 | 2024, 2023; Dec 28 2024, Sep 28 2024, Dec 30 2023 | Dec 28 2024, Dec 30 2023). A header whose
runs are not one a span, or whose dates are neither one a column nor one a span, is left to its years: a column
given a wrong span would be a wrong period, and a year alone is only a vague one.
"""

from __future__ import annotations

import regex

from .fixedlabels import RULE
from .model import MONTH, is_year

MAX_LINES = 4  # header lines above a line of years
# a period glued to a two-digit year, as wires print column heads ("Q4'24", "4Q24", "12M'24")
SHORT_PERIOD = r"(?:Q[1-4]|[1-4]Q|FY|(?:3|6|9|12)M|H[12]|[12]H)['’]?\d\d"
# a column's period in a header a wire printed with single spaces ("Group Q4 2023 Q1 2024 Q2 2024 Q4 2024*"): a
# quarter or fiscal year glued to its year, or a bare year, each one column (widths say nothing there)
# (or glued to a two-digit year: "Q4'24 Q4'23 Change 12M'24 12M'23 Change", "4Q24 3Q24"; a mark glued on, "2024(1)")
# a balance sheet's columns are days ("December 31, 2024  December 31, 2023", "Dec 31, 2023", "28, 2024" under a line
# of months, "12/31/2024"): each day is one column's head, its day number no figure of the line
_DAY_HEAD = rf"(?i:{MONTH}\.?\s+)?\d{{1,2}},\s?(?:19|20)\d\d|\d{{1,2}}/\d{{1,2}}/(?:19|20)\d\d"
_PERIOD_HEAD = regex.compile(rf"(?<!\S)(?:{_DAY_HEAD}|(?:(?:Q[1-4]|FY)\s?)?(?:19|20)\d\d|{SHORT_PERIOD})(?:\*|\(\d\))?(?!\S)")
# after the first period, the change columns between them ("Q4 2024 Q3 2024 QoQ Q4 2023 YoY", "FY/FY", a currency's
# "Impact", the lower line of "Increase (Decrease)") are columns too, a footnote mark glued to one or after the last
# no column
_CHANGE_HEAD = regex.compile(r"(?i)(?<!\S)(?:QoQ|YoY|[a-z]{1,2}/[a-z]{1,2}|(?:[%$€£]\s?)?(?:change|var\.?|variance)(?:\s?\(%\))?|impact|\(decrease\))(?:\(\d\))?(?!\S)")
_SPAN_DAY = regex.compile(rf"(?i)\b{MONTH}\.?\s+\d{{1,2}}\b,?")  # a span's day: "ended December 31"
_MARKS_AFTER = regex.compile(r"(?:\s+\(\d{1,2}\))+\s*$")

# a span naming how long its columns' periods run: "Three Months Ended", "Years ended", "For the three months
# ended", "Quarters Ended", "13 Weeks Ended", "4Q" (not "Twelve Months" alone: the column reader reads no length
# without "ended", and a span it cannot read would turn a year's column into a day's)
SPAN = regex.compile(r"(?i)(?:\bfor\s+the\s+)?(?:\b(?:three|six|nine|twelve|thirteen|fifty[\s-]two|3|6|9|12|13|52)"
                      r"[\s-]+(?:months?|weeks?)\s+(?:ended|ending)|\b(?:fiscal\s+)?(?:quarters?|years?)\s+"
                      r"(?:ended|ending)|(?<!\S)[1-4]Q(?!\S))")
# a date piece of a header: "December 31,", "December", "28,", "Dec. 31"
_DATE = regex.compile(rf"(?i)\b{MONTH}\.?(?:\s+\d{{1,2}}\b,?)?|(?<!\S)\d{{1,2}},")
# words a header line may print before its first span: the label column's ("Unaudited", "ICL Sales by")
_LABEL_WORDS = 3
_ENDED = regex.compile(r"(?i)\b(?:ended|ending)\b")


def period_heads(line: str) -> list[str] | None:
    """The periods a header line names, one a column, where one names a quarter or fiscal year or change columns
    stand between them (a line of bare years alone is read as such already) and nothing else there is a figure;
    the change columns between them too ("QoQ", "YoY", "% Change": "2024 2023 % Change 2024 2023 % Change").
    Only the label's words may stand before the first period, and nothing but periods and change columns after
    it: "Results, Q4 2024 and Q4 2023 (unaudited)" is a title."""
    periods = list(_PERIOD_HEAD.finditer(line))
    if len(periods) < 2:
        return None
    first = periods[0].start()
    # (a span's day before the first period is no figure: "Six months ended December 31  2023  2024  Change (%)")
    span = SPAN.search(line, 0, first)
    lead = _SPAN_DAY.sub(" ", line[:first]) if span else line[:first]
    if any(tok[:1].isdigit() for tok in _PERIOD_HEAD.sub(" ", lead + " " + line[first:]).split()):
        return None
    changes = list(_CHANGE_HEAD.finditer(line, first))
    if not changes and all(is_year(m.group(0).rstrip("*")) for m in periods):
        return None  # bare years alone: a line of years, read as such
    if _MARKS_AFTER.sub("", _CHANGE_HEAD.sub(" ", _PERIOD_HEAD.sub(" ", line[first:]))).strip():
        return None  # words among the periods ("Q4 2024 and Q4 2023", "vs."): a title, no columns' header
    # the span before the periods is each period's ("Six months ended December 31 > 2024"), not a change column's
    over = f"{line[span.start():first].strip()} > " if span else ""
    return [f"{over}{m.group(0)}" if m in periods else m.group(0) for m in sorted(periods + changes, key=lambda m: m.start())]


def _dates(line: str) -> list[str] | None:
    """The date pieces of a line made of nothing else, or None."""
    pieces = [m.group(0) for m in _DATE.finditer(line)]
    return pieces if pieces and not _DATE.sub(" ", line).strip(" \t,") else None


def _spans(lines: list[str]) -> tuple[list[str], list[list[str]]] | None:
    """The spans the header lines name, in order (with the dates printed after each on its line, or on the next
    line before the next span: "Three months ended December" / "31, Years ended December 31,"), and the lines of
    dates alone below them. None where the spans cannot be read as one list: a span's words run on past its
    phrase ("Year ended December ended December": another span cut in two)."""
    spans: list[str] = []
    dated: list[list[str]] = []
    for line in lines:
        found = list(SPAN.finditer(line))
        if not found:
            if (pieces := _dates(line)) is not None:
                dated.append(pieces)
            continue
        if dated:
            return None  # a span below a line of dates: no header read here
        before = line[: found[0].start()]
        if len(before.split()) > _LABEL_WORDS:
            return None  # a sentence naming a period ("... for the quarter and year ended December 28,"), no header
        if spans:
            # spans on two lines are one list only where the lower line goes on with the upper's last span (its
            # date cut off before the next span): "Three Months ended" over "Year ended December 31, December
            # 31," may stand over either pair of columns
            if not (pieces := [m.group(0) for m in _DATE.finditer(before)]):
                return None
            spans[-1] = f"{spans[-1]} {' '.join(pieces)}"
        for k, m in enumerate(found):
            piece = line[m.start(): found[k + 1].start() if k + 1 < len(found) else len(line)].strip()
            rest = piece[m.end() - m.start():]
            dates = _dates(rest)
            # a span names one end: two dates after it are another span's too ("Year ended December 31, 31,")
            if _ENDED.search(rest) or dates is None and rest.strip(" \t,") or dates and len(dates) > 1:
                return None
            spans.append(piece)
    return (spans, dated) if spans else None


def _runs(keys: list[str | None]) -> list[list[int]]:
    """The columns in runs, a run ending where a column names a period it already holds; a column naming none (a
    change column: "% Change", "Q/Q") belongs to the run it stands in."""
    runs: list[list[int]] = []
    held: set[str] = set()
    for i, key in enumerate(keys):
        if key is not None and (not runs or key in held):
            runs.append([])
            held = set()
        if not runs:
            return []  # a change column before any period: no run to put it in
        runs[-1].append(i)
        if key is not None:
            held.add(key)
    return runs


def head_lines(text: str, grid: list, row_lines: set[int]) -> list[str]:
    """The header lines above the grid's last line (a line of years), top to bottom: the lines of spans and dates
    up to a row, a rule-free title or note line above them, or `MAX_LINES` lines; rules and a unit note between
    the dates and the years ("(In millions, except per share" / "amounts)  2024  2023") are passed over."""
    lines: list[str] = []
    spanned = False
    for k in range(len(grid) - 2, max(len(grid) - 2 - 2 * MAX_LINES, -1), -1):
        if k in row_lines or len(lines) >= MAX_LINES:
            break
        line = text[grid[k][1]: grid[k][2]]
        if RULE.match(line):
            continue
        span = SPAN.search(line) is not None
        if span or _dates(line) is not None:
            spanned = spanned or span
            lines.append(line)
        elif spanned:
            break  # a title above the header
    return lines[::-1]


def column_heads(lines: list[str], years: list[str]) -> list[str] | None:
    """Each column's header, outermost first and joined by " > " ("Three Months Ended > December 28, > 2024"), read
    from the header lines above the line of years (top to bottom, rules left out); None where they cannot be
    placed over the columns."""
    read = _spans(lines) if len(years) >= 2 else None  # one year is no header of columns
    if read is None:
        return None
    spans, dated = read
    n = len(years)
    columns = [i for i, y in enumerate(years) if is_year(y) or any(c.isdigit() for c in y)]
    days = [" ".join(parts) for parts in zip(*[d for d in dated if len(d) == len(columns)])] \
        if any(len(d) == len(columns) for d in dated) else None
    if any(len(d) not in (len(columns), len(spans)) for d in dated):
        return None  # dates neither one a column nor one a span: which column a date is over is unknown
    for d in dated:
        if len(d) == len(spans) != len(columns):
            spans = [f"{s} {piece}" for s, piece in zip(spans, d)]
    day = dict(zip(columns, days)) if days else {}  # each period column's day, where one is stacked over it
    keys: list[str | None] = [None] * n
    for i in columns:
        keys[i] = f"{day[i]} {years[i]}" if day else years[i]
    runs = _runs(keys)
    if len(runs) != len(spans) and len(spans) == len(columns) > 1:
        # a span over each column ("Three Months Ended  Three Months Ended" over "December 31, 2024  December 31,
        # 2023"): the columns' days differ, so no run ends, but each column is a run of its own
        runs = [[i, *range(i + 1, next((j for j in columns if j > i), len(keys)))] for i in columns]
    if len(runs) != len(spans):
        return None
    heads = list(years)
    for span, run in zip(spans, runs):
        for i in run:
            if keys[i] is not None:
                heads[i] = " > ".join(filter(None, (span, day.get(i), years[i])))
    return heads

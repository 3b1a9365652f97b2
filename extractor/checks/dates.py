"""The date mechanisms: a wrong weekday, an impossible date, a past event dated after the release."""

from __future__ import annotations

import calendar
import datetime as dt
from functools import lru_cache

import regex

from ..models import Finding, Mention
from ..quantities.dates import parse_iso
from ..quantities.yearless import nearest_day
from .compiler import Check
from .figures import _day
from .findings import Context, _finding, _render
from .wording import say_date


def run_weekday(check: Check, ctx: Context) -> list[Finding]:
    out = []
    for m in ctx.dates:
        date = m.carried_date
        stated = date.weekday if date is not None else None
        day = _weekday_day(m, ctx) if stated else None
        if day is None:
            continue
        actual = calendar.day_name[day.weekday()]
        if actual.lower() != stated.lower():
            # the weekday opens the mention's text: the date is what follows it
            msg = _render(check.message, {"date": m.text[len(stated):].lstrip(", "), "actual": actual, "stated": stated})
            out.append(_finding(check, check.severity, msg, m, ctx, stated, actual, [], None, None))
    return out


def _weekday_day(m: Mention, ctx: Context) -> dt.date | None:
    """The day a weekday is checked against. A day printed without a year is in the year the quantity stage gave
    it (`quantities/yearless.py`: "Friday, January 10" in a December release is next year's, where January 10 is
    a Friday); one it left yearless (its weekday is wrong) is read as a reader would, nearest the release."""
    parts = m.carried_date.parts
    if parts is None or parts[0] is not None:
        return _day(m, ctx.year)
    if not m.value.startswith("--"):
        return _day(m, int(m.value[:4]))
    release = parse_iso(ctx.meta.dateline_date or "", None)
    nearest = nearest_day(release, parts[1], parts[2]) if release is not None else None
    return _day(m, nearest.year if nearest is not None else ctx.year)


def run_invalid_date(check: Check, ctx: Context) -> list[Finding]:
    out = []
    for m in ctx.dates:
        date = m.carried_date
        parts = date.parts if date is not None else None
        if parts is None:
            continue
        year, month, day = parts
        year = year or ctx.year or 2000
        if not 1 <= month <= 12:
            why = f"there is no month {month}"
        else:
            last = calendar.monthrange(year, month)[1]
            if 1 <= day <= last:
                continue
            why = f"{calendar.month_name[month]} has {last} days" + (f" in {year}" if month == 2 else "")
        out.append(_finding(check, check.severity, _render(check.message, {"stated": m.text, "why": why}), m, ctx, m.value, None, [], None, None))
    return out


@lru_cache(maxsize=16)
def _compiled(pattern: str) -> regex.Pattern:
    return regex.compile(pattern)


def run_future_past(check: Check, ctx: Context) -> list[Finding]:
    """A date after the release told as a past event ("completed ... on March 28, 2025").

    Linear in the text: each late date's sentence is the document's, and the first future word of a
    sentence is searched for once, up to the last late date in it (searching the whole sentence again
    for every date was quadratic in a long one)."""
    release = parse_iso(ctx.meta.dateline_date or "", None)
    if release is None:
        return []
    past = _compiled(check.options["past"])
    future = _compiled(check.options.get("future", r"(?!x)x"))
    text = ctx.text
    late: list[tuple[Mention, int]] = []  # dates after the release, with the start of their sentence
    for m in ctx.dates:
        if m.value.startswith("--"):
            continue  # a date without a year may well be last year's
        day = _day(m, None)
        if day is None or day <= release:
            continue
        late.append((m, ctx.sentence_starts[m.sentence]))
    reach: dict[int, int] = {}  # sentence start -> the start of its last late date
    for m, start in late:
        reach[start] = max(reach.get(start, 0), m.start)
    first_future: dict[int, regex.Match | None] = {}
    out = []
    for m, sentence_start in late:
        before = text[max(sentence_start, m.start - 120) : m.start]
        if not past.search(before):
            continue
        # A future word anywhere earlier in the sentence ("will release ... on") makes it no past event:
        # the sentence's first one, if it ends before the date; or one that ends right at the date
        # (the search for the date's window stops there, so a word cut off there counts too).
        if sentence_start not in first_future:
            first_future[sentence_start] = future.search(text, sentence_start, reach[sentence_start])
        first = first_future[sentence_start]
        if first is not None and first.end() <= m.start:
            continue
        if future.search(text, max(sentence_start, m.start - 64), m.start):
            continue
        msg = _render(check.message, {"stated": m.text, "release": say_date(ctx.meta.dateline_date)})
        out.append(_finding(check, check.severity, msg, m, ctx, m.value, None, [], None, None))
    return out

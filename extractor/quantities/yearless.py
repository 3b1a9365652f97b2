"""The year of a day printed without one ("Thursday, February 13", "from January 6 to January 31, 2025").

A reader gives such a day its year without a second thought: the one of the day it runs to or from ("January 6"
before "January 31, 2025" is in 2025; "December 29" before "January 3, 2025" in 2024), else the one that puts it
nearest the release's dateline, when the weekday it names (if any) is that day's. One whose weekday is not is
a slip the weekday check reports: that day keeps no year, as it was printed. With no dateline, a day that names
its weekday takes the one year, among those the release's dates print, whose calendar agrees.

Only the mention's value (and its span of days) takes the year: the date's reading keeps the parts as printed,
so the date checks read the day as they always did. Linear in the mentions: each day looks at its neighbours.
"""

from __future__ import annotations

import datetime as dt

import regex

from ..models import Mention

# what joins the two ends of a span of days: "January 6 to January 31, 2025", "between June 11 and June 27, 2025"
_JOINER = regex.compile(r"\s*(?:-|–|—|(?i:to|through|thru|until|till|and))\s*")
_YEAR = regex.compile(r"(?:19|20)\d\d(?!\d)")  # the year a date's value opens with: "2025-02-13", "2024-Q4", "FY2025"
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
NEAR_YEARS = (0, -1, 1)  # the release's year and those either side


def anchor_yearless_days(mentions: list[Mention], dateline: str | None, text: str) -> None:
    """Give each day printed without a year the year a reader would, in place."""
    release = _iso(dateline) if dateline else None
    days = [m for m in mentions if m.kind == "date" and m.cell is None]
    years: set[int] | None = None

    def printed_years() -> set[int]:  # read once, on the first day that asks
        nonlocal years
        if years is None:
            years = {int(y.group(0)) for m in days if (y := _YEAR.match(m.value.removeprefix("FY")))}
        return years

    for k, m in enumerate(days):
        if not m.value.startswith("--"):
            continue
        date = m.carried_date
        if date is None or date.parts is None:
            continue
        _, month, day = date.parts
        year = _from_other_end(days, k, month, day, text)
        if year is None and release is not None:
            year = _nearest(release, month, day, date.weekday)
        elif year is None and date.weekday:
            year = _only_agreeing(printed_years(), month, day, date.weekday)
        if year is not None:
            iso = f"{year:04d}-{month:02d}-{day:02d}"
            m.value = m.low = m.high = iso


def _from_other_end(days: list[Mention], k: int, month: int, day: int, text: str) -> int | None:
    """The year of the day a span runs to (the next date, after "to") or from (the one before), if it prints one."""
    if k + 1 < len(days) and _JOINER.fullmatch(text, days[k].end, days[k + 1].start):
        end = _iso(days[k + 1].value)
        if end is not None:
            return end.year if (month, day) <= (end.month, end.day) else end.year - 1
    if k > 0 and _JOINER.fullmatch(text, days[k - 1].end, days[k].start):
        start = _iso(days[k - 1].value)
        if start is not None:
            return start.year if (month, day) >= (start.month, start.day) else start.year + 1
    return None


def nearest_day(release: dt.date, month: int, day: int) -> dt.date | None:
    """The day of that month and day nearest the release, in its year or a year either side."""
    best = None
    for shift in NEAR_YEARS:
        try:
            candidate = dt.date(release.year + shift, month, day)
        except ValueError:
            continue  # February 29 of a common year, or no such day at all
        if best is None or abs((candidate - release).days) < abs((best - release).days):
            best = candidate
    return best


def _nearest(release: dt.date, month: int, day: int, weekday: str | None) -> int | None:
    """The year near the release that puts the day nearest it; None when the weekday named is not that day's."""
    best = nearest_day(release, month, day)
    if best is None or weekday and not _WEEKDAYS[best.weekday()].startswith(weekday.lower()[:3]):
        return None
    return best.year


def _only_agreeing(years: set[int], month: int, day: int, weekday: str) -> int | None:
    """With no dateline, the one year among those the release's dates print whose calendar gives the day the
    weekday named; None when no year or more than one does."""
    agreeing = []
    for year in years:
        try:
            if _WEEKDAYS[dt.date(year, month, day).weekday()].startswith(weekday.lower()[:3]):
                agreeing.append(year)
        except ValueError:
            continue
    return agreeing[0] if len(agreeing) == 1 else None


def _iso(value: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if len(value) == 10 else None
    except ValueError:
        return None

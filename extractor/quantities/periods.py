"""A fiscal period tied to the calendar by the day it ends: "second quarter of fiscal year 2026 ended October 31,
2025" is FY2026-Q2 spanning August 1 to October 31, 2025; "fiscal 2025 ended June 30, 2025" a year to that day.

The words of a fiscal period do not say which months it covers (the issuer's year end does), so on its own it
spans its fiscal year's calendar proxy. When the next mention is the day it ends, joined by "ended" or "ending",
its `low`/`high` become the calendar days it covers. Only neighbours are compared: linear in the mentions.
"""

from __future__ import annotations

import datetime as dt

import regex

from .dates import DateReading
from .found import Found

_ENDED = regex.compile(r"[ \t]*,?[ \t]*\n?[ \t]*(?i:ended|ending)[ \t]+(?:(?i:on)[ \t]+)?")
_MONTHS = {"Q": 3, "H": 6}


def anchor_fiscal_periods(found: list[Found], text: str) -> None:
    """Give each fiscal quarter, half or year followed by the day it ends the calendar span it covers, in place."""
    for a, b in zip(found, found[1:]):
        if a.kind != "date" or b.kind != "date" or not a.value.startswith("FY") or b.date is None:
            continue
        end = b.date.on()
        if end is None or not _ENDED.fullmatch(text, a.end, b.start):
            continue
        part = a.value[7:8]  # "FY2026-Q2" -> "Q"; "FY2026" -> ""
        start = _months_before(end, _MONTHS.get(part, 12))
        a.low, a.high = start.isoformat(), end.isoformat()
        a.date = DateReading(a.value, a.low, a.high)


def _months_before(end: dt.date, months: int) -> dt.date:
    """The first day of a period of `months` months ending on `end` (a month end, or the 52/53-week Saturday
    near one: the period starts the day after the same day `months` months earlier)."""
    month = end.month - months
    year = end.year + (month - 1) // 12
    month = (month - 1) % 12 + 1
    last = (dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)).day
    return dt.date(year, month, min(end.day, last)) + dt.timedelta(days=1)

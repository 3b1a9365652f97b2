"""Dates and reporting periods -> ISO 8601 text and the span of days they cover.

A date pattern's named groups (y, y2, mon, m, d, qn, qword, h, hword, fy, fy2)
are read here, whatever pattern matched. Values:

* a day: "2017-08-01"; a month: "2025-03"; a year: "2024";
* a quarter "2024-Q4", a half "2025-H1", a fiscal year "FY2024", a fiscal quarter or half "FY2026-Q2";
* a range of years "2026/2030" (ISO 8601's interval sign);
* a day without a year: "--02-11" (ISO 8601's form); once the dateline is read, the mention's value takes
  the year a reader gives it (`yearless.py`), and this reading keeps the parts as printed.

An impossible day ("June 31, 2025") is still a mention; its reading keeps the
printed parts (and the weekday the text names), so the verifier can say what is
wrong with it without reading the text again.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from functools import lru_cache

from ..rules import lexicon


@dataclass(frozen=True)
class DateReading:
    value: str
    low: str
    high: str
    # A single day's (year or None, month, day) as printed, possible or not: the date checks read it.
    parts: tuple[int | None, int, int] | None = None
    weekday: str | None = None  # the weekday the text names with the day ("Tuesday, February 11, 2025")

    def on(self, default_year: int | None = None) -> dt.date | None:
        """The day, in `default_year` when the text names none; None for a period or a day that does not exist."""
        if self.parts is None:
            return None
        year, month, day = self.parts
        year = default_year if year is None else year
        if not year:
            return None
        try:
            return dt.date(year, month, day)
        except ValueError:
            return None


@lru_cache(maxsize=None)
def _months() -> dict[str, int]:
    return {k.lower(): int(v) for k, v in lexicon()["months"].items()}


@lru_cache(maxsize=None)
def _ordinals() -> dict[str, int]:
    return {str(k).lower(): int(v) for k, v in lexicon()["ordinal_quarters"].items()}


def _year(groups: dict) -> int | None:
    if groups.get("y"):
        return int(groups["y"])
    two = groups.get("y2") or groups.get("fy2")
    if two:
        # A fixed window: 00-69 are 2000-2069, 70-99 are 1970-1999 (releases rarely name a year before 1970).
        n = int(two)
        return 2000 + n if n < 70 else 1900 + n
    if groups.get("fy"):
        return int(groups["fy"])
    return None


def interpret(groups: dict) -> DateReading:
    year = _year(groups)
    month = None
    if groups.get("mon"):
        month = _months()[groups["mon"].lower().rstrip(".")]
    elif groups.get("m"):
        month = int(groups["m"])
    day = int(groups["d"]) if groups.get("d") else None
    if groups.get("dd1"):
        # A dotted date is day first unless the second part cannot be a month.
        first, second = int(groups["dd1"]), int(groups["dd2"])
        day, month = (second, first) if second > 12 >= first else (first, second)
    weekday = groups.get("wd")

    if groups.get("fy") or groups.get("fy2"):
        return DateReading(f"FY{year}", f"{year}-01-01", f"{year}-12-31")
    if groups.get("yend"):
        end = int(groups["yend"])
        if end <= year:
            raise ValueError(f"no range of years from {year} to {end}")
        return DateReading(f"{year}/{end}", f"{year}-01-01", f"{end}-12-31")
    fiscal = "FY" if groups.get("fq") else ""
    quarter = groups.get("qn") or (groups.get("qword") and _ordinals()[groups["qword"].lower()])
    if quarter and fiscal:
        # A fiscal quarter spans what its fiscal year does here: the months it covers depend on the issuer's
        # year end, which the words do not say.
        return DateReading(f"FY{year}-Q{int(quarter)}", f"{year}-01-01", f"{year}-12-31")
    if quarter:
        q = int(quarter)
        first = dt.date(year, 3 * q - 2, 1)
        last = dt.date(year, 3 * q, calendar.monthrange(year, 3 * q)[1])
        return DateReading(f"{year}-Q{q}", first.isoformat(), last.isoformat())
    half = groups.get("h") or (groups.get("hword") and (1 if groups["hword"].lower() in ("first", "1st") else 2))
    if half and fiscal:
        return DateReading(f"FY{year}-H{int(half)}", f"{year}-01-01", f"{year}-12-31")
    if half:
        h = int(half)
        return DateReading(f"{year}-H{h}", f"{year}-{1 if h == 1 else 7:02d}-01", f"{year}-{6 if h == 1 else 12:02d}-{30 if h == 1 else 31}")
    if month and day:
        text = f"{year:04d}-{month:02d}-{day:02d}" if year else f"--{month:02d}-{day:02d}"
        return DateReading(text, text, text, (year, month, day), weekday)
    if month and year:
        last = calendar.monthrange(year, month)[1]
        return DateReading(f"{year:04d}-{month:02d}", f"{year:04d}-{month:02d}-01", f"{year:04d}-{month:02d}-{last:02d}")
    if year:
        return DateReading(f"{year:04d}", f"{year:04d}-01-01", f"{year:04d}-12-31")
    raise ValueError(f"no date in groups {groups}")


def parse_iso(value: str, default_year: int | None = None) -> dt.date | None:
    """A day mention's value as a date ("--02-11" takes `default_year`); None for periods."""
    try:
        if value.startswith("--") and default_year:
            return dt.date(default_year, int(value[2:4]), int(value[5:7]))
        if len(value) == 10 and value[4] == "-":
            return dt.date.fromisoformat(value)
    except ValueError:
        return None
    return None

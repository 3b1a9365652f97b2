"""The period a table column's header names: "Three Months Ended December 31, > 2024" is the three months ended
2024-12-31; "Year Ended December 31, 2023" twelve months; "December 31, 2024" (a balance sheet) the day; "Q4 2024"
(or "Q4'24", "4Q24") a quarter; "12M'24" twelve months; "Fiscal 2024" a fiscal year; "2024" alone a year. Month names come from the lexicon the date rules
read (`dates`), so a header and a date in prose name months alike.
"""

from __future__ import annotations

import calendar
from functools import lru_cache

import regex

from ..models import Period
from .dates import _months

_LENGTH = regex.compile(r"(?i)\b(?P<n>three|six|nine|twelve|thirteen|fifty[\s-]two|3|6|9|12|13|52)[\s-]+(?P<unit>months?|weeks?)\b[\s\w]{0,12}?\b(?:ended|ending)\b")
_YEAR_ENDED = regex.compile(r"(?i)\b(?:fiscal\s+)?(?:years?|twelve\s+months)\s+(?:ended|ending)\b")
_QUARTER_ENDED = regex.compile(r"(?i)\bquarters?\s+(?:ended|ending)\b")
_QUARTER = regex.compile(r"(?i)\b(?:Q(?P<q>[1-4])|(?P<q2>[1-4])Q|(?P<word>first|second|third|fourth)\s+quarter)\b")
_FISCAL = regex.compile(r"(?i)\b(?:fiscal(?:\s+year)?|FY)\s*'?(?P<y>(?:19|20)?\d\d)\b")
# a period glued to a two-digit year, as wires print column heads: "Q4'24", "4Q24", "12M'24", "9M 24", "H1'25",
# "1H25" (a fiscal year, "FY24", is `_FISCAL`'s)
_SHORT = regex.compile(r"(?i)(?<![\w'’])(?:Q(?P<q>[1-4])|(?P<q2>[1-4])Q|(?P<m>3|6|9|12)M|H(?P<h>[12])|(?P<h2>[12])H)"
                       r"\s?['’]?(?P<y>\d\d)(?![\w'’])")
_AS_OF = regex.compile(r"(?i)\b(?:as\s+of|as\s+at|at)\b")
# (a day may carry its ordinal's ending: "December 31st")
_DAY = regex.compile(r"(?i)\b(?P<mon>[a-z]{3,9})\.?\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?\b")
_YEAR = regex.compile(r"\b(?:19|20)\d\d\b")
_MARK = regex.compile(r"(?:\*|\(\d\))$")  # a footnote mark glued to a head: "2024(1)", "2024*"
_YEAR_ALONE = regex.compile(r"(?:\d{1,2},\s?)?(?:19|20)\d\d")
_WORDS = {"three": 3, "six": 6, "nine": 9, "twelve": 12, "thirteen": 13}
_ORDINAL = {"first": 1, "second": 2, "third": 3, "fourth": 4}


def _months_of(m) -> int | None:
    n = m.group("n").lower().replace("-", " ")
    if m.group("unit").lower().startswith("week"):
        return 12 if n in ("52", "fifty two") else 3 if n in ("13", "thirteen") else None
    return _WORDS.get(n) or int(n)


def _end(header: str, year: int | None) -> str | None:
    """The day or month the header names, as ISO text ("2024-12-31", "2024-12")."""
    for m in _DAY.finditer(header):
        month = _months().get(m.group("mon").lower())
        if month and year:
            day = int(m.group("d"))
            if 1 <= day <= calendar.monthrange(year, month)[1]:
                return f"{year:04d}-{month:02d}-{day:02d}"
    return None


@lru_cache(maxsize=2048)  # a header is shared by every cell of its column
def header_period(header: str | None) -> Period | None:
    if not header:
        return None
    years = _YEAR.findall(header)
    year = int(years[-1]) if years else None
    end = _end(header, year)
    length = _LENGTH.search(header)
    if length:
        return Period(kind="months-ended", months=_months_of(length), end=end, year=year)
    if _YEAR_ENDED.search(header):
        return Period(kind="months-ended", months=12, end=end, year=year)
    if _QUARTER_ENDED.search(header):
        return Period(kind="months-ended", months=3, end=end, year=year)
    q = _QUARTER.search(header)
    if q and year:
        quarter = int(q.group("q") or q.group("q2") or _ORDINAL[q.group("word").lower()])
        return Period(kind="quarter", quarter=quarter, year=year)
    short = _SHORT.search(header) if not year else None
    if short:
        year = 2000 + int(short.group("y"))
        if short.group("q") or short.group("q2"):
            return Period(kind="quarter", quarter=int(short.group("q") or short.group("q2")), year=year)
        return Period(kind="months-ended", months=int(short.group("m")) if short.group("m") else 6, year=year)
    fiscal = _FISCAL.search(header)
    if fiscal:
        y = fiscal.group("y")
        return Period(kind="fiscal-year", year=int(y) if len(y) == 4 else 2000 + int(y))
    if end:
        return Period(kind="as-of", end=end, year=year)
    # a year alone, or under its day with the month stacked on a line the reader could not place ("28, 2024")
    if year and _YEAR_ALONE.fullmatch(_MARK.sub("", header.strip().rpartition(" > ")[2].strip())):
        return Period(kind="year", year=year)
    return None

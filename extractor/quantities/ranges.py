"""Ranges that print their scale, currency or percent sign once, on the second end.

"$412 -- $418 million" is 412,000,000 to 418,000,000; "between 5 and 7 per cent" is two percentages; "US$41 to
$44 billion", "A$410 - A$440 million". The first end takes what the second prints (its scale, its currency, its
kind) and both ends name each other (`range_with`), so the range is recorded as one. Only neighbours are
compared, once each: linear in the mentions.
"""

from __future__ import annotations

from decimal import Decimal

import regex

from . import numbers
from .found import Found
from ..models import dec_str

# What joins two ends: a dash, "to", "through"; "and" only after "between"; a line may wrap once, but a blank
# line between two figures is a table's layout, not a range.
_JOIN = regex.compile(r"[ \t]*\n?[ \t]*(?:-{1,2}|–|—|(?i:to|through|and))[ \t]*\n?[ \t]*")
_BETWEEN = regex.compile(r"(?i)\bbetween\s+(?:approximately\s+|about\s+)?\S*$")
# "from $10 to $12 million" shares the scale but is a change, not a range.
_FROM = regex.compile(r"(?i)\bfrom\s+(?:approximately\s+|about\s+)?\S*$")
_SCALED_KINDS = ("money", "price", "number", "shares")
# "rose 90 and 110 basis points, respectively": two figures, one unit printed for both; a list, not a range
_RESPECTIVELY = regex.compile(r"[ \t]*,?[ \t]*respectively\b")


def join_ranges(found: list[Found], text: str) -> None:
    """Give the first end of each range what its second end prints, in place (`found` in text order)."""
    for n in range(len(found) - 1):
        a, b = found[n], found[n + 1]
        if a.cell is not None or b.cell is not None or a.kind == "date" or b.kind == "date":
            continue
        gap = _JOIN.fullmatch(text, a.end, b.start)
        if gap is None:
            continue
        if "and" in text[a.end : b.start].lower() and not _BETWEEN.search(text, max(0, a.start - 30), a.start + 1):
            if b.kind == "percent" and a.kind == "number" and not (a.unit or a.currency or a.scale) \
                    and _RESPECTIVELY.match(text, b.end):
                a.kind, a.unit = "percent", b.unit
            continue
        if _take_from(a, b) and not _FROM.search(text, max(0, a.start - 30), a.start + 1):
            a.range_with, b.range_with = n + 1, n


def _take_from(a: Found, b: Found) -> bool:
    if a.scale:
        # Both ends printed in full: a range as they stand.
        return a.kind == b.kind and a.currency == b.currency and a.unit == b.unit
    if b.kind == "percent":
        # "between 5 and 7 per cent", "12 to 15 percent"
        if a.kind != "number" or a.unit or a.currency:
            return a.kind == "percent" and a.unit == b.unit
        a.kind, a.unit = "percent", b.unit
        return True
    if b.kind not in _SCALED_KINDS or a.kind not in _SCALED_KINDS:
        return False
    if a.kind == "money" and b.kind == "number" and b.scale and not b.currency:
        # "$118-120 million": the sign on the first end, the scale on the second; each takes the other's.
        b.kind, b.currency = "money", a.currency
    money = b.kind in ("money", "price")
    if money and a.currency and b.currency and a.currency != b.currency:
        return False
    if not money and (a.currency or a.kind != "number" and a.kind != b.kind):
        return False
    if b.scale:
        multiplier = numbers.scale_of(b.scale)
        printed = abs(Decimal(b.value)) / multiplier
        first = abs(Decimal(a.value))
        # Both ends printed in the same unit: neither is a thousand times the other ("$412,000 to $418 million").
        if not (printed / 100 <= first <= printed * 10):
            return False
        a.value, a.low, a.high = (dec_str(numbers.tidy(Decimal(v) * multiplier)) for v in (a.value, a.low, a.high))
        a.scale = b.scale
    if money:
        a.currency = a.currency or b.currency
    a.kind = b.kind if a.kind in ("number", "money") else a.kind
    return True

"""Figures that print their scale, currency or percent sign once, on the last of them.

A range: "$412 -- $418 million" is 412,000,000 to 418,000,000; "between 5 and 7 per cent" is two percentages; "US$41
to $44 billion", "A$410 - A$440 million". The first end takes what the second prints (its scale, its currency, its
kind) and both ends name each other (`range_with`), so the range is recorded as one. A list of the same measure
("$1.2, $1.5 and $0.8 million, respectively") gives its last figure's scale to the others, and last year's figure
in brackets ("EUR 2,322 (2,174) million") shares the scale printed after it and the currency printed before (a
per-share figure's or a percentage's, "EUR -0.43 (-0.36)" and "12.4% (10.1)", its kind, in as many decimals). Only
neighbours are compared, once each: linear in the mentions.
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
# "from $10 to $12 million" shares the scale but is a change, not a range; so is a figure a past verb of change
# names before the level it reached ("decreased $195,000 to $1,528,000", "increased by $0.3 million to"): a
# forecast's range says it in other tenses ("expects to grow 5% to 7%")
_FROM = regex.compile(r"(?i)\b(?:from|(?:increased|decreased|rose|fell|grew|declined|dropped|climbed|improved|jumped"
                      r"|gained)(?:\s+by)?)\s+(?:approximately\s+|about\s+)?\S*$")
_SCALED_KINDS = ("money", "price", "number", "shares")
# "rose 90 and 110 basis points, respectively": two figures, one unit printed for both; a list, not a range
_RESPECTIVELY = regex.compile(r"[ \t]*,?[ \t]*respectively\b")
# The items of a list ("$1.2, $1.5 and $0.8 million"), and the "respectively" later in its sentence that says they
# measure the same thing period by period (without it, "$5 and $2 million" may be a price and an amount).
_LIST_JOIN = regex.compile(r"[ \t]*(?:,[ \t]*(?:and[ \t]+)?|and[ \t]+)")
_RESPECTIVELY_LATER = regex.compile(r"[^.;:\n]{0,160}?\brespectively\b")
# Last year's figure in brackets between this year's and the scale both share: "EUR 121 (51) million"
_BRACKET_OPEN = regex.compile(r"[ \t]?\([ \t]?")
_BRACKET_CLOSE = regex.compile(r"[ \t]?\)")
_FIGURE = regex.compile(r"\d[\d,]*(?:\.(\d+))?")
_BRACKET_SCALE = regex.compile(
    r"[ \t]?\)[ \t]?(?P<scale>(?:[Tt]housand|[Mm]illion|[Bb]illion|[Tt]rillion)s?\b|(?:MM|mn|bn|m|M|k|K)(?![\w$]))")


def join_ranges(found: list[Found], text: str) -> None:
    """Give the first end of each range what its second end prints, in place (`found` in text order)."""
    for n in range(len(found) - 1):
        a, b = found[n], found[n + 1]
        if a.cell is not None and b.cell is not None and _one_cell(a, b, text):
            a.range_with, b.range_with = n + 1, n  # the two ends of a range a table prints in one cell
            continue
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
    _lists(found, text)
    _brackets(found, text)


# between the two ends of a range in one table cell ("$590 - $650", "44% - 46%", "$2,118 -- 2,165", "2.5% to 3.0%")
_CELL_JOIN = regex.compile(r"\)?%?[ \t]*(?:-{1,2}|–|—|to)[ \t]*(?:[$€£]|(?:US|C|A)\$)?\(?")


def _one_cell(a: Found, b: Found, text: str) -> bool:
    """Two figures read from one cell of a table (its row and column), a dash or "to" between them."""
    return a.cell.column == b.cell.column and a.cell.row == b.cell.row and a.cell.table == b.cell.table \
        and _CELL_JOIN.fullmatch(text, a.end, b.start) is not None


def _lists(found: list[Found], text: str) -> None:
    """Give each unscaled item of a "respectively" list the scale its last item prints."""
    for n in range(len(found) - 1, 0, -1):
        last = found[n]
        if not last.scale or last.cell is not None or last.kind not in _SCALED_KINDS:
            continue
        if not _RESPECTIVELY_LATER.match(text, last.end):
            continue
        k = n - 1
        while k >= 0 and _LIST_JOIN.fullmatch(text, found[k].end, found[k + 1].start) and _alike(found[k], last):
            if _take_scale(found[k], last):
                # "1.2 and 0.8 million shares": the items count what the last one counts
                found[k].kind, found[k].unit = last.kind, last.unit
            k -= 1


def _alike(item: Found, last: Found) -> bool:
    """An item printed without the scale its list's last item prints, in the same unit and currency."""
    if item.scale or item.cell is not None or item.range_with is not None or item.unit:
        return False
    if item.kind == "money":
        return last.kind == "money" and item.currency == last.currency
    return item.kind == "number" and not item.currency and last.kind in ("number", "shares")


def _brackets(found: list[Found], text: str) -> None:
    """Last year's figure in brackets next to this year's amount takes its currency and the scale printed once:
    after the bracket ("EUR 2,322 (2,174) million") or before it ("NOK 178.7 million (164.7)"); next to a
    per-share figure or a percentage, its kind (`_prior_alike`)."""
    for n in range(len(found) - 1):
        a, b = found[n], found[n + 1]
        if a.kind in _ALIKE_KINDS and not a.scale and _prior_alike(a, b, text):
            b.kind, b.currency, b.unit = a.kind, a.currency, a.unit  # "EUR -0.43 (-0.36)", "12.4% (10.1)"
            continue
        if b.scale or a.cell is not None or b.cell is not None or a.kind != "money":
            continue
        if b.kind not in ("money", "number") or b.unit or b.currency not in (None, a.currency):
            continue
        if not _BRACKET_OPEN.fullmatch(text, a.end, b.start):
            continue
        if a.scale:
            # a footnote mark ("$5.2 million (2)") is a whole number of one digit, printed unlike the amount
            if _BRACKET_CLOSE.match(text, b.end) and _printed_alike(a, b, text) and _take_scale(b, a):
                b.kind, b.currency = "money", a.currency
            continue
        after = _BRACKET_SCALE.match(text, b.end)
        if after is not None:
            b.kind, b.currency = "money", a.currency
            for f in (a, b):
                _take_scale(f, None, after.group("scale"))


# the kinds whose last year's figure in brackets prints no currency, unit or percent sign, only its number: a
# per-share price ("EPS were EUR -0.43 (-0.36)") and a percentage ("operating margin 12.4% (10.1)")
_ALIKE_KINDS = ("price", "percent")


def _prior_alike(a: Found, b: Found, text: str) -> bool:
    """Whether b is a's figure of last year printed bare in brackets right after it, in as many decimals."""
    return a.cell is None and b.cell is None and b.kind == "number" and not b.unit and not b.currency \
        and not b.scale and _BRACKET_OPEN.fullmatch(text, a.end, b.start) is not None \
        and _BRACKET_CLOSE.match(text, b.end) is not None and _printed_alike(a, b, text)


def _printed_alike(a: Found, b: Found, text: str) -> bool:
    places = _printed_places(text, b)
    return places == _printed_places(text, a) and (places > 0 or abs(Decimal(b.value)) >= 10)


def _printed_places(text: str, f: Found) -> int:
    figure = _FIGURE.search(text, f.start, f.end)
    return len(figure.group(1) or "") if figure else -1


def _places(value: Decimal) -> int:
    return max(0, -value.as_tuple().exponent)


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
    if b.scale and not _take_scale(a, b):
        return False
    if money:
        a.currency = a.currency or b.currency
    a.kind = b.kind if a.kind in ("number", "money") else a.kind
    return True


def _take_scale(f: Found, last: Found | None, scale: str | None = None) -> bool:
    """Scale `f` by the scale word `last` prints (or `scale`), its interval half a unit of its last printed digit
    in that scale: "$412" of "$412 -- $418 million" is 411,500,000..412,500,000. False when the two are not printed
    in the same unit: neither is a thousand times the other ("$412,000 to $418 million")."""
    word = scale or last.scale
    multiplier = numbers.scale_of(word)
    value = Decimal(f.value)
    if last is not None:
        printed = abs(Decimal(last.value)) / multiplier
        if not (printed / 100 <= abs(value) <= printed * 10):
            return False
    places = _places(value)
    reading = numbers.read(value, places, multiplier)
    f.value, f.low, f.high = (dec_str(v) for v in (reading.value, reading.low, reading.high))
    f.scale = word.lower()
    return True

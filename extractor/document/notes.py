"""A table's unit note ("in thousands, except per share data") -> the scale of its money and of its share counts.

A note scales money; it scales share counts too unless it names something else as the amounts it scales
("in thousands of dollars", "$000s") or excepts shares ("except share and per share data"); a note may scale
only the shares ("shares in millions", "In dollars, except shares outstanding presented in millions").
Per-share figures, percentages and ratios are never scaled (the quantities stage knows them by their row).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import regex

_UNIT_NOTE = regex.compile(
    r"(?i)\bin\s+(?P<scale>thousands|millions|billions)\b|\(\s*(?:US|C|A)?\$\s*(?P<short>000s?|000's|k|m|mm|millions?|thousands?)\s*\)|\$\s*(?P<short>000s?|000's)\b"
    r"|\(\s*(?:US|C|A)?\$\s*(?:in\s+)?(?P<scale>thousands|millions|billions)\b|\(\s*in\s+(?P<short>000s?|000's)(?![\w'])"
)
_NOTE_WHAT = regex.compile(r"(?i)(?P<what>dollars|shares|\$|usd|cad|aud|eur|gbp|€|£)[^\n()]{0,40}$")
_SHARES_TOO = regex.compile(r"(?i)\bshares?\b[^\n]{0,30}\bin\s+(?:thousands|millions)|in\s+(?:thousands|millions)[^\n]{0,40}(?<!per[\s-]+)\bshares?\b")
_EXCEPT = regex.compile(r"(?i)\bexcept\b(?P<clause>[^\n)]*)")
_PER_SHARE = regex.compile(r"(?i)\bper[\s-]+(?:common\s+)?share\b")
_SHARE_WORD = regex.compile(r"(?i)\bshares?\b")
_SCALE_WORD = regex.compile(r"(?i)\bin\s+(?:thousands|millions)")
# the scale belongs to the share counts alone: "shares in millions", "shares outstanding presented in millions"
_SHARES_ONLY = regex.compile(r"(?i)\bshares?\b[\w\s]{0,30}$")
_OF_MONEY = regex.compile(r"(?i)\s*of\s+(?:[\w.]+\s+)?(?:dollars|euros|pounds|yen|francs)\b")
_MONEY_TOO = regex.compile(r"(?i)(?:\b(?:dollars|amounts)\b|\$)\s*(?:,|and|&)\s*shares?\b")  # "dollars and shares in millions"
_SCALES = {"thousands": 1000, "millions": 1000000, "billions": 1000000000, "000": 1000, "000s": 1000,
           "000's": 1000, "k": 1000, "m": 1000000, "mm": 1000000, "million": 1000000,
           "thousand": 1000}


@dataclass(frozen=True)
class UnitNote:
    text: str | None = None
    scale: Decimal | None = None  # of money
    share_scale: Decimal | None = None  # of share counts


def find_unit_note(text: str, start: int, end: int) -> UnitNote:
    """The unit note in the few lines just above a table or in its first rows."""
    above = start
    for _ in range(7):
        above = text.rfind("\n", 0, max(above - 1, 0))
        if above <= 0:
            above = 0
            break
    m = _UNIT_NOTE.search(text, above, min(end, start + 600))
    if not m:
        return UnitNote()
    line_start = text.rfind("\n", 0, m.start()) + 1
    line_end = text.find("\n", m.end())
    line_end = len(text) if line_end < 0 else line_end
    note = text[line_start:line_end].strip(" |\t")
    if len(note) > 160:
        note = text[max(line_start, m.start() - 60): min(line_end, m.end() + 60)].strip(" |\t")
    return read_note(note) or UnitNote(note)


def read_note(note: str) -> UnitNote | None:
    """The scales a note states ("in thousands, except share data", "(in millions)"); None when it states none."""
    m = _UNIT_NOTE.search(note)
    if not m:
        return None
    scale = _SCALES.get((m.group("scale") or m.group("short") or "").lower())
    if scale is None:
        return UnitNote(note)
    if _SHARES_ONLY.search(note, max(0, m.start() - 40), m.start()) and not _MONEY_TOO.search(note, 0, m.start()):
        return UnitNote(note, None, Decimal(scale))
    what = _NOTE_WHAT.search(note, 0, m.start())
    of_money = bool(_OF_MONEY.match(note, m.end()))
    if of_money or (what and "share" not in what.group("what").lower() and not _SHARES_TOO.search(note)) \
            or _excepts_shares(note):
        return UnitNote(note, Decimal(scale), None)
    return UnitNote(note, Decimal(scale), Decimal(scale))


def _excepts_shares(note: str) -> bool:
    """"except share and per share data": share counts are printed whole (per-share figures always are)."""
    m = _EXCEPT.search(note)
    if not m:
        return False
    clause = _PER_SHARE.sub(" ", m.group("clause"))
    return bool(_SHARE_WORD.search(clause)) and not _SCALE_WORD.search(clause)

"""A count whose noun comes later or earlier: "1,200 employees, 300 of whom are engineers", "of the 40 stores, 12 of
them are new". The figure before "of whom", "of them" or "of which" counts what the noun it points back to names:
the plural noun right before its comma ("engineers, 300 of whom"), or the unit of the nearest count before it.
So does a bare count right after the whole a clause opens on ("Of the 240 patients enrolled, 180 completed"), or
right before the whole it is counted out of ("9 of the 20 patients", "14 out of 16 sites")."""

from __future__ import annotations

import regex

from .compiler import Recogniser
from .found import Found

_POINTS_BACK = regex.compile(r"\s+of\s+(?:whom|them|which|these|those)\b")
_NOUN_BEFORE = regex.compile(r"(?<=[^\W\d_])\s*,\s*(?:(?:approximately|about|around|nearly|some|roughly|over)\s+)?$")
_WORD_BEFORE = regex.compile(r"([^\W\d_]+)\s*,[^,]*$")
# "whom" points back to people only: a count of months or tons is never "of whom"
_PEOPLE = frozenset(("employees", "customers", "patients", "members", "users", "subscribers"))
REACH = 300  # characters looked back for the count the figure points back to
# "Of the 240 patients enrolled, 180 ...": the clause opens on the whole, the bare count after its comma is a part
_OF_THE = regex.compile(r"(?:^|[.;:!?]\s+|\n\s*)[Oo]f\s+(?:the|its|our|their|these|a\s+total\s+of)\s+"
                        r"(?:(?:approximately|about|around|nearly|some|roughly)\s+)?$")
# "9 of the 20 patients": the whole right after, whose noun the part shares
_OUT_OF = regex.compile(r"\s+(?:out\s+)?of\s+(?:the\s+|all\s+|a\s+total\s+of\s+)?")
_AFTER_WHOLE = regex.compile(r"[^\d.;:()]{1,60},\s*(?:(?:approximately|about|around|nearly|some|roughly)\s+)?$")


def carry_units(found: list[Found], text: str, rec: Recogniser) -> None:
    """Give each bare count before "of whom/them/which" the unit of what it points back to (found in text order)."""
    unit_after = _unit_rule(rec)
    if unit_after is None or " of " not in text and "Of " not in text:
        return
    for k, item in enumerate(found):
        if item.kind != "number" or item.unit is not None or item.cell is not None:
            continue
        m = _POINTS_BACK.match(text, item.end)
        if m is None:
            whole = _whole_opening(found, k, item.start, text) or _whole_after(found, k, item.end, text)
            if whole:
                item.unit = whole
            continue
        people = m.group(0).rstrip().endswith("whom")
        unit = _noun_before(text, item.start, unit_after) or _nearest_unit(found, k, item.start)
        if unit and (unit in _PEOPLE or not people):
            item.unit = unit


def _whole_opening(found: list[Found], k: int, start: int, text: str) -> str | None:
    """The unit of the count a clause opens on ("Of the 240 patients enrolled, 180"), when this bare count is the
    next figure, after the comma that closes the opening."""
    prev = found[k - 1] if k else None
    if prev is None or prev.kind != "number" or prev.unit is None or prev.cell is not None:
        return None
    if not _AFTER_WHOLE.fullmatch(text, prev.end, start) or not _OF_THE.search(text, max(0, prev.start - 40), prev.start):
        return None
    return prev.unit


def _whole_after(found: list[Found], k: int, end: int, text: str) -> str | None:
    """The unit of the count this bare count is counted out of, right after it ("9 of the 20 patients")."""
    after = found[k + 1] if k + 1 < len(found) else None
    if after is None or after.kind != "number" or after.unit is None or after.cell is not None:
        return None
    return after.unit if _OUT_OF.fullmatch(text, end, after.start) else None


def _unit_rule(rec: Recogniser):
    for rule in rec.rules:
        if rule.id == "number":
            return rule.unit_after
    return None


def _noun_before(text: str, start: int, unit_after) -> str | None:
    """The unit noun right before the figure's comma ("engineers, 300 of whom"), if the number rule knows it."""
    window = text[max(0, start - 60): start]
    if not _NOUN_BEFORE.search(window):
        return None
    w = _WORD_BEFORE.search(window)
    u = unit_after.match(" " + w.group(1)) if w else None
    return u.group("unit").lower() if u and u.end() == len(w.group(1)) + 1 else None


def _nearest_unit(found: list[Found], k: int, start: int) -> str | None:
    """The unit of the nearest count before, within reach, when no other figure stands between."""
    for prev in reversed(found[:k]):
        if prev.end < start - REACH:
            return None
        if prev.kind == "date":
            continue
        return prev.unit if prev.kind == "number" and prev.cell is None else None
    return None

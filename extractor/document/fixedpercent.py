"""Which columns of a fixed-width table hold percentages: those most full rows print with "%", and those a
statement prints its signs for on its first row only, carried down (`fixed.py` places each row's figures by them)."""

from __future__ import annotations

import regex

from .model import NIL, NUMERIC_CELL, PERCENT_APART, apart, points_unit
from .ranges import Part

_PERCENT_HEAD = regex.compile(r"(?i)%|\bpercent")


def percent_columns(marks: list[list[bool | None]], width: int) -> set[int]:
    """Columns (1-based) most full rows (their `percent_marks`) print as percentages ("4%", "--%", "8.4 %",
    "-160 bps"); none from fewer than two rows."""
    counts = [0] * (width + 1)
    for row in marks:
        for column, pct in enumerate(row, start=1):
            counts[column] += bool(pct)
    return {c for c in range(1, width + 1) if counts[c] * 2 > len(marks)} if len(marks) >= 2 else set()


# a column header naming a percentage: "% Change", "%", "Percent change" (not "except percentages")
_PERCENT_COLUMN_HEAD = regex.compile(r"(?i)%|\bper\s?cent(?:age)?\s+change\b")


# a unit note among the header lines ("(dollars in millions, except % data)", "in thousands, except %"): the "%" it
# prints names no column
_NOTE_TEXT = regex.compile(
    r"(?i)\([^()]*\b(?:thousands|millions|billions|except)\b[^()]*\)"
    r"|\b(?:in\s+(?:thousands|millions|billions)\b[^()%]*?)?\bexcept\b[^()%]*%(?:\s*(?:data|amounts|figures|values))?")

# `percent_heads` of header lines naming a percentage only in a note: no column of theirs is named, yet the
# first row's own "%" marks still carry down (`carried_percent`)
NOTE_ONLY = -1


def percent_heads(head: str) -> int:
    """How many columns the header lines name as percentages (0: none; `NOTE_ONLY` for "percent" or "%" named
    only in a note, which names no column)."""
    columns = len(_PERCENT_COLUMN_HEAD.findall(_NOTE_TEXT.sub(" ", head)))
    return columns or (NOTE_ONLY if _PERCENT_HEAD.search(head) else 0)


def names_percent(heads: int | None) -> bool:
    """Whether `percent_heads` found a percentage named in the header lines, in a column's head or a note."""
    return heads is not None and (heads == NOTE_ONLY or heads > 0)


def carried_percent(rows: list[list], heads: int = 0) -> set[int]:
    """A statement prints its signs on the first row only ("Revenue $ 1,362 $ 1,250 $ 112 9 %", then "Net
    loss (64) (107) 43 40"): under a header naming a percentage, the columns a first full row printing "$"
    amounts prints with "%" are percentages all the way down. One printing no "%" at all, with a "$" before
    every amount ("Net sales $ 2,173.9 $ 2,231.1 (2.6) $(8.4) (2.2)" under "Q4 2024 Q4 2023 % Change Impact %
    Change"), has its percentages in the columns printing no "$", when as many as the header names (one too:
    "Revenue  $ 120.0  $ 100.0  20.0" under "2024  2023  % Change")."""
    if len(rows) < 2:
        return set()
    if not any(v.group(0).startswith("$") for v in rows[0]):  # "$" apart or glued ("$618,747")
        return _decimal_tail(rows, heads)
    marks = percent_marks(rows[0])
    if any(marks):
        return {c for c, pct in enumerate(marks, start=1) if pct}
    bare = unsigned(rows[0])
    return set(bare) if heads > 0 and len(bare) == heads else set()  # a note's percentage names no column


_DECIMAL = regex.compile(r"[(\-−–+]?\d+\.\d+\)?")


def _decimal_tail(rows: list[list], heads: int) -> set[int]:
    """A table printing no "$" at all ("Industrial  1,240  1,150  7.8" under "FY 2025  FY 2024  Change %"): the
    columns its header names as percentages are its last ones where every full row prints those, and only those,
    with a decimal point and no grouping ("7.8", "-5.7"); amounts printed with decimals too leave it unread."""
    if heads <= 0:
        return set()
    shapes = [[None if v.group(0).lower() in NIL else bool(_DECIMAL.fullmatch(v.group(0)))
               for v in row if not apart(v.group(0))] for row in rows]
    width = len(shapes[0])
    tail = [False] * (width - heads) + [True] * heads
    fits = heads < width and all(len(s) == width and all(x is None or x == t for x, t in zip(s, tail)) for s in shapes)
    return set(range(width - heads + 1, width + 1)) if fits else set()  # (a nil, "n/m", fits either)


def unsigned(values: list) -> list[int]:
    """The columns (1-based) of a row's figures printed with no "$" before them, none grouped in thousands."""
    out, column, signed = [], 0, False
    for v in values:
        tok = v.group(0)
        if tok == "$":
            signed = True
            continue
        if apart(tok):
            continue
        column += 1
        if not (signed or tok.lstrip("(-").startswith("$")) and "," not in tok:
            out.append(column)
        signed = False
    return out


def percent_marks(values: list) -> list[bool | None]:
    """Each printed figure of a row: a percentage (True), another figure (False), or a nil that may be either."""
    out = []
    for k, v in enumerate(values):
        tok = v.group(0)
        if apart(tok):
            continue
        after = values[k + 1].group(0) if k + 1 < len(values) else ""
        if tok.endswith("%") or after in PERCENT_APART or points_unit(after) is not None:
            out.append(True)
        else:  # (a range of amounts is no nil)
            out.append(False if NUMERIC_CELL.match(tok) or isinstance(v, Part) else None)
    return out

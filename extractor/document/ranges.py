"""Ranges an outlook table prints in one cell: "$590 - $650", "$2,118 -- 2,165", "44% - 46%", "2.5% to 3.0%", "4%-6%".

A range is one cell of two ends, each a cell of its row and column (`Cell.range_end`), which the quantities stage
links (`range_with`). Glued ("4%-6%") it is always a range; in fixed-width columns a spaced dash between two figures
may be a nil column instead, read against the rows printing none (`range_readings`). Pipe cells are delimited, so a
cell holding two figures joined by a dash or "to" is a range, its scale printed once after it or not at all.
"""

from __future__ import annotations

from collections import Counter
from decimal import Decimal

import regex

from .model import NUMERIC_CELL, Cell, TableRegion, apart, is_year, printed_currency
from .notes import SCALES, UnitNote


def printed(values: list) -> int:
    """A row's figures, its signs printed apart ("$", "%") left out."""
    return sum(1 for v in values if not apart(v.group(0)))


# A range an outlook prints in one column ("$2,118 -- 2,165", "$590 - $650", "44% - 46%", "2.5% to 3.0%", "4%-6%"):
# one cell of two ends. Glued ("4%-6%") it is always one; spaced, a dash between two figures may be a nil column,
# so it is a range only under a header or label naming an outlook, or when both ends print their sign ("$", "%").
_END = r"(?:[$€£]|(?:US|C|A)\$)?\(?\d[\d,]*(?:\.\d+)?\)?%?"
_GLUED_RANGE = regex.compile(rf"^(?P<low>{_END})(?:-{{1,2}}|–|—)(?P<high>{_END})$")
_JOINERS = frozenset(("-", "--", "–", "—", "to"))
OUTLOOK = regex.compile(r"(?i)\b(?:guidance|outlook|range|forecast|expected|expectations?|estimates?|targets?|projected"
                         r"|projections?)\b")


class Part:
    """A span of a line read as one token (an end of a range, or the whole range), as a match reads."""

    def __init__(self, text: str, start: int, end: int, low=None, high=None):
        self.text, self.begin, self.stop = text, start, end
        self.low, self.high = low, high  # the two ends, when a range

    def group(self, _: int = 0) -> str:
        return self.text

    def start(self) -> int:
        return self.begin

    def end(self) -> int:
        return self.stop


# a figure printing its footnote mark glued on ("5.45(1)", "1,234(a)", "0.52*"): the figure is the cell, the mark
# no part of it. Only a figure with decimals or thousands groups: "2023(1)" ends a label on a marked year
_MARKED = regex.compile(r"[$€£]?\(?[-−–+]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?\)?(?=(?:\((?:\d{1,2}|[a-z])\)|\*{1,3})$)")
# a column gap (or a currency sign printed apart) before a line's token: "Notes at 5.25(1)" ends a label
# (or a figure right before it: a wire that printed its columns single-spaced, "$ 1,557.6 $1,663.4*")
_GAP_BEFORE = regex.compile(r"(?:\s{2}|\s[$€£]\s?|\d[)%]?\s)$")


def marked_figure(token, text: str | None = None):
    """The figure of a token with a footnote mark glued after it, as a match of the line (or of `text`, a pipe
    cell's); else None."""
    if text is not None:
        m = _MARKED.match(text)
    else:
        # in a line, a cell only past a column gap: "Notes at 5.25(1)    480.0" ends its label on a marked rate
        gap = _GAP_BEFORE.search(token.string, 0, token.start())
        m = _MARKED.match(token.string, token.start(), token.end()) if token.group(0)[-1:] in ")*" and gap else None
    return m if m and ("," in m.group(0) or "." in m.group(0)) and NUMERIC_CELL.match(m.group(0)) else None


def glued_range(token) -> Part | None:
    """"4%-6%", "$590-$650", "1,800-1,950": a range in one token; not two years ("2024-25") nor a day ("12-31")."""
    tok = token.group(0)
    if "-" not in tok and "–" not in tok and "—" not in tok:
        return None
    m = _GLUED_RANGE.match(tok)
    if m is None or not NUMERIC_CELL.match(m.group("low")) or not NUMERIC_CELL.match(m.group("high")):
        return None
    both = m.group("low") + m.group("high")
    if not any(sign in both for sign in "%$€£.,"):
        return None
    at = token.start()
    low = Part(m.group("low"), at + m.start("low"), at + m.end("low"))
    high = Part(m.group("high"), at + m.start("high"), at + m.end("high"))
    return Part(token.group(0), token.start(), token.end(), low, high)


def joiner(tokens: list, n: int, values: list):
    """The token at `n` when it is the "to" between two figures ("2.5% to 3.0%"), else None."""
    if tokens[n].group(0) == "to" and values and n and NUMERIC_CELL.match(tokens[n - 1].group(0)) \
            and NUMERIC_CELL.match(values[-1].group(0)):
        return tokens[n]
    return None


def figure(token) -> bool:
    # (a range among a row's values is a Part, which fixed.py counts itself)
    return not isinstance(token, Part) and NUMERIC_CELL.match(token.group(0)) is not None and token.group(0) != "$"


def _signed(tok: str) -> str:
    return "%" if tok.endswith("%") else "$" if tok[:1] in "$€£" or "$" in tok[:3] else ""


def line_above(text: str, start: int) -> str:
    """The last line of text before a fence, over at most one blank line."""
    head = text[max(0, start - 600): start].rstrip().split("\n")[1 if start > 600 else 0:][-3:]
    lines = [line for line in head if line.strip() and not line.startswith("```")]
    return lines[-1] if lines else ""


def range_readings(text: str, group: list[tuple]) -> list[tuple]:
    """Each row's figures with a dash between two figures read as a range or as a nil column. The rows printing
    no such dash give the table's width: a row as wide as they are with its dashes as nils keeps them ("73 - 26"
    under a quarter with nothing to show); a wider one joins as many as make it that wide, those printing their
    sign on both ends first, then the rightmost ("0.18 - 0.48 ... $0.46 - $0.76" under a last column of outlook);
    a table of nothing but such rows is read by its header's words and its signs."""
    plain, found = Counter(), []
    for row in group:
        line = text[row[2]: row[2] + (row[6][-1].end() if row[6] else 0)]
        triples = _triples(row[6])
        found.append((line, triples))
        if not triples:
            plain[printed(row[6])] += 1
    width = plain.most_common(1)[0][0] if plain else None
    out = []
    for row, (line, triples) in zip(group, found):
        values = row[6]
        if triples:
            ruled = [k for k in triples if _ruled(values, k, row[8])]
            extra = (printed(values) - width) // 2 if width is not None else 0
            if width is not None and 0 <= extra <= len(triples) and printed(values) - 2 * extra == width:
                ranked = sorted(triples, key=lambda k: (not _signed_both(values, k), -k))
                ruled = ranked[:extra]
            values = _collapse(values, line, set(ruled))
        out.append((*row[:6], values, *row[7:]))
    return out


def _triples(values: list) -> list[int]:
    """Where a figure, a dash or "to", and a figure stand in a row (left to right, none overlapping)."""
    out, k = [], 0
    while k + 2 < len(values):
        if values[k + 1].group(0) in _JOINERS and figure(values[k]) and figure(values[k + 2]):
            out.append(k)
            k += 3
        else:
            k += 1
    return out


def _signed_both(values: list, k: int) -> bool:
    sign = _signed(values[k].group(0))
    return bool(sign) and sign == _signed(values[k + 2].group(0))


def _ruled(values: list, k: int, outlook: bool) -> bool:
    """A range by its words or signs alone: "to", an outlook named above, both ends printing "$" or "%"."""
    return values[k + 1].group(0) == "to" or outlook or _signed_both(values, k)


def _collapse(values: list, line: str, at: set[int]) -> list:
    """A row's figures with the range starting at each of `at` one token."""
    out, k = [], 0
    while k < len(values):
        if k in at:
            low, high = values[k], values[k + 2]
            out.append(Part(line[low.start(): high.end()], low.start(), high.end(), low, high))
            k += 3
        else:
            out.append(values[k])
            k += 1
    return out



def range_cells(text: str, table: TableRegion, row: tuple, column: int, ranged: Part, dollar: bool, percent: bool,
                 header: str | None) -> None:
    """The two ends of a range printed in one cell, each a cell of that row and column: an end printing no sign
    takes the other's ("$2,118 -- 2,165" is two amounts, "44 - 46%" two percentages)."""
    row_no, line_start, label, path, note, _ = row
    ends = [(line_start + end.start(), NUMERIC_CELL.match(end.group(0))) for end in (ranged.low, ranged.high)]
    table.cells.extend(_end_cells(ends, dollar, percent, row=row_no, column=column, row_label=label or None,
                                  column_header=None, row_path=path, column_path=header, unit=note))


def _end_cells(ends: list, dollar: bool, percent: bool, **where) -> list[Cell]:
    """A range's two ends, each a cell where `where` places it (`ends`: where each end's text starts, and its
    `NUMERIC_CELL` match); the currency and percent sign either end prints are both ends'."""
    currency = dollar or any(printed_currency(m) for _, m in ends)
    percent = bool(percent or any(m.group("pct") for _, m in ends))
    return [Cell(start=at + m.start("num"), end=at + m.end("num"), text=m.group("num"), currency=currency,
                 percent=percent, negative=m.group("num").startswith(("(", "-", "−", "–")), range_end=which, **where)
            for (at, m), which in zip(ends, ("low", "high"))]

# a range in one cell of an outlook ("590 – 650", "$1.10 - $1.20", "2.5% to 3.0%", "(70) - (61)"): two figures
_RANGE_END = r"(?:[$€£]|(?:US|C|A)\$)?\s?\(?[-−]?\d[\d,]*(?:\.\d+)?\)?\s?%?"
# (its scale printed once after it: "$645 - $660 million", "$1.96 - $1.99 billion", a footnote's star after that)
PIPE_RANGE = regex.compile(rf"^(?P<low>{_RANGE_END})\s*(?:-{{1,2}}|–|—|\bto\b)\s*(?P<high>{_RANGE_END})"
                            r"(?:\s+(?P<scale>(?i:thousand|million|billion)s?|mn|bn|MM|[MBK])\b)?\s*\**$")
# a range's own scale word: a unit note's, and "B" for billions, which no note prints
_SCALES = {**SCALES, "b": 10 ** 9}


def pipe_range(cell: str):
    """A pipe cell holding a range: its match (ends "low", "high", and "scale" when printed), or None."""
    if not ("-" in cell or "–" in cell or "—" in cell or "to" in cell):
        return None
    ranged = PIPE_RANGE.match(cell)
    return ranged if ranged is not None and _range_ends(ranged) else None


def _range_ends(ranged) -> bool:
    """Both ends figures, and not two years ("2024-2025") nor a day ("12-31")."""
    low, high = ranged.group("low"), ranged.group("high")
    if not NUMERIC_CELL.match(low.strip()) or not NUMERIC_CELL.match(high.strip()):
        return False
    return any(sign in low + high for sign in "%$€£.,") or not (is_year(low.strip()) or is_year(high.strip())) \
        and len(low.strip()) > 2


def pipe_range_cells(at: int, ranged, i: int, row_no: int, row: tuple, headers) -> list[Cell]:
    """The two ends of a range cell, each a cell of that row and column; an end printing no sign takes the other's."""
    label, path, unit = row
    if ranged.group("scale"):  # the range's own scale, as a row's own note would print it
        scale = Decimal(_SCALES[ranged.group("scale").lower().rstrip("s")])
        unit = UnitNote(ranged.group("scale"), scale, scale, unit.currency if unit else None)
    ends = [(at + ranged.start(g) + len(ranged.group(g)) - len(ranged.group(g).lstrip()),
             NUMERIC_CELL.match(ranged.group(g).strip())) for g in ("low", "high")]
    return _end_cells(ends, False, False, row=row_no, column=i, row_label=label, column_header=headers.of(i),
                      row_path=path, column_path=headers.path(i), unit=unit)


def range_grid(table: TableRegion, text: str) -> None:
    """A range is one cell of the grid, as printed: "$590 - $650", "44% - 46%"."""
    for low, high in zip(table.cells, table.cells[1:]):
        if low.range_end == "low" and high.range_end == "high":
            end = high.end
            while text[end: end + 1] in ("%", ")"):
                end += 1
            table.grid[low.row][low.column] = text[low.start: end]

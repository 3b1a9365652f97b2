"""A total and its per-share figure stated together in prose ("net income of $8.4 million, or $0.42 per diluted
share"; "a dividend of $59.9 million ($0.25 per common share)") over the share count a table prints for the
period: the weighted average row of the basis the phrase names (basic with basic, diluted with diluted).

The phrase binds the total and the figure tightly; the count is another's, a row of a table matched by its label
and a column by its period, so the binding is loose. A column of the sentence's period whose count gives the
figure is taken; failing that, the one count of that basis and period the tables print, when the sentence names
one period and the tables one such count. A sentence that states its own count ("on 20.0 million weighted
shares") is the prose rule's (`rules/facts/70_per_share.yaml`).
"""

from __future__ import annotations

import regex

from ..models import Fact, Mention
from ..rules import compiled
from .restatechoice import agrees, cell_scale
from .subjects import Reading, period_of
from .tablefacts import TableRule, _grid, _labels, printed_unit
from .tablepershare import _is_share_count
from .tableratios import _Options, _ratio_fits, _rows

# between the total and its per-share figure: ", or", "(", "or", past the words the rule lets the total carry
# ("$448 million after tax, or $0.21 per share")
_JOINED = r"(?i)(?:\s+(?:{}))?\s*,?\s*(?:or|\()\s*$"
# the words after the figure naming what it is per: "per diluted share", "per basic common share", past the words
# the rule lets name its measure first ("$4.70 earnings per diluted share")
_PER = r"(?i)(?:\s+(?:{}))?\)?\s*per\s+(?:(?P<basis>basic|diluted)\s+)?(?:(?:common|ordinary)\s+)?share\b"
_COMPARED = regex.compile(r"(?i)\b(?:compared|versus|vs\b|from|below|above|against|prior|previous|last)\b|%")
# the words that lead to a pair compared with the sentence's own ("compared with $388 million, or $0.18 per share")
_AGAINST = regex.compile(r"(?i)\b(?:compared\s+(?:to|with)|versus|vs\.?)\s+(?:[^\d.;]{0,30}\s)?$")
MAX_GAP = 30  # characters between the total and the per-share figure


def prose_per_share(rule: TableRule, mentions: list[Mention], text: str = "", reading: Reading | None = None) -> list[Fact]:
    opts = _Options.of(rule)
    pairs = _pairs(mentions, text, compiled(_JOINED.format(rule.options.get("total_words", "(?!)"))),
                   compiled(_PER.format(rule.options.get("measure_words", "(?!)"))))
    if not pairs:
        return []
    labels = _labels(mentions, reading)
    grid = _grid(mentions, reading)
    counts = [r for table, table_rows in grid.items()
              for r in _rows(table_rows, labels, table, text) if _is_share_count(r, opts)]
    if not counts:
        return []
    # a weighted count before a period-end one: the figure is earned over the period
    counts.sort(key=lambda r: not (opts.preferred and opts.preferred.search(r.label)))
    reading = reading or Reading(mentions, text)
    # what one printed unit of each table's amounts stands for: its counts may be printed in it too
    units = {m.cell.table: round(printed_unit(m)) for m in mentions if m.cell is not None and m.kind == "money" and m.scale}
    facts = []
    for total, per_share, basis in pairs:
        count, unit = _count(total, per_share, basis, counts, opts, reading, units, grid)
        if count is not None:
            facts.append(Fact(id=0, type=rule.type, rule=rule.id, sentence=per_share.sentence, strength="loose",
                              roles={"per_share": per_share.id, "total": total.id, "shares": count.id},
                              attributes={"count_unit": str(unit)} if unit != 1 else {}))
    return facts


def _pairs(mentions: list[Mention], text: str, joined, per_words) -> list[tuple[Mention, Mention, str | None]]:
    """(total, per-share figure, basis) of each prose phrase joining the two, in a sentence that states no
    count of its own."""
    out = []
    counted = {m.sentence for m in mentions if m.kind == "shares" and m.cell is None}
    for before, m in zip(mentions, mentions[1:]):
        if m.kind != "price" or m.unit != "share" or m.cell is not None or before.kind != "money" \
                or before.cell is not None or m.sentence in counted or m.start - before.end > MAX_GAP \
                or not joined.fullmatch(text, before.end, m.start):
            continue
        per = per_words.match(text, m.end, m.end + 60)
        if per:
            out.append((before, m, per.group("basis") and per.group("basis").lower()))
    return out


def _count(total: Mention, per_share: Mention, basis: str | None, counts: list, opts: _Options, reading: Reading,
           units: dict[int, int], grid) -> tuple[Mention | None, int]:
    """The count the figure is on, and the unit it is read in: a cell of the sentence's period that gives it,
    whole or (a count the unit note left whole) in its table's unit of amounts, the one whose column prints the
    total again first; else the only count of that basis and period (the diluted one for a figure naming no
    basis), read whole."""
    lo, hi = reading.bounds.sentence_of(per_share.start, per_share.end)
    # the sentence's period up to a comparison ("11% below Q4 2023" names the other period)
    cut = _COMPARED.search(reading.text, per_share.end, hi)
    # (a pair the sentence compares its own with is of the period named after it: "..., for the full year 2023")
    start = per_share.end if _AGAINST.search(reading.text, max(lo, total.start - 40), total.start) else lo
    years, quarters, _ = period_of(reading.text[start:cut.start() if cut else hi])
    named, fitting = [], []
    for row in counts:
        bases = opts.basis(row.label)
        if basis and bases and basis not in bases:
            continue
        for cell in row.cells.values():
            if cell.kind not in ("shares", "number") or opts.skipped(cell):
                continue
            when = reading.subject(cell)
            if not when.meets(years, quarters):
                continue
            for unit in (1, units.get(cell.cell.table, 1)) if cell.scale is None else (1,):
                if _ratio_fits(per_share, total, cell, False, unit):
                    fitting.append((cell, unit, row.label))
                    break
            if when.names_only(years, quarters) and (not basis or basis in bases):
                named.append((cell, bases))
    if fitting:
        # counts alike in every column (or in two tables) fit alike: a weighted count first, then (a figure per
        # share naming no basis is the diluted one a release heads with) a diluted one, then the one whose column
        # prints the sentence's total again, nearest that printing (one grid may hold a statement and its
        # reconciliation): that column is the sentence's period and the table it is told from
        def rank(k: int) -> tuple:
            cell, label = fitting[k][0], fitting[k][2]
            near = _restated_near(total, cell, grid, reading)
            return (not (opts.preferred and opts.preferred.search(label)),
                    not basis and opts.basis(label) != {"diluted"}, near is None, near or 0, k)
        return fitting[min(range(len(fitting)), key=rank)][:2]
    # (of a basic and a diluted count, a figure naming no basis is the diluted one)
    named = named if len(named) == 1 or basis else [n for n in named if n[1] == {"diluted"}]
    return (named[0][0] if len(named) == 1 else None), 1


def _restated_near(total: Mention, count: Mention, grid, reading: Reading) -> int | None:
    """How many rows from the count its column prints the prose total again; None if it does not."""
    column = [(r, row.get(count.cell.column)) for r, row in grid.get(count.cell.table, {}).items()]
    rows = [abs(r - count.cell.row) for r, m in column
            if m is not None and m.kind == "money" and agrees(total, m, cell_scale(total, m), reading)]
    return min(rows) if rows else None

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
from .subjects import Reading, period_of
from .tablefacts import TableRule, _grid, _labels, printed_unit
from .tablepershare import _is_share_count
from .tableratios import _Options, _ratio_fits, _rows

# between the total and its per-share figure: ", or", "(", "or"
_JOINED = regex.compile(r"(?i)\s*,?\s*(?:or|\()\s*$")
# the words after the figure naming what it is per: "per diluted share", "per basic common share"
_PER = regex.compile(r"(?i)\)?\s*per\s+(?:(?P<basis>basic|diluted)\s+)?(?:(?:common|ordinary)\s+)?share\b")
_COMPARED = regex.compile(r"(?i)\b(?:compared|versus|vs\b|from|below|above|against|prior|previous|last)\b|%")
MAX_GAP = 12  # characters between the total and the per-share figure


def prose_per_share(rule: TableRule, mentions: list[Mention], text: str = "", reading: Reading | None = None) -> list[Fact]:
    opts = _Options.of(rule)
    pairs = _pairs(mentions, text)
    if not pairs:
        return []
    labels = _labels(mentions, reading)
    counts = [r for table, table_rows in _grid(mentions, reading).items()
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
        count, unit = _count(total, per_share, basis, counts, opts, reading, units)
        if count is not None:
            facts.append(Fact(id=0, type=rule.type, rule=rule.id, sentence=per_share.sentence, strength="loose",
                              roles={"per_share": per_share.id, "total": total.id, "shares": count.id},
                              attributes={"count_unit": str(unit)} if unit != 1 else {}))
    return facts


def _pairs(mentions: list[Mention], text: str) -> list[tuple[Mention, Mention, str | None]]:
    """(total, per-share figure, basis) of each prose phrase joining the two, in a sentence that states no
    count of its own."""
    out = []
    counted = {m.sentence for m in mentions if m.kind == "shares" and m.cell is None}
    for before, m in zip(mentions, mentions[1:]):
        if m.kind != "price" or m.unit != "share" or m.cell is not None or before.kind != "money" \
                or before.cell is not None or m.sentence in counted or m.start - before.end > MAX_GAP \
                or not _JOINED.match(text, before.end, m.start):
            continue
        per = _PER.match(text, m.end, m.end + 40)
        if per:
            out.append((before, m, per.group("basis") and per.group("basis").lower()))
    return out


def _count(total: Mention, per_share: Mention, basis: str | None, counts: list, opts: _Options, reading: Reading,
           units: dict[int, int]) -> tuple[Mention | None, int]:
    """The count the figure is on, and the unit it is read in: a cell of the sentence's period that gives it,
    whole or (a count the unit note left whole) in its table's unit of amounts; else the only count of that
    basis and period, read whole."""
    lo, hi = reading.bounds.sentence_of(per_share.start, per_share.end)
    # the sentence's period up to a comparison ("11% below Q4 2023" names the other period)
    cut = _COMPARED.search(reading.text, per_share.end, hi)
    years, quarters, _ = period_of(reading.text[lo:cut.start() if cut else hi])
    named = []
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
                    return cell, unit
            if when.names_only(years, quarters) and (not basis or basis in bases):
                named.append(cell)
    return (named[0] if len(named) == 1 else None), 1

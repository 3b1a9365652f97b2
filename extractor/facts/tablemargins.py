"""Margins stated in prose whose part and revenue are rows of a table: "Gross margin was 41.0%, compared to 37.5%".

The sentence names the measure ("gross", "adjusted EBITDA") and the percentage; the table gives the profit row
of that name and the revenue row, a column per period. Which column is the sentence's is rarely certain (a
fiscal quarter against calendar headers, a header the table does not print), so the binding is loose, chosen
among candidates: a column whose rows give the percentage is taken; failing that, a figure is bound only where
one column alone names the sentence's period and one profit row and one revenue row alone carry the names, and
a mismatch is then flagged only where a known slip explains it. Where no column names the sentence's period (a
fiscal quarter the headers date by the calendar), the one column of another period that gives it is taken. A table of profits with no revenue row (a
reconciliation of adjusted EBIT) is read with the revenue row of the table that states the same periods
(`tablecross`).
"""

from __future__ import annotations

from ..models import Fact, Mention
from .subjects import Reading, period_of
from .tablefacts import TableRule, _grid, _labels
from .tablecross import Elsewhere
from .tableratios import _AMOUNT, _Options, _is_whole, _ratio_fits, _rows


def prose_margins(rule: TableRule, mentions: list[Mention], text: str = "", reading: Reading | None = None) -> list[Fact]:
    opts = _Options.of(rule)
    cued = _cued(mentions, text, opts)
    if not cued:
        return []
    reading = reading or Reading(mentions, text)
    labels = _labels(mentions, reading)
    every = {table: _rows(table_rows, labels, table, text) for table, table_rows in _grid(mentions, reading).items()}
    elsewhere = Elsewhere(every, opts.skipped)
    tables = [(t, rows, [r for r in rows if _is_whole(r, opts)], elsewhere) for t, rows in every.items()]
    facts = []
    for p, metric, compared in cued:
        found = _bound(p, metric, compared, tables, opts, reading)
        if found:
            part, whole = found
            facts.append(Fact(id=0, type=rule.type, rule=rule.id, sentence=p.sentence, strength="loose",
                              roles={"pct": p.id, "part": part.id, "whole": whole.id}))
    return facts


def _cued(mentions: list[Mention], text: str, opts: _Options) -> list[tuple[Mention, frozenset[str], bool]]:
    """Prose percentages a margin names ("Gross margin was 41.0%"), with the words of its measure; a
    percentage it is compared with in the same sentence ("compared to 37.5%") has the same measure."""
    out: list[tuple[Mention, frozenset[str], bool]] = []
    last: tuple[Mention, frozenset[str], bool] | None = None
    for m in mentions:
        if m.cell is not None or m.kind != "percent" or m.unit != "%":
            continue
        found = opts.cue.search(text, max(0, m.start - 90), m.start)
        words = opts.words(found.group("metric")) if found else frozenset()
        if words:
            last = (m, words, False)
            out.append(last)
        elif last and last[0].sentence == m.sentence and m.start - last[0].end < 80 \
                and opts.compared.search(text, last[0].end, m.start):
            out.append((m, last[1], True))
    return out


def _bound(p: Mention, metric: frozenset[str], compared: bool, tables, opts: _Options, reading: Reading):
    """The (part, whole) cells of the margin: the first column of a period the sentence names (or of any,
    when it names none) that gives it; else, for a sentence of one period and a margin it states (not one it
    compares with), the one column of that period, when the names leave one profit row and one revenue row."""
    lo, hi = reading.bounds.sentence_of(p.start, p.end)
    years, quarters, _ = period_of(reading.text[lo:hi])
    fitting, named, unnamed = [], [], []
    for t, rows, wholes, elsewhere in tables:
        parts = [r for r in rows if r.kinds & _AMOUNT and metric <= opts.words(r.label)
                 and not any(r is w for w in wholes)]
        if parts and not wholes:
            wholes = elsewhere.rows(t, lambda r: _is_whole(r, opts))
        for part in parts:
            for whole in wholes:
                for c, top in part.cells.items():
                    bottom = whole.cells.get(c)
                    if bottom is None or top.kind not in _AMOUNT or bottom.kind not in _AMOUNT:
                        continue
                    when, fits = reading.subject(top), _ratio_fits(p, top, bottom, True)
                    if not when.meets(years, quarters):
                        # (a fiscal quarter the headers date by the calendar: "Q2 FY '25" over "December 31, 2024")
                        unnamed += [(top, bottom)] if fits else []
                        continue
                    if fits:
                        fitting.append((top, bottom))
                    elif not compared and len(parts) == len(wholes) == 1 and when.names_only(years, quarters):
                        named.append((top, bottom))
    if fitting:
        return fitting[0]
    if named:
        return named[0] if len(named) == 1 else None
    # no column of the sentence's period: the one column of another that gives the figure, if only one does, and
    # the figure is precise enough for a fit to tell (a range's end or "9%" fits too many columns by chance)
    telling = p.range_with is None and float(p.high) - float(p.low) <= 0.02 * abs(float(p.value))
    return unnamed[0] if telling and len({(top.id, bottom.id) for top, bottom in unnamed}) == 1 else None

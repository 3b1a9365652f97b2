"""Which row each figure of a "respectively" list restates: "free cash flow and free cash flow margin of $39.7
million and 33.8%, respectively" names two rows before two figures, the first figure the first row's.

The clause before the list's first figure is cut where it lists ("and", a comma), and when it names as many
things as the list holds figures, each figure is named by its own piece, read like any other label (the row
whose label the piece ends with, no word of its own before it).

A "respectively" list of figures whose sentence names as many years, each once ("for the three months ended
December 31, 2024 and 2023 were $0.2 million and $2.5 million, respectively"), gives each figure its own year
(and its own day, "at June 30, 2024, and June 30, 2023"), in the order both are printed; the span (a quarter, the
full year) is the sentence's, when it names one.
"""

from __future__ import annotations

from bisect import bisect_left

import regex

from ..models import Mention
from .subjects import YEAR, Subject, content_words, period_of

_RESPECTIVELY = regex.compile(r"\s*,?\s*respectively\b", regex.I)
_RESPECTIVELY_WORD = regex.compile(r"respectively", regex.I)
# a "respectively" later in the sentence, after the periods the list's figures are for
_RESPECTIVELY_LATER = regex.compile(r"[^.;\n]{0,120}?\brespectively\b", regex.I)
# what may stand between two figures of one list
_BETWEEN = regex.compile(r"\s*(?:,\s*)?(?:and\s+|or\s+)?")
# where the clause before the list cuts its names apart
_PIECES = regex.compile(r"\s*,\s*(?:and\s+)?|\s+and\s+", regex.I)
# two spans listed ("the fourth quarter and full year", "the three and twelve months"): the list is of spans
_TWO_SPANS = regex.compile(r"\b(?:quarter|three|six|nine)\b[^.;\d]{0,30}?\band\s+(?:the\s+)?(?:full[- ]year|fiscal\s+year|"
                           r"year|six|nine|twelve|first|second|third|fourth)\b", regex.I)


def _run(p: Mention, labels) -> list[Mention]:
    """The figures of p's list ("$0.2 million and $2.5 million"), p among them, in their order."""
    text, prose, i = labels.reading.text, labels.prose, labels.at[p.id]
    run = [p]
    for m in prose[i + 1:]:
        if m.sentence != p.sentence or not _BETWEEN.fullmatch(text, run[-1].end, m.start):
            break
        run.append(m)
    for m in reversed(prose[:i]):
        if m.sentence != p.sentence or not _BETWEEN.fullmatch(text, m.end, run[0].start):
            break
        run.insert(0, m)
    return run


def listed_periods(p: Mention, labels) -> tuple[str, str | None] | None:
    """The year (and the balance day, when the list of periods names days) of p's own piece of a "respectively"
    list of periods: "for the three months ended December 31, 2024 and 2023 were $0.2 million and $2.5
    million, respectively" makes the first figure 2024's and the second 2023's. None when p stands in no such
    list or its sentence names not as many years, each once, as the list holds figures."""
    text = labels.reading.text
    lo, hi = labels.reading.bounds.sentence_of(p.start, p.end)
    if not _RESPECTIVELY_WORD.search(text, p.end, hi):
        return None  # (most sentences say no "respectively": read no list for them)
    run = _run(p, labels)
    if len(run) < 2 or any(m.kind != p.kind for m in run):
        return None
    said = _RESPECTIVELY_LATER.match(text, run[-1].end, hi)
    after = labels.at[run[-1].id] + 1
    if said is None or any(m.kind != "date" and m.start < said.end() for m in labels.prose[after:after + 4]):
        return None  # (another figure before "respectively" makes a list of its own)
    # (the periods are those said before "respectively": "..., compared to $3.1 million in 2023" after it names
    # the figures of another list; a clause naming two spans, "the fourth quarter and full year 2024", lists spans)
    before = text[lo:run[0].start]
    if _TWO_SPANS.search(before):
        return None
    at = run.index(p)
    sentence = labels.prose[bisect_left(labels.starts, lo):bisect_left(labels.starts, said.end())]
    days = [m.value for m in sentence if m.kind == "date" and len(m.value) == 10]
    if len(days) == len(run) and len(set(days)) == len(days):
        return days[at][:4], days[at]  # a list of days, "December 31, 2024 and September 30, 2024", each its own
    years = YEAR.findall(before + text[run[-1].end:said.end()])
    if len(years) != len(run) or len(set(years)) != len(years):
        return None
    return years[at], None


def listed_period(p: Mention, labels, sentence: str):
    """p's period when it stands in a "respectively" list of periods: its own year, and the span its sentence
    (its text) names (one quarter, or the full year), or None."""
    if (listed := listed_periods(p, labels)) is None:
        return None
    _, quarters, full_year = period_of(sentence)
    return Subject((), frozenset((listed[0],)), quarters if len(quarters) == 1 else frozenset(), full_year)


def listed_rows(p: Mention, labels) -> list | None:
    """The rows p's own piece of a "respectively" list names, or None when p stands in no such list or its
    piece names no row.
    `labels` is the release's LabelReader."""
    text = labels.reading.text
    run = _run(p, labels)
    if not _RESPECTIVELY.match(text, run[-1].end):
        return None
    if len(run) < 2 or run[-1] is p:
        return None  # the last figure is named by the clause's last words, as any figure is
    lo, _ = labels.reading.bounds.sentence_of(p.start, p.end)
    start = labels.reading.bounds.clause_start(lo, run[0].start)
    # (a piece naming nothing but a period, "For the fourth quarter of 2024,", names no figure)
    pieces = [s for s in _PIECES.split(text[start:run[0].start]) if content_words(s)]
    if len(pieces) != len(run):
        return None
    words = [s for s in content_words(pieces[run.index(p)]) if s not in labels.link]
    out = []
    for row in labels.by_last.get(words[-1], ()) if words else ():
        n = len(row.words)
        if n <= len(words) and tuple(words[-n:]) == row.words and not labels._modified(list(words[:-n]), False):
            out.append(row)
    # a piece that names no row leaves p to the clause's last words ("Research and development expenses were
    # $348.2 million and $83.3 million for the year and quarter" cuts one name, not two)
    return out or None

"""Which row each figure of a "respectively" list restates: "free cash flow and free cash flow margin of $39.7
million and 33.8%, respectively" names two rows before two figures, the first figure the first row's.

The clause before the list's first figure is cut where it lists ("and", a comma), and when it names as many
things as the list holds figures, each figure is named by its own piece, read like any other label (the row
whose label the piece ends with, no word of its own before it).
"""

from __future__ import annotations

import regex

from ..models import Mention
from .subjects import content_words

_RESPECTIVELY = regex.compile(r"\s*,?\s*respectively\b", regex.I)
# what may stand between two figures of one list
_BETWEEN = regex.compile(r"\s*(?:,\s*)?(?:and\s+|or\s+)?")
# where the clause before the list cuts its names apart
_PIECES = regex.compile(r"\s*,\s*(?:and\s+)?|\s+and\s+", regex.I)


def listed_rows(p: Mention, labels) -> list | None:
    """The rows p's own piece of a "respectively" list names, or None when p stands in no such list or its
    piece names no row.
    `labels` is the release's LabelReader."""
    text, prose, i = labels.reading.text, labels.prose, labels.at[p.id]
    run = [p]
    for m in prose[i + 1:]:
        if m.sentence != p.sentence or not _BETWEEN.fullmatch(text, run[-1].end, m.start):
            break
        run.append(m)
    if not _RESPECTIVELY.match(text, run[-1].end):
        return None
    for m in reversed(prose[:i]):
        if m.sentence != p.sentence or not _BETWEEN.fullmatch(text, m.end, run[0].start):
            break
        run.insert(0, m)
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

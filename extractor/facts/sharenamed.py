"""Shares of a named total: a part and its percentage stated in one phrase, the whole named only by its words.

"Nonperforming assets were $115.0 million, or 1.60% of total assets, at June 30, 2025" gives the part and the
percentage; the whole is the figure the release names "total assets" for the same day, in a sentence of its own
("Total assets increased to $7.2 billion at June 30, 2025") or in a table row ("Total assets", in the column of
that day). A revenue or a share count is left to the margin and share rules, which read those wholes their own way.
Found by its name among the release's figures, the whole is bound loosely: a mismatch is an error only where a
known slip explains it (graded evidence).
"""

from __future__ import annotations

from decimal import Decimal

import regex

from ..models import Fact, Mention
from ..rules import compiled
from .subjects import Reading, content_words, magnitude, stem

# a bracketed aside in the words before a figure names something else ("$81.8 million (1.40% of total loans),
# compared to $75.2 million": the second figure is not named "total loans")
_ASIDE = regex.compile(r"\([^()]*\)")
# the roles of a change that are not the figure a balance stands at
_NOT_BALANCE = {"from", "delta", "amount", "points", "pct"}
# a figure a change goes on from ("rose $300 million to $6.0 billion") is its amount or its old figure
_TO_ANOTHER = regex.compile(r"\s+to\s+(?:approximately\s+)?[$€£¥\d]")


def named_shares(rule, mentions: list[Mention], text: str, reading: Reading, facts: list[Fact]) -> list[Fact]:
    opts = rule.options
    attach, named, reference = (compiled(opts[k]) for k in ("attach", "named", "reference_before"))
    excluded = {stem(w) for w in opts.get("exclude_words", [])}
    collective = {stem(w) for w in opts.get("collective_words", [])}
    prose = [m for m in mentions if m.cell is None]
    percents = [i for i, m in enumerate(prose) if m.kind == "percent" and m.unit == "%"]
    shares = []
    for i in percents:
        p = prose[i]
        phrase = named.match(text, p.end)
        part = _part(prose, i, attach, text) if phrase is not None else None
        if part is None:
            continue
        noun = phrase.group("noun").split()
        # "of the total loan portfolio" names the total "Total loans" names: a collective word adds nothing
        if len(noun) > 1 and stem(noun[-1]) in collective:
            noun = noun[:-1]
        if not excluded.isdisjoint(stem(w) for w in noun):
            continue
        shares.append((p, part, noun))
    if not shares:
        return []
    index = {m.id: k for k, m in enumerate(prose)}
    parts = {part.id for _, part, _ in shares}  # a part of a named total is never that total
    changed = {i for f in facts if f.type == "change" for r, i in f.roles.items() if r in _NOT_BALANCE}
    out = []
    for p, part, noun in shares:
        whole = _whole(p, part, noun, mentions, prose, index, changed, parts, reading, reference)
        if whole is not None:
            out.append(Fact(id=0, type=rule.type, rule=rule.id, sentence=p.sentence, strength="loose",
                            roles={"part": part.id, "whole": whole.id, "pct": p.id}))
    return out


def _part(prose: list[Mention], i: int, attach, text: str) -> Mention | None:
    """The figure the percentage is attached to: right before it, joined by "or", a bracket or "representing"."""
    if i == 0:
        return None
    m, p = prose[i - 1], prose[i]
    if m.kind not in ("money", "shares", "number") or m.sentence != p.sentence:
        return None
    return m if attach.fullmatch(text, m.end, p.start) else None


def _day(m: Mention, prose: list[Mention], index: dict[int, int]) -> str | None:
    """The day a figure's sentence gives it: the first date after it before the next figure, else the last
    date before it in its sentence ("At June 30, 2025, the allowance was $81.8 million"), else the one day its
    sentence names after it for all its figures ("total assets of $7.2 billion and assets under management of
    $12.3 billion as of June 30, 2025")."""
    k = index[m.id]
    later = set()
    for o in prose[k + 1:]:
        if o.sentence != m.sentence:
            break
        if o.kind == "date" and len(o.value) == 10:
            if not later and not any(f.kind in ("money", "shares", "number") for f in prose[k + 1:index[o.id]]):
                return o.value
            later.add(o.value)
    for o in reversed(prose[:k]):
        if o.sentence != m.sentence:
            break
        if o.kind == "date" and len(o.value) == 10:
            return o.value
    return later.pop() if len(later) == 1 else None



def _words_before(m: Mention, prose: list[Mention], index: dict[int, int], reading: Reading) -> str:
    """The words that name a figure, as its subject is read: those since the figure before it in its clause, or
    the whole clause when those are only linking words ("Total loans increased $304 million to $5.8 billion");
    bracketed asides left out."""
    lo, _ = reading.bounds.sentence_of(m.start, m.end)
    start = reading.bounds.clause_start(lo, m.start)
    k = index[m.id]
    own = prose[k - 1].end if k and start <= prose[k - 1].end <= m.start else start
    words = reading.text[own:m.start] if content_words(reading.text[own:m.start]) else reading.text[start:m.start]
    return _ASIDE.sub(" ", words)


def _whole(p: Mention, part: Mention, noun: list[str], mentions: list[Mention], prose: list[Mention],
           index: dict[int, int], changed: set[int], parts: set[int], reading: Reading, reference) -> Mention | None:
    day = _day(p, prose, index) or _day(part, prose, index)
    name = compiled(r"(?i)\btotal\s+" + r"\s+".join(regex.escape(stem(w)) + r"s?" for w in noun) + r"\b")
    text, size = reading.text, (magnitude(part) or Decimal(0))

    def fits(m: Mention) -> bool:
        return (m.kind == part.kind and m.currency == part.currency and m.id != part.id and m.id not in changed
                and (magnitude(m) or Decimal(0)) > size and not _TO_ANOTHER.match(text, m.end))

    in_prose = []
    for m in prose:
        if not fits(m) or m.id in parts or not name.search(_words_before(m, prose, index, reading)):
            continue
        # a day the share names is the whole's too; with none named, the whole is no comparison's figure
        own = _day(m, prose, index)
        if own == day if day else not reference.search(text, max(0, m.start - 60), m.start):
            in_prose.append(m)
    if in_prose:
        return min(in_prose, key=lambda m: abs(m.start - p.start))
    if day is None:
        return None
    # a table row of that name, in the column of that day; several tables must print it alike
    cells = [m for m in mentions if m.cell is not None and fits(m) and m.cell.period is not None
             and m.cell.period.end == day and name.match((m.cell.row_label or "").strip())]
    return cells[0] if cells and len({m.value for m in cells}) == 1 else None

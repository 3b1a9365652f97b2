"""Margins: a percentage of revenue whose part and revenue are stated elsewhere in the paragraph.

"Adjusted EBITDA was EUR 51 million, representing an adjusted EBITDA margin of 14.6%" states the part and the
percentage; the revenue it is a margin of was given a sentence or two before. A margin is a share of a whole:
the part is the figure right before the percentage in its sentence, or failing that the nearest figure before
it that names the margin's measure ("adjusted EBITDA"); the whole is the nearest revenue figure for the same
period that is not itself a comparison ("compared to EUR 381 million in Q3"). Chosen among candidates, the
binding is loose: a mismatch is flagged only where a known slip explains it.
"""

from __future__ import annotations

import regex

from ..models import Fact, Mention
from .subjects import Reading, content_words, stem


def margins(rule, mentions: list[Mention], text: str = "", reading: Reading | None = None) -> list[Fact]:
    reading = reading or Reading(mentions, text)
    opts = rule.options
    cue_before = regex.compile(f"(?:{opts['cue_before']})\\s*$")
    cue_after = regex.compile(opts["cue_after"])
    reference = regex.compile(f"(?:{opts['reference_before']})\\s*$")
    whole_words = {stem(w) for w in opts["whole_words"]}
    window = int(opts.get("window", 1200))
    prose = [m for m in mentions if m.cell is None and m.kind in ("money", "percent")]
    money = [m for m in prose if m.kind == "money"]
    facts = []
    for p in prose:
        if p.kind != "percent" or p.unit != "%":
            continue
        lo, _ = reading.bounds.sentence_of(p.start, p.end)
        before = text[max(lo, p.start - 90): p.start]
        cue = cue_before.search(before)
        if not cue and not cue_after.match(text, p.end):
            continue
        metric = set(content_words(before[: cue.start()] if cue else "")[-3:])
        part = _part(p, money, reading.subject, metric, lo, reference, text, window)
        if part is None:
            continue
        whole = _whole(p, part, money, reading.subject, whole_words, reference, text, window)
        if whole is None:
            continue
        facts.append(Fact(id=0, type=rule.type, rule=rule.id, roles={"part": part.id, "whole": whole.id, "pct": p.id},
                          sentence=p.sentence, strength="loose"))
    return facts


def _part(p: Mention, money: list[Mention], subject, metric: set[str], lo: int, reference, text: str, window: int):
    earlier = [m for m in money if m.end <= p.start and p.start - m.end <= window]
    if earlier and earlier[-1].start >= lo and p.start - earlier[-1].end <= 90:
        return earlier[-1]  # "EUR 51 million, representing an adjusted EBITDA margin of 14.6%"
    if not metric:
        return None
    named = [m for m in earlier if metric <= set(subject(m).words) and subject(m).compatible(subject(p))
             and not reference.search(text, max(0, m.start - 60), m.start)]
    return named[-1] if named else None


def _whole(p: Mention, part: Mention, money: list[Mention], subject, whole_words: set[str], reference, text: str,
           window: int):
    def is_reference(m: Mention) -> bool:
        return bool(reference.search(text, max(0, m.start - 60), m.start))

    # a margin of this period divides this period's revenue; a margin given for the comparison ("compared to
    # $25.5 million (28.7% of revenues)") divides the comparison's revenue
    earlier_period = is_reference(part)

    def fits(m: Mention) -> bool:
        return (m.id != part.id and m.currency == part.currency and whole_words & set(subject(m).words)
                and subject(m).compatible(subject(part)) and is_reference(m) == earlier_period)

    before = [m for m in money if m.end <= p.start and p.start - m.end <= window and fits(m)]
    if before:
        return before[-1]
    after = [m for m in money if m.start >= p.end and m.start - p.end <= window // 3 and fits(m)]
    return after[0] if after else None


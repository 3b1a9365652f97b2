"""Elided lists: parts a sentence gives by holder, naming the measure once, and the total that measure had before.

"As of the quarter, the group had NOK 2.4 billion net capital employed in Alpha, NOK 2.5 billion in Beta and NOK
365 million in other assets": the measure's words follow the first figure only, and every later figure is
followed by "in" and its holder alone. The list is read from that shape, never from its figures' arithmetic.
Its total is the figure the release gave the same measure by name ("net capital employed stood at NOK 5.9
billion"): the nearest such figure before the list (or in the sentence right after it), of the parts' kind and
currency, its words the measure's and then a verb of level or "of", and no change ("an increase in net capital
employed of"). Chosen across sentences, the binding is loose; a last holder "other ..." names the rest, so the
list is given in full (`list: full`) and a slip of one part explains a mismatch too.
"""

from __future__ import annotations

import regex

from ..models import Fact, Mention
from .signs import clash
from .subjects import Reading, period_of
from .sumwhole import other_part_after, subset_opening

KINDS = ("money", "shares")
# after the first part: the measure's words (one to five, no verb of level), "in" and the holder
FIRST = regex.compile(r"\s+(?P<measure>(?:(?!(?:in|of|was|were|is|are|and|for|from|to|at|by)\b)[A-Za-z][\w'-]*\s+){1,5}?)"
                      r"in\s+(?:the\s+)?[^,;.\d]{1,40}?(?:,\s*(?P<last>and\s+)?|\s+(?P<last2>and)\s+)$")
# after a later part: "in" and the holder alone, then a comma, or ", and" / "and" before the last part
LATER = regex.compile(r"\s+in\s+(?:the\s+)?[^,;.\d]{1,40}?(?:,\s*(?P<last>and\s+)?|\s+(?P<last2>and)\s+)$")
# after the last part: its holder, then the clause ends
END = regex.compile(r"\s+in\s+(?:the\s+)?(?P<holder>(?:(?!\b(?:ago|prior|previous|last|earlier|compared|versus|from|before|after)\b)[^,;.\d]){1,40}?)\s*(?:[.;]|$)")
LEVEL = r"\s+(?:stood\s+at|was|were|of|totall?ed|amounted\s+to|reached|came\s+to)\s+(?:approximately\s+|about\s+|around\s+)?$"
# words after a total that put it at another time than the list ("were $1,550 million a year earlier")
ANOTHER_TIME = regex.compile(r"(?i)[^.;]{0,60}?\b(?:ago|earlier|prior|previous|last\s+year|a\s+year\s+before|before\s+that)\b")
CHANGE = regex.compile(r"(?i)\b(?:increase|decrease|change|growth|decline|rise|fall|reduction|drop)s?\s+(?:\w+\s+){0,2}$")
REACH = 4000


def sums_elided(rule, mentions: list[Mention], text: str = "", reading: Reading | None = None) -> list[Fact]:
    reading = reading or Reading(mentions, text)
    figures = [m for m in mentions if m.cell is None and m.kind in KINDS]
    facts, at = [], 0
    while at < len(figures) - 1:
        parts, measure, full = _list(text, figures, at)
        if not parts:
            at += 1
            continue
        total = _total(text, figures, parts, measure, reading)
        # (a list of a subset, or one the text says leaves a part of the measure out, is not all the total adds)
        if total is not None and not subset_opening(reading, total, parts[0]) \
                and not other_part_after(reading, total, parts, figures):
            roles = {"total": total.id, **{f"part_{n}": p.id for n, p in enumerate(parts, 1)}}
            facts.append(Fact(id=0, type=rule.type, rule=rule.id, roles=roles, sentence=parts[0].sentence,
                              strength="loose", attributes={"list": "full"} if full else {}))
        at += len(parts)
    return facts


def _list(text: str, figures: list[Mention], at: int) -> tuple[list[Mention], str, bool]:
    """The parts of the elided list opening on figures[at], the measure's words and whether the last holder is
    "other ...": none unless every figure after the first gives its holder alone and the clause ends after it."""
    first = figures[at]
    if at + 1 >= len(figures):
        return [], "", False
    gap = text[first.end:figures[at + 1].start]
    # (the opening ends on "in" and a holder: most gaps between two figures have no " in " and are passed at once)
    if " in " not in gap or figures[at + 1].sentence != first.sentence:
        return [], "", False
    if at and figures[at - 1].sentence == first.sentence and regex.fullmatch(r"[\s,]*(?:and\s+)?", text[figures[at - 1].end:first.start]):
        return [], "", False  # never from the middle of a list
    opening = FIRST.match(gap)
    if not opening:
        return [], "", False
    parts, last = [first], bool(opening.group("last") or opening.group("last2"))
    for nxt in figures[at + 1:]:
        if nxt.kind != first.kind or nxt.currency != first.currency or nxt.sentence != first.sentence:
            return [], "", False
        parts.append(nxt)
        if last:
            break
        follow = figures[at + len(parts)] if at + len(parts) < len(figures) else None
        gap = LATER.match(text[nxt.end:follow.start]) if follow is not None else None
        if not gap:
            return [], "", False
        last = bool(gap.group("last") or gap.group("last2"))
    end = END.match(text, parts[-1].end)
    if not last or end is None or len(parts) < 2:
        return [], "", False
    return parts, " ".join(opening.group("measure").split()), end.group("holder").lower().startswith("other")


def _total(text: str, figures: list[Mention], parts: list[Mention], measure: str, reading: Reading) -> Mention | None:
    """The figure the release gave the measure by name: the nearest before the list, else one in the sentence
    right after it; of the parts' kind and currency, not a change of the measure, and of no other period (the
    third quarter's level is no total of the fourth's holdings)."""
    named = regex.compile(r"(?i)\b" + r"\s+".join(regex.escape(w) for w in measure.split()) + LEVEL)
    first, last = parts[0], parts[-1]
    before = [m for m in figures if first.start - REACH <= m.start < first.start]
    after = [m for m in figures if m.start > last.end and m.sentence == last.sentence + 1]
    for m in [*reversed(before), *after]:
        if m.kind != first.kind or m.currency != first.currency:
            continue
        words = named.search(text, max(0, m.start - 120), m.start)
        if not words or CHANGE.search(text, max(0, words.start() - 40), words.start()) \
                or ANOTHER_TIME.match(text, m.end, m.end + 80) or _dated_apart(m, first, reading):
            continue
        roles = {"total": m.id, **{f"part_{n}": p.id for n, p in enumerate(parts, 1)}}
        if not clash(roles, {p.id: p for p in [m, *parts]}, reading, True):
            return m
    return None


def _dated_apart(total: Mention, part: Mention, reading: Reading) -> bool:
    """Whether the total's sentence dates it ("at the end of 2024") and the list's names no such date: a level of
    another time, not the sum of the holdings the list gives now."""
    said = []
    for m in (total, part):
        lo, hi = reading.bounds.sentence_of(m.start, m.end)
        years, quarters, _ = period_of(reading.text[lo:hi])
        said.append((years, quarters))
    (years, quarters), (list_years, list_quarters) = said
    return bool(years) and not (years & list_years) or bool(quarters) and not (quarters & list_quarters)

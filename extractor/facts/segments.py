"""Segments: a total stated first, then its parts sentence by sentence ("Revenue was $48.0 million. Product
revenue was $30.5 million and service revenue $17.5 million.", or one paragraph per region).

A sentence that opens on the bare measure ("Revenues amounted to ...", "Total net sales were ...") states a
total; the sentences after it that open on the same measure with a qualifier ("Product revenue", "Revenues in
Canada", "U.S. revenues") state its parts, until another total, a sentence opening on another measure's
total, or the window ends. In each sentence the level is the figure after "was", "to", "of", "totaled"... (not
the change "by $4.7 million"); the prior period's figure after "from" or "compared to" makes a second sum when
the total and every part give one. The parts are read from how sentences open, so the binding is loose: a
mismatch is flagged only where a known slip explains it.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field

import regex

from ..models import Fact, Mention
from ..rules import compiled
from .subjects import Reading, stem, stop_words

BULLET = regex.compile(r"^[\s\-*•–—]*")
RANGE = regex.compile(r"(?i)\s*(?:to|-|–|—)\s*")
# a full stop that ends no sentence: "U.S. revenues", "i.e. at 17.0% adj. EBITDA margin"
ABBREVIATION = regex.compile(r"(?:\b[A-Za-z]\.[A-Za-z]|\b(?:Inc|Corp|Ltd|Co|No|vs|approx|adj))\.$")
CHANGE_BY = regex.compile(r"(?i)\bby\s+(?:approximately\s+|about\s+)?$")


@dataclass
class _Run:
    measure: str
    total: Mention
    prior: Mention | None
    parts: list[Mention] = field(default_factory=list)
    priors: list[Mention | None] = field(default_factory=list)
    qualifiers: list[frozenset[str]] = field(default_factory=list)


class _Reader:
    def __init__(self, opts: dict, text: str):
        measure = opts["measures"]
        self.total_head = compiled(f"(?i)^(?:(?:{opts['generic']})\\s+){{0,3}}(?P<w>{measure})\\b"
                                        f"(?!\\s+(?:{opts['qualifier_after']})\\b)")
        self.part_head = compiled(
            f"(?i)^(?:(?P<q>(?:[\\w.&'’/-]+\\s+){{1,4}}?)(?P<w>{measure})\\b"
            f"|(?P<w2>{measure})\\s+(?:{opts['qualifier_after']})\\s+\\S)")
        self.generic = compiled(f"(?i)^(?:(?:{opts['generic']})\\s+)*$")
        self.level = compiled(f"(?i)(?:{opts['level_before']})\\s*$")
        self.prior = compiled(f"(?i)(?:{opts['prior_before']})\\s*$")
        self.more = compiled(f"(?i)\\band\\s+(?:[\\w.&'’/-]+\\s+){{1,3}}(?:{measure})\\s+(?:was\\s+|of\\s+)?$")
        self.text = text
        self.window = int(opts.get("window", 4000))

    def head(self, start: int, first: Mention) -> tuple[str, str, frozenset[str]] | None:
        """('total' | 'part', the measure's stem, the part's qualifier words) from how the sentence opens."""
        head = self.text[start:first.start]
        head = head[BULLET.match(head).end():]
        t = self.total_head.match(head)
        if t:
            return "total", stem(t.group("w")), frozenset()
        p = self.part_head.match(head)
        if p is None:
            return None
        qualifier = _words(p.group("q") or head[p.end("w2"):])
        if not qualifier or p.group("q") is not None and self.generic.match(p.group("q")):
            # "Second quarter revenues stood at ...": another period's total, not a segment
            return "total", stem(p.group("w") or p.group("w2")), frozenset()
        return "part", stem(p.group("w") or p.group("w2")), qualifier

    def figures(self, sentence: list[Mention]) -> tuple[list[Mention], Mention | None]:
        """The levels the sentence states (a second after "and service revenue"), and its prior figure."""
        levels, prior = [], None
        for k, m in enumerate(sentence):
            before = self.text[max(0, m.start - 60): m.start]
            if k and RANGE.fullmatch(self.text, sentence[k - 1].end, m.start) \
                    and not CHANGE_BY.search(self.text, max(0, sentence[k - 1].start - 20), sentence[k - 1].start):
                continue  # "$4.75 billion to $4.78 billion" is a range, not a level ("by $3.0 million to" is)
            if prior is None and self.prior.search(before):
                prior = m
            elif not levels and self.level.search(before) or levels and self.more.search(before):
                levels.append(m)
        return levels, prior


def segments(rule, mentions: list[Mention], text: str = "", reading: Reading | None = None) -> list[Fact]:
    reading = reading or Reading(mentions, text)
    reader = _Reader(rule.options, text)
    marks = reading.bounds.sentence
    money = [m for m in mentions if m.cell is None and m.kind == "money"]
    facts: list[Fact] = []
    run: _Run | None = None
    for sentence in _sentences(money):
        kind = reader.head(sentence_start(marks, text, sentence[0].start), sentence[0])
        if run is not None and (sentence[0].start - run.total.end > reader.window or kind and kind[0] == "total"):
            facts += _close(rule, run)
            run = None
        if kind is None:
            continue
        levels, prior = reader.figures(sentence)
        if not levels:
            continue
        if kind[0] == "total":
            run = _Run(kind[1], levels[0], prior)
        elif run is not None and kind[1] == run.measure and not _within(kind[2], run.qualifiers) \
                and all(reading.subject(m).compatible(reading.subject(run.total)) for m in levels):
            # ("Digital Experience subscription revenue" after "Digital Experience revenue" is a part of a part)
            run.qualifiers.append(kind[2])
            run.parts += levels
            run.priors += [prior] + [None] * (len(levels) - 1)
    if run is not None:
        facts += _close(rule, run)
    return facts


def sentence_start(marks: list[int], text: str, pos: int) -> int:
    """Where the sentence holding `pos` starts, past full stops of abbreviations (`marks`: Bounds.sentence)."""
    i = bisect_left(marks, pos)
    while i > 1 and ABBREVIATION.search(text, max(0, marks[i - 1] - 12), marks[i - 1] + 1):
        i -= 1
    return marks[i - 1] + 1 if i else 0


def _words(text: str) -> frozenset[str]:
    """Content words, abbreviations kept ("U.S.", which the subject reader drops as single letters)."""
    return frozenset(w for w in (stem(x.strip(".")) for x in text.split()) if w and w not in stop_words())


def _within(qualifier: frozenset[str], earlier: list[frozenset[str]]) -> bool:
    return any(q and q < qualifier for q in earlier)


def _sentences(money: list[Mention]) -> list[list[Mention]]:
    out: list[list[Mention]] = []
    for m in money:
        if out and out[-1][0].sentence == m.sentence:
            out[-1].append(m)
        else:
            out.append([m])
    return out


def _close(rule, run: _Run) -> list[Fact]:
    if len(run.parts) < 2:
        return []
    facts = [_fact(rule, run.total, run.parts)]
    if run.prior is not None and all(p is not None for p in run.priors):
        facts.append(_fact(rule, run.prior, run.priors))
    return [f for f in facts if f is not None]


def _fact(rule, total: Mention, parts: list[Mention]) -> Fact | None:
    if any(p.currency != total.currency for p in parts):
        return None
    roles = {"total": total.id, **{f"part_{n}": p.id for n, p in enumerate(parts, 1)}}
    return Fact(id=0, type=rule.type, rule=rule.id, roles=roles, sentence=total.sentence, strength="loose")

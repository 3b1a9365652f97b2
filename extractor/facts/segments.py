"""Segments: a total stated first, then its parts sentence by sentence ("Revenue was $48.0 million. Product
revenue was $30.5 million and service revenue $17.5 million.", or one paragraph per region).

A sentence that opens on the bare measure ("Revenues amounted to ...", "Total net sales were ...") states a
total; the sentences after it that open on the same measure with a qualifier ("Product revenue", "Revenues in
Canada", "U.S. revenues") state its parts, until another total, a sentence opening on another measure's
total, or the window ends. In each sentence the level is the figure after "was", "to", "of", "totaled"... (not
the change "by $4.7 million"); the prior period's figure after "from" or "compared to" makes a second sum when
the total and every part give one. The issuer may report the total ("Acme reported revenues of") and a segment
its part ("The Devices division generated revenue of"); a part naming another period than the total's, or a
total on another basis ("Organic revenue"), is none of the run's parts, and an outlook's range no level. The
parts are read from how sentences open, so the binding is loose: a mismatch is flagged only where a known slip
explains it; unless the other period's same parts add up to its total, precisely, which confirms the structure.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field

import regex

from ..models import Fact, Mention
from ..rules import compiled
from ..rules.prefilter import required_words
from .footarith import significant_digits
from .subjects import Reading, stem, stop_words

BULLET = regex.compile(r"^[\s\-*•–—]*")
RANGE = regex.compile(r"(?i)\s*(?:to|-|–|—)\s*")
# a full stop that ends no sentence: "U.S. revenues", "i.e. at 17.0% adj. EBITDA margin"
ABBREVIATION = regex.compile(r"(?:\b[A-Za-z]\.[A-Za-z]|\b(?:Inc|Corp|Ltd|Co|No|vs|approx|adj))\.$")
CHANGE_BY = regex.compile(r"(?i)\bby\s+(?:approximately\s+|about\s+)?$")
LABEL = regex.compile(r"^[^:.;]{1,40}:\s*")


@dataclass
class _Head:
    kind: str                   # "total" or "part"
    measure: str                # the measure's stem
    qualifier: frozenset[str]   # a part's words: the segment
    period: frozenset[str]      # the periods the opening names ("q2", "h1")
    segment: bool = False       # the part calls itself a segment ("Digital Media segment revenue")


@dataclass
class _Run:
    measure: str
    total: Mention
    prior: Mention | None
    period: frozenset[str]
    segmented: bool = False
    parts: list[Mention] = field(default_factory=list)
    priors: list[Mention | None] = field(default_factory=list)
    qualifiers: list[frozenset[str]] = field(default_factory=list)


class _Reader:
    def __init__(self, opts: dict, text: str, mentions: list[Mention]):
        measure = opts["measures"]
        self.total_head = compiled(f"(?i)^(?:(?:{opts['generic']})\\s+){{0,3}}(?P<w>{measure})\\b"
                                   f"(?!\\s+(?:{opts['qualifier_after']})\\s+\\S)")
        self.part_head = compiled(
            f"(?i)^(?:(?P<q>(?:[\\w.&'’/-]+\\s+){{1,4}}?)(?P<w>{measure})\\b"
            f"|(?P<w2>{measure})\\s+(?:{opts['qualifier_after']})\\s+\\S)")
        # a sentence opening holds one of the measure's words or it opens on none (derived: cannot drift)
        total_words, part_words = required_words(self.total_head.pattern), required_words(self.part_head.pattern)
        self.needs = tuple(sorted({*total_words, *part_words})) if total_words and part_words else ()
        self.generic = compiled(f"(?i)^(?:(?:{opts['generic']})\\s+)*$")
        self.level = compiled(f"(?i)(?:{opts['level_before']})\\s*$")
        self.prior = compiled(f"(?i)(?:{opts['prior_before']})\\s*$")
        self.more = compiled(f"(?i)\\band\\s+(?:[\\w.&'’/-]+\\s+){{1,3}}(?:{measure})\\s+(?:was\\s+|of\\s+)?$")
        # who reports the measure: the issuer ("Acme reported revenues of", "The company's revenues") or a
        # segment ("The Devices division generated revenue of", "The company's Pipes segment revenues")
        self.subject = compiled(
            f"(?i)^(?:(?:{opts['opening']})\\s+[^.;]{{3,60}}?,\\s*)?(?P<s>(?:[\\w.&()-]+\\s+){{0,5}}?[\\w.&()-]+?)"
            f"(?:['’]s?\\s+|(?:\\s*,[^,.;]{{1,60}},)?\\s+(?:{opts['reports']})\\s+)")
        self.segment_words = compiled(f"(?i)\\b(?:{opts['segment_words']})\\b")
        self.basis = compiled(f"(?i)\\b(?:{opts['basis']})\\b")
        self.periods = [(key, compiled(f"(?i)\\b(?:{words})\\b")) for key, words in opts["periods"].items()]
        # words that name one measure ("Revenues totaled ..." then "Non-driver product sales totaled ...")
        self.alike = {stem(w): stem(words.split()[0]) for words in opts.get("alike_measures", []) for w in words.split()}
        self.text = text
        self.by_id = {m.id: m for m in mentions}
        self.window = int(opts.get("window", 4000))

    def head(self, start: int, first: Mention) -> _Head | None:
        """How the sentence opens: on a total or a part of a measure, the part's qualifier, the period it names."""
        head = self.text[start:first.start]
        head = head[BULLET.match(head).end():]
        found = self._read(head)
        label = LABEL.match(head) if found is None else None
        # ("Q2 results: Revenue for the second quarter was ...": a label before the sentence proper)
        return self._read(head[label.end():]) if label else found

    def _read(self, head: str) -> _Head | None:
        low = head.lower()
        if self.needs and not any(word in low for word in self.needs):
            return None
        owner: frozenset[str] = frozenset()
        s = self.subject.match(head)
        if s and (self.total_head.match(head[s.end():]) or self.part_head.match(head[s.end():])):
            if self.segment_words.search(s.group("s")):
                owner = _words(s.group("s"))
            head = head[s.end():]
        t = self.total_head.match(head)
        p = None if t else self.part_head.match(head)
        if t is None and p is None:
            return None  # (most sentences: their periods are not read)
        period = frozenset(key for key, rx in self.periods if rx.search(head))
        if t:
            return _Head("part" if owner else "total", self.measure(t.group("w")), self.core(owner), period, bool(owner))
        measure = self.measure(p.group("w") or p.group("w2"))
        qualifier = _words(p.group("q") or head[p.end("w2"):])
        if not qualifier or p.group("q") is not None and self.generic.match(p.group("q")) \
                or self.basis.search(p.group("q") or ""):
            # "Second quarter revenues stood at ...": another period's total, not a segment; "Organic revenue
            # was ...": the total on another basis, which the parts after it make up
            return _Head("total", measure, frozenset(), period)
        return _Head("part", measure, self.core(qualifier), period, qualifier != self.core(qualifier))

    def measure(self, words: str) -> str:
        """The measure's stem, one for the words that name the same measure ("net sales", "revenues")."""
        last = stem(words.split()[-1])
        return self.alike.get(last, stem(words))

    def core(self, qualifier: frozenset[str]) -> frozenset[str]:
        """The qualifier's words less "segment", "division": what names the segment itself."""
        return frozenset(w for w in qualifier if not self.segment_words.fullmatch(w))

    def figures(self, sentence: list[Mention]) -> tuple[list[Mention], list[Mention | None]]:
        """The levels the sentence states (a second after "and service revenue"), and each one's prior figure."""
        levels: list[Mention] = []
        priors: list[Mention | None] = []
        for k, m in enumerate(sentence):
            before = self.text[max(0, m.start - 60): m.start]
            if k and RANGE.fullmatch(self.text, sentence[k - 1].end, m.start) \
                    and not CHANGE_BY.search(self.text, max(0, sentence[k - 1].start - 20), sentence[k - 1].start):
                continue  # "$4.75 billion to $4.78 billion" is a range, not a level ("by $3.0 million to" is)
            if outlook(m, self.by_id, self.text):
                continue  # an outlook's range adds up to nothing
            if levels and priors[-1] is None and self.prior.search(before):
                priors[-1] = m
            elif not levels and self.level.search(before) or levels and self.more.search(before):
                levels.append(m)
                priors.append(None)
        return levels, priors


def segments(rule, mentions: list[Mention], text: str = "", reading: Reading | None = None) -> list[Fact]:
    reading = reading or Reading(mentions, text)
    reader = _Reader(rule.options, text, mentions)
    marks = reading.bounds.sentence
    money = [m for m in mentions if m.cell is None and m.kind == "money"]
    facts: list[Fact] = []
    run: _Run | None = None
    for sentence in _sentences(money):
        kind = reader.head(sentence_start(marks, text, sentence[0].start), sentence[0])
        if run is not None and (sentence[0].start - run.total.end > reader.window or kind and kind.kind == "total"):
            facts += _close(rule, run, reading)
            run = None
        if kind is None:
            continue
        levels, priors = reader.figures(sentence)
        if not levels:
            continue
        if kind.kind == "total":
            run = _Run(kind.measure, levels[0], priors[0], kind.period)
        elif run is not None and _fits(run, kind, levels, reading):
            run.qualifiers.append(kind.qualifier)
            run.segmented = run.segmented or kind.segment
            run.parts += levels
            run.priors += priors
    if run is not None:
        facts += _close(rule, run, reading)
    return facts


def outlook(m: Mention, by_id: dict[int, Mention], text: str) -> bool:
    """An end of a range that is no change: "$3.0 billion to $3.1 billion" (not "by $3.0 million to $52.0 million")."""
    if m.range_with is None:
        return False
    other = by_id.get(m.range_with)
    first = other if other is not None and other.start < m.start else m
    return not CHANGE_BY.search(text, max(0, first.start - 20), first.start)


def sentence_start(marks: list[int], text: str, pos: int) -> int:
    """Where the sentence holding `pos` starts, past full stops of abbreviations (`marks`: Bounds.sentence)."""
    i = bisect_left(marks, pos)
    while i > 1 and ABBREVIATION.search(text, max(0, marks[i - 1] - 12), marks[i - 1] + 1):
        i -= 1
    return marks[i - 1] + 1 if i else 0


def _words(text: str) -> frozenset[str]:
    """Content words, abbreviations kept ("U.S.", which the subject reader drops as single letters)."""
    return frozenset(w for w in (stem(x.strip(".")) for x in text.split()) if w and w not in stop_words())


def _fits(run: _Run, kind: _Head, levels: list[Mention], reading: Reading) -> bool:
    """Is the sentence's part one of the run's? ("Digital Experience subscription revenue" after "Digital
    Experience revenue" is a part of a part, a second "Pump sales" the first again, and so is any unnamed part once the parts are named segments;
    "First half video revenues" after "Second quarter revenues" is another period's)"""
    return kind.measure == run.measure and not _within(kind.qualifier, run.qualifiers) \
        and not (run.segmented and not kind.segment) \
        and not (kind.period and run.period and kind.period != run.period) \
        and all(reading.subject(m).compatible(reading.subject(run.total)) for m in levels)


def _within(qualifier: frozenset[str], earlier: list[frozenset[str]]) -> bool:
    """A part of an earlier part ("Digital Experience subscription revenue" after "Digital Experience revenue"),
    or the same part again ("Pump sales excluding Asia" after "Pump sales": the one segment restated on
    another basis or for another scope, never a second segment)."""
    return any(q and q <= qualifier for q in earlier)


def _sentences(money: list[Mention]) -> list[list[Mention]]:
    out: list[list[Mention]] = []
    for m in money:
        if out and out[-1][0].sentence == m.sentence:
            out[-1].append(m)
        else:
            out.append([m])
    return out


def _close(rule, run: _Run, reading: Reading) -> list[Fact]:
    """The period's sum, and the prior period's when every figure gives one. Read from how sentences open, each
    is loose; but where one period's parts add up to its total, precisely (three digits or more), the other
    period's same parts must too: that binding is tight."""
    if len(run.parts) < 2:
        return []
    pairs = [(run.total, run.parts)]
    if run.prior is not None and all(p is not None for p in run.priors):
        pairs.append((run.prior, run.priors))
    adds_up = [_adds_up(total, parts, reading) for total, parts in pairs]
    facts = []
    for k, (total, parts) in enumerate(pairs):
        confirmed = len(pairs) == 2 and adds_up[1 - k]
        facts.append(_fact(rule, total, parts, "tight" if confirmed else "loose"))
    return [f for f in facts if f is not None]


def _adds_up(total: Mention, parts: list[Mention], reading: Reading) -> bool:
    if significant_digits(total) < 3:
        return False  # a rounded total ("$2.8 billion") holds a partial list as well
    lo, hi = reading.interval(total)
    intervals = [reading.interval(p) for p in parts]
    return sum(i[0] for i in intervals) <= hi and sum(i[1] for i in intervals) >= lo


def _fact(rule, total: Mention, parts: list[Mention], strength: str) -> Fact | None:
    if any(p.currency != total.currency for p in parts):
        return None
    roles = {"total": total.id, **{f"part_{n}": p.id for n, p in enumerate(parts, 1)}}
    return Fact(id=0, type=rule.type, rule=rule.id, roles=roles, sentence=total.sentence, strength=strength)

"""Changes stated in prose with neither of their figures, whose two figures an earlier sentence compares:
"Research expenses were $83.3 million, compared with $95.2 million a year earlier." then "The decrease in
research expenses of $11.9 million was primarily due to lower trial costs."

A figure its words call a change ("the decrease in ... of", "an increase of", "decreased by", "The $2.7 million
decrease in ...") that no other rule bound as a change, and that is not one a change is put down to ("driven by a $6.8 million
reduction in ...", an item of a list "as follows:" opens), is read against the sentences before it, its own
included, as far back as `reach` characters: each sentence that compares figures of one kind, currency and unit
("X compared with Y", "X versus Y", "to X from Y", "from Y to X", and the lists "X and Z, respectively, as compared with Y and
W") gives pairs of a new and an old figure (any of one side with any of the other; a figure its words call a
change is no level). The one pair whose difference is the change, in the direction its
word says and within the rounding of the three printings, and whose sentence names a word of the change's
clause (or is the sentence right before, where the clause names the change by its word alone: "The increase of
$0.1 million is attributable to ..."), is its pair: where none or several fit, nothing is bound. Two figures
"respectively" of two years the sentence names ("for the years ended December 31, 2024 and 2023 were $1.7
million and $1.6 million, respectively") are a pair too, the later year's the new figure. Found by arithmetic across sentences, the
binding is loose: it records the change for the fact sheet and flags only a mismatch a known slip explains.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict
from fractions import Fraction

import regex

from ..models import Fact, Mention
from ..rules import compiled
from .changevalues import significant
from .sumlists import ITEM_LINE
from .subjects import Reading, content_words, stem

KINDS = ("money", "price", "shares")
TO = regex.compile(r"(?i)\bto\b")
_YEARS = regex.compile(r"\b((?:19|20)\d\d)\s+and\s+((?:19|20)\d\d)\b")
_RESPECTIVELY = regex.compile(r"\s*,?\s*respectively\b")


def change_levels(rule, mentions: list[Mention], text: str, reading: Reading, facts: list[Fact]) -> list[Fact]:
    o = rule.options
    before, after = compiled(f"(?i)(?:{o['cue_before']})$"), compiled(f"(?i)(?:{o['cue_after']})")
    compared, from_word = compiled(f"(?i)\\b(?:{o['compared']})\\b"), compiled(r"(?i)\bfrom\s+[^.;:\d]{0,30}$")
    generic = {stem(w) for w in o.get("generic_words", [])}
    reach = int(o.get("reach", 3000))
    driver = compiled(f"(?i)\\b(?:{o['driver']})\\b")
    bound = {i for f in facts if f.type == "change" for i in f.roles.values()}
    prose = [m for m in mentions if m.cell is None and m.kind in KINDS and m.range_with is None]
    changes = []
    for m in prose:
        # (a change of one significant digit too, "The $0.8 million increase in ...": the one pair that fits, in a
        # sentence naming its words, binds it; a nil binds nothing)
        if m.id in bound or not significant(m):
            continue
        cue = before.search(text, max(0, m.start - 120), m.start) or after.match(text, m.end)
        if cue is not None and not _driver(text, reading.bounds.sentence_of(m.start, m.end)[0], m.start, driver):
            changes.append((m, bool(cue.group("up"))))
    if not changes:
        return []
    # (a change is no level: "NII of $50.6 million increased $2.3 million from NII of $48.3 million")
    cued = {m.id for m, _ in changes} | {i for f in facts if f.type == "change"
                                        for r, i in f.roles.items() if r not in ("to", "from", "said")}
    pairs = _pairs([m for m in prose if m.id not in cued], reading, compared, from_word)
    starts = [p[0] for p in pairs]
    out = []
    for m, up in changes:
        lo, hi = reading.bounds.sentence_of(m.start, m.end)
        clause = reading.bounds.clause_start(lo, m.start)
        named = set(content_words(text[clause:m.start] + " " + text[m.end:min(hi, m.end + 60)])) - generic
        if not named:
            continue
        # a change its clause names nothing of but its word ("The increase of $0.1 million is attributable to
        # ...") is the change between the figures the sentence right before compares, whatever it names
        after = reading.bounds.sentence_of(max(0, lo - 2), max(0, lo - 1))[0] \
            if not set(content_words(text[clause:m.start])) - generic else m.end
        fits = [(new, old) for at, sentence, new, old in pairs[bisect_left(starts, m.start - reach):
                                                                bisect_left(starts, m.end)]
                if m.id not in (new.id, old.id) and _key(new) == _key(m) and _gives(m, new, old, up, reading)
                and (named & set(content_words(sentence)) or at >= after)]
        if len(fits) == 1:
            new, old = fits[0]
            out.append(Fact(id=0, type=rule.type, rule=rule.id, sentence=m.sentence, strength="loose",
                            roles={"delta": m.id, "to": new.id, "from": old.id},
                            attributes={"dir": "increase" if up else "decrease"}))
    return out


def _driver(text: str, lo: int, start: int, driver) -> bool:
    """Whether the change is one a level's change is put down to ("driven by a $6.8 million reduction in ..."),
    in its sentence or as an item of the list a colon or such words open: a part of another change, never the
    change between two levels (one of those may move by the same amount only by chance)."""
    if driver.search(text, lo, start):
        return True
    line = text.rfind("\n", 0, start) + 1
    if not ITEM_LINE.match(text, line):
        return False
    before = text[max(0, line - 200):line].rstrip()
    return before.endswith(":") or driver.search(before[-40:]) is not None


def _key(m: Mention) -> tuple:
    return m.kind, m.currency, m.unit


def _pairs(prose: list[Mention], reading: Reading, compared, from_word) -> list[tuple[int, str, Mention, Mention]]:
    """Every (start, sentence's text, new, old) an earlier sentence compares: its figures of one kind split at
    the first comparison word between two of them, every figure of one side paired with every one of the other
    (their difference tells which pair a change is; "from" before the first side makes it the old one)."""
    text = reading.text
    by_sentence: dict[tuple, list[Mention]] = defaultdict(list)
    for m in prose:
        by_sentence[(m.sentence, *_key(m))].append(m)
    out = []
    for figures in by_sentence.values():
        if not 2 <= len(figures) <= 6:
            continue
        opened = from_word.search(text, max(0, figures[0].start - 40), figures[0].start) is not None
        split = next((k for k in range(1, len(figures))
                      if compared.search(text, figures[k - 1].end, figures[k].start)
                      or opened and TO.search(text, figures[k - 1].end, figures[k].start)), None)
        lo = reading.bounds.sentence_of(figures[0].start, figures[0].end)[0]
        if split is None:
            # two figures paired "respectively" with two years the sentence names before them ("for the years
            # ended December 31, 2024 and 2023 were $1.7 million and $1.6 million, respectively"): the later
            # year's is the new figure
            years = _YEARS.findall(text, lo, figures[0].start)
            if len(figures) != 2 or len(years) != 1 or not _RESPECTIVELY.match(text, figures[1].end):
                continue
            (a, b), split = (int(y) for y in years[0]), 1
            if a == b:
                continue
            opened = a < b  # (the earlier year first: the first figure is the old one)
        first, second = figures[:split], figures[split:]
        if opened:
            first, second = second, first
        sentence = text[lo:figures[-1].end]
        # every figure of one side with every one of the other: which pair a change is, its difference tells
        # ("X and Z, respectively, compared to Y and W"; "X rose from Y, and from W a year ago")
        out += [(new.start, sentence, new, old) for new in first for old in second]
    out.sort(key=lambda p: p[0])
    return out


def _gives(change: Mention, new: Mention, old: Mention, up: bool, reading: Reading) -> bool:
    """Whether new less old is the change, in the direction its word says, within every printing's rounding."""
    (nlo, nhi), (olo, ohi), (clo, chi) = reading.interval(new), reading.interval(old), reading.interval(change)
    low, high = (nlo - ohi, nhi - olo) if up else (olo - nhi, ohi - nlo)
    # (levels one unit of their last digit apart may differ by nothing within their rounding, "$1.7 million and
    # $1.6 million" a change of $0.1 million: no more than that is asked of their direction)
    return low >= Fraction(0) and high > Fraction(0) and clo <= high and low <= chi

"""Two sentences of one template told of two things are two figures, not one said twice.

"The Americas segment reported adjusted EBITDA of $12.4 million" and "The EMEA segment reported adjusted EBITDA
of $14.2 million"; "At the North mine, ..." and "At the South mine, ..."; "the first tranche" and "the second
tranche"; "The 2023 study used" and "The updated study uses": the words before the two figures are one wording
but for a word that names which thing (a proper noun, an ordinal, a year, or a word a release tells one
version from another by). Bindings that join two figures by their names or places alone (`by: subject`,
`phrase`, `misprint`, `parallel`: chosen, not equal) take no such pair: their digits one slip apart is chance.

Only the words of the two sentences up to each figure are compared (what is told of, before it), figures
left out: the two paragraphs of one template print other figures of their own.
"""

from __future__ import annotations

from difflib import SequenceMatcher

import regex

from ..models import Fact, Mention
from ..rules import lexicon
from .subjects import Reading, stem, stop_words

_TOKEN = regex.compile(r"[A-Za-z][A-Za-z'’&-]*|\b(?:19|20)\d{2}\b")
_ORDINALS = frozenset("first second third fourth fifth sixth seventh eighth ninth tenth".split())
# words that tell one version of a thing from another ("the updated study", "the original plan")
_VERSIONS = frozenset("updated original previous prior new revised initial".split())
# the bindings chosen by name or place among figures whose values differ
LOOSE = frozenset({"subject", "phrase", "misprint", "parallel"})
_PERIODS = frozenset("quarter year fiscal full q1 q2 q3 q4 fy h1 h2 first half nine six twelve three months".split())
# a capitalised word that names no thing of its own: the first word of a sentence, months (the lexicon's), units
_PLAIN = frozenset("the a an at in on for of and or by with as to from its their our this that these those "
                   "us".split()) | frozenset(lexicon()["months"])


def _words(m: Mention, reading: Reading) -> list[str]:
    lo, _ = reading.bounds.sentence_of(m.start, m.end)
    return [t.group() for t in _TOKEN.finditer(reading.text, lo, m.start)]


def _names_a_thing(word: str, first: bool) -> bool:
    low = word.lower()
    if low in _ORDINALS or low in _VERSIONS or word[0].isdigit():
        return True
    return not first and word[0].isupper() and low not in _PLAIN


def told_of_others(x: Mention, y: Mention, reading: Reading) -> bool:
    """Whether the two figures' sentences are one wording about two things: a word naming a thing stands in
    one where the other has another such word, the rest mostly alike; or each opens with a proper noun, not
    the same."""
    if x.cell is not None or y.cell is not None:
        return False
    if classes_apart(classes(x, reading), classes(y, reading)):
        return True  # ("$0.0035 per share of common stock" and "$0.0305 per share of Series A Preferred Stock")
    a, b = _words(x, reading), _words(y, reading)
    if not a or not b or a == b or _titled(a) or _titled(b):
        return False
    sa, sb = _subject(a), _subject(b)
    if sa and sb and not sa & sb:
        return True  # "Northgate Systems closed its acquisition ..." and "Delta Labs generated revenue of"
    match = SequenceMatcher(None, [w.lower() for w in a], [w.lower() for w in b], autojunk=False)
    if match.ratio() < 0.6:
        return False  # two wordings: which thing each tells of is not read from their difference
    for op, i1, i2, j1, j2 in match.get_opcodes():
        if op != "replace":
            continue
        if any(_names_a_thing(a[i], i == 0) for i in range(i1, i2)) \
                and any(_names_a_thing(b[j], j == 0) for j in range(j1, j2)):
            return True
    return False


def _subject(words: list[str]) -> frozenset[str]:
    """The proper noun a sentence opens with, its subject ("Delta Labs generated"): two capitalised words or
    more, none a period's or a plain word; empty when the sentence opens otherwise ("Revenue was", "The
    Company")."""
    run = []
    for w in words:
        if not w[0].isupper() or w.lower() in _PLAIN or w.lower() in _ORDINALS or w.lower() in _PERIODS:
            break
        run.append(w.lower())
    return frozenset(run) if len(run) >= 2 else frozenset()


def _titled(words: list[str]) -> bool:
    """A headline's words, capitalised whatever they are: which of them name a thing is not read from case."""
    return sum(w[0].isupper() for w in words) * 2 > len(words)


# a capitalised word with the letter or number that picks one of its kind ("Series A", "Class B", "Phase 2")
_WORD = regex.compile(r"\w")
_THING = regex.compile(r"\b[A-Z][A-Za-z'’&-]*(?:\s+(?:[A-Z]|\d{1,2})\b(?![.,]\d))?")


def things(m: Mention, reading: Reading, own: frozenset[str]) -> frozenset[str]:
    """The things a prose figure's sentence names by name: its capitalised words and designators ("the Cedar
    Draw field", "the Series A debentures"), the sentence's first word, plain and stop words, a dateline's or an
    acronym's capitals and the release's own name (`own`) left out; none in a title-case line."""
    lo, hi = reading.bounds.sentence_of(m.start, m.end)
    found = list(_THING.finditer(reading.text, lo, hi))
    if _titled(reading.text[lo:hi].split()):
        return frozenset()
    stop, out = stop_words(), set()
    for t in found:
        word, first = t.group(), not _WORD.search(reading.text, lo, t.start())
        low = " ".join(word.lower().split())
        head = low.split()[0]  # ("May 8" is a day, not a designator)
        if head in _PLAIN or stem(head) in stop or head in _PERIODS or " " not in low \
                and (first or word.isupper() or stem(low) in own):
            continue
        out.add(low)
    return frozenset(out)


def named_apart(y: Mention, printings: list[Mention], reading: Reading, own: frozenset[str]) -> bool:
    """Whether a figure's sentence names things by name and the sentences of a value's printings name others,
    none of them its: two fields, two series, two projects ("a 51% interest in the Cedar Draw field" beside
    "a 15% interest in the Bluestem field"), whatever their digits."""
    mine = classes(y, reading)
    if printings and classes_apart(mine, frozenset().union(*(classes(x, reading) for x in printings))):
        return True  # ("the $0.0205 per share cash dividend on the Series B preferred stock" beside the common's)
    mine = things(y, reading, own)
    if not mine:
        return False
    theirs = frozenset().union(*(things(x, reading, own) for x in printings))
    return bool(theirs) and mine.isdisjoint(theirs)


# an instrument or class of one named right after a figure, in its clause: "$0.0305 per share of Series A Preferred
# Stock", "the $0.0205 per share cash dividend on the Series B preferred stock", "$0.0205 per warrant"
_CLASS = regex.compile(r"(?i)\b(?:(?:series|class|tranche)\s+(?-i:[A-Z]{1,2}|\d{1,2})\b|(?P<kind>preferred|common"
                       r"|ordinary|warrants?|units?|notes?|debentures?|bonds?|subscription\s+receipts?)\b)")
# classes a figure names that are the plain one, or its measure ("per unit"): no other instrument when alone
_PLAIN_CLASSES = frozenset({"common", "ordinary", "unit"})
# how far after a figure its class is read, up to its clause's end or the next figure
CLASS_REACH = 80


def classes(m: Mention, reading: Reading) -> frozenset[str]:
    """The instruments or classes a prose figure's words name after it, up to its clause's end, the next figure
    or `CLASS_REACH` ("series a", "preferred", "warrant"); a plural read as its singular."""
    text, after = reading.text, reading.neighbours(m)[1]
    hi = min(reading.bounds.clause_end(m.end), m.end + CLASS_REACH)
    if after is not None:
        hi = min(hi, max(m.end, after.start))
    out = set()
    for t in _CLASS.finditer(text, m.end, hi):
        word = " ".join(t.group().lower().split())
        out.add(word[:-1] if t.group("kind") and word.endswith("s") else word)
    return frozenset(out)


def classes_apart(a: frozenset[str], b: frozenset[str]) -> bool:
    """Whether two figures' classes (`classes`) tell two instruments: each names one the other lacks ("common" and
    "series a preferred"), or one names none and the other one no plain class or measure is ("preferred",
    "series b", "warrant"; not "unit" or "common")."""
    if not a or not b:
        return bool((a or b) - _PLAIN_CLASSES)
    return not (a <= b or b <= a)


def keep_same_things(facts: list[Fact], by_id: dict[int, Mention], reading: Reading) -> list[Fact]:
    """The facts less the loose ones that join figures told of two things."""
    return [f for f in facts
            if f.attributes.get("by") not in LOOSE or not told_of_others(by_id[f.roles["a"]], by_id[f.roles["b"]], reading)]

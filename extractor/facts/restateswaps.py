"""What tells two prose figures apart where their digits alone would make them one figure misprinted.

Two figures of two digits, one the other's digits swapped ("46%" and "64%"), are far more often two figures
than one figure said twice with a slip: two cohorts, two fields, two share classes, a quarter and the year, this
season and the last. So a swap in two digits binds only where nothing around the two figures tells them apart
(`swapped_apart`):

- numbered things of their own on both sides ("Phase 2 study of QH-12" and "Phase 3 study of QH-40",
  `told_apart`);
- a period in one sentence the other does not name alike: a quarter and a fiscal year, nine months and a
  quarter, "last year", "the prior season", "a year earlier", or a period named on one side only;
- a name of its own in either sentence: a capitalised word (not opening the sentence, not the headline's, not a
  month) the other sentence lacks, a letter label ("Cohort A" and "Cohort B", "Class A" and "Class B") or a
  name in capitals ("the ORION study") among them.

Two figures told twice in the same words one digit apart (`told_twice`) are two things when the words before one
run to its sentence's start naming nothing more and the other's name a modifier of its own ("Revenue was" and
"Total revenue was", `_parted`), or when one is told as another ("Separately", "also").

A scale slip between round figures (one significant digit) asks for one wording around both
(`same_wording`): "a $7 million order under the program" and "the program's $7 billion ceiling" are two.

A bound said twice in the same words ("up to 4,500,000 shares") is one figure, but not when one of the two caps
something per day, per project or each (`other_bounds`): "up to 4,500 shares on any trading day" is another
bound than the bid's total.
"""

from __future__ import annotations

from functools import lru_cache

import regex

from ..document import headline_end
from ..models import Mention
from ..rules import lexicon
from .subjects import Reading, stem, stop_words

# a numbered thing: letters and digits in one word ("QH-12", "S3") or a capitalised word and its number ("Phase 2"),
# a year's digits left out (a period, read apart)
_NUMBERED = regex.compile(r"[A-Za-z][\w-]*\d[\w-]*|\d[\w-]*[A-Za-z][\w-]*|[A-Z][a-z]+\s\d+\b")
_YEAR = regex.compile(r"(?:19|20)\d\d")
# how far either side of a figure, within its sentence, the words telling which thing it is are read
_APART = 60
# the words naming a period or another period than the release's own ("year-over-year" names none)
_PERIOD = regex.compile(r"(?i)\b(?:fiscal|fy\d*|quarters?|q[1-4]|h[12]|half|months?|seasons?|years?|annual|ytd|"
                        r"last|prior|previous|preceding|earlier|ago|first|second|third|fourth|three|six|nine|"
                        r"twelve|(?:19|20)\d\d)\b")
_YEAR_ON_YEAR = regex.compile(r"(?i)\byear[- ](?:over|on|to)[- ](?:year|date)\b")
# a capitalised word: a name of its own, a letter label ("A"), a name in capitals ("ORION")
_CAPITAL = regex.compile(r"\b[A-Z][\w&-]*")
_WORD = regex.compile(r"[\w&-]+")
_LETTER = regex.compile(r"[A-Za-z]")
# a cap on each day, project or holder: another bound than a total ("up to 4,500 shares on any trading day")
# (a price "per share" caps nothing: it follows a tender offer's share count), read in the words right after
_DISTRIBUTIVE = regex.compile(r"(?i)\b(?:per|each|every|any|a)\s+(?:trading\s+|business\s+|calendar\s+)?(?:day|week|"
                              r"month|year|project|site|person|holder|account|transaction)\b|\b(?:daily|weekly|monthly|"
                              r"apiece)\b")
_CAP_REACH = 80


def told_apart(x: Mention, y: Mention, reading: Reading) -> bool:
    """Whether the words around two figures name two numbered things, each its own ("95 patients enrolled in the
    Phase 2 study of QH-12" and "59 patients enrolled in the Phase 3 study of QH-40"): words bearing digits on
    both sides, none in common (the figures themselves and years left out)."""
    text, marks = reading.text, []
    for m in (x, y):
        lo, hi = reading.bounds.sentence_of(m.start, m.end)
        marks.append({w for w in _NUMBERED.findall(text[max(lo, m.start - _APART):m.start] + " "
                                                    + text[m.end:min(hi, m.end + _APART)]) if not _YEAR.search(w)})
    return bool(marks[0] and marks[1]) and marks[0].isdisjoint(marks[1])


def swapped_apart(x: Mention, y: Mention, reading: Reading) -> bool:
    """Whether two figures a swap in two digits relates are told apart by a numbered thing, a period or a name
    one sentence holds and the other does not (see the module's docstring)."""
    if told_apart(x, y, reading):
        return True
    text = reading.text
    sentences = [text[slice(*reading.bounds.sentence_of(m.start, m.end))] for m in (x, y)]
    periods = [{p.lower() for p in _PERIOD.findall(_YEAR_ON_YEAR.sub(" ", s))} for s in sentences]
    if periods[0] != periods[1]:
        return True
    head = reading.of_text(_headline_words)
    plain = _plain()
    for own, other in ((sentences[0], sentences[1]), (sentences[1], sentences[0])):
        words = set(_WORD.findall(other))
        for name in _CAPITAL.finditer(own):
            word = name.group(0)
            if _LETTER.search(own, 0, name.start()) and word not in words and word.lower() not in head \
                    and word.lower() not in plain:
                return True
    return False


def _headline_words(text: str) -> frozenset[str]:
    """The headline's words, lower-cased (read once a release, `Reading.of_text`)."""
    return frozenset(w.lower() for w in _WORD.findall(text[:headline_end(text)]))


@lru_cache(maxsize=1)
def _plain() -> frozenset[str]:
    """Capitalised words that name no thing of their own: months."""
    return frozenset(str(m).lower() for m in lexicon()["months"])


def other_bounds(x: Mention, y: Mention, reading: Reading) -> bool:
    """Whether two figures under a bound cap two things: one a total, the other a cap on each day, project or
    holder ("up to 4,500,000 shares" and "up to 4,500 shares on any trading day")."""
    if not (x.qualifier or y.qualifier):
        return False
    text = reading.text
    return len({bool(_DISTRIBUTIVE.search(text, m.end, min(m.end + _CAP_REACH,
                                                             reading.bounds.sentence_of(m.start, m.end)[1])))
                for m in (x, y)}) > 1


# the leading words of a headline, which may open a company's name ("Apex Federal Named to ...")
_HEAD_WORDS = regex.compile(r"[A-Z][\w&'’-]*")
# how many leading words of the headline a company's name may hold
_NAME_WORDS = 4


def own_name(text: str) -> frozenset[str]:
    """The stems of the release's own name: the longest run of the headline's leading capitalised words (up to
    four) the body prints too, as written ("Apex Federal Named to ..." and "Apex Federal has been named"). Two
    figures' names sharing only the company's words name two things of one company (read once per release,
    `Reading.of_text`)."""
    end = headline_end(text)
    if not end:
        return frozenset()
    words = []
    for w in text[:end].split():
        if not _HEAD_WORDS.fullmatch(w) or len(words) == _NAME_WORDS:
            break
        words.append(w)
    body = text[end:]
    while words and " ".join(words) not in body:
        words.pop()
    return frozenset(stem(w) for w in words)


# the words right before a figure that, alike before two figures, make one wording of them
_BEFORE_WORDS = 3


def same_wording(x: Mention, y: Mention, reading: Reading, after: tuple[frozenset[str], frozenset[str]]) -> bool:
    """Whether two figures are worded alike: the phrase one modifies holds the other's (`after`, the words each
    modifies: "a €20 billion infrastructure investment program" and "our €20 billion investment program"), or the
    same three words stand right before both ("Group Raises $90 million" twice). Round figures of one name a
    thousand apart are two things unless so worded ("a $7 million order" and "a $7 billion program")."""
    if after[0] and after[1] and (after[0] <= after[1] or after[1] <= after[0]):
        return True
    text = reading.text
    before = [_WORD.findall(text, max(0, m.start - 60), m.start)[-_BEFORE_WORDS:] for m in (x, y)]
    return len(before[0]) == _BEFORE_WORDS and [w.lower() for w in before[0]] == [w.lower() for w in before[1]]


# the words either side of a figure, camel case split ("80% CompleteThe Connection Drift": a heading run into its
# paragraph), read on its line and in its sentence, and how many of them are read
_TOLD = regex.compile(r"[A-Z]?[a-z][a-z'’-]*|[A-Z]+(?![a-z])|\d[\d,.]*")
_TOLD_WORDS = 12
_TOLD_REACH = 120


def told_words(m: Mention, reading: Reading) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The words right before a figure (nearest first) and right after it, stemmed, to the end of its line and
    sentence: how the release tells it (read once a figure)."""
    said = reading.derived(_told)
    if m.id not in said:
        text = reading.text
        lo, hi = reading.bounds.sentence_of(m.start, m.end)
        lo = max(lo, m.start - _TOLD_REACH, text.rfind("\n", 0, m.start) + 1)
        line = text.find("\n", m.end)
        hi = min(hi, m.end + _TOLD_REACH, len(text) if line < 0 else line)
        before = tuple(stem(t) for t in _TOLD.findall(text, lo, m.start))[::-1][:_TOLD_WORDS]
        after = tuple(stem(t) for t in _TOLD.findall(text, m.end, hi))[:_TOLD_WORDS]
        said[m.id] = (before, after)
    return said[m.id]


def _told(_mentions) -> dict:
    """Each figure's words either side, kept for the release."""
    return {}


def told_alike(x: Mention, y: Mention, reading: Reading) -> tuple[int, int]:
    """How many words two figures share right before them and right after them, read outward from each figure
    ("the target annual production of 26,000 tonnes of CSPG" and "Target annual production of 26,800 tonnes of
    CSPG": 3 and 3)."""
    runs = []
    for side in (0, 1):
        a, b = told_words(x, reading)[side], told_words(y, reading)[side]
        n = 0
        while n < min(len(a), len(b)) and a[n] == b[n]:
            n += 1
        runs.append(n)
    return runs[0], runs[1]


# how many words two figures told twice share either side (one at least on each), and how many of those words
# name something (no stop word, no figure): "by 28% compared to the same period" and "by 24% compared to the
# same period" share words that name nothing
_TOLD_LEAST = 3
_TOLD_NAMING = 2


def told_twice(x: Mention, y: Mention, reading: Reading, least: int = 0) -> bool:
    """Whether two figures are one figure told twice in the same words: the words right before both and right
    after both are the same (a word at least each side, three in all, two of them naming something: "target
    annual production of 26,000 tonnes of CSPG" twice), and nothing around either tells them apart: numbered
    things of their own (`told_apart`), a name of its own on both sides ("Segment A" and "Segment B") or a period
    named on one side only or otherwise on each; `least`: how many words before both must be alike, two of
    them naming something, where no name binds the two ("Results included $28.5 million of" and "Results
    included $28.1 million of" are the year's and the quarter's)."""
    before, after = told_alike(x, y, reading)
    if not before or not after or before + after < _TOLD_LEAST:
        return False
    words, other = told_words(x, reading), told_words(y, reading)
    stop = stop_words()
    naming = [w for w in words[0][:before] + words[1][:after] if _naming(w, stop)]
    if len(naming) < _TOLD_NAMING or told_apart(x, y, reading) \
            or before < least or sum(1 for w in words[0][:before] if _naming(w, stop)) < min(least, _TOLD_NAMING):
        return False
    around = [_around(m, reading) for m in (x, y)]
    # a headline's title case names nothing of its own, and its figure is the release's: a period said in the
    # body only is the headline's too, and the body names its details freely
    title = [_title_case(a) for a, _ in around]
    if not any(title) and (_parted(words[0], other[0], before, [o for _, o in around], reading)
                           or _another(words[0]) != _another(other[0]) or _neighbours_differ(x, y, reading)
                           or min(x.start, y.start) >= reading.of_text(_opening) and not _neighbours_agree(x, y, reading)
                           or parallel_sections(x, y, reading)):
        # the same words told of two things named right before them ("the bank's", "the group's"; "Total" or
        # "Consolidated" before one only, the other's words running to its sentence's start), one told as
        # another ("Separately", "also"), or of two
        # things a list tells in turn, the figures beside them differing; and in the body, away from the
        # headline and its subheads, one figure said twice keeps a neighbour that agrees, and stands under no
        # heading worded like the other's ("North segment" and "South segment": two sections told alike)
        return False
    plain = _plain()
    periods = [{p.lower() for p in _PERIOD.findall(_YEAR_ON_YEAR.sub(" ", a))}
               | {w.lower() for w in _WORD.findall(a) if w.lower() in plain} for a, _ in around]
    if periods[0] != periods[1] and not any(t and not p for t, p in zip(title, periods)):
        return False
    if any(title):
        return True
    # a name either side that the other lacks, as written ("Series I" and "Series J", "FT Unit Broker Warrant"),
    # the headline's names left out (the release's own)
    words, head = [set(_WORD.findall(a)) for a, _ in around], reading.of_text(_headline_words)
    names = [{w.group(0) for w in _CAPITAL.finditer(a) if not (opening and not _LETTER.search(a, 0, w.start()))
              and w.group(0).lower() not in plain and w.group(0).lower() not in head} for a, opening in around]
    return not (names[0] - words[1] or names[1] - words[0])


def _parted(a: tuple[str, ...], b: tuple[str, ...], before: int, opening: list[bool], reading: Reading) -> bool:
    """Whether the words right before two figures (nearest first, `before` of them alike) part on two things:
    the next word of each names one ("the bank's" and "the company's"), or one side's words run to the start of
    its sentence naming nothing more (joining words, the release's own name, who tells it: "The ratio was",
    "Apex said the ratio was") and the other's go on with a word naming something ("Total revenue was",
    "Consolidated common equity tier 1 ratio was", "Excluding the divested unit, revenue of")."""
    if before < min(len(a), len(b)) and _thing(a[before]) and _thing(b[before]):
        return True
    own = reading.of_text(own_name)
    rests = [[w for w in side[before:] if _thing(w) and w not in own and w not in _TELLING] for side in (a, b)]
    # (the other's words right before the shared ones, to a joining word: what modifies the name; "Forward-looking
    # statements include the target production" tells the same target)
    adjacent = [any(w not in own and w not in _TELLING for w in _run(side[before:])) for side in (a, b)]
    return any(opens and len(side) < _TOLD_WORDS and not rest and other
               for side, opens, rest, other in zip((a, b), opening, rests, adjacent[::-1]))


def _run(words: tuple[str, ...]) -> list[str]:
    """The words up to the first that joins (nearest first)."""
    out = []
    for w in words:
        if not _thing(w):
            break
        out.append(w)
    return out


def named_apart(x: Mention, y: Mention, reading: Reading, things: bool = True) -> bool:
    """Whether the words right before two figures part on two things ("The trial enrolled", "the company enrolled";
    asked with `things` only: before a list they name it) or one is told as another ("Separately")."""
    (before, _), a, b = told_alike(x, y, reading), told_words(x, reading)[0], told_words(y, reading)[0]
    parted = things and before < min(len(a), len(b)) and _thing(a[before]) and _thing(b[before])
    return parted or _another(a) != _another(b)


# the words that tell who tells a figure, naming no thing of its own ("Apex said the project is 85% complete")
_TELLING = frozenset(("said", "say", "report", "reported", "announced", "noted", "stated", "added", "today"))


# the words that tell of another thing of the same name ("Separately, it received an order valued at")
_ANOTHER = frozenset(("separately", "also", "another", "second", "additional", "further", "other"))


def _another(before: tuple[str, ...]) -> frozenset[str]:
    """The words telling of another thing among the words right before a figure."""
    return _ANOTHER.intersection(before)


def _neighbours_differ(x: Mention, y: Mention, reading: Reading) -> bool:
    """Whether the figures right before both, or right after both, differ where they stand in the two figures'
    sentences or are told alike themselves: two things a list tells in turn ("a dividend of $12.50 per share
    (equivalent to $0.3125 ...)" and "of $12.00 per share (equivalent to $0.30 ...)"), two lists told alike of
    two periods ("price up 9%. ... volume increasing nearly 20%" for the quarter, "price up 7%. ... nearly 10%"
    for the year); one figure said twice keeps its neighbours."""
    sides = [reading.neighbours(m) for m in (x, y)]
    for side in (0, 1):
        a, b = sides[0][side], sides[1][side]
        if a is None or b is None or a is b or (a.kind, a.unit, a.value) == (b.kind, b.unit, b.value):
            continue
        if a.sentence == x.sentence and b.sentence == y.sentence or a.kind == b.kind and sum(told_alike(a, b, reading)) >= 2:
            return True
    return False


def _neighbours_agree(x: Mention, y: Mention, reading: Reading) -> bool:
    """Whether the figures right before both, or right after both, in their sentences agree ("26,000 tonnes of
    CSPG and 19,000 tonnes of fines" in the highlights and in the forward-looking statements)."""
    sides = [reading.neighbours(m) for m in (x, y)]
    return any(a is not None and b is not None and a is not b and a.sentence == x.sentence and b.sentence == y.sentence
               and (a.kind, a.unit, a.value) == (b.kind, b.unit, b.value) for a, b in zip(*sides))


# a heading line: a few words, no closing stop, no bullet; how far back one is looked for, in lines
_HEADING = regex.compile(r"[^\n\-*•|]{2,60}(?<![.;:,])")
_HEADING_REACH = 12


def _heading(m: Mention, reading: Reading) -> frozenset[str] | None:
    """The words of the nearest heading line above a figure's line, stemmed; None when none is near."""
    text = reading.text
    at = text.rfind("\n", 0, m.start)
    for _ in range(_HEADING_REACH):
        if at <= 0:
            return None
        start = text.rfind("\n", 0, at) + 1
        line = text[start:at].strip()
        if line and _HEADING.fullmatch(line) and len(line.split()) <= 8:
            return frozenset(stem(w) for w in _WORD.findall(line))
        at = start - 1
    return None


def parallel_sections(x: Mention, y: Mention, reading: Reading) -> bool:
    """Whether two figures stand under two headings worded alike but not the same ("Fourth quarter highlights"
    and "Full year highlights"): two sections told alike of two things or periods."""
    heads = [_heading(m, reading) for m in (x, y)]
    return heads[0] is not None and heads[1] is not None and heads[0] != heads[1] and not heads[0].isdisjoint(heads[1])


# how many lines open a release: its headline and subheads
_OPENING_LINES = 3


def _opening(text: str) -> int:
    """Where the release's opening lines (headline and subheads, the first three lines with words) end (read
    once a release, `Reading.of_text`)."""
    at, lines = 0, 0
    while lines < _OPENING_LINES:
        end = text.find("\n", at)
        if end < 0:
            return len(text)
        lines += bool(text[at:end].strip())
        at = end + 1
    return at


def _around(m: Mention, reading: Reading) -> tuple[str, bool]:
    """The words of a figure's sentence within reach either side of it, the figure left out, and whether they
    open the sentence or its line (whose first word is capitalised as any is)."""
    lo, hi = reading.bounds.sentence_of(m.start, m.end)
    text = reading.text
    start = max(lo, m.start - _TOLD_REACH, text.rfind("\n", 0, m.start) + 1)
    return text[start:m.start] + " " + text[m.end:min(hi, m.end + _TOLD_REACH)], start == lo or text[start - 1] == "\n"


def _naming(word: str, stop: frozenset[str]) -> bool:
    """A word that names something: no stop word, no figure, no letter alone."""
    return word[0].isalpha() and len(word) > 1 and word not in stop


# the words that tell no thing of their own where the same words before two figures part: articles, pronouns,
# prepositions and the verbs that join ("the bank's" and "the company's" part on two things; "of the" and "of
# all" do not)
_JOINING = frozenset("the a an of for to in on at by with and or its our their his her this that these those from "
                     "as is was were are be been has have had which who whose you we it all any each if".split())


def _thing(word: str) -> bool:
    """A word naming a thing where the same words before two figures part ("bank" and "company")."""
    return word[0].isalpha() and len(word) > 1 and word not in _JOINING


def _title_case(text: str) -> bool:
    """Whether most words of a stretch are capitalised: a headline's title case."""
    words = _WORD.findall(text)
    return len(words) >= 3 and 2 * sum(w[0].isupper() for w in words) > len(words)

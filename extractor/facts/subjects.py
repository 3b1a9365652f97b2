"""What a figure measures, and for which period: the words that name it and the years and quarters around it.

"Net income attributable to GE HealthCare was $720 million" names its figure by the words before it; a table
cell by its row label. The period is read from the sentence (prose) or the column header (a cell). Fact
mechanisms that relate figures across sentences (restatements, margins) compare these, never the values.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from functools import cached_property, lru_cache
from typing import Callable, TypeVar

import regex

from ..document import continues_line, headline_end  # noqa: F401 (the facts' name for it)
from ..intervals import exact
from ..models import Fact, Mention
from ..rules import lexicon

# the standard `re` (ASCII letters only: nothing `regex` adds): it reads every clause before a figure, and on
# such short texts finds the words in two thirds of the time
WORD = re.compile(r"[A-Za-z][A-Za-z&'’-]*")
YEAR = regex.compile(r"(?:\b|(?<=\bFY))(?:19|20)\d{2}\b")
# a year printed in two digits after a fiscal year or a quarter's or half's name ("FY25", "Q3'24", "3Q24", "1H25")
SHORT_YEAR = regex.compile(r"(?i)(?:\bFY\s*'?|\b(?:Q[1-4]|[1-4]Q|H[12]|[12]H)\s*'|\b(?:[1-4]Q|[12]H)(?=\d))(\d{2})\b")
QUARTER = regex.compile(
    r"(?i)\b(?:q([1-4])|([1-4])q|(first|second|third|fourth)[\s-]+quarter|(?:(three|3)\s+months|quarter)\s+ended\s+(\w+))")
FULL_YEAR = regex.compile(r"(?i)\b(?:full[\s-]year|fiscal\s+year|(?:twelve|12)\s+months|year\s+ended|annual|FY)\b"
                          r"|\bFY(?=\s*'?\d{2}\b)")
# a fiscal year that only names the year a quarter belongs to ("fiscal year 2025 third quarter", "Q3 FY25", "the
# third quarter of fiscal year 2025"): the quarter's span, not the full year's
_QUARTER_OF_YEAR = regex.compile(
    r"(?i)\b(?:fiscal\s+year|FY)\s*'?(?:(?:19|20)?\d{2})?[\s,-]*(?:q[1-4]|[1-4]q|(?:first|second|third|fourth)[\s-]+quarter)\b"
    r"|\b(?:q[1-4]|[1-4]q|(?:first|second|third|fourth)[\s-]+quarter)(?:\s+of)?(?:\s+the)?[\s,-]+(?:fiscal\s+year|FY)")
ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4}
QUARTER_END = {"mar": 1, "jun": 2, "sep": 3, "dec": 4}
CLAUSE_START = regex.compile(r"[.;:!?](?=\s)|\n")
AFTER_WORDS = regex.compile(r"\s*((?:[A-Za-z][\w-]*\s*){0,3})")


@dataclass(frozen=True)
class Subject:
    words: tuple[str, ...]        # content words, in text order
    years: frozenset[str]
    quarters: frozenset[int]
    full_year: bool

    def compatible(self, other: "Subject") -> bool:
        """Could the two figures be for the same period? (no year, quarter or quarter-vs-year clash)"""
        if self.years and other.years and not self.years & other.years:
            return False
        if self.quarters and other.quarters and not self.quarters & other.quarters:
            return False
        return not (self._quarter_only and other._year_only or self._year_only and other._quarter_only)

    def meets(self, years: frozenset[str], quarters: frozenset[int]) -> bool:
        """Whether a period named elsewhere (its years and quarters) may be this one: no year, no quarter clash."""
        return not (years and self.years and not years & self.years
                    or quarters and self.quarters and not quarters & self.quarters)

    def names_only(self, years: frozenset[str], quarters: frozenset[int]) -> bool:
        """Whether this names exactly that period, of one year."""
        return len(years) == 1 and self.years == years and self.quarters == quarters

    @property
    def _quarter_only(self) -> bool:
        return bool(self.quarters) and not self.full_year

    @property
    def _year_only(self) -> bool:
        return self.full_year and not self.quarters


@lru_cache(maxsize=16384)  # the same words recur across a release and across releases
def stem(word: str) -> str:
    w = _normal(word)
    head, _, tail = w.rpartition("-")
    if head and tail in compound_tails() and _plain_stem(head) not in stop_words():
        # ("stock-based compensation" names the stock compensation a sentence names; "share-based" stays whole,
        # "share" naming nothing)
        return _plain_stem(head)
    return _plain_stem(w)


def _normal(word: str) -> str:
    return word.lower().replace("’", "'").removesuffix("'s").strip("'-")


def _plain_stem(w: str) -> str:
    """A lower-case word without its plural "s" (the stop words are read so: `stem` asks them of a compound)."""
    return w[:-1] if len(w) > 3 and w.endswith("s") and not w.endswith("ss") else w


@lru_cache(maxsize=1)
def compound_tails() -> frozenset[str]:
    """The words a hyphenated compound ends with that add nothing to the word before them ("stock-based")."""
    return frozenset(str(lexicon().get("compound_tails", "")).split())


@lru_cache(maxsize=1)
def stop_words() -> frozenset[str]:
    return frozenset(_plain_stem(_normal(w)) for w in str(lexicon().get("subject_stop_words", "")).split())


@lru_cache(maxsize=64)  # a rule's word lists, read for every release
def stems(text: str) -> frozenset[str]:
    return frozenset(stem(w) for w in text.split())


@lru_cache(maxsize=8192)  # row labels, column headers and short clauses repeat across a release
def content_words(text: str) -> tuple[str, ...]:
    stop = stop_words()
    return tuple(w for w in (stem(x) for x in WORD.findall(text)) if w and w not in stop and len(w) > 1)


@lru_cache(maxsize=8192)
def period_of(text: str) -> tuple[frozenset[str], frozenset[int], bool]:
    # Asked of every clause before every figure: each pattern runs only where the letters it needs are (a quarter
    # is named with a "q" or by its months, a year by "19" or "20", a full year by one of its words).
    low = text.lower()
    quarters = set()
    for q in QUARTER.finditer(text) if "q" in low or "month" in low else ():
        if q.group(1) or q.group(2):
            quarters.add(int(q.group(1) or q.group(2)))
        elif q.group(3):
            quarters.add(ORDINALS[q.group(3).lower()])
        elif q.group(5) and q.group(5).lower()[:3] in QUARTER_END:
            quarters.add(QUARTER_END[q.group(5).lower()[:3]])
    years = frozenset(YEAR.findall(text)) if "19" in text or "20" in text else frozenset()
    if "fy" in low or "'" in text or "q" in low or "h" in low and any(c in low for c in ("1h", "2h", "h1", "h2")):
        years |= frozenset(f"20{y}" for y in SHORT_YEAR.findall(text))
    full = any(w in low for w in ("year", "month", "annual", "fy")) and bool(FULL_YEAR.search(text))
    if full and quarters:
        full = bool(FULL_YEAR.search(_QUARTER_OF_YEAR.sub(" ", text)))
    return years, frozenset(quarters), full


# How far around a figure its subject and period are looked for: bounds the work per figure, so a table
# flattened into one long line is read in linear time.
REACH = 300


class Bounds:
    """Sentence and clause boundaries of a text, found once; each figure's are then a binary search away."""

    def __init__(self, text: str):
        self.text = text
        # A clause starts after a line break or after a stop before white space; a sentence ends at a line
        # break or at a full stop before a space, a clause mark of its own: read from the clauses' one scan.
        # (a line break the document reads as a wrapped sentence's, before a lower-case line, ends nothing)
        self.clause = [m.end() for m in CLAUSE_START.finditer(text)
                       if m.group() != "\n" or not continues_line(text, m.start(), m.end())]
        self.sentence = [e - 1 for e in self.clause
                         if text[e - 1] == "\n" or text[e - 1] == "." and text[e:e + 1] == " "]

    def sentence_of(self, start: int, end: int) -> tuple[int, int]:
        i = bisect_left(self.sentence, start)
        lo = self.sentence[i - 1] + 1 if i else 0
        j = bisect_left(self.sentence, end)
        hi = self.sentence[j] if j < len(self.sentence) else len(self.text)
        return max(lo, start - REACH), min(hi, end + REACH)

    def clause_start(self, lo: int, start: int) -> int:
        i = bisect_right(self.clause, start) - 1
        return self.clause[i] if i >= 0 and self.clause[i] >= lo else lo

    def clause_end(self, end: int) -> int:
        """Where the clause holding `end` ends: the next clause's start after it, or the text's end."""
        i = bisect_right(self.clause, end)
        return self.clause[i] if i < len(self.clause) else len(self.text)


def subject_of(m: Mention, bounds: Bounds, previous: list[Mention], following: Mention | None = None,
               window: int = 8) -> Subject:
    """The figure's subject: a cell's row label, or the words of its clause since the figure before it (all of
    the clause when those name nothing: "after-tax NPV (5%) of US$212.4 million"), or failing both, the
    words right after it ("80,100 oz of gold"). Its period is read from its clause up to the next figure, so a
    comparison later in the sentence ("compared to $25.5 million in the fourth quarter of 2023") is not it."""
    if m.cell is not None:
        words = content_words(m.cell.row_label or "")
        return Subject(tuple(words[-window:]), *period_of(m.cell.column_header or ""))
    text = bounds.text
    lo, hi = bounds.sentence_of(m.start, m.end)
    start = bounds.clause_start(lo, m.start)
    own = max([start] + [o.end for o in previous if start <= o.end <= m.start])
    words = content_words(text[own:m.start]) or content_words(text[start:m.start])
    if not words:
        after = AFTER_WORDS.match(text, m.end, hi)
        words = content_words(after.group(1)) if after else ()
    until = following.start if following is not None and m.end <= following.start < hi else hi
    return Subject(tuple(words[-window:]), *period_of(text[start:until]))


def magnitude(m: Mention) -> Decimal | None:
    """A figure's size, its sign dropped; None where its value reads as no number."""
    try:
        return abs(Decimal(m.value))
    except (InvalidOperation, TypeError):
        return None


T = TypeVar("T")


class Reading:
    """What the fact mechanisms of one release share, worked out once and only for the mentions a mechanism
    asks about: subjects, intervals as exact fractions, the sentence boundaries, and what several mechanisms
    make of all the mentions (`derived`: the table grid and its row labels)."""

    def __init__(self, mentions: list[Mention], text: str, dateline: str | None = None):
        self.mentions, self.text = mentions, text
        self.dateline = dateline  # the release's date, as the metadata read it from the dateline (ISO)
        self._intervals: dict[int, tuple[Fraction, Fraction]] = {}
        self._keys: dict[int, tuple[int, int, int, int]] = {}
        self._subjects: dict[int, Subject] = {}
        self._derived: dict[Callable, object] = {}

    def derived(self, build: Callable[[list[Mention]], T]) -> T:
        """What `build` makes of the release's mentions (the table grid, the row labels), made once however
        many mechanisms ask: each asked for it, and each made it again from every mention."""
        if build not in self._derived:
            self._derived[build] = build(self.mentions)
        return self._derived[build]  # type: ignore[return-value]

    def of_text(self, build: Callable[[str], T]) -> T:
        """What `build` reads from the release's text (the abbreviations it defines), read once however many
        ask: the label bindings, the name readers and the restatements' names each read them."""
        if build not in self._derived:
            self._derived[build] = build(self.text)
        return self._derived[build]  # type: ignore[return-value]

    @cached_property
    def bounds(self) -> Bounds:
        return Bounds(self.text)

    @cached_property
    def _prose(self) -> tuple[list[Mention], dict[int, int]]:
        prose = [m for m in self.mentions if m.cell is None]
        return prose, {m.id: i for i, m in enumerate(prose)}

    @property
    def prose_index(self) -> tuple[list[Mention], dict[int, int]]:
        """The prose figures in text order, and each one's place among them."""
        return self._prose

    def subject(self, m: Mention) -> Subject:
        """The mention's subject (prose figures see the three prose figures before them and the next one)."""
        if m.id not in self._subjects:
            previous, following = [], None
            if m.cell is None:
                prose, at = self._prose
                i = at[m.id]
                previous, following = prose[max(0, i - 3):i], (prose[i + 1] if i + 1 < len(prose) else None)
            self._subjects[m.id] = subject_of(m, self.bounds, previous, following)
        return self._subjects[m.id]

    def neighbours(self, m: Mention) -> tuple[Mention | None, Mention | None]:
        """The prose figures right before and after a prose figure (none for a cell)."""
        prose, at = self._prose
        if m.id not in at:
            return None, None
        i = at[m.id]
        return (prose[i - 1] if i else None), (prose[i + 1] if i + 1 < len(prose) else None)

    def interval(self, m: Mention) -> tuple[Fraction, Fraction]:
        if m.id not in self._intervals:
            self._intervals[m.id] = (exact(m.low), exact(m.high))
        return self._intervals[m.id]

    def value_key(self, m: Mention) -> tuple[int, int, int, int]:
        """The mention's interval as four integers, equal where the intervals are: a key for grouping figures by
        value. A Fraction's hash takes a modular inverse each time it is asked, and the bindings that group
        figures by value asked some 280,000 of them over the real corpus; a tuple of ints hashes in C."""
        if m.id not in self._keys:
            lo, hi = self.interval(m)
            self._keys[m.id] = (lo.numerator, lo.denominator, hi.numerator, hi.denominator)
        return self._keys[m.id]


# how far below the headline its subheads may reach, in characters
_SUBHEADS = 600


@lru_cache(maxsize=4)  # (asked by four mechanisms of each release: the headline family, topics, slips, phrases)
def titles_end(text: str) -> int:
    """Where the headline and the subheads under it end: the lines of a title's length that end in no stop
    ("With Total Assets Rising to $17.1M"), before the first line of prose; 0 with no headline."""
    end = headline_end(text)
    if not end:
        return 0
    at = end
    while at < len(text) and at - end <= _SUBHEADS:
        nxt = text.find("\n", at + 1)
        nxt = len(text) if nxt < 0 else nxt
        line = text[at + 1:nxt].strip()
        if line and (len(line) > 300 or line[-1] in ".!?:;"):
            break
        if line:
            end = nxt
        at = nxt
    return end


# the bindings that join printings of one value: by value, or a value told twice
_AGREEING = (None, "value", "twice")


def agreeing(facts: list[Fact]) -> set[int]:
    """The figures a binding by value joins to another printing: each is restated in agreement elsewhere."""
    return {i for f in facts if f.attributes.get("by") in _AGREEING for i in f.roles.values()}

"""Restatements: the same figure given again elsewhere in a release (headline and body, summary and table,
prose and a table cell).

A reader checks that "Net income attributable to GE HealthCare was $720 million" agrees with the table row
"Net income attributable to GE HealthCare" in the quarter's column. Two mentions restate one figure when
they agree in value, name the same thing (their subjects share a word, or failing that their sentences share
two words either side of them: "achieved a 53% reduction in Scope 1 and 2 emissions" told twice), are for a
compatible period, and stand in different sentences (two figures of one sentence are two figures, not one said twice).

Here only agreeing figures are bound. On the development gold, words alone could not tell a restatement with a
slip from a different figure that shares its words (a margin for another segment, a revenue for another
quarter): for every pair a reader marked as one figure said twice, dozens of other pairs shared as many words
and differed by what looked like a slip. A restatement that disagrees is bound by structure instead: a prose
figure and the cell its row label and period pick, one row in two tables (`restatelabels.py`, bound first),
two prose figures of one name whose family holds one other value (`restatewords.py`), and two prose figures
whose names share words and whose digits are one misprint apart (`restatemisprints.py`): words and digits
together, each too weak alone.

Binding two disagreeing prose figures by the phrase they stand in (the same words either side of each, read
outwards until they differ, the figures among them printed alike, each phrase said exactly twice) was measured
and left out: on the development gold it caught 1 more of the planted prose restatements, and on the 1,622 real
releases it flagged two figures a release tells in paragraphs written alike, a one-digit difference each: the
group's and a segment's "Results included $28.1 million of higher pre-tax reportable catastrophes" ($28.5
million), a segment's revenue and its orders "up 23 percent quarter-on-quarter driven by overhaul and repair".
Of the 129 planted prose restatements still missed there, 88 change a figure of one or two significant digits
("62%", "$75 Million", "$300 billion"), where one digit more or less is as often another figure as a slip.
"""

from __future__ import annotations

from collections import defaultdict

import regex

from ..intervals import exact
from ..models import Fact, Mention
from .restatelabels import prose_bindings
from .restateperiods import StatedPeriods
from .restatekinds import Footing, loss_words, row_tells
from .restatenames import defined_abbreviations
from .restatepairs import pair_bindings
from .restatetables import table_bindings
from .restatemisprints import mark_told_twice
from .restatephrase import modified
from .restateslips import slip_bindings
from .restateentities import keep_same_things
from .footarith import significant_digits
from .restaterepeats import PERIOD_WORDS as _PERIOD_WORDS, agreeing_cell, chained, magnitude as _magnitude, only_two_printings, signed as _signed, inside as _inside
from .restaterepeats import together as _together
from .restatewords import NameReaders, phrase_bindings, subject_bindings
from .subjects import Reading, content_words, headline_end, stem, stems

# How many figures of near-equal value one figure is compared with: bounds the work when a release repeats
# one value many times.
MAX_EQUAL = 12


def _alike(a: Mention, b: Mention) -> bool:
    if a.kind != b.kind or a.unit != b.unit:
        return False
    return a.currency == b.currency or a.currency is None or b.currency is None


_KINDS = ["money", "price", "shares", "percent", "ratio", "number"]


def restatements(rule, mentions: list[Mention], text: str = "", reading: Reading | None = None) -> list[Fact]:
    reading = reading or Reading(mentions, text)
    kinds, min_number = set(rule.options.get("kinds", _KINDS)), float(rule.options.get("min_plain_number", 10))
    # zero ("—" in a table) restates nothing worth a fact, and plain small numbers count everything
    readers, by_id = NameReaders(rule, reading), {m.id: m for m in mentions}
    figures = [m for m in mentions if m.kind in kinds and float(m.high) != 0 and float(m.low) != 0
               and not (m.kind == "number" and abs(float(m.value)) < min_number)
               and not (m.end <= readers.topic.end and _model_number(m, reading.text, rule.options))]
    subject = keep_same_things(subject_bindings(rule, figures, reading, readers), by_id, reading)
    facts = prose_bindings(rule, mentions, reading, kinds) + table_bindings(rule, mentions, reading) + subject \
        + keep_same_things(phrase_bindings(rule, figures, reading, readers, subject), by_id, reading)
    bound = {frozenset(f.roles.values()) for f in facts}
    names = _Names(reading, rule.options.get("abbreviations") or {}, stems(str(rule.options.get("generic_after_words", ""))),
                   stems(str(rule.options.get("pointer_words", ""))))
    footing, stated = Footing(rule.options), StatedPeriods(reading)
    losses = loss_words(str(rule.options.get("negative_words", "loss")))
    # a small figure naming its unit ("9.0 vessels", "6.7 years") is no plain count: it restates a bare cell of a
    # row or column naming that unit, and nothing else
    small = {m.id: m for m in mentions if m.kind == "number" and float(m.value) != 0 and abs(float(m.value)) < min_number
             and (m.cell is None) == (m.unit is not None)}
    every = _equal_values(figures + list(small.values()), reading)
    equal = _without(every, small) if small else every
    for y, candidates in every.values():
        # (each pair's footing read once; a pair that is one sentence's or one table's goes first)
        candidates = [x for x in candidates if not _together(x, y) and (on := footing.of(x, y)) is not None
                      and frozenset((x.id, y.id)) not in bound and not _one_digit_against_finer(x, y)
                      and (x.id not in small and y.id not in small or on == "unit" or names.small_alike(x, y, small))
                      and (_signed(x) == _signed(y) or _told_negative(x, y, losses, reading))
                      and (_inside(x, y, reading) or _inside(y, x, reading)) and not footing.apart(x, y, reading)]
        if not candidates:
            continue
        sy = reading.subject(y)
        words = names.named(y)
        scored = []
        for x in candidates:
            sx = reading.subject(x)
            # (y comes after x: only x may stand in the headline, and its words are many: one printed inside the
            # other's rounding, not two roundings that only touch, "$7M" and "$6 million")
            if names.in_headline(x) and not (_within(x, y, reading) or _within(y, x, reading)):
                continue
            shared = len(words.intersection(names.named(x))) \
                or (len(names.around(y).intersection(names.around(x))) >= _AROUND_SHARED) / 2
            if shared and stated.compatible(x, y, sx, sy):
                scored.append((shared, x.start, x))
        if scored:
            # the same figure said before: the statement that shares the most words, the nearest of those
            x = max(scored, key=lambda t: (t[0], t[1]))[2]
            facts.append(_agreeing(rule, x, y, footing.of(x, y)))
    facts += _headline_bindings(rule, equal, facts, names.end, reading)
    facts += _twice_printed(rule, equal, facts, reading, stated)
    facts += only_two_printings(rule, equal, facts, footing, reading)
    mark_told_twice(facts, by_id, reading)  # a name's binding of one figure told twice: a mistyped digit is a slip
    facts += slip_bindings(rule, mentions, figures, facts, names, readers.topic, by_id, reading)
    facts += pair_bindings(rule, facts, mentions, reading)
    facts += chained(rule, facts, reading, footing)
    facts += agreeing_cell(rule, facts, figures, footing, reading)
    # a figure the chains or the one agreeing cell (`by: cell`) bind to a cell say which row its pair's other figure
    # is in too: "adj. EBITDA came in at EUR 675 million after EUR 604 million" beside the row "EBITDA adj. 575 604"
    # (the pairs read above are taken: only the new anchors' pairs are added)
    return facts + pair_bindings(rule, facts, mentions, reading)


# a plain number a title prints before a capitalised noun in the singular ("Launches 520 Pump Series"): a
# model's name, not a count (a count names its things in the plural, "Ships 250 Pumps")
_NAMED_NUMBER = regex.compile(r"\s+([A-Z][a-z]+)\b(?!['’])")


def _model_number(m: Mention, text: str, options) -> bool:
    """Whether a title's plain number is a name: glued to a singular capitalised noun, not one of the rule's
    nouns that count in the singular ("250 Staff")."""
    if m.kind != "number" or m.unit is not None or m.cell is not None or not m.text[-1].isdigit():
        return False
    noun = _NAMED_NUMBER.match(text, m.end)
    if noun is None or noun.group(1).endswith("s") \
            or noun.group(1).lower() in str(options.get("singular_count_nouns", "")).split():
        return False
    # a title drops the hyphen of a count the body prints with one ("250 Bed Hospital" over "the 205-bed
    # hospital"): a count, not a model ("730 Compressor Line" over "370 compressors" names a model)
    counted = regex.compile(r"(?i)\d[\d,.]*-" + regex.escape(noun.group(1)) + r"\b")
    return counted.search(text, m.end + len(noun.group(0))) is None


_DIGITS = regex.compile(r"\D")
# how far either side of a figure its sentence's words are read, in characters, and how many of them two
# agreeing figures whose names share no word must share
_AROUND = 60
_AROUND_SHARED = 2


# what a figure is of, named after it: "$81.3 million in revenue", "$13.68 million in net proceeds"
_AFTER = regex.compile(r"\s+(?:in|of|for)\s+((?:[A-Za-z][\w-]*\s*){1,3})")


class _Names:
    """The words a figure is named by when two agreeing figures are compared: its subject and what it is of
    after it; for a headline figure, the whole headline (a headline names its subject after the figure:
    "Closes $345 Million Convertible Notes Offering"); abbreviations of a wire's flash lines spelled out
    ("4Q Rev $117.4M"), and those the release defines ("R&D expenses" read with "research and development")."""

    def __init__(self, reading: Reading, abbreviations: dict[str, str], generic: frozenset[str] = frozenset(),
                 pointers: frozenset[str] = frozenset()):
        self.reading, self.generic, self.pointers = reading, generic, pointers
        self.short = {stem(str(k)): stem(str(v)) for k, v in abbreviations.items()}
        self.defined = reading.of_text(defined_abbreviations)
        self.end = headline_end(reading.text)
        self.headline = self._spelled(content_words(reading.text[:self.end])) if self.end else frozenset()
        self._of: dict[int, frozenset[str]] = {}
        self._around: dict[int, frozenset[str]] = {}
        self._named: dict[int, frozenset[str]] = {}
        self.periods = _PERIOD_WORDS

    def in_headline(self, m: Mention) -> bool:
        return m.cell is None and m.end <= self.end

    def of(self, m: Mention) -> frozenset[str]:
        if self.in_headline(m):
            return self.headline
        if m.id not in self._of:
            own = self.reading.subject(m).words
            words = list(own)
            if m.cell is None:
                after = _AFTER.match(self.reading.text, m.end, m.end + 60)
                words += content_words(after.group(1)) if after else ()
            self._of[m.id] = self._spelled(words)
        return self._of[m.id]

    def named(self, m: Mention) -> frozenset[str]:
        """What two agreeing figures are compared by: their names (`of`) and, for a body figure, the thing it
        modifies right after it ("a new $3 billion share repurchase program", "400 new jobs"), words that follow
        figures of every kind ("increase", "year-over-year") left out: a quote and a release rarely name the
        figure before it alike."""
        if m.cell is not None or self.in_headline(m):
            return self.of(m)
        if m.id not in self._named:
            self._named[m.id] = self.of(m) | (modified(m, self.reading) - self.generic) | self._pointed(m)
        return self._named[m.id]

    def _pointed(self, m: Mention) -> frozenset[str]:
        """A change told after the figure it is of ("revenues of $509,589 in 2024, representing a 234%
        increase") is named by that figure's words too, when its own words only point back: for agreeing figures
        alone, never for a slip (a growth rate and a share that follow their amounts alike, "representing a 23.4%
        increase" and "representing 24.3% of total revenue", are two figures)."""
        own = self.reading.subject(m).words
        before = self.reading.neighbours(m)[0]
        if not own or before is None or before.sentence != m.sentence or not all(w in self.pointers for w in own):
            return frozenset()
        return self._spelled(self.reading.subject(before).words)

    def small_alike(self, x: Mention, y: Mention, small: dict[int, Mention]) -> bool:
        """Two small counts of one unit in two sentences ("four sites across Israel", "at four sites in
        Israel"): one figure only where the words around them share two besides the unit's."""
        if x.id not in small or y.id not in small or x.cell is not None or y.cell is not None \
                or stem(x.unit or "") != stem(y.unit or ""):
            return False
        return len((self.around(x) & self.around(y)) - {stem(x.unit or "")}) >= _AROUND_SHARED

    def around(self, m: Mention) -> frozenset[str]:
        """The words either side of a prose figure, within its sentence: two sentences that tell one figure
        share them ("Sales increased by 7% to EUR 2,322 million" and "Sales increased to 2,322 million euro,
        a growth of 7%") where the words naming it differ."""
        if m.cell is not None:
            return frozenset()
        if m.id not in self._around:
            lo, hi = self.reading.bounds.sentence_of(m.start, m.end)
            text = self.reading.text
            left, right = max(lo, m.start - _AROUND), min(hi, m.end + _AROUND)
            # whole words: a window cut inside a word read a stub of it ("lassified", "mproved")
            if left > lo and text[left - 1].isalpha():
                left = max(lo, text.rfind(" ", lo, left) + 1)
            if right < hi and text[right].isalpha():
                right = hi if (end := text.find(" ", right, hi)) < 0 else end
            self._around[m.id] = self._spelled(w for w in content_words(text[left:m.start] + " " + text[m.end:right])
                                               if w not in self.periods)
        return self._around[m.id]

    def _spelled(self, words) -> frozenset[str]:
        out = set()
        for w in words:
            out.add(self.short.get(w, w))
            out.update(self.defined.get(w, ()))
        return frozenset(out)


def _headline_bindings(rule, equal: dict[int, tuple[Mention, list[Mention]]], facts: list[Fact], end: int,
                       reading: Reading) -> list[Fact]:
    """A headline figure no body figure restates by its words, when exactly one figure of its kind in the body's
    prose agrees with it: the headline announces what the body tells ("Secures $750 Million in
    Oversubscribed Private Placement" and "for expected gross proceeds of $750 million")."""
    done = {i for f in facts if "by" not in f.attributes for i in f.roles.values()}  # restated in agreement
    restated: dict[int, list[tuple[Mention, Mention]]] = defaultdict(list)
    for y, candidates in equal.values():
        for x in candidates:
            # (one printed inside the other's rounding, not two roundings that only touch: "$7M" is not "$6 million")
            if x.end <= end < y.start and x.cell is None and y.cell is None and _alike(x, y) \
                    and (_within(x, y, reading) or _within(y, x, reading)):
                restated[x.id].append((x, y))
    return [Fact(id=0, type=rule.type, rule=rule.id, roles={"a": x.id, "b": y.id}, sentence=y.sentence)
            for [(x, y)] in (pairs for pairs in restated.values() if len(pairs) == 1) if x.id not in done]


def _twice_printed(rule, equal: dict[int, tuple[Mention, list[Mention]]], facts: list[Fact],
                   reading: Reading, stated: StatedPeriods) -> list[Fact]:
    """An amount, price, count or percentage of three significant digits or more that the release's prose prints
    exactly twice, with the same digits, in two sentences: one figure said twice, however differently the two
    sentences name it ("EUR 11.28 per share" and "11.28 euro per share"; "a 54.5% share of royalties" and
    "amortised as 54.5% of the royalty payments"). Fewer digits are as often two figures ("52% of revenues"
    and "a 52% reduction in emissions"), and plain numbers are counts of anything; two that state periods of their
    own that clash are two ("$0.58 for 4Q23" and "$0.58 for 3Q24")."""
    done = {i for f in facts for i in f.roles.values()}
    partners: dict[int, int] = defaultdict(int)  # how many prose figures agree with each prose figure
    for y, candidates in equal.values():
        for x in candidates:
            if x.cell is None and y.cell is None and _alike(x, y):
                partners[x.id] += 1
                partners[y.id] += 1
    out = []
    for y, candidates in equal.values():
        pair = [x for x in candidates if x.cell is None and y.cell is None and _alike(x, y)]
        if len(pair) != 1 or partners[y.id] != 1 or partners[pair[0].id] != 1:
            continue
        x = pair[0]
        digits = _DIGITS.sub("", y.text)
        if x.id in done or y.id in done or _together(x, y) or digits != _DIGITS.sub("", x.text) \
                or len(digits.strip("0")) < 3 or y.kind == "number" or stated.apart(x, y):
            continue
        out.append(Fact(id=0, type=rule.type, rule=rule.id, roles={"a": x.id, "b": y.id}, sentence=y.sentence,
                        attributes={"by": "twice"}, strength="loose"))
    return out


def _one_digit_against_finer(a: Mention, b: Mention) -> bool:
    """Two cells, one printing a single digit ("0.2" in millions; "40" prints two) and the other more ("153" in
    thousands): the one's rounding holds the other by chance, as a table's own figure is printed to its unit."""
    if a.cell is None or b.cell is None:
        return False
    digits = sorted((significant_digits(a), significant_digits(b)))
    return digits[0] == 1 and digits[1] > 1


def _within(a: Mention, b: Mention, reading: Reading) -> bool:
    """Whether a's printed value lies inside b's printed interval."""
    lo, hi = reading.interval(b)
    return lo <= exact(a.value) <= hi


def _agreeing(rule, x: Mention, y: Mention, footing: str) -> Fact:
    """Two figures that agree in value and names: on the footing of their kind and unit when they differ in them,
    and of their magnitude when a sentence tells a loss a cell prints in brackets (`restatekinds.py`)."""
    if _signed(x) != _signed(y):
        footing = f"{footing}, sign" if footing else "sign"
    attributes = {"footing": footing} if footing else {}
    return Fact(id=0, type=rule.type, rule=rule.id, roles={"a": x.id, "b": y.id}, sentence=y.sentence,
                attributes=attributes, strength="loose" if footing else "tight")


def _equal_values(figures: list[Mention], reading: Reading) -> dict[int, tuple[Mention, list[Mention]]]:
    """Each figure with the earlier figures whose printed intervals meet its own (a sweep over the figures
    sorted by magnitude, so only near-equal values are ever compared). Two figures of opposite signs meet only
    as a positive prose figure and a negative cell: a loss a sentence tells in words, its cell in brackets."""
    keyed = sorted(((*_magnitude(float(m.low), float(m.high)), m) for m in figures), key=lambda t: t[0])
    out: dict[int, tuple[Mention, list[Mention]]] = {}
    for i, (_, high, a) in enumerate(keyed):
        for low_b, _, b in keyed[i + 1: i + 1 + MAX_EQUAL]:
            if low_b > high * (1 + 1e-9) + 1e-12:
                break
            if _signed(a) != _signed(b) and not _loss_in_words(a, b):
                continue
            # sorted by the low end, so the intervals meet unless float rounding hid a gap at the edge
            if abs(low_b - high) <= abs(high) * 1e-9 + 1e-12 \
                    and _magnitude(*reading.interval(b))[0] > _magnitude(*reading.interval(a))[1]:
                continue
            first, second = (a, b) if a.start < b.start else (b, a)
            out.setdefault(second.id, (second, []))[1].append(first)
    return out


def _without(equal: dict[int, tuple[Mention, list[Mention]]], small: dict[int, Mention]) -> dict:
    """The agreeing figures with the small figures left out."""
    out = {}
    for key, (y, candidates) in equal.items():
        kept = [x for x in candidates if x.id not in small]
        if key not in small and kept:
            out[key] = (y, kept)
    return out


def _told_negative(x: Mention, y: Mention, losses, reading: Reading) -> bool:
    """A positive prose figure restates a negative cell only when its sentence tells it is a loss, a cost or a
    fall right before it ("a net loss of", "repurchased", "down by") or in the words its clause names it by since
    the figure before it ("Net loss for the first quarter of 2025, ending December 31, 2024, was"), or anywhere in
    its clause before it by the word the cell's row names it by ("repurchased eight million shares for $230
    million" and "Repurchases of shares  (230)": the brackets print the outflow the sentence tells; not "revenue
    of $3.2 billion" and "Purchases of equipment  (3,234)"), and one figure lies inside the other's rounding (not
    two roundings that only touch: "$0.14" is not "(0.13)")."""
    prose, cell = (x, y) if x.cell is None else (y, x)
    lo, _ = reading.bounds.sentence_of(prose.start, prose.end)
    if not losses.search(reading.text, max(lo, prose.start - _AROUND), prose.start) \
            and not any(losses.fullmatch(w) for w in reading.subject(prose).words) \
            and not row_tells(cell, prose, losses, reading, lo):
        return False
    a, b = (_magnitude(*reading.interval(m)) for m in (x, y))
    return a[0] <= abs(exact(y.value)) <= a[1] or b[0] <= abs(exact(x.value)) <= b[1]


def _loss_in_words(a: Mention, b: Mention) -> bool:
    prose, cell = (a, b) if b.cell is not None else (b, a)
    return prose.cell is None and cell.cell is not None and _signed(cell)

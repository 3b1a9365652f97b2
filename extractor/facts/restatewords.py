"""Restatements in prose bound by what the figures name, not by their values: "average annual gold production
of 80,100 ounces" in the highlights and "average annual gold production of 81,000 ounces" in the study's
summary are one figure said twice, and one of them is wrong.

Words alone are weak evidence: most pairs of figures that share a few words are different figures (another
segment, another quarter, another tranche). So a pair is bound only where the release leaves one reading:

- the figures' names agree: the last two words their clauses name them by (stop words, verbs of stating and
  dates left out: "adjusted EBITDA margin" and "adjusted EBITDA margin for December" are one name);
- their periods may be the same (no year, quarter or quarter-vs-year clash);
- the name is a small family in the release (at most `max_family` prose figures of that kind), and its figures
  hold exactly two values, one of them printed once: that one is the odd figure, bound to the nearest figure
  of the other value (`by: subject`). A family with more values (two periods, two segments) binds nothing.

A name too common to be one family (more than `max_family` figures, or one word: "revenue", "net sales") is
split by the period each figure names, a year with a quarter or the full year ("Q2 revenue" with no year takes
the year the name's other second quarters name): each period's figures are a family of their own, bound only
when the other value is printed twice or more (a generic name's two figures may be two things).

The headline's figure (the only one of its kind there) heads a family of its own: the body's figures of its
kind whose clauses name something the headline names.

The binding is loose: `restated-value` flags it only when a known slip (two digits transposed, one digit
other than the last mistyped in a figure of three digits or more, a thousand-fold slip between two figures
that both print their scale) explains the difference. Where the other value is told in three sentences or more
of the thing the odd figure modifies ("a $90 million investment program" once, "the $30 million investment"
three times: `told: often`), the release's own repetitions say which value is the figure, and one digit
mistyped in a figure of two is a slip too.
"""

from __future__ import annotations

from collections import defaultdict

from ..models import Fact, Mention
from .restatelabels import LabelReader
from .restatemisprints import in_row, modified, slipped
from .restatespans import Spans
from .restateswaps import same_wording, swapped_apart
from .restatetopics import Topic
from .subjects import WORD, Reading, content_words, headline_end, stem, stems, stop_words, titles_end


# how many printings of the other value (in prose; in sentences of their own, as the thing the odd figure
# modifies) make it the figure the release tells: a round figure's scale slip (`wording: same`), one mistyped
# digit of two (`told: often`)
_TOLD_OFTEN = 3


class NameReaders:
    """What reads a prose figure's name and period, built once for the subject and the phrase bindings."""

    def __init__(self, rule, reading: Reading):
        options = rule.options
        self.labels = LabelReader({}, reading, options)  # reads each figure's period the way label bindings do
        self.names = _Names(self.labels, stems(str(options.get("link_words", ""))))
        self.largest = int(options.get("max_family", 4))
        self.spans = Spans(reading)  # the span and time each family member's own words name
        self.topic = Topic(options, reading, titles_end(reading.text))  # what a title's figure's body figures must name alike


def subject_bindings(rule, figures: list[Mention], reading: Reading, readers: NameReaders) -> list[Fact]:
    """Two figures of one name, of two values one printed once: bound by their names (`by: subject`)."""
    options, labels, names, largest = rule.options, readers.labels, readers.names, readers.largest
    families: dict[tuple, list[Mention]] = defaultdict(list)
    for m in figures:
        if m.cell is None and m.range_with is None and not m.qualifier and not in_row(m, reading):
            name = names.words(m, 2)
            if name:
                families[(m.kind, m.unit, m.currency, name)].append(m)
    candidates = [f for key, f in families.items() if len(key[3]) == 2 and len(f) <= largest] \
        + _headline_topic_families(figures, names, int(options.get("max_headline_family", 8)), readers.topic) \
        + _period_families(families, labels, largest)
    generic = stems(str(options.get("generic_after_words", "")))
    # where a title ends: a first line that ends a sentence is prose, however short
    titled = readers.topic.end if not reading.text[:headline_end(reading.text)].rstrip().endswith((".", "!", "?")) else 0
    facts = []
    for family in candidates:
        pair = _odd_one(family, reading, labels, readers.spans) if len(family) >= 2 else None
        if pair is not None and not readers.topic.separate(*pair):
            odd, other = pair
            attributes = {"by": "subject"}
            after = modified(odd, reading) - generic, modified(other, reading) - generic
            if not after[0].isdisjoint(after[1]) and not swapped_apart(odd, other, reading):
                attributes["phrase"] = "same"  # each modifies a phrase the other's shares: a swap in two digits shows
            printings = _printings(other, figures, reading)
            if same_wording(odd, other, reading, after) or len(printings) >= _TOLD_OFTEN:
                # one wording around both, or the other value printed three times or more in prose: a round
                # figure's scale slip shows
                attributes["wording"] = "same"
            if titled and (odd.end <= titled) != (other.end <= titled):
                attributes["title"] = "body"  # one in the title, the other its body's, named as the title names it
            if after[0] and len({m.sentence for m in printings
                                 if not after[0].isdisjoint(modified(m, reading))}) >= _TOLD_OFTEN:
                attributes["told"] = "often"  # the other value told three times as the thing the odd one modifies
            facts.append(Fact(id=0, type=rule.type, rule=rule.id, roles={"a": other.id, "b": odd.id},
                              sentence=odd.sentence, attributes=attributes, strength="loose"))
    return facts


def _printings(other: Mention, figures: list[Mention], reading: Reading) -> list[Mention]:
    """The prose figures of other's kind and currency printing its value."""
    lo, hi = reading.interval(other)
    return [m for m in figures if m.cell is None and m.kind == other.kind and m.currency == other.currency
            and lo <= reading.interval(m)[1] and reading.interval(m)[0] <= hi]


def phrase_bindings(rule, figures: list[Mention], reading: Reading, readers: NameReaders,
                    subject: list[Fact]) -> list[Fact]:
    """Two figures named by one phrase of three words or more, or by the word before a headline's figure, one
    misprint apart (never one mistyped digit: as likely another figure of the name), the odd figure bound by no
    subject binding already (`by: phrase`)."""
    odds = {f.roles["b"] for f in subject}
    size = int(rule.options.get("phrase_words", 3))
    labels, names, largest = readers.labels, readers.names, readers.largest
    facts = []
    for family in _phrase_families(figures, names, reading, size, largest) \
            + _headline_word_families(figures, names, reading, size, largest, readers.topic):
        pair = _odd_one(family, reading, labels, readers.spans)
        if pair is not None and pair[0].id not in odds and slipped(*pair, reading, mistyped=False) \
                and not readers.topic.separate(*pair):
            odd, other = pair
            odds.add(odd.id)
            facts.append(Fact(id=0, type=rule.type, rule=rule.id, roles={"a": other.id, "b": odd.id},
                              sentence=odd.sentence, attributes={"by": "phrase"}, strength="loose"))
    return facts


def _headline_word_families(figures: list[Mention], names: "_Names", reading: Reading, size: int,
                            largest: int, topic: Topic) -> list[list[Mention]]:
    """Each figure of the headline or a subhead with the body's figures of its kind whose clauses name, among
    their last words, the word the title names it by right before it ("With Total Assets Rising to $17.1M" and "total assets now
    stand at $17.1 million"; verbs of stating left out): one name's family, bound when it holds two values."""
    end = titles_end(reading.text)
    if not end:
        return []
    out = []
    for h in figures:
        if h.cell is not None or h.end > end or h.qualifier or h.range_with is not None or in_row(h, reading):
            continue
        words = names.words(h, size)
        if not words:
            continue
        family = [h] + [m for m in figures if m.start > end and m.cell is None and m.kind == h.kind
                        and m.unit == h.unit and m.currency == h.currency and not m.qualifier
                        and m.range_with is None and words[-1] in names.words(m, size) and not in_row(m, reading)
                        and topic.member(h, m, names, {words[-1]}, topic.titled())]
        if 2 <= len(family) <= largest:
            out.append(family)
    return out


def _phrase_families(figures: list[Mention], names: "_Names", reading: Reading, size: int,
                     largest: int) -> list[list[Mention]]:
    """The prose figures of one kind and unit whose clauses name them by the same `size` words or more, in the
    same order, right before the figure ("all-in sustaining cash costs of US$957" said twice, beside "LOM cash
    costs of US$809"): a name read this far apart from the other figures of its last two words, so a family
    those split is one again. Its figures are bound as a name's (one other value, printed once) when one
    misprint makes the two one (two values no slip relates are two figures: a quarter's and the year's, two
    segments'), and flagged only for a slip."""
    families: dict[tuple, list[Mention]] = defaultdict(list)
    for m in figures:
        if m.cell is None and m.range_with is None and not m.qualifier and not in_row(m, reading):
            name = names.words(m, size)
            if len(name) == size:
                families[(m.kind, m.unit, m.currency, name)].append(m)
    return [f for f in families.values() if 2 <= len(f) <= largest]


class _Names:
    """The last words a prose figure's clause names it by, since the figure before it: read backwards from
    the figure, stemmed, stop words and verbs of stating left out, only as far as the words asked for."""

    def __init__(self, labels: LabelReader, skip: frozenset[str]):
        self.labels, self.skip, self.stop = labels, skip, stop_words()
        # a figure's name is asked for by every family it may join (each headline figure's among them): read once
        self._read: dict[tuple[int, int], tuple[str, ...]] = {}

    def words(self, m: Mention, limit: int) -> tuple[str, ...]:
        key = (m.id, limit)
        if key not in self._read:
            self._read[key] = self._words(m, limit)
        return self._read[key]

    def _words(self, m: Mention, limit: int) -> tuple[str, ...]:
        labels = self.labels
        bounds, i = labels.reading.bounds, labels.at[m.id]
        lo = bounds.clause_start(bounds.sentence_of(m.start, m.end)[0], m.start)
        # the figure before it bounds the name; a date does not ("Revenue for the second quarter of 2025 was")
        previous = next((labels.prose[j] for j in range(i - 1, max(i - 4, -1), -1) if labels.prose[j].kind != "date"), None)
        if previous is not None and previous.end <= m.start:
            lo = max(lo, previous.end)
        found: list[str] = []
        for w in reversed(WORD.findall(labels.reading.text, max(lo, m.start - 30 * limit), m.start)):
            s = stem(w)
            if len(s) > 1 and s not in self.stop and s not in self.skip and s not in labels.period_words \
                    and not s[0].isdigit():
                found.append(s)
                if len(found) == limit:
                    break
        return tuple(reversed(found))


def _headline_topic_families(figures: list[Mention], names: _Names, largest: int, topic: Topic) -> list[list[Mention]]:
    """The headline's figure (the only one of its kind there) with the body's figures of its kind whose
    clauses name something the headline names ("Northgate Raises $18.6 Million" and "Northgate raised gross
    proceeds of $18.6 million"), as `restatetopics.Topic.member` reads it."""
    text = names.labels.reading.text
    end = headline_end(text)
    if not end:
        return []
    named = set(content_words(text[:end])) - names.skip
    heads = [m for m in figures if m.end <= end and m.cell is None]
    out = []
    for h in heads:
        if h.qualifier or h.range_with is not None or sum(1 for o in heads if o.kind == h.kind) != 1:
            continue
        family = [h] + [m for m in figures if m.start > end and m.cell is None and m.kind == h.kind
                        and m.unit == h.unit and m.currency == h.currency and not m.qualifier
                        and m.range_with is None and topic.member(h, m, names, named, named)]
        if len(family) <= largest:
            out.append(family)
    return out


def _period_families(families: dict[tuple, list[Mention]], labels: LabelReader, largest: int) -> list[list[Mention]]:
    """A common name split by the period each figure names: "Revenue for the fourth quarter of 2024" in the
    highlights and again in the discussion, among the revenues of other periods and of the year. A name of one
    word ("revenue", "net sales") is common enough to be read only this way, and only periods that name a year
    split it (a figure with none may be any period's)."""
    out = []
    for key, family in families.items():
        if len(key[3]) == 2 and len(family) <= largest:
            continue  # already a family of its own
        periods = [(m, labels.period(m)) for m in family]
        # "Q2 revenue" with no year is the year the name's other second quarters name, when they name one
        years: dict[tuple, set] = defaultdict(set)
        for _, period in periods:
            if period.years:
                years[(period.quarters, period.full_year)].add(period.years)
        split: dict[tuple, list[Mention]] = defaultdict(list)
        for m, period in periods:
            named = years.get((period.quarters, period.full_year), ())
            year = period.years or (next(iter(named)) if len(named) == 1 else None)
            if year and (period.quarters or period.full_year):
                split[(year, period.quarters, period.full_year)].append(m)
        # a period's two figures of two values say nothing of which is the name's: one printed twice must
        out.extend(f for f in split.values() if 3 <= len(f) <= largest)
    return out


def _odd_one(family: list[Mention], reading: Reading, labels: LabelReader,
             spans: Spans) -> tuple[Mention, Mention] | None:
    """The figure printed once whose family otherwise holds one value, with the nearest figure of that value;
    None when the family holds one value, or three or more, or a period clash splits it, or the odd figure's own
    words name another span or time than a figure of the other value's (a quarter and the year, last year's)."""
    values: list[list[Mention]] = []
    for m in family:
        lo, hi = reading.interval(m)
        for group in values:
            glo, ghi = reading.interval(group[0])
            if lo <= ghi and glo <= hi:
                group.append(m)
                break
        else:
            values.append([m])
    if len(values) != 2:
        return None
    # of two figures printed once each, the later restates the earlier
    odd, rest = sorted(values, key=lambda group: (len(group), -group[0].start))
    if len(odd) != 1 or len(rest) > 1 and len(odd) == len(rest):
        return None
    other = min(rest, key=lambda m: abs(m.start - odd[0].start))
    if other.sentence == odd[0].sentence:
        return None  # two figures of one sentence are two figures
    periods = [labels.period(m) for m in family]
    if any(not a.compatible(b) for i, a in enumerate(periods) for b in periods[i + 1:]):
        return None
    if any(spans.apart(odd[0], m) for m in rest):
        return None
    return odd[0], other

"""A headline figure the body tells again with a slip: "Acme Receives $250,000 Milestone Payment" over "Acme
received a $205,000 milestone payment from ...". The headline's figure is restated nowhere, so no binding by
value joins the two printings; a name's family reads the whole headline as the figure's name, so it binds
nothing either.

The headline names its figure by the words it modifies ("Milestone Payment") or the words right before it
("Total Payments to"); the body figure naming one of those words alike is its restatement when the structure
leaves one reading, whatever the two values:

- the headline figure agrees with no figure of the release, and the body figure with none either (each printed
  once: a figure the body restates correctly is another figure than the odd one);
- of the body's figures of its kind (kind, unit, currency), exactly one is named by one of the headline
  figure's words (a second, of any value, makes them a series: two segments, last year and this);
- the two are one known misprint apart (`restatemisprints.misprint`: two adjacent digits swapped, in two digits
  or more; one digit other than the last mistyped, in three or more; the same digits a thousand or more off);
- their sentences name no clashing periods, their own words no two spans or times
  (`restatespans`: "Quarterly Revenue" and "Full-year revenue"), and neither figure is a bound ("up to").

The binding is loose (`by: misprint`, `wording: headline`): `restated-value` flags it with the slip that explains
the difference. The headline's few figures are compared with the body's figures of their kind, read once.
"""

from __future__ import annotations

from collections import defaultdict

import regex

from ..models import Fact, Mention
from .restatemisprints import _sentence_period, in_row, misprint, modified, rounded_only
from .restatespans import Spans
from .restatewords import titles_end
from .subjects import Reading, stem, stop_words

# how many words right before a figure, on its line, name it
_BEFORE_WORDS = 3
_WORDS = regex.compile(r"[A-Za-z][A-Za-z'’-]*")


def headline_slip_bindings(rule, figures: list[Mention], facts: list[Fact], reading: Reading,
                           generic: frozenset[str] = frozenset()) -> list[Fact]:
    """Each headline figure restated nowhere, bound to the one body figure of its kind named by its words, when
    one misprint relates their digits."""
    end = titles_end(reading.text)
    if not end:
        return []
    bound = {i for f in facts for i in f.roles.values()}
    prose = [m for m in figures if m.cell is None and m.range_with is None and rounded_only(m.qualifier)]
    head = [m for m in prose if m.end <= end and m.id not in bound and not in_row(m, reading)]
    body: dict[tuple, list[Mention]] = defaultdict(list)
    for m in prose:
        if m.start > end:
            body[(m.kind, m.unit, m.currency)].append(m)
    _mark_named(facts, {m.id: m for m in prose}, end, body, reading, generic)
    out, spans = [], Spans(reading)
    for h in head:
        y = _named(h, body.get((h.kind, h.unit, h.currency), ()), reading, generic)
        if y is None:
            continue
        if y.id in bound or in_row(y, reading) or not (misprint(h, y, reading) or misprint(h, y, reading, 2)) \
                or not _sentence_period(h, reading).compatible(_sentence_period(y, reading)) \
                or _periods_apart(h, y, reading) or spans.apart(h, y):
            continue
        out.append(Fact(id=0, type=rule.type, rule=rule.id, roles={"a": h.id, "b": y.id}, sentence=y.sentence,
                        attributes={"by": "misprint", "wording": "headline"}, strength="loose"))
        bound.update((h.id, y.id))
    return out


def _mark_named(facts: list[Fact], by_id: dict[int, Mention], end: int, body: dict[tuple, list[Mention]],
                reading: Reading, generic: frozenset[str]) -> None:
    """Mark a name's binding of a title figure and the one body figure of its kind modifying a phrase it
    modifies (`phrase: same`): the structure makes them one figure, whatever proper nouns the body's sentence
    adds (a dateline, the company's name), so two digits swapped in a figure of two show there."""
    for f in facts:
        if f.attributes.get("by") != "subject" or f.attributes.get("phrase"):
            continue
        a, b = by_id.get(f.roles.get("a")), by_id.get(f.roles.get("b"))
        if a is None or b is None or (a.end <= end) == (b.end <= end):
            continue
        h, y = (a, b) if a.end <= end else (b, a)
        if _named(h, body.get((h.kind, h.unit, h.currency), ()), reading, generic, phrase=True) is y:
            f.attributes["phrase"] = "same"


def _named(h: Mention, body: list[Mention], reading: Reading, generic: frozenset[str],
           phrase: bool = False) -> Mention | None:
    """The one body figure named by the headline figure's words: by the phrase both modify ("Licensing Payment"
    and "licensing payment pursuant to"), else by any of their naming words; None for none or two (a series)."""
    after = modified(h, reading) - generic
    if after:
        named = [y for y in body if not after.isdisjoint(modified(y, reading))]
        if named:
            return named[0] if len(named) == 1 else None
    if phrase:
        return None  # (`phrase`: only by the phrase both modify)
    words = _naming(h, reading, generic)
    named = [y for y in body if words and not words.isdisjoint(_naming(y, reading, generic))]
    return named[0] if len(named) == 1 else None


# the periods a sentence names, read alike ("Q4" and "fourth quarter", "annual" and "full-year"); a year by its digits,
# but not a date's (a dateline's "May 2, 2025")
_PERIODS = regex.compile(r"(?i)\b(?:(?P<quarter>quarter(?:ly)?|q[1-4]|qtr)|(?P<year>annual|full[- ]year|fiscal|fy)|"
                         r"(?P<half>half|h[12])|(?P<month>months?)|(?<!\d,\s?)(?P<digits>(?:19|20)\d\d))\b")


def _periods_apart(h: Mention, y: Mention, reading: Reading) -> bool:
    """Whether the two figures' sentences each name periods and none alike ("2025" and "2026", "Quarterly" and
    "Full-year"): a headline's figure and another period's, not one figure said twice."""
    said = []
    for m in (h, y):
        lo, hi = reading.bounds.sentence_of(m.start, m.end)
        said.append({k if k != "digits" else v for found in _PERIODS.finditer(reading.text, lo, hi)
                     for k, v in found.groupdict().items() if v})
    return bool(said[0] and said[1]) and said[0].isdisjoint(said[1])


def _naming(m: Mention, reading: Reading, generic: frozenset[str]) -> frozenset[str]:
    """The words naming a figure: those it modifies right after it, and the naming words right before it on its
    line (stop words, generic words and the figure's own scale left out)."""
    text = reading.text
    line = text.rfind("\n", 0, m.start) + 1
    before = [stem(w) for w in _WORDS.findall(text, max(line, m.start - 60), m.start)][-_BEFORE_WORDS:]
    stops = stop_words()
    return frozenset(w for w in (*before, *modified(m, reading)) if w not in stops and len(w) > 2) - generic

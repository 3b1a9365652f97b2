"""A headline figure the body tells again with a slip: "Acme Receives $250,000 Milestone Payment" over "Acme
received a $205,000 milestone payment from ...". The headline's figure is restated nowhere, so no binding by
value joins the two printings; a name's family reads the whole headline as the figure's name, so it binds
nothing either.

The headline names its figure by the words it modifies ("Milestone Payment") or the words right before it
("Total Payments to"; before a move reaching it, what moved: "Dividend Rate Increases by 5% to"); the body
figure naming one of those words alike is its restatement when the structure leaves one reading, whatever the
two values:

- the headline figure agrees with no figure of the release, and the body figure with none either (each printed
  once: a figure the body restates correctly is another figure than the odd one);
- of the body's figures of its kind (kind, unit, currency), exactly one is named by one of the headline
  figure's words (a second, of any value, makes them a series: two segments, last year and this; a body figure
  retelling another title figure at its value, or a running total the headline's figure is not, is no second;
  of several, the one repeating the headline's words right before it, three or more and more than any other,
  is the one: "a Cumulative Total of" and "a cumulative total of");
- the two are one known misprint apart (`restatemisprints.misprint`: two adjacent digits swapped, in two digits
  or more; one digit other than the last mistyped, in three or more; the same digits a thousand or more off);
- their sentences name no clashing periods, their own words no two spans or times
  (`restatespans`: "Quarterly Revenue" and "Full-year revenue"), and neither figure is a bound ("up to").

The binding is loose (`by: misprint`, `wording: headline`): `restated-value` flags it with the slip that explains
the difference. The headline's few figures are compared with the body's figures of their kind, read once.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict

import regex

from ..models import Fact, Mention
from .restatemisprints import in_row, misprint, rounded_only, sentence_period
from .restatephrase import modified
from .restatespans import Spans
from .restateswaps import told_alike
from .subjects import Reading, stem, stop_words, titles_end

# how many words right before a figure, on its line, name it
_BEFORE_WORDS = 3
_WORDS = regex.compile(r"(?<![A-Za-z'’-])[A-Za-z][A-Za-z'’-]*")
# a move reaching the figure, right before it: its verb, maybe by how much, and "to"
_MOVED = regex.compile(r"(?i)\b(?:increas|decreas|ris|rose|gr[eo]w|climb|jump|f[ae]ll|declin|drop|rais|boost|lift)\w*"
                       r"(?:\s+by\s+[^\s,;]+)?\s+to\s+(?:[$€£]|[A-Z]{2,3}\$?\s?)?$")


def headline_slip_bindings(rule, figures: list[Mention], facts: list[Fact], reading: Reading,
                           generic: frozenset[str] = frozenset(), topic=None) -> list[Fact]:
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
    told = _told_again(facts, prose, end)
    _mark_named(facts, prose, end, body, reading, generic)
    out, spans = [], Spans(reading)
    for h in head:
        y = _named(h, body.get((h.kind, h.unit, h.currency), ()), reading, generic, told=told)
        if y is None:
            continue
        if y.id in bound or in_row(y, reading) or not misprint(h, y, reading, 2) \
                or _apart(h, y, reading) or spans.apart(h, y) \
                or topic is not None and not _named_alike(h, y, reading, generic, topic):
            continue
        out.append(Fact(id=0, type=rule.type, rule=rule.id, roles={"a": h.id, "b": y.id}, sentence=y.sentence,
                        attributes={"by": "misprint", "wording": "headline"}, strength="loose"))
        bound.update((h.id, y.id))
    return out


def _named_alike(h: Mention, y: Mention, reading: Reading, generic: frozenset[str], topic) -> bool:
    """Whether the body figure names a word of the headline figure's as the headline does: a word of it the body
    figure modifies ("a $205,000 milestone payment"), or a naming word before it that no other word modifies and that is no name
    (`restatetopics.Topic`: "Cloud revenue" under "Revenue Rises to", "Marvex used" under "Marvex Raises")."""
    return topic.title_alike(y, _naming(h, reading, generic), _naming(y, reading, generic))


def _apart(h: Mention, y: Mention, reading: Reading) -> bool:
    """Whether the headline figure and the body's are two things whatever their words: periods that clash or stand
    apart, or companions in their phrases that differ."""
    return not sentence_period(h, reading).compatible(sentence_period(y, reading)) \
        or _periods_apart(h, y, reading) or _companions_differ(h, y, reading) \
        or not _alike_running(h, y, reading)


# a running total in a figure's clause: "bringing milestone payments received to $5.25 million", "for a total of",
# "in aggregate", "to date"; one payment under the headline and the sum of all of them are two figures. "Bringing"
# tells a level reached, a total where what it brings is one ("Bringing Total Payments to"); a total's verb
# ("payments totaling") tells a sum that may be the one before the event ("Before this payment, ... had received
# payments totaling $5.7 million"), no running total the event brings, unless its clause runs it up to now
# ("Licensing payments totaling USD 695,950 received to date", `_NOW`; `_alike_running`)
_RUNNING = regex.compile(r"(?i)\b(?:(?P<broughttotal>(?:bring(?:s|ing)?|brought)\s+(?:the\s+)?"
                         r"(?:total|cumulative|aggregate))|(?P<brought>bring(?:s|ing)?|brought)"
                         r"|(?P<sum>total(?:s|ing|l?ed))|to[- ]date|so\s+far"
                         r"|cumulative(?:ly)?|in\s+(?:total|aggregate)|(?:a|the)\s+total\s+of|aggregate"
                         r"|since\s+(?:inception|launch))\b")
# a total run up to now, anywhere in the figure's clause: the one the event brings, whatever tells it
_NOW = regex.compile(r"(?i)\b(?:to[- ]date|so\s+far|cumulative(?:ly)?|since\s+(?:inception|launch))\b")
# a level a move reaches, told right before the figure ("Increases by 5% to $2.52")
_TO = regex.compile(r"(?i)\bto\s+(?:[$€£]|[A-Z]{2,3}\$?\s?)?$")


def _running(m: Mention, reading: Reading) -> str | None:
    """What running total the figure's clause tells: "brought" (a move brings something to it), "brought-total"
    (a move brings a total to it), "sum" (only a total's verb: "payments totaling"), "total" (other words say
    so: "to date", "a total of"), None."""
    lo = reading.bounds.clause_start(reading.bounds.sentence_of(m.start, m.end)[0], m.start)
    kinds = {next((k for k, v in t.groupdict().items() if v), "total")
             for t in _RUNNING.finditer(reading.text, lo, m.start)}
    if not kinds:
        return None
    if kinds & {"brought", "broughttotal"}:
        return "brought" if kinds == {"brought"} else "brought-total"
    return "sum" if kinds == {"sum"} else "total"


def _alike_running(h: Mention, y: Mention, reading: Reading) -> bool:
    """Whether the two tell a running total alike: both the same way or neither; a total a move brings and a level
    a move brings (the event's verb brings both); or a level one move brings something to and the other a level
    reached too ("Rate Increases by 5% to $2.52" and "bringing the annual rate to $2.52"). A total told otherwise
    ("a total of", "totaling") is no telling of one the event brings, it may be the one before it, unless its
    clause runs it up to now ("totaling USD 695,950 received to date")."""
    rh, ry = _running(h, reading), _running(y, reading)
    if rh == ry or {rh, ry} == {"brought", "brought-total"}:
        return True
    if "brought-total" in (rh, ry) and {rh, ry} & {"total", "sum"}:
        return _up_to_now(y if rh == "brought-total" else h, reading)
    text = reading.text
    return {rh, ry} == {"brought", None} and all(_TO.search(text, max(0, m.start - 8), m.start) for m in (h, y))


def _up_to_now(m: Mention, reading: Reading) -> bool:
    """Whether the figure's clause, before or after it, runs its total up to now ("received to date")."""
    bounds = reading.bounds
    lo = bounds.clause_start(bounds.sentence_of(m.start, m.end)[0], m.start)
    return bool(_NOW.search(reading.text, lo, bounds.clause_end(m.end)))


def _mark_named(facts: list[Fact], prose: list[Mention], end: int, body: dict[tuple, list[Mention]],
                reading: Reading, generic: frozenset[str]) -> None:
    """Mark a name's binding of a title figure and the one body figure of its kind modifying a phrase it
    modifies (`phrase: same`): the structure makes them one figure, whatever proper nouns the body's sentence
    adds (a dateline, the company's name), so two digits swapped in a figure of two show there."""
    by_id = {m.id: m for m in prose}
    for f in facts:
        if f.attributes.get("by") != "subject" or f.attributes.get("phrase"):
            continue
        a, b = by_id.get(f.roles.get("a")), by_id.get(f.roles.get("b"))
        if a is None or b is None or (a.end <= end) == (b.end <= end):
            continue
        h, y = (a, b) if a.end <= end else (b, a)
        if _named(h, body.get((h.kind, h.unit, h.currency), ()), reading, generic, phrase=True) is y \
                and not _apart(h, y, reading):
            f.attributes["phrase"] = "same"


def _told_again(facts: list[Fact], prose: list[Mention], end: int) -> frozenset[int]:
    """The body figures bound by value to a title figure: the body's telling of that figure, so no second
    member of a series another title figure heads ("Q3 Dividend of $0.0025" and "Q2 Dividend of $0.0025" over
    the two retold)."""
    at = {m.id: m.end for m in prose}
    out = set()
    for f in facts:
        if f.attributes.get("by") not in (None, "value"):
            continue
        ids = [i for i in f.roles.values() if i in at]
        if len(ids) == 2 and (at[ids[0]] <= end) != (at[ids[1]] <= end):
            out.add(ids[0] if at[ids[0]] > end else ids[1])
    return frozenset(out)


def _named(h: Mention, body: list[Mention], reading: Reading, generic: frozenset[str],
           phrase: bool = False, told: frozenset[int] = frozenset()) -> Mention | None:
    """The one body figure named by the headline figure's words: by the phrase both modify ("Licensing Payment"
    and "licensing payment pursuant to"), else by any of their naming words; None for none or two (a series).
    A body figure telling another title figure again (`told`) or a running total the headline's figure is not
    ("bringing the total to $5.25 million" after the payment) is no member of the series."""
    body = [y for y in body if y.id not in told and _alike_running(h, y, reading)]
    after = modified(h, reading) - generic
    if after:
        named = [y for y in body if not after.isdisjoint(modified(y, reading))]
        if named:
            return named[0] if len(named) == 1 else None
    if phrase:
        return None  # (`phrase`: only by the phrase both modify)
    words = _naming(h, reading, generic)
    named = [y for y in body if words and not words.isdisjoint(_naming(y, reading, generic))]
    if len(named) > 1:
        # the one body figure told in the headline's very words right before it, more of them than any other
        # ("a Cumulative Total of US$566,000" and "paid a cumulative total of US$656,000" beside "received a
        # total of US$1,345,950 in licensing revenues"): the headline's phrase, not a series
        runs = sorted(((told_alike(h, y, reading)[0], y) for y in named), key=lambda p: -p[0])
        if runs[0][0] >= _PHRASE_RUN and runs[0][0] > runs[1][0]:
            return runs[0][1]
    return named[0] if len(named) == 1 else None


# how many words right before a headline figure a body figure must repeat, in order, to be told by its phrase
_PHRASE_RUN = 3



# the periods a sentence names, read alike ("Q4" and "fourth quarter", "annual" and "full-year"); a year by its digits,
# but not a date's (a dateline's "May 2, 2025")
# (a running total is a period of its own: "year-to-date", "to date", "cumulative", "since launch"; so is a month
# a headline names, "in May")
_PERIODS = regex.compile(r"(?i)\b(?:(?P<cumulative>year[- ]to[- ]date|ytd|to[- ]date|cumulative(?:ly)?|since|so\s+far)"
                         r"|(?P<quarter>quarter(?:ly)?|q[1-4]|qtr)|(?P<year>annual|full[- ]year|fiscal|fy|the\s+year"
                         r"|(?:twelve|12)[- ]months?|year\s+ended)|(?P<half>half|h[12])|(?P<month>(?:three|six|nine|[369])[- ]months?)"
                         r"|(?P<named>(?:january|february|march|april|may|june|july|august|september|october|november|december)(?!\s+\d))"
                         r"|(?<!\d,\s?)(?P<digits>(?:19|20)\d\d))\b")


def _periods_apart(h: Mention, y: Mention, reading: Reading) -> bool:
    """Whether the two figures' sentences each name periods and none alike ("2025" and "2026", "Quarterly" and
    "Full-year", "in Q2" and "Year-to-date"), or the headline names none and the body sentence only a year other
    than the dateline's ("completed a $54 million offering in 2025" under a June 2026 dateline): a headline's
    figure and another period's, not one figure said twice."""
    said = []
    for m in (h, y):
        lo, hi = reading.bounds.sentence_of(m.start, m.end)
        said.append({k if k not in ("digits", "named") else v.lower() for found in _PERIODS.finditer(reading.text, lo, hi)
                     for k, v in found.groupdict().items() if v})
    if said[0] and said[1]:
        return said[0].isdisjoint(said[1])
    # (the dateline's year, as the metadata read it, is the time a headline naming no period speaks of)
    now = reading.dateline[:4] if reading.dateline else None
    years = {p for p in said[1] if p.isdigit()}
    return not said[0] and now is not None and bool(years) and years == said[1] and now not in years


# how far after a figure, in its phrase, a companion figure is read ("12.5 g/t Gold Over 21 Metres")
COMPANION_REACH = 40


def _companions_differ(h: Mention, y: Mention, reading: Reading) -> bool:
    """Whether each figure has a companion right after it in its phrase, of one kind and unit, and the two differ
    ("12.5 g/t over 21 metres" and "15.2 g/t over 12 metres"): two items told alike, not one figure mistyped."""
    prose = reading.prose_index[0]  # (every prose figure, in the text's order)
    pair = []
    for m in (h, y):
        k = bisect_right(prose, m.start, key=lambda x: x.start)
        nxt = prose[k] if k < len(prose) and prose[k].start - m.end <= COMPANION_REACH else None
        pair.append(nxt)
    a, b = pair
    return a is not None and b is not None and (a.kind, a.unit) == (b.kind, b.unit) and a.value != b.value


def _naming(m: Mention, reading: Reading, generic: frozenset[str]) -> frozenset[str]:
    """The words naming a figure: those it modifies right after it, and the naming words right before it on its
    line, back to the figure of its kind before it ("total assets now stand at $17.1 million, up from $16
    million" names the first only); stop words, generic words and the figure's own scale left out."""
    text = reading.text
    lo = max(text.rfind("\n", 0, m.start) + 1, _previous_end(m, reading))
    # (a level a move reaches is named by what moved: "Dividend Rate Increases by 5% to $2.52")
    moved = _MOVED.search(text, max(lo, m.start - 60), m.start)
    end = moved.start() if moved else m.start
    stops = stop_words()
    before = [stem(w) for w in _WORDS.findall(text, max(lo, end - 60), end)]
    # (the stop words right before it take no place among them: "total assets now stand at" names the assets)
    while before and before[-1] in stops:
        before.pop()
    before = before[-_BEFORE_WORDS:]
    return frozenset(w for w in (*before, *modified(m, reading)) if w not in stops and len(w) > 2) - generic


def _previous_end(m: Mention, reading: Reading) -> int:
    """Where the prose figure of m's kind right before it ends (0 for none)."""
    prose, at = reading.prose_index
    i = at.get(m.id)
    for o in reversed(prose[:i] if i is not None else ()):
        if (o.kind, o.unit, o.currency) == (m.kind, m.unit, m.currency):
            return o.end
    return 0

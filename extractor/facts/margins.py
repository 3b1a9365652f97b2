"""Margins: a percentage of revenue whose part and revenue are stated elsewhere in the paragraph or section.

"Adjusted EBITDA was EUR 51 million, representing an adjusted EBITDA margin of 14.6%" states the part and the
percentage; the revenue it is a margin of was given a sentence or a paragraph before. A margin is a share of a
whole: the part is the figure right before the percentage in its sentence (not a comparison's figure there,
"up from EUR 48 million"), the figure the phrase names right after it ("30% of revenues, or EUR 275 million"),
or failing those the nearest figure before it that names the margin's measure ("adjusted EBITDA"); the whole
is the nearest revenue figure for the same period, larger than the part, that is not itself a comparison
("compared to EUR 381 million in Q3"); "of total revenue" divides the revenue its paragraph calls the total,
or else the section's largest. A part a phrase joins to the margin (`JOINED`: "EUR 51 million, representing a
margin of") over the one revenue of its paragraph, or "of total sales" over the revenue its section opens on, is
tight: each role is the one its place names, read from the words whatever the figures' sizes, so a slip in any
of the three is flagged. Chosen among candidates, the binding is loose: a mismatch is flagged only where a known
slip explains it. A margin followed by the prior period's ("12.0%, compared to 12.5% a year ago") is read twice
the same way; where one of the two holds to three significant digits, the reading is confirmed and the other is
tight.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right

import regex

from ..models import Fact, Mention
from ..rules import compiled
from .footarith import significant_digits
from .marginperiods import own_span, period_span, quarters_of, words_span
from .marginsections import in_section, opens_section
from .marginshares import confirm_siblings, sibling
from .segments import outlook, sentence_start
from .subjects import REACH, Reading, content_words, magnitude, stem

# a figure this close before the percentage belongs to it even when it is a comparison's ("compared to
# $25.5 million (28.7% of revenues)"); further away a comparison's figure is not the part
ADJACENT = 25
# a revenue its sentence calls the total ("Total revenue was", "total revenues of")
TOTAL = regex.compile(r"(?i)\btotal\b")
# between a margin and the prior period's margin after it in the sentence
PRIOR = regex.compile(r"(?i)[^%;]{0,120}?\b(?:from|compared\s+(?:to|with)|versus|vs\.?|against)\s+(?:approximately\s+)?"
                      r"|\s*\(\s*")
# a figure in brackets right after another is the prior period's ("EUR 1,770 (1,401) thousand"), never the part
BRACKETED = regex.compile(r"(?:\d|\b(?:thousand|million|billion|m|bn))\s?\(\s?(?:[A-Z]{3}\s?|[$€£¥]\s?)?$")
# between a figure and its margin, the words that attach the margin to the figure before them
ATTACHED = regex.compile(r"(?i),?\s+(?:for|representing|which\s+represent(?:s|ed)?|equal(?:ling|s)?\s+to|corresponding\s+to|"
                         r"giving|reflecting)\s+(?:an?\s+|its\s+)?[^,;%.]{0,60}")
# between the percentages of a list "26.7% and 30.9%, respectively", and after its last one
LISTED = regex.compile(r"(?i)\s*(?:,\s*(?:and\s+)?|\s+and\s+)(?:approximately\s+|about\s+)?")
# the noun phrase before a margin's word: after the last clause mark, article or preposition
NOUN_PHRASE = regex.compile(r"(?is)(?:.*(?:[,;:(]|\b(?:a|an|the|with|of|for|by|in|on|at|to|from|and|or)\s))?(?P<np>[^,;:(]*)$")
# between a part and its margin, a phrase that joins the two ("$51 million, representing an adjusted EBITDA margin
# of ", "$598 million, or a ", "$3.0 million (", "$3.0 million, a margin of ", "$486 million and an adjusted EBITDA
# margin(1) of "), after the part's own period or comparison ("in the quarter", "compared to the prior year") or
# its change ("an increase of 10.6% year-over-year, and representing "): the part is the one its place names
JOIN = (r"or|and|representing|which\s+represent(?:s|ed)?|equal(?:ling|s)?(?:\s+to)?|corresponding\s+to|giving|"
        r"reflecting|for|at|with")
JOINED = regex.compile(
    r"(?i)(?:\s+(?:in|for|during|compared\s+(?:to|with)|versus|vs\.?)\b[^,;%$€£¥()]{0,40})?"
    r"(?:,\s+(?:an?\s+)?(?:increase|decrease|decline|rise|growth|up|down)\b[^,;$€£¥()\d]{0,30}"
    r"(?:[\d.,]+\s?%[^,;$€£¥()\d]{0,30})?)?"
    r"\s*(?:\(\s*|,?\s+(?:and\s+)?(?:" + JOIN + r")\s+(?:approximately\s+|about\s+)?(?:an?\s+|its\s+)?"
    r"(?:(?:[\w.&-]+\s+){0,4}?margins?(?:\s*\(\d\))?\s+(?:of\s+|at\s+)?)?"
    r"|,\s+(?:an?\s+|its\s+)?(?:[\w.&-]+\s+){0,4}?margins?(?:\s*\(\d\))?\s+(?:of\s+)?)")
# before a change's amount ("decreased by EUR 31 million", "an increase of $2.0 million"): no revenue's level
CHANGE = regex.compile(r"(?i)(?:\bby|\b(?:increase|decrease|rise|decline|growth|drop)\s+of)\s+(?:approximately\s+|about\s+)?$")
SPELLED_OUT = regex.compile(r"\s*\([^()]{3,80}\)\s*$")
RESPECTIVELY = regex.compile(r"(?i),?\s+respectively\b")


class _Cues:
    def __init__(self, opts: dict, text: str, mentions: list[Mention]):
        self.text = text
        self.by_id = {m.id: m for m in mentions}
        self.before = compiled(f"(?:{opts['cue_before']})\\s*$")
        self.after = compiled(opts["cue_after"])
        self.part_after = compiled(opts["part_after"]) if opts.get("part_after") else None
        self.reference = compiled(f"(?:{opts['reference_before']})\\s*$")
        self.whole_words = {stem(w) for w in opts["whole_words"]}
        self.generic = {stem(w) for w in opts.get("generic_words", [])}
        # words that compare a measure rather than name it ("a higher gross profit margin")
        self.comparative = {stem(w) for w in opts.get("comparative_words", [])}
        # a sentence that names one of these before revenue states that measure, not the revenue
        self.revenue_first = compiled(f"(?i)(?:(?!\\b(?:{opts['other_measures']})\\b)[^.;])*?\\b(?:{'|'.join(opts['whole_words'])})\\b")
        self.window = int(opts.get("window", 1200))
        self.whole_window = int(opts.get("whole_window", self.window))


def margins(rule, mentions: list[Mention], text: str = "", reading: Reading | None = None) -> list[Fact]:
    reading = reading or Reading(mentions, text)
    cues = _Cues(rule.options, text, mentions)
    money = [m for m in mentions if m.cell is None and m.kind == "money"]
    starts = [m.start for m in money]
    facts, last, joined = [], None, []
    percents = [m for m in mentions if m.cell is None and m.kind == "percent" and m.unit == "%"]
    for i, p in enumerate(percents):
        lo, hi = reading.bounds.sentence_of(p.start, p.end)
        run = _listed(percents, i, text)
        head = percents[run[0]]  # the list's first percentage, which its cue stands before
        lo = max(head.start - REACH, sentence_start(reading.bounds.sentence, text, head.start))
        before = text[max(lo, head.start - 90): head.start]
        cue = cues.before.search(before)
        after = cues.after.match(text, p.end)
        earlier = money[bisect_left(starts, p.start - cues.whole_window): bisect_left(starts, p.start)]
        prior = _prior(p, last, earlier, reading, cues) if not cue and not after else None
        if not cue and not after and prior is None:
            continue
        metric = _metric(before[: cue.start()] if cue else "", cues)
        paragraph = text.rfind("\n", 0, p.start)
        part = prior or _part_after(p, after, money, starts, cues, hi) or _respective(percents, i, run, earlier, lo, cues)
        if part is False:
            continue
        # the part a phrase names (after it, a list's, or joined to it: "$51 million, representing a margin of")
        phrased = part is not None and not prior
        phrase = (cue.group(0) if cue else "") + (after.group(0) if after else "")
        # the period the margin's own words name ("7.9% of revenue for the fourth quarter", "the margin for the
        # quarter"), else its part's
        own = own_span(p, text) or words_span(phrase)
        later = money[bisect_right(starts, p.end): bisect_right(starts, p.end + cues.window // 3)]
        part = part or _part(p, earlier, later, reading, metric, lo, cues, own)
        if part is None and not cue:
            part = _paragraph_part(earlier, reading, set(content_words(text[lo:p.start])) - cues.whole_words,
                                   paragraph, cues)
        if part is None or _revenue_as_margin(part, phrase, money, starts, reading, cues):
            continue
        phrased = phrased or (part.sentence == p.sentence and bool(JOINED.fullmatch(text, part.end, p.start)))
        # the segment the margin names ("E&M segment EBITDA margin"); a prior period's margin names the last one's
        named = last[2] if prior else metric - cues.whole_words - cues.generic
        args = (part, earlier, later, reading, cues, "total" in phrase.lower(), paragraph, named,
                own or period_span(part, reading))
        whole, placed = _whole(*args)
        if whole is None and phrased:
            # a part its phrase names a thousand times too big ("$25.0 billion, or 17.1% of revenue") keeps its
            # revenue: the whole need not exceed it, and the binding stays loose (a scale slip explains it)
            whole, placed = _whole(*args, slack=1000)[0], False
        if whole is None:
            continue
        tight = phrased and placed and not prior and _one_sentence(part, whole, named, text, lo)
        fact = Fact(id=0, type=rule.type, rule=rule.id, roles={"part": part.id, "whole": whole.id, "pct": p.id},
                    sentence=p.sentence, strength="tight" if tight else "loose")
        if prior:
            facts[-1], fact = _confirmed(facts[-1], fact, cues.by_id, reading)
        if not prior and "total" in phrase.lower():  # a share of the total: its siblings may confirm it
            joined.append(sibling(len(facts), p, part, after, paragraph, starts, reading))
        facts.append(fact)
        last = (p, part, named)
    return confirm_siblings(facts, joined, lambda f: _holds(f, cues.by_id, reading)) if len(joined) > 2 else facts


def _one_sentence(part: Mention, whole: Mention, named: set[str], text: str, lo: int) -> bool:
    """Whether a margin its phrase joins to its part and whose revenue its place names is tight: the revenue told
    in the part's own sentence, the margin naming the part's measure. A revenue told in another sentence may be
    another period's, the group's for a segment's part, or gross for net; one chosen so stays loose."""
    return whole.sentence == part.sentence and named <= set(content_words(text[max(lo, part.start - 120):part.start]))


def _confirmed(current: Fact, prior: Fact, by_id: dict[int, Mention], reading: Reading) -> tuple[Fact, Fact]:
    """A margin and the prior period's after it ("12.0%, compared to 12.5% a year ago"), each bound loosely the
    same way: where one holds to three significant digits, the part and revenue were read right for both, and the
    other is tight."""
    holds = [_holds(f, by_id, reading) for f in (current, prior)]
    return tuple(f.model_copy(update={"strength": "tight"}) if holds[1 - k] else f  # type: ignore[return-value]
                 for k, f in enumerate((current, prior)))


def _holds(fact: Fact, by_id: dict[int, Mention], reading: Reading) -> bool:
    part, whole, pct = (by_id[fact.roles[r]] for r in ("part", "whole", "pct"))
    if min(significant_digits(part), significant_digits(whole), significant_digits(pct) + 1) < 3:
        return False  # a rounded figure holds a wrong binding as well
    (p_lo, p_hi), (w_lo, w_hi), (c_lo, c_hi) = (reading.interval(m) for m in (part, whole, pct))
    return w_lo > 0 and p_lo * 100 / w_hi <= c_hi and p_hi * 100 / w_lo >= c_lo


def _metric(before: str, cues: _Cues) -> set[str]:
    """The measure a margin names: the last words of the phrase before "margin", after its article or preposition
    ("combined with a higher gross profit margin": gross profit), words that only compare it left out."""
    # a measure spelled out in brackets after its name is that name ("Adjusted EBIT (adjusted earnings before
    # interest and taxes) margin")
    phrase = NOUN_PHRASE.match(SPELLED_OUT.sub("", before))
    return set([w for w in content_words(phrase.group("np")) if w not in cues.comparative][-3:])


def _prior(p: Mention, last, earlier: list[Mention], reading: Reading, cues: _Cues):
    """"Gross margin ... increased to 31.6% ..., from 29.8% for the prior period": the percentage after the
    margin's "from" is the prior period's margin, its part the prior figure of the same measure."""
    if last is None or p.start - last[0].end > 160 or not PRIOR.fullmatch(cues.text, last[0].end, p.start):
        return None
    # the figure the margin's part is compared with in its own sentence ("EBITDA was $58.3 million ..., comparable
    # to $58.2 million in the prior year quarter") names the same measure, whatever words it carries
    beside = next((m for m in earlier if m.sentence == last[1].sentence and m.start > last[1].end), None)
    if beside is not None and _is_reference(beside, cues):
        return beside
    words = set(reading.subject(last[1]).words) - cues.whole_words
    for k in range(len(earlier) - 1, -1, -1):
        m = earlier[k]
        if m.id != last[1].id and _is_reference(m, cues) and words & set(reading.subject(m).words) \
                and not _compares_revenue(earlier[k - 1] if k else None, m, reading, cues):
            return m
    return None


def _listed(percents: list[Mention], i: int, text: str) -> tuple[int, int]:
    """The first and last index of the list "26.7% and 30.9%, respectively" the i-th percentage is in; (i, i) when
    it is in none."""
    first, last = i, i
    while first and LISTED.fullmatch(text, percents[first - 1].end, percents[first].start):
        first -= 1
    while last + 1 < len(percents) and LISTED.fullmatch(text, percents[last].end, percents[last + 1].start):
        last += 1
    return (first, last) if first < last and RESPECTIVELY.match(text, percents[last].end) else (i, i)


def _respective(percents: list[Mention], i: int, run: tuple[int, int], earlier: list[Mention], lo: int, cues):
    """"income of $31.3 million and adjusted income of $36.3 million, representing margins of 26.7% and 30.9%,
    respectively": the k-th percentage of the list is the k-th figure's, of those its sentence gives before the
    list. None when the percentage is in no such list or no figure comes before it; False when fewer figures than
    percentages do, which leaves the pairing unknown."""
    first, last = run
    if first == last:
        return None
    figures = [m for m in earlier if m.start >= lo and m.end <= percents[first].start and not _is_reference(m, cues)]
    if not figures:
        return None
    return figures[len(figures) - (last - first + 1) + i - first] if len(figures) > last - first else False


def _compares_revenue(before: Mention | None, m: Mention, reading: Reading, cues: _Cues,
                      named: frozenset[str] = frozenset()) -> bool:
    """"Segment revenues increased to $500.0 million, compared to $450.0 million": the prior figure of a revenue
    is a revenue, no margin's part (`named`: more words that name the figure before)."""
    return before is not None and before.sentence == m.sentence and not _is_reference(before, cues) \
        and bool(cues.whole_words & (set(reading.subject(before).words) | named))


def _is_change(m: Mention, cues: _Cues) -> bool:
    return bool(CHANGE.search(cues.text, max(0, m.start - 40), m.start))


def _is_reference(m: Mention, cues: _Cues) -> bool:
    return bool(cues.reference.search(cues.text, max(0, m.start - 60), m.start))


def _revenue_as_margin(part: Mention, phrase: str, money: list[Mention], starts: list[int], reading: Reading,
                       cues: _Cues) -> bool:
    """A margin's part is a profit, never the revenue itself ("revenue of $2.1 million, up 154%, with gross
    margin improving to 67.6%"); a share "of total revenues" may well be a segment's revenue. The part is named by
    its own words since the amount before it in its sentence ("revenue of $2.58 million, up 113%, with gross profit
    rising 115% to $1.73 million at a 67% margin": gross profit), else by its clause."""
    i = bisect_left(starts, part.start)
    words = _own_words(part, money[i - 1] if i else None, reading) or set(reading.subject(part).words)
    return "margin" in phrase.lower() and bool(cues.whole_words & words) and stem("margin") not in words


def _words_memo(_: list[Mention]) -> dict[tuple[int, int], frozenset[str]]:
    return {}


def _own_words(m: Mention, before: Mention | None, reading: Reading) -> frozenset[str]:
    """The words that name an amount since the amount before it in its sentence (a percentage between is no
    name: "Net sales increased by 23.2% and amounted to EUR 2,482 thousand" is net sales); read once a release."""
    memo = reading.derived(_words_memo)
    key = (m.id, before.id if before is not None else -1)
    if key not in memo:
        lo = reading.bounds.sentence_of(m.start, m.end)[0]
        since = before.end if before is not None and before.start >= lo else lo
        memo[key] = frozenset(content_words(reading.text[since:m.start]))
    return memo[key]


def _part_after(p: Mention, after, money: list[Mention], starts: list[int], cues: _Cues, hi: int):
    """"30% of Q4 revenues, or EUR 275 million": the phrase names its part right after the percentage; so does
    a margin named before it ("operating margin was 12.0%, or $60 million", not the gross profit told before)."""
    if cues.part_after is None:
        return None
    at = after.end() if after else p.end
    i = bisect_left(starts, at)
    if i >= len(money) or money[i].start >= hi:
        return None
    m = money[i]
    return m if cues.part_after.fullmatch(cues.text, at, m.start) else None


def _part(p: Mention, earlier: list[Mention], later: list[Mention], reading: Reading, metric: set[str], lo: int,
          cues: _Cues, span: str | None):
    near = [m for m in earlier if p.start - m.end <= cues.window]
    in_sentence = [m for m in near if m.start >= lo and p.start - m.end <= 90]
    for m in reversed(in_sentence):
        if BRACKETED.search(cues.text, max(0, m.start - 20), m.start):
            continue
        # "EUR 51 million, representing an adjusted EBITDA margin of 14.6%"; not "up from EUR 48 million", but
        # "compared to $9.5 million, for a margin of 7.8%": the phrase after the figure attaches the margin to it
        if p.start - m.end <= ADJACENT or not _is_reference(m, cues) or ATTACHED.fullmatch(cues.text, m.end, p.start):
            return m
    if not metric:
        return None
    subject = reading.subject
    # a margin after "from" is the earlier period's ("increased from 30.6% for the second quarter"): its part
    # is a figure of that period too
    earlier_period = _is_reference(p, cues)
    named = [m for m in near if metric <= set(subject(m).words) and subject(m).compatible(subject(p))
             and _is_reference(m, cues) == earlier_period and (span is None or period_span(m, reading) in (None, span))]
    if not named or "\n" in cues.text[named[-1].end:p.start]:
        # "Adjusted EBIT margin stood at 6.8%. Adjusted EBIT amounted to EUR 60 million.": the margin's paragraph
        # names its part in a sentence after it
        ahead = next((m for m in later if m.sentence > p.sentence and "\n" not in cues.text[p.end:m.start]
                      and metric <= set(subject(m).words) and not _is_reference(m, cues)), None)
        if ahead is not None:
            return ahead
    return named[-1] if named else None


def _paragraph_part(earlier: list[Mention], reading: Reading, words: set[str], paragraph: int, cues: _Cues):
    """"Revenue from display drivers came in at $25.0 million. ... Sales of display driver ICs accounted for
    10.5% of total revenues": the share's part is the figure the paragraph opened on, if it names the same."""
    for m in earlier:
        if m.start > paragraph and not _is_reference(m, cues):
            return m if words & set(reading.subject(m).words) else None
    return None


def _whole(part: Mention, earlier: list[Mention], later: list[Mention], reading: Reading, cues: _Cues,
           total: bool, paragraph: int, named: set[str], span: str | None, slack: int = 1) -> tuple[Mention | None, bool]:
    """The revenue a margin divides, and whether it is the one its place names, not chosen among candidates
    (`slack`: how many times larger than the whole the part may be)."""
    subject = reading.subject
    # a margin of this period divides this period's revenue; a margin given for the comparison ("compared to
    # $25.5 million (28.7% of revenues)") divides the comparison's revenue
    earlier_period = _is_reference(part, cues)
    size = magnitude(part)
    # a revenue's prior figure in its sentence ("revenues of $2.85 billion, on par with $2.85 billion in 2023") is
    # a revenue too, whatever words stand before it
    previous = {b.id: a for a, b in zip(earlier, earlier[1:])}

    def fits(m: Mention, sized: bool = True) -> bool:
        # the whole is larger than its part: a segment's revenue before it is not the total it is a share of
        bigger = not sized or size is None or (magnitude(m) or 0) * slack > size
        # (an outlook's range is no revenue a margin was earned on)
        return (m.id != part.id and m.currency == part.currency and bigger and not outlook(m, cues.by_id, cues.text)
                and (cues.whole_words & (set(subject(m).words) | _own_words(m, previous.get(m.id), reading))
                     or _compares_revenue(before := previous.get(m.id), m, reading, cues,
                                          _own_words(before, previous.get(before.id), reading) if before else frozenset()))
                and subject(m).compatible(subject(part)) and _is_reference(m, cues) == earlier_period
                # a quarter's cost is no share of the full year's revenue
                and (span is None or period_span(m, reading) in (None, span)))

    candidates = [m for m in earlier if fits(m)]
    # in the paragraph, the nearest revenue (a segment's margin of the segment's revenue); "of total revenues",
    # or a revenue stated paragraphs before, is the section's largest: the segments' figures come after it
    own = [m for m in candidates if m.start >= paragraph]
    # the one revenue of the paragraph is read from the words, whatever the sizes (a change's amount left out)
    levels = [m.id for m in earlier if m.start >= paragraph and not _is_change(m, cues) and fits(m, False)]
    if own and not total:
        return own[-1], levels == [own[-1].id]
    # "of total revenue" after the paragraph named its own total ("Total revenue was $50.0 million in the
    # quarter"): that one, not a larger revenue of another period paragraphs before
    called = [m for m in own if TOTAL.search(reading.text, reading.bounds.sentence_of(m.start, m.end)[0], m.start)]
    if called and total:
        return called[-1], [i for i in levels if i in {m.id for m in own}] == [called[-1].id] and len(called) == 1
    # ("..., corresponding to a margin of 5.2%. Sales increased to EUR 2,322 million": stated after it, in a
    # sentence of its own: in the margin's sentence, a revenue after it is another period's)
    ahead = [m for m in later if m.sentence > part.sentence and "\n" not in cues.text[part.end:m.start] and fits(m)]
    if ahead and not total:
        return ahead[0], False  # (told after the margin, it may be another period's: "For the nine months, ...")
    # paragraphs before, a revenue whose sentence names the part's quarter is a better whole than one that
    # names no period
    candidates = in_section(candidates, total, paragraph, reading, cues)
    quarters = quarters_of(part, reading)
    if quarters:
        candidates = [m for m in candidates if quarters_of(m, reading) == quarters] or candidates
    # a segment's margin divides the revenue of the segment it names ("E&M segment EBITDA margin" over
    # "E&M segment revenues"), the nearest such; any other the section's largest
    namesakes = [m for m in candidates if named & set(subject(m).words)] if named and not total else []
    if namesakes:
        return namesakes[-1], False
    if candidates:
        chosen = max(candidates, key=lambda m: magnitude(m) or 0)
        # "of total revenues" under a heading: the revenue the section opens on (the first stated first in its
        # sentence, read from the words whatever the sizes) is the total the share names
        return chosen, total and opens_section(chosen, [m for m in earlier if fits(m, False)], paragraph, reading, cues)
    return next((m for m in later if fits(m)), None), False

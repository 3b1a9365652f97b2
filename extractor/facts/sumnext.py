"""Sums across sentences: a total, and its parts in the sentence after it.

"Acme raised $2.4 billion from the sale of shares and convertible notes." then "It sold 50 million shares for
$1.4 billion, and convertible notes for $1.0 billion.": the total is the one figure of its kind and currency in
its sentence, no comparison and no change; the parts are every figure of that kind in the next sentence, listed
(commas, "and"), each smaller than the total, none a comparison or a change. The parts must be about what the
total's clause names: one of them names, in the words before it, a word that clause prints in lower case (a
name of the issuer is none); and their sentence goes on from the total's, opening no
bulleted line of its own and not saying that it adds other things or compares ("Separately", "also"). Read
across sentences, the binding is loose: a mismatch is flagged only where a known slip explains it.

The mirror image too: a total its sentence calls one ("The disposals represented a combined total of EUR 135.3
million", "... liquidity totaled $4.6 billion") after its parts in the sentences before it in its paragraph
(a bulleted line is a paragraph of its own): every figure of its kind there, each smaller, none a comparison or
a change nor part of another ("which included"), from the last running total before it ("bringing the total to
EUR 26.6 million. Other income was EUR 1.3 million, leading to a total of EUR 27.9 million"; a total of its own,
"sold other assets for a total of EUR 7.9 million", is a part like any other); no sentence of the parts names a
period the total's does not, and the total's sentence and the parts' sentences name something alike, in words
printed in lower case.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict

import regex

from ..intervals import exact
from ..models import Fact, Mention
from ..rules import compiled
from .restatedigits import digit_slip
from .restatemisprints import last_digit, printed_whole
from .subjects import Reading, Subject, content_words, magnitude, period_of, stem
from .sumlists import ITEM_LINE
from .sumwhole import other_part_after, subset_opening

KINDS = ("money", "shares", "number")
# between two parts of a list: a comma, a semicolon or "and"
JOINED = regex.compile(r"(?i)[^.]*?(?:,|;|\band\b)[^.]*")
# a word printed in lower case (a name of the issuer is none)
WORD = regex.compile(r"\b[a-z][\w-]*")
# the first letter of a sentence
SENTENCE_OPENING = regex.compile(r"(?:^|(?<=[.!?]\s))\s*[A-Z]")
# how far back a total's paragraph is read
PARAGRAPH_REACH = 3000
# the rest of a figure's clause
CLAUSE_REST = regex.compile(r"[^.;:,\n]{0,120}")


def sums_next(rule, mentions: list[Mention], text: str = "", reading: Reading | None = None) -> list[Fact]:
    reading = reading or Reading(mentions, text)
    excluded = (compiled(f"(?i)(?:{rule.options['excluded_before']})\\s*$"),
                compiled(f"(?i)\\s*(?:{rule.options['excluded_after']})"))
    apart = (compiled(f"\\W*(?:{rule.options['apart']})\\b"), compiled(f"(?i)\\b(?:{rule.options['apart_words']})\\b"))
    generic = {stem(w) for w in rule.options.get("generic_words", [])}
    limit = int(rule.options.get("parts", 6))
    # a parts' sentence that says it gives them all ("The offering consists of ...")
    # (the sentence opens on the thing itself, "The offering", "It", "These", never on another's: "Its capital")
    listing = compiled(f"(?:The|This|These|That|Such|It|They)\\b(?P<what>[^,;:]{{0,40}}?)\\b(?:{rule.options['listing']})\\b")
    # a part the words after it take out of the total ("250,000 shares withheld for taxes"): no plain list
    taken = compiled(f"(?i)^[^.;]{{0,80}}?\\b(?:{rule.options['taken_out']})\\b")
    # a count is summed only where it names its unit ("2.4 million acres"), never a span of time or a distance
    spans = compiled(f"(?i)(?:{rule.options['spans']})")
    by_sentence: dict[int, list[Mention]] = defaultdict(list)
    for m in mentions:
        if m.cell is None and m.kind in KINDS and (m.kind != "number" or m.unit and not spans.fullmatch(m.unit)):
            by_sentence[m.sentence].append(m)
    facts = []
    for i, figures in by_sentence.items():
        for kind in sorted({m.kind for m in figures}):
            parts = _parts(by_sentence, i, kind, text, excluded, limit)
            listed = _listed(parts, text, listing) if parts else False
            total = _total([m for m in figures if m.kind == kind], parts, text, excluded, listed)
            if total is None or listed is None or any(taken.match(text, p.end) for p in parts):
                continue
            listed = listed and _its_own(total, parts, text, listing, reading)
            if listed is not None and _about(total, parts, reading, generic) and _together(total, parts, text, apart) \
                    and _flat(total, parts, reading, within=None) and _whole(total, parts, reading, mentions):
                facts.append(_fact(rule, total, parts, listed))
    ordered = sorted((m for figures in by_sentence.values() for m in figures), key=lambda m: m.start)
    return facts + _sums_before(rule, ordered, reading, excluded, generic, limit)


def _sums_before(rule, ordered: list[Mention], reading: Reading, excluded, generic: set[str], limit: int) -> list[Fact]:
    """Each total its sentence calls one, bound to the parts its paragraph gave before it."""
    text = reading.text
    called = (compiled(f"(?i)(?:{rule.options['called_total']})[^.;:\\d]{{0,80}}$"),
              compiled(f"(?i)(?:{rule.options['running_total']})[^.;:\\d]{{0,80}}$"))
    within = compiled(f"(?i)(?:{rule.options['within']})[^.;:\\d]{{0,40}}$")
    starts = [m.start for m in ordered]
    facts = []
    for n, total in enumerate(ordered):
        if total.kind == "number" or not called[0].search(text, max(0, total.start - 120), total.start):
            continue
        # its paragraph, or its bulleted line, read back so far only (bounded work per total)
        reach = max(0, total.start - PARAGRAPH_REACH)
        start = max(reach, text.rfind("\n\n", reach, total.start) + 1)
        line = text.rfind("\n", reach, total.start) + 1
        if line and ITEM_LINE.match(text, line):
            start = max(start, line)
        lo = bisect_left(starts, start)
        # (a paragraph of dozens of figures before it is no list of parts)
        parts = _before(ordered[lo:n], total, text, excluded, called[1], limit) if n - lo <= 8 * limit else []
        if parts and _alike(total, parts, reading, generic) and _flat(total, parts, reading, within):
            facts.append(_fact(rule, total, parts))
    return facts


def _fact(rule, total: Mention, parts: list[Mention], listed: bool = False) -> Fact:
    roles = {"total": total.id, **{f"part_{n}": p.id for n, p in enumerate(parts, 1)}}
    return Fact(id=0, type=rule.type, rule=rule.id, roles=roles, sentence=total.sentence, strength="loose",
                attributes={"list": "full"} if listed else {})


def _listed(parts: list[Mention], text: str, listing) -> bool:
    """Whether the parts' sentence opens on the thing itself and says, before its first part, that they are all
    of it ("The offering consists of 8,400,000 shares sold by the company and ..."): no part was chosen among
    others, so the check takes a slip of one part as a known mistake too (`list: full`)."""
    return bool(_listing(parts, text, listing))


def _listing(parts: list[Mention], text: str, listing):
    start = text.rfind("\n", 0, parts[0].start) + 1
    start = max(start, text.rfind(". ", start, parts[0].start) + 2)
    return listing.match(text, start, parts[0].start)


def _its_own(total: Mention, parts: list[Mention], text: str, listing, reading: Reading) -> bool | None:
    """A listing names what it lists ("The 2024 offering consists of"): its last word must be named in the total's
    clause ("sold its offering of 9,000,000 shares"), else the listing is another thing's (None: no binding)."""
    what = content_words(_listing(parts, text, listing).group("what"))
    if not what:
        return True
    bounds = reading.bounds
    lo, hi = bounds.sentence_of(total.start, total.end)
    return True if what[-1] in set(content_words(text[lo:hi])) else None


def _before(earlier: list[Mention], total: Mention, text: str, excluded, running, limit: int) -> list[Mention]:
    """The parts before a total its sentence calls one: every figure of its kind, currency and unit of those its
    paragraph gave before it (`earlier`), from the last running total; none if any is a comparison or a change,
    is not smaller, or none lies in a sentence before the total's (one sentence's list is `sum`'s)."""
    parts = [m for m in earlier if m.kind == total.kind and m.currency == total.currency and m.unit == total.unit]
    for n in range(len(parts) - 1, -1, -1):
        if running.search(text, max(0, parts[n].start - 120), parts[n].start):
            parts = parts[n:]
            break
    size = magnitude(total)
    if not 2 <= len(parts) <= limit or parts[0].sentence == total.sentence or not size \
            or not all(_plain(m, text, excluded) and (magnitude(m) or size) < size for m in parts):
        return []
    return parts


def _alike(total: Mention, parts: list[Mention], reading: Reading, generic: set[str]) -> bool:
    """Whether the total's sentence and the parts' sentences name something alike, in lower-case words."""
    text, bounds = reading.text, reading.bounds
    lo, hi = bounds.sentence_of(total.start, total.end)
    first = max(bounds.sentence_of(parts[0].start, parts[0].end)[0], lo - PARAGRAPH_REACH)
    own = set(content_words(" ".join(WORD.findall(_opening_lowered(text[lo:hi]))))) - generic
    return bool(own & set(content_words(" ".join(WORD.findall(_opening_lowered(text[first:lo]))))))


def _flat(total: Mention, parts: list[Mention], reading: Reading, within) -> bool:
    """The parts are one flat list for the total's period: none is part of another ("which included $8.2
    million"), and no sentence of theirs names a period the total's does not ("in fourth quarter 2024" before
    "For full-year 2024, ... totaled")."""
    text, bounds = reading.text, reading.bounds
    if within is not None and any(within.search(text, max(0, p.start - 80), p.start) for p in parts):
        return False
    own = Subject((), *period_of(text[slice(*bounds.sentence_of(total.start, total.end))]))
    return all(own.compatible(Subject((), *period_of(text[slice(*bounds.sentence_of(p.start, p.end))])))
               for p in parts)


def _whole(total: Mention, parts: list[Mention], reading: Reading, mentions: list[Mention]) -> bool:
    """The list may be all the total adds: it opens on no subset ("Among its holdings, ..."), and no sentence
    after it names another part of the measure apart from it ("... are reported separately"), `sumwhole.py`."""
    return not subset_opening(reading, total, parts[0]) and not other_part_after(reading, total, parts, mentions)


def _opening_lowered(text: str) -> str:
    """The text with each sentence's first word in lower case: a word that opens a sentence is no name."""
    return SENTENCE_OPENING.sub(lambda m: m.group(0).lower(), text)


def _plain(m: Mention, text: str, excluded) -> bool:
    """Neither a comparison's figure ("from $8.0 million") nor a change ("up 5%", "a $2.0 million increase")."""
    before, after = excluded
    return not before.search(text, max(0, m.start - 40), m.start) and not after.match(text, m.end)


def _parts(by_sentence: dict[int, list[Mention]], i: int, kind: str, text: str, excluded, limit: int):
    """Every figure of the kind in the next sentence; none if any of them is a comparison or a change, or they
    are fewer than two (parts one sentence each are segments', `segments.py`)."""
    parts = [m for m in by_sentence.get(i + 1, []) if m.kind == kind]
    if not 2 <= len(parts) <= limit or not all(_plain(m, text, excluded) for m in parts) \
            or not all(JOINED.fullmatch(text, a.end, b.start) for a, b in zip(parts, parts[1:])):
        return []
    units = {m.unit for m in parts} - {None}
    currencies = {m.currency for m in parts}
    return parts if len(units) <= 1 and len(currencies) == 1 else []


def _total(candidates: list[Mention], parts: list[Mention], text: str, excluded, listed: bool = False) -> Mention | None:
    """The one plain figure of the sentence in the parts' currency and unit, larger than each of them (or of any
    size, where the parts' sentence says it lists them all: a part mistyped larger than the total is still one,
    far larger or one slip of its digits from what the total leaves after the others)."""
    if not parts:
        return None
    unit = next((m.unit for m in parts if m.unit), None)
    # the total's sentence gives one figure of the kind: with two, one may be the other's comparison
    plain = [m for m in candidates if m.currency == parts[0].currency and (m.unit is None or unit is None
             or m.unit == unit)]
    if len(plain) != 1 or not _plain(plain[0], text, excluded):
        return None
    size = magnitude(plain[0])
    over = [p for p in parts if (magnitude(p) or size) >= size]
    # (listed in full, one part may be a slip far larger than the total: "35,000,000" for 3,500,000, or "44,578,947"
    # for the 14,578,947 that adds up; a part only a little larger is otherwise the total of another thing)
    slipped = listed and len(over) == 1 and (magnitude(over[0]) >= 2 * size or _slipped(over[0], parts, plain[0]))
    return plain[0] if size and (not over or slipped) else None


def _slipped(part: Mention, parts: list[Mention], total: Mention) -> bool:
    """Whether a part printed whole is one slip of its digits (two swapped, one mistyped) from what the total leaves
    after the other parts."""
    rest = exact(total.value) - sum(exact(p.value) for p in parts if p is not part)
    return printed_whole(part) and rest > 0 and digit_slip(exact(part.value), rest, last_digit(part)) is not None


def _about(total: Mention, parts: list[Mention], reading: Reading, generic: set[str]) -> bool:
    """Whether a part's words name something the total's clause names, in words printed in lower case (a name of
    the issuer is none) before the total and after it up to the clause's end ("raised $2.4 billion from the sale
    of shares and notes")."""
    text, bounds = reading.text, reading.bounds
    clause = text[bounds.clause_start(bounds.sentence_of(total.start, total.end)[0], total.start):total.start]
    named = set(content_words(" ".join(WORD.findall(clause + CLAUSE_REST.match(text, total.end).group(0))))) - generic
    return any(named & set(reading.subject(p).words) for p in parts)


def _together(total: Mention, parts: list[Mention], text: str, apart) -> bool:
    """The parts' sentence goes on from the total's: it does not open a bulleted line of its own (a list of
    highlights), nor open on or say, before its first part, that it adds other things or compares."""
    opening, words = apart
    start = text.rfind("\n", 0, parts[0].start) + 1
    start = max(start, text.rfind(". ", start, parts[0].start) + 2)
    if "\n" in text[total.end:parts[0].start] and ITEM_LINE.match(text, text.rfind("\n", 0, parts[0].start) + 1):
        return False
    return not opening.match(text, start) and not words.search(text, start, parts[0].start)


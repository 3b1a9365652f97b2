"""Restatements in prose bound by the "from ... to ..." they stand in: a release that tells a move twice ("our
residential share has grown from 35% of the portfolio to 67%" in a quote, and "increased its residential share
from 35% as at June 30, 2021 to 67% as at December 31, 2024" in the highlights) gives both of its ends twice.
Where one end agrees with the other telling's same end, the other ends are one figure too, whatever words name
them (a quote and a bullet rarely share them) and whatever their values say: a slip in one printing of either
end leaves the binding in place, bound through the end that still agrees.

Two spans are one move told twice (`by: fromto`) when:

- each is a sentence's "from A ... to B" (or "to B ... from A"), A and B figures of one kind, unit and currency
  right after "from" and "to", with nothing but words (no figure of that kind, no ";") between them;
- they stand in two sentences, their ends of one kind, unit and currency, and one end of each agrees with the
  other's same end (one printed inside the other's rounding), the only span of the release whose end agrees so;
- the periods the ends' sentences name may be the same.

A slip is bound only where the two tellings are one thing on one basis for one period: the agreeing end's
period and the two sentences' periods compatible (a quarter's move and the year's may start from one figure);
the two tellings named by the same words (but for those telling the move), so that neither names something of
its own however long the sentences ("occupancy at the Eastgate property" and "occupancy at Westfield, a newer
asset": two buildings; "the dividend" and "the dividend on the preferred shares": a part); the same basis words in both sentences ("as previously reported",
"restated", "adjusted", "at constant currency", "segment": one telling on another basis is another figure);
and the two sentences no one template told of two things (the same words before the move but for one to three:
"In the Americas, margin improved from" and "In Europe, margin improved from"; or the same words before it and
each its own after it, "in the first tranche" and "in the second tranche").

Both ends agreeing bind both pairs. With one end agreeing, the other pair is bound only when one known misprint
relates the two (`restatemisprints.slipped`, or two digits swapped in a figure of two, "67%" and "76%": the
agreeing end vouches for the frame): two values no slip relates are two moves that start alike ("from
$10.0 million to $12.5 million" in the quarter and "from $10.0 million to $41.0 million" in the year).

A range told twice ("we expect revenue in the range of $3.0 billion to $3.1 billion" in a quote and "Revenue
is expected to be in the range of $3.0 billion to $3.1 billion" in the outlook) is read alike, compared with
ranges only. Its two ends are printed together, so tellings named alike in part (a word shared, the rest as
above) are one range when a scale slip or two digits swapped relates the other ends; one mistyped digit there
asks for the same names, as a move's does ("interest expense of $350 million to $400 million" and "non-core
items ... $360 million to $400 million" are two guidance items).

The binding is loose: `restated-value` flags it for a slip a reader would make (a scale slip, two digits
transposed or one mistyped), the span's other end vouching for it. The spans are read once a release, a few of
them, and only spans whose ends agree are compared.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict

import regex

from ..models import Fact, Mention
from .restatemisprints import in_row, misprint, slipped
from .restaterepeats import inside
from .restateswaps import parallel_sections
from .subjects import WORD, Reading, Subject, content_words, period_of, stems

# the words right before A ("from", "from a", "from approximately") and between A and B (up to "to", with no
# clause break); likewise "to B ... from A"
_BEFORE = regex.compile(r"(?i)\b(from|to)\s+(?:(?:an?|the|approximately|about|around|nearly|roughly|over)\s+){0,2}$")
_BETWEEN = regex.compile(r"(?i)[^;\n]{0,80}?\b(to|from)\s+(?:(?:an?|the|approximately|about|around|nearly|roughly|"
                         r"over|more\s+than)\s+){0,2}$")
_SHORT = regex.compile(r"(?i)\s*(?:\([^()]{0,20}\)\s*)?(?:in\s+[\w ]{0,20}?\s+)?from\s+(?:(?:an?|the|approximately|about)\s+){0,2}")
_FROM = regex.compile(r"(?i)\bfrom\b")
# how many words two sentences of one template differ by before their moves
_TEMPLATE = 3
# how far before A its "from" may stand, in characters
_LEAD = 40
_LETTER = regex.compile(r"[^\W\d_]")  # (a line holding no word before a range is a table's row)


def fromto_bindings(rule, figures: list[Mention], facts: list[Fact], of, together, reading: Reading) -> list[Fact]:
    ranges = _ranges(figures, reading)
    spans = _spans(figures, reading) + ranges
    if len(spans) < 2:
        return []
    told_as_range = {_key(r) for r in ranges}
    bound = {frozenset(f.roles.values()) for f in facts}
    words = _Words(rule.options)
    # spans by their ends' kind, so only spans of one kind are compared; each span with the others whose one end
    # agrees with its same end
    by_kind: dict[tuple, list[tuple[Mention, Mention]]] = defaultdict(list)
    for s in spans:
        # (a range is compared with ranges only: "$3.0 billion to $3.1 billion" and "from $3.0 billion to $3.4
        # billion" are a guidance and a move)
        by_kind[(*_kind(s[0]), _key(s) in told_as_range)].append(s)
    joined: dict[tuple[int, int], list[tuple[Mention, Mention]]] = defaultdict(list)
    for group in by_kind.values():
        for i, s in enumerate(group):
            for t in group[i + 1:]:
                if s[0].sentence != t[0].sentence and any(_agree(s[k], t[k], reading) for k in (0, 1)):
                    joined[_key(s)].append(t)
                    joined[_key(t)].append(s)
    out = []
    for s in spans:
        others = joined.get(_key(s), [])
        if len(others) != 1 or len(joined[_key(others[0])]) != 1 or s[0].start > others[0][0].start:
            continue  # one other telling, once (each pair of spans is read from its earlier span)
        t = others[0]
        ends = [_agree(s[k], t[k], reading) for k in (0, 1)]
        # a slip is bound only where the two tellings name one thing on one basis for one period, told by its
        # agreeing end, and are no one template of two things
        # (two ranges named alike only in part are one when a scale slip or two digits swapped relates them; one
        # mistyped digit is as likely two guidance items, "interest expense of $350 million to $400 million" and
        # "non-core items ... $360 million to $400 million")
        slips = not all(ends) and not _template(s, t, reading) and (
            "any" if _one_thing(s, t, ends, of, words, reading) else
            "unmistyped" if _key(s) in told_as_range and _one_thing(s, t, ends, of, words, reading, True) else None)
        for k in (0, 1):
            x, y = s[k], t[k]
            if frozenset((x.id, y.id)) in bound or together(x, y) \
                    or not reading.subject(x).compatible(reading.subject(y)):
                continue
            if ends[k] or slips and (slipped(x, y, reading, slips == "any") or misprint(x, y, reading, 2) == "transposed"):
                if _lopsided(s) and not _lopsided(t):
                    x, y = y, x  # the finding goes on b: the end of a range a hundred times wider than its ends
                out.append(Fact(id=0, type=rule.type, rule=rule.id, roles={"a": x.id, "b": y.id}, sentence=y.sentence,
                                attributes={"by": "fromto"}, strength="loose"))
    return out


def _spans(figures: list[Mention], reading: Reading) -> list[tuple[Mention, Mention]]:
    """Each sentence's "from A ... to B" (or "to B from A") as (A, B), consecutive prose figures of one kind: read
    from each "from" of the text and the figures either side of it, never from every pair of figures."""
    prose = sorted((m for m in figures if m.cell is None and m.range_with is None), key=lambda m: m.start)
    starts = [m.start for m in prose]
    text, out = reading.text, []
    for word in _FROM.finditer(text):
        i = bisect_left(starts, word.end())
        if i >= len(prose) or prose[i].start - word.end() > _LEAD:
            continue
        a = prose[i]
        lead = _BEFORE.search(text, max(0, a.start - _LEAD), a.start)
        if not lead or lead.group(1).lower() != "from":
            continue
        if i + 1 < len(prose) and _pair(a, prose[i + 1]):
            b = prose[i + 1]
            lead = _BETWEEN.match(text, a.end, b.start)
            if lead:
                if lead.group(1).lower() == "to":
                    out.append((a, b))
                continue  # "from A ... from B" is no move, nor "to B from A"
        if i and _pair(prose[i - 1], a) and _SHORT.fullmatch(text, prose[i - 1].end, a.start):
            b = prose[i - 1]
            lead = _BEFORE.search(text, max(0, b.start - _LEAD), b.start)
            if lead and lead.group(1).lower() == "to":
                out.append((a, b))  # "to B from A" as one phrase ("rose 8% to $12.5 million from $11.6 million")
    return out


def _ranges(figures: list[Mention], reading: Reading) -> list[tuple[Mention, Mention]]:
    """Each range printed in a sentence ("in the range of $3.0 billion to $3.1 billion") as (low end, high end): a
    range told twice gives both its ends twice, as a move does. (A row of a table the reader left unread is no
    sentence: two rows printing one range are two things, "| Nickel | 15 – 25 |" and "| Trident | 15 – 25 |", and
    figures opening a line, "33 — 26" under a label, are a row's cells with a dash between.)"""
    by_id, text = {m.id: m for m in figures}, reading.text
    out = []
    for m in figures:
        line = text[text.rfind("\n", 0, m.start) + 1:m.start]
        other = by_id.get(m.range_with) if m.cell is None and m.range_with is not None \
            and _LETTER.search(line) and not line.lstrip().startswith("|") and not in_row(m, reading) \
            else None
        if other is not None and other.start > m.start and other.sentence == m.sentence:
            out.append((m, other))
    return out


def _lopsided(span: tuple[Mention, Mention]) -> bool:
    """Whether one end of a span is a hundred times the other or more ("$3.0 million to $3.1 billion"): the
    telling with the slip, where the other is in proportion."""
    low, high = sorted(abs(float(m.value)) for m in span)
    return low > 0 and high >= 100 * low


class _Words:
    """The rule's word lists a slip's two tellings are compared by: words telling the move itself (which name
    no thing), and words naming a basis or a part (restated, adjusted, a segment)."""

    def __init__(self, options: dict):
        self.moves = stems(f"{options.get('link_words', '')} {options.get('move_words', '')}")
        self.basis = stems(f"{options.get('basis_words', '')} {options.get('part_words', '')}")


def _one_thing(s: tuple[Mention, Mention], t: tuple[Mention, Mention], ends: list[bool], of, words: _Words,
               reading: Reading, ranged: bool = False) -> bool:
    """Whether a slip's two tellings are one move: the agreeing end for one period, the two sentences' periods
    compatible; the two tellings named by the same words but for those telling the move (each naming something
    of its own is two things, "occupancy at Eastgate" and "occupancy at Westfield, a newer asset", and one
    naming more is a part, "the dividend on the preferred shares"); and the same basis words in both sentences
    (one "restated", "as previously reported", "adjusted", "on a constant currency basis" or "of the services
    segment" is another figure)."""
    k = ends.index(True)
    # (two sections headed alike, "Fourth Quarter 2024" and "Full Year 2024", tell one template of two things)
    if not reading.subject(s[k]).compatible(reading.subject(t[k])) or parallel_sections(s[0], t[0], reading):
        return False
    names = [(of(span[0]) | of(span[1])) - words.moves for span in (s, t)]
    # (a range is a bound pair already, its two ends printed together: two tellings naming a word alike are one,
    # a quote's "we expect revenue in the range of" and the outlook's "Revenue is expected to be in the range of")
    if not names[0] or (not names[0] & names[1] if ranged else names[0] != names[1]):
        return False
    said = []
    for span in (s, t):
        lo, hi = reading.bounds.sentence_of(span[0].start, span[0].end)
        said.append((Subject((), *period_of(reading.text[lo:hi])), frozenset(content_words(reading.text[lo:hi]))))
    return said[0][0].compatible(said[1][0]) and said[0][1] & words.basis == said[1][1] & words.basis


def _template(s: tuple[Mention, Mention], t: tuple[Mention, Mention], reading: Reading) -> bool:
    """Whether the two sentences word their moves alike but for a word or three ("In the Americas, margin
    improved from" and "In Europe, margin improved from"), or alike throughout before the move and each with
    words of its own after it ("... per unit in the first tranche" and "... in the second tranche"): one
    template told of two things. The same words throughout are one move told twice."""
    before, after = [], []
    for span in (s, t):
        a, b = sorted(span, key=lambda m: m.start)
        lo, hi = reading.bounds.sentence_of(a.start, a.end)
        before.append(set(w.lower() for w in WORD.findall(reading.text, lo, a.start)))
        after.append(set(w.lower() for w in WORD.findall(reading.text, b.end, max(b.end, hi))))
    if before[0] == before[1]:
        return bool(after[0] - after[1]) and bool(after[1] - after[0])
    return len(before[0] ^ before[1]) <= _TEMPLATE


def _pair(x: Mention, y: Mention) -> bool:
    return x.sentence == y.sentence and _kind(x) == _kind(y) and y.start - x.end <= 90


def _kind(m: Mention) -> tuple:
    return m.kind, m.unit, m.currency


def _key(s: tuple[Mention, Mention]) -> tuple[int, int]:
    return s[0].id, s[1].id


def _agree(x: Mention, y: Mention, reading: Reading) -> bool:
    return inside(x, y, reading) or inside(y, x, reading)

"""A figure printed once beside one the release prints again and again: "a cash dividend of $0.0025 per share"
in two subheads and the body, and "the payment date for the $0.0052 per share cash dividend" in the next
paragraph. The odd printing agrees with nothing, so no binding by value joins it; its name's family holds two
values, so a name's binding (`restatewords`) leaves it; its digits are two, so a misprint's binding
(`restatemisprints`) asks for more words than a sentence about a payment date shares with one about a record
date.

The printings that agree are the evidence the other bindings lack: one value the release tells two times or more,
in two sentences or more, is the figure, and a figure of its name one slip from it is that figure mistyped. A
figure is bound to the nearest printing of that value (`by: misprint`, `wording: majority`) when:

- it agrees with no figure and is bound to nothing;
- the figures of its kind, unit and currency that share a word of its name (its clause's subject, the words it
  modifies, the words right before it; the release's own name counts for none), outside its sentence, hold one
  value, which the release prints (under any name) in two sentences or more (a second value, whatever its
  digits, makes the name a series: two years, two segments, a goal and the rate reached);
- the two are two adjacent digits swapped (in two digits or more) or the same digits a thousand or more off
  (`restatemisprints.misprint`), and a swap in two digits shares two words of its name with that value's
  printings; one digit mistyped is left out (on the 1,622 real releases it bound nine pairs, all two figures: two
  debentures, a price and its rise, an address and a count of apartments);
- the figure is not told as another ("a further $205,000 milestone payment");
- their sentences name no clashing periods, their own words no two spans or times (`restatespans`), both carry
  the same bound or none, and a title's figure names the title's topic (`restatetopics`).

The binding is loose: `restated-value` flags it with the slip that explains it, and the odd printing is fixed to
the value the others agree on.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Callable

import regex

from ..models import Fact, Mention
from .restateentities import named_apart
from .restatemisprints import in_row, misprint, same_bound, sentence_period, significant
from .restatephrase import modified
from .restatespans import Spans
from .restateswaps import _ANOTHER, other_bounds, own_name, told_words
from .subjects import Reading, stem, stems, stop_words

_WORDS = regex.compile(r"[A-Za-z][A-Za-z'’-]*")
_PER_UNIT = regex.compile(r"\s*(?:per|a)\s+[a-z]+\b")
# how many printings, in how many sentences, make a value the one the release tells
_PRINTINGS = 2
# how many words of its name a figure of two digits shares with the value's printings
_SHORT_WORDS = 2


def majority_bindings(rule, figures: list[Mention], facts: list[Fact], of: Callable[[Mention], frozenset[str]],
                      together: Callable[[Mention, Mention], bool], reading: Reading, generic: frozenset[str],
                      topic=None) -> list[Fact]:
    """Each prose figure bound to nothing, bound to the value its name's other printings all hold, when one
    misprint relates their digits."""
    bound = {i for f in facts for i in f.roles.values()}
    prose = [m for m in figures if m.cell is None and m.range_with is None and not in_row(m, reading)]
    kinds: dict[tuple, list[Mention]] = defaultdict(list)
    for m in prose:
        kinds[(m.kind, m.unit, m.currency)].append(m)
    own = reading.of_text(own_name)
    out, spans = [], Spans(reading)
    unit = stems(str(rule.options.get("share_unit_words", "")))
    for group in kinds.values():
        values: dict[tuple, list[Mention]] = defaultdict(list)  # (by `value_key`: grouped, never computed with)
        for m in group:
            values[reading.value_key(m)].append(m)
        if len(values) < 2 or all(len(ms) < _PRINTINGS for ms in values.values()):
            continue  # (most kinds: no value printed twice, or one value only)
        named = generic | unit if group[0].kind == "shares" else generic
        by_word = None
        for y in group:
            if y.id in bound or len(values[reading.value_key(y)]) != 1:
                continue
            if by_word is None:
                # each word of the group's names -> the places of the figures it names: a figure's family is looked up
                # by its words, not read from every figure of its kind (a release's dozens of amounts, each asked)
                by_word = defaultdict(list)
                for i, m in enumerate(group):
                    for w in _name(m, of, reading, named):
                        by_word[w].append(i)
            x = _restated(y, group, by_word, of, together, reading, named, own)
            if x is None or spans.apart(x, y) \
                    or topic is not None and not topic.allows(x, y, of):
                continue
            out.append(Fact(id=0, type=rule.type, rule=rule.id, roles={"a": x.id, "b": y.id}, sentence=y.sentence,
                            attributes={"by": "misprint", "wording": "majority"}, strength="loose"))
            bound.add(y.id)
    return out


def _restated(y: Mention, group: list[Mention], by_word: dict[str, list[int]], of, together, reading: Reading,
              generic: frozenset[str], own: frozenset[str]) -> Mention | None:
    """The printing of the one value y's name family holds, printed in two sentences or more of the release, that
    y is a misprint of; None when the family holds another value too, or no slip relates them. `by_word` gives the
    places in `group` of the figures each word names."""
    words = _name(y, of, reading, generic) - own
    if not words:
        return None
    named = sorted({i for w in words for i in by_word.get(w, ())})  # (the figures sharing a word, in group order)
    family = [x for x in map(group.__getitem__, named) if x is not y and not together(x, y)]
    value = {reading.value_key(x) for x in family}
    if len(value) != 1 or len({x.sentence for x in group if reading.value_key(x) in value}) < _PRINTINGS:
        return None
    x = min(family, key=lambda m: abs(m.start - y.start))
    slip = misprint(x, y, reading, 2)
    if slip in (None, "mistyped") or not same_bound(x.qualifier, y.qualifier) or other_bounds(x, y, reading) \
            or _ANOTHER.intersection(told_words(y, reading)[0]):
        return None  # (a figure told as another, "a further $205,000 milestone payment", is a second thing)
    if slip == "transposed" and min(len(significant(x)), len(significant(y))) < 3 \
            and max(len(words & _name(m, of, reading, generic)) for m in family) < _SHORT_WORDS:
        return None  # two digits swapped: two words of its name, as a name's binding asks
    if named_apart(y, [m for m in group if reading.value_key(m) in value], reading, own):
        return None  # (its sentence names another field, series or project by name)
    period = sentence_period(y, reading)
    return x if all(sentence_period(m, reading).compatible(period) for m in family) \
        and all(reading.subject(m).compatible(reading.subject(y)) for m in family) else None


def _name(m: Mention, of, reading: Reading, generic: frozenset[str]) -> frozenset[str]:
    """A figure's name: its clause's subject (`of`), the words it modifies and the three words right before it on
    its line, stop words and generic ones left out."""
    said = reading.derived(_per_figure)
    if m.id not in said:
        text = reading.text
        # (on its line and in its clause: "Following the placement, 3,250,000 common shares" names no placement)
        # (only the last 40 characters are read: a mark further back bounds nothing, and an unbounded search for
        # one a release seldom prints, a bracket, ran back to its start for every figure)
        lo = max(0, m.start - 41)
        line = max(text.rfind(c, lo, m.start) for c in "\n,;(") + 1
        before = [stem(w) for w in _WORDS.findall(text, max(line, m.start - 40), m.start)][-3:]
        stops = stop_words()
        # a price's phrase runs past its unit ("the $0.0025 per share cash dividend")
        unit = _PER_UNIT.match(text, m.end)
        near = set(before) | set(modified(m, reading)) | (_after(unit.end(), text) if unit else set())
        said[m.id] = (of(m) | frozenset(w for w in near if len(w) > 2 and w not in stops)) - generic
    return said[m.id]


def _after(at: int, text: str) -> set[str]:
    """The words a phrase runs on with from `at`, on its line, to the first stop word or mark."""
    out: set[str] = set()
    for word in _WORDS.finditer(text, at, min(len(text), at + 40)):
        if text[at:word.start()].strip() or stem(word.group(0)) in stop_words() or len(out) == 3:
            break
        out.add(stem(word.group(0)))
        at = word.end()
    return out


def _per_figure(_mentions) -> dict:
    """The names read, kept for the release (a figure is read for each of its kind printed once)."""
    return {}

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

The headline's figure (the only one of its kind there) heads a family of its own: the body's figures of its
kind whose clauses name something the headline names.

The binding is loose: `restated-value` flags it only when a known slip (two digits transposed, one digit
other than the last mistyped in a figure of three digits or more, a thousand-fold slip between two figures
that both print their scale) explains the difference.
"""

from __future__ import annotations

from collections import defaultdict

from ..models import Fact, Mention
from .restatelabels import LabelReader
from .subjects import Reading, content_words, stem


def subject_bindings(rule, figures: list[Mention], reading: Reading) -> list[Fact]:
    options = rule.options
    skip = frozenset(stem(w) for w in str(options.get("link_words", "")).split())
    largest = int(options.get("max_family", 4))
    families: dict[tuple, list[Mention]] = defaultdict(list)
    for m in figures:
        if m.cell is not None or m.range_with is not None or m.qualifier:
            continue
        name = tuple(w for w in reading.subject(m).words if w not in skip)[-2:]
        if len(name) == 2:
            families[(m.kind, m.unit, m.currency, name)].append(m)
    labels = LabelReader({}, reading, options)  # reads each figure's period the way label bindings do
    facts = []
    candidates = [f for f in families.values() if len(f) <= largest] \
        + _headline_families(figures, reading, skip, int(options.get("max_headline_family", 8)))
    for family in candidates:
        if len(family) >= 2:
            pair = _odd_one(family, reading, labels)
            if pair is not None:
                odd, other = pair
                facts.append(Fact(id=0, type=rule.type, rule=rule.id, roles={"a": other.id, "b": odd.id},
                                  sentence=odd.sentence, attributes={"by": "subject"}, strength="loose"))
    return facts


def _headline_families(figures: list[Mention], reading: Reading, skip: frozenset[str], largest: int) -> list[list[Mention]]:
    """The headline's figure (the only one of its kind there) with the body's figures of its kind whose
    clauses name something the headline names ("Northgate Raises $18.6 Million" and "Northgate raised gross
    proceeds of $18.6 million")."""
    end = reading.text.find("\n")
    if end <= 0 or end > 300:
        return []
    named = set(content_words(reading.text[:end])) - skip
    heads = [m for m in figures if m.end <= end and m.cell is None]
    out = []
    for h in heads:
        if h.qualifier or h.range_with is not None or sum(1 for o in heads if o.kind == h.kind) != 1:
            continue
        family = [h] + [m for m in figures if m.start > end and m.cell is None and m.kind == h.kind
                        and m.unit == h.unit and m.currency == h.currency and not m.qualifier
                        and m.range_with is None and named.intersection(reading.subject(m).words)]
        if len(family) <= largest:
            out.append(family)
    return out


def _odd_one(family: list[Mention], reading: Reading, labels: LabelReader) -> tuple[Mention, Mention] | None:
    """The figure printed once whose family otherwise holds one value, with the nearest figure of that value;
    None when the family holds one value, or three or more, or a period clash splits it."""
    subjects = [labels.period(m) for m in family]
    if any(not a.compatible(b) for i, a in enumerate(subjects) for b in subjects[i + 1:]):
        return None
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
    return odd[0], other

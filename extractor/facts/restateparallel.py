"""Restatements in prose bound by where the figures stand among others said twice: a study's summary paragraph
("... a base case gold price of US$1,750/oz; average annual gold production of 75,900 oz Au for a total LOM
payable output of 851,900 oz Au") and its highlights ("- Average annual gold production of 75,900 oz Au" between
the same price and the same output) tell one list twice. A figure of the one list stands where the other
list's figure stands: its neighbours agree with the other one's neighbours, so the two are one figure whatever
their own values say, and a slip in one of them unbinds nothing.

A figure is bound to the one the other list prints in its place (`by: parallel`) when:

- a neighbour next to it (the prose figure right before it or right after it, in its sentence or the line
  next to it) agrees with a neighbour of the other figure on the same side, bound by value to it, and the
  neighbours on both sides that agree name the same place (one candidate, never two);
- the two stand alike on both sides: where one has a neighbour near it, the other has one on that side too,
  and the two agree when they are of one kind (two paragraphs of one template about two things share some
  figures, not all); neighbours of two kinds are where the two lists part;
- the two figures are of one kind, unit and currency, in two sentences, their names share a word and
  their periods may be the same;
- the two differ by one misprint (`restatemisprints.slipped`): figures no slip relates are two figures, in two lists of one
  template (a quarter's paragraph and the year's, a purchase price and an exercise price);
- the words right before the two do not part on two things ("The trial enrolled" and "the company enrolled",
  `restateswaps.named_apart`) nor tell one as another ("Separately");
- the figure agrees with no figure of the release (it would be bound by value) and is bound to nothing else,
  the other agrees elsewhere, or else the later of the two is the one said again.

The binding is loose: `restated-value` flags it only for a slip a reader would make (a scale slip, two digits
transposed or one mistyped, in three digits or more): the place chose the figure, not its name nor its value
(on the real corpus, no finding either way; on dev's prose restatements, 8 more mistyped digits caught of 186).
"""

from __future__ import annotations

from typing import Callable

from ..models import Fact, Mention
from .restatemisprints import misprint, slipped
from .restatephrase import modified
from .restateswaps import named_apart
from .subjects import Reading

# how far, in characters, a neighbour may stand from the figure: its sentence, or the line next to it
_REACH = 160


def parallel_bindings(rule, figures: list[Mention], facts: list[Fact], of: Callable[[Mention], frozenset[str]],
                      together: Callable[[Mention, Mention], bool], reading: Reading) -> list[Fact]:
    prose = sorted((m for m in figures if m.cell is None), key=lambda m: m.start)
    at = {m.id: i for i, m in enumerate(prose)}
    # each prose figure's agreeing prose partners
    agree: dict[int, set[int]] = {}
    for f in facts:
        if f.attributes.get("by") not in (None, "value", "twice", "chain"):
            continue
        a, b = f.roles.get("a"), f.roles.get("b")
        if a in at and b in at:
            agree.setdefault(a, set()).add(b)
            agree.setdefault(b, set()).add(a)
    bound = {i for f in facts for i in f.roles.values()}
    used: set[int] = set()
    out = []
    for y in prose:
        if y.id in bound or y.id in used or y.range_with is not None or y.qualifier:
            continue
        i = at[y.id]
        places = set()
        for step in (-1, 1):
            j = i + step
            if not 0 <= j < len(prose) or not _near(prose[j], y):
                continue
            for k in agree.get(prose[j].id, ()):
                n = at[k] - step  # the figure in y's place beside the agreeing neighbour
                if 0 <= n < len(prose) and _near(prose[at[k]], prose[n]):
                    places.add(prose[n].id)
        if len(places) != 1:
            continue
        x = prose[at[places.pop()]]
        if not _aligned(x, y, prose, at, agree):
            continue
        if x is y or x.kind != y.kind or x.unit != y.unit or x.currency != y.currency or together(x, y) \
                or x.range_with is not None or x.qualifier or reading.interval(x) == reading.interval(y):
            continue
        flanked = _flanked(x, y, prose, at, agree, reading)
        if not of(x) & of(y) or not reading.subject(x).compatible(reading.subject(y)) \
                or not (slipped(x, y, reading) or flanked and misprint(x, y, reading, 2) == "transposed") \
                or named_apart(x, y, reading, things=not flanked):
            continue
        if x.id in used or x.id not in agree and x.start > y.start:
            continue  # of two printed once each, the later is the one said again
        out.append(Fact(id=0, type=rule.type, rule=rule.id, roles={"a": x.id, "b": y.id}, sentence=y.sentence,
                        attributes={"by": "parallel", **({"phrase": "same"} if flanked else {})}, strength="loose"))
        used.update((x.id, y.id))
    return out


def _aligned(x: Mention, y: Mention, prose: list[Mention], at: dict[int, int], agree: dict[int, set[int]]) -> bool:
    """Whether the two figures stand alike on both sides: a neighbour on one side of one has a neighbour on that
    side of the other, and the two agree (two paragraphs of one template about two properties share a yield
    and differ in the units leased either side of it: two lists, not one told twice)."""
    for step in (-1, 1):
        ends = []
        for m in (x, y):
            j = at[m.id] + step
            ends.append(prose[j] if 0 <= j < len(prose) and _near(prose[j], m) else None)
        nx, ny = ends
        if nx is not None and ny is not None and (nx.kind, nx.unit) != (ny.kind, ny.unit):
            continue  # the lists part there ("a decrease of $87.2 million (39%)", "... $87.2 million. The $350 million")
        if (nx is None) != (ny is None) or nx is not None and (nx is y or ny is x or ny.id not in agree.get(nx.id, ())):
            return False
    return True


def _flanked(x: Mention, y: Mention, prose: list[Mention], at: dict[int, int], agree: dict[int, set[int]],
             reading: Reading) -> bool:
    """Whether the two stand between agreeing neighbours on both sides and modify a word alike ("grading 1.25%
    Ni, 0.67% Cu and 0.05% Co" told twice): the place alone makes them one figure, so two digits swapped in a
    figure of two show (`phrase: same`, which `restated-value` reads as it does for a name's binding)."""
    for step in (-1, 1):
        ends = [at[m.id] + step for m in (x, y)]
        if not all(0 <= j < len(prose) and _near(prose[j], m) for j, m in zip(ends, (x, y))) \
                or prose[ends[1]].id not in agree.get(prose[ends[0]].id, ()):
            return False
    return not modified(x, reading).isdisjoint(modified(y, reading))


def _near(a: Mention, b: Mention) -> bool:
    lo, hi = sorted((a, b), key=lambda m: m.start)
    return hi.start - lo.end <= _REACH

"""The bindings of two printings that disagree, in the order they are made: each binds figures no value binds,
by structure (a line the wire prints twice at the top, a misprint of one name, a headline's slip, a sentence and
a cell, one list or one move told twice, a value the release tells again and again, a figure spelled out), and
each sees the bindings made before it, so a figure is bound once, by the first structure that reads it."""

from __future__ import annotations

from ..models import Fact, Mention
from .restatecellslips import cell_misprint_bindings
from .restateentities import keep_same_things
from .restatefromto import fromto_bindings
from .restateheadslips import headline_slip_bindings
from .restatemajority import majority_bindings
from .restatemisprints import misprint_bindings
from .restateparallel import parallel_bindings
from .restaterepeats import together
from .restatespelled import spelled_bindings
from .restatetwice import duplicate_bindings
from .subjects import Reading


def slip_bindings(rule, mentions: list[Mention], figures: list[Mention], facts: list[Fact], names, topic,
                  by_id: dict[int, Mention], reading: Reading) -> list[Fact]:
    """The bindings of printings that disagree, each seeing those before it; `names` reads a figure's name (`of`)
    and the words naming nothing (`generic`). A cell's misprint keeps no two things apart: its row names one."""
    of, generic, out = names.of, names.generic, []
    for bind, apart in ((lambda f: duplicate_bindings(rule, figures, f, reading), False),
                        (lambda f: misprint_bindings(rule, figures, f, of, together, reading, topic), True),
                        (lambda f: headline_slip_bindings(rule, figures, f, reading, generic, topic), True),
                        (lambda f: cell_misprint_bindings(rule, figures, f, of, reading), False),
                        (lambda f: parallel_bindings(rule, figures, f, of, together, reading), True),
                        (lambda f: majority_bindings(rule, figures, f, of, together, reading, generic, topic), True),
                        (lambda f: fromto_bindings(rule, figures, f, of, together, reading), True),
                        (lambda f: spelled_bindings(rule, mentions, f, reading), True)):
        made = bind(facts + out)
        out += keep_same_things(made, by_id, reading) if apart else made
    return out

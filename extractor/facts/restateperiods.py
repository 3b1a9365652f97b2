"""The period a prose figure is for when its own sentence names none: the one its paragraph named before it
("Operating expenses for the fourth quarter of 2024 were $59.6 million. General and administrative expenses
were $21.3 million ..."), or the one the heading over its paragraph or its list names ("Fiscal Year 2024
Overview" over "- Net sales of $313.9 million").

Only a period named fully and alone counts: one year with one quarter, or one year named as a full year. A
paragraph or heading naming two ("Fourth Quarter and Full Year 2024 Results") says nothing of which one a
figure is for.

A year a figure's clause names alone ("Revenues for 2024 were") is that year's full year when its paragraph or
heading names the full year of that year ("Full Year 2024 Results Summary"), never a quarter they name.
"""

from __future__ import annotations

import regex

from .subjects import Subject, period_of

# How far back a heading is looked for, in lines: a list of highlights under it, not the release's top.
_LINES_BACK = 40
# A heading is a short line with no sentence end; longer lines are prose.
_HEADING_LENGTH = 100
_BULLETS = ("-", "*", "+", "•", "–", "—")


def context_period(text: str, start: int, sentence_start: int, period_of, cache: dict) -> tuple | None:
    """The period named before the figure in its paragraph, else by the heading over the paragraph (and the
    bullets between): (years, quarters, full year), or None."""
    paragraph = text.rfind("\n\n", 0, start) + 1
    if sentence_start > paragraph:
        named = _one_period(period_of(text[paragraph:sentence_start]))
        if named is not None:
            return named
    if paragraph not in cache:
        cache[paragraph] = _heading_period(text, paragraph, period_of)
    return cache[paragraph]


def full_year(own: tuple, text: str, start: int, sentence_start: int, period_of, cache: dict) -> tuple:
    """A clause's period (years, quarters, full year) completed: one year named alone is its full year when the
    paragraph or heading over the figure names that year's full year."""
    if len(own[0]) != 1 or own[1] or own[2]:
        return own
    named = context_period(text, start, sentence_start, period_of, cache)
    return (own[0], own[1], True) if named and named[2] and named[0] == own[0] else own


def _heading_period(text: str, at: int, period_of) -> tuple | None:
    """The period the nearest heading above names."""
    line = heading_line(text, at)
    return None if line is None else _one_period(period_of(line))


def heading_line(text: str, at: int) -> str | None:
    """The nearest heading above `at`: lines back, passing blank lines and bullets, to the first short line that
    ends no sentence; a line of prose on the way means no heading over it."""
    end = at
    for _ in range(_LINES_BACK):
        if end <= 0:
            return None
        begin = text.rfind("\n", 0, end - 1) + 1
        line = text[begin:end].strip()
        end = begin
        if not line or line.startswith(_BULLETS):
            continue
        if len(line) > _HEADING_LENGTH or line.endswith((".", "!", "?")):
            return None
        return line
    return None


def _one_period(period: tuple) -> tuple | None:
    years, quarters, full_year = period
    if len(years) != 1 or len(quarters) > 1 or bool(quarters) == full_year:
        return None
    return period


# a period a figure states right after it: a few words with no break ("per share"), then the word stating it; a
# word dating something else ("payable in January 2025", "due in 2027") is no such word
_STATES = regex.compile(r"[ \t]*(?:(?!(?:payable|paid|due|record|recorded|maturing|matures|expiring|expires|"
                        r"effective|delivery|deliveries)\b)[a-z][\w'-]*[ \t]+){0,3}?(for|in|at|as of|during)[ \t]+",
                        regex.I)
# where that period ends: a clause break (not the comma of a date) or the next comparison
_PERIOD_END = regex.compile(r"[;!?]|\.(?!\d)|,(?![ \t]*\d{4})|\b(?:compared|versus|vs|against|from|to|up|down|and)\b",
                            regex.I)


def stated_period(prose, text: str, end: int) -> tuple | None:
    """The period a prose figure states right after it, before `end` (its sentence's end): "for", "in", "at",
    "as of" or "during" after at most three words and no break ("$0.52 for the fourth quarter of 2024",
    "$230.5 million at December 31, 2024"), as (years, quarters, full year), else None. A payable or record
    date ("payable in January 2025", or after a comma), or a later clause's year, is no period of the figure."""
    stated = _STATES.match(text, prose.end, end)
    if stated is None:
        return None
    stop = _PERIOD_END.search(text, stated.end(), end)
    words = text[stated.end():stop.start() if stop else end]
    own = period_of(words)
    return own if any(own) else None


class StatedPeriods:
    """Whether two figures agreeing in value and names are for one period: by the period a prose figure states
    right after it (`stated_period`: "compared to $0.43 for the same period in 2023"), whatever
    its clause names, else by its clause's. Two sentences' figures that each state their own period are
    compared by those ("compared to NT$2.18 for 4Q23" and "compared to NT$2.13 for 4Q23 and NT$2.18 for 3Q24":
    the second's clause names 4Q23 before it, its own period is 3Q24)."""

    def __init__(self, reading):
        self.reading, self.own = reading, {}

    def compatible(self, x, y, sx, sy) -> bool:
        clause = sx.compatible(sy)
        if x.cell is not None and y.cell is not None:
            return clause
        if x.cell is None and y.cell is None:
            return clause if None in (self._stated(x), self._stated(y)) else not self.apart(x, y)
        prose, of_cell = (x, sy) if y.cell is not None else (y, sx)
        if (stated := self._stated(prose)) is None:
            return clause
        years, quarters, full = stated
        # (where the clause fits, only another year refuses: a fiscal "Third Quarter Ended December 31" column
        # is the "three months ended December 31" a sentence names)
        own = Subject((), years, quarters, full)
        return own.compatible(of_cell) if not clause else not of_cell.years or not years or bool(years & of_cell.years)

    def apart(self, x, y) -> bool:
        """Whether two prose figures each state a period of their own right after them, and those clash: two
        figures, however alike their digits and names."""
        stated = [self._stated(m) for m in (x, y)]
        return None not in stated and not Subject((), *stated[0]).compatible(Subject((), *stated[1]))

    def _stated(self, prose) -> tuple | None:
        """The period a prose figure states right after it, read once a figure."""
        if prose.id not in self.own:
            end = self.reading.bounds.sentence_of(prose.start, prose.end)[1]
            self.own[prose.id] = stated_period(prose, self.reading.text, end)
        return self.own[prose.id]

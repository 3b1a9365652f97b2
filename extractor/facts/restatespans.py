"""What tells two figures of one name apart by the span or the time they are for, read in each figure's own words.

A name binding (`by: subject`) ties a headline's figure to a body figure that shares a word with it; the period
guard (`Subject.compatible`) only parts figures whose years or numbered quarters clash. Two figures are also
two when their own words (from the figure before to the figure after, in their sentence) name:

- two spans: a quarter ("Quarterly Revenue", "Q4", "three months"), a half ("First Half", "six months",
  "H1"), nine months, a month ("monthly", "per month") or a year ("full-year", "annual", "fiscal 2025", "for
  the year", "twelve months", "year ended"); each must name one span alone, and the two must differ;
- two times: one figure for an earlier period ("last year", "a year earlier", "the prior year") or an
  expected one ("expects", "outlook", "guidance", "forecast"), the other not alike, told in the words right
  before it (in its phrase) or right after it. An earlier period after a comparing word ("up from ... a year
  ago") is the other figure's, not this one's;
- a balance and a flow: one figure stated at a day ("as of December 31", "at quarter-end", "balance") and the
  other over a span ("in the quarter", "during 2024", "recognized"); each must name one footing alone.

Read once per figure asked about (a family's few members), never over all pairs of a release's figures.
"""

from __future__ import annotations

import regex

from ..models import Mention
from .subjects import Reading, titles_end

_SPANS = (
    ("quarter", regex.compile(r"(?i)\b(?:q[1-4]|[1-4]q|quarter(?:ly)?|(?:three|3)[\s-]months?)\b")),
    ("half", regex.compile(r"(?i)\b(?:(?:first|second)[\s-]half|h[12]|[12]h|half[\s-]year(?:ly)?|(?:six|6)[\s-]months?"
                           r"|semi-?annual(?:ly)?)\b")),
    ("nine", regex.compile(r"(?i)\b(?:nine|9)[\s-]months?\b")),
    ("month", regex.compile(r"(?i)\b(?:monthly|per\s+month|a\s+month|each\s+month)\b")),
    ("year", regex.compile(r"(?i)\b(?:full[\s-]year|fiscal\s+(?:year|(?:19|20)\d\d)|fy\s*'?\d\d(?:\d\d)?"
                           r"|(?<!semi-?)annual(?:ly|ized)?|(?:twelve|12)[\s-]months?|year[\s-]end(?:ed|ing)"
                           r"|(?:for|in|over)\s+the\s+(?:full\s+)?year(?![\s-](?:ago|earlier|before|over|on|to)\b))\b")),
)
_PRIOR = regex.compile(r"(?i)\b(?:(?:a|one|the)\s+year\s+(?:earlier|ago|before)|year[\s-]earlier|(?:last|prior|previous|"
                       r"preceding)[\s-]+(?:fiscal\s+)?(?:year|quarter|period|season)|same\s+(?:quarter|period)\s+"
                       r"(?:a\s+year\s+earlier|last\s+year))\b")
_FUTURE = regex.compile(r"(?i)\b(?:outlook|guidance|forecast(?:s|ed)?|expects|expected\s+to\s+(?:be|reach|total|come|grow|"
                        r"rise|increase|exceed)|(?:will|would)\s+(?:be|reach|total))\b")
# a figure stated at a day (a balance) and one over a span (a flow): two things, whatever their digits
_FOOTINGS = (
    ("day", regex.compile(r"(?i)\b(?:as\s+(?:of|at)|balances?|at\s+(?:the\s+end\s+of|(?:quarter|year|period|month)[\s-]end"
                          r"|(?:January|February|March|April|May|June|July|August|September|October|November|December)\b)"
                          r"|outstanding\s+at|on\s+hand)\b")),
    ("span", regex.compile(r"(?i)\b(?:during|recogni[sz]ed|in\s+the\s+(?:quarter|year|period|month)|for\s+the\s+(?:quarter|year"
                           r"|period|month|three|six|nine|twelve|fiscal|full)|over\s+the\s+(?:quarter|year|period|course))\b")),
)
# the words before a figure a change reaches
_REACHED = regex.compile(r"(?i)\bto\s+(?:(?:approximately|about|nearly|almost|over|a\s+record(?:\s+high)?\s+of)\s+)?$")
# how far before and after a figure the words telling its time are read, in characters
_TIME_BEFORE, _TIME_AFTER = 50, 30
_COMPARING = regex.compile(r"(?i)\b(?:from|compared|versus|vs|than|over|against)\b")


class Spans:
    """Each asked figure's span and time, read once."""

    def __init__(self, reading: Reading):
        self.reading = reading
        self._read: dict[int, tuple] = {}

    def apart(self, x: Mention, y: Mention, same_digits: bool = False) -> bool:
        """Whether the two figures' own words name two spans or two times. A headline's figure told with no
        time, printed in the same digits as the body's a scale apart (`same_digits`), is apart from no time:
        "Gross Proceeds of Approximately $478,000" over proceeds "expected to be approximately $478,000,000" is
        one figure ("Reports Revenue of $415 Million" over revenue "expected to reach $451 million" is two)."""
        (sx, tx, fx), (sy, ty, fy) = self._of(x), self._of(y)
        title = same_digits and any(m.end <= titles_end(self.reading.text) and t is None for m, t in ((x, tx), (y, ty)))
        return tx != ty and not title or bool(sx and sy and sx != sy) or bool(fx and fy and fx != fy)

    def _of(self, m: Mention) -> tuple:
        if m.id not in self._read:
            self._read[m.id] = self._own(m)
        return self._read[m.id]

    def _own(self, m: Mention) -> tuple:
        reading = self.reading
        text = reading.text
        lo, hi = reading.bounds.sentence_of(m.start, m.end)
        prose, at = reading.prose_index
        i = at.get(m.id)
        if i is not None:  # the figures before and after it bound its words; a date does not ("year ended December 31")
            before = next((o for o in reversed(prose[max(0, i - 4):i]) if o.kind != "date"), None)
            after = next((o for o in prose[i + 1:i + 5] if o.kind != "date"), None)
            if before is not None and lo <= before.end <= m.start:
                lo = before.end
            if after is not None and m.end <= after.start <= hi:
                hi = after.start
        own_before, own_after = text[lo:m.start], text[m.end:hi]
        both = own_before + " " + own_after
        spans = {name for name, pattern in _SPANS if pattern.search(both)}
        span = next(iter(spans)) if len(spans) == 1 else None
        footings = {name for name, pattern in _FOOTINGS if pattern.search(both)}
        # (a figure a change reaches, "grew during the quarter to $69.5 million", is the balance at the span's end)
        footing = next(iter(footings)) if len(footings) == 1 and not _REACHED.search(own_before) else None
        # its time: told in the words right before it, in its phrase, or right after it, before any comparing word
        near_before = own_before[max(own_before.rfind(","), len(own_before) - _TIME_BEFORE) + 1:]
        near_after = own_after[:_TIME_AFTER]
        time = None
        if _FUTURE.search(near_before):
            time = "future"
        elif _PRIOR.search(near_before):
            time = "prior"
        elif (prior := _PRIOR.search(near_after)) is not None and not _COMPARING.search(near_after, 0, prior.start()):
            time = "prior"
        return span, time, footing

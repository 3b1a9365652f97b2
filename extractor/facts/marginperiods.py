"""The period a margin's figures are of: a quarter or a full year, as the words right after a figure, since the
figure before it, or its sentence name it ("$571 million for the fourth quarter of 2024 and $2,373 million for the
full-year 2024"). A margin's part and revenue are of one span; a quarter's cost is no share of the full year's
revenue."""

from __future__ import annotations

import regex

from ..models import Mention
from .subjects import Reading, period_of

# a sentence of a quarter's figures ("for the quarter", "4Q24"), against one of a full year's
QUARTER_WORDS = regex.compile(r"(?i)\b(?:quarter|three\s+months|[1-4]Q\d{2}|Q[1-4])\b")
# the words right after a figure, before the next figure, clause mark or comparison: the period they name is the
# figure's own ("$571 million for the fourth quarter of 2024 and $2,373 million for the full-year 2024")
OWN_WORDS = regex.compile(r"[^\d$€£¥;.,]{0,60}?(?=[\d$€£¥;.,]|\b(?:compared|versus|vs|from|up|down|an?|while)\b|$)")


def quarters_of(m: Mention, reading: Reading) -> frozenset[int]:
    return period_of(reading.text[slice(*reading.bounds.sentence_of(m.start, m.end))])[1]


def _span_memo(_: list[Mention]) -> dict[tuple[int, int], str | None]:
    return {}


def _own_memo(_: list[Mention]) -> dict[int, str | None]:
    return {}


def words_span(words: str) -> str | None:
    """Whether the words name a quarter or a full year, when they name one of the two only."""
    quarter, year = bool(QUARTER_WORDS.search(words)), period_of(words)[2]
    return None if quarter == year else "quarter" if quarter else "year"


def own_span(m: Mention, text: str) -> str | None:
    """The period the words right after the figure name, before anything else comes."""
    own = OWN_WORDS.match(text, m.end)
    return words_span(own.group(0)) if own else None


def period_span(m: Mention, reading: Reading) -> str | None:
    """Whether the figure is about a quarter or a full year: the period its own words name, after it or since the
    figure before it ("an EBITA for the full year of NOK 523.4 million"), or else its sentence's when that names
    one of the two only (each read once a release)."""
    owns = reading.derived(_own_memo)
    if m.id not in owns:
        before = reading.neighbours(m)[0]
        lo = max(reading.bounds.sentence_of(m.start, m.end)[0], before.end if before else 0)
        owns[m.id] = own_span(m, reading.text) or words_span(reading.text[lo:m.start])
    if owns[m.id]:
        return owns[m.id]
    bounds = reading.bounds.sentence_of(m.start, m.end)
    memo = reading.derived(_span_memo)
    if bounds not in memo:
        sentence = reading.text[slice(*bounds)]
        memo[bounds] = words_span(sentence)
    return memo[bounds]

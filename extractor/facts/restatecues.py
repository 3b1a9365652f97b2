"""What a prose figure's own words say it is not, read by the label bindings (`restatelabels.py`): a figure
introduced as a part of the one before it ("capital expenditures were $6.1 million, of which $1.6 million was
funded by customers") restates no row its clause names, nor does a figure its words right after it adjust
("Free Cash Flow was $70 million before a $20 million litigation settlement payment": the row prints the
figure after it), and a figure marked as reported before a restatement ("$14.2 million in 2023 as previously
reported") restates no column headed "as restated", and a figure told as a difference ("$65 million lower than Q3
2024") restates no level; nor does a figure its sentence looks ahead to ("The company expects ... amortization of
approximately $65 million": next year's, where the tables print this year's)."""

from __future__ import annotations

import regex

from ..models import Mention
from .subjects import WORD, Reading, stem

# the words right before a figure that make it a part of the figure before it
_PART = regex.compile(r"(?i)\b(?:of\s+which|of\s+that(?:\s+amount)?|funded\s+by)\s+(?:\w+\s+){0,2}$")
# the words right after a figure that say it leaves something out of the measure its row prints
_ADJUSTED = regex.compile(r"(?i)\A,?\s*(?:before|excluding|exclusive\s+of|prior\s+to|absent|without)\s+(?:the\s+|a\s+|an\s+|its\s+)?"
                          r"(?:[$€£]|\d|(?:impact|effect|benefit|cost|charge|payment|settlement|one-time|non-recurring|special|"
                          r"litigation|restructuring|impairment|gain|loss|acquisition|transaction)\w*\b)")
# the words after a figure that say it is as reported before a restatement
_REPORTED = regex.compile(r"(?i)^[^.;$€£]{0,40}?\b(?:as\s+)?(?:previously|originally|initially)\s+reported\b")
# the words right after a figure that make it a difference between two figures, not either of them ("EBITDA of $455
# million was $65 million lower than Q3 2024", "$12 million more than a year ago", "... was $65 million lower."): no
# level a row prints
_DIFFERENCE = regex.compile(r"(?i)\A\s*(?:(?:or|and)\s+[\d.,]+\s*%\s+)?(?:higher|lower|more|less|greater|fewer|above|below|better|worse)"
                            r"(?:\s+(?:than|compared|versus|vs\b)|\s*(?:[.;,)]|$))")
# a column header saying its figures are restated
_RESTATED = regex.compile(r"(?i)\b(?:as\s+)?restated\b")
# how far before a figure its cue words are looked for
_BEFORE = 40


def part_or_reported(p: Mention, reading: Reading) -> str:
    """"part" when the words right before p introduce it as a part of the figure before it ("adjusted" when
    the words right after it leave something out: "before a $20 million settlement payment"), "reported" when
    the words after it (before any other figure) say it is as reported before a restatement, "difference" when
    they compare it ("$65 million lower than Q3 2024": the gap between two levels), else ""."""
    lo, hi = reading.bounds.sentence_of(p.start, p.end)
    if _PART.search(reading.text, max(lo, p.start - _BEFORE), p.start):
        return "part"
    if _ADJUSTED.match(reading.text[p.end:hi]):
        return "adjusted"
    if _REPORTED.search(reading.text[p.end:hi]):
        return "reported"
    if _DIFFERENCE.match(reading.text[p.end:hi]):
        return "difference"
    return ""


def restated_column(cell: Mention) -> bool:
    """Whether a cell's column header says its figures are restated."""
    return cell.cell is not None and bool(_RESTATED.search(cell.cell.column_path or cell.cell.column_header or ""))


def looked_ahead(p: Mention, reading: Reading, forecast: frozenset[str]) -> bool:
    """Whether p's sentence names a word of looking ahead (`forecast`, stemmed: "expects", "guidance") before p:
    the figure is a period's to come, and a table prints the periods past. Each sentence is read once, for where
    its first such word stands (a long sentence of many figures is not read again for each)."""
    lo, hi = reading.bounds.sentence_of(p.start, p.end)
    firsts = reading.derived(_per_sentence)
    if (lo, forecast) not in firsts:
        firsts[lo, forecast] = next((w.start() for w in WORD.finditer(reading.text, lo, hi)
                                     if stem(w.group(0)) in forecast), None)
    first = firsts[lo, forecast]
    return first is not None and first < p.start


def _per_sentence(_mentions) -> dict:
    """Where each sentence names its first word of looking ahead, kept for the release."""
    return {}

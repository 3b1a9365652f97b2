"""The section a margin stands under: the paragraphs after the last heading before it. A segment's heading heads its
revenue and its margin; "of total revenues" under a heading names the revenue the section opens on."""

from __future__ import annotations

import regex

from ..models import Mention
from .subjects import Reading

# a line of its own between blank lines, short, no list item or table row: a heading
HEADING = regex.compile(r"\n\n(?P<h>[^\s\-*•–|][^\n|]{2,78})(?=\n\n)")


def in_section(candidates: list[Mention], total: bool, paragraph: int, reading: Reading, cues) -> list[Mention]:
    """The revenues under the heading the margin stands under, where there are any: a section's own ("CMOS sensors
    and ASICs segment" heads its revenue and its margin; the headline's full-year revenue is no quarter's whole),
    each stated first in its sentence (not a margin's sentence that names revenues: "Gross margin decreased ... on
    lower revenues, from $37.7 million"). "Of total revenues" is the whole release's, unless a heading stands
    between: under a segment's heading that states the segment's revenues first, "of the total net revenues"
    divides those ("4Q24 Highlights - ATM" / "Net revenues were NT$88,363 million" / "Raw material cost ...,
    representing 28% of the total net revenues")."""
    lo = candidates[0].start if candidates else paragraph
    section = _section(cues.text, lo, paragraph)
    if total and section <= lo:
        return candidates
    return [m for m in candidates if m.start >= section and cues.revenue_first.match(
        cues.text, reading.bounds.sentence_of(m.start, m.end)[0], m.start)] or candidates


def _section(text: str, lo: int, paragraph: int) -> int:
    """Where the section the paragraph stands in starts: after the last heading between lo and it, else lo."""
    last = lo
    for m in HEADING.finditer(text, lo, paragraph):
        if not m.group("h").rstrip().endswith((".", ":", ";", ",", "!", "?")):
            last = m.end()
    return last


def opens_section(chosen: Mention, revenues: list[Mention], paragraph: int, reading: Reading, cues) -> bool:
    """Whether the revenue chosen is the one the margin's section opens on under a heading (the first of the
    section's `revenues` stated first in its sentence, read from the words whatever the figures' sizes)."""
    start = max(0, paragraph - cues.whole_window)
    section = _section(cues.text, start, paragraph)
    if section <= start:
        return False
    opening = next((m for m in revenues if section <= m.start < paragraph and cues.revenue_first.match(
        cues.text, reading.bounds.sentence_of(m.start, m.end)[0], m.start)), None)
    return opening is not None and opening.id == chosen.id

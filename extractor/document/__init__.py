"""Text in -> Document: the text with its sentences and tables, all as character offsets.

* sentences start at punctuation and line breaks, read with an abbreviation list, so "Inc.", "U.S.",
  "No. 5", "approx." and initials do not end a sentence, and decimal points never do;
* tables are the financial tables (Markdown pipe tables and fixed-width columns inside ``` fences),
  every numeric cell read with its row label, column header and the table's unit note (`tables`).

Every later stage reads the text and these offsets; nothing reads spaCy tokens, so the document is
built without them (a spaCy Doc is made only for a spaCy user: see `extractor.component`).
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from functools import lru_cache

import regex

from ..rules import lexicon
from .tables import MAX_HEADER_ROWS, Cell, TableRegion, find_tables, in_pipe_line

__all__ = ["Cell", "Document", "MAX_HEADER_ROWS", "TableRegion", "continues_line", "find_tables", "in_pipe_line",
           "read_document", "sentence_index", "sentence_starts"]


@dataclass
class Document:
    """What the quantities stage is handed: the analysed text, where its sentences start, its tables."""

    text: str
    sentence_starts: list[int]
    tables: list["TableRegion"]


def read_document(text: str) -> Document:
    return Document(text, sentence_starts(text) or [0], find_tables(text))


# ---------------------------------------------------------------- sentences

_SENTENCE_END = regex.compile(
    r"""
    [.!?][\"'”’)\]]*               # terminal punctuation, maybe closed by quotes
    ([ \t]+)                       # a space (the group: read first, a look-behind was tried at every character)
    (?=[\"'“‘(\[]?[\p{Lu}\d])      # then a capital or digit, maybe after an opening quote
    """,
    regex.X,
)
_NON_SPACE = regex.compile(r"\S")
_LINE_BREAK = regex.compile(r"\n[ \t]*(?=\S)")
_INITIALS = regex.compile(r"(?:\p{L}\.)*\p{L}")
WRAPPED_PROSE = 60  # a line at least this long, broken off on a word, is prose a wire wrapped
_MONEY_SIGNS = frozenset("$€£¥")
# words no sentence ends on: a line broken off after one goes on, whatever the next line opens with
_OPEN_WORDS = frozenset("of the a an and or to by for in with from at on as its their our per".split())


@lru_cache(maxsize=None)
def _abbreviations() -> frozenset[str]:
    return frozenset(a.lower() for a in lexicon()["abbreviations"])


def _is_abbreviation(text: str, dot: int) -> bool:
    """True when the period at `dot` closes an abbreviation or an initial, not a sentence."""
    # The word before the period starts after the last white space (plain rfind: a regex anchored at
    # the end would try every start in the window).
    # (looked for in the 64 characters before it: no abbreviation is longer, and a search back to the start of
    # a text with no tab was quadratic over many sentences)
    lo = max(0, dot - 64)
    start = max(text.rfind(" ", lo, dot), text.rfind("\n", lo, dot), text.rfind("\t", lo, dot), lo - 1) + 1
    word = text[start:dot].lstrip("(\"'“‘[").rstrip(".").lower()
    if not word:
        return False
    if word in _abbreviations():
        return True
    # Initials and dotted acronyms: "J. Smith", "U.S.", "N.V."
    return bool(_INITIALS.fullmatch(word))


def headline_end(text: str) -> int:
    """Where the release's headline (its first line, when it is a line of a title's length) ends, or 0."""
    end = text.find("\n")
    return end if 0 < end <= 300 else 0


def continues_line(text: str, brk: int, nxt: int) -> bool:
    """Whether the line at `nxt` continues the sentence a line break at `brk` wrapped: it starts lower-case after
    a line ending in no stop ("for the quarter,\nrepresenting 52% of the total net revenues"), or with a figure
    after a line of prose that breaks off on a word ("for the quarter, representing\n10% of the total")."""
    c = text[nxt: nxt + 1]  # (asked first: most lines start with a capital or are blank)
    if c.isupper() and text[brk - 1: brk].islower():
        # a long line of prose broken off on a word no sentence ends on ("shares of\nCommon Stock offered by")
        lo = brk - 6
        return brk - text.rfind("\n", 0, brk) > WRAPPED_PROSE and text[lo:brk].rsplit(" ", 1)[-1] in _OPEN_WORDS
    if not (c.islower() or c.isdigit() or c in _MONEY_SIGNS) or not text[brk - 1: brk].strip() \
            or text[brk - 1] in ".!?:":
        return False
    # (a label over its figures, a line of its own in a stacked table, is shorter than a wrapped line of prose)
    return c.islower() or text[brk - 1].islower() and brk - text.rfind("\n", 0, brk) > WRAPPED_PROSE


def sentence_starts(text: str) -> list[int]:
    """Character offsets where sentences start (always includes the first non-space)."""
    starts = []
    first = _NON_SPACE.search(text)
    if first:
        starts.append(first.start())
    for m in _LINE_BREAK.finditer(text):
        if not continues_line(text, m.start(), m.end()):
            starts.append(m.end())
    for m in _SENTENCE_END.finditer(text):
        dot = m.start(1) - 1
        while dot > 0 and text[dot] in "\"'”’)]":
            dot -= 1
        if text[dot] == "." and _is_abbreviation(text, dot):
            continue
        starts.append(m.end(1))
    return sorted(set(starts))


def sentence_index(starts: list[int], offset: int) -> int:
    return max(bisect.bisect_right(starts, offset) - 1, 0)

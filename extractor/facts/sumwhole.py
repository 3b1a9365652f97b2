"""Whether a list of parts read across sentences may be all that its total adds up.

A total and a list in the sentence after it (`sumnext.py`), or a list by holder and the level its measure was
given (`sumelided.py`), are bound by their shape; two things in the text say the list is not the whole:

- the list's sentence opens on a subset, named apart from the total: "Among its industrial holdings, ...",
  "Of the new money raised this year, ..." (the list is of those only). An opening that takes up the total
  itself ("Of this, ...", "Of the total, ...", "Of the $2.4 billion, ...", "Of the proceeds, ...") is no subset,
  nor an "Of the ..." every word of which the total's sentence names ("Of the deposits at year end").
- the rest of the list's sentence, or the sentence after it in its paragraph, names the measure again and another
  part of it the list leaves out: "Assets under management in the new fund are reported separately", "not
  included"; or opens on "Including ..." / "Excluding ..." and gives the measure a figure of the list's kind
  ("Including the proposed dividend of NOK 300 million, net asset value was ...").

Each reads a few sentences around one list: no work over pairs of figures.
"""

from __future__ import annotations

from bisect import bisect_left

import regex

from ..models import Mention
from .subjects import Reading, content_words

# the list's sentence opens on a subset: "Among ...", or "Of ..." that does not take up the total itself
SUBSET = regex.compile(r"\W*(?:Among\b|Of\s+(?!(?:this|that|these|those|it|them|which)\b"
                       r"|(?:the|its|their|our|this|that)\s+(?:total|amount|sum|figure|proceeds|balance|combined|"
                       r"aggregate|overall)\b|[^,.;]{0,16}\d)(?P<what>[^,.;]{1,80}),)")
# words by which an "Of ..." opening takes up the total itself
BACK = frozenset(("total", "amount", "sum", "figure", "proceeds", "balance", "combined", "aggregate", "overall"))
# another part of the measure said to be apart from the list
SEPARATE = regex.compile(r"(?i)\b(?:(?:reported|shown|presented|disclosed|accounted\s+for|managed|held|"
                         r"counted|included)\s+separately|not\s+included\s+(?:in|above)|excluded\s+from)\b")
# the total stated with or without another part ("Including the proposed dividend, net asset value was ...")
WITH_OTHER = regex.compile(r"\W*(?:Including|Excluding|Not\s+including)\b")
# words of a measure's name that name no measure of their own ("net asset value" and "net income")
GENERIC = frozenset(("net", "total", "gross", "adjusted", "reported", "company", "group"))


def subset_opening(reading: Reading, total: Mention, first: Mention) -> bool:
    """Whether the list's sentence opens on a subset the total's sentence does not name ("Among its holdings",
    "Of the new money raised")."""
    text, bounds = reading.text, reading.bounds
    start = text.rfind("\n", 0, first.start) + 1
    start = max(start, text.rfind(". ", start, first.start) + 2)
    opening = SUBSET.match(text, start, first.start)
    if opening is None:
        return False
    what = opening.group("what")
    if what is None:
        return True
    lo, hi = bounds.sentence_of(total.start, total.end)
    # ("Of the deposits at year end" takes up "Deposits were $4.5 billion at year end": every word named)
    return bool(set(content_words(what.lower())) - set(content_words(text[lo:hi].lower())) - BACK)


def other_part_after(reading: Reading, total: Mention, parts: list[Mention], figures: list[Mention]) -> bool:
    """Whether the rest of the list's sentence, or the next sentence of its paragraph, names the total's measure
    again and a part of it apart from the list ("... are reported separately"; "Including the proposed dividend
    of NOK 300 million, net asset value was ..." with a figure of the list's kind). `figures` are the text's
    figures in order of position (searched by position, not walked)."""
    text, bounds = reading.text, reading.bounds
    last = parts[-1]
    _, end = bounds.sentence_of(last.start, last.end)
    rest = text[last.end:end]
    following = ""
    if text[end:end + 1] == "." and text[end + 1:end + 2] == " ":
        lo, hi = bounds.sentence_of(end + 2, end + 2)
        following = text[lo:hi]
    lo, _ = bounds.sentence_of(total.start, total.end)
    clause = text[bounds.clause_start(lo, total.start):total.start].lower()
    measure = set(content_words(clause)) - GENERIC
    for said, at in ((rest, last.end), (following, end + 2)):
        if not said or not measure & set(content_words(said.lower())):
            continue
        if SEPARATE.search(said):
            return True
        if WITH_OTHER.match(said):
            n = bisect_left(figures, at, key=lambda f: f.start)
            if any(f.kind == last.kind and f.currency == last.currency for f in figures[n:n + 8]
                   if f.start < at + len(said)):
                return True
    return False

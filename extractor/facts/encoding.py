"""The release as the fact rules read it: each prose mention a placeholder (`⟨P3⟩`), each sentence opened by `¶`."""

from __future__ import annotations

from bisect import bisect_right
from functools import lru_cache

import regex

from ..models import Mention

CODES = {"money": "M", "price": "P", "shares": "S", "percent": "%", "date": "D", "number": "N", "ratio": "R"}
POINTS_CODE = "T"  # a percent mention measured in points (pp, bp)
SENTENCE = "¶"


def encode(text: str, mentions: list[Mention], sentence_starts: list[int], qualifier_cut: regex.Pattern) -> str:
    """The release as placeholders and words; table cells and their rows are left out."""
    prose = [m for m in mentions if m.cell is None]
    out: list[str] = []
    pos = 0
    boundaries = sorted(set(sentence_starts))
    b = 0

    def words(a: int, z: int) -> None:
        nonlocal b
        # copy text[a:z], inserting a sentence mark at each sentence start
        while b < len(boundaries) and boundaries[b] < a:
            b += 1
        k = a
        while b < len(boundaries) and boundaries[b] < z:
            out.append(text[k : boundaries[b]])
            out.append(SENTENCE)
            k = boundaries[b]
            b += 1
        out.append(text[k:z])

    for m in prose:
        if m.start < pos:
            continue
        gap_end = m.start
        if m.qualifier:
            cut = qualifier_cut.search(text, max(pos, m.start - 40), m.start)
            if cut:
                gap_end = cut.start()
        words(pos, gap_end)
        if gap_end != m.start:
            out.append(" ")
        code = POINTS_CODE if m.kind == "percent" and m.unit in ("pp", "bp") else CODES[m.kind]
        out.append(f"⟨{code}{m.id}⟩")
        pos = m.end
    words(pos, len(text))
    return SENTENCE + "".join(out).replace("|", " ")


_PLACEHOLDER_AT = regex.compile(r"⟨.(\d+)⟩")


def word_spans(match, names, text: str, by_id: dict[int, Mention]) -> dict[str, tuple[int, int]]:
    """Where the words a phrase rule captured (`names`: "dir") stand in the text, for a fix that rewrites one
    ("decreased" for "increased"). The words between a placeholder and the next are copied as written, with a
    sentence mark at each sentence start, so a word is found from the placeholder before it (or the release's
    start); a word the text does not hold there is left out, never guessed."""
    encoded, out = match.string, {}
    ends, ids = _placeholders(encoded)
    for name in names:
        start, end = match.span(name)
        if start < 0:
            continue
        k = bisect_right(ends, start) - 1
        base, at = (ends[k], by_id[ids[k]].end) if k >= 0 else (0, 0)
        pos = at + start - base - encoded.count(SENTENCE, base, start)
        if text[pos:pos + end - start] == match.group(name):
            out[name] = (pos, pos + end - start)
    return out


@lru_cache(maxsize=2)
def _placeholders(encoded: str) -> tuple[list[int], list[int]]:
    """Where each placeholder of an encoded release ends, and its mention's id: read once per release."""
    found = list(_PLACEHOLDER_AT.finditer(encoded))
    return [p.end() for p in found], [int(p.group(1)) for p in found]

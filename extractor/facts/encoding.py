"""The release as the fact rules read it: each prose mention a placeholder (`⟨P3⟩`), each sentence opened by `¶`."""

from __future__ import annotations

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

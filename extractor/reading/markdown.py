"""Markdown read in place: markup is blanked out (replaced by spaces of the same length), so every offset,
line and column is the original's; pipe tables stay pipe tables, and fenced blocks keep their text
(fixed-width tables)."""

from __future__ import annotations

import bisect

import regex


_MD_BLANKS = [
    regex.compile(r"<!--.*?-->", regex.S),  # comments (suppression comments are read from the original)
    regex.compile(r"^[ \t]{0,3}#{1,6}[ \t]+", regex.M),  # heading marks
    regex.compile(r"^[ \t]{0,3}>[ \t]?", regex.M),  # block quotes
    regex.compile(r"^[ \t]*(?:[-*+]|\d+[.)])[ \t]+", regex.M),  # list bullets
    # Emphasis and code marks. `_` only at a word's edge (`snake_case` and `file_2020.txt` keep theirs),
    # `*` only when it touches text (`3 * 4` keeps its star).
    regex.compile(r"(?<![\\\w])_{1,2}(?=[^\s_])|(?<=[^\s_\\])_{1,2}(?!\w)"),
    regex.compile(r"(?<!\\)(?:\*{1,2}(?=[^\s*])|(?<=[^\s*])\*{1,2}|~~|`)"),
    regex.compile(r"^[ \t]*(?:[-*_][ \t]*){3,}$", regex.M),  # horizontal rules
]
# (link text holds no bracket: from each "[" the scan then stops at the next one, so a run of "[" is linear)
_MD_LINK = regex.compile(r"!?\[([^\[\]\n]*)\]\(([^()\n]*)\)")
# A fence line: up to three spaces, three or more backticks or tildes, an info string.
_MD_FENCE = regex.compile(r"^[ \t]{0,3}(?P<mark>`{3,}|~{3,})(?P<info>[^\n]*)$", regex.M)


def _fence_lines(md: str) -> list[tuple[int, int]]:
    """Spans of the fence lines, opening and closing in turn; a block left open runs to the end.

    A block closes on a fence of the same character at least as long, with no info string.
    """
    spans: list[tuple[int, int]] = []
    opening = ""
    for m in _MD_FENCE.finditer(md):
        mark, info = m.group("mark"), m.group("info")
        if not opening:
            if mark[0] == "`" and "`" in info:
                continue  # ```code``` on one line is inline code, not a fence
            opening = mark
            spans.append(m.span())
        elif mark[0] == opening[0] and len(mark) >= len(opening) and not info.strip():
            spans.append(m.span())
            opening = ""
    return spans


def strip_markdown(md: str) -> str:
    """Blank Markdown markup with spaces so offsets, lines and columns stay the original's.

    Fenced code blocks keep their text (fixed-width tables live in them) and
    each fence line becomes a bare ``` of the same length, the fence the
    document stage reads tables from; link targets vanish, link text stays.
    """
    chars = list(md)

    def blank(a: int, b: int) -> None:
        for i in range(a, b):
            if chars[i] != "\n":
                chars[i] = " "

    fences = _fence_lines(md)
    ends = [b for _, b in fences[1::2]] + ([len(md)] if len(fences) % 2 else [])
    blocks = [(a, b) for (a, _), b in zip(fences[::2], ends)]  # fence lines included
    block_starts = [a for a, _ in blocks]

    def in_code(pos: int) -> bool:
        i = bisect.bisect_right(block_starts, pos) - 1
        return i >= 0 and pos < blocks[i][1]

    for m in _MD_LINK.finditer(md):
        if in_code(m.start()):
            continue
        blank(m.start(), m.start(1) + (1 if m.group(0).startswith("!") else 0))
        blank(m.end(1), m.end())
    for pattern in _MD_BLANKS:
        for m in pattern.finditer(md):
            if not in_code(m.start()):
                blank(*m.span())
    for a, b in fences:
        chars[a:b] = "```" + " " * (b - a - 3)
    return "".join(chars)

"""The `SourceText`: the text prfacts analyses, plus the way back from any offset in it to the original file,
so findings point at the right line and column of the file the user edits; and `InputError`, anything
unreadable, whose message names the file."""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

import regex

from .lines import line_starts


_CHARREF = regex.compile(r"&(?:#[0-9]+;?|#[xX][0-9a-fA-F]+;?|[A-Za-z][A-Za-z0-9]*;?)")


class InputError(Exception):
    """A document that cannot be read; the message names the file and the problem."""



@dataclass
class SourceText:
    path: str | None
    text: str  # what is analysed
    original: str = ""  # the file as it is on disk (decoded)
    format: str = "text"
    # Analysed offset -> original offset, as sorted run starts (HTML markup, CRLF line ends); empty: the same.
    _runs_at: list[int] = field(default_factory=list)
    _runs_to: list[int] = field(default_factory=list)
    _line_starts: list[int] | None = None
    encoding: str | None = None  # what the bytes were decoded with; None for text given in memory
    # Word documents: what each line of `original` (one paragraph) is, as `models.Paragraph` fields without
    # number and character; and the file's bytes, which fixes edit.
    places: list[dict] = field(default_factory=list)
    raw: bytes | None = None

    def __post_init__(self):
        if not self.original:
            self.original = self.text

    def to_original(self, offset: int) -> int:
        """The offset in the original file of the analysed text's `offset`."""
        if not self._runs_at:
            return offset
        i = bisect.bisect_right(self._runs_at, offset) - 1
        if i < 0:
            return 0
        return self._runs_to[i] + (offset - self._runs_at[i])

    def line_col(self, offset: int) -> tuple[int, int]:
        """1-based line and column in the original file of an analysed offset."""
        return self.original_line_col(self.to_original(offset))

    @property
    def line_starts(self) -> list[int]:
        """Where the original file's lines start: found once per source, for every stage that needs lines."""
        if self._line_starts is None:
            self._line_starts = line_starts(self.original)
        return self._line_starts

    def original_line_col(self, pos: int) -> tuple[int, int]:
        """1-based line and column of an offset in the original file."""
        starts = self.line_starts
        line = bisect.bisect_right(starts, pos) - 1
        return line + 1, pos - starts[line] + 1

    def paragraph_at(self, offset: int):
        """The `models.Paragraph` of an analysed offset in a Word document; None for other formats."""
        if not self.places:
            return None
        from ..models import Paragraph

        line, col = self.line_col(offset)
        return Paragraph(number=line, character=col, **self.places[min(line, len(self.places)) - 1])

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """The original file's [start, end) for the analysed text's [start, end).

        The end is found from the span's last character, so a span that ends where
        markup follows (`444%</b>`) stops before the markup, one that ends in a
        character reference (`444&#37;`) takes the whole reference, and one that
        ends in a line break takes the whole CRLF.
        """
        a = self.to_original(start)
        if end <= start:
            return a, a
        last = self.to_original(end - 1)
        b = last + 1
        if self.original.startswith("\r\n", last):
            b = last + 2
        if self.format == "html" and self.original.startswith("&", last):
            m = _CHARREF.match(self.original, last)
            if m:
                b = m.end()
        return a, max(a, b)

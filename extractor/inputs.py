"""Reading release files: plain text, Markdown and HTML, from a path or stdin.

Whatever the format, the result is a `SourceText`: the text prfacts analyses,
plus the way back from any offset in it to the original file, so findings
point at the right line and column of the file the user edits.

* `.txt`: analysed as it is.
* `.md`: markup is blanked out in place (replaced by spaces of the same
  length), so every offset, line and column is the original's; pipe tables
  stay pipe tables.
* `.html`/`.htm`: parsed by the standard library's HTML parser; block
  elements become paragraphs, tables become pipe tables, and every character
  of the text remembers the source offset it came from.

Anything unreadable is an `InputError` whose message names the file.
"""

from __future__ import annotations

import bisect
import html
import sys
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import regex


_CHARREF = regex.compile(r"&(?:#[0-9]+;?|#[xX][0-9a-fA-F]+;?|[A-Za-z][A-Za-z0-9]*;?)")


class InputError(Exception):
    """A document that cannot be read; the message names the file and the problem."""


@dataclass
class SourceText:
    path: str | None
    text: str  # what is analysed
    original: str = ""  # the file as it is on disk (decoded)
    format: str = "text"
    # For HTML: analysed offset -> original offset, as sorted run starts.
    _runs_at: list[int] = field(default_factory=list)
    _runs_to: list[int] = field(default_factory=list)
    _line_starts: list[int] | None = None

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

    def original_line_col(self, pos: int) -> tuple[int, int]:
        """1-based line and column of an offset in the original file."""
        if self._line_starts is None:
            self._line_starts = [0] + [m.end() for m in regex.finditer(r"\n", self.original)]
        line = bisect.bisect_right(self._line_starts, pos) - 1
        return line + 1, pos - self._line_starts[line] + 1

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """The original file's [start, end) for the analysed text's [start, end).

        The end is found from the span's last character, so a span that ends where
        markup follows (`444%</b>`) stops before the markup, and one that ends in a
        character reference (`444&#37;`) takes the whole reference.
        """
        a = self.to_original(start)
        if end <= start:
            return a, a
        last = self.to_original(end - 1)
        b = last + 1
        if self.format == "html" and self.original.startswith("&", last):
            m = _CHARREF.match(self.original, last)
            if m:
                b = m.end()
        return a, max(a, b)


def decode(data: bytes, name: str) -> str:
    if b"\x00" in data[:8192]:
        raise InputError(f"{name}: binary file (contains NUL bytes), expected UTF-8 text")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(f"{name}: not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start})") from None
    # A byte-order mark is an encoding artefact, not text: offsets start after it.
    return text[1:] if text.startswith("\ufeff") else text


def format_of(name: str | None) -> str:
    suffix = Path(name or "").suffix.lower()
    return {".md": "markdown", ".markdown": "markdown", ".html": "html", ".htm": "html", ".xhtml": "html"}.get(
        suffix, "text"
    )


def from_string(content: str, name: str | None, fmt: str | None = None) -> SourceText:
    fmt = fmt or format_of(name)
    if fmt == "markdown":
        return SourceText(name, strip_markdown(content), content, "markdown")
    if fmt == "html":
        return html_to_text(content, name)
    return SourceText(name, content, content, "text")


def read_source(path: str, stdin_filename: str | None = None) -> SourceText:
    if path == "-":
        name = stdin_filename or "<stdin>"
        content = decode(sys.stdin.buffer.read(), name)
        return from_string(content, stdin_filename, format_of(stdin_filename))
    p = Path(path)
    try:
        if p.is_dir():
            raise InputError(f"{path}: is a directory")
        data = p.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except PermissionError:
        raise InputError(f"{path}: permission denied") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror or exc}") from None
    return from_string(decode(data, path), path)


# ---------------------------------------------------------------- Markdown

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
_MD_LINK = regex.compile(r"!?\[([^\]\n]*)\]\(([^)\n]*)\)")
_MD_FENCE = regex.compile(r"^```[^\n]*$", regex.M)


def strip_markdown(md: str) -> str:
    """Blank Markdown markup with spaces so offsets, lines and columns stay the original's.

    Code fences stay (fixed-width tables live in them); link targets vanish,
    link text stays.
    """
    chars = list(md)

    def blank(a: int, b: int) -> None:
        for i in range(a, b):
            if chars[i] != "\n":
                chars[i] = " "

    fences = [m.span() for m in _MD_FENCE.finditer(md)]
    inside = [(fences[i][1], fences[i + 1][0]) for i in range(0, len(fences) - 1, 2)]

    def in_code(pos: int) -> bool:
        return any(a <= pos < b for a, b in inside)

    for m in _MD_LINK.finditer(md):
        if in_code(m.start()):
            continue
        blank(m.start(), m.start(1) + (1 if m.group(0).startswith("!") else 0))
        blank(m.end(1), m.end())
    for pattern in _MD_BLANKS:
        for m in pattern.finditer(md):
            if not in_code(m.start()):
                blank(*m.span())
    return "".join(chars)


# ---------------------------------------------------------------- HTML

_BLOCK = {"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "section", "article", "header",
          "footer", "blockquote", "pre", "hr", "title", "dl", "dt", "dd", "center", "address", "figure", "figcaption"}
_SKIP = {"script", "style", "head", "noscript", "template"}


class _HtmlText(HTMLParser):
    """Collects text pieces with their source offsets; tables become pipe rows."""

    def __init__(self, source: str):
        super().__init__(convert_charrefs=False)
        self.source = source
        self.line_offsets = [0] + [m.end() for m in regex.finditer(r"\n", source)]
        self.pieces: list[tuple[str, int | None]] = []  # (text, source offset or None for synthetic)
        self.skip = 0
        self.in_pre = 0
        self.row: list[list[tuple[str, int | None]]] | None = None
        self.cell: list[tuple[str, int | None]] | None = None

    def _pos(self) -> int:
        line, col = self.getpos()
        return self.line_offsets[line - 1] + col

    def _emit(self, text: str, at: int | None) -> None:
        if self.row is not None and self.cell is None:
            return  # white space between the cells of a row
        if self.cell is not None:
            self.cell.append((text, at))
        else:
            self.pieces.append((text, at))

    def _break(self, n: int = 2) -> None:
        if self.cell is not None:
            self.cell.append((" ", None))
        else:
            self.pieces.append(("\n" * n, None))

    def handle_starttag(self, tag, attrs):
        if tag in _SKIP:
            self.skip += 1
        elif tag == "tr":
            self.row = []
        elif tag in ("td", "th") and self.row is not None:
            self.cell = []
        elif tag == "pre":
            self.in_pre += 1
            self._break()
        elif tag in _BLOCK:
            self._break(1 if tag == "br" else 2)

    def handle_startendtag(self, tag, attrs):
        if tag in ("br", "hr"):
            self._break(1)

    def handle_endtag(self, tag):
        if tag in _SKIP:
            self.skip = max(0, self.skip - 1)
        elif tag in ("td", "th") and self.row is not None and self.cell is not None:
            self.row.append(self.cell)
            self.cell = None
        elif tag == "tr" and self.row is not None:
            if any("".join(t for t, _ in c).strip() for c in self.row):
                # One line a row, rows on consecutive lines (a blank line would end the table).
                self.pieces.append(("\n", None))
                self.pieces.append(("|", None))
                for cell in self.row:
                    self.pieces.append((" ", None))
                    self.pieces.extend(_squash(cell))
                    self.pieces.append((" |", None))
            self.row = None
        elif tag == "table":
            self.pieces.append(("\n\n", None))
        elif tag == "pre":
            self.in_pre = max(0, self.in_pre - 1)
            self._break()
        elif tag in _BLOCK:
            self._break()

    def handle_data(self, data):
        if self.skip:
            return
        at = self._pos()
        if self.in_pre:
            self._emit(data, at)
            return
        # Collapse runs of white space to one space, keeping offsets of the words.
        for m in regex.finditer(r"\S+|\s+", data):
            self._emit(m.group(0) if not m.group(0).isspace() else " ", at + m.start())

    def handle_entityref(self, name):
        if not self.skip:
            self._emit(html.unescape(f"&{name};"), self._pos())

    def handle_charref(self, name):
        if not self.skip:
            self._emit(html.unescape(f"&#{name};"), self._pos())


def _squash(cell: list[tuple[str, int | None]]) -> list[tuple[str, int | None]]:
    out = [(t.replace("|", "/"), at) for t, at in cell]
    while out and not out[0][0].strip():
        out.pop(0)
    while out and not out[-1][0].strip():
        out.pop()
    return out


def html_to_text(source: str, name: str | None) -> SourceText:
    parser = _HtmlText(source)
    try:
        parser.feed(source)
        parser.close()
    except Exception as exc:  # the standard parser is lenient; anything it still rejects is bad input
        raise InputError(f"{name or '<html>'}: cannot parse HTML: {exc}") from None
    out: list[str] = []
    runs_at: list[int] = []
    runs_to: list[int] = []
    length = 0
    last_source = 0
    newlines = 0  # pending line breaks, written (at most two) before the next text
    for piece, at in parser.pieces:
        piece = piece.replace("\xa0", " ")
        if not piece.strip():
            if "\n" in piece:
                newlines += piece.count("\n")
            elif out and newlines == 0 and not out[-1].endswith(" "):
                out.append(" ")
                runs_at.append(length)
                runs_to.append(last_source)
                length += 1
            continue
        if newlines and out:
            if out[-1] == " ":  # no space at the end of a line
                out.pop()
                runs_at.pop()
                runs_to.pop()
                length -= 1
            breaks = "\n" * min(newlines, 2)
            out.append(breaks)
            runs_at.append(length)
            runs_to.append(last_source)
            length += len(breaks)
        if newlines or not out:
            stripped = piece.lstrip(" ")
            if at is not None:
                at += len(piece) - len(stripped)
            piece = stripped
        newlines = 0
        runs_at.append(length)
        runs_to.append(at if at is not None else last_source)
        if at is not None:
            last_source = at + len(piece)
        out.append(piece)
        length += len(piece)
    return SourceText(name, "".join(out), source, "html", runs_at, runs_to)

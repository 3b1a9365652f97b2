"""Reading release files: plain text, Markdown and HTML, from a path or stdin.

Whatever the format, the result is a `SourceText`: the text prfacts analyses,
plus the way back from any offset in it to the original file, so findings
point at the right line and column of the file the user edits.

Bytes are decoded here once: UTF-8 (with or without a byte-order mark), UTF-16
with a byte-order mark, and cp1252 for files that are not UTF-8; the encoding
used is kept on the `SourceText`. Line endings are made "\n" here too (CRLF
and lone CR), before any reader sees the text, so no later stage has to know
about them; the offset map keeps positions in the file's own lines.

* `.txt`: analysed as it is.
* `.md`: markup is blanked out in place (replaced by spaces of the same
  length), so every offset, line and column is the original's; pipe tables
  stay pipe tables, and fenced blocks keep their text (fixed-width tables).
* `.html`/`.htm`: parsed by the standard library's HTML parser; block
  elements become paragraphs, tables become pipe tables, and every character
  of the text remembers the source offset it came from.
* `.docx`: read by `extractor.reading.docx`; its "original" is the document's text
  one paragraph a line, so lines are paragraphs and columns are characters.

Anything unreadable is an `InputError` whose message names the file.
"""

from __future__ import annotations

import bisect
import codecs
import html
import sys
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import regex


_CHARREF = regex.compile(r"&(?:#[0-9]+;?|#[xX][0-9a-fA-F]+;?|[A-Za-z][A-Za-z0-9]*;?)")


class InputError(Exception):
    """A document that cannot be read; the message names the file and the problem."""


# A line ends at CRLF, a lone CR or LF: lines and columns are counted in the file's own terms.
_LINE_END = regex.compile(r"\r\n?|\n")


def occurrences(text: str, needle: str) -> list[int]:
    """Where `needle` starts in `text`, in order (found once, then looked up by binary search)."""
    out, at = [], text.find(needle)
    while at >= 0:
        out.append(at)
        at = text.find(needle, at + 1)
    return out


def line_starts(original: str) -> list[int]:
    """Offsets where the lines of a file's text start, whatever its line endings."""
    return [0] + [m.end() for m in _LINE_END.finditer(original)]


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


# ---------------------------------------------------------------- bytes -> text

# A byte-order mark names its encoding; the mark itself is not text (offsets start after it).
_BOMS = ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"))
_FALLBACK = "cp1252"  # Windows' superset of Latin-1: EDGAR exhibits with curly quotes as 0x92-0x94


def _c1_controls(exc: UnicodeError) -> tuple[str | bytes, int]:
    # The five bytes cp1252 leaves undefined read as the C1 controls Latin-1 gives them (as Windows does),
    # so the fallback never fails; written back, they become the same bytes again.
    if isinstance(exc, UnicodeEncodeError):
        return exc.object[exc.start:exc.end].encode("latin-1"), exc.end
    return exc.object[exc.start:exc.end].decode("latin-1"), exc.end


codecs.register_error("prfacts-c1", _c1_controls)


def _decode_as(data: bytes, name: str, encoding: str, skip: int = 0) -> str:
    """`data[skip:]` decoded strictly; a bad byte is reported at its offset in the file."""
    try:
        return data[skip:].decode(encoding)
    except UnicodeDecodeError as exc:
        at = skip + exc.start
        raise InputError(f"{name}: not valid {encoding} (byte 0x{data[at]:02x} at offset {at})") from None


def decode_text(data: bytes, name: str, encoding: str | None = None) -> tuple[str, str]:
    """The text of a file's bytes and the name of the encoding read (`name` is for error messages).

    `encoding` (any Python codec name) overrides the guess: a byte-order mark
    (UTF-8, UTF-16 LE or BE), else UTF-8, else cp1252. The result never starts
    with a byte-order mark. Text holding NUL characters is binary.
    """
    if encoding:
        try:
            used = codecs.lookup(encoding).name
        except LookupError:
            raise InputError(f"{name}: unknown encoding {encoding!r}") from None
        text = _decode_as(data, name, used)
    else:
        used, skip = next(((enc, len(bom)) for bom, enc in _BOMS if data.startswith(bom)), ("", 0))
        if used:
            text = _decode_as(data, name, used, skip)
        else:
            try:
                text, used = data.decode("utf-8"), "utf-8"
            except UnicodeDecodeError:
                text, used = data.decode(_FALLBACK, "prfacts-c1"), _FALLBACK
    if "\x00" in text:
        raise InputError(f"{name}: binary file (contains NUL bytes); UTF-16 text needs a byte-order mark "
                         "or its encoding named")
    return (text[1:] if text.startswith("\ufeff") else text), used


def encode_text(text: str, encoding: str) -> bytes:
    """Text as the bytes of a file read with `encoding` (as `decode_text` names it): the byte-order mark the
    file had is written again, and cp1252's undefined bytes round-trip."""
    bom = next((mark for mark, enc in _BOMS if enc == encoding), b"")
    if encoding == "utf-8-sig":
        return text.encode("utf-8-sig")
    return bom + text.encode(encoding, "prfacts-c1" if encoding == _FALLBACK else "strict")


def decode(data: bytes, name: str, encoding: str | None = None) -> str:
    """The text of a file's bytes (see `decode_text`)."""
    return decode_text(data, name, encoding)[0]


def format_of(name: str | None) -> str:
    suffix = Path(name or "").suffix.lower()
    return {".md": "markdown", ".markdown": "markdown", ".html": "html", ".htm": "html", ".xhtml": "html",
            ".docx": "docx"}.get(suffix, "text")


def normalise_newlines(content: str) -> tuple[str, list[int], list[int]]:
    """`content` with CRLF and lone CR as LF, and the runs mapping its offsets back to `content`'s.

    A lone CR becomes one LF (no offset moves); each CRLF loses its CR, so the
    text after it starts a new run. An LF maps to the CR it replaces, the end
    of the file's line.
    """
    if "\r" not in content:
        return content, [], []
    runs_at, runs_to = [0], [0]
    for n, m in enumerate(regex.finditer(r"\r\n", content), 1):
        runs_at.append(m.end() - n)
        runs_to.append(m.end())
    return content.replace("\r\n", "\n").replace("\r", "\n"), runs_at, runs_to


def _compose(outer_at: list[int], outer_to: list[int], inner_at: list[int], inner_to: list[int]):
    """The runs of x -> inner(outer(x)): analysed -> LF text (the reader's map) -> the file (the CRLF map).

    Empty runs are the identity. Each outer run is split where an inner run
    starts inside the stretch of the middle text it maps to.
    """
    if not inner_at:
        return outer_at, outer_to
    if not outer_at:
        return inner_at, inner_to
    at: list[int] = []
    to: list[int] = []
    for i, (a, t) in enumerate(zip(outer_at, outer_to)):
        stop = t + (outer_at[i + 1] - a) if i + 1 < len(outer_at) else float("inf")
        j = bisect.bisect_right(inner_at, t) - 1
        at.append(a)
        to.append(inner_to[j] + (t - inner_at[j]))
        for k in range(j + 1, len(inner_at)):
            if inner_at[k] >= stop:
                break
            at.append(a + inner_at[k] - t)
            to.append(inner_to[k])
    return at, to


def from_string(content: str, name: str | None, fmt: str | None = None, encoding: str | None = None) -> SourceText:
    """The `SourceText` of decoded file content; `encoding` is only recorded."""
    fmt = fmt or format_of(name)
    text, nl_at, nl_to = normalise_newlines(content)
    if fmt == "markdown":
        source = SourceText(name, strip_markdown(text), text, "markdown")
    elif fmt == "html":
        source = html_to_text(text, name)
    else:
        source = SourceText(name, text, text, "text")
    # The reader mapped analysed offsets to the LF text; map them on to the file as it is.
    source._runs_at, source._runs_to = _compose(source._runs_at, source._runs_to, nl_at, nl_to)
    source.original = content
    source.encoding = encoding
    return source


def from_bytes(data: bytes, name: str | None, fmt: str | None = None, encoding: str | None = None) -> SourceText:
    """The `SourceText` of a file's bytes, decoded as `decode_text` says (`encoding` overrides).

    A Word document (`fmt` "docx", or a name ending in .docx) is read by `extractor.reading.docx`; `encoding` does not
    apply to it."""
    if (fmt or format_of(name)) == "docx":
        from .docx import read_docx

        return read_docx(data, name)
    text, used = decode_text(data, name or "<stdin>", encoding)
    return from_string(text, name, fmt, used)


def read_source(path: str, stdin_filename: str | None = None, encoding: str | None = None) -> SourceText:
    """A draft from a path, or `-` for standard input (`stdin_filename` names it and picks its reader).

    `encoding` overrides the encoding guess (a Python codec name: "cp1252", "utf-16", "latin-1", ...).
    """
    if path == "-":
        return from_bytes(sys.stdin.buffer.read(), stdin_filename, format_of(stdin_filename), encoding)
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
    return from_bytes(data, path, encoding=encoding)


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


# A "<" that opens a tag never closed before the next "<": the standard parser rescans the rest of the text for
# its end at every such "<" (quadratic on "<a <a <a ..."). It is text, not markup.
_UNCLOSED_TAG = regex.compile(r"<(?=[A-Za-z/])(?=[^<>]*+(?:<|$))")


def html_to_text(source: str, name: str | None) -> SourceText:
    # one character for one (a full-width "<"), so every offset into the file stays where it was
    parsed = _UNCLOSED_TAG.sub("\uff1c", source)
    parser = _HtmlText(parsed)
    try:
        parser.feed(parsed)
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

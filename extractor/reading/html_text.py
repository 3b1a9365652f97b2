"""HTML read by the standard library's HTML parser: block elements become paragraphs, tables become pipe
tables, and every character of the text remembers the source offset it came from."""

from __future__ import annotations

import html
from html.parser import HTMLParser

import regex

from .source import InputError, SourceText


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
        self.span = 1  # the open cell's colspan

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
            self.span = _colspan(attrs)
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
            # a cell spanning columns keeps its place and leaves the columns it spans empty, so a header
            # stands over the figures below it (the table reader reads the nearest header at or left)
            self.row.append(self.cell)
            self.row.extend([] for _ in range(self.span - 1))
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


MAX_COLSPAN = 64


def _colspan(attrs) -> int:
    value = dict(attrs).get("colspan") or "1"
    return max(1, min(int(value), MAX_COLSPAN)) if value.strip().isdigit() else 1


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

"""Word drafts (.docx): read into a `SourceText`, and fixed in place with their formatting kept.

Reading. The body is read in order from python-docx's XML: each paragraph becomes a
paragraph of the analysed text (a blank line between them) and each table a Markdown
pipe table, one line a row, so the table reader and the table facts work on it as on
any other table. A cell merged across columns gives its text to the first column of the
span and leaves the others empty (the table reader takes an empty header cell to mean the
header on its left); a cell merged down gives its text to the top row only, so no figure
is read twice. Hyperlink text, tracked insertions and the shown result of a field are
read; deleted (tracked) text, field codes, headers, footers, footnotes, comments and
text boxes are not.

The `original` of the `SourceText` is the document's text one paragraph a line: every
paragraph in reading order, empty ones and each table cell's paragraphs included. So the
offset map every format uses (runs of analysed offsets, as for HTML) takes an analysed
offset to a paragraph (its line) and a character in it (its column), and suppression
comments work per paragraph as they work per line. `places` says for each line which
table cell it is in, if any, and its opening words.

Fixing. `fix_docx` turns each proposed fix into an edit of one paragraph (`fixes.plan`,
as for any file) and makes it in the text of the runs that hold the span: a span inside
one run keeps that run's formatting; a span across runs gets the replacement in the
first and is removed from the others. A span in a field (Word would recompute it), over
a tab or line break, or in a paragraph whose text is no longer what was checked, is not
touched, and the reason is returned.
"""

from __future__ import annotations

import io
import zipfile
from itertools import groupby
from typing import Iterable, Iterator, NamedTuple

from . import fixes
from .source import InputError, SourceText
from ..models import Finding

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
# A docx is a zip: refuse one that would unpack to more than this (python-docx reads every part into memory).
MAX_UNZIPPED = 256 * 1024 * 1024
# Elements that only wrap content (content controls, custom XML): their children are read as if in their place.
_WRAPPERS = {W + "sdt", W + "sdtContent", W + "customXml"}
# Inside a paragraph: elements whose runs are part of its text (`fldSimple`'s are a field's result).
_INLINE = _WRAPPERS | {W + n for n in ("hyperlink", "ins", "smartTag", "moveTo", "dir", "bdo", "fldSimple")}
# Run content read as one character (a line break inside a paragraph is a space: a paragraph is one line).
_CHARS = {W + "tab": "\t", W + "ptab": "\t", W + "br": " ", W + "cr": " ", W + "noBreakHyphen": "-"}
OPENING_CHARS = 30


class Piece(NamedTuple):
    """A stretch of a paragraph's text: the `w:t` element holding it (None for a tab or break), in a field?"""

    node: object | None
    text: str
    field: bool


# ---------------------------------------------------------------- the body's paragraphs, in reading order


def _open(data: bytes, name: str | None):
    label = name or "<stdin>"
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if sum(info.file_size for info in archive.infolist()) > MAX_UNZIPPED:
                raise InputError(f"{label}: not read: unzips to more than {MAX_UNZIPPED >> 20} MB")
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError):
        raise InputError(f"{label}: not a Word document (.docx): not a zip file, or a damaged one") from None
    try:
        import docx
    except ImportError:  # a core dependency; said plainly should an install lack it
        raise InputError(f"{label}: reading .docx needs python-docx (pip install python-docx)") from None
    try:
        return docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises KeyError, ValueError, lxml errors... for parts it cannot use
        reason = " ".join(str(exc).strip('"').split())[:160] or type(exc).__name__  # (a KeyError quotes itself)
        raise InputError(f"{label}: not a Word document (.docx): {reason}") from None


def _kids(parent, tag: str) -> Iterator:
    """The children of `parent` with `tag`, looking through wrappers (content controls)."""
    for child in parent:
        if child.tag == tag:
            yield child
        elif child.tag in _WRAPPERS:
            yield from _kids(child, tag)


def _blocks(parent) -> Iterator:
    """The paragraphs and tables of a body or a cell, in order."""
    for child in parent:
        if child.tag in (W + "p", W + "tbl"):
            yield child
        elif child.tag in _WRAPPERS:
            yield from _blocks(child)


def _val(parent, path: str, default: int) -> int:
    el = parent.find(path)
    try:
        return int(el.get(W + "val")) if el is not None else default
    except (TypeError, ValueError):
        return default


def _grid(tbl) -> list[list[list]]:
    """A table's rows of grid cells, each the cell's paragraphs; a place a merged cell covers holds none."""
    rows = []
    for tr in _kids(tbl, W + "tr"):
        row: list[list] = [[] for _ in range(_val(tr, f"{W}trPr/{W}gridBefore", 0))]
        for tc in _kids(tr, W + "tc"):
            merge = tc.find(f"{W}tcPr/{W}vMerge")
            continued = merge is not None and merge.get(W + "val", "continue") == "continue"
            row.append([] if continued else list(_cell_paragraphs(tc)))
            row.extend([] for _ in range(_val(tc, f"{W}tcPr/{W}gridSpan", 1) - 1))
        rows.append(row)
    return rows


def _cell_paragraphs(tc) -> Iterator:
    for block in _blocks(tc):
        if block.tag == W + "p":
            yield block
        else:  # a table in a cell: its paragraphs are the cell's
            for row in _grid(block):
                for cell in row:
                    yield from cell


def numbered(body) -> list[tuple[object, dict]]:
    """Every paragraph of the body in reading order, with its table cell ({} outside tables)."""
    out: list[tuple[object, dict]] = []
    tables = 0
    for block in _blocks(body):
        if block.tag == W + "p":
            out.append((block, {}))
            continue
        tables += 1
        for r, row in enumerate(_grid(block), 1):
            for c, cell in enumerate(row, 1):
                for k, p in enumerate(cell, 1):
                    out.append((p, {"table": tables, "row": r, "column": c, "cell_paragraph": k}))
    return out


def pieces(p) -> list[Piece]:
    """The text of a paragraph as it shows, piece by piece (see the module's docstring for what is read)."""
    out: list[Piece] = []
    fields: list[bool] = []  # complex fields open here: True once past "separate" (their result shows)

    def walk(parent, in_field: bool) -> None:
        for child in parent:
            if child.tag == W + "r":
                run(child, in_field)
            elif child.tag in _INLINE:
                walk(child, in_field or child.tag == W + "fldSimple")

    def run(r, in_field: bool) -> None:
        for child in r:
            if child.tag == W + "fldChar":
                kind = child.get(W + "fldCharType")
                if kind == "begin":
                    fields.append(False)
                elif fields and kind == "separate":
                    fields[-1] = True
                elif fields and kind == "end":
                    fields.pop()
            elif fields and not fields[-1]:
                continue  # a field's code, not its result
            elif child.tag == W + "t":
                out.append(Piece(child, child.text or "", in_field or bool(fields)))
            elif child.tag in _CHARS:
                out.append(Piece(None, _CHARS[child.tag], in_field or bool(fields)))

    walk(p, False)
    return out


def paragraph_text(p) -> str:
    return "".join(piece.text for piece in pieces(p))


# ---------------------------------------------------------------- reading


def opening(text: str) -> str:
    """The first words of a paragraph, about OPENING_CHARS characters, with "…" when there is more."""
    words = text.split()
    shown = ""
    for word in words:
        if shown and len(shown) + 1 + len(word) > OPENING_CHARS:
            return shown + "…"
        shown = f"{shown} {word}" if shown else word
    return shown


class _Writer:
    """The analysed text, and the runs taking its offsets to the original (the paragraphs, one a line)."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.at: list[int] = []
        self.to: list[int] = []
        self.length = 0
        self.last = 0  # where the text written last ends in the original

    def sep(self, piece: str) -> None:
        if self.parts or not piece.isspace():
            self._add(piece, self.last)

    def text(self, piece: str, at: int) -> None:
        self._add(piece, at)
        self.last = at + len(piece)

    def _add(self, piece: str, to: int) -> None:
        if piece:
            self.parts.append(piece)
            self.at.append(self.length)
            self.to.append(to)
            self.length += len(piece)


def read_docx(data: bytes, name: str | None) -> SourceText:
    """The `SourceText` of a Word document's bytes; an `InputError` naming the file when it is not one."""
    units = numbered(_open(data, name).element.body)
    texts = [paragraph_text(p) for p, _ in units]
    starts = [0]
    for t in texts:
        starts.append(starts[-1] + len(t) + 1)
    out = _Writer()
    last_table = None
    width: dict[int, int] = {}  # columns of each table's grid that hold text somewhere
    for _, place in units:
        if place:
            width[place["table"]] = max(width.get(place["table"], 0), place["column"])
    # One group a body paragraph (keyed by its number) or a table row (keyed by table and row).
    for (table, at), group in groupby(range(len(units)), key=lambda i: (units[i][1].get("table"),
                                                                         units[i][1].get("row", i))):
        if table is None:
            last_table = None
            if texts[at].strip():
                out.sep("\n\n")
                out.text(texts[at], starts[at])
            continue
        # Rows on consecutive lines; two blank lines before a table, so one that follows another (with only
        # empty paragraphs between) is not read as its continuation.
        out.sep("\n" if table == last_table else "\n\n\n")
        last_table = table
        _row(out, [(units[i][1], texts[i], starts[i]) for i in group], width[table])
    places = [{**place, "opening": opening(t)} for (_, place), t in zip(units, texts)]
    return SourceText(name, "".join(out.parts), "\n".join(texts), "docx", out.at, out.to, places=places, raw=data)


def _row(out: _Writer, cells: list[tuple[dict, str, int]], width: int) -> None:
    """One table row as a pipe row of `width` cells: a cell's paragraphs joined by spaces, the columns a
    merge covers left empty."""
    out.sep("|")
    done = 0
    for column, paragraphs in groupby(cells, key=lambda c: c[0]["column"]):
        out.sep("  |" * (column - 1 - done))
        out.sep(" ")
        for k, (_, text, at) in enumerate(paragraphs):
            if k:
                out.sep(" ")
            out.text(text.replace("|", "/"), at)  # one character for one: offsets hold
        out.sep(" |")
        done = column
    out.sep("  |" * (width - done))


# ---------------------------------------------------------------- fixing


def fix_docx(data: bytes, findings: Iterable[Finding], source: SourceText
             ) -> tuple[bytes, list[fixes.Edit], list[tuple[Finding, str]]]:
    """The document with the findings' fixes made in its runs, the edits made, and each fix not made with why.

    `source` is what `read_docx` read from `data` (its paragraphs are what the fixes' offsets refer to).
    When no fix can be made the bytes are `data` itself.
    """
    findings = list(findings)
    edits, overlapping = fixes.plan(source, findings)
    skipped = [(f, "it overlaps another fix or no longer matches the text") for f in overlapping]
    owner: dict = {}  # the finding an edit came from, to name it when the edit cannot be made
    for f in findings:
        e = fixes.edit_for(source, f) if f.fix is not None and not f.suppressed else None
        if e is not None:
            owner.setdefault((e.start, e.end, e.replacement), f)
    document = _open(data, source.path)
    units = numbered(document.element.body)
    applied = []
    for e in sorted(edits, key=lambda e: -e.start):  # from the end, so the offsets before stay true
        reason = _edit(units, source, e)
        if reason:
            skipped.append((owner[(e.start, e.end, e.replacement)], reason))
        else:
            applied.append(e)
    if not applied:
        return data, [], skipped
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue(), applied[::-1], skipped


def _edit(units: list, source: SourceText, e: fixes.Edit) -> str | None:
    """Make one edit in the runs of its paragraph; the reason when it cannot be made."""
    line, col = source.original_line_col(e.start)
    if source.original_line_col(e.end)[0] != line:
        return "the figure runs over two paragraphs"
    head = e.start - (col - 1)
    tail = source.original.find("\n", head)
    checked = source.original[head:tail if tail >= 0 else len(source.original)]
    if line > len(units) or paragraph_text(units[line - 1][0]) != checked:
        return "the paragraph's text is no longer what was checked"
    return _replace(pieces(units[line - 1][0]), col - 1, col - 1 + e.end - e.start, e.replacement)


def _replace(parts: list[Piece], a: int, b: int, new: str) -> str | None:
    """Replace [a, b) of a paragraph's text in its `w:t` elements: the replacement goes in the first."""
    spans, pos = [], 0
    for piece in parts:
        spans.append((pos, piece))
        pos += len(piece.text)
    if a == b:  # an insertion joins the text before it (and takes its formatting), or starts the paragraph
        touched = [s for s in spans if s[0] < a <= s[0] + len(s[1].text)][-1:] or spans[:1]
    else:
        touched = [s for s in spans if s[0] < b and s[0] + len(s[1].text) > a]
    if not touched:
        return "the paragraph has no text there"
    if any(piece.field for _, piece in touched):
        return "the figure is the result of a field, which Word computes (change the field's source instead)"
    if any(piece.node is None for _, piece in touched):
        return "the figure runs over a tab or a line break"
    for n, (start, piece) in enumerate(touched):
        text = piece.text
        kept = text[max(0, b - start):]
        piece.node.text = (text[:max(0, a - start)] + new + kept) if n == 0 else kept
        piece.node.set(_XML_SPACE, "preserve")
    return None

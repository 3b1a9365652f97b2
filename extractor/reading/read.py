"""Reading release files: plain text, Markdown and HTML, from a path or stdin.

Whatever the format, the result is a `SourceText` (`source.py`). Bytes are
decoded once (`encodings.py`); line endings are made "\n" (`lines.py`) before
any reader sees the text, so no later stage has to know about them; the offset
map keeps positions in the file's own lines.

* `.txt`: analysed as it is.
* `.md`: markup is blanked out in place (`markdown.py`).
* `.html`/`.htm`: parsed into paragraphs and pipe tables (`html.py`).
* `.docx`: read by `extractor.reading.docx`; its "original" is the document's text
  one paragraph a line, so lines are paragraphs and columns are characters.

Anything unreadable is an `InputError` whose message names the file.
"""

from __future__ import annotations

import bisect
import sys
from pathlib import Path

from .encodings import decode_text
from .html_text import html_to_text
from .lines import normalise_newlines
from .markdown import strip_markdown
from .source import InputError, SourceText


def format_of(name: str | None) -> str:
    suffix = Path(name or "").suffix.lower()
    return {".md": "markdown", ".markdown": "markdown", ".html": "html", ".htm": "html", ".xhtml": "html",
            ".docx": "docx"}.get(suffix, "text")


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

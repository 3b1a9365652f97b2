"""EDGAR full-submission files: split into their `<DOCUMENT>` parts, keep the press releases.

A full submission (the `.txt` EDGAR serves for an accession number) is an SGML
envelope around every document of a filing:

    <SEC-DOCUMENT>0000950170-24-012345.txt : 20240208
    <SEC-HEADER>...</SEC-HEADER>
    <DOCUMENT>
    <TYPE>EX-99.1
    <SEQUENCE>2
    <FILENAME>ex99-1.htm
    <DESCRIPTION>PRESS RELEASE
    <TEXT>
    <html>...</html>
    </TEXT>
    </DOCUMENT>
    ...

`exhibits()` returns the parts whose `<TYPE>` is a press-release exhibit
(`EX-99`, `EX-99.1`, `EX-99.(a)(5)(C)`, ...) and whose body is text: PDF
wrappers and uuencoded files are skipped. Each kept part is identified by
`<SEQUENCE>/<FILENAME>`, so a batch record's key is `submission.txt#2/ex99-1.htm`.

The envelope is split as bytes, so a stray non-UTF-8 byte in the main 8-K or in
a graphic never spoils the exhibits; `prepare()` gives each exhibit's body and
format, which the reader every input goes through (`read.from_bytes`) decodes
on its own. HTML bodies go through the real HTML parser (tables become pipe
tables); plain-text bodies keep every offset, with the SGML page and table
tags of old ASCII filings (`<PAGE>`, `<TABLE>`, `<S>`, `<C>`, ...) blanked out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .source import InputError

# What a full submission starts with (after white space); checked on the first bytes only.
_MARKERS = (b"<SEC-DOCUMENT>", b"<SEC-HEADER>", b"<IMS-DOCUMENT>", b"<IMS-HEADER>")
SNIFF_BYTES = 8192

PRESS_RELEASE_TYPES = r"EX-99(?:[.\s(].*)?"

_DOCUMENT = re.compile(rb"<DOCUMENT>(.*?)(?:</DOCUMENT>|\Z)", re.S | re.I)
# Header fields, one a line as EDGAR writes them, or run together / closed (`<TYPE>EX-99.1</TYPE>`) as copies do.
_FIELD = re.compile(rb"<(TYPE|SEQUENCE|FILENAME|DESCRIPTION)>[ \t]*([^\r\n<]*)", re.I)
_TEXT = re.compile(rb"<TEXT>\r?\n?(.*?)(?:</TEXT>|\Z)", re.S | re.I)
_WRAPPER = re.compile(rb"\A\s*<(PDF|XBRL|XML|JSON|ZIP)>", re.I)
_UUENCODED = re.compile(rb"\A\s*begin [0-7]{3,4} \S", re.I)
_HTML_HEAD = re.compile(rb"<(?:!DOCTYPE\s+html|html|body|head|div|p|table|font|center)\b", re.I)
# Old ASCII filings mark pages and tables with bare SGML tags; they are blanked, not removed.
_TEXT_TAGS = re.compile(rb"^[ \t]*</?(?:PAGE|TABLE|CAPTION|S|C|FN)>[ \t]*\r?$", re.M | re.I)


@dataclass(frozen=True)
class Part:
    """One `<DOCUMENT>` of a submission: its header fields and the raw bytes of its `<TEXT>`."""

    index: int  # 1-based position in the submission
    type: str
    sequence: str
    filename: str
    description: str
    body: bytes
    # `<SEQUENCE>/<FILENAME>` (position and type when they are missing), made unique within the submission.
    ident: str = ""

    @property
    def wrapper(self) -> str | None:
        """`PDF`, `XBRL`, ... when the body is wrapped; `uuencoded` for encoded binaries."""
        m = _WRAPPER.match(self.body[:256])
        if m:
            return m.group(1).decode("ascii").upper()
        if _UUENCODED.match(self.body):
            return "uuencoded"
        return None

    @property
    def is_html(self) -> bool:
        if self.filename.lower().endswith((".htm", ".html", ".xhtml")):
            return True
        if self.filename.lower().endswith(".txt"):
            return False
        return bool(_HTML_HEAD.search(self.body[:4096]))


def is_submission(head: bytes) -> bool:
    """Whether the first bytes of a file are an EDGAR full-submission envelope."""
    head = head[:SNIFF_BYTES].lstrip()
    return head.startswith(_MARKERS) or head[:10].upper() == b"<DOCUMENT>"


def split(data: bytes) -> list[Part]:
    """Every `<DOCUMENT>` of a submission, in file order."""
    parts = []
    idents: set[str] = set()
    for index, m in enumerate(_DOCUMENT.finditer(data), 1):
        block = m.group(1)
        text = _TEXT.search(block)
        header = block[: text.start()] if text else block
        fields = {k.upper().decode(): v.strip().decode("ascii", "replace") for k, v in _FIELD.findall(header)}
        sequence, filename, type_ = fields.get("SEQUENCE", ""), fields.get("FILENAME", ""), fields.get("TYPE", "")
        ident = f"{sequence or index}/{filename or type_ or 'document'}"
        if ident in idents:  # a malformed submission repeats a sequence: never let two parts share a key
            ident = f"{ident}~{index}"
        idents.add(ident)
        parts.append(Part(index=index, type=type_, sequence=sequence, filename=filename,
                          description=fields.get("DESCRIPTION", ""), body=text.group(1) if text else b"",
                          ident=ident))
    return parts


def exhibits(data: bytes, types: str = PRESS_RELEASE_TYPES) -> list[Part]:
    """The press-release exhibits with a text body (HTML or plain), in file order."""
    wanted = re.compile(types, re.I)
    return [p for p in split(data) if wanted.fullmatch(p.type) and p.wrapper in (None, "XBRL") and p.body.strip()]


def prepare(part: Part) -> tuple[bytes, str]:
    """The bytes prfacts analyses for one exhibit and their format ("html" or "text").

    Plain text keeps every offset: the SGML tags of old ASCII filings are
    blanked with spaces (they are ASCII, so byte and character offsets agree).
    """
    body = part.body
    if part.wrapper == "XBRL":  # inline XBRL: an HTML document inside the wrapper
        body = body[_WRAPPER.match(body).end():]
        close = body.rfind(b"</XBRL>")
        return (body[:close] if close >= 0 else body), "html"
    if part.is_html:
        return body, "html"
    return _TEXT_TAGS.sub(lambda m: b" " * len(m.group(0)), body), "text"


def read_part(path: str, ident: str, name: str | None = None) -> Part:
    """One part of a submission on disk, by its `ident`; an `InputError` naming it if it cannot be read."""
    name = name or f"{path}#{ident}"
    try:
        with open(path, "rb") as f:
            data = f.read()
    except OSError as exc:
        raise InputError(f"{name}: cannot read: {exc.strerror or exc}") from None
    for part in split(data):
        if part.ident == ident:
            return part
    raise InputError(f"{name}: no document {ident} in the submission")

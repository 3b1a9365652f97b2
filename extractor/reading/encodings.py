"""Bytes to text, decoded once: UTF-8 (with or without a byte-order mark), UTF-16 with a byte-order mark,
and cp1252 for files that are not UTF-8; the encoding used is kept on the `SourceText`, and text is written
back in it (`encode_text`)."""

from __future__ import annotations

import codecs

from .source import InputError


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

"""Reading release files: UTF-8 text in, or one clear `InputError` naming the file."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path


class InputError(Exception):
    """A document that cannot be read; the message names the file and the problem."""


@dataclass
class SourceText:
    path: str | None
    text: str


def decode(data: bytes, name: str) -> str:
    if b"\x00" in data[:8192]:
        raise InputError(f"{name}: binary file (contains NUL bytes), expected UTF-8 text")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(f"{name}: not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start})") from None
    # A byte-order mark is an encoding artefact, not text: offsets start after it.
    return text[1:] if text.startswith("\ufeff") else text


def read_source(path: str) -> SourceText:
    if path == "-":
        return SourceText(None, decode(sys.stdin.buffer.read(), "<stdin>"))
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
    return SourceText(path, decode(data, path))

"""The output of a run: the JSON Lines file, written a record at a time and recovered by `--resume`
(`--format parquet` writes tables instead: `columnar`).

The parent alone writes, one `os.write` per record, and fsyncs every two seconds and at the end. Killed at any
moment (even `kill -9`), the file is a run of complete records, at worst followed by one torn line. `--resume`
drops a torn last line (truncates it), reads the keys already written and processes only the missing
documents, appending them in order. The file must be the start of what these inputs give (the same documents
in the same order): a file written from other inputs is refused, never appended to.
"""

from __future__ import annotations

import json
import os
import sys
import time
from typing import Sequence

from .records import BatchError, Stats, stats_of

FSYNC_SECONDS = 2.0


def open_output(out: str, format: str, *, resume: bool, overwrite: bool, expected: Sequence[str],
                chunk: int | None = None):
    """The writer of one output format; each has `keys` and `prior` (what a resumed run holds), `notes`,
    `write(line)` and `close(complete)`."""
    if format == "parquet":
        from . import columnar

        return columnar.ParquetOutput(out, resume, overwrite, expected, chunk or columnar.CHUNK)
    if format != "jsonl":
        raise BatchError(f"unknown format {format!r}: jsonl or parquet")
    if chunk is not None:
        raise BatchError("--chunk-size is for --format parquet (JSON Lines is written a record at a time)")
    return Output(out, resume=resume, overwrite=overwrite, expected=expected)



def check_same_inputs(path: str, keys: list[str], expected: list[str]) -> None:
    """Resuming continues one run: the records already written must be the first ones these inputs give,
    so the finished output equals an uninterrupted run's. Anything else is another run's output."""
    if keys == expected[:len(keys)]:
        return
    wanted = set(expected)
    stray = next((k for k in keys if k not in wanted), None)
    n = next((i for i, (a, b) in enumerate(zip(keys, expected)) if a != b), len(expected))
    if stray is not None:
        why = f"it holds a record for {stray}, which is not among these inputs"
    elif n < len(expected):
        why = f"record {n + 1} is for {keys[n]}, where these inputs give {expected[n]}"
    else:
        why = f"record {n + 1} is for {keys[n]} again"
    raise BatchError(f"{path}: not resuming a run over other inputs ({why}): --resume completes a run "
                     "over the same inputs; use --overwrite to start again, or another --out")


class Output:
    """The JSONL file: one `os.write` per record, fsync every few seconds; `--resume` recovers it.

    `expected`: the keys of the whole run in order; a file resumed must be a start of them.
    """

    def __init__(self, path: str, resume: bool = False, overwrite: bool = False, expected: Sequence[str] = ()):
        self.path = path
        self.keys: list[str] = []  # keys already in the file, in file order
        self.prior: list[Stats] = []
        self.notes: list[str] = []  # what resuming had to clean up, for the summary
        self.written = 0
        self._synced = time.monotonic()
        if resume and overwrite:
            raise BatchError("--resume and --overwrite exclude each other")
        if path == "-":
            if resume:
                raise BatchError("--resume needs an output file, not standard output")
            sys.stdout.flush()
            self.fd = sys.stdout.fileno()
            return
        if os.path.exists(path):
            if os.path.isdir(path):
                raise BatchError(f"{path}: is a directory")
            if resume:
                self._recover(list(expected))
            elif not overwrite:
                raise BatchError(f"{path} exists: --resume completes it, --overwrite starts it again")
        # Opened at the first record: a run that cannot start leaves no file, and --overwrite keeps the old one.
        self.fd: int | None = None
        self._flags = os.O_WRONLY | os.O_CREAT | os.O_APPEND | (os.O_TRUNC if overwrite else 0)
        parent = os.path.dirname(path) or "."
        if not os.path.isdir(parent):
            raise BatchError(f"{path}: no such folder {parent}")
        if not os.access(parent, os.W_OK):
            raise BatchError(f"{path}: cannot write in {parent}")

    def _open(self) -> int:
        try:
            self.fd = os.open(self.path, self._flags, 0o644)
        except OSError as exc:
            raise BatchError(f"{self.path}: cannot write: {exc.strerror or exc}") from None
        return self.fd

    def _recover(self, expected: list[str]) -> None:
        """Read the records of an earlier run of the same inputs; truncate a torn (or garbled) tail after them."""
        good_end = offset = 0
        bad_line = None
        with open(self.path, "rb") as f:
            for number, raw in enumerate(f, 1):
                offset += len(raw)
                key = None
                if raw.endswith(b"\n"):
                    try:
                        record = json.loads(raw)
                        key = record["source"]["path"]
                    except (ValueError, KeyError, TypeError):
                        key = None
                if not isinstance(key, str):
                    bad_line = bad_line or number
                    continue
                if bad_line is not None:
                    raise BatchError(f"{self.path}: line {bad_line} is not a prfacts record; not resuming "
                                     "over a damaged file (move it aside or use --overwrite)")
                good_end = offset
                self.keys.append(key)
                self.prior.append(stats_of(record))
        check_same_inputs(self.path, self.keys, expected)  # before the file is touched
        if good_end < offset:
            self.notes.append(f"{self.path}: dropped an incomplete last line ({offset - good_end:,} bytes) left "
                              "by an interrupted run")
            with open(self.path, "r+b") as f:
                f.truncate(good_end)
                f.flush()
                os.fsync(f.fileno())

    def write(self, line: str) -> None:
        fd = self.fd if self.fd is not None else self._open()
        view = memoryview(line.encode("utf-8"))
        while view:  # one write for a whole line; the loop only continues a short write (a full disk)
            view = view[os.write(fd, view):]
        self.written += 1
        if self.path != "-" and time.monotonic() - self._synced >= FSYNC_SECONDS:
            os.fsync(fd)
            self._synced = time.monotonic()

    def close(self, complete: bool = False) -> None:
        """Sync and close; `complete`: the run finished, so the file exists even with no record in it."""
        if self.path == "-":
            return
        if self.fd is None and complete:
            self._open()
        if self.fd is None:
            return
        fd, self.fd = self.fd, None
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


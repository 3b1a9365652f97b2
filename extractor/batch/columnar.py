"""Columnar fact sheets: `prfacts batch --format parquet --out OUT_DIR`, and `prfacts report OUT_DIR`.

A batch's records become four Parquet datasets, one folder each:

    OUT_DIR/documents/part-00000.parquet   one row per document (error records too)
    OUT_DIR/mentions/part-00000.parquet    one row per quantity
    OUT_DIR/facts/part-00000.parquet       one row per fact; its roles a list of (role, mention id)
    OUT_DIR/findings/part-00000.parquet    one row per finding
    ...part-00001.parquet, one part per finished chunk of documents, in input order

Every table has the `document` key column (the JSONL record's `source.path`);
`(document, id)` names a mention or a fact, so facts join mentions through
their roles and findings join facts through `fact`. The columns, their types
and meanings are `extractor.batch.columns.COLUMNS` (also in each file's schema
metadata, and in docs/parquet.md).

A chunk is written as four temporary files, each renamed into place; the
documents part is renamed last, so it marks the chunk finished. `--resume`
reads the finished parts (their documents must be the first these inputs
give, as for JSONL), removes what an interrupted chunk left and analyses only
the rest. The four tables are the same whatever the engine, the number of
workers, the chunk size or the interruptions.
"""

from __future__ import annotations

import json
import os
import re
from typing import Iterable, Sequence

try:
    import pyarrow.parquet as pq
except ImportError:  # the parquet extra; `require()` says so
    pq = None

from .columns import TABLES, pa, require, to_tables
from .output import check_same_inputs
from .records import BatchError, Stats, stats_of
from ..reading.paths import names

CHUNK = 256  # documents per part: what an interruption can cost, against many small files
_PART = re.compile(r"part-(\d{5,})\.parquet")
_TEMP = re.compile(r"\.part-\d{5,}\.parquet\.tmp")


# ---------------------------------------------------------------- the output folder


def _parts(folder: str) -> dict[int, str]:
    """Part number -> file name of one table's folder (finished parts only)."""
    return {int(m.group(1)): n for n in names(folder) if (m := _PART.fullmatch(n))}


def _fsync_dir(folder: str) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


class ParquetOutput:
    """The output folder of `--format parquet`, with the interface of `output.Output` (keys, prior, write, close)."""

    def __init__(self, path: str, resume: bool = False, overwrite: bool = False, expected: Sequence[str] = (),
                 chunk: int = CHUNK):
        require()
        if path == "-":
            raise BatchError("--format parquet writes a folder: give --out OUT_DIR, not standard output")
        if chunk < 1:
            raise BatchError("--chunk-size must be at least 1")
        self.path, self.chunk = path, chunk
        self.keys: list[str] = []
        self.prior: list[Stats] = []
        self.notes: list[str] = []
        self.buffer: list[dict] = []
        self.next_part = 0
        self._clear = overwrite  # old parts go when the first new one is written: a run that cannot start keeps them
        if os.path.isfile(path):
            raise BatchError(f"{path} is a file: --format parquet writes a folder of tables (or use --format jsonl)")
        if os.path.isdir(path):
            _check_folder(path)
            if resume:
                self._recover(sorted(_parts(os.path.join(path, "documents"))), list(expected))
            elif not overwrite and any(names(os.path.join(path, t)) for t in names(path)):
                raise BatchError(f"{path} holds batch output: --resume completes it, --overwrite starts it again")
        else:
            parent = os.path.dirname(os.path.abspath(path))
            if not os.path.isdir(parent):
                raise BatchError(f"{path}: no such folder {parent}")
            if not os.access(parent, os.W_OK):
                raise BatchError(f"{path}: cannot write in {parent}")

    def _recover(self, finished: list[int], expected: list[str]) -> None:
        """Keep the finished chunks of an earlier run of the same inputs; drop what an unfinished one left."""
        if finished != list(range(len(finished))):
            missing = next(i for i, n in enumerate(finished) if i != n)
            raise BatchError(f"{self.path}: documents part {missing} is missing; not resuming over a damaged "
                             "output (move it aside or use --overwrite)")
        for table in TABLES[1:]:
            have = _parts(os.path.join(self.path, table))
            if any(n not in have for n in finished):
                raise BatchError(f"{self.path}: {table} lacks a part the documents table has; not resuming over "
                                 "a damaged output (move it aside or use --overwrite)")
        stats = read_stats(self.path, finished)
        self.keys = [s.key for s in stats]
        check_same_inputs(self.path, self.keys, expected)  # before anything is removed
        self.prior = stats
        dropped = self._remove(lambda n: n not in finished)
        if dropped:
            self.notes.append(f"{self.path}: removed {dropped} file{'s' if dropped != 1 else ''} of an unfinished "
                              "part left by an interrupted run")
        self.next_part = len(finished)

    def _remove(self, doomed) -> int:
        """Remove the temporary files, and the parts whose number `doomed(n)` says; how many went."""
        removed = 0
        for table in TABLES:
            folder = os.path.join(self.path, table)
            for name in names(folder):
                m = _PART.fullmatch(name)
                if _TEMP.fullmatch(name) or (m and doomed(int(m.group(1)))):
                    os.remove(os.path.join(folder, name))
                    removed += 1
        return removed

    def write(self, line: str) -> None:
        self.buffer.append(json.loads(line))
        if len(self.buffer) >= self.chunk:
            self._flush()

    def _flush(self) -> None:
        if self._clear:
            self._remove(lambda n: True)
            self._clear = False
        first = len(self.keys)
        tables = to_tables(self.buffer, first)
        name = f"part-{self.next_part:05}.parquet"
        # The documents part goes last: present, it says the chunk's other parts are in place.
        for table in (*TABLES[1:], TABLES[0]):
            folder = os.path.join(self.path, table)
            try:
                os.makedirs(folder, exist_ok=True)
                temp = os.path.join(folder, f".{name}.tmp")
                with open(temp, "wb") as f:
                    pq.write_table(tables[table], f, compression="zstd")
                    f.flush()
                    os.fsync(f.fileno())
                os.replace(temp, os.path.join(folder, name))
                _fsync_dir(folder)
            except OSError as exc:
                raise BatchError(f"{folder}: cannot write: {exc.strerror or exc}") from None
        self.keys.extend(r["source"]["path"] for r in self.buffer)
        self.buffer = []
        self.next_part += 1

    def close(self, complete: bool = False) -> None:
        """Write what is buffered (complete records, even when the run stops early); an empty finished run
        still leaves each table with its schema, so readers find four tables."""
        if self.buffer or (complete and self.next_part == 0):
            self._flush()


def _check_folder(path: str) -> None:
    """An existing output folder holds the four table folders and nothing else: prfacts writes and
    removes files only in a folder it wrote, never in one that holds other things."""
    for name in names(path):
        if name not in TABLES or not os.path.isdir(os.path.join(path, name)):
            raise BatchError(f"{path}: holds {name!r}, which prfacts did not write; not writing into it "
                             "(choose another --out)")


# ---------------------------------------------------------------- reading an output back


def _read(path: str, table: str, part: int, columns: list[str]) -> list[dict]:
    file = os.path.join(path, table, f"part-{part:05}.parquet")
    try:
        return pq.read_table(file, columns=columns).to_pylist()
    except (OSError, pa.ArrowException) as exc:
        raise BatchError(f"{file}: not a readable Parquet table of prfacts ({exc})") from None


# What the summary counts of each table: the fields `records.stats_of` reads in a record.
_COUNTED = {"mentions": ["kind"], "facts": ["type"], "findings": ["rule", "severity", "suppressed"]}


def read_stats(path: str, parts: Iterable[int]) -> list[Stats]:
    """The summary counts of each document in these parts, in document order.

    The rows are put back into records as small as `records.stats_of` needs, so a Parquet
    output is counted exactly as its JSON Lines twin."""
    require()
    stats: list[Stats] = []
    for part in parts:
        records = {}
        for doc in _read(path, "documents", part, ["document", "error", "length"]):
            key = doc["document"]
            records[key] = ({"source": {"path": key}, "error": doc["error"]} if doc["error"] is not None else
                            {"source": {"path": key, "length": doc["length"]}, **{t: [] for t in _COUNTED}})
        for table, fields in _COUNTED.items():
            for row in _read(path, table, part, ["document", *fields]):
                record = records.get(row.pop("document"))
                if record is None or table not in record:
                    raise BatchError(f"{os.path.join(path, table)}: part {part} has rows for a document its "
                                     "documents part does not list as analysed; a damaged output")
                record[table].append(row)
        stats += [stats_of(record) for record in records.values()]
    return stats


def summarize_into(summary, path: str) -> None:
    """Add a Parquet output's documents to a `summary.Summary` (what `prfacts report OUT_DIR` prints)."""
    require()
    if not os.path.isdir(os.path.join(path, "documents")):
        raise BatchError(f"{path}: a folder without prfacts tables (documents/, mentions/, facts/, findings/)")
    finished = sorted(_parts(os.path.join(path, "documents")))
    for stats in read_stats(path, finished):
        summary.add(stats)
    later = {n for t in TABLES[1:] for n in _parts(os.path.join(path, t)) if n not in finished}
    if later:
        summary.notes.append(f"{path}: an unfinished part left by an interrupted run: prfacts batch --resume "
                             "completes it")

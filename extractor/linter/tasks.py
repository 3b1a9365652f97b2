"""The documents of a run's inputs: what `check`, `extract`, `batch` and the API read, and how.

    expand(["drafts/", "filing.txt"]) -> [Task("drafts/a.md", ...), Task("filing.txt#2/ex99-1.htm", ...)]

Paths are expanded by the one walker (`extractor.paths.walk`); an EDGAR full
submission becomes one document per press-release exhibit (`extractor.edgar`),
keyed `path#<SEQUENCE>/<FILENAME>`, and its findings point inside the exhibit.
A `Task` names a document; `read_doc` reads its bytes (what the Dask engine
ships to workers) and `to_source` makes them the `SourceText` every stage
after reading works on. Whatever cannot be read is an error naming the
document, never an omission.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Iterable, NamedTuple

from ..reading import edgar, paths
from .budget import Budget, BudgetError
from .config import Config
from ..reading.read import from_bytes, from_string
from ..reading.source import InputError, SourceText


@dataclass(frozen=True)
class Task:
    """One document to analyse: its key, the file it is read from, which part of it, and under which
    configuration and budget (`extractor.engine.Engine.documents` binds them)."""

    key: str
    path: str
    part: str | None = None  # EDGAR `<SEQUENCE>/<FILENAME>` of an exhibit
    error: str | None = None  # known at expansion: no such file, no exhibit in a submission, a bad configuration
    config: Config = Config()
    limits: Budget = Budget()


class Doc(NamedTuple):
    """A document's content, ready to analyse anywhere (what the Dask engine ships to workers)."""

    key: str
    data: bytes | str | None
    fmt: str | None = None  # "text" | "markdown" | "html"; None: from the key's suffix
    error: str | None = None
    encoding: str | None = None  # what to decode `data` with; None: the guess of `extractor.reading.encodings`


def expand(inputs: Iterable[str], exhibit_types: str = edgar.PRESS_RELEASE_TYPES,
           exclude: Iterable[str] = (), skip: Iterable[str] = ()) -> list[Task]:
    """The documents of `inputs`, in the one deterministic order.

    Files, folders and glob patterns are expanded by `extractor.paths.walk`
    (inputs in the order given, each folder or pattern sorted, `exclude` globs
    and README/licence files left out of folders, a file reached twice taken
    once, `skip` never taken). An EDGAR full-submission file becomes one
    document per press-release exhibit. A path that does not exist, a pattern
    that matches nothing or a folder with no document is a document that
    cannot be read (an error), not a silent omission.
    """
    tasks: list[Task] = []
    seen_keys: set[str] = set()
    for entry in paths.walk(inputs, exclude=exclude, skip=skip):
        found = [Task(entry.path, entry.path, error=entry.error)] if entry.error else \
            _file_tasks(entry.path, exhibit_types)
        for task in found:
            if task.key not in seen_keys:
                seen_keys.add(task.key)
                tasks.append(task)
    return tasks


def _file_tasks(path: str, exhibit_types: str) -> list[Task]:
    """One task for a plain file; one per press-release exhibit for an EDGAR full submission."""
    if path == "-":
        return [Task(path, path)]  # standard input can be read once only: it is never sniffed
    try:
        with open(path, "rb") as f:
            head = f.read(edgar.SNIFF_BYTES)
            if not edgar.is_submission(head):
                return [Task(path, path)]
            data = head + f.read()
    except OSError:
        return [Task(path, path)]  # reading it again names the reason it cannot be read
    parts = edgar.exhibits(data, exhibit_types)
    if not parts:
        types = ", ".join(sorted({p.type or "?" for p in edgar.split(data)})) or "none"
        return [Task(path, path, error=f"{path}: EDGAR submission without a press-release exhibit "
                                        f"(document types: {types})")]
    return [Task(f"{path}#{p.ident}", path, part=p.ident) for p in parts]


def read_doc(task: Task, encoding: str | None = None) -> Doc:
    """Read a task's document from disk (bytes; decoded where it is analysed)."""
    if task.error is not None:
        return Doc(task.key, None, None, task.error)
    try:
        if task.part is not None:
            data, fmt = edgar.prepare(edgar.read_part(task.path, task.part, task.key))
            return Doc(task.key, data, fmt, None, encoding)
        # A file far over the size budget is not read into memory at all.
        task.limits.check_file(task.key, os.path.getsize(task.path))
        with open(task.path, "rb") as f:
            return Doc(task.key, f.read(), None, None, encoding)
    except (InputError, BudgetError) as exc:
        return Doc(task.key, None, None, str(exc))
    except OSError as exc:
        return Doc(task.key, None, None, os_error(task.key, exc))


def to_source(doc: Doc) -> SourceText:
    """The `SourceText` of a document read; an `InputError` naming it when it could not be read."""
    if doc.error is not None:
        raise InputError(doc.error)
    if isinstance(doc.data, str):
        return from_string(doc.data, doc.key, doc.fmt)
    return from_bytes(doc.data or b"", doc.key, doc.fmt, encoding=doc.encoding)


def os_error(name: str, exc: OSError) -> str:
    if isinstance(exc, FileNotFoundError):
        return f"{name}: no such file"
    if isinstance(exc, PermissionError):
        return f"{name}: permission denied"
    if isinstance(exc, IsADirectoryError):
        return f"{name}: is a directory"
    return f"{name}: cannot read: {exc.strerror or exc}"

"""The one path walker: what `prfacts check`, `extract` and `batch` make of the paths they are given.

    walk(["drafts/", "'filings/**/*.txt'", "q3.md", "-"], exclude=["old/*"]) -> [Entry(path, error), ...]

* A file named on the command line is always taken, whatever its name.
* A folder is searched recursively for the files the include globs name
  (`.txt`, `.md`, `.markdown`, `.html`, `.htm`, `.xhtml`, `.docx`: drafts,
  releases and EDGAR full submissions, which are `.txt`), skipping hidden files
  and folders, the default excludes (README, licence and COPYING files, and
  the `~$` lock files Word leaves beside an open document) and `--exclude` globs.
* A glob pattern (quoted, so the shell leaves it alone) takes the files it
  matches but the excluded ones, and searches the folders it matches as above.
* `-` (standard input) is passed through.

One order everywhere: the inputs as given, each folder's or glob's files
sorted by path. A file reached twice is taken once (the first time). Nothing
is skipped silently: a missing path, a pattern that matches nothing, a folder
with no document or one that cannot be listed is an `Entry` with an `error`
naming it, and each command says so (`check` and `extract` on stderr with exit
status 2, `batch` as an error record).

An exclude glob matches a file or folder by its name or by its path (as given,
or relative to the folder searched), with `/` between folders and `*` crossing
them; case is ignored (`README*` also excludes `readme.md`). An excluded folder
is not searched.
"""

from __future__ import annotations

import fnmatch
import glob
import os
from typing import Iterable, NamedTuple

DEFAULT_INCLUDE = ("*.txt", "*.md", "*.markdown", "*.html", "*.htm", "*.xhtml", "*.docx")
# A folder of releases often carries its own README or licence: they are not releases. Nor is the owner file
# Word keeps beside a document while it is open (`~$draft.docx`).
DEFAULT_EXCLUDE = ("readme", "readme.*", "licen[cs]e", "licen[cs]e.*", "licen[cs]e-*", "copying", "copying.*",
                   "~$*")


class Entry(NamedTuple):
    """One input: a file to read (`error` None), or a path that gave nothing, with the reason."""

    path: str
    error: str | None = None


class _Filter:
    """Which files a folder or glob yields: included, not hidden, not excluded."""

    def __init__(self, include: Iterable[str], exclude: Iterable[str]):
        self.include = tuple(g.lower() for g in include)
        self.exclude = tuple(g.lower() for g in (*DEFAULT_EXCLUDE, *exclude))

    def excluded(self, path: str, root: str | None = None) -> bool:
        forms = [os.path.basename(path), path]
        if root is not None:
            forms.append(os.path.relpath(path, root))
        forms = [f.replace(os.sep, "/").lower() for f in forms]
        return any(fnmatch.fnmatchcase(f, g) for f in forms for g in self.exclude)

    def included(self, path: str) -> bool:
        name = os.path.basename(path).lower()
        return not name.startswith(".") and any(fnmatch.fnmatchcase(name, g) for g in self.include)


def walk(inputs: Iterable[str], exclude: Iterable[str] = (), include: Iterable[str] = DEFAULT_INCLUDE,
         skip: Iterable[str] = ()) -> list[Entry]:
    """The files of `inputs`, in order, each once; `skip`: files never taken (a batch's own output)."""
    rules = _Filter(include, exclude)
    seen = {os.path.realpath(p) for p in skip}
    out: list[Entry] = []

    def add(entry: Entry) -> None:
        if entry.error is None and entry.path != "-":
            real = os.path.realpath(entry.path)
            if real in seen:
                return
            seen.add(real)
        out.append(entry)

    for arg in inputs:
        for entry in _expand(arg, rules):
            add(entry)
    return out


def _expand(arg: str, rules: _Filter) -> list[Entry]:
    if arg == "-" or (os.path.lexists(arg) and not os.path.isdir(arg)):
        return [Entry(arg)]
    if os.path.isdir(arg):
        return _folder(arg, rules)
    if not glob.has_magic(arg):
        return [Entry(arg, f"{arg}: no such file")]
    found: list[Entry] = []
    excluded = 0
    for match in sorted(glob.glob(arg, recursive=True)):
        if rules.excluded(match):
            excluded += 1
        elif os.path.isdir(match):
            entries, skipped = _search(match, rules)
            found += entries
            excluded += skipped
        else:
            found.append(Entry(match))
    if not found:
        note = f" but {excluded} excluded" if excluded else ""
        return [Entry(arg, f"{arg}: no file matches this pattern{note}")]
    return found


def _folder(top: str, rules: _Filter) -> list[Entry]:
    """The documents under a folder named on the command line; a folder that gives none is an error entry."""
    entries, excluded = _search(top, rules)
    if entries:
        return entries
    note = f"; {excluded} excluded" if excluded else ""
    looked = " ".join(g.lstrip("*") for g in rules.include)
    return [Entry(top, f"{top}: no documents in this folder (looked for {looked}{note})")]


def _search(top: str, rules: _Filter) -> tuple[list[Entry], int]:
    """The documents under a folder, sorted by path (a sub-folder that cannot be listed is an error entry),
    and how many were excluded."""
    found: list[Entry] = []
    excluded = 0

    def unreadable(exc: OSError) -> None:
        name = exc.filename or top
        found.append(Entry(name, f"{name}: cannot list folder: {exc.strerror or exc}"))

    for root, dirs, names in os.walk(top, onerror=unreadable):
        dirs[:] = [d for d in dirs if not d.startswith(".") and not rules.excluded(os.path.join(root, d), top)]
        for name in names:
            path = os.path.join(root, name)
            if not rules.included(path):
                continue
            if rules.excluded(path, top):
                excluded += 1
            else:
                found.append(Entry(path))
    return sorted(found), excluded


def names(folder: str) -> list[str]:
    """The names in one folder, sorted; none when it is not there. Not a walk of inputs: for the folders a
    command writes itself (the tables of `batch --format parquet`)."""
    try:
        return sorted(os.listdir(folder))
    except FileNotFoundError:
        return []


def add_options(parser) -> None:
    """`--exclude` and `--encoding`: how `check`, `extract` and `batch` find and read their inputs."""
    parser.add_argument("--exclude", action="append", default=[], metavar="GLOB",
                        help="skip files and folders matching GLOB when searching folders and patterns (by name or "
                             "path; repeatable); README and licence files are always skipped there")
    parser.add_argument("--encoding", metavar="NAME", type=_codec,
                        help="read every input with this encoding (a Python codec name: cp1252, utf-16, latin-1, "
                             "...) instead of guessing")


def _codec(name: str) -> str:
    import argparse
    import codecs

    try:
        codecs.lookup(name)
    except LookupError:
        raise argparse.ArgumentTypeError(f"unknown encoding {name!r}") from None
    return name

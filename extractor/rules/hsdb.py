"""Hyperscan databases compiled once and cached on disk, for the prescan and for the gates.

A database of every rule pattern takes a second or more to compile; it is cached in `~/.cache/prfacts`
(`PRFACTS_CACHE`, `XDG_CACHE_HOME`), keyed by the expressions, their flags and the Hyperscan version, and written
atomically so that parallel workers never read half a file. An expression Hyperscan refuses is left out (its
pattern then always runs); which were taken is stored with the database.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

try:
    import hyperscan
except ImportError:  # pragma: no cover - platforms without a wheel
    hyperscan = None


def database(expressions: list[str | None], flags: list[int], name: str):
    """(the database, the ids it holds) for the expressions by id (None: none for that id)."""
    key = hashlib.sha256(json.dumps([hyperscan.__version__, expressions, flags]).encode("utf-8")).hexdigest()[:24]
    cache = _cache_dir() / f"{name}-{key}.hsdb"
    if cache.exists():
        try:
            head, body = cache.read_bytes().split(b"\n", 1)
            return hyperscan.loadb(body, hyperscan.HS_MODE_BLOCK), frozenset(json.loads(head))
        except (ValueError, TypeError, hyperscan.error):  # stale or truncated: build it again
            pass
    compiled = _compilable([i for i, e in enumerate(expressions) if e is not None], expressions, flags)
    db = _compile(compiled, expressions, flags)
    if compiled:
        try:
            cache.parent.mkdir(parents=True, exist_ok=True)
            tmp = cache.with_suffix(f".{os.getpid()}.tmp")
            tmp.write_bytes(json.dumps(compiled).encode("ascii") + b"\n" + hyperscan.dumpb(db))
            tmp.replace(cache)  # atomic: a parallel worker reads the old file or the new one, never half of one
        except OSError:  # a read-only home: the database is built each run
            pass
    return db, frozenset(compiled)


def _compile(ids: list[int], expressions, flags):
    db = hyperscan.Database(mode=hyperscan.HS_MODE_BLOCK)
    if ids:
        db.compile(expressions=[expressions[i].encode("ascii") for i in ids], ids=ids, flags=[flags[i] for i in ids])
    return db


def _compilable(ids: list[int], expressions, flags) -> list[int]:
    """The patterns Hyperscan accepts: all of them when it takes the set, else those of each half (compiling
    each pattern alone would take longer)."""
    try:
        _compile(ids, expressions, flags)
        return ids
    except (hyperscan.error, UnicodeEncodeError):
        if len(ids) <= 1:
            return []
        half = len(ids) // 2
        return _compilable(ids[:half], expressions, flags) + _compilable(ids[half:], expressions, flags)


def _cache_dir() -> Path:
    root = os.environ.get("PRFACTS_CACHE") or os.environ.get("XDG_CACHE_HOME")
    return Path(root) / "prfacts" if root else Path.home() / ".cache" / "prfacts"

"""One document -> one record: the fact sheet's JSON line (or an error record) and the counts the summary needs.

Workers of every engine call `analyze_doc`; whatever fails becomes an error record naming the document, so a
batch never loses one. `BatchError` is what stops a whole run instead.
"""

from __future__ import annotations

import json
from collections import Counter
from typing import NamedTuple

from ..linter.budget import Budget
from ..linter.config import Config
from ..linter.engine import CheckError, check_source
from ..reading.source import InputError
from ..models import ErrorRecord
from ..linter.tasks import Doc, to_source


class BatchError(Exception):
    """A batch that cannot start or cannot go on; the message says why and what to do."""


class Settings(NamedTuple):
    """What every worker needs besides its tasks, which carry each document's configuration and budget
    (`extractor.engine`): the rule folders to build the pipeline with at start (the command's), and the
    encoding to read."""

    rules_dirs: tuple[str, ...] = ()
    encoding: str | None = None


class Stats(NamedTuple):
    """What the summary counts of one record; small, so workers send it beside the line."""

    key: str
    error: str | None
    chars: int
    kinds: dict[str, int]
    facts: dict[str, int]
    findings: tuple[tuple[str, str, bool], ...]  # (rule, severity, suppressed)


def analyze_doc(doc: Doc, config: Config = Config(), limits: Budget = Budget(), analyzer=None) -> tuple[str, Stats]:
    """The record line (with its newline) and its counts; every failure is an error record.

    The document is checked by `extractor.engine.check_source` under its own configuration, as `check` does.
    """
    try:
        line = check_source(to_source(doc), config, limits, doc.key, analyzer).model_dump_json()
    except (InputError, CheckError) as exc:
        line = error_line(doc.key, str(exc))
    except Exception as exc:  # noqa: BLE001  one document's failure must not stop a batch of thousands
        line = error_line(doc.key, f"{doc.key}: cannot analyse: {type(exc).__name__}: {exc}")
    return line + "\n", stats_of(json.loads(line))


def error_line(key: str, message: str) -> str:
    return ErrorRecord(source={"path": key}, error=message).model_dump_json()


def stats_of(record: dict) -> Stats:
    """The counts of one record (a fact sheet or an error record), read generically."""
    source = record.get("source") or {}
    key = source.get("path")
    if "error" in record:
        return Stats(key, str(record["error"]), 0, {}, {}, ())
    kinds = Counter(str(m.get("kind")) for m in record.get("mentions") or ())
    facts = Counter(str(f.get("type")) for f in record.get("facts") or ())
    findings = tuple((str(f.get("rule")), str(f.get("severity")), bool(f.get("suppressed")))
                     for f in record.get("findings") or ())
    return Stats(key, None, int(source.get("length") or 0), dict(kinds), dict(facts), findings)



def error_result(key: str, message: str) -> tuple[str, Stats]:
    """An error record as a worker sends it: the line (with its newline) and its counts."""
    line = error_line(key, message) + "\n"
    return line, stats_of(json.loads(line))

"""Finding and loading the rules: YAML files under `rules/` (and the user's own dirs).

Rules are data. Each stage asks for its folder (`quantities`, `facts`, `checks`)
and gets the parsed documents, read once per process. A malformed file is a
`RuleError` naming the file, never a traceback from deep inside a stage.
"""

from __future__ import annotations

import os
import time
from contextvars import ContextVar
from functools import lru_cache
from pathlib import Path
from typing import Iterable

import regex
import yaml

from . import schema as rule_schema
from .yaml_reader import read as read_yaml


class RuleError(ValueError):
    """A rule file that cannot be used, with the file named."""


def rules_root() -> Path:
    # An editable install (and a source checkout) keeps rules/ beside the package;
    # a wheel ships them as extractor/rules_data.
    here = Path(__file__).resolve().parent.parent
    for candidate in (here.parent / "rules", here / "rules_data"):
        if (candidate / "quantities").is_dir():
            return candidate
    raise RuleError(f"rules folder not found beside {here}")


def _load_file(path: Path, stage: str | None) -> list[dict]:
    try:
        documents, lines = read_yaml(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError, UnicodeDecodeError) as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{path}:{mark.line + 1}" if mark is not None else str(path)
        problem = getattr(exc, "problem", None) or exc
        raise RuleError(f"{where}: cannot read rule file: {' '.join(str(problem).split())}") from None
    items: list = []
    for item, line in documents:
        # Every document is checked against the model of its kind before a stage compiles it.
        problem = rule_schema.validate(item, stage, lines, line)
        if problem:
            raise RuleError(f"{path}:{problem}")
        item.setdefault("_file", str(path))
        items.append(item)
    return items


@lru_cache(maxsize=None)
def _load_folder(folder: str, stage: str | None = None) -> tuple[dict, ...]:
    root = Path(folder)
    items: list[dict] = []
    for path in sorted(root.glob("*.yaml")):
        items.extend(_load_file(path, stage))
    return tuple(items)


def load(stage: str, extra_dirs: Iterable[str | Path] = ()) -> list[dict]:
    """Every rule of one stage: the built-in ones, then those in `extra_dirs/<stage>` or `extra_dirs`."""
    items = list(_load_folder(str(rules_root() / stage), stage))
    for extra in extra_dirs:
        extra = Path(extra)
        nested = (extra / stage).is_dir()
        folder = extra / stage if nested else extra
        if not folder.is_dir():
            raise RuleError(f"{extra}: rules directory not found")
        # A flat folder holds every kind: each rule's own keys say which stage it is for.
        items.extend(i for i in _load_folder(str(folder.resolve()), stage if nested else None)
                     if nested or rule_schema.stage_of(i) == stage)
    seen: dict[str, str] = {}
    for item in items:
        if item["id"] in seen and seen[item["id"]] != item["_file"]:
            raise RuleError(f"{item['_file']}: rule id {item['id']!r} already defined in {seen[item['id']]}")
        seen[item["id"]] = item["_file"]
    return items


@lru_cache(maxsize=None)
def lexicon() -> dict:
    for item in _load_folder(str(rules_root() / "quantities"), "quantities"):
        if item["id"] == "lexicon":
            return item
    raise RuleError("rules/quantities/lexicon.yaml is missing")


# ---------------------------------------------------------------- user rules run on a clock
#
# A user's regex may backtrack without end on some document. The time budget of the document
# being analysed (`extractor.linter.budget`) sets a deadline here; every match a user rule makes runs
# with the `regex` module's `timeout=` set to the time left, and running out is a `RuleTimeout`
# naming the rule. The budget's timer signal (`DeadlinePassed`) may come first (the module's
# clock overshoots): raised inside a user rule's match, it is given that rule's name too.
# Built-in rules are not wrapped: they are tested for linear time.

_DEADLINE: ContextVar[float | None] = ContextVar("prfacts_rule_deadline", default=None)


class RuleTimeout(RuleError):
    """A user rule's regex ran out of the document's time budget; `rule` names it."""

    def __init__(self, rule: str):
        super().__init__(f"user rule {rule} ran out of time (its regex may backtrack without end)")
        self.rule = rule


class DeadlinePassed(BaseException):
    """The budget's timer signal went off (see `extractor.linter.budget`); `rule`: the user rule then matching.

    Not an `Exception`, so no `except Exception` on the way swallows it."""

    def __init__(self, rule: str | None = None):
        super().__init__(rule)
        self.rule = rule


def set_deadline(at: float | None):
    """Give user rules until `at` (`time.monotonic()`); returns the token for `reset_deadline`."""
    return _DEADLINE.set(at)


def reset_deadline(token) -> None:
    _DEADLINE.reset(token)


def is_builtin(source: str | Path) -> bool:
    """Whether a rule file (or a `file pattern N` description of a place in one) ships with prfacts."""
    try:
        root = rules_root()
    except RuleError:
        return False
    return str(source).startswith(str(root) + os.sep)


@lru_cache(maxsize=4096)
def compiled(source: str, flags: int = 0) -> regex.Pattern:
    """A pattern built from a rule's options, compiled once per process: a mechanism that builds its patterns
    each time it runs asks regex's own cache once per release, and those lookups (microseconds each) added up
    to a few percent of the analysis."""
    return regex.compile(source, flags)


def timed(pattern, where: str):
    """The compiled regex of a rule from `where`: built-in ones as they are, user ones on the clock."""
    return pattern if is_builtin(where) else TimedPattern(pattern, where)


class TimedPattern:
    """A user rule's compiled `regex` pattern whose matches stop at the document's deadline."""

    __slots__ = ("pattern", "where")

    def __init__(self, pattern, where: str):
        self.pattern, self.where = pattern, where

    def __getattr__(self, name):  # groupindex, flags, ... as the wrapped pattern has them
        if name.startswith("__") or name in self.__slots__:  # e.g. while unpickling, before the slots are set
            raise AttributeError(name)
        return getattr(self.pattern, name)

    def _timeout(self, kwargs: dict) -> dict:
        at = _DEADLINE.get()
        if at is not None:
            kwargs["timeout"] = max(at - time.monotonic(), 0.001)
        return kwargs

    def _call(self, method: str, args, kwargs):
        try:
            return getattr(self.pattern, method)(*args, **self._timeout(kwargs))
        except TimeoutError:
            raise RuleTimeout(self.where) from None
        except DeadlinePassed:
            raise DeadlinePassed(self.where) from None

    def search(self, *args, **kwargs):
        return self._call("search", args, kwargs)

    def match(self, *args, **kwargs):
        return self._call("match", args, kwargs)

    def fullmatch(self, *args, **kwargs):
        return self._call("fullmatch", args, kwargs)

    def finditer(self, *args, **kwargs):
        # Only what is raised while the regex runs is this rule's (not what the caller does between matches).
        try:
            yield from self._call("finditer", args, kwargs)
        except TimeoutError:
            raise RuleTimeout(self.where) from None
        except DeadlinePassed:
            raise DeadlinePassed(self.where) from None


@lru_cache(maxsize=16)
def check_ids(extra_dirs: tuple[str, ...] = ()) -> tuple[str, ...]:
    """The ids of every check rule (built-in and in `extra_dirs`): what `select`, `ignore` and `severity` name."""
    return tuple(str(r["id"]) for r in load("checks", extra_dirs))

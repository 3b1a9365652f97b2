"""Project configuration: `[tool.prfacts]` in `pyproject.toml`, or a `.prfacts.toml`.

The configuration that applies to a checked file is the nearest one found
walking up from the file's folder: in each folder a `.prfacts.toml` wins over
a `pyproject.toml`, and a `pyproject.toml` counts only when it has a
`[tool.prfacts]` table. No configuration file at all is the default
configuration (every rule, the rules' own severities, fail on errors).

    [tool.prfacts]                   # in .prfacts.toml the table may be omitted
    select = ["premium", "share-count-total"]   # only these rules (ids or prefixes)
    ignore = ["date-"]                           # never these
    severity = { premium-discount = "warning" }  # override a rule's severity
    fail-on = "warning"                          # error | warning | info | never
    rules-dirs = ["prfacts-rules"]               # the project's own rules, relative to this file
    max-chars = 2000000                          # the budget of one document (see extractor.linter.budget)
    timeout = 60                                 # seconds
    docs-url = "https://example.org/prfacts/rules/"  # where the rule pages are published (SARIF helpUri)

A rule pattern that names no rule, and a setting prfacts does not know, are
errors: a typo must not silently select nothing.

A configuration found by searching is not trusted to lower the bar: it may
not raise `fail-on` above "error" (to "never") nor take `rules-dirs` from
outside its own folder; either is an error naming the file. A file named with
`--config` is trusted: the person running the command chose it.

A rule pattern is a rule id (`premium-discount`), a prefix that ends at a
hyphen (`premium` and `premium-` both match `premium-discount`), a prefix
ending in `*` (`prem*`), or `ALL`/`*` for every rule.
"""

from __future__ import annotations

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib  # type: ignore[no-redef]
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Iterable

from ..models import SEVERITIES

FAIL_ON = SEVERITIES + ("never",)
RANK = {**{s: len(SEVERITIES) - n for n, s in enumerate(SEVERITIES)}, "never": 99}

CONFIG_NAMES = (".prfacts.toml", "pyproject.toml")
_KEYS = {"select", "ignore", "severity", "fail-on", "rules-dirs", "max-chars", "timeout", "docs-url"}
DEFAULT_FAIL_ON = "error"


class ConfigError(ValueError):
    """A configuration file that cannot be used; the message names the file."""


@dataclass(frozen=True)
class Config:
    path: Path | None = None  # the file it came from; None for the defaults
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severity: dict[str, str] = field(default_factory=dict)
    fail_on: str | None = None
    rules_dirs: tuple[str, ...] = ()  # absolute paths
    max_chars: int | None = None  # None: the command line's or the default budget
    timeout: float | None = None
    docs_url: str | None = None  # the base address of the rule pages (extractor.report.links)

    def __hash__(self):  # frozen, but holds a dict
        return hash((self.path, self.select, self.ignore, tuple(sorted(self.severity.items())), self.fail_on,
                     self.rules_dirs, self.max_chars, self.timeout, self.docs_url))

    def with_overrides(self, select: Iterable[str] | None = None, ignore: Iterable[str] | None = None,
                       fail_on: str | None = None, docs_url: str | None = None) -> "Config":
        """The command line's options over this file's: --select replaces, --ignore adds, --fail-on and
        --docs-url replace."""
        return replace(
            self,
            select=tuple(select) if select else self.select,
            ignore=self.ignore + tuple(ignore or ()),
            fail_on=fail_on or self.fail_on,
            docs_url=docs_url or self.docs_url,
        )

    def selects(self, rule: str) -> bool:
        """Whether findings of `rule` are reported at all (ignore wins over select)."""
        if self.ignore and any(rule_matches(rule, p) for p in self.ignore):
            return False
        return not self.select or any(rule_matches(rule, p) for p in self.select)

    def severity_of(self, rule: str, default: str) -> str:
        """The configured severity of a rule: the most specific matching key wins."""
        best, best_len = default, -1
        for pattern, level in self.severity.items():
            if rule_matches(rule, pattern):
                specificity = 1000 if pattern == rule else len(pattern.rstrip("*-"))
                if specificity > best_len:
                    best, best_len = level, specificity
        return best

    @property
    def fail_level(self) -> str:
        return self.fail_on or DEFAULT_FAIL_ON

    def unknown_patterns(self, known: Iterable[str]) -> list[tuple[str, str]]:
        """(setting, pattern) for each rule pattern of this file that names none of the `known` rule ids."""
        known = tuple(known)
        named = [("select", p) for p in self.select] + [("ignore", p) for p in self.ignore]
        named += [("severity", p) for p in self.severity]
        return [(key, p) for key, p in named if not any(rule_matches(rule, p) for rule in known)]


def rule_matches(rule: str, pattern: str) -> bool:
    pattern = pattern.strip()
    if not pattern:
        return False
    if pattern in ("ALL", "*", "all"):
        return True
    if pattern.endswith("*"):
        return rule.startswith(pattern[:-1])
    if rule == pattern:
        return True
    stem = pattern.rstrip("-")
    return bool(stem) and rule.startswith(stem + "-")


def split_rules(text: str | None) -> tuple[str, ...]:
    """`"a, b,c"` -> ("a", "b", "c")."""
    if not text:
        return ()
    return tuple(p.strip() for p in text.replace(" ", ",").split(",") if p.strip())


def _read_toml(path: Path) -> dict:
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read configuration: {exc.strerror or exc}") from None


def _table_of(path: Path, data: dict) -> dict | None:
    """The prfacts table of a parsed file, or None when the file has none."""
    tool = data.get("tool")
    table = tool.get("prfacts") if isinstance(tool, dict) else None
    if table is not None:
        if not isinstance(table, dict):
            raise ConfigError(f"{path}: [tool.prfacts] must be a table")
        return table
    if path.name == "pyproject.toml":
        return None
    # .prfacts.toml (or any file given with --config): the keys may sit at the top level.
    return {k: v for k, v in data.items() if k != "tool"}


def _strings(path: Path, key: str, value) -> tuple[str, ...]:
    if isinstance(value, str):
        return split_rules(value)
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{path}: {key} must be a list of strings")
    return tuple(v.strip() for v in value if v.strip())


def parse_table(path: Path, table: dict, trusted: bool = False) -> Config:
    """A Config from a `[tool.prfacts]` table read from `path` (relative rules-dirs are from its folder).

    `trusted`: the command line named the file, so it may raise fail-on and load rules from anywhere.
    """
    norm = {k.replace("_", "-"): v for k, v in table.items()}
    unknown = sorted(set(norm) - _KEYS)
    if unknown:
        raise ConfigError(f"{path}: unknown prfacts setting {unknown[0]!r} (known: {', '.join(sorted(_KEYS))})")
    severity = norm.get("severity", {})
    if not isinstance(severity, dict):
        raise ConfigError(f"{path}: severity must be a table of rule = \"error\"|\"warning\"|\"info\"")
    for rule, level in severity.items():
        if level not in SEVERITIES:
            raise ConfigError(f"{path}: severity of {rule!r} must be one of {', '.join(SEVERITIES)}, not {level!r}")
    fail_on = norm.get("fail-on")
    if fail_on is not None and fail_on not in FAIL_ON:
        raise ConfigError(f"{path}: fail-on must be one of {', '.join(FAIL_ON)}, not {fail_on!r}")
    if fail_on is not None and not trusted and RANK[fail_on] > RANK[DEFAULT_FAIL_ON]:
        raise ConfigError(f"{path}: fail-on = {fail_on!r} would let errors pass, and this file was found by "
                          f"searching, not named: trust it with --config {path}, or pass --fail-on instead")
    return Config(
        path=path,
        select=_strings(path, "select", norm.get("select", [])),
        ignore=_strings(path, "ignore", norm.get("ignore", [])),
        severity=dict(severity),
        fail_on=fail_on,
        rules_dirs=_rules_dirs(path, norm.get("rules-dirs", []), trusted),
        max_chars=_positive(path, "max-chars", norm.get("max-chars"), int, "a positive whole number"),
        timeout=_positive(path, "timeout", norm.get("timeout"), (int, float), "a positive number of seconds"),
        docs_url=docs_url(norm.get("docs-url"), str(path)),
    )


def docs_url(value, where: str) -> str | None:
    """A `docs-url` (setting or --docs-url): an absolute http, https or file address, else a ConfigError."""
    if value is None:
        return None
    scheme, _, rest = value.partition("://") if isinstance(value, str) else ("", "", "")
    if scheme.lower() not in ("http", "https", "file") or not rest or any(c.isspace() for c in value):
        raise ConfigError(f"{where}: docs-url must be an absolute http(s) or file address "
                          f"(like https://example.org/prfacts/rules/), not {value!r}")
    return value


def _rules_dirs(path: Path, value, trusted: bool) -> tuple[str, ...]:
    """Absolute rule folders; an untrusted file may only name folders inside its own."""
    base = path.parent.resolve()
    dirs = []
    for d in _strings(path, "rules-dirs", value):
        p = Path(d).expanduser()
        p = (p if p.is_absolute() else base / p).resolve()
        if not p.is_dir():
            raise ConfigError(f"{path}: rules-dirs entry {d!r} is not a directory ({p})")
        if not trusted and not p.is_relative_to(base):
            raise ConfigError(f"{path}: rules-dirs entry {d!r} is outside the folder of this file ({p}), and this "
                              f"file was found by searching, not named: trust it with --config {path}")
        dirs.append(str(p))
    return tuple(dirs)


def _positive(path: Path, key: str, value, kind, what: str):
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, kind) or not value > 0 or value == float("inf"):
        raise ConfigError(f"{path}: {key} must be {what}, not {value!r}")
    return value


def load_config(path: str | Path) -> Config:
    """The configuration in one named file (`--config`): a `.prfacts.toml`-style file or a `pyproject.toml`."""
    path = Path(path)
    if not path.is_file():
        raise ConfigError(f"{path}: configuration file not found")
    table = _table_of(path, _read_toml(path))
    if table is None:
        raise ConfigError(f"{path}: has no [tool.prfacts] table")
    return parse_table(path.resolve(), table, trusted=True)


def command_config(path: str | Path | None = None) -> Config:
    """The configuration of a command that reads no draft's own (`extract`, `batch`, `rules`):
    the file `--config` names (trusted), else the one that applies to the current folder."""
    return load_config(path) if path else find_config()


def _candidates(start: Path):
    start = start.resolve() if start.exists() else start.absolute()
    folder = start if start.is_dir() else start.parent
    for d in (folder, *folder.parents):
        for name in CONFIG_NAMES:
            yield d / name


def find_config(path: str | Path | None = None, cache: dict | None = None) -> Config:
    """The configuration that applies to `path` (a file or a folder; default the current folder).

    The nearest `.prfacts.toml`, or `pyproject.toml` with `[tool.prfacts]`, walking up;
    the default `Config()` when there is none. `Config.rules_dirs` holds absolute paths
    of the user's rule folders (for `prfacts rules test` as much as for `prfacts check`).
    Pass the same `cache` dict to calls for many files of one run to read each file once.
    """
    cache = {} if cache is None else cache
    start = Path(path) if path is not None else Path.cwd()
    for candidate in _candidates(start):
        if candidate not in cache:
            found = None
            if candidate.is_file():
                table = _table_of(candidate, _read_toml(candidate))
                found = parse_table(candidate, table) if table is not None else None
            cache[candidate] = found
        if cache[candidate] is not None:
            return cache[candidate]
    return Config()

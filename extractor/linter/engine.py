"""The one path from an input to a checked fact sheet: `check`, `extract`, `batch` and the API all take it.

    engine = Engine(Options(config=None, select=("premium",), rules_dirs=("house-rules",)))
    for task in engine.documents(["drafts/", "filing.txt"]):   # EDGAR submissions split into exhibits
        result = engine.check(task)                               # CheckedFile: path, sheet, source, config

Each document is checked under the configuration that applies to it (the
nearest `.prfacts.toml` or `pyproject.toml` above it, or the file `--config`
names), with the command line's options over it: `--select` and `--ignore`,
`--fail-on`, `--rules-dir` folders before the configuration's, `--max-chars`
and `--timeout`. `check_source` is the single step from a read document to
its checked fact sheet: the analysis within the budget, then the rules not
selected dropped, severities overridden, suppression comments applied. A
batch binds every task to its configuration and budget in the parent, so
workers (local or Dask) run `check_source` with what the task carries.
"""

from __future__ import annotations

import difflib
import os
from dataclasses import dataclass, field, replace
from typing import Iterable

from . import budget as budgets
from . import config as configuration
from ..reading import edgar
from . import suppress
from .tasks import Task, expand, read_doc, to_source
from ..reading.read import read_source
from ..reading.source import InputError, SourceText
from ..models import FactSheet
from ..report import Checked


class CheckError(Exception):
    """One document that could not be checked; the message names it."""


@dataclass(frozen=True)
class Options:
    """What the command line (or an API caller) sets over the configuration files."""

    config: str | None = None  # one trusted configuration for every input, instead of searching
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    fail_on: str | None = None
    rules_dirs: tuple[str, ...] = ()  # folders of the user's own rules, before the configuration's
    max_chars: int | None = None
    timeout: float | None = None
    encoding: str | None = None
    stdin_filename: str | None = None
    exhibits: str = edgar.PRESS_RELEASE_TYPES
    docs_url: str | None = None  # where the rule pages are published (reports link findings to them)

    @classmethod
    def from_args(cls, args) -> "Options":
        """The options of a parsed command line (a command lacking one leaves the default)."""
        get = lambda name: getattr(args, name, None)  # noqa: E731
        return cls(config=get("config"), select=configuration.split_rules(get("select")),
                   ignore=configuration.split_rules(get("ignore")), fail_on=get("fail_on"),
                   rules_dirs=tuple(get("rules_dirs") or ()), max_chars=get("max_chars"), timeout=get("timeout"),
                   encoding=get("encoding"), stdin_filename=get("stdin_filename"),
                   exhibits=get("exhibits") or edgar.PRESS_RELEASE_TYPES,
                   docs_url=configuration.docs_url(get("docs_url"), "--docs-url"))


def add_options(parser, select: bool = True) -> None:
    """`--config`, `--rules-dir` and (`select`) `--select`/`--ignore`: the same for every command that checks."""
    parser.add_argument("--config", metavar="PATH",
                        help="use this configuration file (.prfacts.toml or pyproject.toml) for every input instead "
                             "of the one that applies to each file's folder; a file named here is trusted "
                             "(fail-on = never, rules-dirs outside its folder)")
    parser.add_argument("--rules-dir", action="append", default=[], metavar="DIR", dest="rules_dirs",
                        help="a folder of your own rules (laid out like rules/), added to the built-in ones and "
                             "the configuration's rules-dirs (repeatable)")
    if select:
        parser.add_argument("--select", metavar="RULES", help="only these rules (comma-separated ids or prefixes)")
        parser.add_argument("--ignore", metavar="RULES", help="not these rules (comma-separated ids or prefixes)")


@dataclass
class CheckedFile(Checked):
    """A checked document with what the richer reports need besides the fact sheet."""

    source: SourceText | None = None
    rules_dirs: tuple[str, ...] = ()
    config: configuration.Config = field(default_factory=configuration.Config)

    @property
    def failing(self) -> list:
        level = configuration.RANK[self.config.fail_level]
        return [f for f in self.sheet.findings if not f.suppressed and configuration.RANK[f.severity] >= level]


# ---------------------------------------------------------------- one document


def apply_config(sheet: FactSheet, source: SourceText, cfg: configuration.Config) -> FactSheet:
    """Drop findings of unselected rules, override severities, mark suppressed findings."""
    findings = []
    for f in sheet.findings:
        if not cfg.selects(f.rule):
            continue
        severity = cfg.severity_of(f.rule, f.severity)
        if severity != f.severity:
            f = f.model_copy(update={"severity": severity})
        findings.append(f)
    findings = suppress.apply(source.original, findings, source.line_starts)
    return sheet.model_copy(update={"findings": findings})


def check_source(source: SourceText, cfg: configuration.Config = configuration.Config(),
                 limits: budgets.Budget = budgets.Budget(), name: str | None = None, analyzer=None) -> FactSheet:
    """The checked fact sheet of one read document: every door's only way from a text to its findings.

    `analyzer`: the pipeline to use (a Dask worker thread's own); by default the shared one for the
    configuration's rule folders. Every failure is a `CheckError` naming the document.
    """
    import extractor  # looked up at call time (tests swap in their own analyzer)
    from ..rules import RuleError

    name = name or source.path or "<stdin>"
    try:
        pipeline = analyzer or extractor.analyzer(tuple(cfg.rules_dirs))
        sheet = budgets.analyse(pipeline, source, limits, name)
    except budgets.BudgetError as exc:
        raise CheckError(str(exc)) from None
    except RuleError as exc:
        raise CheckError(f"{name}: rules: {exc}") from None
    except Exception as exc:  # noqa: BLE001  one document's failure must not cost the others
        if os.environ.get("PRFACTS_DEBUG"):
            raise
        raise CheckError(f"{name}: internal error: {type(exc).__name__}: {exc}") from None
    return apply_config(sheet, source, cfg)


# ---------------------------------------------------------------- configuration


def known_rules(rules_dirs: tuple[str, ...]) -> tuple[str, ...]:
    """The rule ids findings can carry under these rule folders (tests with their own rules swap it)."""
    from ..rules import check_ids

    return check_ids(tuple(rules_dirs))


def unknown_rule_error(where: str, pattern: str, known: tuple[str, ...]) -> str:
    # A pattern may be an id or a prefix ("premium"): suggest from both.
    stems = {rule.rsplit("-", n)[0] for rule in known for n in range(rule.count("-") + 1)}
    close = difflib.get_close_matches(pattern, sorted(stems), n=3)
    hint = f" (did you mean {', '.join(close)}?)" if close else " (prfacts rules list shows them)"
    return f"{where}: no rule matches {pattern!r}{hint}"


class Engine:
    """Binds documents to their configuration and budget, reads them and checks them; remembers the
    configurations it read. A `ConfigError` from the constructor is a run that cannot start."""

    def __init__(self, options: Options = Options()):
        for d in options.rules_dirs:
            if not os.path.isdir(d):
                raise configuration.ConfigError(f"{d}: no such rules folder (--rules-dir)")
        self.options = replace(options, rules_dirs=tuple(os.path.abspath(d) for d in options.rules_dirs))
        self.cache: dict = {}
        self.validated: set = set()
        # The file --config names is trusted (see extractor.linter.config); files found by searching are not.
        self.explicit = configuration.load_config(options.config) if options.config else None

    def config_for(self, path: str) -> configuration.Config:
        """The configuration of the document at `path` ("-": standard input), command line included."""
        o = self.options
        if self.explicit is not None:
            cfg = self.explicit
        else:
            anchor = (o.stdin_filename or os.getcwd()) if path == "-" else path
            cfg = configuration.find_config(anchor, self.cache)
        cfg = replace(cfg, rules_dirs=o.rules_dirs + tuple(d for d in cfg.rules_dirs if d not in o.rules_dirs))
        self.validate(cfg)
        return cfg.with_overrides(o.select, o.ignore, o.fail_on, o.docs_url)

    def validate(self, cfg: configuration.Config) -> None:
        """Every rule pattern, the file's and the command line's, must name a rule: a typo selects nothing."""
        if cfg in self.validated:
            return
        from ..rules import RuleError

        try:
            known = known_rules(cfg.rules_dirs)
        except RuleError as exc:
            raise configuration.ConfigError(f"rules: {exc}") from None
        options = configuration.Config(select=self.options.select, ignore=self.options.ignore)
        unknown = [(f"{cfg.path}: {key}", p) for key, p in cfg.unknown_patterns(known)]
        unknown += [(f"--{key}", p) for key, p in options.unknown_patterns(known)]
        if unknown:
            raise configuration.ConfigError(unknown_rule_error(*unknown[0], known))
        self.validated.add(cfg)

    def budget_for(self, cfg: configuration.Config) -> budgets.Budget:
        return budgets.resolve(self.options, cfg)

    def bind(self, task: Task) -> Task:
        """The task with its configuration and budget; a configuration that cannot be used is its error."""
        if task.error is not None:
            return task
        try:
            cfg = self.config_for(task.path)
        except configuration.ConfigError as exc:
            return replace(task, error=str(exc))
        return replace(task, config=cfg, limits=self.budget_for(cfg))

    def documents(self, inputs: Iterable[str], exclude: Iterable[str] = (), skip: Iterable[str] = ()) -> list[Task]:
        """Every document of the inputs, in the one order, bound to its configuration and budget."""
        return [self.bind(t) for t in expand(inputs, self.options.exhibits, exclude=exclude, skip=skip)]

    def name(self, task: Task) -> str:
        """How reports name a document: its key (`path#<SEQUENCE>/<FILENAME>` for an exhibit)."""
        return (self.options.stdin_filename or "<stdin>") if task.path == "-" else task.key

    def read(self, task: Task) -> SourceText:
        if task.error is not None:
            raise InputError(task.error)
        if task.path == "-":
            return read_source("-", self.options.stdin_filename, self.options.encoding)
        return to_source(read_doc(task, self.options.encoding))

    def check(self, task: Task, source: SourceText | None = None) -> CheckedFile:
        """The checked document (`source`: its text as it is now, after a fix); an `InputError` or a
        `CheckError` naming it when it cannot be read or checked."""
        source = source or self.read(task)
        sheet = check_source(source, task.config, task.limits, source.path or "<stdin>")
        return CheckedFile(self.name(task), sheet, source, tuple(task.config.rules_dirs), task.config)


# ---------------------------------------------------------------- the Python API


def _options(config) -> Options:
    return Options(config=str(config)) if config is not None else Options()


def check_file(path: str | os.PathLike, config: str | os.PathLike | None = None) -> list[FactSheet]:
    """The checked fact sheets of one file, as `prfacts check --format json` gives them: one sheet, or one
    per press-release exhibit of an EDGAR full submission. `config`: a configuration file to use instead
    of the one that applies to the file's folder. Raises `InputError`, `CheckError` or `ConfigError`."""
    engine = Engine(_options(config))
    return [engine.check(task).sheet for task in engine.documents([os.fspath(path)])]


def check_text(text: str, name: str | None = None, config: str | os.PathLike | None = None) -> FactSheet:
    """The checked fact sheet of a release held in memory. `name` (a file name) picks the reader by its
    suffix (`.md`, `.html`) and the configuration by its folder (default: the current folder's)."""
    from ..reading.read import format_of, from_string

    engine = Engine(replace(_options(config), stdin_filename=name))
    task = engine.bind(Task("-", "-"))
    if task.error is not None:
        raise configuration.ConfigError(task.error)
    return engine.check(task, from_string(text, name, format_of(name))).sheet

"""`prfacts check`: run the checks over drafts, the way a linter runs in CI and pre-commit.

    prfacts check FILE... [--format text|json|sarif|github|html] [--fail-on error|warning|info|never]
                  [--stdin-filename NAME] [--config PATH] [--select R,..] [--ignore R,..]
                  [--fix | --diff] [--output FILE] [--exclude GLOB] [--encoding NAME]
                  [--max-chars N] [--timeout SECONDS] [--timestamp]
                  [--color auto|always|never] [--statistics] [--quiet] [--exit-zero]

FILE may be a folder (its .txt, .md, .markdown, .html and .htm files, recursively),
a quoted glob (`'drafts/**/*.md'`) or `-` for standard input (`--stdin-filename`
names it: its suffix picks the reader, its folder the configuration). Folders
and globs are expanded by `extractor.paths.walk`, the walker `extract` and
`batch` use too; an empty folder or a pattern that matches nothing is an error.

A rule pattern in --select, --ignore or the configuration that names no rule
is an error (exit 2), and so is a document over its size or time budget
(`extractor.budget`); the other files are still checked.

Each file is checked under the nearest configuration (see `extractor.config`),
or the one `--config` names. Findings of rules not selected are dropped,
severities are overridden, then suppression comments in the draft mark
findings as suppressed (kept in json and sarif, never counted).

Exit status: 0 when no unsuppressed finding is at or above the fail-on level
(default error), 1 when one is, 2 on a usage, configuration or input error
(one line on stderr naming the file; the other files are still checked).

`--fix` applies the proposed fixes in place (atomically), then checks the
fixed files again and reports what remains; with `-` the fixed text goes to
standard output and the report to standard error. `--diff` prints the fixes
as a unified diff and writes nothing.
"""

from __future__ import annotations

import argparse
import difflib
import os
import sys
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from . import budget as budgets
from . import config as configuration
from . import fixes, paths, suppress
from .inputs import InputError, SourceText, from_string, read_source
from .models import FactSheet
from .report import Checked, text

DEFAULT_FORMATS = ("text", "json", "sarif", "github", "html")


@dataclass
class CheckedFile(Checked):
    """A checked draft with what the richer reports need besides the fact sheet."""

    source: SourceText | None = None
    rules_dirs: tuple[str, ...] = ()
    config: configuration.Config = field(default_factory=configuration.Config)

    @property
    def failing(self) -> list:
        level = configuration.RANK[self.config.fail_level]
        return [f for f in self.sheet.findings if not f.suppressed and configuration.RANK[f.severity] >= level]


class CheckError(Exception):
    """One file that could not be checked; the message names it."""


def _formats() -> list[str]:
    try:
        from .report import format_names

        names = format_names()
    except Exception:  # a broken report module must not take the whole command down
        names = []
    return sorted(set(names) | set(DEFAULT_FORMATS)) if names else list(DEFAULT_FORMATS)


def add_commands(subparsers) -> None:
    p = subparsers.add_parser(
        "check",
        help="check drafts and report the findings (text, json, sarif, github, html)",
        description="Check press-release drafts: report what cannot be true, like a linter. "
        "Exit 0 when clean, 1 when a finding is at or above --fail-on, 2 on usage or input errors.",
    )
    p.add_argument("files", nargs="+", metavar="FILE",
                   help="drafts (.txt, .md, .html), folders of drafts, or - for standard input")
    p.add_argument("--format", choices=_formats(), default="text",
                   help="text: path:line:col: severity rule message (default); json: fact sheets; sarif: SARIF "
                        "2.1.0 for code scanning; github: workflow annotations; html: one self-contained page")
    p.add_argument("--fail-on", choices=configuration.FAIL_ON, default=None,
                   help="lowest severity that makes the exit status 1 (default: the configuration's, else error)")
    p.add_argument("--stdin-filename", metavar="NAME",
                   help="the name of the draft read from standard input (its suffix picks the reader)")
    p.add_argument("--config", metavar="PATH",
                   help="use this configuration file (.prfacts.toml or pyproject.toml) instead of searching; a file "
                        "named here is trusted (fail-on = never, rules-dirs outside its folder)")
    p.add_argument("--select", metavar="RULES", help="only these rules (comma-separated ids or prefixes)")
    p.add_argument("--ignore", metavar="RULES", help="not these rules (comma-separated ids or prefixes)")
    g = p.add_mutually_exclusive_group()
    g.add_argument("--fix", action="store_true", help="apply the proposed fixes in place, then report what remains")
    g.add_argument("--diff", action="store_true", help="print the proposed fixes as a unified diff; write nothing")
    p.add_argument("--output", "-o", metavar="FILE", help="write the report to FILE instead of standard output")
    p.add_argument("--timestamp", action="store_true",
                   help="sarif: record when and where the run happened (start and end time, the working folder); "
                        "without it two runs over the same drafts write identical files")
    p.add_argument("--color", choices=("auto", "always", "never"), default="auto",
                   help="text: colour on a terminal (auto: when standard output is one; NO_COLOR turns it off, "
                        "FORCE_COLOR on)")
    p.add_argument("--statistics", action="store_true", help="text: count the findings per rule instead of listing them")
    p.add_argument("--quiet", "-q", action="store_true", help="text: print the findings only, no summary")
    p.add_argument("--exit-zero", action="store_true",
                   help="exit 0 even with findings at or above --fail-on (input errors still exit 2)")
    paths.add_options(p)
    budgets.add_options(p)
    p.set_defaults(func=run)


# ---------------------------------------------------------------- checking


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
    findings = suppress.apply(source.original, findings)
    return sheet.model_copy(update={"findings": findings})


def known_rules(rules_dirs: tuple[str, ...]) -> tuple[str, ...]:
    """The rule ids findings can carry under these rule folders (tests with their own rules swap it)."""
    from .rules import check_ids

    return check_ids(tuple(rules_dirs))


def unknown_rule_error(where: str, pattern: str, known: tuple[str, ...]) -> str:
    # A pattern may be an id or a prefix ("premium"): suggest from both.
    stems = {rule.rsplit("-", n)[0] for rule in known for n in range(rule.count("-") + 1)}
    close = difflib.get_close_matches(pattern, sorted(stems), n=3)
    hint = f" (did you mean {', '.join(close)}?)" if close else " (prfacts rules list shows them)"
    return f"{where}: no rule matches {pattern!r}{hint}"


class Checker:
    """Checks one file after another under the right configuration; remembers the configurations it read."""

    def __init__(self, args: argparse.Namespace):
        self.args = args
        self.cache: dict = {}
        self.validated: set = set()
        # The file --config names is trusted (see extractor.config); files found by searching are not.
        self.explicit = configuration.load_config(args.config) if args.config else None
        self.select = configuration.split_rules(args.select)
        self.ignore = configuration.split_rules(args.ignore)

    def config_for(self, path: str) -> configuration.Config:
        if self.explicit is not None:
            cfg = self.explicit
        else:
            anchor = path
            if path == "-":
                anchor = self.args.stdin_filename or os.getcwd()
            cfg = configuration.find_config(anchor, self.cache)
        self.validate(cfg)
        return cfg.with_overrides(self.select, self.ignore, self.args.fail_on)

    def validate(self, cfg: configuration.Config) -> None:
        """Every rule pattern, the file's and the command line's, must name a rule: a typo selects nothing."""
        if cfg in self.validated:
            return
        from .rules import RuleError

        try:
            known = known_rules(cfg.rules_dirs)
        except RuleError as exc:
            raise configuration.ConfigError(f"rules: {exc}") from None
        options = configuration.Config(select=self.select, ignore=self.ignore)
        unknown = [(f"{cfg.path}: {key}", p) for key, p in cfg.unknown_patterns(known)]
        unknown += [(f"--{key}", p) for key, p in options.unknown_patterns(known)]
        if unknown:
            raise configuration.ConfigError(unknown_rule_error(*unknown[0], known))
        self.validated.add(cfg)

    def budget_for(self, cfg: configuration.Config) -> budgets.Budget:
        return budgets.resolve(self.args, cfg)

    def analyse(self, source: SourceText, cfg: configuration.Config) -> FactSheet:
        import extractor  # looked up at call time (tests swap in their own analyzer)
        from .rules import RuleError

        name = source.path or "<stdin>"
        try:
            engine = extractor.analyzer(tuple(cfg.rules_dirs))
            sheet = budgets.analyse(engine, source, self.budget_for(cfg), name)
        except budgets.BudgetError as exc:
            raise CheckError(str(exc)) from None
        except RuleError as exc:
            raise CheckError(f"{name}: rules: {exc}") from None
        except Exception as exc:
            if os.environ.get("PRFACTS_DEBUG"):
                raise
            raise CheckError(f"{name}: internal error: {type(exc).__name__}: {exc}") from None
        return apply_config(sheet, source, cfg)

    def read(self, path: str, cfg: configuration.Config | None = None) -> SourceText:
        if path != "-" and cfg is not None:
            try:  # a file far over the size budget is refused before it is read into memory
                self.budget_for(cfg).check_file(path, os.path.getsize(path))
            except OSError:
                pass  # read_source names the problem
            except budgets.BudgetError as exc:
                raise CheckError(str(exc)) from None
        return read_source(path, self.args.stdin_filename, encoding=self.args.encoding)

    def check(self, path: str) -> CheckedFile:
        display = self.display(path)
        try:
            cfg = self.config_for(path)
        except configuration.ConfigError as exc:
            raise CheckError(str(exc)) from None
        source = self.read(path, cfg)
        sheet = self.analyse(source, cfg)
        return CheckedFile(display, sheet, source, tuple(cfg.rules_dirs), cfg)

    def display(self, path: str) -> str:
        return (self.args.stdin_filename or "<stdin>") if path == "-" else path


class _Errors:
    """Error lines on stderr, each said once (a broken configuration is the same error for all its files)."""

    def __init__(self) -> None:
        self.said: set[str] = set()

    def __call__(self, message: str) -> None:
        if message not in self.said:
            self.said.add(message)
            _err(message)

    def __bool__(self) -> bool:
        return bool(self.said)


def _err(message: str) -> None:
    print(f"prfacts: {message}", file=sys.stderr)


def _s(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 'es' if word.endswith('x') else 's'}"


@dataclass
class _Run:
    """What one `prfacts check` run collects: the checked files, the diffs, a fixed standard input, errors."""

    results: list[CheckedFile] = field(default_factory=list)
    diffs: list[str] = field(default_factory=list)
    stdin_fixed: str | None = None
    errors: _Errors = field(default_factory=_Errors)
    unreadable: int = 0  # inputs that could not be checked, for the summary
    started: datetime = field(default_factory=lambda: datetime.now(timezone.utc))


def run(args: argparse.Namespace) -> int:
    state = _Run()
    try:
        checker = Checker(args)
    except configuration.ConfigError as exc:
        _err(str(exc))
        return 2
    entries = paths.walk(args.files, exclude=args.exclude)
    if sum(e.path == "-" for e in entries) > 1:
        _err("standard input (-) can be named only once")
        return 2
    for entry in entries:
        if entry.error is not None:
            state.errors(entry.error)
            state.unreadable += 1
            continue
        try:
            result = checker.check(entry.path)
        except (InputError, CheckError) as exc:
            state.errors(str(exc))
            state.unreadable += 1
            continue
        if args.fix or args.diff:
            result = _fix(checker, entry.path, result, state)
        state.results.append(result)
    _write_report(args, state)
    if state.errors:
        return 2
    return 1 if not args.exit_zero and any(r.failing for r in state.results) else 0


def _fix(checker: Checker, path: str, result: CheckedFile, state: _Run) -> CheckedFile:
    """Apply (--fix) or print (--diff) the fixes of one checked file; the file checked again after a fix."""
    args, source = checker.args, result.source
    edits, skipped = fixes.plan(source, result.sheet.findings)
    for f in skipped:
        _err(f"{result.path}:{f.line}:{f.column}: fix for {f.rule} not applied "
             "(it overlaps another fix or no longer matches the text)")
    if not edits:
        if path == "-" and args.fix:
            state.stdin_fixed = source.original
        return result
    new_text = fixes.apply_edits(source.original, edits)
    if args.diff:
        state.diffs.append(fixes.unified_diff(result.path, source.original, new_text))
        return result
    if path == "-":
        state.stdin_fixed = new_text
        return _recheck(checker, result, from_string(new_text, source.path, source.format))
    try:
        fixes.write_atomic(path, new_text, source.encoding)
    except OSError as exc:
        state.errors(f"{path}: cannot write the fixes: {exc.strerror or exc}")
        return result
    _err(f"{path}: applied {_s(len(edits), 'fix')}")
    try:
        return _recheck(checker, result, checker.read(path))
    except (InputError, CheckError) as exc:
        state.errors(str(exc))
        return result


def _write_report(args: argparse.Namespace, state: _Run) -> None:
    to_stdout = not (args.output or args.diff or state.stdin_fixed is not None)
    person = to_stdout and sys.stdout.isatty()  # a person reads; else a pipe or file, read by a program
    if args.format == "text":
        report = _terminal(args, state.results, to_stdout and text.color_wanted(args.color, sys.stdout), person)
    else:
        report = _render(args.format, state.results, (state.started, datetime.now(timezone.utc))
                         if args.timestamp else None)
    if args.output:
        try:
            Path(args.output).write_text(report, encoding="utf-8")
        except OSError as exc:
            state.errors(f"{args.output}: cannot write the report: {exc.strerror or exc}")
    if args.diff:
        sys.stdout.write("".join(state.diffs))  # the diff is the output; the report only goes to --output
    elif state.stdin_fixed is not None:
        sys.stdout.write(state.stdin_fixed)  # the fixed draft; the report goes to stderr
        if not args.output:
            sys.stderr.write(report)
    elif not args.output:
        sys.stdout.write(report)
    sys.stdout.flush()
    if args.format == "text" and person and not args.quiet:
        # A person at a terminal reads a summary after the findings; a pipe or a file keeps only finding lines.
        sys.stdout.write(text.render_summary(state.results, state.unreadable,
                                             text.Style(text.color_wanted(args.color, sys.stdout))))


def _terminal(args: argparse.Namespace, results: list[CheckedFile], color: bool, person: bool) -> str:
    style = text.Style(color)
    if not args.statistics:
        return text.render_text(list(results), style, context=person and not args.quiet)
    from .verify import checks

    titles = {c.id: c.title for dirs in {r.rules_dirs for r in results} for c in checks(dirs)}
    return text.render_statistics(list(results), titles, style)


def _recheck(checker: Checker, before: CheckedFile, source: SourceText) -> CheckedFile:
    sheet = checker.analyse(source, before.config)
    return CheckedFile(before.path, sheet, source, before.rules_dirs, before.config)


def _render(fmt: str, results: list[CheckedFile], times: tuple[datetime, datetime] | None = None) -> str:
    from .report import render

    if fmt == "sarif" and times is not None:
        from .report.sarif import render_sarif

        return render_sarif(list(results), times=times)
    if fmt == "html" and times is not None:
        from .report.html import render_html

        return render_html(list(results), when=times[0])
    return render(fmt, list(results))

"""`prfacts check`: run the checks over drafts, the way a linter runs in CI and pre-commit.

    prfacts check FILE... [--format text|json|sarif|github|html] [--fail-on error|warning|info|never]
                  [--stdin-filename NAME] [--config PATH] [--select R,..] [--ignore R,..]
                  [--fix | --diff] [--output FILE]

FILE may be a folder (its .txt, .md, .markdown, .html and .htm files, recursively),
a quoted glob (`'drafts/**/*.md'`) or `-` for standard input (`--stdin-filename`
names it: its suffix picks the reader, its folder the configuration).

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
import glob
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path

from . import config as configuration
from . import fixes, suppress
from .inputs import InputError, SourceText, from_string, read_source
from .models import FactSheet
from .report import Checked

DRAFT_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm", ".xhtml")
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
                   help="use this configuration file (.prfacts.toml or pyproject.toml) instead of searching")
    p.add_argument("--select", metavar="RULES", help="only these rules (comma-separated ids or prefixes)")
    p.add_argument("--ignore", metavar="RULES", help="not these rules (comma-separated ids or prefixes)")
    g = p.add_mutually_exclusive_group()
    g.add_argument("--fix", action="store_true", help="apply the proposed fixes in place, then report what remains")
    g.add_argument("--diff", action="store_true", help="print the proposed fixes as a unified diff; write nothing")
    p.add_argument("--output", "-o", metavar="FILE", help="write the report to FILE instead of standard output")
    p.set_defaults(func=run)


# ---------------------------------------------------------------- inputs


def expand_paths(args: list[str]) -> list[str]:
    """Folders become their drafts (sorted, recursively, hidden folders skipped); unmatched globs expand."""
    out: list[str] = []
    seen: set[str] = set()

    def add(p: str) -> None:
        key = p if p == "-" else os.path.normpath(os.path.abspath(p))
        if key not in seen:
            seen.add(key)
            out.append(p)

    def walk(folder: str) -> None:
        for root, dirs, files in os.walk(folder):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for name in sorted(files):
                if name.lower().endswith(DRAFT_SUFFIXES) and not name.startswith("."):
                    add(os.path.join(root, name))

    for arg in args:
        if arg == "-" or os.path.isfile(arg):
            add(arg)
        elif os.path.isdir(arg):
            walk(arg)
        elif glob.has_magic(arg):
            matches = sorted(glob.glob(arg, recursive=True))
            if not matches:
                add(arg)  # reported as missing
            for m in matches:
                if os.path.isdir(m):
                    walk(m)
                elif m.lower().endswith(DRAFT_SUFFIXES):
                    add(m)
        else:
            add(arg)  # reported as missing
    return out


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


class Checker:
    """Checks one file after another under the right configuration; remembers the configurations it read."""

    def __init__(self, args: argparse.Namespace):
        self.args = args
        self.cache: dict = {}
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
        return cfg.with_overrides(self.select, self.ignore, self.args.fail_on)

    def analyse(self, source: SourceText, cfg: configuration.Config) -> FactSheet:
        import extractor  # looked up at call time (tests swap in their own analyzer)
        from .rules import RuleError

        try:
            engine = extractor.analyzer(tuple(cfg.rules_dirs))
            sheet = engine.analyze_source(source)
        except RuleError as exc:
            raise CheckError(f"{source.path or '<stdin>'}: rules: {exc}") from None
        except Exception as exc:
            if os.environ.get("PRFACTS_DEBUG"):
                raise
            raise CheckError(f"{source.path or '<stdin>'}: internal error: {type(exc).__name__}: {exc}") from None
        return apply_config(sheet, source, cfg)

    def read(self, path: str) -> SourceText:
        return read_source(path, self.args.stdin_filename)

    def check(self, path: str) -> CheckedFile:
        display = self.display(path)
        try:
            cfg = self.config_for(path)
        except configuration.ConfigError as exc:
            raise CheckError(str(exc)) from None
        source = self.read(path)
        sheet = self.analyse(source, cfg)
        return CheckedFile(display, sheet, source, tuple(cfg.rules_dirs), cfg)

    def display(self, path: str) -> str:
        return (self.args.stdin_filename or "<stdin>") if path == "-" else path


def _err(message: str) -> None:
    print(f"prfacts: {message}", file=sys.stderr)


def _s(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 'es' if word.endswith('x') else 's'}"


def run(args: argparse.Namespace) -> int:
    status = 0
    try:
        checker = Checker(args)
    except configuration.ConfigError as exc:
        _err(str(exc))
        return 2
    paths = expand_paths(args.files)
    if paths.count("-") > 1:
        _err("standard input (-) can be named only once")
        return 2
    results: list[CheckedFile] = []
    diffs: list[str] = []
    stdin_fixed: str | None = None
    for path in paths:
        try:
            result = checker.check(path)
        except (InputError, CheckError) as exc:
            _err(str(exc))
            status = 2
            continue
        if args.fix or args.diff:
            source = result.source
            edits, skipped = fixes.plan(source, result.sheet.findings)
            for f in skipped:
                _err(f"{result.path}:{f.line}:{f.column}: fix for {f.rule} not applied "
                     "(it overlaps another fix or no longer matches the text)")
            if edits:
                new_text = fixes.apply_edits(source.original, edits)
                if args.diff:
                    diffs.append(fixes.unified_diff(result.path, source.original, new_text))
                elif path == "-":
                    stdin_fixed = new_text
                    result = _recheck(checker, result, from_string(new_text, source.path, source.format))
                else:
                    try:
                        fixes.write_atomic(path, new_text)
                    except OSError as exc:
                        _err(f"{path}: cannot write the fixes: {exc.strerror or exc}")
                        status = 2
                    else:
                        _err(f"{path}: applied {_s(len(edits), 'fix')}")
                        try:
                            result = _recheck(checker, result, checker.read(path))
                        except (InputError, CheckError) as exc:
                            _err(str(exc))
                            status = 2
            elif path == "-" and args.fix:
                stdin_fixed = source.original
        results.append(result)

    report = _render(args.format, results)
    if args.output:
        try:
            Path(args.output).write_text(report, encoding="utf-8")
        except OSError as exc:
            _err(f"{args.output}: cannot write the report: {exc.strerror or exc}")
            status = 2
    if args.diff:
        sys.stdout.write("".join(diffs))  # the diff is the output; the report only goes to --output
    elif stdin_fixed is not None:
        sys.stdout.write(stdin_fixed)  # the fixed draft; the report goes to stderr
        if not args.output:
            sys.stderr.write(report)
    elif not args.output:
        sys.stdout.write(report)
    sys.stdout.flush()

    if status:
        return status
    return 1 if any(r.failing for r in results) else 0


def _recheck(checker: Checker, before: CheckedFile, source: SourceText) -> CheckedFile:
    sheet = checker.analyse(source, before.config)
    return CheckedFile(before.path, sheet, source, before.rules_dirs, before.config)


def _render(fmt: str, results: list[CheckedFile]) -> str:
    from .report import render

    return render(fmt, list(results))

"""`prfacts check`: run the checks over drafts, the way a linter runs in CI and pre-commit.

    prfacts check FILE... [--format text|json|jsonl|sarif|github|html] [--fail-on error|warning|info|never]
                  [--stdin-filename NAME] [--config PATH] [--rules-dir DIR] [--select R,..] [--ignore R,..]
                  [--fix | --diff] [--output FILE] [--exclude GLOB] [--encoding NAME]
                  [--max-chars N] [--timeout SECONDS] [--timestamp] [--docs-url URL] [--sarif-root DIR]
                  [--color auto|always|never] [--statistics] [--quiet] [--exit-zero]

FILE may be a folder (its .txt, .md, .markdown, .html, .htm and .docx files, recursively),
a quoted glob (`'drafts/**/*.md'`) or `-` for standard input (`--stdin-filename`
names it: its suffix picks the reader, its folder the configuration). Folders
and globs are expanded by `extractor.reading.paths.walk`, the walker `extract` and
`batch` use too; an empty folder or a pattern that matches nothing is an error.
An EDGAR full submission is checked exhibit by exhibit, each named and
positioned as `batch` names it (`filing.txt#2/ex99-1.htm`), and never fixed.

A rule pattern in --select, --ignore or the configuration that names no rule
is an error (exit 2), and so is a document over its size or time budget
(`extractor.linter.budget`); the other files are still checked.

Each file is checked under the nearest configuration (see `extractor.linter.config`),
or the one `--config` names, by `extractor.linter.engine`: the path `extract`, `batch`
and the API take too. Findings of rules not selected are dropped, severities
are overridden, then suppression comments in the draft mark findings as
suppressed (kept in json, jsonl and sarif, never counted).

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
import os
import sys
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from . import budget as budgets
from . import config as configuration
from . import engine as engines
from ..reading import fixes, paths
from .engine import CheckedFile, CheckError, Engine, Options, apply_config  # noqa: F401  (the check API)
from ..reading.read import from_string
from ..reading.source import InputError
from ..report import text

DEFAULT_FORMATS = ("text", "json", "jsonl", "sarif", "github", "html")


def _formats() -> list[str]:
    try:
        from ..report import format_names

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
                   help="drafts (.txt, .md, .html, .docx), folders of drafts, or - for standard input")
    p.add_argument("--format", choices=_formats(), default="text",
                   help="text: path:line:col: severity rule message (default); json: an array of fact sheets; jsonl: "
                        "one sheet a line; sarif: SARIF "
                        "2.1.0 for code scanning; github: workflow annotations; html: one self-contained page")
    p.add_argument("--fail-on", choices=configuration.FAIL_ON, default=None,
                   help="lowest severity that makes the exit status 1 (default: the configuration's, else error)")
    p.add_argument("--stdin-filename", metavar="NAME",
                   help="the name of the draft read from standard input (its suffix picks the reader)")
    engines.add_options(p)
    g = p.add_mutually_exclusive_group()
    g.add_argument("--fix", action="store_true", help="apply the proposed fixes in place, then report what remains")
    g.add_argument("--diff", action="store_true", help="print the proposed fixes as a unified diff; write nothing")
    p.add_argument("--output", "-o", metavar="FILE", help="write the report to FILE instead of standard output")
    p.add_argument("--timestamp", action="store_true",
                   help="sarif: record when and where the run happened (start and end time, the working folder); "
                        "without it two runs over the same drafts write identical files")
    p.add_argument("--docs-url", metavar="URL",
                   help="where the rule pages (prfacts rules docs) are published: SARIF links each rule there "
                        "(default: the configuration's docs-url, else the PRFACTS_DOCS_URL variable)")
    p.add_argument("--sarif-root", metavar="DIR",
                   help="sarif: file addresses relative to DIR (default: the root of the drafts' git repository, "
                        "else the current folder)")
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
    stdin_fixed: str | bytes | None = None  # bytes: a Word document
    errors: _Errors = field(default_factory=_Errors)
    unreadable: int = 0  # inputs that could not be checked, for the summary
    started: datetime = field(default_factory=lambda: datetime.now(timezone.utc))


def run(args: argparse.Namespace) -> int:
    state = _Run()
    try:
        engine = Engine(Options.from_args(args))
    except configuration.ConfigError as exc:
        _err(str(exc))
        return 2
    if getattr(args, "sarif_root", None) and not os.path.isdir(args.sarif_root):
        _err(f"--sarif-root: {args.sarif_root}: not a directory")
        return 2
    tasks = engine.documents(args.files, exclude=args.exclude)
    if sum(t.path == "-" for t in tasks) > 1:
        _err("standard input (-) can be named only once")
        return 2
    for task in tasks:
        try:
            result = engine.check(task)
        except (InputError, CheckError) as exc:
            state.errors(str(exc))
            state.unreadable += 1
            continue
        if args.fix or args.diff:
            result = _fix(engine, args, task, result, state)
        state.results.append(result)
    _write_report(args, state)
    if state.errors:
        return 2
    return 1 if not args.exit_zero and any(r.failing for r in state.results) else 0


def _fix(engine: Engine, args: argparse.Namespace, task: engines.Task, result: CheckedFile,
         state: _Run) -> CheckedFile:
    """Apply (--fix) or print (--diff) the fixes of one checked file; the file checked again after a fix."""
    path, source = task.path, result.source
    if source.format == "docx":
        return _fix_docx(engine, args, task, result, state)
    edits, skipped = fixes.plan(source, result.sheet.findings)
    for f in skipped:
        _err(f"{result.path}:{f.line}:{f.column}: fix for {f.rule} not applied "
             "(it overlaps another fix or no longer matches the text)")
    if edits and task.part is not None:  # its positions are the exhibit's, not the submission file's
        _err(f"{result.path}: {_s(len(edits), 'fix')} not applied: an exhibit of an EDGAR submission is not "
             "edited in place")
        return result
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
        return engine.check(task, from_string(new_text, source.path, source.format))
    try:
        fixes.write_atomic(path, new_text, source.encoding)
    except OSError as exc:
        state.errors(f"{path}: cannot write the fixes: {exc.strerror or exc}")
        return result
    _err(f"{path}: applied {_s(len(edits), 'fix')}")
    try:
        return engine.check(task)
    except (InputError, CheckError) as exc:
        state.errors(str(exc))
        return result


def _fix_docx(engine: Engine, args: argparse.Namespace, task: engines.Task, result: CheckedFile,
              state: _Run) -> CheckedFile:
    """`_fix` for a Word document: the fixes are made in its runs (`extractor.reading.docx`); the diff is of the
    paragraphs changed, one a line (the hunk header's line number is the paragraph's)."""
    from ..reading.docx import fix_docx, read_docx

    path, source = task.path, result.source
    data, applied, skipped = fix_docx(source.raw, result.sheet.findings, source)
    for f, why in skipped:
        where = f.paragraph.label() if f.paragraph else f"{f.line}:{f.column}"
        old = source.text[f.fix.start:f.fix.end]
        _err(f"{result.path}: {where}: fix for {f.rule} ({old} -> {f.fix.replacement}) not applied: {why}")
    if path == "-" and args.fix:
        state.stdin_fixed = data
    if not applied:
        return result
    fixed = read_docx(data, source.path)
    if args.diff:
        state.diffs.append(fixes.unified_diff(result.path, source.original, fixed.original, context=0))
        return result
    if path != "-":
        try:
            fixes.write_bytes_atomic(path, data)
        except OSError as exc:
            state.errors(f"{path}: cannot write the fixes: {exc.strerror or exc}")
            return result
        _err(f"{path}: applied {_s(len(applied), 'fix')}")
    return engine.check(task, fixed)


def _write_report(args: argparse.Namespace, state: _Run) -> None:
    to_stdout = not (args.output or args.diff or state.stdin_fixed is not None)
    person = to_stdout and sys.stdout.isatty()  # a person reads; else a pipe or file, read by a program
    if args.format == "text":
        report = _terminal(args, state.results, to_stdout and text.color_wanted(args.color, sys.stdout), person)
    else:
        report = _render(args.format, state.results, (state.started, datetime.now(timezone.utc))
                         if args.timestamp else None, getattr(args, "sarif_root", None))
    if args.output:
        try:
            Path(args.output).write_text(report, encoding="utf-8")
        except OSError as exc:
            state.errors(f"{args.output}: cannot write the report: {exc.strerror or exc}")
    if args.diff:
        sys.stdout.write("".join(state.diffs))  # the diff is the output; the report only goes to --output
    elif state.stdin_fixed is not None:
        if isinstance(state.stdin_fixed, bytes):  # a Word document
            sys.stdout.flush()
            sys.stdout.buffer.write(state.stdin_fixed)
        else:
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
    from ..checks.compiler import checks

    titles = {c.id: c.title for dirs in {r.rules_dirs for r in results} for c in checks(dirs)}
    return text.render_statistics(list(results), titles, style)


def _render(fmt: str, results: list[CheckedFile], times: tuple[datetime, datetime] | None = None,
            sarif_root: str | None = None) -> str:
    from ..report import render

    if fmt == "sarif" and (times is not None or sarif_root):
        from ..report.sarif import render_sarif

        return render_sarif(list(results), times=times, root=sarif_root)
    if fmt == "html" and times is not None:
        from ..report.html import render_html

        return render_html(list(results), when=times[0])
    return render(fmt, list(results))

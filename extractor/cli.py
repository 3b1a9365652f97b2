"""The command line: `prfacts extract|check|batch|report|rules|schema`.

Exit codes: 0 fine, 1 findings at or above --fail-on, 2 usage or input errors.
An unreadable input is one line on stderr naming the file, never a traceback.
"""

from __future__ import annotations

import argparse
import importlib
import json
import shutil
import sys
import textwrap
from typing import Sequence

from . import __version__
from .linter import budget, engine
from .reading import paths

# Modules with an `add_commands(subparsers)` function: one line each.
COMMAND_MODULES: list[str] = [
    "linter.checking",
    "batch.command",
    "serve",
]


def _extract(args: argparse.Namespace) -> int:
    from .linter.config import ConfigError
    from .linter.engine import CheckError, Engine, Options
    from .reading.source import InputError
    from .report.json import sheets_json

    try:
        engine = Engine(Options.from_args(args))
    except ConfigError as exc:
        print(f"prfacts: {exc}", file=sys.stderr)
        return 2
    status, sheets = 0, []
    for task in engine.documents(args.files, exclude=args.exclude):
        try:  # one document that cannot be read or checked is one line on stderr: the others go on
            sheet = engine.check(task).sheet
        except (InputError, CheckError) as exc:
            print(f"prfacts: {exc}", file=sys.stderr)
            status = 2
            continue
        if args.format == "jsonl":
            sys.stdout.write(sheet.model_dump_json() + "\n")
        else:
            sheets.append(sheet)
    if args.format == "json":
        sys.stdout.write(sheets_json(sheets))
    return status


def _rules_dirs(args: argparse.Namespace) -> tuple[str, ...]:
    """The user's rule folders: --rules-dir, then those of the configuration (--config, else the nearest one).

    A configuration that cannot be used is a `RuleError` here: the callers report it and exit 2."""
    from .linter.config import ConfigError, command_config
    from .rules import RuleError

    dirs = [str(d) for d in args.rules_dir or []]
    try:
        dirs += [d for d in command_config(args.config).rules_dirs if d not in dirs]
    except ConfigError as exc:
        raise RuleError(str(exc)) from None
    return tuple(dirs)


def _rules_list(args: argparse.Namespace) -> int:
    from .rules import RuleError, load

    try:
        dirs = _rules_dirs(args)
        stages = {stage: load(stage, dirs) for stage in ("quantities", "facts", "checks")}
    except RuleError as exc:
        print(f"prfacts: {exc}", file=sys.stderr)
        return 2
    if args.format == "json":
        out = {stage: [{k: v for k, v in r.items() if k != "examples"} for r in rules] for stage, rules in stages.items()}
        print(json.dumps(out, indent=2, default=str))
        return 0
    from .rules.docs import title

    width = shutil.get_terminal_size((100, 24)).columns
    for stage, rules in stages.items():
        print(f"{stage}:")
        for r in rules:
            if r["id"] in ("lexicon", "fragments"):
                continue
            kind = r.get("severity") or r.get("kind") or r.get("type") or ""
            head = f"  {r['id']:24} {kind:16} "
            # wrapped, never cut: the rest of a long title goes on under its first line
            lines = textwrap.wrap(title(r), max(30, width - len(head))) or [""]
            print(head + lines[0] + "".join("\n" + " " * len(head) + line for line in lines[1:]))
    return 0


def _rules_explain(args: argparse.Namespace) -> int:
    from .linter.engine import unknown_rule_error
    from .linter.config import ConfigError, command_config
    from .report.links import doc_url
    from .rules import RuleError
    from .rules.docs import all_rules, explain, matches

    try:
        dirs = _rules_dirs(args)
        rules = all_rules(dirs)
        docs_url = command_config(args.config).docs_url
    except (RuleError, ConfigError) as exc:
        print(f"prfacts: {exc}", file=sys.stderr)
        return 2
    found = matches(rules, args.rule)
    if not found:
        known = tuple(str(r["id"]) for _, r in rules)
        print(f"prfacts: {unknown_rule_error('rules explain', args.rule, known)}", file=sys.stderr)
        return 2
    stage, rule = found[0]
    url = doc_url(str(rule["id"]), docs_url) if stage == "checks" else None
    sys.stdout.write(explain(stage, rule, url=url))
    for other, _ in found[1:]:
        print(f"\n({rule['id']} is also a {other[:-1]} rule: prfacts rules explain {other}/{rule['id']})")
    return 0


def _rules_docs(args: argparse.Namespace) -> int:
    from .rules import RuleError
    from .rules.docs import write

    try:
        written, removed = write(args.output, _rules_dirs(args))
    except (RuleError, OSError) as exc:
        print(f"prfacts: {exc}", file=sys.stderr)
        return 2
    print(f"{args.output}: {len(written)} pages written" + (f", {len(removed)} removed" if removed else ""))
    return 0


def _rules_test(args: argparse.Namespace) -> int:
    from . import analyzer
    from .linter.coverage import Coverage, targets
    from .rules import RuleError, load
    from .linter.ruletest import run_all

    try:
        dirs = _rules_dirs(args)
        coverage = Coverage(targets(*(load(stage, dirs) for stage in ("quantities", "facts", "checks")))) \
            if args.coverage else None
        results = run_all(analyzer(dirs), dirs, coverage)
    except RuleError as exc:
        print(f"prfacts: {exc}", file=sys.stderr)
        return 2
    failed = [r for r in results if r.failed]
    for r in failed:
        what = "passed, but it is a todo (move it to the examples that must pass)" if r.todo else "FAILED"
        print(f"{r.source}: {r.rule} example {r.index + 1} {what}: {r.text[:100]!r}\n    {r.detail}")
    if coverage is not None:
        sys.stdout.write(coverage.table())
    todo = sum(r.todo and not r.failed for r in results)
    print(f"{len(results) - len(failed) - todo} passed, {len(failed)} failed" + (f", {todo} todo" if todo else ""))
    return 1 if failed else 0


def _rules_schema(args: argparse.Namespace) -> int:
    from .rules.schema import json_schema_text

    sys.stdout.write(json_schema_text())
    return 0


def _rules_debug(args: argparse.Namespace) -> int:
    from . import analyzer
    from .reading.read import read_source
    from .reading.source import InputError
    from .facts.debug import debug
    from .rules import RuleError

    try:
        lines = debug(analyzer(_rules_dirs(args)), read_source(args.file).text, args.rule)
    except (RuleError, InputError) as exc:
        print(f"prfacts: {exc}", file=sys.stderr)
        return 2
    except KeyError:
        print(f"prfacts: no fact rule with patterns has the id {args.rule!r}", file=sys.stderr)
        return 2
    print("\n".join(lines))
    return 0


def _schema(args: argparse.Namespace) -> int:
    from .models import FactSheet, SCHEMA_VERSION

    schema = FactSheet.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = f"https://prfacts.dev/schema/factsheet-{SCHEMA_VERSION}.json"
    print(json.dumps(schema, indent=2))
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="prfacts",
        description="Extract the quantities in press releases and check the arithmetic between them.",
    )
    parser.add_argument("--version", action="version", version=f"prfacts {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("extract", help="print the JSON fact sheet of each release")
    p.add_argument("files", nargs="+", metavar="FILE",
                   help="releases (.txt, .md, .html, .docx), folders of them, quoted glob patterns, or - for standard input")
    p.add_argument("--format", choices=("json", "jsonl"), default="json",
                   help="json: an array of sheets (one file or many); jsonl: one sheet a line, in input order")
    engine.add_options(p)
    paths.add_options(p)
    budget.add_options(p)
    p.set_defaults(func=_extract)

    p = sub.add_parser("rules", help="list, explain or document the rules, or run every example they carry")
    rules_sub = p.add_subparsers(dest="rules_command", metavar="ACTION", required=True)
    for name, func, text in (("list", _rules_list, "list the quantity, fact and check rules"),
                             ("test", _rules_test, "run every rule's passing and failing examples"),
                             ("explain", _rules_explain, "what a rule does, why, an example and its fix"),
                             ("docs", _rules_docs, "write one Markdown page per rule and an index"),
                             ("schema", _rules_schema, "print the JSON Schema of a rule file, for editors"),
                             ("debug", _rules_debug, "show the encoded text fact patterns run against and what matched")):
        q = rules_sub.add_parser(name, help=text)
        q.add_argument("--rules-dir", action="append", metavar="DIR",
                       help="a folder of your own rules (laid out like rules/); repeatable")
        q.add_argument("--config", metavar="PATH", help="configuration file whose rules-dirs to add")
        if name == "list":
            q.add_argument("--format", choices=("text", "json"), default="text")
        if name == "test":
            q.add_argument("--coverage", action="store_true",
                           help="also print, for each rule, which of its patterns, contexts and diagnoses its own "
                                "examples exercise")
        if name == "explain":
            q.add_argument("rule", metavar="ID", help="the rule's id (prfacts rules list shows them), or "
                           "STAGE/ID (facts/per-share) for a fact or quantity rule that shares a check's id")
        if name == "docs":
            q.add_argument("--output", default="docs/rules", metavar="DIR",
                           help="the folder to write the pages into (default: docs/rules)")
        if name == "debug":
            q.add_argument("file", metavar="FILE", help="a release (.txt, .md, .html, .docx)")
            q.add_argument("--rule", metavar="ID", help="only the patterns of this fact rule")
        q.set_defaults(func=func)

    p = sub.add_parser("schema", help="print the JSON Schema of the fact sheet")
    p.set_defaults(func=_schema)

    # Commands that live beside the stage they drive each add their own subparser.
    for module in COMMAND_MODULES:
        importlib.import_module(f"{__package__}.{module}").add_commands(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help(sys.stderr)
        return 2
    try:
        return args.func(args)
    except BrokenPipeError:
        return 0
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())

"""The command line: `prfacts extract|check|batch|report|rules|schema`.

Exit codes: 0 fine, 1 findings at or above --fail-on, 2 usage or input errors.
An unreadable input is one line on stderr naming the file, never a traceback.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import sys
from typing import Sequence

from . import __version__, budget, paths

# Modules with an `add_commands(subparsers)` function: one line each.
COMMAND_MODULES: list[str] = [
    "checking",
    "batch",
    "serve",
]


def _extract(args: argparse.Namespace) -> int:
    from . import analyzer
    from .budget import resolve
    from .config import ConfigError, command_config
    from .paths import Entry, walk
    from .rules import RuleError

    try:
        cfg = command_config(args.config)
        engine = analyzer(tuple(cfg.rules_dirs))
    except (ConfigError, RuleError) as exc:
        print(f"prfacts: {exc}", file=sys.stderr)
        return 2
    limits, status, sheets = resolve(args, cfg), 0, []
    entries = walk(args.files, exclude=args.exclude)
    for entry in entries:
        sheet = _extract_one(entry, engine, limits, args.encoding)
        if sheet is None:
            status = 2
        elif args.format == "jsonl":
            sys.stdout.write(sheet.model_dump_json() + "\n")
        else:
            sheets.append(sheet)
    if args.format == "json" and sheets:
        if len(sheets) == 1 and entries == [Entry(p) for p in args.files]:  # one file named: one object
            sys.stdout.write(sheets[0].model_dump_json(indent=2) + "\n")
        else:
            sys.stdout.write("[\n" + ",\n".join(s.model_dump_json(indent=2) for s in sheets) + "\n]\n")
    return status


def _extract_one(entry, engine, limits, encoding: str | None):
    """The fact sheet of one input, or None after one line on stderr naming it: the other files go on."""
    from .budget import BudgetError, analyse
    from .inputs import InputError, read_source
    from .rules import RuleError

    try:
        if entry.error is not None:
            raise InputError(entry.error)
        if entry.path != "-" and os.path.isfile(entry.path):
            limits.check_file(entry.path, os.path.getsize(entry.path))
        return analyse(engine, read_source(entry.path, encoding=encoding), limits)
    except (InputError, BudgetError) as exc:
        message = str(exc)
    except RuleError as exc:
        message = f"{entry.path}: rules: {exc}"
    except Exception as exc:  # noqa: BLE001  one document's failure must not cost the others
        if os.environ.get("PRFACTS_DEBUG"):
            raise
        message = f"{entry.path}: internal error: {type(exc).__name__}: {exc}"
    print(f"prfacts: {message}", file=sys.stderr)
    return None


def _rules_dirs(args: argparse.Namespace) -> tuple[str, ...]:
    """The user's rule folders: --rules-dir, then those of the configuration (--config, else the nearest one).

    A configuration that cannot be used is a `RuleError` here: the callers report it and exit 2."""
    from .config import ConfigError, command_config
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
    for stage, rules in stages.items():
        print(f"{stage}:")
        for r in rules:
            if r["id"] in ("lexicon", "fragments"):
                continue
            kind = r.get("severity") or r.get("kind") or r.get("type") or ""
            title = r.get("title") or " ".join(str(r.get("description", "")).split()).split(". ")[0]
            print(f"  {r['id']:24} {kind:16} {title[:110]}")
    return 0


def _rules_test(args: argparse.Namespace) -> int:
    from . import analyzer
    from .rules import RuleError
    from .ruletest import run_all

    try:
        dirs = _rules_dirs(args)
        results = run_all(analyzer(dirs), dirs)
    except RuleError as exc:
        print(f"prfacts: {exc}", file=sys.stderr)
        return 2
    failed = [r for r in results if not r.ok]
    for r in failed:
        print(f"{r.source}: {r.rule} example {r.index + 1} FAILED: {r.text[:100]!r}\n    {r.detail}")
    print(f"{len(results) - len(failed)} passed, {len(failed)} failed")
    return 1 if failed else 0


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
                   help="releases (.txt, .md, .html), folders of them, quoted glob patterns, or - for standard input")
    p.add_argument("--format", choices=("json", "jsonl"), default="json",
                   help="json: one sheet (or an array of sheets); jsonl: one sheet a line, in input order")
    p.add_argument("--config", metavar="PATH",
                   help="the configuration whose rules-dirs, max-chars and timeout apply (default: the one that "
                        "applies to the current folder); a file named here is trusted")
    paths.add_options(p)
    budget.add_options(p)
    p.set_defaults(func=_extract)

    p = sub.add_parser("rules", help="list the rules, or run every example they carry")
    rules_sub = p.add_subparsers(dest="rules_command", metavar="ACTION", required=True)
    for name, func, text in (("list", _rules_list, "list the quantity, fact and check rules"),
                             ("test", _rules_test, "run every rule's passing and failing examples")):
        q = rules_sub.add_parser(name, help=text)
        q.add_argument("--rules-dir", action="append", metavar="DIR",
                       help="a folder of your own rules (laid out like rules/); repeatable")
        q.add_argument("--config", metavar="PATH", help="configuration file whose rules-dirs to add")
        if name == "list":
            q.add_argument("--format", choices=("text", "json"), default="text")
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

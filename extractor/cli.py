"""The command line: `prfacts extract|check|batch|report|rules|schema`.

Exit codes: 0 fine, 1 findings at or above --fail-on, 2 usage or input errors.
An unreadable input is one line on stderr naming the file, never a traceback.
"""

from __future__ import annotations

import argparse
import importlib
import json
import sys
from typing import Sequence

from . import __version__

# Modules with an `add_commands(subparsers)` function: one line each.
COMMAND_MODULES: list[str] = [
    "checking",
    "batch",
]


def _extract(args: argparse.Namespace) -> int:
    from .inputs import InputError, read_source
    from . import analyzer

    status = 0
    engine = analyzer()
    out = sys.stdout
    sheets = []
    for path in args.files:
        try:
            source = read_source(path)
        except InputError as exc:
            print(f"prfacts: {exc}", file=sys.stderr)
            status = 2
            continue
        sheet = engine.analyze(source.text, source.path)
        if args.format == "jsonl":
            out.write(sheet.model_dump_json() + "\n")
        else:
            sheets.append(sheet)
    if args.format == "json" and sheets:
        if len(sheets) == 1 and len(args.files) == 1:
            out.write(sheets[0].model_dump_json(indent=2) + "\n")
        else:
            out.write("[\n" + ",\n".join(s.model_dump_json(indent=2) for s in sheets) + "\n]\n")
    return status


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
    p.add_argument("files", nargs="+", metavar="FILE", help="release text files, or - for standard input")
    p.add_argument("--format", choices=("json", "jsonl"), default="json",
                   help="json: one sheet (or an array of sheets); jsonl: one sheet a line, in input order")
    p.set_defaults(func=_extract)

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

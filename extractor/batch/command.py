"""The command line of batch: `prfacts batch` and `prfacts report`."""

from __future__ import annotations

import argparse
import json
import sys

from ..linter import budget
from ..reading import edgar, paths
from ..linter import engine as engines
from ..linter.engine import Options
from .pool import default_jobs
from .records import BatchError
from .runner import run
from .summary import summarize


def add_commands(subparsers) -> None:
    p = subparsers.add_parser(
        "batch", help="analyse many documents in parallel into one resumable JSONL file (or Parquet tables)",
        description="Analyse every document of the inputs into a JSONL file: one record per document (its fact "
                    "sheet, or an error record saying why it could not be read), in input order whatever the "
                    "number of workers. Safe to kill: --resume completes the file. --format parquet writes the "
                    "same records as tables of documents, mentions, facts and findings.")
    p.add_argument("inputs", nargs="+", metavar="INPUT",
                   help="files, folders (searched recursively for .txt .md .htm .html; README and licence files "
                        "skipped), glob patterns (quote them: 'filings/**/*.txt'), EDGAR full-submission .txt files "
                        "(one record per EX-99 exhibit)")
    p.add_argument("-o", "--out", "--output", dest="out", required=True, metavar="FILE",
                   help="the JSONL file to write ('-' for standard output, without --resume); with --format "
                        "parquet, the folder of tables to write")
    p.add_argument("--format", choices=("jsonl", "parquet"), default="jsonl",
                   help="jsonl: one JSON record a line; parquet: tables of documents, mentions, facts and findings "
                        "(needs pyarrow: pip install 'prfacts[parquet]'; see docs/parquet.md)")
    p.add_argument("--chunk-size", type=int, default=None, metavar="N",
                   help="with --format parquet: documents per part file, what an interruption can cost "
                        "(default 256)")
    p.add_argument("-j", "--jobs", type=int, default=None, metavar="N",
                   help=f"worker processes, each building the pipeline once (default: the CPUs here, {default_jobs()}); "
                        "with --scheduler local, the Dask workers")
    mode = p.add_mutually_exclusive_group()
    mode.add_argument("--resume", action="store_true",
                      help="complete an interrupted run: keep the records in FILE, analyse only the missing documents")
    mode.add_argument("--overwrite", action="store_true", help="start FILE again if it exists")
    p.add_argument("--engine", choices=("local", "dask"), default="local",
                   help="local: worker processes on this machine; dask: tasks on a Dask cluster")
    p.add_argument("--scheduler", metavar="ADDRESS",
                   help="the Dask scheduler (tcp://host:8786), or 'local' to start a LocalCluster of --jobs workers; "
                        "implies --engine dask")
    p.add_argument("--exhibits", default=edgar.PRESS_RELEASE_TYPES, metavar="REGEX",
                   help="EDGAR document types kept from full submissions (default: EX-99, EX-99.1, ...)")
    p.add_argument("--progress", choices=("auto", "bar", "log", "none"), default="auto",
                   help="auto: a progress bar on a terminal, a log line every tenth of the run otherwise")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress and no summary (errors still on stderr)")
    p.add_argument("--fail-on-error", action="store_true",
                   help="exit 1 when the file holds error records (documents that could not be read)")
    engines.add_options(p)
    paths.add_options(p)
    budget.add_options(p)
    p.set_defaults(func=_batch_command)

    p = subparsers.add_parser("report", help="print the summary of batch result files again",
                              description="Counts from JSONL result files or Parquet output folders: documents, "
                                          "mentions by kind, facts by type, findings by rule and severity, and "
                                          "every file with an error.")
    p.add_argument("files", nargs="+", metavar="RESULTS",
                   help="JSONL files or --format parquet folders written by prfacts batch")
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.set_defaults(func=_report_command)


def _batch_command(args: argparse.Namespace) -> int:
    if args.engine == "local" and args.scheduler:
        args.engine = "dask"  # a scheduler means the Dask engine
    try:
        summary = run(args.inputs, args.out, jobs=args.jobs, resume=args.resume, overwrite=args.overwrite,
                      engine=args.engine, scheduler=args.scheduler, options=Options.from_args(args),
                      progress="none" if args.quiet else args.progress, log=sys.stderr, exclude=args.exclude,
                      format=args.format, chunk=args.chunk_size)
    except BatchError as exc:
        print(f"prfacts: {exc}", file=sys.stderr)
        return 2
    if not args.quiet:
        title = f"prfacts batch: {args.out if args.out != '-' else '<stdout>'}"
        print(summary.render(title), end="", file=sys.stderr, flush=True)
    return 1 if args.fail_on_error and summary.errors else 0


def _report_command(args: argparse.Namespace) -> int:
    try:
        summary = summarize(args.files)
    except BatchError as exc:
        print(f"prfacts: {exc}", file=sys.stderr)
        return 2
    if args.format == "json":
        print(json.dumps(summary.as_dict(), indent=2))
    else:
        print(summary.render(f"prfacts report: {', '.join(args.files)}", max_errors=None), end="")
    return 0

"""A whole run: refuse what cannot work, expand the inputs, open (or resume) the output, stream every
document's record into it in input order, and count them into the summary."""

from __future__ import annotations

import re
import sys
import time
from dataclasses import replace
from typing import IO, Iterable, Sequence

from ..reading import edgar
from ..linter.budget import Budget
from ..linter.config import ConfigError
from ..linter.engine import Engine, Options
from .dask import dask_results
from .output import open_output
from .pool import LocalStream, default_jobs
from .progress import Progress
from .records import BatchError, Settings
from .summary import RunInfo, Summary
from ..linter.tasks import Task


def run(inputs: Sequence[str], out: str, *, jobs: int | None = None, resume: bool = False, overwrite: bool = False,
        engine: str = "local", scheduler: str | None = None, rules_dirs: Iterable[str] = (),
        exhibit_types: str = edgar.PRESS_RELEASE_TYPES, progress: str = "none", log: IO[str] | None = None,
        exclude: Iterable[str] = (), limits: Budget | None = None, encoding: str | None = None,
        options: Options | None = None, format: str = "jsonl", chunk: int | None = None) -> Summary:
    """Analyse every document of `inputs` into `out`; the summary of the whole output.

    `format`: "jsonl" (`out` is a JSON Lines file) or "parquet" (`out` is a folder of four tables
    written by `extractor.batch.columnar`, a part file per `chunk` documents).
    Each document is checked as `check` checks it, under its folder's configuration and `options` (`Engine`).
    `progress`: "auto" (a bar on a terminal, log lines otherwise), "bar", "log" or "none". `exclude`: globs
    left out; `rules_dirs`, `limits` (every document's budget), `encoding`: over the options.
    Raises `BatchError` for what stops a run (the file then holds only complete records).
    As with any use of worker processes, a script calling it with `jobs > 1` does so under
    `if __name__ == "__main__":` (workers may import the main module).
    """
    log = log or sys.stderr
    jobs = jobs or default_jobs()
    options = options or Options(exhibits=exhibit_types)
    _check_options(jobs, engine, scheduler, options.exhibits)
    checker = _engine(options, rules_dirs, limits, encoding)
    tasks = checker.documents(inputs, exclude=exclude, skip=[out] if out != "-" else [])
    output = open_output(out, format, resume=resume, overwrite=overwrite, expected=[t.key for t in tasks],
                         chunk=chunk)
    summary = Summary()
    for stats in output.prior:
        summary.add(stats)
    todo = tasks[len(output.keys):]  # the file holds the first records of these inputs (Output checked it)
    summary.notes += output.notes
    if progress != "none" and resume:
        print(f"prfacts batch: {len(output.keys):,} documents already in {out}, {len(todo):,} to go", file=log,
              flush=True)
    settings = _settings(todo, checker)
    started = time.perf_counter()
    processed, chars, workers = _write(lambda: _stream(todo, engine, scheduler, jobs, settings), output, summary,
                                       progress, len(todo), out, log)
    summary.run = RunInfo(processed, chars, time.perf_counter() - started, engine, workers)
    return summary


def _settings(todo: list[Task], checker: Engine) -> Settings:
    # Workers build at start the pipeline most documents use: the rule folders of the first one's configuration.
    return Settings(next((t.config.rules_dirs for t in todo if t.error is None), checker.options.rules_dirs),
                    checker.options.encoding)


def _stream(todo: list[Task], engine: str, scheduler: str | None, jobs: int, settings: Settings):
    """The ordered results of the engine; its worker processes start here."""
    if engine == "local":
        return LocalStream(todo, jobs, settings)
    return dask_results(todo, scheduler or "local", jobs, settings)


def _write(start, output, summary: Summary, progress: str, total: int, out: str, log: IO[str]) -> tuple[int, int, int]:
    """Write the results of `start()` as they come, in order; (documents, characters, workers) of this run.

    The output is closed however the run ends, complete only when every document is in; an interrupted
    run says how to finish it."""
    processed = chars = 0
    bar = None
    complete = False
    try:
        results = start()
        workers = results.workers
        # After the workers start: a progress bar may run a thread, and a process with threads is not forked.
        bar = Progress(total, progress, log) if progress != "none" else None
        try:
            for line, stats in results:
                output.write(line)
                summary.add(stats)
                processed += 1
                chars += stats.chars
                if bar is not None:
                    bar.update(stats)
            complete = True
        finally:
            results.close()
    except KeyboardInterrupt:
        if bar is not None:
            bar.close()
            bar = None
        print(f"prfacts batch: interrupted after {processed:,} documents; {out} holds only complete records: "
              "rerun with --resume to finish", file=log, flush=True)
        raise
    finally:
        if bar is not None:
            bar.close()
        output.close(complete)
    return processed, chars, workers


def _engine(options: Options, rules_dirs: Iterable[str], limits: Budget | None, encoding: str | None) -> Engine:
    """The engine of a run: `run`'s own arguments over the options."""
    options = replace(options, rules_dirs=options.rules_dirs + tuple(str(d) for d in rules_dirs),
                      encoding=encoding or options.encoding,
                      max_chars=limits.max_chars if limits else options.max_chars,
                      timeout=limits.timeout if limits else options.timeout)
    try:
        return Engine(options)
    except ConfigError as exc:
        raise BatchError(str(exc)) from None


def _check_options(jobs: int, engine: str, scheduler: str | None, exhibit_types: str) -> None:
    """Refuse a run that cannot work before any file is touched."""
    if jobs < 1:
        raise BatchError("--jobs must be at least 1")
    if engine not in ("local", "dask"):
        raise BatchError(f"unknown engine {engine!r}: local or dask")
    if engine == "dask" and not scheduler:
        raise BatchError("--engine dask needs --scheduler ADDRESS (or --scheduler local)")
    try:
        re.compile(exhibit_types)
    except re.error as exc:
        raise BatchError(f"--exhibits {exhibit_types!r}: {exc}") from None

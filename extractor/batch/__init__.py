"""Many documents at once: `prfacts batch` (parallel, resumable, on one machine or a Dask cluster) and `prfacts report`.

    prfacts batch INPUT... --out results.jsonl [--jobs N] [--resume]
    prfacts batch INPUT... --out results.jsonl --engine dask --scheduler tcp://host:8786
    prfacts batch INPUT... --format parquet --out results/     (tables: extractor.batch.columnar)
    prfacts report results.jsonl

The output is JSON Lines: one record a line, one record per input document, in
a deterministic order (the order of the inputs, each folder or glob sorted),
whatever the number of workers. A record is the document's fact sheet (the
same JSON as `prfacts extract --format jsonl`) with `source.path` set to the
document's *key*: the path as given or as expanded, plus `#<SEQUENCE>/<FILENAME>`
for an exhibit of an EDGAR full submission. A document that cannot be read is
an `ErrorRecord` (`{"source": {"path": key}, "error": "key: reason"}`), so a
batch never loses a document. Records hold no timings or machine paths, so
two runs over the same inputs give byte-identical files. `--format parquet`
writes the same records as four tables instead (`columnar`), with the
same order, resume and overwrite guarantees.

How it stays safe:

* Workers are processes, each building the pipeline once; they are sent
  tasks (a path, an exhibit id), read the document themselves and send back
  the finished JSON line. Results are consumed in input order, so the file
  is always a prefix of the final file in the final order.
* The parent alone writes, one `os.write` per record, and fsyncs every two
  seconds and at the end. Killed at any moment (even `kill -9`), the file is
  a run of complete records, at worst followed by one torn line; workers
  notice their parent is gone and exit.
* `--resume` drops a torn last line (truncates it), reads the keys already
  written and processes only the missing documents, appending them in order.
  The file must be the start of what these inputs give (the same documents
  in the same order): a file written from other inputs is refused (exit 2),
  never appended to.
* A worker that dies (killed, out of memory) breaks only its document: the
  pool is restarted, the document in front is run alone, and if it kills its
  worker again it gets an error record naming the cause.
* Each document has a size and time budget (`extractor.budget`): over it, it
  gets an error record. The worker's timer signal ends a slow analysis; a
  worker that still does not answer a margin later is stopped like one that
  died, so the run never stalls behind one document.

Exit codes: 0 when the run completed (documents that could not be read are
error records and are counted in the summary, not a failure), 1 with
`--fail-on-error` when the file holds error records, 2 for usage errors, an
output file that exists without `--resume`/`--overwrite`, or a run that cannot
go on (the records written so far stay valid: rerun with `--resume`).

The Dask engine runs the same per-document function on a cluster: the client
reads the documents and ships their bytes (workers need no shared file system,
only prfacts installed), keeps a window of tasks in flight and writes the
results in order, so its file equals the local engine's. `dask_records(bag)`
is the same over a Dask bag of `(key, text)` pairs.

The modules, one job each, in the order a run uses them:

    tasks      the documents of the inputs (paths, EDGAR exhibits): `Task`, `Doc`, `expand`, `read_doc`
    records    one document -> its record line and the counts the summary needs; `BatchError`
    pool       the local engine: worker processes, a dead or stuck worker costing only its document
    dask       the Dask engine and `dask_records`
    output     the JSON Lines file and `--resume`; `columnar`, `columns`: the Parquet tables
    progress   the bar or log lines on standard error
    summary    the counts of a run or of result files read back (`prfacts report`)
    runner     a whole run: `run`
    command    the command line: `prfacts batch`, `prfacts report`
"""

from __future__ import annotations

import importlib

# The public API, name -> the module that defines it, loaded on first use: `extractor.engine` reads its
# documents with `tasks`, and the engines here run `extractor.engine`, so the package itself imports neither.
_API = {
    **dict.fromkeys(("Doc", "Task", "expand", "read_doc", "to_source"), "tasks"),
    **dict.fromkeys(("BatchError", "Settings", "Stats", "analyze_doc", "error_line", "error_result", "stats_of"),
                    "records"),
    **dict.fromkeys(("LocalStream", "default_jobs", "exit_with_parent", "mp_context", "stuck_after"), "pool"),
    "dask_records": "dask",
    **dict.fromkeys(("FSYNC_SECONDS", "Output", "check_same_inputs", "open_output"), "output"),
    "Progress": "progress",
    **dict.fromkeys(("RunInfo", "Summary", "summarize"), "summary"),
    "run": "runner",
    "add_commands": "command",
}
__all__ = sorted(_API)


def __getattr__(name: str):
    if name not in _API:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{_API[name]}"), name)


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_API))

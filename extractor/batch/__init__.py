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

Exit codes: 0 when the run completed (documents that could not be read are
error records and are counted in the summary, not a failure), 1 with
`--fail-on-error` when the file holds error records, 2 for usage errors, an
output file that exists without `--resume`/`--overwrite`, or a run that cannot
go on (the records written so far stay valid: rerun with `--resume`).

How it stays safe, module by module (each module's docstring says how), in the order a run uses them:

    (tasks)    the documents of the inputs in one order (`extractor.linter.tasks`, shared with check and extract)
    records    one document -> its record line and counts; any failure is an error record, never a lost document
    pool       the local engine: processes that build the pipeline once and die with the parent; results in input
               order, so the file is always a prefix of the final one; a dead worker, or one stuck past its
               document's budget (`extractor.budget`) and a margin, costs only its document
    dask       the Dask engine: the client ships the documents' bytes, results in input order; `dask_records(bag)`
    output     the JSON Lines file: the parent alone writes, a record per `os.write`, fsync every two seconds, so
               `kill -9` leaves at worst one torn line; `--resume` drops it and refuses a file of other inputs
    columnar   the Parquet output folder (`columns`: its four tables), with the same guarantees
    progress   the bar or log lines on standard error
    summary    the counts of a run or of result files read back (`prfacts report`)
    runner     a whole run: `run`
    command    the command line: `prfacts batch`, `prfacts report`
"""

from __future__ import annotations

# The public API. Tasks are the linter's (`extractor.linter.tasks`: every door expands its inputs the same way).
from ..linter.tasks import Doc, Task, expand, read_doc, to_source
from .command import add_commands
from .dask import dask_records
from .output import FSYNC_SECONDS, Output, check_same_inputs, open_output
from .pool import LocalStream, default_jobs, exit_with_parent, mp_context, stop_pool, stuck_after
from .progress import Progress
from .records import BatchError, Settings, Stats, analyze_doc, error_line, error_result, stats_of
from .runner import run
from .summary import RunInfo, Summary, summarize

__all__ = ["BatchError", "Doc", "FSYNC_SECONDS", "LocalStream", "Output", "Progress", "RunInfo", "Settings", "Stats",
           "Summary", "Task", "add_commands", "analyze_doc", "check_same_inputs", "dask_records", "default_jobs",
           "error_line", "error_result", "exit_with_parent", "expand", "mp_context", "open_output", "read_doc", "run",
           "stats_of", "stop_pool", "stuck_after", "summarize", "to_source"]

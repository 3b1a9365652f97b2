"""Many documents at once: `prfacts batch` (parallel, resumable, on one machine or a Dask cluster) and `prfacts report`.

    prfacts batch INPUT... --out results.jsonl [--jobs N] [--resume]
    prfacts batch INPUT... --out results.jsonl --engine dask --scheduler tcp://host:8786
    prfacts batch INPUT... --format parquet --out results/     (tables: extractor.columnar)
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
writes the same records as four tables instead (`extractor.columnar`), with the
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
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import threading
import time
from collections import Counter, deque
from dataclasses import dataclass, replace
from typing import IO, Iterable, Iterator, NamedTuple, Sequence

from .. import budget, edgar, paths
from .. import engine as engines
from ..budget import Budget
from ..config import Config, ConfigError
from .tasks import Doc, Task, expand, read_doc, to_source  # noqa: F401  (expand: the batch API)
from .tasks import os_error as _os_error
from ..engine import CheckError, Engine, Options, check_source
from ..inputs import InputError
from ..models import ErrorRecord

FSYNC_SECONDS = 2.0


class BatchError(Exception):
    """A batch that cannot start or cannot go on; the message says why and what to do."""


# ---------------------------------------------------------------- the documents of a batch


class Settings(NamedTuple):
    """What every worker needs besides its tasks, which carry each document's configuration and budget
    (`extractor.engine`): the rule folders to build the pipeline with at start (the command's), and the
    encoding to read."""

    rules_dirs: tuple[str, ...] = ()
    encoding: str | None = None


class Stats(NamedTuple):
    """What the summary counts of one record; small, so workers send it beside the line."""

    key: str
    error: str | None
    chars: int
    kinds: dict[str, int]
    facts: dict[str, int]
    findings: tuple[tuple[str, str, bool], ...]  # (rule, severity, suppressed)


# ---------------------------------------------------------------- one document -> one record


def analyze_doc(doc: Doc, config: Config = Config(), limits: Budget = Budget(), analyzer=None) -> tuple[str, Stats]:
    """The record line (with its newline) and its counts; every failure is an error record.

    The document is checked by `extractor.engine.check_source` under its own configuration, as `check` does.
    """
    try:
        line = check_source(to_source(doc), config, limits, doc.key, analyzer).model_dump_json()
    except (InputError, CheckError) as exc:
        line = error_line(doc.key, str(exc))
    except Exception as exc:  # noqa: BLE001  one document's failure must not stop a batch of thousands
        line = error_line(doc.key, f"{doc.key}: cannot analyse: {type(exc).__name__}: {exc}")
    return line + "\n", stats_of(json.loads(line))


def error_line(key: str, message: str) -> str:
    return ErrorRecord(source={"path": key}, error=message).model_dump_json()


def stats_of(record: dict) -> Stats:
    """The counts of one record (a fact sheet or an error record), read generically."""
    source = record.get("source") or {}
    key = source.get("path")
    if "error" in record:
        return Stats(key, str(record["error"]), 0, {}, {}, ())
    kinds = Counter(str(m.get("kind")) for m in record.get("mentions") or ())
    facts = Counter(str(f.get("type")) for f in record.get("facts") or ())
    findings = tuple((str(f.get("rule")), str(f.get("severity")), bool(f.get("suppressed")))
                     for f in record.get("findings") or ())
    return Stats(key, None, int(source.get("length") or 0), dict(kinds), dict(facts), findings)


# ---------------------------------------------------------------- the local engine: worker processes

_WORKER: tuple | None = None  # (engine, settings) of this worker process


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


def exit_with_parent() -> None:
    """In a worker process: exit when the parent is gone (a parent killed with -9 cannot stop its workers)."""
    parent = os.getppid()

    def watch() -> None:
        while True:
            time.sleep(0.5)
            if os.getppid() != parent:
                os._exit(1)

    threading.Thread(target=watch, name="prfacts-parent-watch", daemon=True).start()


def _init_worker(settings: Settings) -> None:
    """In each worker process: ignore Ctrl-C (the parent stops the run), die with the parent, build the pipeline once."""
    import signal

    global _WORKER
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    exit_with_parent()
    from .. import analyzer

    _WORKER = (analyzer(settings.rules_dirs), settings)


def _work(task: Task) -> tuple[str, Stats]:
    # Runs on the worker's main thread, so the budget's timer signal can cut a slow document short.
    _, settings = _WORKER
    return analyze_doc(read_doc(task, settings.encoding), task.config, task.limits)


def _ping() -> bool:
    return True


def _stuck_after(limits: Budget) -> float:
    """How long the parent waits for the document in front before it stops the worker analysing it.

    The worker's own timer ends a slow document at the budget; the parent steps in only when that
    timer cannot (the worker is stuck where no signal reaches), so it allows a margin on top.
    """
    return limits.timeout + max(1.0, limits.timeout / 4)


def _stuck_line(task: Task) -> tuple[str, Stats]:
    line = error_line(task.key, f"{task.key}: analysis took longer than {task.limits.timeout:g} s (--timeout) and "
                                "did not stop; its worker process was stopped") + "\n"
    return line, stats_of(json.loads(line))


def _mp_context():
    """`fork` where it is safe (POSIX but macOS, no thread started yet): workers start at once.
    Otherwise `forkserver` (or `spawn`), which never forks a process that runs threads."""
    import multiprocessing as mp

    methods = mp.get_all_start_methods()
    if "fork" in methods and sys.platform != "darwin" and threading.active_count() == 1:
        return mp.get_context("fork")
    if "forkserver" in methods:
        ctx = mp.get_context("forkserver")
        ctx.set_forkserver_preload(["extractor.pipeline"])
        return ctx
    return mp.get_context("spawn")


class _Pool:
    """A process pool over a list of tasks, started at once; results come out in task order."""

    def __init__(self, tasks: Sequence[Task], jobs: int, settings: Settings):
        from concurrent.futures import ProcessPoolExecutor

        self.executor = ProcessPoolExecutor(max_workers=max(1, min(jobs, len(tasks))), mp_context=_mp_context(),
                                            initializer=_init_worker, initargs=(settings,))
        # Every task is submitted at once (as `map` would); each result is awaited on its own clock.
        self.futures = deque((self.executor.submit(_work, task), task) for task in tasks)
        self.closed = False

    def results(self) -> Iterator[tuple[str, Stats]]:
        """Results in task order. The document in front gets its `_stuck_after` time from the moment it is in
        front (its worker has it by then: every task before it is done): `TimeoutError` after that."""
        while self.futures:
            future, task = self.futures[0]
            result = future.result(timeout=_stuck_after(task.limits))
            self.futures.popleft()
            yield result

    def close(self, finished: bool = False) -> None:
        if self.closed:
            return
        self.closed = True
        if finished:
            self.executor.shutdown(wait=True)
            return
        processes = list((getattr(self.executor, "_processes", None) or {}).values())
        self.executor.shutdown(wait=False, cancel_futures=True)
        for p in processes:  # a stopped run must not wait for documents nobody will write
            p.terminate()


class _LocalStream:
    """Ordered results of the local engine: `jobs` worker processes, or this process for one job.

    The pool starts in the constructor, before any progress thread exists (so forking is safe).
    A worker that dies breaks only its document: the document in front runs alone in a fresh
    worker, to learn whether it is the one that kills, then a new pool takes the rest. A worker
    stuck on a document past its time budget is stopped the same way, and the document gets an
    error record: the run never waits on one document for longer than its budget and a margin.
    """

    def __init__(self, todo: list[Task], jobs: int, settings: Settings):
        self.todo, self.jobs, self.settings = todo, jobs, settings
        self.workers = max(1, min(jobs, len(todo)))
        self.pool = _Pool(todo, jobs, settings) if self.workers > 1 else None

    def __iter__(self) -> Iterator[tuple[str, Stats]]:
        if self.pool is None:
            yield from _serial_results(self.todo, self.settings)
            return
        from concurrent.futures.process import BrokenProcessPool

        done = 0
        while True:
            try:
                for result in self.pool.results():
                    done += 1
                    yield result
                break
            except BrokenProcessPool:
                self.pool.close()
                result = _isolated(self.todo[done], self.settings)
            except TimeoutError:
                self.pool.close()
                result = _stuck_line(self.todo[done])
            yield result
            done += 1
            if done == len(self.todo):
                return
            self.pool = _Pool(self.todo[done:], self.jobs, self.settings)
        self.pool.close(finished=True)

    def close(self) -> None:
        """Stop the workers of a run that stops early (interrupted, an error downstream)."""
        if self.pool is not None:
            self.pool.close()


def _serial_results(todo: list[Task], settings: Settings) -> Iterator[tuple[str, Stats]]:
    if not todo:
        return
    from .. import analyzer

    try:
        analyzer(settings.rules_dirs)  # built here once, so a broken pipeline is one message, not one per document
    except Exception:  # noqa: BLE001  the same report as when worker processes cannot start
        import traceback

        traceback.print_exc()
        raise BatchError("the pipeline cannot be built (see the error above); the records written so far are "
                         "complete: fix the cause and rerun with --resume") from None
    for task in todo:  # on this process's main thread: the budget's timer signal applies
        yield analyze_doc(read_doc(task, settings.encoding), task.config, task.limits)


def _isolated(task: Task, settings: Settings) -> tuple[str, Stats]:
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    executor = ProcessPoolExecutor(max_workers=1, mp_context=_mp_context(), initializer=_init_worker,
                                   initargs=(settings,))
    try:
        try:
            executor.submit(_ping).result()
        except BrokenProcessPool:
            raise BatchError("worker processes cannot start (see the error above); the records written so far "
                             "are complete: fix the cause and rerun with --resume") from None
        try:
            return executor.submit(_work, task).result(timeout=_stuck_after(task.limits))
        except TimeoutError:
            for p in list((getattr(executor, "_processes", None) or {}).values()):
                p.terminate()
            return _stuck_line(task)
        except BrokenProcessPool:
            line = error_line(task.key, f"{task.key}: the worker process analysing it died "
                                        "(killed, or out of memory)") + "\n"
            return line, stats_of(json.loads(line))
    finally:
        executor.shutdown(wait=False, cancel_futures=True)


# ---------------------------------------------------------------- the Dask engine

_THREAD = threading.local()


def _thread_engine(rules_dirs: tuple[str, ...]):
    """The pipeline of this worker thread, built once: Dask workers may run several threads."""
    engines = getattr(_THREAD, "engines", None)
    if engines is None:
        engines = _THREAD.engines = {}
    if rules_dirs not in engines:
        from ..pipeline import Analyzer

        engines[rules_dirs] = Analyzer(rules_dirs)
    return engines[rules_dirs]


def _as_doc(item) -> Doc:
    if isinstance(item, Doc):
        return item
    if isinstance(item, (tuple, list)) and 2 <= len(item) <= len(Doc._fields):
        return Doc(*item)
    raise TypeError(f"expected (key, text) or (key, text, format), got {type(item).__name__}")


def _dask_result(item, config: Config = Config(), limits: Budget = Budget()) -> tuple[str, Stats]:
    # On a worker thread no timer signal can reach: the size budget and the user rules' clock still hold.
    return analyze_doc(_as_doc(item), config, limits, _thread_engine(tuple(config.rules_dirs)))


def _dask_line(item, config: Config = Config(), limits: Budget = Budget()) -> str:
    return _dask_result(item, config, limits)[0].rstrip("\n")


def dask_records(bag, rules_dirs: Iterable[str] = (), limits: Budget = Budget(), config: Config | None = None):
    """A Dask bag of documents -> a bag of JSON records (strings, no newline), in the bag's order.

    Each element is `(key, text)` (the key names the document in its record
    and, by its suffix, chooses text / Markdown / HTML), `(key, text, format)`,
    or a `Doc` (`expand(...)` then `read_doc` makes them from files and EDGAR
    submissions). `text` may be bytes (decoded as `extractor.inputs` decodes
    files, or an error record). `limits` is each document's size budget and its
    user rules' time budget (no timer signal reaches a Dask worker thread).
    `config` (default: every rule, with `rules_dirs`) selects rules, sets severities and adds rule folders,
    and suppression comments apply. Each line equals the local engine's record for the same document:

        records = dask_records(db.from_sequence(pairs, npartitions=8))
        records.to_textfiles("out/*.jsonl")
    """
    config = config or Config(rules_dirs=tuple(str(d) for d in rules_dirs))
    return bag.map(_dask_line, config=config, limits=limits)


def _dask_results(todo: list[Task], scheduler: str, jobs: int, settings: Settings) -> "_DaskStream":
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise BatchError("the Dask engine needs the dask extra: pip install 'prfacts[dask]'") from None
    if not todo:  # nothing left to do: no need for a cluster (a finished run resumes even with it down)
        return _LocalStream([], 1, settings)
    cluster = None
    try:
        if scheduler == "local":
            cluster = LocalCluster(n_workers=jobs, threads_per_worker=1, dashboard_address=None)
            client = Client(cluster)
        else:
            client = Client(scheduler, timeout="30s")
    except (OSError, TimeoutError, ValueError) as exc:
        if cluster is not None:
            cluster.close()
        raise BatchError(f"cannot reach the Dask scheduler at {scheduler}: {exc}") from None
    return _DaskStream(client, cluster, todo, settings)


class _DaskStream:
    """Keep a window of documents in flight on the cluster; yield their results in input order."""

    def __init__(self, client, cluster, todo: list[Task], settings: Settings):
        self.client, self.cluster, self.todo, self.settings = client, cluster, todo, settings
        self.workers = sum(client.nthreads().values()) or 1  # threads of the cluster: the real parallelism
        self.pending: deque = deque()
        self.closed = False

    def __iter__(self) -> Iterator[tuple[str, Stats]]:
        window = max(16, 4 * self.workers)
        tasks = iter(self.todo)
        for task in tasks:
            self._submit(task)
            if len(self.pending) >= window:
                break
        while self.pending:
            future = self.pending.popleft()
            for task in tasks:  # keep the cluster busy while this result is written
                self._submit(task)
                break
            try:
                result = future.result()
            except Exception as exc:  # noqa: BLE001  e.g. a worker lost again after Dask's own retries
                raise BatchError(f"the Dask cluster failed on a document ({type(exc).__name__}: {exc}); the "
                                 "records written so far are complete: rerun with --resume") from None
            yield result

    def _submit(self, task: Task) -> None:
        # The client reads the document: workers need prfacts installed, not the input files.
        self.pending.append(self.client.submit(_dask_result, read_doc(task, self.settings.encoding), task.config,
                                               task.limits, pure=False))

    def close(self) -> None:
        if self.closed:
            return
        self.closed = True
        for future in self.pending:
            future.cancel()
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()


# ---------------------------------------------------------------- the output file


def check_same_inputs(path: str, keys: list[str], expected: list[str]) -> None:
    """Resuming continues one run: the records already written must be the first ones these inputs give,
    so the finished output equals an uninterrupted run's. Anything else is another run's output."""
    if keys == expected[:len(keys)]:
        return
    wanted = set(expected)
    stray = next((k for k in keys if k not in wanted), None)
    n = next((i for i, (a, b) in enumerate(zip(keys, expected)) if a != b), len(expected))
    if stray is not None:
        why = f"it holds a record for {stray}, which is not among these inputs"
    elif n < len(expected):
        why = f"record {n + 1} is for {keys[n]}, where these inputs give {expected[n]}"
    else:
        why = f"record {n + 1} is for {keys[n]} again"
    raise BatchError(f"{path}: not resuming a run over other inputs ({why}): --resume completes a run "
                     "over the same inputs; use --overwrite to start again, or another --out")


class Output:
    """The JSONL file: one `os.write` per record, fsync every few seconds; `--resume` recovers it.

    `expected`: the keys of the whole run in order; a file resumed must be a start of them.
    """

    def __init__(self, path: str, resume: bool = False, overwrite: bool = False, expected: Sequence[str] = ()):
        self.path = path
        self.keys: list[str] = []  # keys already in the file, in file order
        self.prior: list[Stats] = []
        self.notes: list[str] = []  # what resuming had to clean up, for the summary
        self.written = 0
        self._synced = time.monotonic()
        if resume and overwrite:
            raise BatchError("--resume and --overwrite exclude each other")
        if path == "-":
            if resume:
                raise BatchError("--resume needs an output file, not standard output")
            sys.stdout.flush()
            self.fd = sys.stdout.fileno()
            return
        if os.path.exists(path):
            if os.path.isdir(path):
                raise BatchError(f"{path}: is a directory")
            if resume:
                self._recover(list(expected))
            elif not overwrite:
                raise BatchError(f"{path} exists: --resume completes it, --overwrite starts it again")
        # Opened at the first record: a run that cannot start leaves no file, and --overwrite keeps the old one.
        self.fd: int | None = None
        self._flags = os.O_WRONLY | os.O_CREAT | os.O_APPEND | (os.O_TRUNC if overwrite else 0)
        parent = os.path.dirname(path) or "."
        if not os.path.isdir(parent):
            raise BatchError(f"{path}: no such folder {parent}")
        if not os.access(parent, os.W_OK):
            raise BatchError(f"{path}: cannot write in {parent}")

    def _open(self) -> int:
        try:
            self.fd = os.open(self.path, self._flags, 0o644)
        except OSError as exc:
            raise BatchError(f"{self.path}: cannot write: {exc.strerror or exc}") from None
        return self.fd

    def _recover(self, expected: list[str]) -> None:
        """Read the records of an earlier run of the same inputs; truncate a torn (or garbled) tail after them."""
        good_end = offset = 0
        bad_line = None
        with open(self.path, "rb") as f:
            for number, raw in enumerate(f, 1):
                offset += len(raw)
                key = None
                if raw.endswith(b"\n"):
                    try:
                        record = json.loads(raw)
                        key = record["source"]["path"]
                    except (ValueError, KeyError, TypeError):
                        key = None
                if not isinstance(key, str):
                    bad_line = bad_line or number
                    continue
                if bad_line is not None:
                    raise BatchError(f"{self.path}: line {bad_line} is not a prfacts record; not resuming "
                                     "over a damaged file (move it aside or use --overwrite)")
                good_end = offset
                self.keys.append(key)
                self.prior.append(stats_of(record))
        check_same_inputs(self.path, self.keys, expected)  # before the file is touched
        if good_end < offset:
            self.notes.append(f"{self.path}: dropped an incomplete last line ({offset - good_end:,} bytes) left "
                              "by an interrupted run")
            with open(self.path, "r+b") as f:
                f.truncate(good_end)
                f.flush()
                os.fsync(f.fileno())

    def write(self, line: str) -> None:
        fd = self.fd if self.fd is not None else self._open()
        view = memoryview(line.encode("utf-8"))
        while view:  # one write for a whole line; the loop only continues a short write (a full disk)
            view = view[os.write(fd, view):]
        self.written += 1
        if self.path != "-" and time.monotonic() - self._synced >= FSYNC_SECONDS:
            os.fsync(fd)
            self._synced = time.monotonic()

    def close(self, complete: bool = False) -> None:
        """Sync and close; `complete`: the run finished, so the file exists even with no record in it."""
        if self.path == "-":
            return
        if self.fd is None and complete:
            self._open()
        if self.fd is None:
            return
        fd, self.fd = self.fd, None
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


# ---------------------------------------------------------------- progress and summary


class Progress:
    """A tqdm bar on a terminal; plain log lines (every tenth of the run, or 30 s) otherwise."""

    def __init__(self, total: int, mode: str, stream: IO[str], label: str = "prfacts batch"):
        if mode == "auto":
            mode = "bar" if getattr(stream, "isatty", lambda: False)() else "log"
        self.total, self.mode, self.stream, self.label = total, mode, stream, label
        self.count = self.errors = 0
        self.started = self.last = time.perf_counter()
        self.step = max(1, total // 10)
        self.next_at = self.step
        self.bar = None
        if mode == "bar" and total:
            from tqdm import tqdm

            self.bar = tqdm(total=total, unit="doc", file=stream, desc=label, dynamic_ncols=True, smoothing=0.05)

    def update(self, stats: Stats) -> None:
        self.count += 1
        if stats.error:
            self.errors += 1
        if self.bar is not None:
            if stats.error:
                self.bar.set_postfix(errors=self.errors, refresh=False)
            self.bar.update(1)
        elif self.mode == "log":
            now = time.perf_counter()
            if self.count >= self.next_at or self.count == self.total or now - self.last >= 30:
                self.next_at = (self.count // self.step + 1) * self.step
                self.last = now
                rate = self.count / max(now - self.started, 1e-9)
                left = (self.total - self.count) / rate if rate else 0
                print(f"{self.label}: {self.count:,}/{self.total:,} documents ({100 * self.count / self.total:.0f}%), "
                      f"{self.errors:,} errors, {rate:.1f} documents/s, about {left:.0f} s left",
                      file=self.stream, flush=True)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


@dataclass
class RunInfo:
    documents: int
    chars: int
    seconds: float
    engine: str
    jobs: int

    def as_dict(self) -> dict:
        return {"documents": self.documents, "characters": self.chars, "seconds": round(self.seconds, 3),
                "documents_per_second": round(self.documents / self.seconds, 2) if self.seconds else None,
                "characters_per_second": round(self.chars / self.seconds) if self.seconds else None,
                "engine": self.engine, "jobs": self.jobs}


_SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}


class Summary:
    """Counts over records: documents, errors, mentions by kind, facts by type, findings by rule and severity."""

    def __init__(self) -> None:
        self.documents = 0
        self.chars = 0
        self.errors: list[tuple[str, str]] = []  # (key, message)
        self.kinds: Counter = Counter()
        self.facts: Counter = Counter()
        self.findings: Counter = Counter()  # (rule, severity) -> count, suppressed ones apart
        self.suppressed: Counter = Counter()  # rule -> count
        self.run: RunInfo | None = None
        self.notes: list[str] = []

    def add(self, stats: Stats) -> None:
        self.documents += 1
        if stats.error is not None:
            self.errors.append((stats.key, stats.error))
            return
        self.chars += stats.chars
        self.kinds.update(stats.kinds)
        self.facts.update(stats.facts)
        for rule, severity, suppressed in stats.findings:
            if suppressed:
                self.suppressed[rule] += 1
            else:
                self.findings[(rule, severity)] += 1

    def as_dict(self) -> dict:
        rules: dict[str, dict[str, int]] = {}
        for (rule, severity), n in sorted(self.findings.items()):
            rules.setdefault(rule, {})[severity] = n
        return {
            "documents": self.documents,
            "analysed": self.documents - len(self.errors),
            "characters": self.chars,
            "mentions": dict(sorted(self.kinds.items())),
            "facts": dict(sorted(self.facts.items())),
            "findings": rules,
            "suppressed": dict(sorted(self.suppressed.items())),
            "errors": [{"path": k, "error": e} for k, e in self.errors],
            "run": self.run.as_dict() if self.run else None,
            "notes": self.notes,
        }

    def render(self, title: str, max_errors: int | None = 20) -> str:
        def counts(counter: Counter) -> str:
            return ", ".join(f"{k} {n:,}" for k, n in sorted(counter.items(), key=lambda kv: (-kv[1], kv[0])))

        severities = sorted({s for _, s in self.findings}, key=lambda s: (_SEVERITY_ORDER.get(s, 9), s))
        by_severity = Counter()
        for (_, severity), n in self.findings.items():
            by_severity[severity] += n
        n_findings = sum(self.findings.values())
        finding_note = ", ".join(f"{s} {by_severity[s]:,}" for s in severities)
        if self.suppressed:
            finding_note += ("; " if finding_note else "") + f"{sum(self.suppressed.values()):,} suppressed"
        lines = [title]
        rows = [
            ("documents", self.documents, f"{self.documents - len(self.errors):,} analysed, {len(self.errors):,} errors"),
            ("characters", self.chars, ""),
            ("mentions", sum(self.kinds.values()), counts(self.kinds)),
            ("facts", sum(self.facts.values()), counts(self.facts)),
            ("findings", n_findings, finding_note),
        ]
        width = max(len(f"{n:,}") for _, n, _ in rows)
        lines += [f"  {name:<11}{n:>{width},}   {note}".rstrip() for name, n, note in rows]
        rules = sorted({r for r, _ in self.findings} | set(self.suppressed))
        if rules:
            columns = severities + (["suppressed"] if self.suppressed else []) + ["total"]
            rule_width = max(len("rule"), *(len(r) for r in rules))
            lines += ["", "  " + f"{'rule':<{rule_width}}" + "".join(f"{c:>12}" for c in columns)]
            table = []
            for rule in rules:
                cells = [self.findings[(rule, s)] for s in severities]
                if self.suppressed:
                    cells.append(self.suppressed[rule])
                table.append((rule, cells + [sum(self.findings[(rule, s)] for s in severities)]))
            table.sort(key=lambda row: (-row[1][-1], row[0]))
            lines += ["  " + f"{rule:<{rule_width}}" + "".join(f"{n:>12,}" for n in cells) for rule, cells in table]
        if self.errors:
            shown = self.errors if max_errors is None else self.errors[:max_errors]
            lines += ["", f"  files with errors ({len(self.errors):,}):"] + [f"    {message}" for _, message in shown]
            if len(shown) < len(self.errors):
                lines.append(f"    ... and {len(self.errors) - len(shown):,} more (prfacts report lists them all)")
        if self.notes:
            lines += [""] + [f"  note: {n}" for n in self.notes]
        if self.run:
            r = self.run
            rate = r.documents / r.seconds if r.seconds else 0.0
            lines += ["", f"  this run   {r.documents:,} documents in {r.seconds:.1f} s: {rate:,.1f} documents/s, "
                          f"{(r.chars / r.seconds if r.seconds else 0) / 1e6:.2f} M characters/s "
                          f"({r.engine} engine, {r.jobs} worker{'s' if r.jobs != 1 else ''})"]
        return "\n".join(lines) + "\n"


def summarize(paths: Iterable[str]) -> Summary:
    """The summary of result files, read back: what `prfacts report` prints."""
    summary = Summary()
    for path in paths:
        if os.path.isdir(path):
            from . import columnar

            columnar.summarize_into(summary, path)
            continue
        try:
            f = open(path, "rb")
        except OSError as exc:
            raise BatchError(_os_error(path, exc)) from None
        bad = torn = 0
        with f:
            for raw in f:
                if not raw.endswith(b"\n"):
                    torn += 1
                    continue
                if not raw.strip():
                    continue
                try:
                    record = json.loads(raw)
                    if not isinstance(record, dict) or not isinstance((record.get("source") or {}).get("path"), str):
                        raise ValueError
                except ValueError:
                    bad += 1
                    continue
                summary.add(stats_of(record))
        if torn:
            summary.notes.append(f"{path}: the last line is incomplete (an interrupted run): "
                                 "prfacts batch --resume completes it")
        if bad:
            summary.notes.append(f"{path}: {bad:,} line{'s' if bad != 1 else ''} not a prfacts record, skipped")
    return summary


# ---------------------------------------------------------------- a whole run


def run(inputs: Sequence[str], out: str, *, jobs: int | None = None, resume: bool = False, overwrite: bool = False,
        engine: str = "local", scheduler: str | None = None, rules_dirs: Iterable[str] = (),
        exhibit_types: str = edgar.PRESS_RELEASE_TYPES, progress: str = "none", log: IO[str] | None = None,
        exclude: Iterable[str] = (), limits: Budget | None = None, encoding: str | None = None,
        options: Options | None = None, format: str = "jsonl", chunk: int | None = None) -> Summary:
    """Analyse every document of `inputs` into `out`; the summary of the whole output.

    `format`: "jsonl" (`out` is a JSON Lines file) or "parquet" (`out` is a folder of four tables
    written by `extractor.columnar`, a part file per `chunk` documents).
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
    # Workers build at start the pipeline most documents use: the rule folders of the first one's configuration.
    settings = Settings(next((t.config.rules_dirs for t in todo if t.error is None), checker.options.rules_dirs),
                        checker.options.encoding)
    summary.notes += output.notes
    if progress != "none" and resume:
        print(f"prfacts batch: {len(output.keys):,} documents already in {out}, {len(todo):,} to go", file=log,
              flush=True)

    started = time.perf_counter()
    processed = chars = 0
    bar = None
    complete = False
    try:
        results = (_LocalStream(todo, jobs, settings) if engine == "local"
                   else _dask_results(todo, scheduler or "local", jobs, settings))
        workers = results.workers
        bar = Progress(len(todo), progress, log) if progress != "none" else None
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
    summary.run = RunInfo(processed, chars, time.perf_counter() - started, engine, workers)
    return summary


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


def open_output(out: str, format: str, *, resume: bool, overwrite: bool, expected: Sequence[str],
                chunk: int | None = None):
    """The writer of one output format; each has `keys` and `prior` (what a resumed run holds), `notes`,
    `write(line)` and `close(complete)`."""
    if format == "parquet":
        from . import columnar

        return columnar.ParquetOutput(out, resume, overwrite, expected, chunk or columnar.CHUNK)
    if format != "jsonl":
        raise BatchError(f"unknown format {format!r}: jsonl or parquet")
    if chunk is not None:
        raise BatchError("--chunk-size is for --format parquet (JSON Lines is written a record at a time)")
    return Output(out, resume=resume, overwrite=overwrite, expected=expected)


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


# ---------------------------------------------------------------- the command line


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

"""The Dask engine: the same per-document function as the local engine, on a cluster.

The client reads the documents and ships their bytes (workers need no shared file system, only prfacts
installed), keeps a window of tasks in flight and writes the results in order, so its file equals the local
engine's. `dask_records(bag)` is the same over a Dask bag of `(key, text)` pairs.
"""

from __future__ import annotations

import threading
from collections import deque
from typing import Iterable, Iterator

from ..linter.budget import Budget
from ..linter.config import Config
from .pool import LocalStream
from .records import BatchError, Settings, Stats, analyze_doc
from ..linter.tasks import Doc, Task, read_doc

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
    submissions). `text` may be bytes (decoded as `extractor.reading.encodings` decodes
    files, or an error record). `limits` is each document's size budget and its
    user rules' time budget (no timer signal reaches a Dask worker thread).
    `config` (default: every rule, with `rules_dirs`) selects rules, sets severities and adds rule folders,
    and suppression comments apply. Each line equals the local engine's record for the same document:

        records = dask_records(db.from_sequence(pairs, npartitions=8))
        records.to_textfiles("out/*.jsonl")
    """
    config = config or Config(rules_dirs=tuple(str(d) for d in rules_dirs))
    return bag.map(_dask_line, config=config, limits=limits)


def dask_results(todo: list[Task], scheduler: str, jobs: int, settings: Settings) -> "_DaskStream":
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise BatchError("the Dask engine needs the dask extra: pip install 'prfacts[dask]'") from None
    if not todo:  # nothing left to do: no need for a cluster (a finished run resumes even with it down)
        return LocalStream([], 1, settings)
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


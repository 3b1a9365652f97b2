"""The local engine: worker processes on this machine, results in input order, a stuck or dead worker costing
only its document.

Workers are processes, each building the pipeline once; they are sent tasks (a path, an exhibit id), read the
document themselves and send back the finished JSON line. A worker that dies (killed, out of memory) breaks
only its document: the pool is restarted, the document in front is run alone, and if it kills its worker again
it gets an error record naming the cause. The worker's timer signal ends a slow analysis; a worker that still
does not answer a margin later is stopped like one that died, so the run never stalls behind one document.
`mp_context`, `stuck_after` and `exit_with_parent` serve the web server's workers too (`extractor.serve`).
"""

from __future__ import annotations

import os
import sys
import threading
import time
from collections import deque
from typing import Iterator, Sequence

from ..linter.budget import Budget
from .records import BatchError, Settings, Stats, analyze_doc, error_result
from ..linter.tasks import Task, read_doc

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


def stuck_after(limits: Budget) -> float:
    """How long the parent waits for the document in front before it stops the worker analysing it.

    The worker's own timer ends a slow document at the budget; the parent steps in only when that
    timer cannot (the worker is stuck where no signal reaches), so it allows a margin on top.
    """
    return limits.timeout + max(1.0, limits.timeout / 4)


def _stuck_line(task: Task) -> tuple[str, Stats]:
    return error_result(task.key, f"{task.key}: analysis took longer than {task.limits.timeout:g} s (--timeout) "
                                  "and did not stop; its worker process was stopped")


def mp_context():
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

        self.executor = ProcessPoolExecutor(max_workers=max(1, min(jobs, len(tasks))), mp_context=mp_context(),
                                            initializer=_init_worker, initargs=(settings,))
        # A worker's start (imports, the rules, on a cold cache the Hyperscan databases: seconds, more on a busy
        # machine) is no document's time: the first document's clock waits for the first worker to answer.
        self.ready = self.executor.submit(_ping)
        # Every task is submitted at once (as `map` would); each result is awaited on its own clock.
        self.futures = deque((self.executor.submit(_work, task), task) for task in tasks)
        self.closed = False

    def results(self) -> Iterator[tuple[str, Stats]]:
        """Results in task order. The document in front gets its `stuck_after` time from the moment it is in
        front (its worker has it by then: every task before it is done): `TimeoutError` after that."""
        self.ready.result()  # a pool whose workers cannot start raises BrokenProcessPool here, as a task would
        while self.futures:
            future, task = self.futures[0]
            result = future.result(timeout=stuck_after(task.limits))
            self.futures.popleft()
            yield result

    def close(self, finished: bool = False) -> None:
        if self.closed:
            return
        self.closed = True
        if finished:
            self.executor.shutdown(wait=True)
            return
        stop_pool(self.executor)  # a stopped run must not wait for documents nobody will write


class LocalStream:
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

    executor = ProcessPoolExecutor(max_workers=1, mp_context=mp_context(), initializer=_init_worker,
                                   initargs=(settings,))
    try:
        try:
            executor.submit(_ping).result()
        except BrokenProcessPool:
            raise BatchError("worker processes cannot start (see the error above); the records written so far "
                             "are complete: fix the cause and rerun with --resume") from None
        try:
            return executor.submit(_work, task).result(timeout=stuck_after(task.limits))
        except TimeoutError:
            stop_pool(executor)
            return _stuck_line(task)
        except BrokenProcessPool:
            return error_result(task.key, f"{task.key}: the worker process analysing it died "
                                          "(killed, or out of memory)")
    finally:
        executor.shutdown(wait=False, cancel_futures=True)


def stop_pool(executor) -> None:
    """Stop an executor now, its worker processes included: `shutdown` alone waits for a stuck one."""
    processes = list((getattr(executor, "_processes", None) or {}).values())
    executor.shutdown(wait=False, cancel_futures=True)
    for p in processes:
        p.terminate()

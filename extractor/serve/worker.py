"""The analyses behind the web page, in worker processes, so one slow draft cannot hang the server.

Each worker is a process of its own that builds the pipeline once and runs
what `prfacts check` and `prfacts extract` run (`engine.check_source`,
`budget.analyse`) on its main thread, where the budget's timer signal can end
a slow analysis: the worker then answers with the budget's own error. A worker
that still has not answered a margin later (stuck where no signal reaches) is
stopped and replaced, and the request gets the same time-out answer. Drafts
travel to the workers through pipes only; nothing is written to disk.
"""

from __future__ import annotations

import queue
import signal
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import NamedTuple

from ..linter import budget as budgets
from ..batch.pool import exit_with_parent, mp_context, stop_pool, stuck_after
from ..linter.engine import CheckError, check_source
from ..linter.config import Config
from ..reading.source import SourceText
from ..models import FactSheet

STARTUP_SECONDS = 300.0  # a worker imports spaCy and compiles the rules: slow on a loaded machine, but bounded


class Outcome(NamedTuple):
    """A fact sheet, or the HTTP status and the one-line message of why there is none."""

    sheet: FactSheet | None = None
    status: int = 200
    error: str | None = None


def timed_out(name: str, limits: budgets.Budget) -> Outcome:
    return Outcome(None, 408, f"{name}: analysis took longer than {limits.timeout:g} s (--timeout, or timeout in "
                              "the configuration) and did not stop; its worker process was stopped")


# ---------------------------------------------------------------- in the worker process

_LIMITS = budgets.Budget()


def _init(cfg: Config, limits: budgets.Budget) -> None:
    global _LIMITS
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C stops the server, which stops its workers
    exit_with_parent()
    from .. import analyzer

    _LIMITS = limits
    analyzer(tuple(cfg.rules_dirs))  # built now, not on the first draft's clock


def _ready() -> bool:
    return True


def check(source: SourceText, cfg: Config) -> Outcome:
    """What `prfacts check` reports for this draft: its configuration applied, suppressions marked."""
    try:
        return Outcome(check_source(source, cfg, _LIMITS))
    except CheckError as exc:
        # check_source words every failure alike; the budget's own error is still its context.
        return Outcome(None, 408 if isinstance(exc.__context__, budgets.BudgetError) else 500, str(exc))


def extract(source: SourceText, cfg: Config) -> Outcome:
    """What `prfacts extract` prints for this draft: the fact sheet as the rules give it."""
    from .. import analyzer
    from ..rules import RuleError

    name = source.path or "<stdin>"
    try:
        engine = analyzer(tuple(cfg.rules_dirs))
        return Outcome(budgets.analyse(engine, source, _LIMITS, name))
    except budgets.BudgetError as exc:
        return Outcome(None, 408, str(exc))
    except RuleError as exc:
        return Outcome(None, 500, f"{name}: rules: {exc}")
    except Exception as exc:  # noqa: BLE001  one draft's failure is its own answer, never the server's
        return Outcome(None, 500, f"{name}: internal error: {type(exc).__name__}: {exc}")


# ---------------------------------------------------------------- in the server


class Workers:
    """`count` worker processes; a request takes an idle one, or waits for one within its time budget."""

    def __init__(self, cfg: Config, limits: budgets.Budget, count: int = 1):
        self.cfg, self.limits = cfg, limits
        self.idle: queue.Queue = queue.Queue()
        started = [self._start() for _ in range(max(1, count))]
        for executor, ready in started:  # the server answers only once its workers can
            ready.result(timeout=STARTUP_SECONDS)
            self.idle.put(executor)

    def _start(self):
        executor = ProcessPoolExecutor(max_workers=1, mp_context=mp_context(), initializer=_init,
                                       initargs=(self.cfg, self.limits))
        return executor, executor.submit(_ready)

    def analyse(self, job, source: SourceText) -> Outcome:
        """`job(source, cfg)` (`check` or `extract`) in a worker, within the budget and a margin."""
        return self.run(source.path or "<stdin>", job, source, self.cfg)

    def run(self, name: str, job, *args, wait: float | None = None) -> Outcome:
        """`job(*args)` in a worker, which is stopped after `wait` seconds (default: the budget and a margin)."""
        wait = stuck_after(self.limits) if wait is None else wait
        try:
            executor = self.idle.get(timeout=wait)
        except queue.Empty:
            return Outcome(None, 503, f"{name}: every analysis worker stayed busy for {wait:g} s; try again")
        try:
            return executor.submit(job, *args).result(timeout=wait)
        except TimeoutError:
            stop_pool(executor)
            executor = self._replace()
            return timed_out(name, self.limits)
        except BrokenProcessPool:
            executor = self._replace()
            return Outcome(None, 500, f"{name}: the worker process analysing it died (killed, or out of memory)")
        finally:
            self.idle.put(executor)

    def _replace(self) -> ProcessPoolExecutor:
        executor, ready = self._start()
        try:  # ready before the next draft's clock starts
            ready.result(timeout=STARTUP_SECONDS)
        except (BrokenProcessPool, TimeoutError):
            pass  # the next request finds it broken, says so and starts another
        return executor

    def close(self) -> None:
        while True:
            try:
                stop_pool(self.idle.get_nowait())
            except queue.Empty:
                return


"""A size and time budget per document, so one hostile or broken input cannot stall a run.

    --max-chars N     characters a document may have (default 2,000,000)
    --timeout SECONDS time its analysis may take (default 60)

Both are also settings of the configuration (`max-chars`, `timeout`); the
command line wins. A document over either is a `BudgetError` naming it: one
message and exit status 2 in `check` and `extract`, one error record in
`batch`, and the run goes on with the next document.

How the time limit is kept:

* a user rule's regex matches with the `regex` module's `timeout=` set to the
  time left (`extractor.rules.TimedPattern`), so a pattern that backtracks
  without end is reported by name;
* on the main thread of a POSIX process (`check`, `extract`, each batch
  worker) a timer signal interrupts whatever else runs past the deadline;
* the batch engine stops a worker that still does not answer and starts a
  fresh one (`extractor.batch`).
"""

from __future__ import annotations

import signal
import threading
import time
from dataclasses import dataclass

from .. import rules

DEFAULT_MAX_CHARS = 2_000_000
DEFAULT_TIMEOUT = 60.0


class BudgetError(Exception):
    """A document over its size or time budget; the message names it and the limit."""


@dataclass(frozen=True)
class Budget:
    max_chars: int = DEFAULT_MAX_CHARS
    timeout: float = DEFAULT_TIMEOUT  # seconds

    def check_size(self, name: str, chars: int, unit: str = "characters") -> None:
        if chars > self.max_chars:
            raise BudgetError(f"{name}: {chars:,} {unit}, over the limit of {self.max_chars:,} characters "
                              "(--max-chars, or max-chars in the configuration)")

    def check_file(self, name: str, size: int) -> None:
        """Refuse a file before reading it when even at 4 bytes a character it is over the limit."""
        if size > 4 * self.max_chars:
            self.check_size(name, size, "bytes")


def resolve(args, cfg) -> Budget:
    """The command line's budget (`--max-chars`, `--timeout`), else the configuration's, else the defaults."""
    return Budget(
        max_chars=getattr(args, "max_chars", None) or cfg.max_chars or DEFAULT_MAX_CHARS,
        timeout=getattr(args, "timeout", None) or cfg.timeout or DEFAULT_TIMEOUT,
    )


def positive_int(text: str) -> int:
    value = int(text)
    if value <= 0:
        raise ValueError(text)
    return value


def positive_float(text: str) -> float:
    value = float(text)
    if not value > 0 or value == float("inf"):
        raise ValueError(text)
    return value


def add_options(parser) -> None:
    """`--max-chars` and `--timeout` (None when not given: the configuration or the default decides)."""
    import argparse

    def typed(convert, what):
        def parse(text: str):
            try:
                return convert(text)
            except ValueError:
                raise argparse.ArgumentTypeError(f"must be {what}, not {text!r}") from None
        return parse

    parser.add_argument("--max-chars", type=typed(positive_int, "a positive whole number"), metavar="N",
                        help=f"characters a document may have (default {DEFAULT_MAX_CHARS:,})")
    parser.add_argument("--timeout", type=typed(positive_float, "a positive number of seconds"), metavar="SECONDS",
                        help=f"seconds the analysis of one document may take (default {DEFAULT_TIMEOUT:g})")


def analyse(engine, source, budget: Budget, name: str | None = None):
    """`engine.analyze_source(source)` within the budget; a `BudgetError` when the document is over it."""
    name = name or source.path or "<stdin>"
    budget.check_size(name, len(source.original or source.text))
    token = rules.set_deadline(time.monotonic() + budget.timeout)
    try:
        return _with_alarm(budget.timeout, engine.analyze_source, source)
    except (rules.DeadlinePassed, rules.RuleTimeout) as exc:
        where = f", in user rule {exc.rule} (its regex may backtrack without end)" if exc.rule else ""
        raise BudgetError(f"{name}: analysis took longer than {budget.timeout:g} s (--timeout, or timeout in "
                          f"the configuration){where}") from None
    finally:
        rules.reset_deadline(token)


def _expire(signum, frame):
    raise rules.DeadlinePassed()


def _with_alarm(seconds: float, fn, *args):
    """`fn(*args)`, interrupted by SIGALRM after `seconds` where a signal can do it (POSIX, main thread)."""
    if not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread():
        return fn(*args)
    started = time.monotonic()
    previous = signal.signal(signal.SIGALRM, _expire)
    outer, _ = signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        try:
            return fn(*args)
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)  # an alarm that fires before this line still counts
    finally:
        signal.signal(signal.SIGALRM, previous)
        if outer:  # someone else's timer (a test runner's) was running: give it back what is left of it
            signal.setitimer(signal.ITIMER_REAL, max(outer - (time.monotonic() - started), 0.001))

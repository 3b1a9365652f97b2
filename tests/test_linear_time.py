"""Linear time on any input (issue 11).

Each hostile shape (benchmarks/hostile.py builds them) goes through its entry point at two sizes, the
second twice the first, and the larger must take at most about 2.5 times as long: linear work doubles,
quadratic work quadruples. Only a ratio measured in one run is compared, never an absolute time, so a
slow or busy machine does not fail the test; each size is timed as the best of a few rounds, and a
run is repeated (up to three times) before a shape is called super-linear, since one noisy round on a
shared machine can give any ratio. A shape that has become badly super-linear again is stopped at a
deadline rather than left to hang the suite.
"""

from __future__ import annotations

import gc
import importlib.util
import signal
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("prfacts_hostile", ROOT / "benchmarks" / "hostile.py")
hostile = importlib.util.module_from_spec(_spec)
sys.modules[_spec.name] = hostile
_spec.loader.exec_module(hostile)

RATIO = 2.5  # for twice the input
ATTEMPTS = 3
DEADLINE = 10.0  # seconds for one shape at both sizes

# shape -> the smaller size in characters, chosen so the larger run takes a few tens of milliseconds
# here (the entry point is extractor.extract unless the shape's name says otherwise).
CASES = {
    "caps-hyphen": 16384,  # dateline pattern split each capitalised word every way
    "dots": 8192,  # URL-host look-behind rescanned the dotted run at every dot
    "host-dots": 16384,
    "sum-chain": 4096,  # the sum rule (rules/facts/60_sum.yaml, the lead's) bound one list per start
    "parens": 8192,  # spaCy's tokenizer strips one affix at a time (extract no longer tokenises; new_pipeline's cut: below)
    "brackets": 8192,
    "quotes": 8192,
    "backticks": 8192,
    "number-words": 8192,  # every word of a run of spelled numbers was tried as a start
    "number-words-hyphen": 8192,
    "comma-groups": 16384,  # the engine backs out of a long repeated group in quadratic time
    "tickers": 16384,
    "table-total": 4096,  # each Total row walked every row above it
    "wide-table": 4096,  # each value cell walked left over the empty header cells
    "dates": 8192,  # each late date searched its whole sentence again
    "suppressions": 32768,  # suppress.apply: every finding read every comment
    "html-report": 8192,  # report.html: every piece of text looked at every mention and flag
    "html-tags": 16384,  # the standard HTML parser rescanned the text for the end of every unclosed tag
    "markdown-links": 16384,  # the Markdown link pattern read to the end of the line from every "["
    # every cell of a row read the row's label again; half the others' size: each of its thousand columns is read as
    # a change column against the pairs of columns before it (tablechange), linear but slow enough per character
    # that 4096 and 8192 characters took most of the deadline on a busy 2-core machine
    "long-label-row": 2048,
    "padded-label": 8192,  # label patterns ran a look-behind over the spaces before the label's last word at each space
}


class _Deadline(Exception):
    pass


def _on_alarm(signum, frame):
    raise _Deadline()


def _batch(work, budget: float) -> float:
    """CPU seconds per call over as many calls as fill `budget` (at least one). This process's CPU time, not the
    wall clock: a neighbour (the other test worker on a 2-core machine) that takes the core for a while stretches
    the wall time of whichever size runs then, and a linear shape failed at ratios of 2.7-2.8 that way in a clean
    clone's run, while the same shapes measured 1.8-2.3 on their own."""
    calls, start = 0, time.process_time()
    while True:
        work()
        calls += 1
        elapsed = time.process_time() - start
        if elapsed >= budget:
            return elapsed / calls


def _pair(small, large, rounds: int = 5, budget: float = 0.03) -> tuple[float, float]:
    """The best time per call of each input, the two timed in alternating rounds.

    Alternating matters on a shared machine: when the sizes were timed one after the other, a neighbour
    (another test worker) that got busy in between made the larger input alone look slower, and a linear
    shape failed at ratios near 3 (CI: 2 cores, two workers).
    """
    small()  # warm up (compiled rules, caches)
    large()
    gc.collect()
    gc.disable()
    try:
        a = b = float("inf")
        for _ in range(rounds):
            a = min(a, _batch(small, budget))
            b = min(b, _batch(large, budget))
    finally:
        gc.enable()
    return a, b


def _ratio(name: str, size: int) -> tuple[float, float]:
    make = hostile.SHAPES[name][0]
    return _pair(make(size), make(2 * size))


@pytest.fixture(scope="module", autouse=True)
def _warm():
    from extractor import extract

    extract("NEW YORK, March 3, 2025 /PRNewswire/ -- Acme raised $1 million, up 5%.")


@pytest.mark.parametrize("name", list(CASES))
def test_twice_the_input_takes_about_twice_the_time(name):
    size = CASES[name]
    timed = hasattr(signal, "SIGALRM")
    if timed:
        previous = signal.signal(signal.SIGALRM, _on_alarm)
    ratios = []
    try:
        for _ in range(ATTEMPTS):
            if timed:
                signal.setitimer(signal.ITIMER_REAL, DEADLINE)
            try:
                a, b = _ratio(name, size)
            except _Deadline:
                pytest.fail(f"{name}: {size} and {2 * size} characters took more than {DEADLINE:g} s (super-linear)")
            finally:
                if timed:
                    signal.setitimer(signal.ITIMER_REAL, 0)
            ratios.append(b / max(a, 1e-9))
            if ratios[-1] <= RATIO:
                return
    finally:
        if timed:
            signal.signal(signal.SIGALRM, previous)
    pytest.fail(f"{name}: twice the input took {', '.join(f'{r:.2f}' for r in ratios)} times as long (at most {RATIO} allowed)")


def test_the_tokenizer_cuts_long_runs_without_changing_the_text():
    from extractor.component import MAX_TOKEN, new_pipeline

    nlp = new_pipeline()
    for text in ["(" * 1000 + " x", '"' * 40 + "\n" + "`" * 33 + " ok", "see https://example.com/" + "a/" * 200 + " now",
                 "[[[[" * 20 + ".", "plain words only"]:
        doc = nlp.make_doc(text)
        assert doc.text == text
        assert all(text[t.idx : t.idx + len(t)] == t.text for t in doc)
        assert all(len(t) <= MAX_TOKEN for t in doc if not t.is_space)


def _figures(n: int, seed: int, cell: bool, roundings=(0.0, 1e-3, 0.05, 0.6, 3.0)):
    """n figures of random sizes and roundings (some about zero, some of either sign), as the cell index reads
    them: an id, a printed interval and whether a table prints it."""
    import random
    from types import SimpleNamespace

    rng = random.Random(seed)
    out = []
    for i in range(n):
        value = rng.choice([1, -1, 1]) * 10 ** rng.uniform(-2, 6)
        half = abs(value) * rng.choice(roundings)
        out.append(SimpleNamespace(id=i + (0 if cell else n), low=repr(value - half), high=repr(value + half),
                                   cell=object() if cell else None))
    return out


def test_prose_changes_read_the_cells_of_their_size_only():
    """changetable's cell index: every cell `agrees` accepts for a prose figure is among those it returns, in
    the cells' order, and a query reads a few cells, not all (each prose change read every cell: quadratic)."""
    from fractions import Fraction
    from types import SimpleNamespace

    from extractor.facts.changetable import _BySize
    from extractor.facts.restatechoice import agrees

    reading = SimpleNamespace(interval=lambda m: (Fraction(m.low), Fraction(m.high)))
    cells = _figures(1000, 1, cell=True)
    index = _BySize(cells)
    for new in _figures(150, 2, cell=False) + _figures(50, 3, cell=True):
        near = index.near(new)
        assert [m.id for m in near] == sorted(m.id for m in near)
        ids = {m.id for m in near}
        assert all(c.id in ids for c in cells if agrees(new, c, 1, reading))

    def work(n: int):
        # a release's cells print many sizes, few of them alike: each a fiftieth larger than the last
        cells = [SimpleNamespace(id=i, low=repr(1.02 ** i * 0.999), high=repr(1.02 ** i * 1.001), cell=object())
                 for i in range(n)]
        news = [SimpleNamespace(id=n + i, low=repr(1.02 ** i * 0.995), high=repr(1.02 ** i * 1.005), cell=None)
                for i in range(n)]

        def run():
            index = _BySize(cells)  # once per release, then asked by every prose change
            return [index.near(new) for new in news]
        return run
    ratios = []
    for _ in range(ATTEMPTS):
        small, large = work(2000), work(4000)
        a, b = _pair(small, large)
        ratios.append(b / max(a, 1e-9))
        if ratios[-1] <= RATIO:
            return
    pytest.fail(f"the cell index: twice the cells took {ratios} times as long")

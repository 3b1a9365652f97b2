"""Progress of a run on standard error: a tqdm bar on a terminal, plain log lines otherwise."""

from __future__ import annotations

import time
from typing import IO

from .records import Stats


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


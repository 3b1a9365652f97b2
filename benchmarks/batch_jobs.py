"""`prfacts batch --jobs 1` against `--jobs 2` (or any list), end to end, in one run.

    python benchmarks/batch_jobs.py [--corpus ../shared/corpus/real] [--jobs 1,2] [--repeat 3]

Each run is the real command in a fresh process (`python -m extractor batch
CORPUS --out ... --overwrite -q`), so the times include starting Python,
building the pipeline in every worker and writing the JSONL file. Runs are
interleaved (1, 2, 1, 2, ...) so a change in the machine's load hits every
setting alike, and the best of `--repeat` runs is kept. The files written with
different numbers of workers must be byte-identical; the script checks it.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run_once(corpus: Path, jobs: int, out: Path) -> tuple[float, float]:
    """Wall seconds and CPU seconds (all processes) of one batch run."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "extractor", "batch", str(corpus), "--out", str(out), "--overwrite",
                    "--jobs", str(jobs), "-q"], check=True, cwd=ROOT)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus" / "real")
    parser.add_argument("--jobs", default="1,2", help="comma-separated worker counts (default 1,2)")
    parser.add_argument("--repeat", type=int, default=2, help="runs per setting; the best is kept (default 2)")
    args = parser.parse_args()
    if not args.corpus.exists():
        print(f"{args.corpus}: no such folder (pass --corpus)", file=sys.stderr)
        return 2
    settings = [int(j) for j in args.jobs.split(",")]
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    print(f"corpus {args.corpus} | {cores} CPUs | load average before: {os.getloadavg()[0]:.2f}")

    best: dict[int, tuple[float, float]] = {}
    walls: dict[int, list[float]] = {j: [] for j in settings}
    digests: dict[int, str] = {}
    lines = 0
    with tempfile.TemporaryDirectory() as tmp:
        for _ in range(args.repeat):
            for jobs in settings:
                out = Path(tmp) / f"jobs{jobs}.jsonl"
                wall, cpu = run_once(args.corpus, jobs, out)
                print(f"  jobs {jobs}: {wall:6.2f} s wall, {cpu:6.2f} s CPU", flush=True)
                walls[jobs].append(wall)
                if jobs not in best or wall < best[jobs][0]:
                    best[jobs] = (wall, cpu)
                data = out.read_bytes()
                digests[jobs] = hashlib.sha256(data).hexdigest()
                lines = data.count(b"\n")
    identical = len(set(digests.values())) == 1

    base = best[settings[0]][0]
    print()
    print(f"| jobs | documents | seconds (best of {args.repeat}) | documents/s | CPU seconds | speed-up |")
    print("|---|---|---|---|---|---|")
    for jobs in settings:
        wall, cpu = best[jobs]
        print(f"| {jobs} | {lines:,} | {wall:.2f} | {lines / wall:.1f} | {cpu:.2f} | {base / wall:.2f}x |")
    print()
    print(f"records identical across settings: {'yes' if identical else 'NO'}")
    if len(settings) >= 2:
        a, b = settings[0], settings[1]
        pairs = ", ".join(f"{x / y:.2f}x" for x, y in zip(walls[a], walls[b]))
        print(f"ratio jobs {b} / jobs {a}: {base / best[b][0]:.2f}x (best against best; run by run: {pairs})")
    print(f"load average after: {os.getloadavg()[0]:.2f}")
    return 0 if identical else 1


if __name__ == "__main__":
    sys.exit(main())

"""Extraction throughput side by side, in one run, on the same texts.

    python benchmarks/throughput.py [--corpus ../shared/corpus/real] [--sample 100] [--rounds 3]

Each engine runs in its own subprocess (so peak memory is its own) over the
same texts, after one warm-up pass over a few of them:

* blank      -- spacy.blank("en") tokenisation alone (nlp.pipe), the baseline;
* prfacts    -- `Analyzer.analyze_many`: the whole extraction to fact sheets;
* quantulum3 -- quantulum3's parser (installed by `pip install -e .[bench]`);
* spacy-ner  -- en_core_web_sm's statistical NER, only if that model is installed.

blank and prfacts run over the whole corpus and over the sample; quantulum3 and
the NER only over the sample (quantulum3 needs minutes for the whole corpus).
Ratios are always taken on the same texts, in wall-clock seconds and in CPU seconds (the process's own time,
which a busy machine disturbs less); `--rounds N` alternates blank and prfacts N times over the whole corpus and
shows each one's median run.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def load(corpus: Path, sample: int | None) -> list[str]:
    files = sorted(corpus.glob("*/*.txt")) or sorted(corpus.glob("*.txt"))
    if sample:
        step = max(1, len(files) // sample)
        files = files[::step][:sample]
    return [f.read_text(encoding="utf-8") for f in files]


def worker(engine: str, corpus: str, sample: int | None) -> dict:
    import resource

    texts = load(Path(corpus), sample)
    if engine == "blank":
        import spacy

        nlp = spacy.blank("en")
        run = lambda: sum(len(d) for d in nlp.pipe(texts))  # noqa: E731
        warm = lambda: list(nlp.pipe(texts[:20]))  # noqa: E731
    elif engine == "prfacts":
        sys.path.insert(0, str(ROOT))
        from extractor import analyzer

        a = analyzer()
        run = lambda: sum(len(s.mentions) for s in a.analyze_many((t, None) for t in texts))  # noqa: E731
        warm = lambda: list(a.analyze_many((t, None) for t in texts[:20]))  # noqa: E731
    elif engine == "quantulum3":
        import warnings

        warnings.filterwarnings("ignore")
        from quantulum3 import parser

        run = lambda: sum(len(parser.parse(t)) for t in texts)  # noqa: E731
        warm = lambda: [parser.parse(t) for t in texts[:3]]  # noqa: E731
    elif engine == "spacy-ner":
        import spacy

        nlp = spacy.load("en_core_web_sm", disable=["parser", "lemmatizer"])
        run = lambda: sum(len(d.ents) for d in nlp.pipe(texts))  # noqa: E731
        warm = lambda: list(nlp.pipe(texts[:5]))  # noqa: E731
    else:
        raise SystemExit(f"unknown engine {engine}")
    warm()
    start, cpu = time.perf_counter(), time.process_time()
    items = run()
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"engine": engine, "docs": len(texts), "chars": sum(map(len, texts)), "seconds": seconds,
            "cpu": cpu, "items": items, "peak_mb": peak_mb}


def measure(engine: str, corpus: str, sample: int | None) -> dict | None:
    cmd = [sys.executable, __file__, "--worker", engine, "--corpus", corpus, "--sample", str(sample or 0)]
    proc = subprocess.run(cmd, capture_output=True, text=True)
    if proc.returncode != 0:
        reason = (proc.stderr.strip().splitlines() or ["failed"])[-1]
        print(f"  {engine}: not measured ({reason})")
        return None
    return json.loads(proc.stdout.strip().splitlines()[-1])


def available(module: str) -> bool:
    import importlib.util

    if module == "en_core_web_sm":
        try:
            import spacy.util

            return spacy.util.is_package("en_core_web_sm")
        except Exception:
            return False
    return importlib.util.find_spec(module) is not None


def show(rows: list[dict], base: dict) -> None:
    print(f"  {'engine':11} {'docs':>5} {'MB text':>8} {'seconds':>8} {'chars/s':>10} {'x blank':>8} "
          f"{'CPU s':>7} {'x blank':>8} {'peak MB':>8}")
    for r in rows:
        print(f"  {r['engine']:11} {r['docs']:5d} {r['chars'] / 1e6:8.2f} {r['seconds']:8.2f} "
              f"{r['chars'] / r['seconds']:10.0f} {r['seconds'] / base['seconds']:8.2f} "
              f"{r['cpu']:7.2f} {r['cpu'] / base['cpu']:8.2f} {r['peak_mb']:8.0f}")


def rounds(engines: list[str], corpus: str, sample: int | None, n: int) -> list[dict]:
    """Each engine's median run over `n` rounds, the engines alternating within a round: on a shared machine the
    load drifts, and a ratio is only fair between runs made side by side. With several rounds, each round's own
    ratio to the first engine is printed too, and their median: the figure a drifting load disturbs least."""
    runs: dict[str, list[dict]] = {}
    for _ in range(n):
        for e in engines:
            r = measure(e, corpus, sample)
            if r:
                runs.setdefault(e, []).append(r)
    if n > 1 and len(runs) > 1:
        base = runs[engines[0]]
        for e, rs in list(runs.items())[1:]:
            if len(rs) == len(base):
                for unit in ("seconds", "cpu"):
                    ratios = sorted(r[unit] / b[unit] for r, b in zip(rs, base))
                    print(f"  {e} / {engines[0]} per round ({'wall' if unit == 'seconds' else 'CPU'}): "
                          f"{' '.join(f'{x:.2f}' for x in ratios)}; median {ratios[len(ratios) // 2]:.2f}")
    return [sorted(rs, key=lambda r: r["seconds"])[len(rs) // 2] for rs in runs.values()]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", default=str(ROOT.parent / "shared" / "corpus" / "real"))
    parser.add_argument("--sample", type=int, default=100, help="texts for the side-by-side with slow engines")
    parser.add_argument("--rounds", type=int, default=1, help="alternate blank and prfacts this many times over the "
                        "whole corpus and show each one's median run (a loaded machine)")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        print(json.dumps(worker(args.worker, args.corpus, args.sample if args.sample else None)))
        return
    if not Path(args.corpus).is_dir():
        raise SystemExit(f"corpus not found: {args.corpus}")

    print("Whole corpus:")
    full = rounds(["blank", "prfacts"], args.corpus, None, max(1, args.rounds))
    show(full, full[0])
    print(f"\nSample of {args.sample} texts:")
    engines = ["blank", "prfacts"]
    engines += ["quantulum3"] if available("quantulum3") else []
    engines += ["spacy-ner"] if available("en_core_web_sm") else []
    rows = rounds(engines, args.corpus, args.sample, 1)
    show(rows, rows[0])
    by = {r["engine"]: r for r in rows}
    if "quantulum3" in by:
        print(f"\nprfacts is {by['quantulum3']['seconds'] / by['prfacts']['seconds']:.1f}x faster than quantulum3 on the sample.")
    if "spacy-ner" not in by:
        print("(en_core_web_sm is not installed: no statistical NER row.)")


if __name__ == "__main__":
    main()

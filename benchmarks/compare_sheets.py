"""Fact sheets before and after a change to the pipeline: byte for byte.

    python benchmarks/compare_sheets.py write before.jsonl ../shared/corpus/real corpus
    ... change the code ...
    python benchmarks/compare_sheets.py write after.jsonl ../shared/corpus/real corpus
    python benchmarks/compare_sheets.py compare before.jsonl after.jsonl

`write` runs the tree this script sits in (not an installed prfacts) over the inputs, expanded by the
walker `check` and `extract` use, and writes one line per document: its fact sheet as `extract
--format jsonl` prints it, or `{"path": ..., "error": ...}`. `compare` says which documents differ,
where in the sheet they first differ, and exits 1 when any does (0 when the files are identical).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def write(out: str, inputs: list[str]) -> int:
    sys.path.insert(0, str(ROOT))
    from extractor import analyzer
    from extractor.reading.read import read_source
    from extractor.reading.paths import walk

    engine = analyzer()
    started, documents = time.perf_counter(), 0
    with open(out, "w", encoding="utf-8") as fh:
        for entry in walk(inputs):
            try:
                if entry.error:
                    raise ValueError(entry.error)
                line = engine.analyze_source(read_source(entry.path)).model_dump_json()
            except Exception as exc:  # noqa: BLE001  an unreadable document is a line too: it must stay one
                line = json.dumps({"path": entry.path, "error": f"{type(exc).__name__}: {exc}"})
            fh.write(line + "\n")
            documents += 1
    print(f"{documents} sheets in {time.perf_counter() - started:.1f} s -> {out}")
    return 0


def _key(line: str) -> str:
    record = json.loads(line)
    return record.get("path") or record["source"]["path"]


def first_difference(a, b, where: str = "") -> str:
    """The JSON path of the first place `a` and `b` differ, with both values there."""
    if isinstance(a, dict) and isinstance(b, dict):
        for k in list(a) + [k for k in b if k not in a]:
            if a.get(k, ...) != b.get(k, ...):
                return first_difference(a.get(k), b.get(k), f"{where}.{k}")
    if isinstance(a, list) and isinstance(b, list):
        for i, (x, y) in enumerate(zip(a, b)):
            if x != y:
                return first_difference(x, y, f"{where}[{i}]")
        if len(a) != len(b):
            return f"{where}: {len(a)} items against {len(b)}"
    return f"{where or '.'}: {json.dumps(a)[:160]} against {json.dumps(b)[:160]}"


def compare(a_path: str, b_path: str, show: int = 20) -> int:
    a = {_key(line): line for line in open(a_path, encoding="utf-8")}
    b = {_key(line): line for line in open(b_path, encoding="utf-8")}
    only_a, only_b = sorted(set(a) - set(b)), sorted(set(b) - set(a))
    differ = [k for k in a if k in b and a[k] != b[k]]
    for k in only_a:
        print(f"only in {a_path}: {k}")
    for k in only_b:
        print(f"only in {b_path}: {k}")
    for k in differ[:show]:
        print(f"{k}: {first_difference(json.loads(a[k]), json.loads(b[k]))}")
    if len(differ) > show:
        print(f"... and {len(differ) - show} more")
    same = len(a) - len(only_a) - len(differ)
    print(f"{same} identical, {len(differ)} different, {len(only_a)} only in {a_path}, {len(only_b)} only in {b_path}")
    return 1 if differ or only_a or only_b else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    w = sub.add_parser("write", help="write every input's fact sheet to OUT (JSON lines)")
    w.add_argument("out")
    w.add_argument("inputs", nargs="+")
    c = sub.add_parser("compare", help="list the documents whose sheets differ")
    c.add_argument("a")
    c.add_argument("b")
    c.add_argument("--show", type=int, default=20, help="differences to print (default 20)")
    args = parser.parse_args()
    return write(args.out, args.inputs) if args.command == "write" else compare(args.a, args.b, args.show)


if __name__ == "__main__":
    sys.exit(main())

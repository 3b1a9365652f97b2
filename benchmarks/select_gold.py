"""Choose the real releases the relation gold is annotated on (run once; the choice is kept in selection.tsv).

    python benchmarks/select_gold.py [--corpus ../shared/corpus/real] > corpus/realgold/selection.tsv

Stratified by source and by whether the release has a financial table (a Markdown pipe table or a
``` block), with a fixed seed, so the choice can be repeated and is not steered by what prfacts finds.
About a third of each stratum is held out: those files are annotated but never read while rules are written.
"""

from __future__ import annotations

import argparse
import csv
import random
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TABLE = re.compile(r"^\s*\|.*\|.*\||^```", re.M)

# (source, has_table, ibn summary) -> how many to take
QUOTA = {
    ("bulwark_wire", True, False): 82,
    ("bulwark_wire", False, False): 26,
    ("newsworthy_prarchive", False, False): 34,
    ("newsworthy_prarchive", False, True): 6,
    ("edgartools_sec", False, False): 6,
    ("traderslink_financing", False, False): 5,
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", default=str(ROOT.parent / "shared" / "corpus" / "real"))
    parser.add_argument("--seed", type=int, default=20261129)
    args = parser.parse_args()
    corpus = Path(args.corpus)
    rows = list(csv.DictReader(open(corpus / "MANIFEST.tsv", encoding="utf-8"), delimiter="\t"))
    strata: dict[tuple, list[tuple[str, int]]] = {}
    for r in rows:
        text = (corpus / r["file"]).read_text(encoding="utf-8")
        key = (r["file"].split("/")[0], bool(TABLE.search(text)), "/ibn_" in r["file"])
        strata.setdefault(key, []).append((r["file"], int(r["n_numbers"])))
    rng = random.Random(args.seed)
    chosen = []
    for key, quota in QUOTA.items():
        pool = sorted(strata.get(key, []))
        # Releases with few figures hold few relations: draw from the richer half unless the stratum is small.
        if len(pool) > 2 * quota:
            pool = sorted(pool, key=lambda p: -p[1])[: max(2 * quota, len(pool) // 2)]
            pool.sort()
        picked = sorted(rng.sample(pool, min(quota, len(pool))))
        for n, (name, _) in enumerate(rng.sample(picked, len(picked))):
            chosen.append((name, "heldout" if n % 3 == 2 else "dev", key[1]))
    print("path\tsplit\thas_table")
    for name, split, table in sorted(chosen):
        print(f"{name}\t{split}\t{int(table)}")


if __name__ == "__main__":
    main()

"""Precision, recall and F1 per kind of the extractor against the project's own gold corpus.

    python benchmarks/score_corpus.py [--errors]
"""

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from extractor import analyzer  # noqa: E402
from extractor.evaluation import score_corpus  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--errors", action="store_true", help="list every extra and missed mention")
    parser.add_argument("--corpus", default=str(ROOT / "corpus" / "releases"))
    args = parser.parse_args()
    score = score_corpus(analyzer(), Path(args.corpus))
    print(f"{'kind':8} {'tp':>5} {'fp':>5} {'fn':>5} {'precision':>9} {'recall':>7} {'f1':>6}")
    for kind, row in score.table().items():
        print(f"{kind:8} {row['tp']:5d} {row['fp']:5d} {row['fn']:5d} {row['precision']:9.3f} {row['recall']:7.3f} {row['f1']:6.3f}")
    if args.errors:
        print()
        print("\n".join(score.errors))


if __name__ == "__main__":
    main()

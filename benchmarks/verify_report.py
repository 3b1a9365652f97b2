"""Run the verifier over a corpus and print, per check, the facts it recognised and what it flagged,
then every error with its file, sentence and reason, for a person to review.

    python benchmarks/verify_report.py [--corpus ../shared/corpus/real] [--warnings] [--limit N]
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from extractor import analyzer  # noqa: E402
from extractor.checks.compiler import checks  # noqa: E402


def sentence_around(text: str, start: int, end: int, width: int = 220) -> str:
    a = max(text.rfind("\n", 0, start), text.rfind(". ", 0, max(0, start - 1)) + 1, start - width)
    z = text.find("\n", end)
    z = len(text) if z < 0 else min(z, end + width)
    return " ".join(text[a:z].split())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", default=str(ROOT.parent / "shared" / "corpus" / "real"))
    parser.add_argument("--warnings", action="store_true", help="list warnings too")
    parser.add_argument("--limit", type=int, default=0, help="only the first N files")
    args = parser.parse_args()
    files = sorted(Path(args.corpus).rglob("*.txt"))
    files = [f for f in files if f.name not in ("README.txt",)]
    if args.limit:
        files = files[: args.limit]
    engine = analyzer()
    facts_by_type: Counter = Counter()
    flagged: dict[str, Counter] = defaultdict(Counter)
    listed = []
    files_with_errors = set()
    texts = [(f.read_text(encoding="utf-8"), str(f)) for f in files]
    for sheet, (text, path) in zip(engine.analyze_many(texts), texts):
        facts_by_type.update(f.type for f in sheet.facts)
        for f in sheet.findings:
            flagged[f.rule][f.severity] += 1
            if f.severity == "error" or (args.warnings and f.severity == "warning"):
                listed.append((path, f, sentence_around(text, f.start, f.end)))
                if f.severity == "error":
                    files_with_errors.add(path)
    print(f"{len(files)} files, {sum(facts_by_type.values())} facts, "
          f"{sum(c['error'] for c in flagged.values())} errors in {len(files_with_errors)} files "
          f"({100 * len(files_with_errors) / max(1, len(files)):.2f}%)\n")
    print(f"{'check':22} {'fact type':20} {'facts':>6} {'errors':>7} {'warnings':>9} {'info':>6}")
    for check in checks():
        fact_count = facts_by_type.get(check.fact, 0) if check.fact else ""
        c = flagged.get(check.id, Counter())
        print(f"{check.id:22} {check.fact or '(' + check.mechanism + ')':20} {fact_count!s:>6} {c['error']:7d} {c['warning']:9d} {c['info']:6d}")
    print("\nfacts by type: " + ", ".join(f"{t} {n}" for t, n in facts_by_type.most_common()))
    checkable = sum(n for t, n in facts_by_type.items() if t not in ("conversion-price", "stated-value", "outstanding"))
    print(f"checkable facts (all but the borrowed attributes): {checkable}")
    print("\nFindings to review:")
    for path, f, sentence in listed:
        print(f"\n{Path(path).relative_to(Path(args.corpus)) if Path(path).is_relative_to(Path(args.corpus)) else path}:{f.line}:{f.column}: {f.severity} {f.rule}")
        print(f"  {f.message}")
        print(f"  > {sentence}")


if __name__ == "__main__":
    main()

"""Plant one error in a consistent relation of a real release and see whether prfacts flags it.

    python benchmarks/mutation_test.py [--corpus ../shared/corpus/real] [--limit N] [--show-misses]

For every fact the verifier recognises and finds consistent, copies of the release are made
with one figure of that fact changed the way such errors happen:

* transposed  -- two adjacent different digits swapped ("29.6%" -> "26.9%");
* scale       -- a thousand/million/billion slip ("$3.7 million" -> "$3.7 billion", "1,550" -> "1,550,000");
* ratio       -- a percentage printed as the ratio instead of the change (20% -> 120%);
* direction   -- a premium called a discount, an increase called a decrease;
* digit       -- one digit mistyped (the leading digit + 1).

A copy counts as caught when a finding (error or warning) names the changed figure, or names a
figure of that fact while the fact's own check raised it (a finding's span or its evidence). It also
counts copies that get an error on a figure the change did not touch (a false alarm it caused). Nothing is tuned to single files: the mutations are generic
and every consistent fact of the corpus is used.
"""

from __future__ import annotations

import argparse
import random
import sys
from collections import Counter, defaultdict
from pathlib import Path

import regex

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from extractor import analyzer  # noqa: E402
from extractor.checks.compiler import checks  # noqa: E402

DIGITS = regex.compile(r"\d[\d,]*(?:\.\d+)?")
SWAPS = {"premium": "discount", "discount": "premium", "increased": "decreased", "decreased": "increased",
         "increase": "decrease", "decrease": "increase", "grew": "declined", "rose": "fell", "fell": "rose",
         "declined": "grew", "up": "down", "down": "up"}


def transposed(text: str) -> str | None:
    m = DIGITS.search(text)
    if not m:
        return None
    digits = [i for i, c in enumerate(text) if c.isdigit() and m.start() <= i < m.end()]
    for a, b in zip(digits, digits[1:]):
        if b == a + 1 and text[a] != text[b] and not (a == digits[0] and text[b] == "0"):
            return text[:a] + text[b] + text[a] + text[b + 1 :]
    return None


def scaled(text: str) -> str | None:
    for word, other in (("million", "billion"), ("billion", "million"), ("thousand", "million"),
                        ("Million", "Billion"), ("Billion", "Million"), ("M", "B"), ("K", "M")):
        if regex.search(rf"\d\s?{word}\b", text):
            return regex.sub(rf"(?<=\d\s?){word}\b", other, text, count=1)
    m = DIGITS.search(text)
    if m and "." not in m.group(0) and "%" not in text:
        return text[: m.end()] + ",000" + text[m.end():]
    return None


def ratio(text: str) -> str | None:
    m = regex.fullmatch(r"(\d+(?:\.\d+)?)(\s?%)", text)
    if not m:
        return None
    value = float(m.group(1)) + 100
    places = len(m.group(1).split(".")[1]) if "." in m.group(1) else 0
    return f"{value:.{places}f}{m.group(2)}"


def digit(text: str) -> str | None:
    m = regex.search(r"[1-8]", text)
    if not m:
        return None
    return text[: m.start()] + str(int(m.group(0)) + 1) + text[m.end():]


MUTATIONS = {"transposed": transposed, "scale": scaled, "ratio": ratio, "digit": digit}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", default=str(ROOT.parent / "shared" / "corpus" / "real"))
    parser.add_argument("--limit", type=int, default=0)
    parser.add_argument("--show-misses", action="store_true")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    engine = analyzer()
    check_of = defaultdict(list)
    for c in checks():
        if c.fact and c.severity != "info":
            check_of[c.fact].append(c)
    files = sorted(Path(args.corpus).rglob("*.txt"))[: args.limit or None]
    tried: Counter = Counter()
    caught: Counter = Counter()
    collateral = 0
    misses = []
    for path in files:
        text = path.read_text(encoding="utf-8")
        sheet = engine.analyze(text)
        flagged = {(f.start, f.end) for f in sheet.findings if f.severity in ("error", "warning")}
        by_id = {m.id: m for m in sheet.mentions}
        baseline_errors = sum(1 for f in sheet.findings if f.severity == "error")
        for fact in sheet.facts:
            fact_checks = [c for c in check_of.get(fact.type, []) if c.stated in fact.roles]
            if not fact_checks:
                continue
            spans = {(by_id[i].start, by_id[i].end) for i in fact.roles.values()}
            if spans & flagged:
                continue  # only consistent facts are mutated
            role, mid = rng.choice(sorted(fact.roles.items()))
            target = by_id[mid]
            plans = [(name, fn(target.text)) for name, fn in MUTATIONS.items()]
            # A direction slip swaps the fact's own direction word (premium/discount, increase/decrease).
            word = None
            if fact.attributes.get("dir"):
                window = text[max(0, min(by_id[i].start for i in fact.roles.values()) - 80): max(by_id[i].end for i in fact.roles.values())]
                word = next((w for w in SWAPS if regex.search(rf"\b{w}\b", window)), None)
            for name, new in plans + [("direction", word)]:
                if not new:
                    continue
                if name == "direction":
                    window_start = max(0, min(by_id[i].start for i in fact.roles.values()) - 80)
                    window = text[window_start: max(by_id[i].end for i in fact.roles.values())]
                    wm = regex.search(rf"\b{new}\b", window)
                    mutated = text[: window_start + wm.start()] + SWAPS[new] + text[window_start + wm.end():]
                    mutated_span = (window_start + wm.start(), window_start + wm.start() + len(SWAPS[new]))
                else:
                    mutated = text[: target.start] + new + text[target.end:]
                    mutated_span = (target.start, target.start + len(new))
                if mutated == text:
                    continue
                kind = f"{fact.type}/{name}"
                tried[kind] += 1
                after = engine.analyze(mutated)
                shift = len(mutated) - len(text)
                def moved(span):
                    s, e = span
                    return (s + shift, e + shift) if s >= mutated_span[0] + 1 else (s, e)
                fact_spans = {moved(s) for s in spans} | {mutated_span}
                ids = {c.id for c in fact_checks}

                def touches(f, spans):
                    return bool(({(f.start, f.end)} | {(e.start, e.end) for e in f.evidence}) & spans)

                hit = [f for f in after.findings if f.severity in ("error", "warning")
                       and (touches(f, {mutated_span}) or f.rule in ids and touches(f, fact_spans))]
                if hit:
                    caught[kind] += 1
                else:
                    misses.append((str(path.relative_to(args.corpus)), kind, target.text, new))
                unrelated = [f for f in after.findings if f.severity == "error" and f not in hit
                             and not touches(f, {mutated_span})]
                if len(unrelated) > baseline_errors:
                    collateral += 1
    total_tried = sum(tried.values())
    total_caught = sum(caught.values())
    print(f"{len(files)} files; {total_tried} mutated copies; caught {total_caught} "
          f"({100 * total_caught / max(1, total_tried):.1f}%); copies with an extra error elsewhere: {collateral}\n")
    print(f"{'fact/mutation':34} {'tried':>6} {'caught':>7} {'rate':>6}")
    for kind in sorted(tried):
        print(f"{kind:34} {tried[kind]:6d} {caught[kind]:7d} {100 * caught[kind] / tried[kind]:5.0f}%")
    if args.show_misses:
        print("\nMisses:")
        for path, kind, old, new in misses:
            print(f"  {path}: {kind}: {old!r} -> {new!r}")


if __name__ == "__main__":
    main()

"""Recall on real releases: how many relations a careful reader records does prfacts recognise and check?

    python benchmarks/recall.py [--split dev|heldout|fresh|incoming|all] [--limit N] [--show-misses] [--json OUT]

Over the gold of `corpus/realgold/` (relations annotated by reading, before prfacts was run):

(a) recognised -- a gold relation counts when one prfacts fact of a matching type binds every one of its
    figures (a weekday, when the date mention carries the weekday), each at the printing the reader annotated
    or at another printing of that figure the reader recorded (a holding restatement: a gross margin's revenue
    read in the highlights table rather than the statement is one relation); the count at the annotated
    printings alone is printed too;
(b) planted    -- copies of the release with one figure of a *consistent* gold relation changed the way real
    errors happen (a mistyped digit, transposed digits, a thousand/million/billion slip, a ratio printed as the
    change or premium, a premium called a discount or an increase a decrease); only copies that no rounding of
    the printed figures can save are kept (the gold's own interval reading decides), at most 8 per release,
    alternating prose and table relations. A copy is caught when an error or warning touches the changed
    figure or a figure of that relation. The share caught is also printed apart for relations prfacts
    recognised in the unchanged release and for the others, so a miss of recall and a miss of the checks
    can be told apart;
(c) real errors -- gold relations a reader marked as a real error in the release, and whether prfacts flags them;
(d) false errors -- files where prfacts raises an error that touches no real error of the gold.

The denominators are the reader's relations, not prfacts' facts: a relation prfacts never recognised is a miss.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections import Counter, defaultdict
from fractions import Fraction
from pathlib import Path

import regex

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from extractor import analyzer  # noqa: E402
from extractor.intervals import Interval  # noqa: E402
from extractor.evaluation.relgold import CORPUS, SPLITS, UNSEEN, evaluate, load_all, role_reading, roles_of  # noqa: E402

# Which prfacts fact types can stand for a gold relation type.
FACT_TYPES = {
    "change_percent": {"change"}, "change_amount": {"change"}, "change_points": {"change"},
    "part_of_whole": {"share-of-total"}, "sum": {"sum", "difference", "issuance-tranches"},
    "offering": {"issuance", "issuance-tranches"}, "conversion": {"conversion", "preferred-conversion"},
    "per_share": {"per-share"}, "premium": {"premium"}, "split": {"split"}, "duration": {"duration"},
    "multiple": {"multiple"}, "restatement": {"restatement"},
}
DIRECTION_WORDS = {
    "premium": "discount", "discount": "premium", "increased": "decreased", "decreased": "increased",
    "increase": "decrease", "decrease": "increase", "grew": "declined", "declined": "grew", "rose": "fell",
    "fell": "rose", "up": "down", "down": "up", "higher": "lower", "lower": "higher",
}
DIGIT = regex.compile(r"\d")
SCALE_SWAPS = (("thousand", "million"), ("million", "billion"), ("billion", "million"), ("Million", "Billion"),
               ("Billion", "Million"), ("M", "B"), ("B", "M"), ("K", "M"), ("bn", "m"), ("mn", "bn"))


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


# --- (a) recognition -----------------------------------------------------------------------------------

def recognised(rel: dict, sheet, printings: dict | None = None) -> bool:
    """Whether one fact binds every figure of the relation, each at its annotated printing or (`printings`, from
    `printings_of`) at another printing of it; a restatement, a relation between printings, only at its own."""
    spans = [(r["start"], r["end"]) for _, r in roles_of(rel)]
    if rel["type"] == "weekday":
        return any(m.kind == "date" and regex.match(r"(?i)(mon|tues|wednes|thurs|fri|satur|sun)day", m.text)
                   and overlaps((m.start, m.end), spans[0]) for m in sheet.mentions)
    same = printings if printings and rel["type"] != "restatement" else {}
    choices = [same.get(s, (s,)) for s in spans]
    by_id = {m.id: m for m in sheet.mentions}
    for fact in sheet.facts:
        if fact.type not in FACT_TYPES[rel["type"]]:
            continue
        fact_spans = [(by_id[i].start, by_id[i].end) for i in fact.roles.values() if i in by_id]
        if all(any(overlaps(s, f) for s in alike for f in fact_spans) for alike in choices):
            return True
    return False


def printings_of(gold: dict) -> dict[tuple[int, int], tuple[tuple[int, int], ...]]:
    """Each figure the reader recorded as printed more than once (restatements that hold, joined transitively),
    with all its printings."""
    parent: dict[tuple[int, int], tuple[int, int]] = {}

    def root(s):
        while parent.setdefault(s, s) != s:
            s = parent[s]
        return s
    for rel in gold.get("relations", []):
        if rel["type"] == "restatement" and rel.get("holds") is True:
            first, *rest = [(r["start"], r["end"]) for _, r in roles_of(rel)]
            for s in rest:
                parent[root(s)] = root(first)
    groups: dict = defaultdict(list)
    for s in list(parent):
        groups[root(s)].append(s)
    return {s: tuple(group) for group in groups.values() for s in group}


# --- (b) planting -----------------------------------------------------------------------------------------

def _mistyped(t: str, rng: random.Random) -> str | None:
    digits = [m.start() for m in DIGIT.finditer(t)]
    if not digits:
        return None
    at = rng.choice(digits)
    new = rng.choice([d for d in "0123456789" if d != t[at] and not (at == digits[0] and d == "0")])
    return t[:at] + new + t[at + 1:]


def _transposed(t: str, rng: random.Random) -> str | None:
    pairs = [(a, a + 1) for a in range(len(t) - 1) if t[a].isdigit() and t[a + 1].isdigit() and t[a] != t[a + 1]]
    pairs = [p for p in pairs if not (t[p[1]] == "0" and not any(c.isdigit() for c in t[: p[0]]))]
    if not pairs:
        return None
    a, b = rng.choice(pairs)
    return t[:a] + t[b] + t[a] + t[b + 1:]


def _scale_slip(t: str, rng: random.Random) -> str | None:
    for word, other in SCALE_SWAPS:
        m = regex.search(rf"(?<=\d\s?){word}\b", t)
        if m:
            return t[: m.start()] + other + t[m.end():]
    m = regex.search(r"\d[\d,]*(?!\.\d)", t)
    if m and "%" not in t and "." not in t:
        return t[: m.end()] + ",000" + t[m.end():]
    return None


def _as_ratio(t: str, rng: random.Random) -> str | None:
    m = regex.search(r"(\d+(?:\.\d+)?)(?=\s*(?:%|percent|per\s+cent))", t)
    if not m:
        return None
    places = len(m.group(1).split(".")[1]) if "." in m.group(1) else 0
    value = Fraction(m.group(1)) + 100
    return t[: m.start()] + f"{float(value):.{places}f}" + t[m.end():]


MUTATIONS = {"digit": _mistyped, "transposed": _transposed, "scale": _scale_slip, "ratio": _as_ratio}
RATIO_ROLES = {("change_percent", "pct"), ("premium", "pct")}


def _role_named(rel: dict, name: str) -> dict:
    base, _, n = name.rpartition("_")
    if base and n.isdigit() and isinstance(rel["roles"].get(base), list):
        return rel["roles"][base][int(n) - 1]
    return rel["roles"][name]


def mutated_interval(rel: dict, role: dict, new_t: str):
    new = role_reading(role, rel, new_t, plain=True)
    plain = role_reading(role, rel, plain=True)
    if role.get("v") is not None and plain.value:
        factor = role_reading(role, rel).value / plain.value  # the annotator's reading (a table's scale) holds too
        lo, hi = new.interval.lo * factor, new.interval.hi * factor
        return Interval(min(lo, hi), max(lo, hi))
    return new.interval


def plans(text: str, rel: dict, rng: random.Random) -> list[tuple[str, int, int, str, dict]]:
    """Every (mutation, start, end, replacement, override) that breaks this consistent relation."""
    out = []
    for name, role in roles_of(rel):
        if rel["type"] in ("weekday", "duration") and name in ("date", "start", "end"):
            continue
        for mname, fn in MUTATIONS.items():
            if mname == "ratio" and (rel["type"], name) not in RATIO_ROLES:
                continue
            new_t = fn(role["t"], rng)
            if not new_t or new_t == role["t"]:
                continue
            try:
                holds, _ = evaluate(rel, {name: mutated_interval(rel, role, new_t)})
            except (ValueError, ZeroDivisionError, ArithmeticError):
                continue
            if holds is False:
                out.append((mname, role["start"], role["end"], new_t, {"role": name}))
    if rel["type"] in ("change_percent", "change_amount", "change_points", "premium"):
        lo = min(r["start"] for _, r in roles_of(rel))
        hi = max(r["end"] for _, r in roles_of(rel))
        window = text[max(0, lo - 80): hi]
        m = regex.search(r"\b(" + "|".join(DIRECTION_WORDS) + r")\b", window)
        if m:
            flipped = dict(rel, dir=-int(rel.get("dir", 1)))
            if evaluate(flipped)[0] is False:
                a = max(0, lo - 80) + m.start()
                out.append(("direction", a, a + len(m.group(0)), DIRECTION_WORDS[m.group(0)], {}))
    return out


def choose_plants(text: str, rels: list[dict], rng: random.Random, limit: int) -> list[tuple[dict, tuple]]:
    """At most `limit` planted errors for one release, spread over its relations: each round takes one
    mutation from each relation (prose and table relations alternating) before any relation gets a second."""
    pools: dict[str, list[list[tuple[dict, tuple]]]] = {"prose": [], "table": []}
    for rel in rels:
        if rel["holds"] and rel.get("verdict") != "error":
            options = [(rel, plan) for plan in plans(text, rel, rng)]
            if options:
                rng.shuffle(options)
                pools[rel["where"]].append(options)
    for pool in pools.values():
        rng.shuffle(pool)
    chosen: list[tuple[dict, tuple]] = []
    while len(chosen) < limit and any(pools.values()):
        for where in ("prose", "table"):
            if pools[where] and len(chosen) < limit:
                options = pools[where].pop(0)
                chosen.append(options.pop())
                if options:
                    pools[where].append(options)
    return chosen


# --- matching findings ------------------------------------------------------------------------------------

def touches(finding, spans: list[tuple[int, int]]) -> bool:
    own = [(finding.start, finding.end)] + [(e.start, e.end) for e in finding.evidence]
    return any(overlaps(a, b) for a in own for b in spans)


def rel_spans(rel: dict) -> list[tuple[int, int]]:
    return [(r["start"], r["end"]) for _, r in roles_of(rel)]


def shifted(spans, at: int, delta: int):
    return [(s + delta, e + delta) if s >= at else (s, e) for s, e in spans]


# --- the run ---------------------------------------------------------------------------------------------

def run(golds: list[dict], corpus: Path, seed: int, per_release: int, show_misses: bool) -> dict:
    engine = analyzer()
    rec = Counter()
    strict = Counter()  # recognised at the printings the reader annotated
    total = Counter()
    tried = Counter()
    caught = Counter()
    tried_known = Counter()  # plants into relations prfacts recognised in the unchanged release
    caught_known = Counter()
    by_mutation = Counter()
    by_mutation_caught = Counter()
    restored = Counter()  # caught plants a finding's fix undoes: applied, it gives back the release as written
    real, false_files = [], []
    misses = defaultdict(list)
    for gold in golds:
        path = corpus / gold["path"]
        text = path.read_text(encoding="utf-8")
        sheet = engine.analyze(text, gold["path"])
        rels = [r for r in gold.get("relations", []) if r.get("holds") is not None]
        known = set()
        printings = printings_of(gold)
        for rel in rels:
            key = (rel["type"], rel["where"])
            total[key] += 1
            at_annotated = recognised(rel, sheet)
            strict[key] += at_annotated
            if at_annotated or recognised(rel, sheet, printings):
                rec[key] += 1
                known.add(id(rel))
            elif show_misses:
                misses["unrecognised"].append(f"{gold['path']}: {rel['id']} {rel['type']} {rel['where']} "
                                              + ", ".join(f"{n}={r['t']!r}@{r['line']}" for n, r in roles_of(rel)))
        errors = [rel for rel in rels if rel.get("verdict") == "error"]
        error_spans = [s for rel in errors for s in rel_spans(rel)]
        for rel in errors:
            flagged = any(f.severity in ("error", "warning") and touches(f, rel_spans(rel)) for f in sheet.findings)
            real.append((gold["path"], rel, flagged))
        stray = [f for f in sheet.findings if f.severity == "error" and not touches(f, error_spans)]
        if stray:
            false_files.append((gold["path"], stray))
        # (b) plant errors into consistent relations: one per relation before a second, alternating prose and table
        # each release's plants drawn from its own stream: a release added to the gold changes no other's plants
        chosen = choose_plants(text, rels, random.Random(f"{seed}:{gold['path']}"), per_release)
        for rel, (mname, a, z, new, _) in chosen:
            mutated = text[:a] + new + text[z:]
            delta = len(new) - (z - a)
            spans = shifted(rel_spans(rel), a + 1, delta) + [(a, a + len(new))]
            after = engine.analyze(mutated, gold["path"])
            key = (rel["type"], rel["where"])
            tried[key] += 1
            by_mutation[mname] += 1
            tried_known[key] += id(rel) in known
            if any(f.severity in ("error", "warning") and touches(f, spans) for f in after.findings):
                caught[key] += 1
                caught_known[key] += id(rel) in known
                by_mutation_caught[mname] += 1
                restored[mname] += any(f.fix is not None and mutated[:f.fix.start] + f.fix.replacement
                                       + mutated[f.fix.end:] == text for f in after.findings)
            elif show_misses:
                # which cause: a check that let a recognised relation by, or a relation never recognised
                seen = "recognised" if id(rel) in known else "unrecognised"
                misses["planted"].append(f"{gold['path']}: {rel['id']} {rel['type']} {rel['where']} {mname}: "
                                         f"{text[a:z]!r} -> {new!r}  [{seen}]")
    return {"total": total, "recognised": rec, "strict": strict, "tried": tried, "caught": caught,
            "tried_known": tried_known, "caught_known": caught_known, "by_mutation": by_mutation,
            "by_mutation_caught": by_mutation_caught, "restored": restored, "real": real, "false_files": false_files,
            "files": len(golds), "misses": misses}


def pct(a: int, b: int) -> str:
    return f"{100 * a / b:5.1f}%" if b else "    -"


def report(res: dict, show_misses: bool) -> dict:
    total, rec, tried, caught = res["total"], res["recognised"], res["tried"], res["caught"]
    types = sorted({t for t, _ in total} | {t for t, _ in tried})
    print(f"{res['files']} releases, {sum(total.values())} gold relations\n")
    print(f"{'relation':16} {'where':6} {'gold':>5} {'recognised':>11} {'':>6} {'planted':>8} {'caught':>7} {'':>6}")
    summary = {}
    for where in ("prose", "table"):
        for t in types:
            k = (t, where)
            if total[k] or tried[k]:
                print(f"{t:16} {where:6} {total[k]:5d} {rec[k]:11d} {pct(rec[k], total[k])} {tried[k]:8d} "
                      f"{caught[k]:7d} {pct(caught[k], tried[k])}")
        g = sum(v for (t, w), v in total.items() if w == where)
        r = sum(v for (t, w), v in rec.items() if w == where)
        p = sum(v for (t, w), v in tried.items() if w == where)
        c = sum(v for (t, w), v in caught.items() if w == where)
        print(f"{'all':16} {where:6} {g:5d} {r:11d} {pct(r, g)} {p:8d} {c:7d} {pct(c, p)}")
        at = sum(v for (t, w), v in res["strict"].items() if w == where)
        print(f"  recognised at the printings the reader annotated: {at} of {g} ({pct(at, g).strip()})")
        pk = sum(v for (t, w), v in res["tried_known"].items() if w == where)
        ck = sum(v for (t, w), v in res["caught_known"].items() if w == where)
        # the two causes of a miss apart: a relation never recognised, or a recognised one whose check let it by
        print(f"  planted into relations recognised unchanged: {ck} of {pk} caught ({pct(ck, pk).strip()}); "
              f"into the others: {c - ck} of {p - pk} ({pct(c - ck, p - pk).strip()})\n")
        summary[where] = {"gold": g, "recognised": r, "recognised_as_annotated": at, "planted": p, "caught": c,
                          "planted_recognised": pk, "caught_recognised": ck}
    print("planted, by mutation: " + ", ".join(
        f"{m} {res['by_mutation_caught'][m]}/{n} ({pct(res['by_mutation_caught'][m], n).strip()})"
        for m, n in sorted(res["by_mutation"].items())))
    # a finding that names the wrong figure's fix sends the reader to correct a figure that was right
    print("caught with the planted figure's original proposed as the fix: " + ", ".join(
        f"{m} {res['restored'][m]}/{res['by_mutation_caught'][m]}" for m in sorted(res["by_mutation"]))
        + f" (all {sum(res['restored'].values())}/{sum(res['by_mutation_caught'].values())})")
    print(f"\nreal errors in the gold: {len(res['real'])}, flagged {sum(1 for *_, f in res['real'] if f)}")
    for path, rel, flagged in res["real"]:
        print(f"  {'FLAGGED' if flagged else 'missed '} {path}: {rel['type']} "
              + ", ".join(f"{n}={r['t']!r}" for n, r in roles_of(rel)) + f"  ({rel.get('note', '')})")
    n_false = len(res["false_files"])
    print(f"\nfiles with a false error: {n_false} of {res['files']} ({pct(n_false, res['files']).strip()})")
    for path, stray in res["false_files"]:
        for f in stray:
            print(f"  {path}:{f.line}:{f.column}: {f.rule}: {f.message}")
    if show_misses:
        for what, lines in res["misses"].items():
            print(f"\n{what} misses:")
            for line in lines:
                print("  " + line)
    summary["false_files"] = n_false
    summary["real_errors"] = [len(res["real"]), sum(1 for *_, f in res["real"] if f)]
    summary["restored"] = [sum(res["restored"].values()), sum(res["by_mutation_caught"].values())]
    return summary


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--split", choices=[*SPLITS, "all"], default="dev",
                        help="heldout, fresh, incoming: first-run figures, printed without misses; all: every split")
    parser.add_argument("--corpus", default=str(CORPUS))
    parser.add_argument("--limit", type=int, default=0, help="only the first N releases")
    parser.add_argument("--per-release", type=int, default=8)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--show-misses", action="store_true")
    parser.add_argument("--json", help="write the summary figures here")
    args = parser.parse_args(argv)
    if args.show_misses and args.split in (*UNSEEN, "all"):
        parser.error("a split never read while writing rules judges the work: its misses are not shown")
    corpus = Path(args.corpus)
    if not corpus.is_dir():
        print(f"recall: no corpus at {corpus}", file=sys.stderr)
        return 2
    splits = SPLITS if args.split == "all" else (args.split,)
    golds = load_all(splits)[: args.limit or None]
    started = time.perf_counter()
    res = run(golds, corpus, args.seed, args.per_release, args.show_misses)
    summary = report(res, args.show_misses)
    print(f"\n{time.perf_counter() - started:.1f} s")
    if args.json:
        Path(args.json).write_text(json.dumps(summary, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Mention accuracy on real releases: is each figure a reader annotated read as the right kind, with the right
value (scale included), in prose and in tables?

    python benchmarks/mentions.py [--split dev|heldout|fresh|incoming] [--where table|prose|all] [--show-misses] [--json OUT]

The gold of `corpus/realgold/` records relations, not mentions, but each role is a printed figure whose kind
the relation fixes (the `per_share` of a per-share relation is a per-share price, its `shares` a share count,
its `total` an amount of money; a `pct` is a percent; the `shares` and `price` of an offering...; the `date` of
a weekday and the `start`/`end` of a duration are dates, with their ISO `v`; the `days` of a duration is a plain
count, a number). A figure's kind is taken from every relation it plays a role in, and spread over the figures a
relation says are alike (the from, to and amount of a change; the parts and total of a sum; the two sides of a
restatement). A figure printed with a currency sign whose kind nothing else fixes is money (unless it is printed
to the cent below 1,000, as per-share figures are), or a price when the release prints it per a unit ("$45 per
ounce", "US$809/oz": the project's kinds, README "What it extracts"); one printed with `%` is a percent. Figures whose kind stays
unknown are left out of the per-kind figures.

A figure is in a table when `relgold.in_table` says so (pipe tables, fenced blocks, rows flattened by a wire),
otherwise in prose; `--where` picks one or both, and `all` prints the two apart. The value is checked where
the reader's figure fixes it: a `scale`, a `v` other than the printed digits, or a scale word printed in the
figure ("$10.0 million"); a per-share price and a percent are never scaled, so their value is their printed
digits (basis points are compared in points); a date's value is its ISO day. Sign is ignored (a reader writes
`(2,745` with its value as 2745 or -2745).

Per kind K: a true positive is a figure of gold kind K that prfacts reads as K with the right value; a false
negative is a figure of kind K read otherwise or not at all; a false positive is a figure prfacts reads as K
that is another kind or has the wrong value.

`--split heldout` is the judge's first-run figure: it prints the figures only, never the misses.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from fractions import Fraction
from pathlib import Path

import regex

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from extractor import analyzer  # noqa: E402
from extractor.evaluation.relgold import (CORPUS, NUMERAL, SPLITS, UNSEEN, fence_spans, in_table, load_all,  # noqa: E402
                                          parse_digits, read_figure, resolve, roles_of)

KINDS = ("money", "price", "shares", "percent", "date", "number")
WHERE = ("prose", "table")
# (relation type, role) -> the kind of the figure it names
FIXED = {
    ("per_share", "per_share"): "price", ("per_share", "shares"): "shares", ("per_share", "total"): "money",
    ("offering", "price"): "price", ("offering", "shares"): "shares", ("offering", "proceeds"): "money",
    ("conversion", "price"): "price", ("conversion", "shares"): "shares", ("conversion", "amount"): "money",
    ("change_points", "points"): "percent", ("change_points", "from"): "percent", ("change_points", "to"): "percent",
    ("change_percent", "pct"): "percent", ("part_of_whole", "pct"): "percent", ("premium", "pct"): "percent",
    ("split", "before"): "shares", ("split", "after"): "shares",
    ("weekday", "date"): "date", ("duration", "start"): "date", ("duration", "end"): "date",
    ("duration", "days"): "number",
}
# roles a relation says are the same kind of figure
ALIKE = {"change_percent": ("from", "to"), "change_amount": ("amount", "from", "to"), "sum": ("parts", "total"),
         "restatement": ("a", "b"), "premium": ("price", "reference")}
CURRENCY = ("$", "€", "£", "¥", "EUR", "USD", "CAD")
CENTS = regex.compile(r"(?<![\d,])\d{1,3}\.\d{2,4}\)?$")  # "$1.57", "$0.298": a per-share figure as likely as money
PER = regex.compile(r"\s*(?:/\s*|per\s+)[A-Za-z]")  # printed right after the figure: a price per unit


def _digits(t: str) -> Fraction | None:
    m = NUMERAL.search(t)
    return abs(Fraction(parse_digits(m.group(0))[0])) if m else None


def _value(rel: dict, role: dict) -> object:
    """What the reader's figure fixes of its value: an ISO day for a date, a number when a scale, a `v` or a
    printed scale word says more than the digits do, else None."""
    if rel["type"] == "weekday" or rel["type"] == "duration" and role is not rel["roles"].get("days"):
        return role.get("v")
    try:
        value = abs(read_figure(role["t"], role.get("v"), role.get("scale", rel.get("scale"))).value)
    except ValueError:
        return None
    return value if value != _digits(role["t"]) else None


def _spread(figures: dict, groups: list[list[tuple[int, int]]]) -> None:
    for _ in range(3):
        for group in groups:
            kinds = Counter()
            for span in group:
                kinds.update(figures[span]["kinds"])
            if kinds:
                top = kinds.most_common(1)[0][0]
                for span in group:
                    if not figures[span]["kinds"]:
                        figures[span]["kinds"][top] += 1


def _settle(fig: dict, text: str, end: int) -> None:
    if not fig["kinds"]:
        if "%" in fig["t"]:
            fig["kinds"]["percent"] += 1
        elif any(c in fig["t"] for c in CURRENCY) and PER.match(text, end):
            fig["kinds"]["price"] += 1
        elif any(c in fig["t"] for c in CURRENCY) and not CENTS.search(fig["t"]):
            fig["kinds"]["money"] += 1
    fig["kind"] = fig["kinds"].most_common(1)[0][0] if fig["kinds"] else None
    if fig["kind"] in ("price", "percent", "number") and fig["value"] is None:
        try:
            fig["value"] = abs(read_figure(fig["t"]).value)
        except ValueError:
            pass


def gold_figures(data: dict, text: str) -> dict[tuple[int, int], dict]:
    """Every annotated figure of one release: span -> {t, kind, where, value (None when the reader fixed none)}."""
    fences = fence_spans(text)
    figures: dict[tuple[int, int], dict] = {}
    groups: list[list[tuple[int, int]]] = []
    for rel in data.get("relations", []):
        alike = ALIKE.get(rel["type"], ())
        group = []
        for name, role in roles_of(rel):
            if "start" not in role:
                continue
            base = name.rsplit("_", 1)[0] if name.rsplit("_", 1)[-1].isdigit() else name
            span = (role["start"], role["end"])
            where = "table" if in_table(text, role["start"], fences) else "prose"
            fig = figures.setdefault(span, {"t": role["t"], "kinds": Counter(), "value": None, "where": where})
            kind = FIXED.get((rel["type"], base))
            if kind:
                fig["kinds"][kind] += 1
            if base in alike:
                group.append(span)
            value = _value(rel, role)
            if value is not None:
                fig["value"] = value
        if len(group) > 1:
            groups.append(group)
    _spread(figures, groups)
    for (_, end), fig in figures.items():
        _settle(fig, text, end)
    return figures


def mention_at(sheet, span: tuple[int, int]):
    best = None
    for m in sheet.mentions:
        if m.start < span[1] and span[0] < m.end:
            if best is None or (m.cell is not None and best.cell is None):
                best = m
    return best


def right_value(m, want) -> bool:
    if want is None:
        return True
    if m.kind == "date":
        return m.value == want
    try:
        got = abs(Fraction(m.value))
    except (ValueError, ZeroDivisionError):
        return False
    return got == want or m.unit == "bp" and got / 100 == want


def _f1(tp: int, fp: int, fn: int) -> dict:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"figures": tp + fn, "tp": tp, "fp": fp, "fn": fn,
            "precision": round(p, 3), "recall": round(r, 3), "f1": round(f, 3)}


def score(split: str, wheres: tuple[str, ...], show: bool) -> dict:
    engine = analyzer()
    tp, fp, fn = Counter(), Counter(), Counter()
    misses: list[str] = []
    for data in load_all((split,)):
        path = CORPUS / data["path"]
        if not path.exists():
            continue
        resolved = resolve(Path(data["gold_file"]))
        text = path.read_text(encoding="utf-8")
        sheet = engine.analyze(text, str(path))
        for span, fig in sorted(gold_figures(resolved, text).items()):
            gold, where = fig["kind"], fig["where"]
            if gold is None or where not in wheres:
                continue
            m = mention_at(sheet, span)
            got = m.kind if m is not None else None
            if got == gold and right_value(m, fig["value"]):
                tp[where, gold] += 1
                continue
            fn[where, gold] += 1
            if got in KINDS:
                fp[where, got] += 1
            if show:
                line = text.count("\n", 0, span[0]) + 1
                want = f"{gold} {fig['value']}" if fig["value"] is not None else gold
                have = f"{got} {m.value} ({m.text!r})" if m is not None else "nothing"
                misses.append(f"{where} {data['path']}:{line}: {fig['t']!r} gold {want}, read {have}")
    if show:
        print("\n".join(misses))
    return {w: {k: _f1(tp[w, k], fp[w, k], fn[w, k]) for k in KINDS} for w in wheres}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--split", choices=SPLITS, default="dev",
                        help="heldout, fresh, incoming: first-run figures, printed without misses")
    parser.add_argument("--where", choices=["table", "prose", "all"], default="all")
    parser.add_argument("--show-misses", action="store_true")
    parser.add_argument("--json")
    args = parser.parse_args(argv)
    if args.split in UNSEEN and args.show_misses:
        parser.error(f"the {args.split} gold judges the work: its misses are not shown")
    wheres = WHERE if args.where == "all" else (args.where,)
    result = score(args.split, wheres, args.show_misses)
    for where, kinds in result.items():
        print(f"{where:8} {'figures':>7} {'tp':>5} {'fp':>5} {'fn':>5} {'P':>6} {'R':>6} {'F1':>6}")
        for k, r in kinds.items():
            print(f"{k:8} {r['figures']:7} {r['tp']:5} {r['fp']:5} {r['fn']:5} "
                  f"{r['precision']:6.3f} {r['recall']:6.3f} {r['f1']:6.3f}")
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

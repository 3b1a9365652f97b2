"""Table mention accuracy on real releases: is each table figure a reader annotated read as the right kind,
with the right value (scale included)?

    python benchmarks/table_mentions.py [--split dev] [--show-misses] [--json OUT]

The gold of `corpus/realgold/` records relations, not mentions, but each role is a printed figure whose kind
the relation fixes (the `per_share` of a per-share relation is a per-share price, its `shares` a share count,
its `total` an amount of money; a `pct` is a percent; the `shares` and `price` of an offering...). A figure's
kind is taken from every relation it plays a role in, and spread over the figures a relation says are alike
(the from, to and amount of a change; the parts and total of a sum; the two sides of a restatement). A figure
printed with a currency sign whose kind nothing else fixes is money (unless it is printed to the cent below
1,000, as per-share figures are); one printed with `%` is a percent.
Figures whose kind stays unknown are left out of the per-kind figures.

Only figures in a table count (`relgold.in_table`: pipe tables, fenced blocks, rows flattened by a wire). The
value is checked where the reader gave it (a `scale` for the printed digits, or a `v` other than the printed
digits: one that repeats them says nothing of the scale); a per-share price and a
percent are never scaled, so their value is their printed digits. Sign is ignored (a reader writes `(2,745`
with its value as 2745 or -2745).

Per kind K: a true positive is a figure of gold kind K that prfacts reads as K with the right value; a false
negative is a figure of kind K read otherwise or not at all; a false positive is a figure prfacts reads as K
that is another kind or has the wrong value.
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
from extractor.evaluation.relgold import (CORPUS, fence_spans, in_table, load_all, read_figure,  # noqa: E402
                                          resolve, roles_of)

KINDS = ("money", "price", "shares", "percent")
# (relation type, role) -> the kind of the figure it names
FIXED = {
    ("per_share", "per_share"): "price", ("per_share", "shares"): "shares", ("per_share", "total"): "money",
    ("offering", "price"): "price", ("offering", "shares"): "shares", ("offering", "proceeds"): "money",
    ("conversion", "price"): "price", ("conversion", "shares"): "shares", ("conversion", "amount"): "money",
    ("change_points", "points"): "percent", ("change_points", "from"): "percent", ("change_points", "to"): "percent",
    ("change_percent", "pct"): "percent", ("part_of_whole", "pct"): "percent", ("premium", "pct"): "percent",
    ("split", "before"): "shares", ("split", "after"): "shares",
}
# roles a relation says are the same kind of figure
ALIKE = {"change_percent": ("from", "to"), "change_amount": ("amount", "from", "to"), "sum": ("parts", "total"),
         "restatement": ("a", "b"), "premium": ("price", "reference")}
CURRENCY = ("$", "€", "£", "¥", "EUR", "USD", "CAD")
CENTS = regex.compile(r"(?<![\d,])\d{1,3}\.\d{2,4}\)?$")  # "$1.57", "$0.298": a per-share figure as likely as money


def gold_figures(data: dict, text: str) -> dict[tuple[int, int], dict]:
    """Every table figure of one release: span -> {t, kind, value (or None when the reader gave none)}."""
    fences = fence_spans(text)
    figures: dict[tuple[int, int], dict] = {}
    groups: list[list[tuple[int, int]]] = []
    for rel in data.get("relations", []):
        alike = ALIKE.get(rel["type"], ())
        group = []
        for name, role in roles_of(rel):
            if "start" not in role or rel["type"] in ("weekday", "duration"):
                continue
            base = name.rsplit("_", 1)[0] if name.rsplit("_", 1)[-1].isdigit() else name
            span = (role["start"], role["end"])
            if not in_table(text, role["start"], fences):
                continue
            fig = figures.setdefault(span, {"t": role["t"], "kinds": Counter(), "value": None})
            kind = FIXED.get((rel["type"], base))
            if kind:
                fig["kinds"][kind] += 1
            if base in alike:
                group.append(span)
            scale = role.get("scale", rel.get("scale"))
            if role.get("v") is not None or scale is not None:
                try:
                    value = abs(read_figure(role["t"], role.get("v"), scale).value)
                    # a `v` that is the printed digits again says nothing of the scale
                    if scale is not None or value != abs(read_figure(role["t"]).value):
                        fig["value"] = value
                except ValueError:
                    pass
        if len(group) > 1:
            groups.append(group)
    for _ in range(3):  # spread known kinds over the figures a relation says are alike
        for group in groups:
            kinds = Counter()
            for span in group:
                kinds.update(figures[span]["kinds"])
            if kinds:
                top = kinds.most_common(1)[0][0]
                for span in group:
                    if not figures[span]["kinds"]:
                        figures[span]["kinds"][top] += 1
    for fig in figures.values():
        if not fig["kinds"]:
            if "%" in fig["t"]:
                fig["kinds"]["percent"] += 1
            elif any(c in fig["t"] for c in CURRENCY) and not CENTS.search(fig["t"]):
                fig["kinds"]["money"] += 1
        fig["kind"] = fig["kinds"].most_common(1)[0][0] if fig["kinds"] else None
        if fig["kind"] in ("price", "percent") and fig["value"] is None:
            try:
                fig["value"] = abs(read_figure(fig["t"]).value)
            except ValueError:
                pass
    return figures


def mention_at(sheet, span: tuple[int, int]):
    best = None
    for m in sheet.mentions:
        if m.start < span[1] and span[0] < m.end:
            if best is None or (m.cell is not None and best.cell is None):
                best = m
    return best


def score(split: str, show: bool) -> dict:
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
        for span, fig in gold_figures(resolved, text).items():
            gold = fig["kind"]
            if gold is None:
                continue
            m = mention_at(sheet, span)
            got = m.kind if m is not None else None
            right_value = True
            if m is not None and fig["value"] is not None and m.kind not in ("date",):
                try:
                    right_value = abs(Fraction(m.value)) == fig["value"]
                except (ValueError, ZeroDivisionError):
                    right_value = False
            if got == gold and right_value:
                tp[gold] += 1
                continue
            fn[gold] += 1
            if got in KINDS:
                fp[got] += 1
            if show:
                line = text.count("\n", 0, span[0]) + 1
                want = f"{gold} {fig['value']}" if fig["value"] is not None else gold
                have = f"{got} {m.value} ({m.text!r})" if m is not None else "nothing"
                misses.append(f"{data['path']}:{line}: {fig['t']!r} gold {want}, read {have}")
    out = {}
    for k in KINDS:
        p = tp[k] / (tp[k] + fp[k]) if tp[k] + fp[k] else 0.0
        r = tp[k] / (tp[k] + fn[k]) if tp[k] + fn[k] else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        out[k] = {"figures": tp[k] + fn[k], "tp": tp[k], "fp": fp[k], "fn": fn[k],
                  "precision": round(p, 3), "recall": round(r, 3), "f1": round(f, 3)}
    if show:
        print("\n".join(misses))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--split", choices=["dev"], default="dev", help="the held-out gold is not read here")
    parser.add_argument("--show-misses", action="store_true")
    parser.add_argument("--json")
    args = parser.parse_args(argv)
    result = score(args.split, args.show_misses)
    print(f"{'kind':8} {'figures':>7} {'tp':>5} {'fp':>5} {'fn':>5} {'P':>6} {'R':>6} {'F1':>6}")
    for k, r in result.items():
        print(f"{k:8} {r['figures']:7} {r['tp']:5} {r['fp']:5} {r['fn']:5} {r['precision']:6.3f} {r['recall']:6.3f} {r['f1']:6.3f}")
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

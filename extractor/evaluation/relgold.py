"""Gold relations on real releases: the format, resolving spans, and whether a relation holds.

The gold records what a careful reader checks in a release: every arithmetic relation between its figures
(`corpus/realgold/README.md` documents the format). It lives apart from the extractor on purpose: a role's
value is what the annotator read (or the plain reading of its printed digits below), never what prfacts
extracted, so a bug in the extractor cannot leak into the gold that measures it.

    python -m extractor.evaluation.relgold resolve corpus/realgold/dev/X.json [...]   # fill spans, values, holds
    python -m extractor.evaluation.relgold show corpus/realgold/dev/X.json            # each relation, recomputed

A printed figure stands for every value that rounds *or truncates* to it, so a figure's interval is its value
plus or minus one unit of its last printed digit (in the figure's scale). A relation holds when the stated
figure's interval meets the interval the formula gives from the other roles.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import sys
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from pathlib import Path
from typing import Callable

import regex

from ..reading.lines import line_starts
from ..intervals import Interval, Undefined
from ..quantities.numbers import parse_digits

ROOT = Path(__file__).resolve().parents[2]
# the shared corpus sits beside a clone; PRFACTS_SHARED names it elsewhere (as the test suite does)
CORPUS = Path(os.environ.get("PRFACTS_SHARED", ROOT.parent / "shared")) / "corpus" / "real"
GOLD = ROOT / "corpus" / "realgold"
# dev: read while writing rules; heldout and fresh: never read, their figures are first-run figures (fresh was
# added later, read blind before prfacts ran on it, to measure releases no rule of the time was shaped on);
# incoming: a batch annotated blind and not yet measured: its first run is reported, then it joins dev
SPLITS = ("dev", "heldout", "fresh", "incoming")
UNSEEN = ("heldout", "fresh", "incoming")

SCALES = {
    "thousand": 3, "k": 3, "million": 6, "mn": 6, "mm": 6, "m": 6, "mil": 6, "billion": 9, "bn": 9, "b": 9,
    "trillion": 12, "tn": 12, "t": 12,
}
NUMERAL = regex.compile(r"(?<![\d.])(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?|(?<![\d])\.(\d+)")
SCALE_WORD = regex.compile(r"(?i)(?<=[\d)]\s?)(thousand|million|billion|trillion|mn|mm|bn|tn|k|m|b|t)\b")
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]


class GoldFormatError(ValueError):
    """A gold file that does not follow the format: the message names the file and the relation."""


# --- the relation types: stated role, formula over the other roles ---------------------------------------

def _dir(rel: dict) -> int:
    return -1 if int(rel.get("dir", 1)) < 0 else 1


@dataclass(frozen=True)
class RelationType:
    stated: str                      # the role a checker recomputes (the "derived" figure)
    inputs: tuple[str, ...]          # the other roles; "parts" is a list role
    compute: Callable[[dict, dict], Interval]   # (intervals by role, relation) -> the stated figure's interval


H = Interval.point(Fraction(100))
ONE = Interval.point(Fraction(1))
TYPES: dict[str, RelationType] = {
    "change_percent": RelationType("pct", ("from", "to"), lambda iv, r: (iv["to"] / iv["from"] - ONE) * H * _sign(r)),
    "change_amount": RelationType("amount", ("from", "to"), lambda iv, r: (iv["to"] - iv["from"]) * _sign(r)),
    "change_points": RelationType("points", ("from", "to"), lambda iv, r: (iv["to"] - iv["from"]) * _sign(r)),
    "part_of_whole": RelationType("pct", ("part", "whole"), lambda iv, r: iv["part"] / iv["whole"] * H),
    "sum": RelationType("total", ("parts",), lambda iv, r: iv["parts"]),
    "offering": RelationType("proceeds", ("shares", "price"), lambda iv, r: iv["shares"] * iv["price"]),
    "conversion": RelationType("shares", ("amount", "price"), lambda iv, r: iv["amount"] / iv["price"]),
    "per_share": RelationType("per_share", ("total", "shares"), lambda iv, r: iv["total"] / iv["shares"]),
    "premium": RelationType("pct", ("price", "reference"),
                            lambda iv, r: (iv["price"] / iv["reference"] - ONE) * H * _sign(r)),
    "split": RelationType("after", ("before", "ratio"), lambda iv, r: iv["before"] * iv["ratio"]),
    "multiple": RelationType("factor", ("a", "b"), lambda iv, r: iv["a"] / iv["b"]),
    "restatement": RelationType("b", ("a",), lambda iv, r: iv["a"]),
    "duration": RelationType("days", ("start", "end"), lambda iv, r: iv["end"] - iv["start"]),
    "weekday": RelationType("date", (), lambda iv, r: iv["date"]),
}


def _sign(rel: dict) -> Interval:
    return Interval.point(Fraction(_dir(rel)))


# --- reading a printed figure --------------------------------------------------------------------------

@dataclass(frozen=True)
class Reading:
    value: Fraction
    ulp: Fraction                    # one unit of the last printed digit, in the figure's own scale

    @property
    def interval(self) -> Interval:
        lo, hi = self.value - self.ulp, self.value + self.ulp
        return Interval(min(lo, hi), max(lo, hi))


def read_figure(text: str, value: str | None = None, scale: str | int | None = None, approx: bool = False) -> Reading:
    """The value a printed figure stands for, and its last digit's unit.

    `value`, when the annotator gave one, wins (a table cell "in thousands", a number in words); the unit of
    the last digit is then scaled by the same factor as the value. Parentheses or a leading minus make it
    negative. `approx` widens an integer to its last significant digit ("approximately 8,000,000").
    """
    m = NUMERAL.search(text)
    if not m:
        if value is None:
            raise GoldFormatError(f"no digits in {text!r}: give its value as 'v'")
        v = _frac(value)
        return Reading(v, abs(v) / 100 if approx else Fraction(0))
    shown, places = parse_digits(m.group(0))
    printed = Fraction(shown)
    if approx and not places:
        digits = str(int(shown))
        places = -(len(digits) - len(digits.rstrip("0"))) if digits.strip("0") else 0
    ulp = Fraction(1, 10 ** places) if places >= 0 else Fraction(10 ** -places)
    factor = Fraction(1)
    sw = SCALE_WORD.search(text, m.end())
    if sw and regex.fullmatch(r"\)?\s?", text[m.end(): sw.start()]):
        factor = Fraction(10 ** SCALES[sw.group(1).lower()])
    if scale is not None:
        factor *= _frac(scale)
    prefix = text[: m.start()]
    negative = "(" in prefix or any(c in prefix for c in "-\u2212\u2013")
    if value is not None:
        v = _frac(value)
        if printed:
            factor = abs(v / printed)
        return Reading(v, ulp * factor)
    v = printed * factor
    return Reading(-v if negative else v, ulp * factor)


def _dec(value: Fraction) -> str:
    """A fraction as a plain decimal string (exact for every figure a release prints)."""
    d = Decimal(value.numerator) / Decimal(value.denominator)
    return format(d.normalize(), "f") if d == d.to_integral_value() or len(str(d)) < 30 else str(d)


def _frac(value) -> Fraction:
    try:
        return Fraction(Decimal(str(value).replace(",", "")))
    except (InvalidOperation, ValueError) as exc:
        raise GoldFormatError(f"not a number: {value!r}") from exc


# --- resolving spans --------------------------------------------------------------------------------------

def resolve_role(text: str, starts: list[int], role: dict, where: str) -> None:
    """Fill `start`/`end` from the role's text `t`, its 1-based `line` and `nth` occurrence on that line."""
    t, line = role.get("t"), role.get("line")
    if not t or not isinstance(line, int) or not 1 <= line <= len(starts):
        raise GoldFormatError(f"{where}: a role needs 't' (the printed figure) and a valid 'line', got {role}")
    lo = starts[line - 1]
    hi = starts[line] if line < len(starts) else len(text)
    at, nth = lo - 1, int(role.get("nth", 1))
    for _ in range(nth):
        at = text.find(t, at + 1, hi)
        if at < 0:
            raise GoldFormatError(f"{where}: {t!r} (occurrence {nth}) not on line {line}: {text[lo:hi][:200]!r}")
    role["start"], role["end"] = at, at + len(t)


FIGURE_TOKEN = regex.compile(r"[$€£(\-–—]*\d[\d.,]*[)%]?")
PROSE_WORD = regex.compile(r"[A-Za-z][A-Za-z'’-]*")
PROSE_WORDS = 8  # words on a fenced line of prose (a fixed-width row's label wraps well before)
BARE_FIGURE = regex.compile(r"[\s$€£¥(\-–—]*(?:[A-Z]{1,3}\$?)?[\d.,]+\s*[)%]?\s*(?:bps?|x)?\s*")


def in_table(text: str, pos: int, fences: list[tuple[int, int]]) -> bool:
    """A figure in a table as a reader sees one: a pipe table, a fenced block (but a sentence in it), or a table
    whose markup was lost (a cell alone on its line, or a line of mostly figures: a row flattened by a wire)."""
    line_start = text.rfind("\n", 0, pos) + 1
    line_end = text.find("\n", pos)
    line = text[line_start: line_end if line_end >= 0 else len(text)]
    if line.lstrip().startswith("|") and line.count("|") >= 2:
        return True
    if BARE_FIGURE.fullmatch(line):
        return True
    tokens = line.split()
    figures = sum(1 for t in tokens if FIGURE_TOKEN.fullmatch(t))
    if any(a <= pos < b for a, b in fences):
        # a wire may fence its whole release: a line of a sentence there (many words, a figure or two, no gap
        # between columns) is prose, while the rows of a fixed-width table wrap their labels short
        words = sum(1 for t in tokens if PROSE_WORD.fullmatch(t.strip(',.;:()"“”')))
        return not (words >= PROSE_WORDS and figures <= 2 and "  " not in line.strip() and "\t" not in line)
    # a sentence ends with a full stop; a flattened row of figures does not
    return figures >= 3 and figures >= 0.5 * (len(tokens) - figures) and not line.rstrip().endswith(".")


def fence_spans(text: str) -> list[tuple[int, int]]:
    marks = [m.start() for m in regex.finditer(r"(?m)^```", text)]
    return [(marks[i], marks[i + 1]) for i in range(0, len(marks) - 1, 2)]


def roles_of(rel: dict) -> list[tuple[str, dict]]:
    """Every (role name, role) of a relation; a list role gives name_1, name_2, ..."""
    out = []
    for name, role in rel.get("roles", {}).items():
        if isinstance(role, list):
            out.extend((f"{name}_{i + 1}", r) for i, r in enumerate(role))
        else:
            out.append((name, role))
    return out


# --- holding ----------------------------------------------------------------------------------------------

def role_reading(role: dict, rel: dict, text: str | None = None, plain: bool = False) -> Reading:
    """A role's figure as the annotator read it; `text` reads a changed copy of it, `plain` its digits alone
    (without the annotator's value)."""
    return read_figure(role["t"] if text is None else text, None if plain else role.get("v"),
                       role.get("scale", rel.get("scale")), bool(role.get("approx")))


def role_interval(role: dict, rel: dict) -> Interval:
    return role_reading(role, rel).interval


def evaluate(rel: dict, override: dict[str, Interval] | None = None) -> tuple[bool | None, Interval | None]:
    """(holds, the interval the stated role should fall in). holds is None when it cannot be computed."""
    kind = TYPES[rel["type"]]
    override = override or {}
    if rel["type"] == "weekday":
        return _weekday_holds(rel), None
    iv: dict = {}
    for name, role in rel["roles"].items():
        if isinstance(role, list):  # a list role stands for the sum of its figures
            iv[name] = Interval.point(Fraction(0))
            for i, r in enumerate(role):
                iv[name] = iv[name] + (override.get(f"{name}_{i + 1}") or role_interval(r, rel))
        elif rel["type"] == "duration" and name in ("start", "end"):
            day = dt.date.fromisoformat(role["v"]).toordinal()
            iv[name] = Interval.point(Fraction(day))
        else:
            iv[name] = override.get(name) or role_interval(role, rel)
    try:
        expected = kind.compute(iv, rel)
    except (Undefined, ZeroDivisionError):
        return None, None
    return expected.meets(iv[kind.stated]), expected


def _weekday_holds(rel: dict) -> bool:
    day = dt.date.fromisoformat(rel["roles"]["date"]["v"])
    return WEEKDAYS[day.weekday()] == str(rel.get("weekday", "")).strip().lower()


def check_relation(rel: dict, where: str) -> None:
    kind = TYPES.get(rel.get("type"))
    if kind is None:
        raise GoldFormatError(f"{where}: unknown type {rel.get('type')!r}; one of {', '.join(TYPES)}")
    roles = rel.get("roles") or {}
    needed = {kind.stated, *kind.inputs}
    missing = needed - set(roles)
    if missing:
        raise GoldFormatError(f"{where}: {rel['type']} needs roles {sorted(needed)}; missing {sorted(missing)}")
    if "parts" in needed and (not isinstance(roles["parts"], list) or len(roles["parts"]) < 2):
        raise GoldFormatError(f"{where}: 'parts' is a list of at least two roles")
    if rel["type"] == "weekday" and "weekday" not in rel:
        raise GoldFormatError(f"{where}: a weekday relation names its 'weekday'")


def resolve(gold_path: Path, corpus: Path = CORPUS) -> dict:
    """Read a gold file, fill every span, value interval and `holds`, and return it (validated)."""
    data = json.loads(Path(gold_path).read_text(encoding="utf-8"))
    text = (corpus / data["path"]).read_text(encoding="utf-8")
    starts, fences = line_starts(text), fence_spans(text)
    data["sha256"] = hashlib.sha256(text.encode("utf-8")).hexdigest()
    for n, rel in enumerate(data.get("relations", [])):
        where = f"{gold_path}: relation {n + 1} ({rel.get('id', '?')})"
        rel.setdefault("id", f"r{n + 1}")
        check_relation(rel, where)
        for name, role in roles_of(rel):
            resolve_role(text, starts, role, f"{where}, role {name}")
            dated = rel["type"] == "weekday" or rel["type"] == "duration" and name in ("start", "end")
            try:
                role["value"] = role.get("v") if dated else _dec(role_reading(role, rel).value)
            except GoldFormatError as exc:
                raise GoldFormatError(f"{where}, role {name}: {exc}") from None
        spans = [r["start"] for _, r in roles_of(rel)]
        tabled = [in_table(text, s, fences) for s in spans]
        rel["where"] = "table" if any(tabled) else "prose"
        holds, _ = evaluate(rel)
        rel["holds"] = holds
    return data


def describe(rel: dict) -> str:
    holds, expected = evaluate(rel)
    kind = TYPES[rel["type"]]
    roles = ", ".join(f"{n}={r['t']!r}" for n, r in roles_of(rel))
    mark = {True: "ok  ", False: "FAIL", None: "n/a "}[holds]
    tail = ""
    if expected is not None and holds is False:
        lo, hi = (float(x) if x is not None else None for x in (expected.lo, expected.hi))
        tail = f"  -> {kind.stated} should be in [{lo:.6g}, {hi:.6g}]"
    return f"{mark} {rel['id']:>5} {rel['type']:15} {rel['where']:5} {roles}{tail}"


def load_all(splits: tuple[str, ...] = SPLITS) -> list[dict]:
    out = []
    for split in splits:
        for path in sorted((GOLD / split).glob("*.json")):
            data = json.loads(path.read_text(encoding="utf-8"))
            data["split"] = split
            data["gold_file"] = str(path)
            out.append(data)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m extractor.evaluation.relgold", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("command", choices=["resolve", "show"])
    parser.add_argument("files", nargs="+")
    parser.add_argument("--corpus", default=str(CORPUS))
    args = parser.parse_args(argv)
    status = 0
    for name in args.files:
        try:
            data = resolve(Path(name), Path(args.corpus))
        except (GoldFormatError, OSError, json.JSONDecodeError, KeyError, ValueError) as exc:
            print(f"{name}: {exc}", file=sys.stderr)
            status = 1
            continue
        if args.command == "resolve":
            Path(name).write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        rels = data.get("relations", [])
        fails = sum(1 for r in rels if r["holds"] is False)
        print(f"{name}: {len(rels)} relations, {fails} do not hold")
        for rel in rels:
            if args.command == "show" or rel["holds"] is not True:
                print("  " + describe(rel))
    return status


if __name__ == "__main__":
    sys.exit(main())

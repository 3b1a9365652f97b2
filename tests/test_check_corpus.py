"""The project's own consistent/inconsistent release pairs, one pair per check (corpus/checks/)."""

import json

import pytest

from conftest import ROOT

CHECKS = ROOT / "corpus" / "checks"
PAIRS = sorted(p.name[: -len(".ok.txt")] for p in CHECKS.glob("*.ok.txt"))


def problems(sheet):
    return [f for f in sheet.findings if f.severity in ("error", "warning")]


@pytest.mark.parametrize("name", PAIRS)
def test_consistent_version_is_quiet(engine, name):
    path = CHECKS / f"{name}.ok.txt"
    sheet = engine.analyze(path.read_text(encoding="utf-8"), str(path))
    assert not problems(sheet), [f.message for f in problems(sheet)]


@pytest.mark.parametrize("name", PAIRS)
def test_inconsistent_version_gives_exactly_the_gold_findings(engine, name):
    path = CHECKS / f"{name}.bad.txt"
    text = path.read_text(encoding="utf-8")
    gold = json.loads((CHECKS / f"{name}.bad.findings.json").read_text(encoding="utf-8"))["findings"]
    sheet = engine.analyze(text, str(path))
    got = sorted((f.rule, text[f.start : f.end]) for f in problems(sheet))
    want = sorted((g["rule"], g["text"]) for g in gold)
    assert got == want, [f.message for f in problems(sheet)]
    # Expected values agree with the gold to the gold's own precision.
    for g in gold:
        if g.get("expected") is None:
            continue
        f = next(f for f in problems(sheet) if f.rule == g["rule"] and text[f.start : f.end] == g["text"])
        assert abs(float(f.expected) - float(g["expected"])) <= 0.005 * abs(float(g["expected"])) + 0.05, (f.expected, g)


def test_every_check_has_a_pair():
    from extractor.rules import load

    ids = {r["id"] for r in load("checks") if r.get("severity", "error") != "info"}
    missing = ids - set(PAIRS)
    # Checks added after the pair corpus must bring their own pair.
    assert not missing, f"checks without a consistent/inconsistent pair: {sorted(missing)}"


RELEASES = sorted(p for d in ("releases", "heldout") for p in (ROOT / "corpus" / d).glob("*.txt"))


@pytest.mark.parametrize("path", RELEASES, ids=lambda p: p.name)
def test_project_releases_check_clean(engine, path):
    """Every release of the project's own corpus is consistent, but for the errors its `.findings.json` plants:
    a false alarm here is one `--fix` would write into a correct release."""
    text = path.read_text(encoding="utf-8")
    planted = path.with_suffix(".findings.json")
    want = sorted((g["rule"], g["text"]) for g in json.loads(planted.read_text())["findings"]) if planted.exists() else []
    sheet = engine.analyze(text, str(path))
    got = sorted((f.rule, text[f.start : f.end]) for f in problems(sheet))
    assert got == want, [f.message for f in problems(sheet)]

"""The CI report formats: SARIF (validated against the OASIS SARIF 2.1.0 schema in ../shared/schemas),
GitHub workflow annotations and the HTML page, on hand-made fact sheets and on the seed."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

from jsonschema.validators import validator_for

from extractor.linter.checking import CheckedFile
from extractor.cli import main
from extractor.reading.read import from_string
from extractor.models import Evidence, FactSheet, Finding, Fix, Mention, Metadata, Source
from extractor.report import Checked, render

from conftest import SARIF_SCHEMA, SEED, need_shared


def validate(log: dict) -> None:
    schema = json.loads(need_shared(SARIF_SCHEMA).read_text(encoding="utf-8"))
    cls = validator_for(schema)
    cls.check_schema(schema)
    errors = sorted(cls(schema).iter_errors(log), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors[:10])


def _sheet(path, text, findings, mentions=()):
    src = Source(path=path, sha256=hashlib.sha256(text.encode()).hexdigest(), length=len(text))
    return FactSheet(source=src, metadata=Metadata(), mentions=list(mentions), findings=findings)


def _finding(source, needle, rule="premium-discount", severity="error", replacement=None, suppressed=False,
             message=None, nth=0):
    start = [m.start() for m in re.finditer(re.escape(needle), source.text)][nth]
    end = start + len(needle)
    line, col = source.line_col(start)
    return Finding(rule=rule, severity=severity, message=message or f"{needle} cannot be right", stated=needle,
                   expected=replacement, start=start, end=end, line=line, column=col,
                   evidence=[Evidence(role="stated", start=start, end=end, text=needle)],
                   fix=Fix(start=start, end=end, replacement=replacement) if replacement else None,
                   suppressed=suppressed)


TEXT = "Headline\n\nA premium of 444% to $0.0009.\nThe total was 12.5% of 8,000 shares.\nOdd: 7x\n"


def _checked(path="drafts/q3 release.txt", text=TEXT, fmt=None):
    source = from_string(text, path, fmt)
    findings = [
        _finding(source, "444%", replacement="344%"),
        _finding(source, "12.5%", rule="part-of-whole", severity="warning"),
        _finding(source, "7x", rule="house-made-up-rule", severity="info", suppressed=True),
    ]
    mentions = [Mention(id=0, kind="percent", text="444%", start=findings[0].start, end=findings[0].end, sentence=0,
                        value="444", low="443.5", high="444.5", unit="%")]
    return CheckedFile(path, _sheet(path, source.text, findings, mentions), source)


def sarif_of(results) -> dict:
    return json.loads(render("sarif", results))


def test_sarif_validates_and_has_what_code_scanning_reads(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    log = sarif_of([_checked()])
    validate(log)
    assert log["version"] == "2.1.0" and log["$schema"].endswith("sarif-schema-2.1.0.json")
    run = log["runs"][0]
    driver = run["tool"]["driver"]
    assert driver["name"] == "prfacts" and driver["version"]
    assert "informationUri" not in driver  # no address configured: none invented
    rules = driver["rules"]
    for rule in rules:
        assert {"id", "name", "shortDescription", "fullDescription", "help", "defaultConfiguration"} <= set(rule)
        assert rule["help"]["text"] and rule["help"]["markdown"] and "helpUri" not in rule
    results = run["results"]
    assert [r["level"] for r in results] == ["error", "warning", "note"]
    for r in results:
        assert rules[r["ruleIndex"]]["id"] == r["ruleId"]
        loc = r["locations"][0]["physicalLocation"]
        assert loc["artifactLocation"] == {"uri": "drafts/q3%20release.txt", "uriBaseId": "%SRCROOT%"}
        assert r["partialFingerprints"]
    premium = results[0]
    assert premium["locations"][0]["physicalLocation"]["region"] == {
        "startLine": 3, "startColumn": 14, "endLine": 3, "endColumn": 18, "snippet": {"text": "444%"}}
    change = premium["fixes"][0]["artifactChanges"][0]
    assert change["replacements"] == [{"deletedRegion": {"startLine": 3, "startColumn": 14, "endLine": 3,
                                                          "endColumn": 18}, "insertedContent": {"text": "344%"}}]
    assert "fixes" not in results[1]
    assert "suppressions" not in results[0]
    assert results[2]["suppressions"][0]["kind"] == "inSource"
    # a rule no rule file defines still gets a descriptor
    assert rules[results[2]["ruleIndex"]]["id"] == "house-made-up-rule"


def test_sarif_lists_the_loaded_check_rules(tmp_path, monkeypatch):
    from extractor.rules import load

    monkeypatch.chdir(tmp_path)
    ids = [r["id"] for r in sarif_of([_checked()])["runs"][0]["tool"]["driver"]["rules"]]
    assert len(ids) == len(set(ids))
    assert set(str(r["id"]) for r in load("checks")) <= set(ids)


def test_sarif_fingerprints_survive_moved_lines(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    first = sarif_of([_checked()])["runs"][0]["results"]
    moved = sarif_of([_checked(text="New first line.\n\n" + TEXT)])["runs"][0]["results"]
    assert [r["locations"][0]["physicalLocation"]["region"]["startLine"] for r in moved] == [5, 6, 7]
    assert [r["partialFingerprints"] for r in first] == [r["partialFingerprints"] for r in moved]
    changed = sarif_of([_checked(text=TEXT.replace("to $0.0009", "to $0.0010"))])["runs"][0]["results"]
    assert changed[0]["partialFingerprints"] != first[0]["partialFingerprints"]
    assert len({json.dumps(r["partialFingerprints"]) for r in first}) == 3


def test_sarif_uris_and_markup_inputs(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    html = "<html><body>\n<p>Headline</p>\n<p>A premium of <b>444&#37;</b> to $0.0009.\nThe total was 12.5% of 8,000 shares.\nOdd: 7x</p>\n"
    outside = Path("/elsewhere/x.html")
    log = sarif_of([_checked("sub/dir/a.html", html), _checked(str(outside), html)])
    validate(log)
    results = log["runs"][0]["results"]
    assert results[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "sub/dir/a.html"
    assert results[3]["locations"][0]["physicalLocation"]["artifactLocation"] == {"uri": "file:///elsewhere/x.html"}
    region = results[0]["locations"][0]["physicalLocation"]["region"]
    assert (region["startLine"], region["startColumn"], region["endColumn"]) == (3, 20, 28)  # 444&#37;
    assert results[0]["fixes"][0]["artifactChanges"][0]["replacements"][0]["insertedContent"]["text"] == "344%"


def test_sarif_from_bare_fact_sheets_and_no_results(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    rich = _checked()
    bare = Checked(rich.path, rich.sheet)
    log = sarif_of([bare])
    validate(log)
    assert log["runs"][0]["results"][0]["fixes"][0]["artifactChanges"][0]["replacements"][0]["deletedRegion"][
        "startColumn"] == 14
    empty = sarif_of([])
    validate(empty)
    assert empty["runs"][0]["results"] == []


def test_sarif_of_the_seed_validates(tmp_path, monkeypatch, capsys):
    seed = tmp_path / "drafts" / "seed.txt"
    seed.parent.mkdir()
    seed.write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code = main(["check", "--format", "sarif", "--output", "prfacts.sarif", "drafts"])
    capsys.readouterr()
    assert code == 1
    log = json.loads((tmp_path / "prfacts.sarif").read_text())
    validate(log)
    errors = [r for r in log["runs"][0]["results"] if r["level"] == "error"]
    assert [r["ruleId"] for r in errors] == ["premium-discount"]
    r = errors[0]
    loc = r["locations"][0]["physicalLocation"]
    assert loc["artifactLocation"]["uri"] == "drafts/seed.txt"
    assert loc["region"]["snippet"]["text"] == "444%"
    assert r["fixes"][0]["artifactChanges"][0]["replacements"][0]["insertedContent"]["text"] == "344%"


# ---------------------------------------------------------------- GitHub annotations


def test_github_annotations_escape_and_map_levels():
    source = from_string("x 444% y\nWARN, 100%: z\n", "dir/a,b:c.txt")
    f1 = _finding(source, "444%", replacement="344%", message="50% off\r\nnext: a, b")
    f2 = _finding(source, "100%", rule="r2", severity="warning")
    f3 = _finding(source, "WARN", rule="r3", severity="info")
    f4 = _finding(source, "y", rule="r4", severity="error", suppressed=True)
    out = render("github", [CheckedFile("./dir/a,b:c.txt", _sheet("x", source.text, [f1, f2, f3, f4]), source)])
    assert out.splitlines() == [
        "::error file=dir/a%2Cb%3Ac.txt,line=1,col=3,endLine=1,endColumn=7,title=prfacts premium-discount"
        "::50%25 off%0D%0Anext: a, b (fix: '444%25' -> '344%25')",
        "::warning file=dir/a%2Cb%3Ac.txt,line=2,col=7,endLine=2,endColumn=11,title=prfacts r2::100%25 cannot be right",
        "::notice file=dir/a%2Cb%3Ac.txt,line=2,col=1,endLine=2,endColumn=5,title=prfacts r3::WARN cannot be right",
    ]


# ---------------------------------------------------------------- HTML


def test_html_is_self_contained_escaped_and_shows_findings(tmp_path):
    text = ("Title <script>alert('x')</script> & co\n\nA premium of 444% to the bid.\nThe total was 12.5%.\n\n"
            "<!-- prfacts-disable -->\nOdd: 7x\n")
    c = _checked("a<b>.txt", text)
    page = render("html", [c])
    assert page.startswith("<!DOCTYPE html>")
    assert "<script>" not in page and "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in page
    assert "a&lt;b&gt;.txt" in page and "<b>.txt" not in page
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", page)  # no external assets
    assert "<link" not in page and "@import" not in page
    # quantities highlighted by kind, with a legend
    assert '<span class="q q-percent' in page and 'class="legend"' in page
    # each finding marked in place, with its note: message, stated vs expected, fix
    assert page.count('class="badge error"') >= 1 and 'id="f1-1"' in page
    note = page[page.index('id="f1-1"'):page.index('id="f1-2"')]
    assert "premium-discount" in note and "444% cannot be right" in note
    assert "<del>444%</del>" in note and "<ins>344%</ins>" in note
    assert 'class="note suppressed"' in page and ">suppressed<" in page
    # the summary counts
    assert '<span class="count error">1 error</span>' in page
    assert '<span class="count warning">1 warning</span>' in page
    assert '<span class="count">1 suppressed</span>' in page


def test_html_of_bare_sheets_and_of_the_seed(tmp_path, monkeypatch, capsys):
    rich = _checked()
    page = render("html", [Checked(rich.path, rich.sheet)])
    assert "fact sheet only" in page and "premium-discount" in page
    seed = tmp_path / "seed.md"
    seed.write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["check", "--format", "html", "-o", "report.html", "seed.md"]) == 1
    capsys.readouterr()
    page = (tmp_path / "report.html").read_text()
    assert "premium-discount" in page and "<ins>344%</ins>" in page
    for kind in ("money", "price", "shares", "percent", "date"):
        assert f'class="q q-{kind}' in page

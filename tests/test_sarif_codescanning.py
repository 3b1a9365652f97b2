"""SARIF for GitHub code scanning: rule help from the rules' docs, links to the rule pages only where
they are published, URIs relative to the repository root, standard input named, and the upload limits
GitHub documents ("SARIF results exceed limit") kept on large synthetic input."""

from __future__ import annotations

import gzip
import io
import json
import shutil
import subprocess
import sys

import pytest

from extractor.rules import docs as ruledocs
from extractor.cli import main
from extractor.models import Evidence, FactSheet, Finding, Metadata, Source
from extractor.report import Checked
from extractor.report.sarif import LIMITS, sarif_log
from extractor.rules import load

from test_sarif import validate

DRAFT = ("The offering price of $2.50 per share represents a premium of 125% to the closing price of $2.00.\n")


def _check(capsys, *argv) -> tuple[int, dict | None, str]:
    code = main(["check", "--format", "sarif", *argv])
    out, err = capsys.readouterr()
    return code, (json.loads(out) if out.strip() else None), err


def _uris(log: dict) -> list[dict]:
    return [r["locations"][0]["physicalLocation"]["artifactLocation"] for r in log["runs"][0]["results"]]


# ---------------------------------------------------------------- rule descriptors from the docs


def test_descriptors_carry_the_docs_once_and_no_invented_addresses(tmp_path, monkeypatch, capsys):
    monkeypatch.delenv("PRFACTS_DOCS_URL", raising=False)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_text(DRAFT)
    code, log, _ = _check(capsys, "a.txt")
    assert code == 1
    validate(log)
    driver = log["runs"][0]["tool"]["driver"]
    assert "informationUri" not in driver
    checks = {str(r["id"]): r for r in load("checks")}
    for d in driver["rules"]:
        rule = checks[d["id"]]
        what, why = rule["docs"]["what"].strip(), rule["docs"]["why"].strip()
        assert d["fullDescription"]["text"] == " ".join(what.split())
        assert d["help"]["text"] == ruledocs.help_text(rule)
        assert d["help"]["markdown"] == ruledocs.page_body("checks", rule)
        for part in (" ".join(what.split()), " ".join(why.split())):  # said once, not twice
            assert d["help"]["markdown"].count(part) == 1 and d["help"]["text"].count(part) == 1
        assert d["properties"]["fixSafety"] == rule["docs"]["fix"]["safety"]
        assert "helpUri" not in d  # the local checkout's pages are no address for another machine


def test_docs_url_from_configuration_option_and_environment(tmp_path, monkeypatch, capsys):
    monkeypatch.delenv("PRFACTS_DOCS_URL", raising=False)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_text(DRAFT)
    (tmp_path / ".prfacts.toml").write_text('docs-url = "https://docs.example.org/prfacts/rules"\n')
    _, log, _ = _check(capsys, "a.txt")
    validate(log)
    driver = log["runs"][0]["tool"]["driver"]
    assert driver["informationUri"] == "https://docs.example.org/prfacts/rules/"
    premium = next(r for r in driver["rules"] if r["id"] == "premium-discount")
    assert premium["helpUri"] == "https://docs.example.org/prfacts/rules/premium-discount.md"
    _, log, _ = _check(capsys, "a.txt", "--docs-url", "https://other.example.org/r/")
    assert log["runs"][0]["tool"]["driver"]["rules"][0]["helpUri"].startswith("https://other.example.org/r/")
    (tmp_path / ".prfacts.toml").unlink()
    monkeypatch.setenv("PRFACTS_DOCS_URL", "https://env.example.org/rules/")
    _, log, _ = _check(capsys, "a.txt")
    assert log["runs"][0]["tool"]["driver"]["informationUri"] == "https://env.example.org/rules/"


@pytest.mark.parametrize("value", ["docs/rules", "ftp://x.example.org/", "https://", "https://a b/"])
def test_a_docs_url_that_is_no_address_is_one_error_line(tmp_path, monkeypatch, capsys, value):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_text(DRAFT)
    code, log, err = _check(capsys, "a.txt", "--docs-url", value)
    assert (code, log) == (2, None) and err.count("\n") == 1 and "--docs-url: docs-url must be" in err
    (tmp_path / ".prfacts.toml").write_text(f"docs-url = {json.dumps(value)}\n")
    code, _, err = _check(capsys, "a.txt")
    assert code == 2 and ".prfacts.toml: docs-url must be" in err and "Traceback" not in err


# ---------------------------------------------------------------- where the files are


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_uris_are_relative_to_the_repository_root_from_a_subfolder(tmp_path, monkeypatch, capsys):
    repo = tmp_path / "repo"
    (repo / "press" / "q3").mkdir(parents=True)
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    (repo / "press" / "q3" / "a b.txt").write_text(DRAFT)
    monkeypatch.chdir(repo / "press")
    _, log, _ = _check(capsys, "q3")
    validate(log)
    assert _uris(log) == [{"uri": "press/q3/a%20b.txt", "uriBaseId": "%SRCROOT%"}]
    fix = log["runs"][0]["results"][0]["fixes"][0]["artifactChanges"][0]["artifactLocation"]
    assert fix == {"uri": "press/q3/a%20b.txt", "uriBaseId": "%SRCROOT%"}
    assert str(tmp_path) not in json.dumps(log)  # still nothing of this machine without --timestamp
    _, log, _ = _check(capsys, "q3", "--timestamp")
    assert log["runs"][0]["originalUriBaseIds"]["%SRCROOT%"]["uri"] == repo.resolve().as_uri() + "/"
    monkeypatch.chdir(repo / "press" / "q3")  # a file named from its own folder keeps both folders too
    _, log, _ = _check(capsys, "a b.txt")
    assert _uris(log)[0]["uri"] == "press/q3/a%20b.txt"
    # --sarif-root overrides the repository
    _, log, _ = _check(capsys, "a b.txt", "--sarif-root", str(repo / "press"))
    assert _uris(log)[0] == {"uri": "q3/a%20b.txt", "uriBaseId": "%SRCROOT%"}
    code, _, err = _check(capsys, "a b.txt", "--sarif-root", "nowhere")
    assert code == 2 and err == "prfacts: --sarif-root: nowhere: not a directory\n"


def test_stdin_is_named_stdin_or_by_stdin_filename(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    for argv, expected in ((["-"], {"uri": "stdin"}),
                           (["-", "--stdin-filename", "drafts/x.txt"], {"uri": "drafts/x.txt", "uriBaseId": "%SRCROOT%"})):
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(DRAFT.encode())))
        _, log, _ = _check(capsys, *argv)
        validate(log)
        assert _uris(log) == [expected]
        assert "%3C" not in json.dumps(log)


# ---------------------------------------------------------------- GitHub's upload limits


def assert_within_github_limits(log: dict) -> None:
    assert len(log["runs"]) <= LIMITS["runs"]
    for run in log["runs"]:
        rules = run["tool"]["driver"]["rules"]
        assert len(rules) <= LIMITS["rules_per_run"] and len(run["results"]) <= LIMITS["results_per_run"]
        for rule in rules:
            assert len(rule["id"]) <= LIMITS["rule_id_chars"]
            assert len(rule["properties"]["tags"]) <= LIMITS["tags_per_rule"]
        for r in run["results"]:
            assert len(r["locations"]) <= LIMITS["locations_per_result"]
            assert len(r.get("relatedLocations", [])) <= LIMITS["related_locations_per_result"]
            assert r["partialFingerprints"]["prfacts/v1"]
            assert 0 < len(r["message"]["text"]) <= 1000
    # the upload API takes a gzip-compressed file of at most 10 MB
    assert len(gzip.compress(json.dumps(log).encode())) <= 10 * 1024 * 1024


def _sheet_with(findings: int) -> Checked:
    text = "x" * 10
    src = Source(path="big.txt", sha256="0" * 64, length=len(text))
    made = [Finding(rule="sum-total" if n % 3 else "implied-total", severity="error" if n % 3 else "info",
                    message=f"finding {n}", stated="x", start=0, end=1, line=1 + n, column=1,
                    evidence=[Evidence(role="total", start=0, end=1, text="x")])
            for n in range(findings)]
    return Checked("big.txt", FactSheet(source=src, metadata=Metadata(), mentions=[], findings=made))


def test_more_results_than_a_run_may_hold_keep_the_most_severe(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    log = sarif_log([_sheet_with(LIMITS["results_per_run"] + 600)])
    assert_within_github_limits(log)
    results = log["runs"][0]["results"]
    assert len(results) == LIMITS["results_per_run"]
    assert sum(r["level"] == "note" for r in results) == (LIMITS["results_per_run"] + 600) // 3 + 1 - 600
    lines = [r["locations"][0]["physicalLocation"]["region"]["startLine"] for r in results]
    assert lines == sorted(lines)  # in the order found, not by severity
    (note,) = log["runs"][0]["invocations"][0]["toolExecutionNotifications"]
    assert note["message"]["text"].startswith("600 less severe results left out")


def test_a_table_of_many_rows_stays_within_the_limits(tmp_path, monkeypatch, capsys):
    """A Total over 150 rows, two digits of one column's total transposed: 151 figures are its evidence."""
    rows = "".join(f"| Item {k} | {1000 + k:,} | {900 + k:,} |\n" for k in range(1, 151))
    total = str(sum(900 + k for k in range(1, 151)))  # 146325, printed as 164,325
    wrong = int(total[0] + total[2] + total[1] + total[3:])
    table = f"| | 2025 | 2024 |\n|---|---|---|\n{rows}| Total | {sum(1000 + k for k in range(1, 151)):,} | {wrong:,} |\n"
    (tmp_path / "t.md").write_text("(in thousands)\n\n" + table)
    monkeypatch.chdir(tmp_path)
    _, log, _ = _check(capsys, "t.md")
    validate(log)
    assert_within_github_limits(log)
    (result,) = log["runs"][0]["results"]
    assert result["message"]["text"].startswith("164,325 should be 146,325")
    assert len(result["relatedLocations"]) == LIMITS["related_locations_per_result"]

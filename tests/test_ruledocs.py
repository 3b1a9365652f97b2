"""Rule documentation as data: every rule documents itself, a check's documented example is true,
`prfacts rules explain|list|docs` show it, and the committed pages in docs/rules are what the rules say."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from extractor.rules import docs as ruledocs
from extractor.cli import main
from extractor.linter.config import ConfigError, load_config
from extractor.linter.ruletest import check_docs_example

from conftest import ROOT

RULES = ruledocs.all_rules()
CHECKS = [rule for stage, rule in RULES if stage == "checks"]


def _id(item) -> str:
    return f"{item[0]}/{item[1]['id']}"


@pytest.mark.parametrize("stage,rule", RULES, ids=[_id(r) for r in RULES])
def test_every_rule_has_its_docs(stage, rule):
    assert ruledocs.problems(rule, stage) == [], rule["_file"]


@pytest.mark.parametrize("rule", CHECKS, ids=[str(r["id"]) for r in CHECKS])
def test_the_documented_example_is_true(engine, rule):
    ok, detail = check_docs_example(engine, rule)
    assert ok, f"{rule['_file']}: {detail}"


def test_missing_or_inconsistent_docs_are_named():
    rule = {"id": "x", "fix": True, "docs": {"what": "W", "why": " ", "example": {"bad": "B"},
                                             "fix": {"how": "H", "safety": "none"}}}
    assert ruledocs.problems(rule, "checks") == [
        "docs.why is missing or empty", "docs.example.good is missing or empty",
        "docs.fix.safety is 'none' but the rule does propose fixes (fix: true)"]
    assert ruledocs.problems({"id": "y"}, "facts") == ["no docs mapping"]
    assert ruledocs.problems({"id": "y", "docs": {"what": "W", "why": "Y"}}, "facts") == []
    rule["docs"]["fix"]["safety"] = "maybe"
    assert "docs.fix.safety must be one of safe, unsafe, none, not 'maybe'" in ruledocs.problems(rule, "checks")


def test_a_documented_example_that_is_not_true_fails(engine):
    premium = next(r for r in CHECKS if r["id"] == "premium-discount")
    docs = premium["docs"]
    wrong = [
        ({"bad": docs["example"]["good"], "good": docs["example"]["good"]}, "gives no warning or error"),
        ({"bad": docs["example"]["bad"], "good": docs["example"]["bad"]}, "docs.example.good gives error"),
        ({"bad": docs["example"]["bad"], "good": docs["example"]["good"].replace("$2.00", "$2.000")},
         "not docs.example.good"),
    ]
    for example, why in wrong:
        ok, detail = check_docs_example(engine, {**premium, "docs": {**docs, "example": example}})
        assert not ok and why in detail


# ---------------------------------------------------------------- rules explain


def test_explain_prints_what_why_example_and_fix(capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "72")
    assert main(["rules", "explain", "premium-discount"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("premium-discount: Premium or discount does not match the two prices\n")
    for heading in ("What it does", "Why it matters", "Example", "  Flagged:", "  Clean:", "Fix"):
        assert f"\n{heading}\n" in out
    flat = " ".join(out.split())
    assert "represents a premium of 125% to" in flat and "represents a premium of 25% to" in flat
    assert "Safety: unsafe" in out and "Documentation: " in out
    assert max(len(line) for line in out.splitlines() if not line.startswith("Documentation")) <= 72


def test_explain_fact_rules_and_ids_shared_by_two_stages(capsys):
    assert main(["rules", "explain", "per-share"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("per-share: Per-share figure") and "prfacts rules explain facts/per-share" in out
    assert main(["rules", "explain", "facts/per-share"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("per-share\n  (fact rule") and "Yields:" in out and "Fix\n" not in out


def test_explain_an_unknown_rule_is_exit_2_with_a_suggestion(capsys):
    assert main(["rules", "explain", "premium-discont"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith("prfacts: rules explain: no rule matches 'premium-discont' "
                                   "(did you mean premium-discount")
    assert captured.err.count("\n") == 1


def test_explain_a_users_rule_without_docs_shows_its_description(tmp_path, capsys):
    (tmp_path / "checks").mkdir()
    (tmp_path / "checks" / "fee.yaml").write_text(textwrap.dedent("""\
        id: fee-share
        fact: share-of-total
        severity: error
        description: A placement fee stated as a share of the proceeds must be that share.
        stated: pct
        formula: part / whole * 100
        message: "{stated} should be {expected}"
        """))
    assert main(["rules", "explain", "fee-share", "--rules-dir", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "What it does\n  A placement fee stated as a share of the proceeds must be that share." in out


# ---------------------------------------------------------------- rules list


def test_rules_list_wraps_long_titles_instead_of_cutting_them(capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    assert main(["rules", "list"]) == 0
    out = capsys.readouterr().out
    assert max(map(len, out.splitlines())) <= 80
    flat = " ".join(out.split())
    for stage, rule in RULES:
        if rule["id"] not in ("lexicon", "fragments"):
            assert " ".join(ruledocs.title(rule).split()) in flat


# ---------------------------------------------------------------- rules docs


def test_committed_pages_are_what_the_rules_say(tmp_path, capsys):
    assert main(["rules", "docs", "--output", str(tmp_path)]) == 0
    capsys.readouterr()
    committed = ROOT / "docs" / "rules"
    made = {p.relative_to(tmp_path).as_posix(): p.read_text() for p in tmp_path.glob("**/*.md")}
    have = {p.relative_to(committed).as_posix(): p.read_text() for p in committed.glob("**/*.md")}
    stale = sorted(name for name in made.keys() | have.keys() if made.get(name) != have.get(name))
    assert not stale, f"docs/rules is out of date ({', '.join(stale[:5])}): run `prfacts rules docs` to regenerate"
    assert "premium-discount.md" in made and "facts/per-share.md" in made and "README.md" in made


def test_rules_docs_replaces_only_pages_it_generated(tmp_path, capsys):
    (tmp_path / "gone-rule.md").write_text(ruledocs.GENERATED.format(source="rules/checks/x.yaml") + "\n\n# gone\n")
    (tmp_path / "notes.md").write_text("# my own notes\n")
    assert main(["rules", "docs", "--output", str(tmp_path)]) == 0
    assert capsys.readouterr().out.endswith("pages written, 1 removed\n")
    assert not (tmp_path / "gone-rule.md").exists() and (tmp_path / "notes.md").exists()
    page = (tmp_path / "sum-total.md").read_text()
    assert page.count("## What it does") == 1 and "**Fix safety:** unsafe" in page


def test_rules_docs_into_a_file_is_one_error_line(tmp_path, capsys):
    (tmp_path / "f").write_text("")
    assert main(["rules", "docs", "--output", str(tmp_path / "f")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("prfacts: ") and err.count("\n") == 1 and "Traceback" not in err


# ---------------------------------------------------------------- the docs-url setting


def test_docs_url_setting_is_read_and_validated(tmp_path):
    cfg = tmp_path / ".prfacts.toml"
    cfg.write_text('docs-url = "https://docs.example.org/prfacts/rules/"\n')
    assert load_config(cfg).docs_url == "https://docs.example.org/prfacts/rules/"
    cfg.write_text('docs_url = "file:///srv/prfacts/rules/"\n')
    assert load_config(cfg).docs_url == "file:///srv/prfacts/rules/"
    for bad in ('"rules/"', "3", '"mailto:x@example.org"'):
        cfg.write_text(f"docs-url = {bad}\n")
        with pytest.raises(ConfigError, match="docs-url must be an absolute http"):
            load_config(cfg)


def test_pages_name_their_rule_file_the_same_on_every_machine():
    for stage, rule in RULES:
        assert ruledocs.source_name(rule).startswith(f"rules/{stage}/")
        assert str(Path.home()) not in ruledocs.page(stage, rule)

"""`prfacts rules list|test`, including the user's own rule folders."""

import textwrap


def test_rules_list_names_every_check(prfacts):
    r = prfacts("rules", "list")
    assert r.returncode == 0
    for rule in ("premium-discount", "issuance-proceeds", "change-percent", "date-weekday", "table-total"):
        assert rule in r.stdout


def test_rules_test_runs_every_example(prfacts):
    r = prfacts("rules", "test")
    assert r.returncode == 0, r.stdout[-2000:]
    passed, failed, *todo = r.stdout.strip().splitlines()[-1].split(", ")  # (", N todo" only where there are any)
    assert int(passed.split()[0]) > 100 and failed == "0 failed" and all(t.endswith(" todo") for t in todo)


def test_rules_test_coverage_prints_each_rules_table(capsys):
    from extractor.cli import main

    assert main(["rules", "test", "--coverage"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("not-quantities               patterns 33/33\n")
    assert "\npremium-discount             diagnoses 3/3\n" in out
    assert "patterns, contexts and diagnoses exercised by their own rule's examples\n" in out


USER_CHECK = """
id: fee-share
title: Fee does not match the stated share of proceeds
fact: share-of-total
severity: error
description: A placement fee stated as a share of the proceeds must be that share.
stated: pct
requires: [whole]
formula: part / whole * 100
message: "{{stated}} should be {{expected}}"
examples:
  pass:
    - "The agent received $70,000, representing 7% of the $1,000,000 raised."
  fail:
    - text: "The agent received $70,000, representing 9% of the $1,000,000 raised."
      flagged: "9%"
      expected: "{expected}"
"""


def test_user_rules_are_loaded_and_tested(tmp_path, prfacts):
    # A folder each: rules are loaded once per folder in a process, and these run in the suite's.
    for folder, expected in (("right", "7"), ("wrong", "8")):
        checks = tmp_path / folder / "checks"
        checks.mkdir(parents=True)
        (checks / "fee.yaml").write_text(textwrap.dedent(USER_CHECK.format(expected=expected)), encoding="utf-8")
    r = prfacts("rules", "test", "--rules-dir", str(tmp_path / "right"))
    assert r.returncode == 0, r.stdout[-1500:]
    r = prfacts("rules", "test", "--rules-dir", str(tmp_path / "wrong"))
    assert r.returncode == 1 and "fee-share example 1 FAILED" in r.stdout


def test_user_rules_from_configuration(tmp_path, prfacts):
    checks = tmp_path / "house" / "checks"
    checks.mkdir(parents=True)
    (checks / "fee.yaml").write_text(textwrap.dedent(USER_CHECK.format(expected="7")), encoding="utf-8")
    (tmp_path / ".prfacts.toml").write_text('rules-dirs = ["house"]\n', encoding="utf-8")
    r = prfacts("rules", "list", cwd=tmp_path)
    assert "fee-share" in r.stdout


def test_broken_rule_file_is_one_clear_error(tmp_path, prfacts):
    bad = tmp_path / "bad" / "checks"
    bad.mkdir(parents=True)
    (bad / "x.yaml").write_text("id: x\nformula: 'a +'\nfact: f\nstated: a\ndescription: d\nmessage: m\n", encoding="utf-8")
    r = prfacts("rules", "list", "--rules-dir", str(tmp_path / "bad"))
    r2 = prfacts("rules", "test", "--rules-dir", str(tmp_path / "bad"))
    assert r2.returncode == 2 and "x.yaml" in r2.stderr and "Traceback" not in r2.stderr
    assert "Traceback" not in r.stderr


def test_rules_dirs_outside_a_found_configuration_need_config(tmp_path, monkeypatch, capsys):
    from extractor.cli import main

    checks = tmp_path / "shared-rules" / "checks"
    checks.mkdir(parents=True)
    (checks / "fee.yaml").write_text(textwrap.dedent(USER_CHECK.format(expected="7")), encoding="utf-8")
    project = tmp_path / "project"
    project.mkdir()
    (project / ".prfacts.toml").write_text('rules-dirs = ["../shared-rules"]\n', encoding="utf-8")
    monkeypatch.chdir(project)
    assert main(["rules", "list"]) == 2  # found by searching: not trusted to load rules from outside its folder
    err = capsys.readouterr().err
    assert "rules-dirs entry '../shared-rules' is outside the folder of this file" in err and "--config" in err
    assert main(["rules", "list", "--config", ".prfacts.toml"]) == 0  # named on the command line: trusted
    assert "fee-share" in capsys.readouterr().out


def test_a_user_rule_that_never_ends_fails_its_example_instead_of_hanging(tmp_path, monkeypatch):
    from extractor import analyzer
    from extractor.linter import ruletest

    folder = tmp_path / "house" / "quantities"
    folder.mkdir(parents=True)
    (folder / "slow.yaml").write_text(textwrap.dedent("""\
        id: slow-count
        kind: number
        description: Backtracks without end on a run of x's, in a text where it can match ("end").
        patterns: ['(?:x|xx)+y|end']
        examples:
          - text: "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx end"
            expect: []
        """), encoding="utf-8")
    monkeypatch.setattr(ruletest, "EXAMPLE_SECONDS", 1.0)
    dirs = (str(tmp_path / "house"),)
    results = ruletest.run_all(analyzer(dirs), dirs)
    (slow,) = [r for r in results if r.rule == "slow-count"]
    assert not slow.ok and "ran out of time" in slow.detail
    assert not any(r.failed for r in results if r.rule != "slow-count")

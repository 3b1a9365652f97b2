"""Every example in every rule file is a test: the rules are data, their examples are their tests.

A `todo` example (a check's `examples.todo`, `todo: true` on a quantity or fact example) is a known gap:
it runs as an expected failure, and one that starts passing fails the suite until it moves to the
examples that must pass."""

import pytest

from extractor.linter.coverage import Coverage, targets
from extractor.rules import is_builtin, load
from extractor.linter.ruletest import (
    check_check_example,
    check_examples,
    check_fact_example,
    check_quantity_example,
    is_todo,
    rule_examples,
    run_all,
)

GAP = pytest.mark.xfail(strict=True, reason="a known gap, written as a todo example")


def _params(items, name):
    """pytest params of (rule, ..., example) tuples, the todo ones marked as expected failures."""
    return [pytest.param(*item, id=name(item), marks=GAP if is_todo(item[-1], str(item[1])) else ())
            for item in items]


QUANTITY_EXAMPLES = _params(rule_examples(load("quantities")), lambda i: f"{i[0]['id']}-{i[1]}")
FACT_EXAMPLES = _params(rule_examples(load("facts")), lambda i: f"{i[0]['id']}-{i[1]}")
CHECK_EXAMPLES = _params(check_examples(load("checks")), lambda i: f"{i[0]['id']}-{i[1]}-{i[2]}")


@pytest.mark.parametrize("rule,n,example", QUANTITY_EXAMPLES)
def test_quantity_rule_example(engine, rule, n, example):
    ok, detail = check_quantity_example(engine, example)
    assert ok, f"{rule['_file']} example {n + 1}: {example['text']!r}\n{detail}"


@pytest.mark.parametrize("rule,n,example", FACT_EXAMPLES)
def test_fact_rule_example(engine, rule, n, example):
    ok, detail = check_fact_example(engine, example)
    assert ok, f"{rule['_file']} example {n + 1}: {example['text']!r}\n{detail}"


@pytest.mark.parametrize("rule,kind,n,example", CHECK_EXAMPLES)
def test_check_example(engine, rule, kind, n, example):
    ok, detail = check_check_example(engine, rule["id"], kind, example)
    assert ok, f"{rule['_file']} {kind} example {n + 1}\n{detail}"


def test_every_rule_has_examples():
    for stage in ("quantities", "facts"):
        for rule in load(stage):
            if rule.get("patterns") or rule.get("contexts"):
                assert rule.get("examples"), f"{rule['_file']}: rule {rule['id']} has no examples"
    for rule in load("checks"):
        examples = rule.get("examples") or {}
        assert examples.get("pass"), f"{rule['_file']}: check {rule['id']} has no passing example"
        assert examples.get("fail") or examples.get("info"), f"{rule['_file']}: check {rule['id']} has no failing example"


def test_every_pattern_context_and_diagnosis_is_exercised_by_its_own_rules_examples(engine):
    coverage = Coverage(targets(load("quantities"), load("facts"), load("checks")))
    run_all(engine, (), coverage)
    missing = coverage.missing(builtin_only=True)
    assert not missing, "exercised by no example of their own rule:\n" + "\n".join(t.describe() for t in missing)


def test_every_fail_example_of_a_check_that_fixes_says_its_fix():
    """`fix: "<replacement>"`, or `fix: null` where the finding proposes none (a warning, say)."""
    lacking = [f"{rule['_file']}: {rule['id']} fail example {n + 1}"
               for rule, kind, n, example in check_examples(load("checks"))
               if rule.get("fix") and kind == "fail" and "fix" not in example]
    assert not lacking, "fail examples without fix:\n" + "\n".join(lacking)


def test_the_coverage_measure_names_what_no_example_reaches(engine, tmp_path):
    (tmp_path / "quantities").mkdir()
    (tmp_path / "quantities" / "widgets.yaml").write_text(
        "id: widgets\nkind: number\npatterns:\n  - '\\bwidgets:\\s(?P<num>\\d+)'\n  - '\\bgadgets:\\s(?P<num>\\d+)'\n"
        "examples:\n  - text: 'Made in May, widgets: 12.'\n    expect: [{kind: number, value: '12'}]\n", encoding="utf-8")
    from extractor import analyzer

    dirs = (str(tmp_path),)
    coverage = Coverage(targets(load("quantities", dirs), [], []))
    run_all(analyzer(dirs), dirs, coverage)
    mine = [t for t in coverage.missing() if not is_builtin(t.source)]
    assert [(t.rule, t.what, t.index) for t in mine] == [("widgets", "pattern", 1)]
    assert "widgets                      patterns 1/2" in coverage.table()


def test_a_pass_example_tolerates_no_finding_at_all(engine):
    text = "Boone Group owns 1,550M shares, which represents approximately 19.15% of the total outstanding shares."
    ok, detail = check_check_example(engine, "implied-total", "pass", text)
    assert not ok and detail.startswith("unexpected info: 1,550M being 19.15%")


def test_a_fix_other_than_the_example_says_fails_it(engine):
    example = {"text": "The offering price of $2.50 per share represents a premium of 125% to the closing price of $2.00.",
               "flagged": "125%", "fix": "52%"}
    ok, detail = check_check_example(engine, "premium-discount", "fail", example)
    assert not ok and detail == "fix '25%', example says '52%'"

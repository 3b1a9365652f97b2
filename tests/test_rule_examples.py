"""Every example in every rule file is a test: the rules are data, their examples are their tests."""

import pytest

from extractor.rules import load
from extractor.linter.ruletest import (
    check_check_example,
    check_examples,
    check_fact_example,
    check_quantity_example,
    fact_examples,
    quantity_examples,
)

QUANTITY_EXAMPLES = list(quantity_examples(load("quantities")))
FACT_EXAMPLES = list(fact_examples(load("facts")))
CHECK_EXAMPLES = list(check_examples(load("checks")))


@pytest.mark.parametrize(
    "rule,n,example", QUANTITY_EXAMPLES, ids=[f"{r['id']}-{n}" for r, n, _ in QUANTITY_EXAMPLES]
)
def test_quantity_rule_example(engine, rule, n, example):
    ok, detail = check_quantity_example(engine, example)
    assert ok, f"{rule['_file']} example {n + 1}: {example['text']!r}\n{detail}"


@pytest.mark.parametrize("rule,n,example", FACT_EXAMPLES, ids=[f"{r['id']}-{n}" for r, n, _ in FACT_EXAMPLES])
def test_fact_rule_example(engine, rule, n, example):
    ok, detail = check_fact_example(engine, example)
    assert ok, f"{rule['_file']} example {n + 1}: {example['text']!r}\n{detail}"


@pytest.mark.parametrize(
    "rule,kind,n,example", CHECK_EXAMPLES, ids=[f"{r['id']}-{k}-{n}" for r, k, n, _ in CHECK_EXAMPLES]
)
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

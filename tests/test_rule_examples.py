"""Every example in every rule file is a test: the rules are data, their examples are their tests."""

import pytest

from extractor.rules import load
from extractor.ruletest import check_quantity_example, quantity_examples

QUANTITY_EXAMPLES = list(quantity_examples(load("quantities")))


@pytest.mark.parametrize(
    "rule,n,example", QUANTITY_EXAMPLES, ids=[f"{r['id']}-{n}" for r, n, _ in QUANTITY_EXAMPLES]
)
def test_quantity_rule_example(engine, rule, n, example):
    ok, detail = check_quantity_example(engine, example)
    assert ok, f"{rule['_file']} example {n + 1}: {example['text']!r}\n{detail}"


def test_every_quantity_rule_has_examples():
    for rule in load("quantities"):
        if rule.get("patterns") or rule.get("contexts"):
            assert rule.get("examples"), f"{rule['_file']}: rule {rule['id']} has no examples"

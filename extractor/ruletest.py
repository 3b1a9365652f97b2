"""Running the examples that every rule file carries (`prfacts rules test`, and the test suite).

A quantity rule's example lists every mention its text must yield, in order;
a listed field (value, low, high, unit, currency, qualifier, subject) must
match exactly, unlisted fields are not compared. An empty `expect` means the
text holds no quantity at all.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class ExampleResult:
    rule: str
    source: str
    index: int
    text: str
    ok: bool
    detail: str = ""


def _describe(m: dict) -> str:
    return ", ".join(f"{k}={v!r}" for k, v in m.items())


def check_quantity_example(analyzer, example: dict) -> tuple[bool, str]:
    sheet = analyzer.analyze(example["text"])
    expected = example.get("expect") or []
    got = [m.model_dump() for m in sheet.mentions]
    problems = []
    if len(got) != len(expected):
        problems.append(f"expected {len(expected)} mentions, found {len(got)}")
    for i, want in enumerate(expected):
        have = got[i] if i < len(got) else None
        if have is None:
            problems.append(f"missing: {_describe(want)}")
            continue
        wrong = {k: have.get(k) for k, v in want.items() if str(have.get(k)) != str(v)}
        if wrong:
            problems.append(f"mention {i}: expected {_describe(want)}; got " + _describe({k: have.get(k) for k in want}))
    for extra in got[len(expected):]:
        problems.append(f"unexpected: kind={extra['kind']!r}, text={extra['text']!r}, value={extra['value']!r}")
    return not problems, "; ".join(problems)


def quantity_examples(rules: list[dict]):
    for rule in rules:
        for n, example in enumerate(rule.get("examples") or []):
            yield rule, n, example


def run_quantity_examples(analyzer, rules: list[dict]) -> list[ExampleResult]:
    results = []
    for rule, n, example in quantity_examples(rules):
        ok, detail = check_quantity_example(analyzer, example)
        results.append(ExampleResult(rule["id"], rule.get("_file", ""), n, example["text"], ok, detail))
    return results

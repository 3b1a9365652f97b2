"""Running the examples that every rule file carries (`prfacts rules test`, and the test suite).

A quantity rule's example lists every mention its text must yield, in order;
a listed field (value, low, high, unit, currency, qualifier, subject) must
match exactly, unlisted fields are not compared. An empty `expect` means the
text holds no quantity at all.

Known gaps are examples too: a quantity or fact example with `todo: true`, a
check's `examples.todo` list. They run and are expected to fail; one that
passes is reported, so the fixed gap moves to the examples that must pass.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from ..rules import RuleTimeout, reset_deadline, set_deadline

# How long one example may run a user's rules: a pattern that backtracks without end fails its example
# instead of hanging `prfacts rules test`.
EXAMPLE_SECONDS = 10.0


@dataclass
class ExampleResult:
    rule: str
    source: str
    index: int
    text: str
    ok: bool
    detail: str = ""
    todo: bool = False  # a known gap: expected to fail, and a pass means the gap closed

    @property
    def failed(self) -> bool:
        return self.ok == self.todo


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


def rule_examples(rules: list[dict]):
    """Each example of each quantity or fact rule, with its rule and its position."""
    for rule in rules:
        for n, example in enumerate(rule.get("examples") or []):
            yield rule, n, example


def on_the_clock(check, *args) -> tuple[bool, str]:
    """`check(*args)` with the user rules on a deadline; a rule that runs out of time fails the example."""
    token = set_deadline(time.monotonic() + EXAMPLE_SECONDS)
    try:
        return check(*args)
    except RuleTimeout as exc:
        return False, str(exc)
    finally:
        reset_deadline(token)


# ---------------------------------------------------------------- fact and check rules


def check_fact_example(analyzer, example: dict) -> tuple[bool, str]:
    """Every expected fact must be found with exactly these roles (by mention text) and attributes."""
    sheet = analyzer.analyze(example["text"])
    text_of = {m.id: m.text for m in sheet.mentions}
    found = [({r: text_of[i] for r, i in f.roles.items()}, f.type, f.attributes) for f in sheet.facts]
    problems = []
    for want in example.get("expect") or []:
        hit = [f for f in found if f[1] == want["type"] and f[0] == want["roles"]
               and all(f[2].get(k) == v for k, v in (want.get("attributes") or {}).items())]
        if not hit:
            have = [f"{t} {roles} {attrs}" for roles, t, attrs in found if t == want["type"]]
            problems.append(f"missing {want['type']} {want['roles']}; found: {have or 'none of that type'}")
    for absent in example.get("absent") or []:
        extra = [roles for roles, t, _ in found if t == absent]
        if extra:
            problems.append(f"no {absent} fact expected, found {extra}")
    wanted_types = {w["type"] for w in example.get("expect") or []}
    for roles, t, _ in found:
        if t in wanted_types and not any(w["type"] == t and w["roles"] == roles for w in example["expect"]):
            problems.append(f"unexpected {t} {roles}")
    return not problems, "; ".join(problems)


def check_check_example(analyzer, check_id: str, kind: str, example) -> tuple[bool, str]:
    """`pass` texts give no finding of the check at any severity; `fail`, `info` (and `todo`) examples give
    exactly one, on the flagged text, with the expected value, fix, severity and message words they name.
    A `todo` given as a bare text only asks for one warning or error: the check misses it for now."""
    want = {"text": example} if isinstance(example, str) else example
    text = want["text"]
    mine = [f for f in analyzer.analyze(text).findings if f.rule == check_id]
    if kind == "pass":
        return not mine, "; ".join(f"unexpected {f.severity}: {f.message}" for f in mine)
    severity = want.get("severity") or ("info" if kind == "info" else None)
    candidates = [f for f in mine if f.severity == severity or severity is None and f.severity != "info"]
    if len(candidates) != 1:
        return False, f"expected one finding, got {len(candidates)}: " + "; ".join(f.message for f in mine)
    f = candidates[0]
    problems = []
    if "flagged" not in want and not isinstance(example, str):
        problems.append(f"a {kind} example names the text it flags (flagged:)")
    elif "flagged" in want and text[f.start : f.end] != want["flagged"]:
        problems.append(f"flagged {text[f.start:f.end]!r}, expected {want['flagged']!r}")
    if want.get("expected") is not None and f.expected != str(want["expected"]):
        problems.append(f"expected value {f.expected!r}, example says {want['expected']!r}")
    fix = f.fix.replacement if f.fix else None
    if "fix" in want and fix != (None if want["fix"] is None else str(want["fix"])):
        problems.append(f"fix {fix!r}, example says {want['fix']!r}")
    if want.get("message_contains") and want["message_contains"] not in f.message:
        problems.append(f"message {f.message!r} lacks {want['message_contains']!r}")
    return not problems, "; ".join(problems)


def check_docs_example(analyzer, rule: dict) -> tuple[bool, str]:
    """A check's `docs.example`: `bad` must give a finding of the rule that a reader has to act on (a warning or
    an error), `good` none at all; where that finding proposes a fix, applying it to `bad` must give `good`."""
    from ..reading.fixes import apply_edits, plan
    from ..reading.read import from_string

    example = (rule.get("docs") or {}).get("example") or {}
    bad, good = example.get("bad"), example.get("good")
    if not (isinstance(bad, str) and isinstance(good, str)):
        return False, "docs.example needs the texts bad and good"
    fired = [f for f in analyzer.analyze(bad).findings if f.rule == rule["id"] and f.severity != "info"]
    problems = [] if fired else [f"docs.example.bad gives no warning or error of {rule['id']}"]
    problems += [f"docs.example.good gives {f.severity} {f.rule}: {f.message}"
                 for f in analyzer.analyze(good).findings if f.severity != "info"]
    edits, _ = plan(from_string(bad, None), fired)
    if edits and apply_edits(bad, edits) != good:
        problems.append(f"the fix turns docs.example.bad into {apply_edits(bad, edits)!r}, not docs.example.good")
    return not problems, "; ".join(problems)


CHECK_KINDS = ("pass", "fail", "info", "todo")


def check_examples(rules: list[dict]):
    for rule in rules:
        examples = rule.get("examples") or {}
        for kind in CHECK_KINDS:
            for n, example in enumerate(examples.get(kind) or []):
                yield rule, kind, n, example


def is_todo(example, kind: str = "") -> bool:
    """A known gap: the example says what should happen, and the rules do not do it yet."""
    return kind == "todo" or isinstance(example, dict) and bool(example.get("todo"))


def _run(analyzer, coverage, rule: dict, n: int, kind: str, example, check, *args) -> ExampleResult:
    """One example on the clock; `kind` is a check example's list (pass, fail, info, todo), else empty."""
    if coverage is not None:
        coverage.current = str(rule["id"])
    ok, detail = on_the_clock(check, analyzer, *args)
    text = example if isinstance(example, str) else example["text"]
    return ExampleResult(rule["id"], rule.get("_file", ""), n, (f"[{kind}] " if kind else "") + str(text), ok, detail,
                         todo=is_todo(example, kind))


def run_all(analyzer, extra_dirs: tuple[str, ...] = (), coverage=None) -> list[ExampleResult]:
    """Every example of every rule: quantities, facts and checks (built-in and the user's own).

    `coverage` (an `extractor.linter.coverage.Coverage`) is told what each example of a rule exercised of it."""
    from ..rules import load

    plain = analyzer
    if coverage is not None:
        analyzer = coverage.analyzer(analyzer)
    results = [_run(analyzer, coverage, rule, n, "", example, check_quantity_example, example)
               for rule, n, example in rule_examples(load("quantities", extra_dirs))]
    results += [_run(analyzer, coverage, rule, n, "", example, check_fact_example, example)
                for rule, n, example in rule_examples(load("facts", extra_dirs))]
    results += [_run(analyzer, coverage, rule, n, kind, example, check_check_example, rule["id"], kind, example)
                for rule, kind, n, example in check_examples(load("checks", extra_dirs))]
    for rule in load("checks", extra_dirs):
        if (rule.get("docs") or {}).get("example"):  # the example its documentation shows must be true too
            ok, detail = on_the_clock(check_docs_example, plain, rule)
            results.append(ExampleResult(rule["id"], rule.get("_file", ""), 0, "[docs] " + str(rule["docs"]["example"]
                                         .get("bad")), ok, detail))
    return results

"""The verifier on the seed release, and the interval reading of stated figures."""

import json

import pytest

from conftest import SEED


@pytest.fixture(scope="module")
def seed(engine):
    text = SEED.read_text(encoding="utf-8")
    return text, engine.analyze(text, str(SEED))


def roles(sheet, fact):
    by = {m.id: m.text for m in sheet.mentions}
    return {r: by[i] for r, i in fact.roles.items()}


def test_seed_has_exactly_one_error_on_444(seed):
    text, sheet = seed
    errors = [f for f in sheet.findings if f.severity == "error"]
    assert len(errors) == 1
    (e,) = errors
    assert (e.rule, text[e.start : e.end], e.expected) == ("premium-discount", "444%", "344.4")
    assert e.message == ("444% should be 344%: the fixed conversion price of $0.0040 against the closing bid price"
                         " of $0.0009 is a premium of 344.4%; 444% is the ratio of the two prices, not the premium")
    assert e.fix.replacement == "344%" and (e.line, e.column) == (5, 435)
    assert {ev.role: ev.text for ev in e.evidence} == {"price": "$0.0040", "stated": "444%", "reference": "$0.0009"}


def test_seed_conversions_are_facts_and_consistent(seed):
    _, sheet = seed
    conversions = [roles(sheet, f) for f in sheet.facts if f.type == "conversion"]
    assert {"amount": "$3.0M", "price": "$0.0040", "shares": "750M"} in conversions
    assert {"amount": "$6.2M", "price": "$0.0040", "shares": "1,550M"} in conversions
    flagged = {(f.start, f.end) for f in sheet.findings if f.severity != "info"}
    spans = {(m.start, m.end) for m in sheet.mentions if m.text in ("750M", "1,550M")}
    assert not flagged & spans
    holder = next(f for f in sheet.facts if f.type == "conversion").parties
    assert holder == {"issuer": "Brightfield Thin-Film Power, Inc.", "holder": "Kowloon Harbor Capital Limited"}


def test_seed_implied_total_is_an_info_finding(seed):
    _, sheet = seed
    (info,) = [f for f in sheet.findings if f.severity == "info"]
    assert info.rule == "implied-total" and "8.09 billion" in info.message
    assert 8.08e9 < float(info.expected) < 8.1e9


def test_rounding_is_not_an_error(engine):
    # 1,000,000 x $1.2345 = $1,234,500: "$1.2 million" and "$1.23 million" both round it right.
    for proceeds in ("$1.2 million", "$1.23 million", "$1,234,500"):
        sheet = engine.analyze(f"It sold 1,000,000 shares at $1.2345 per share for gross proceeds of {proceeds}.")
        assert not [f for f in sheet.findings if f.severity == "error"], proceeds


def test_one_digit_off_is_an_error(engine):
    sheet = engine.analyze("It sold 1,000,000 shares at $1.2345 per share for gross proceeds of $1.33 million.")
    (f,) = [f for f in sheet.findings if f.severity == "error"]
    assert f.rule == "issuance-proceeds" and f.fix.replacement == "$1.23 million"


def test_truncated_figure_is_a_warning(engine):
    # 1,999,000 / 20,000,000 = 9.995%: "10.0%" is that rounded, fine.
    sheet = engine.analyze("Larchmont owns 1,999,000 shares, representing 10.0% of the 20,000,000 shares outstanding.")
    assert not sheet.findings
    # 1,999,900 / 20,000,000 = 9.9995%: "9.99%" holds only if it was truncated (as 9.99% stakes often are).
    sheet = engine.analyze("Larchmont owns 1,999,900 shares, representing 9.99% of the 20,000,000 shares outstanding.")
    (f,) = [f for f in sheet.findings if f.rule == "part-of-whole"]
    assert f.severity == "warning" and "truncated" in f.message


def test_check_cli_exit_codes(tmp_path, prfacts):
    good = tmp_path / "good.txt"
    bad = tmp_path / "bad.txt"
    good.write_text("The price of $1.38 per share represents a premium of 20% to the closing price of $1.15.\n", encoding="utf-8")
    bad.write_text("The price of $1.38 per share represents a premium of 120% to the closing price of $1.15.\n", encoding="utf-8")
    run = lambda *a: prfacts("check", *a)  # noqa: E731
    assert run(str(good)).returncode == 0
    r = run(str(bad))
    assert r.returncode == 1 and r.stdout.startswith(f"{bad}:1:") and "premium-discount" in r.stdout
    assert run(str(bad), "--fail-on", "never").returncode == 0
    r = run(str(bad), "--format", "json")
    assert json.loads(r.stdout)[0]["findings"][0]["expected"] == "20"


def test_a_fix_gives_the_scale_word_the_release_left_out(engine):
    text = "Revenue for the quarter was $4.7 million, a $0.6 decrease from $5.3 million in the prior year."
    [finding] = [f for f in engine.analyze(text).findings if f.severity == "error"]
    assert text[finding.start:finding.end] == "$0.6"
    assert finding.fix.replacement == "$0.6 million" and "scale slip" in finding.message

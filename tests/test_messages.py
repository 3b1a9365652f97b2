"""Messages for people: figures printed the way releases print them, roles in words, never raw numbers."""

from __future__ import annotations

import contextlib
import io
import re
from decimal import Decimal
from fractions import Fraction

import pytest

from extractor.cli import main
from extractor.models import Mention
from extractor.checks.wording import named, role_words, say, say_interval, sentence_around

from conftest import ROOT

# One planted error per check (corpus/checks/<rule>.bad.txt), and the message a reader gets for it.
MESSAGES = {
    "change-amount": "$7.3 million should be $3.7 million: from $17.6 million to $21.3 million is a change of "
                     "$3.7 million; two digits look transposed",
    "change-percent": "26.9% should be 29.6%: from $14.2 million to $18.4 million is a change of 29.58%; two digits "
                      "look transposed",
    "change-points": "730 basis points should be 370 basis points: from 38.7% to 42.4% is a change of 370 basis "
                     "points; two digits look transposed",
    "conversion-amount": "$27.5 million should be $2.8 million: 2,750 preferred shares at the stated value of $1,000 "
                         "each are $2.75 million",
    "conversion-shares": "5,400,000 shares should be 4,500,000: $2,340,000 converted at the conversion price of $0.52 "
                         "is 4.5 million shares; two digits look transposed",
    "date-duration": "54 days should be 45: from March 10, 2025 to April 24, 2025 is 45 days; two digits look "
                     "transposed",
    "date-future-past": "March 28, 2025 is after the release date March 3, 2025, but the event is told as past",
    "difference-total": "16,182 should be 16,128: 44,902 less the rows below it is $16.128 million; two digits look "
                        "transposed",
    "issuance-proceeds": "$1.0 million should be $10.0 million: 2,857,143 at the purchase price of $3.50 each come to "
                         "$10.0 million",
    "issuance-tranches": "C$5.0 million should be C$7.0 million: 12,500,000 at C$0.40 and 4,000,000 at C$0.50 come "
                         "to C$7.0 million; one digit looks mistyped",
    "part-of-whole": "15.1% should be 11.5%: 2,415,000 of 21,000,000 is 11.5%; two digits look transposed",
    "per-share": "$0.53 should be $0.35: $9.1 million over 26.0 million shares is $0.35 a share; two digits look "
                 "transposed",
    "premium-discount": "120% should be 20%: the price of $1.38 against the closing bid price of $1.15 is a premium "
                        "of 20%; 120% is the ratio of the two prices, not the premium",
    "share-total": "5,165,131 should be 5,618,938: the rows' amounts and percentages all imply a total of about "
                   "$5,618,938,000",
    "split-ratio": "6.3 million should be 4.2 million: 63.0 million after a 1-for-15 split is 4.2 million shares",
    "sum-total": "$46.8 million should be $48.6 million: the parts ($31.2 million, $12.9 million and $4.5 million) "
                 "add up to $48.6 million; two digits look transposed",
}
LINE = re.compile(r"^(?P<path>[^:]+):\d+:\d+: (?P<severity>\w+) (?P<rule>[\w-]+) (?P<message>.*)$")
RAW_NUMBER = re.compile(r"(?<![\d.,])\d{7,}(?![\d,])")  # 13500000, not 13,500,000 or $13.5 million
ROLE_NAME = re.compile(r"\b(?:[a-z]+_\d+|pct|per_share|pref_shares|stated_value|minuend|expected_value)\b|\{[\w|]+\}")
INTERVAL = re.compile(r"\d\s*[—–]\s*\d")


@pytest.fixture(scope="module")
def corpus_findings():
    """Every finding `prfacts check corpus/` prints, as (path, severity, rule, message)."""
    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer):
        assert main(["check", str(ROOT / "corpus"), "--fail-on", "never"]) == 0
    return [LINE.match(line).groupdict() for line in buffer.getvalue().splitlines()]


def test_every_message_over_the_corpus_reads_for_people(corpus_findings):
    assert len(corpus_findings) >= len(MESSAGES)
    for f in corpus_findings:
        assert not RAW_NUMBER.search(f["message"]), f
        assert not ROLE_NAME.search(f["message"]), f
        assert not INTERVAL.search(f["message"]), f


@pytest.mark.parametrize("rule", sorted(MESSAGES))
def test_the_message_of_each_check(corpus_findings, rule):
    got = [f["message"] for f in corpus_findings if f["path"].endswith(f"checks/{rule}.bad.txt") and f["rule"] == rule]
    assert got == [MESSAGES[rule]]


def test_the_seed_message(corpus_findings):
    seed = [f for f in corpus_findings if f["path"].endswith("001_seed_restated.txt")]
    assert {f["rule"]: f["message"] for f in seed} == {
        "premium-discount": "444% should be 344%: the fixed conversion price of $0.0040 against the closing bid price "
                            "of $0.0009 is a premium of 344.4%; 444% is the ratio of the two prices, not the premium",
        "implied-total": "1,550M being 19.15% of the total implies about 8.09 billion shares outstanding",
    }


def _m(text, kind, value, low=None, high=None, **extra):
    return Mention(id=0, kind=kind, text=text, start=0, end=len(text), sentence=0, value=value,
                   low=low or value, high=high or value, **extra)


@pytest.mark.parametrize("value, kind, like, extra, want", [
    ("13500000", "money", None, {"currency": "USD"}, "$13.5 million"),
    ("0.004", "price", _m("$0.0009", "price", "0.0009", currency="USD"), {}, "$0.0040"),
    ("310000000", "money", None, {"currency": "EUR"}, "€310 million"),
    ("7000000", "money", _m("C$5.0 million", "money", "5000000", currency="CAD", scale="million"), {}, "C$7.0 million"),
    ("1200", "money", None, {"currency": "SEK"}, "SEK 1,200"),
    ("8093994778", "shares", _m("1,550M", "shares", "1550000000", unit="shares", scale="M"), {"sig": 3},
     "8.09 billion shares"),
    ("3150061", "shares", _m("3,150,062", "shares", "3150062", unit="shares"), {}, "3,150,061 shares"),
    ("344.4", "percent", _m("444%", "percent", "444", unit="%"), {}, "344.4%"),
    ("2.3", "percent", None, {"unit": "pp"}, "2.3 points"),
    ("120", "percent", None, {"unit": "bp"}, "120 basis points"),
    ("600000", "money", _m("$0.6", "money", "0.6", currency="USD"), {}, "$600,000"),
    (Fraction(-37, 10), "money", _m("$1.0 million", "money", "1000000", currency="USD", scale="million"), {}, "-$3.7"),
])
def test_say_prints_like_the_release(value, kind, like, extra, want):
    assert say(value, kind, like, **extra) == want


def test_intervals_and_roles_in_words():
    m = _m("$8.0 million", "money", "8000000", "7999500", "8000500", currency="USD", scale="million")
    assert say_interval(m) == "between $7.9995 million and $8.0005 million"
    assert say_interval(_m("1,667,000 shares", "shares", "1667000", unit="shares")) == "1.667 million shares"
    assert role_words("part_2") == "the parts (2)" and role_words("per_share") == "the price per share"
    assert role_words("pct") == "the stated percentage" and role_words("odd_role") == "the odd role"


def test_names_come_from_the_release_and_long_sentences_are_shortened():
    text = "The fixed conversion price of $0.0040 per share represents a premium of 444% to the bid."
    price = _m("$0.0040", "price", "0.0040")
    price.start, price.end = text.index("$0.0040"), text.index("$0.0040") + 7
    assert named(text, price, "price") == "the fixed conversion price of $0.0040"
    premium = _m("444%", "percent", "444")
    premium.start, premium.end = text.index("444%"), text.index("444%") + 4
    assert named(text, premium, "stated premium") == "the premium of 444%"
    assert named("It rose 444% on the day.", premium, "stated premium") == "the stated premium of 444%"
    long = "Intro. " + "word " * 100 + "the figure 444% here " + "word " * 100 + "end. Next."
    at = long.index("444%")
    lo, hi, lead, tail = sentence_around(long, at, at + 4, limit=120)
    assert lead == tail == "…" and lo < at < hi and hi - lo <= 130
    assert long[lo - 1] == " " and long[hi] == " "  # cut between words
    lo, hi, lead, tail = sentence_around(text, text.index("444%"), text.index("444%") + 4)
    assert text[lo:hi] == text and lead == tail == ""


def test_the_expected_decimal_and_the_fix_are_unchanged(corpus_findings):
    """What --fix writes and the `expected` field are data, not wording: only the message changed."""
    import extractor

    sheet = extractor.extract((ROOT / "corpus" / "releases" / "001_seed_restated.txt").read_text(encoding="utf-8"))
    (error,) = [f for f in sheet.findings if f.severity == "error"]
    assert (error.expected, error.fix.replacement) == ("344.4", "344%")
    assert Decimal(error.expected) == Decimal("344.4")


@pytest.mark.parametrize("text, ending", [
    ("Revenue increased 20% to $8.0 million from $10.0 million.", "it is a decrease, not an increase"),
    ("Revenue decreased 20% to $12.0 million from $10.0 million.", "it is an increase, not a decrease"),
])
def test_a_direction_word_takes_its_own_article(engine, text, ending):
    (finding,) = [f for f in engine.analyze(text).findings if f.rule == "change-percent"]
    assert finding.message.endswith(ending)

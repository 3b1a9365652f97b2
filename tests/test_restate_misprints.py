"""Two prose figures of one name one misprint apart (`extractor/facts/restatemisprints.py`): the
digits decide the kind of slip, the words and periods whether the two are one figure at all."""

from fractions import Fraction

import pytest

from extractor.facts.restatemisprints import misprint, modified, same_bound
from extractor.facts.restateswaps import other_bounds, own_name, swapped_apart, told_apart
from extractor.facts.subjects import Reading

from restated import bound, flagged


def _pair(engine, first: str, second: str):
    text = f"Revenue was {first}. Revenue was {second}."
    sheet = engine.analyze(text, "x.txt")
    a, b = [m for m in sheet.mentions if m.kind in ("money", "percent", "shares")]
    return misprint(a, b, Reading(sheet.mentions, text))


@pytest.mark.parametrize("first, second, kind", [
    ("$48.2 million", "$42.8 million", "transposed"),
    ("$1,486,000", "$1,468,000", "transposed"),
    ("$48.2 million", "$48.2 billion", "scale"),
    # the same digits at two precisions, read at the coarser: "$49.7M" in a headline, "$49.72 billion" below
    ("$49.7 million", "$49.72 billion", "scale"),
    ("$48.2 million", "$49.2 million", "mistyped"),
    ("41.2%", "14.2%", "transposed"),
    # read at the coarser printing: $42.83 million printed to a tenth is $42.8 million
    ("$48.2 million", "$42.83 million", "transposed"),
])
def test_the_kind_of_misprint(engine, first, second, kind):
    assert _pair(engine, first, second) == kind


@pytest.mark.parametrize("first, second", [
    ("$48.2 million", "$48.2 million"),             # they agree
    ("$48.2 million", "$48.24 million"),            # one rounds to the other
    ("$48.2 million", "$48.3 million"),             # the last digit is where rounding shows
    ("$0.2 million", "$172.6 million"),             # inside a thousand-fold reading of a short figure, not its digits
    ("$3 million", "$30 billion"),                  # ten thousand apart: no scale word slips by that
    ("12%", "21%"),                                 # two digits are too few to tell a slip from another figure
    ("$48.2 million", "$28.4 million"),             # swapped digits that are not adjacent
    ("$12.5 million", "$12,500"),                   # a thousand apart, but only one prints a scale word to slip
    ("$49.7 million", "$48.72 billion"),            # other digits at the coarser printing: no scale slip
])
def test_no_misprint(engine, first, second):
    assert _pair(engine, first, second) is None


def test_a_figure_printed_in_cents_slips_by_the_cent(engine):
    # "95 cents" is $0.95: its last printed digit is worth a cent, so its digits read 95, not 1
    from extractor.facts.restatemisprints import last_digit

    text = "The dividend was 135 cents a share. The dividend was 153 cents a share."
    sheet = engine.analyze(text, "x.txt")
    a, b = [m for m in sheet.mentions if m.text.endswith("cents")]
    assert last_digit(a) == Fraction(1, 100)
    assert misprint(a, b, Reading(sheet.mentions, text)) == "transposed"


Q4 = "Adjusted operating income for the fourth quarter of 2024 was $48.2 million.\n\n"


def test_the_odd_figure_is_the_one_no_other_agrees_with(engine):
    # printed right twice and wrong once: the wrong one is bound to the nearest right one, whichever comes first
    sheet = engine.analyze("Corlan Foods Reports Fourth Quarter Results\n\nFourth quarter adjusted operating income rose 9% to $42.8 million, on savings.\n\n" + Q4
                           + "In the fourth quarter, adjusted operating income was $48.2 million.", "x.txt")
    assert bound(sheet)["$42.8 million"] == ("$48.2 million", "misprint")
    assert "two digits look transposed" in flagged(sheet)[0]


def test_two_figures_one_misprint_away_bind_neither(engine):
    # $42.8 million is one swap from $48.2 million and from $24.8 million: which one it restates is a guess
    sheet = engine.analyze(Q4 + "Fourth quarter adjusted operating income rose 9% to $42.8 million, on savings.\n\n"
                           "Fourth quarter adjusted operating income for the segment was $24.8 million.", "x.txt")
    assert "$42.8 million" not in bound(sheet)
    assert not flagged(sheet)


def _two(engine, text: str):
    sheet = engine.analyze(text, "x.txt")
    a, b = [m for m in sheet.mentions if m.kind in ("money", "percent", "shares", "number")][:2]
    return a, b, Reading(sheet.mentions, text)


def test_the_phrase_a_figure_modifies(engine):
    a, b, reading = _two(engine, "Acme reached 62% construction completion of the plant. "
                                 "The plant reached 62% completion on construction, with $4.0 million spent.")
    assert modified(a, reading) == {"construction", "completion"}
    assert modified(b, reading) == {"completion"}  # read to the first stop word


def test_numbered_things_tell_two_figures_apart(engine):
    a, b, reading = _two(engine, "In all, 95 patients enrolled in the Phase 2 study of QH-12.\n\n"
                                 "In all, 59 patients enrolled in the Phase 3 study of QH-40.")
    assert told_apart(a, b, reading)
    a, b, reading = _two(engine, "As at the end of 2024, the S3 project achieved 62% construction completion.\n\n"
                                 "The project achieved 26% construction completion on schedule.")
    assert not told_apart(a, b, reading)  # a number on one side only, or a year, names no second thing


@pytest.mark.parametrize("first, second, same", [
    (None, None, True), ("approximately", None, True), ("up to", "Up to", True),
    ("up to", None, False), ("more than", "up to", False),
])
def test_the_same_bound_said_twice(first, second, same):
    assert same_bound(first, second) is same


def test_two_digits_swapped_when_the_name_and_its_phrase_agree(engine):
    sheet = engine.analyze("Corbel Mining Update\n\nAt the end of the year, the Tamarack expansion project achieved "
                           "58% construction completion of the process plant.\n\nBy the end of the year the Tamarack project "
                           "achieved 85% completion on plant construction and remains on budget.", "x.txt")
    assert bound(sheet)["85%"] == ("58%", "misprint")
    assert "two digits look transposed" in flagged(sheet)[0]


def test_two_digits_swapped_with_no_phrase_after_bind_nothing(engine):
    # "generating 43% and": the phrase after names nothing, and two segments' figures share their words
    sheet = engine.analyze("Tessaly Results\n\n- Adjusted EBITDA margin was 39%, with the R&P segment generating 42% "
                           "and the Seismic segment generating 34% in margin.\n\n- Adjusted EBITDA margin was 35%, with "
                           "the R&P segment generating 43% and the Seismic segment generating 15% in margin.", "x.txt")
    assert not flagged(sheet)


@pytest.mark.parametrize("first, second", [
    ("In the fourth quarter, online orders grew 29% on gift demand.",
     "For fiscal 2025, online orders grew 92% on gift demand."),
    ("Online orders grew 29% on gift demand.", "Last year, online orders grew 92% on gift demand."),
    ("Arm A of the study dosed 35 patients at European sites.",
     "Arm B of the study dosed 53 patients at European sites."),
    ("The Sandy Bend unit carries a 72% working interest.", "The Cole Ridge unit carries a 27% working interest."),
])
def test_two_digits_swapped_told_apart_by_a_period_or_a_name_of_its_own(engine, first, second):
    a, b, reading = _two(engine, first + "\n\n" + second)
    assert swapped_apart(a, b, reading)


def test_two_digits_swapped_told_apart_by_nothing(engine):
    a, b, reading = _two(engine, "By June, the mill upgrade reached 58% construction completion.\n\n"
                                 "By June, the mill upgrade reached 85% construction completion on budget.")
    assert not swapped_apart(a, b, reading)


def test_a_cap_each_day_is_another_bound(engine):
    a, b, reading = _two(engine, "Ember may buy back up to 2,600,000 shares under the program.\n\n"
                                 "Ember may buy back up to 2,600 shares per day under exchange rules.")
    assert other_bounds(a, b, reading)
    a, b, reading = _two(engine, "The offer is for up to 2,600,000 shares at a price per share of $4.10.\n\n"
                                 "The offer for up to 2,600,000 shares expired on March 3.")
    assert not other_bounds(a, b, reading)  # a price per share caps nothing


def test_the_release_own_name_is_the_headline_words_the_body_prints():
    assert own_name("Apex Federal Named to Navy Program\n\nApex Federal has been named.") == {"apex", "federal"}
    assert own_name("Digital Growth Continues\n\nSales rose.") == frozenset()

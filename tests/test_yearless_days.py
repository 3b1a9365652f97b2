"""A day printed without a year takes the year a reader gives it (quantities/yearless.py)."""

from extractor import extract

DATELINE = "AUSTIN, Texas, Dec. 18, 2024 /PRNewswire/ -- "


def _dates(text):
    return {m.text: m.value for m in extract(text).mentions if m.kind == "date"}


def test_a_day_takes_the_year_nearest_the_dateline_when_its_weekday_agrees():
    got = _dates(DATELINE + "Orders close on Friday, December 20 and ship on Friday, January 10.")
    assert got["Friday, December 20"] == "2024-12-20"
    assert got["Friday, January 10"] == "2025-01-10"  # next month is next year's January


def test_a_weekday_that_is_not_the_days_leaves_it_without_a_year():
    # December 20, 2024 is a Friday: the printed Monday is a slip the weekday check reports
    assert _dates(DATELINE + "Orders close on Monday, December 20.")["Monday, December 20"] == "--12-20"


def test_a_span_of_days_takes_the_year_of_the_end_that_prints_one():
    got = _dates(DATELINE + "The window runs from December 29 to January 3, 2025, after the drive of March 3 through March 14, 2024.")
    assert got["December 29"] == "2024-12-29"
    assert got["March 3"] == "2024-03-03"


def test_without_a_dateline_a_day_keeps_no_year():
    assert _dates("The call is on Thursday, February 13.")["Thursday, February 13"] == "--02-13"


def test_without_a_dateline_a_weekday_picks_the_one_year_the_release_prints_that_agrees():
    # February 13 is a Thursday in 2025, a Tuesday in 2024
    got = _dates("Results for 2024 were filed on January 30, 2025 and February 1, 2024. The call is on Thursday, February 13.")
    assert got["Thursday, February 13"] == "2025-02-13"

"""The period a clause names, as every binding across sentences compares them (`subjects.period_of`): years
printed in two digits after a fiscal year's, a quarter's or a half's name are years like any other."""

import pytest

from extractor.facts.subjects import period_of


@pytest.mark.parametrize("text, years, quarters, full", [
    ("in its Q3'25 offering", {"2025"}, {3}, False),
    ("for Q4 '24", {"2024"}, {4}, False),
    ("3Q24 revenue", {"2024"}, {3}, False),
    ("for FY25 was", {"2025"}, set(), True),
    ("for FY'24", {"2024"}, set(), True),
    ("1H25 sales", {"2025"}, set(), False),
    ("Q3 FY25 sales", {"2025"}, {3}, False),
    ("for fiscal year 2025", {"2025"}, set(), True),
    # an apostrophe of possession and a bare two-digit number name no year
    ("the company's 25 stores", set(), set(), False),
    ("HQ2 opened", set(), set(), False),
])
def test_a_clause_names_its_period(text, years, quarters, full):
    assert period_of(text) == (frozenset(years), frozenset(quarters), full)

"""A headline figure restated nowhere and the one body figure of its kind modifying its phrase, one misprint
apart (`extractor/facts/restateheadslips.py`): bound whatever the two values, so a slip in either shows; a
second body figure so named, or periods apart, bind nothing."""

import pytest

from restated import bound, flagged

HEAD = "Tessar Secures {} Term Loan\n\nNEW YORK, May 2, 2025 -- Tessar Inc. closed a {} term loan with banks."


@pytest.mark.parametrize("head, body, slip", [
    ("$340 Million", "$390 million", "mistyped"),
    ("$345 Million", "$354 million", "transposed"),
    ("$345 Million", "$345 billion", "scale"),
])
def test_a_slip_in_the_body_printing_shows(engine, head, body, slip):
    sheet = engine.analyze(HEAD.format(head, body), "x.txt")
    assert bound(sheet)[body][1] in ("misprint", "subject")
    assert any(body in m for m in flagged(sheet))


def test_the_headline_printing_slipped_too(engine):
    sheet = engine.analyze(HEAD.format("$390 Million", "$340 million"), "x.txt")
    assert flagged(sheet)


def test_a_second_figure_so_named_is_a_series(engine):
    text = ("Tessar Secures $340 Million Term Loan\n\nNEW YORK, May 2, 2025 -- Tessar Inc. closed a $390 million "
            "term loan with banks. It repaid a $120 million term loan.")
    assert not flagged(engine.analyze(text, "x.txt"))


def test_periods_apart_bind_nothing(engine):
    text = ("Norra Sees 2025 Revenue of $45 Million\n\nSTOCKHOLM, May 2, 2025 -- Norra expects revenue of "
            "$54 million in 2026.")
    sheet = engine.analyze(text, "x.txt")
    assert "$54 million" not in bound(sheet) and not flagged(sheet)

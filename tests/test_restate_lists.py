"""Each figure of a "respectively" list restates the row its own piece of the list names
(`extractor/facts/restatelists.py`), so a slip in a figure that is not the list's last is flagged."""

import pytest

from restated import bound

TABLE = ("\n\n| (in thousands) | Three Months Ended December 31, 2024 | Three Months Ended December 31, 2023 |\n"
         "|---|---|---|\n| Free cash flow | 39,712 | 31,050 |\n| Free cash flow margin | 33.8% | 30.1% |\n"
         "| Revenue | 117,480 | 98,310 |\n")


@pytest.mark.parametrize("sentence", [
    "For the fourth quarter of 2024, free cash flow and free cash flow margin were $93.7 million and 33.8%, "
    "respectively.",
    "Revenue, free cash flow and free cash flow margin for the fourth quarter of 2024 were $117.5 million, "
    "$93.7 million and 33.8%, respectively.",
])
def test_a_slip_in_a_listed_figure_is_bound_to_its_own_pieces_row_and_flagged(engine, sentence):
    sheet = engine.analyze(sentence + TABLE, "x.md")
    assert bound(sheet)["$93.7 million"] == ("39,712", "row")
    (message,) = [f.message for f in sheet.findings if f.rule == "restated-value"]
    assert message.startswith("$93.7 million differs from 39,712") and message.endswith("two digits look transposed")


def test_two_names_for_three_figures_bind_no_figure_by_its_piece(engine):
    sentence = ("For the fourth quarter of 2024, free cash flow and free cash flow margin were $93.7 million, "
                "$5.0 million and 33.8%, respectively.")
    sheet = engine.analyze(sentence + TABLE, "x.md")
    assert "$93.7 million" not in bound(sheet)
    assert not [f for f in sheet.findings if f.rule == "restated-value"]

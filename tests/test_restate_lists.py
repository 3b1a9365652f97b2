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


SPANS = ("\n\n| (in thousands) | Three Months Ended December 31, 2024 | Three Months Ended December 31, 2023 | "
         "Year Ended December 31, 2024 | Year Ended December 31, 2023 |\n|---|---|---|---|---|\n"
         "| Sales | 31,207 | 27,911 | 117,412 | 113,188 |\n")


def test_a_list_of_two_spans_is_no_list_of_years(engine):
    # "2023" after "respectively" names the compared figures; the list is of the quarter and the full year, so
    # the full year's figure (slipped) is never bound to the prior year's quarter
    sentence = ("Sales were $31.2 million and $171.4 million for the fourth quarter and full year 2024, "
                "respectively, compared with $27.9 million and $113.2 million in 2023.")
    sheet = engine.analyze(sentence + SPANS, "x.md")
    assert bound(sheet).get("$171.4 million", ("",))[0] != "27,911"

"""A sentence and the cell it restates one misprint apart, when the sentence names the row otherwise than right
before its figure (`extractor/facts/restatecellslips.py`); and two sentences printing one figure whole a
thousand-fold apart (`restatemisprints.py`)."""

import pytest

from conftest import REAL, need_shared
from restated import bound, flagged

TABLE = ("\n\n| (in thousands) | Three Months Ended December 31, 2024 | Three Months Ended December 31, 2023 |\n"
         "|---|---|---|\n| Net revenues | 48,112 | 39,950 |\n| Operating income | 6,912 | 5,104 |\n")


def _sheet(engine, prose: str, table: str = TABLE):
    return engine.analyze(prose + table, "x.txt")


@pytest.mark.parametrize("figure, slip", [
    ("$84.1 million", "two digits look transposed"),
    ("$45.1 million", "one digit looks mistyped"),
    ("$48.1 billion", "a thousand times too large"),
])
def test_a_sentence_naming_its_row_after_the_figure(engine, figure, slip):
    sheet = _sheet(engine, f"For the fourth quarter of 2024, the company reported {figure} of net revenues, on volume.")
    assert bound(sheet)[figure] == ("48,112", "cell-misprint")
    assert [m for m in flagged(sheet) if slip in m]


def test_the_slip_in_the_cell(engine):
    sheet = _sheet(engine, "For the fourth quarter of 2024, the company reported $48.1 million of net revenues.",
                   TABLE.replace("48,112", "84,112"))
    assert bound(sheet)["$48.1 million"] == ("84,112", "cell-misprint")
    assert "two digits look transposed" in flagged(sheet)[0]


def test_two_digits_swapped_in_a_figure_of_two(engine):
    sheet = _sheet(engine, "For the fourth quarter of 2024, the company reported $96 million of operating income.",
                   TABLE.replace("6,912", "69,212"))
    assert bound(sheet)["$96 million"] == ("69,212", "cell-misprint")
    assert "two digits look transposed" in flagged(sheet)[0]


@pytest.mark.parametrize("prose", [
    # another basis of the row's measure is another figure
    "For the fourth quarter of 2024, the company reported $84.1 million of adjusted net revenues.",
    # a figure looked ahead restates no table
    "For the fourth quarter of 2025, the company expects $84.1 million of net revenues.",
    # two digits apart in a figure of two digits: as likely another figure
    "In the fourth quarter of 2024, the company reported $58 million of net revenues.",
    # the year's figure is not the quarter's cell
    "For the full year 2024, the company reported $84.1 million of net revenues.",
])
def test_no_binding(engine, prose):
    sheet = _sheet(engine, prose)
    assert not [f for f in sheet.facts if f.attributes.get("by") == "cell-misprint"]
    assert not flagged(sheet)


def test_the_last_of_a_list_is_not_its_total(engine):
    table = "\n\n| | December 31, 2024 | December 31, 2023 |\n|---|---|---|\n| Marketable securities | $ 48,112 | $ 39,950 |\n"
    sheet = _sheet(engine, "At December 31, 2024, the company held $84.1 million in cash, cash equivalents and "
                           "marketable securities.", table)
    assert not bound(sheet) and not flagged(sheet)


def test_a_cell_another_sentence_restates_takes_no_mistyped_digit(engine):
    # the row restated correctly elsewhere: a figure one digit from it may be another figure of that name
    sheet = _sheet(engine, "Net revenues for the fourth quarter of 2024 were $48.1 million. For the fourth quarter "
                           "of 2024, the company reported $45.1 million of net revenues from stores.")
    assert not flagged(sheet)


WHOLE = "Kestrel Closes Land Sale\n\nKestrel said the parcel was sold for {a} in cash.\n\nUnder the agreement the buyer paid {b} in cash for the parcel."


def test_a_figure_printed_whole_three_zeros_off(engine):
    sheet = engine.analyze(WHOLE.format(a="$45,000", b="$45,000,000"), "x.txt")
    assert bound(sheet)["$45,000,000"] == ("$45,000", "misprint")
    assert "a thousand times too large" in flagged(sheet)[0]


@pytest.mark.parametrize("a, b", [
    ("$100,000", "$100,000,000"),    # one significant digit: two round figures as likely
    ("$45,000", "$45.0 million"),    # only one prints a scale word
])
def test_no_thousand_fold_slip(engine, a, b):
    assert not flagged(engine.analyze(WHOLE.format(a=a, b=b), "x.txt"))


def test_a_rounded_figure_is_restated_too(engine):
    sheet = engine.analyze("Adjusted operating income for the fourth quarter of 2024 was approximately $48.2 million."
                           "\n\nFourth quarter adjusted operating income rose 9% to $42.8 million, on savings.", "x.txt")
    assert "two digits look transposed" in flagged(sheet)[0]



def test_a_figure_in_a_pipe_row_no_table_was_read_from(engine):
    # a real release's outlook grid ("2025 Financial Outlook", then "| Interest paid | $260 million |", a row the
    # table reader does not read) names its figure by the row and its period by the grid's header: no sentence's,
    # so it is bound by no misprint to the statement's "Interest paid" cell (160) for 2024 (flagged once the run
    # of pipe lines holding the statements was read as the several tables it is)
    need_shared(REAL)
    path = REAL / "bulwark_wire" / "globenewswire_tagreuters.com_2025-02-11newsml_GNXb35SQ40.txt"
    sheet = engine.analyze(path.read_text(encoding="utf-8"), str(path))
    assert "$260 million" not in bound(sheet)
    assert not [m for m in flagged(sheet) if "$260 million" in m]

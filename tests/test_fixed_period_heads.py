"""A fixed-width table whose header a wire printed with single spaces: its quarters and fiscal years, one a column,
name the columns' periods (extractor/document/fixed.py, `_period_heads`)."""

import pytest

from extractor.document import find_tables

QUARTERS = ("```\n\nService statistics\n"
            "Region Q4 2023 Q1 2024 Q2 2024 Q3 2024 Q4 2024*\n"
            "------------------------- ------- ------- ------- ------- --------\n"
            "Share of tickets escalated 3.1 % 3.2 % 3.0 % 3.2 % 2.7 %\n"
            "------------------------- ------- ------- ------- ------- --------\n"
            "Resolved within a day 87.4 % 87.1 % 86.8 % 87.3 % 92.2 %\n```\n")


def _periods(text):
    (table,) = find_tables(text)
    return {c.column: c.column_path for c in table.cells if c.row_label == "Resolved within a day"}


def test_quarters_printed_with_single_spaces_name_their_columns():
    assert _periods(QUARTERS) == {1: "Q4 2023", 2: "Q1 2024", 3: "Q2 2024", 4: "Q3 2024", 5: "Q4 2024*"}


def test_a_header_naming_fewer_periods_than_columns_names_none():
    # "Q4 2024 Q4 2023 Change" over three columns: two periods, three columns, and no guess which is which
    text = QUARTERS.replace("Q1 2024 Q2 2024 Q3 2024 Q4 2024*", "Q1 2024 Change")
    assert set(_periods(text).values()) == {None}


def test_a_header_with_another_figure_is_no_header_of_periods():
    text = QUARTERS.replace("Region Q4 2023", "Region 12 Q4 2023")
    assert set(_periods(text).values()) == {None}


CHANGES = ("```\n\nUSD millions\n"
           "(except per share) Q4 2024 Q3 2024 QoQ Q4 2023 YoY\n"
           "------------------- ------ ------ ----- ------ -----\n"
           "Revenues 882 881 0% 908 -3%\n"
           "Gross profit 239 262 -9% 260 -8%\n```\n")


def test_a_word_no_column_has_makes_the_line_no_header():
    (table,) = find_tables(CHANGES.replace("Q4 2023 YoY", "Q4 2023 YoY basis"))
    assert {c.column_path for c in table.cells if c.row_label == "Revenues"} == {None}


def test_a_title_naming_periods_is_no_header():
    text = QUARTERS.replace("Region Q4 2023 Q1 2024 Q2 2024 Q3 2024 Q4 2024*",
                            "Results, Q4 2023 and Q1 2024 Q2 2024 Q3 2024 Q4 2024 (unaudited)")
    assert set(_periods(text).values()) == {None}


# a wire's short heads: a quarter or a run of months glued to a two-digit year
SHORT = ("```\n\n(Unaudited) Q4'25 Q4'24 Change 12M'25 12M'24 Change\n$ in millions\n\n"
         "Net income 201.3 182.5 10% 760.2 642.5 18%\n"
         "Segment EBITDA 191.7 204.6 (6)% 773.4 792.3 (2)%\n```\n")


def test_periods_glued_to_two_digit_years_name_their_columns():
    (table,) = find_tables(SHORT)
    heads = {c.column: c.column_path for c in table.cells if c.row_label == "Net income"}
    assert heads == {1: "Q4'25", 2: "Q4'24", 3: "Change", 4: "12M'25", 5: "12M'24", 6: "Change"}


def test_a_short_head_reads_as_its_period():
    from extractor.quantities.column_periods import header_period

    assert (header_period("Q4'24").quarter, header_period("Q4'24").year) == (4, 2024)
    assert (header_period("4Q25").quarter, header_period("4Q25").year) == (4, 2025)
    assert (header_period("12M'24").months, header_period("9M 24").months, header_period("1H25").months) == (12, 9, 6)
    # a two-digit figure after a quarter's own year is no year ("Q4 2024 24 weeks"), nor a word glued after it
    assert header_period("Q4'24s") is None and header_period("Q4 2024").year == 2024


# a change column named with its sign ("$ Change", "% Change"), under a header of stacked periods; the statement
# prints its "$" in the current period's column only, and the prior period's column beside it holds amounts too
SIGNED_CHANGES = ("```\n\nThree months ended Six months ended\nDec. Dec. Dec. Dec.\n31, 31, 31, 31,\n"
                  "(in millions) 2024 2023 $ Change % Change 2024 2023 $ Change % Change\n\n"
                  "Earnings from\noperations $ 13.0 11.4 $ 1.7 15 % $ 28.0 22.8 $ 5.2 23 %\n"
                  "Adjusted EBITDA $ 17.2 15.7 $ 1.5 10 % $ 36.7 33.7 $ 3.0 9 %\n```\n")


@pytest.mark.parametrize("text, row, heads", [
    # change columns between the periods ("QoQ", "YoY") are columns too
    (CHANGES, "Revenues", {1: "Q4 2024", 2: "Q3 2024", 3: "QoQ", 4: "Q4 2023", 5: "YoY"}),
    # and named with their sign
    (SIGNED_CHANGES, "Adjusted EBITDA", {1: "Three months ended > Dec. 31, > 2024", 2: "Three months ended > Dec. 31, > 2023",
                                        3: "$ Change", 4: "% Change", 5: "Six months ended > Dec. 31, > 2024",
                                        6: "Six months ended > Dec. 31, > 2023", 7: "$ Change", 8: "% Change"}),
])
def test_change_columns_are_columns_under_their_heads(text, row, heads):
    (table,) = find_tables(text)
    assert {c.column: c.column_path for c in table.cells if c.row_label == row} == heads


def test_a_prior_period_column_under_stacked_headings_holds_amounts_beside_the_signed_one():
    (table,) = find_tables(SIGNED_CHANGES)
    assert {2, 6} <= table.money_columns

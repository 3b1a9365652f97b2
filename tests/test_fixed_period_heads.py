"""A fixed-width table whose header a wire printed with single spaces: its quarters and fiscal years, one a column,
name the columns' periods (extractor/document/fixedheads.py, `period_heads`)."""

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


def _heads(text, label):
    """Each column's header, from the one table of the text, in the row of that label."""
    (table,) = find_tables(text)
    return {c.column: c.column_path for c in table.cells if c.row_label == label}


# a balance sheet's columns are days, each printed whole on the header line
BALANCE = ("```\n\nCondensed Balance Sheets\n(in thousands)\n"
           "ASSETS December 31, 2025 December 31, 2024\n"
           "--------------------- ----------------- -----------------\n\n"
           "Cash and cash equivalents $ 41,210 $ 38,904\n"
           "Accounts receivable 12,877 11,506\n```\n")


def test_days_printed_whole_name_their_columns():
    heads = _heads(BALANCE, "Accounts receivable")
    assert heads == {1: "December 31, 2025", 2: "December 31, 2024"}


def test_days_with_a_change_column_and_a_bracketed_percent_sign():
    text = BALANCE.replace("ASSETS December 31, 2025 December 31, 2024",
                           "(In thousands of euros) Dec 31, 2025 Dec 31, 2024 Change (%)").replace(
        "$ 41,210 $ 38,904", "$ 41,210 $ 38,904 5.9%").replace("12,877 11,506", "12,877 11,506 11.9%")
    heads = _heads(text, "Accounts receivable")
    assert heads == {1: "Dec 31, 2025", 2: "Dec 31, 2024", 3: "Change (%)"}


# the day numbers under a line of months, with the spans above: each column's full header
STACKED = ("```\n\n(in thousands, except per share data)\n\n"
           "Quarters Ended Years Ended\n"
           "-------------------- ------------------------\n"
           "December December December December\n"
           "27, 2025 28, 2024 % Change 27, 2025 28, 2024 % Change\n"
           "--------- --------- ----------- ----------- ----------- ----------\n"
           "Segment net sales:\n\n"
           "North $512,340 $498,120 2.9% $2,101,778 $2,054,310 2.3%\n"
           "South 210,006 201,995 4.0 811,450 790,115 2.7\n```\n")


def test_days_under_a_line_of_months_take_the_spans_above():
    heads = _heads(STACKED, "South")
    assert heads == {1: "Quarters Ended > December > 27, 2025", 2: "Quarters Ended > December > 28, 2024",
                     3: "% Change", 4: "Years Ended > December > 27, 2025", 5: "Years Ended > December > 28, 2024",
                     6: "% Change"}


def test_a_span_over_each_dated_column():
    # "Three Months Ended  Three Months Ended" over two whole days: no run of periods ends, yet each is a span's
    text = BALANCE.replace("(in thousands)\n", "Three Months Ended Three Months Ended\n(in thousands)\n").replace(
        "ASSETS December 31, 2025", "share data) December 31, 2025")
    heads = _heads(text, "Accounts receivable")
    assert heads == {1: "Three Months Ended > December 31, 2025", 2: "Three Months Ended > December 31, 2024"}


@pytest.mark.parametrize("line, heads", [
    ("Q4 2025 Q3 2025 Q4 2024 Q/Q Y/Y FY 2025 FY 2024 FY/FY",
     ["Q4 2025", "Q3 2025", "Q4 2024", "Q/Q", "Y/Y", "FY 2025", "FY 2024", "FY/FY"]),
    # a currency's impact between the reported and the constant-currency change, a footnote mark after the last
    ("(Unaudited) 31, 2025 31, 2024 % Change Impact Change (2)", ["31, 2025", "31, 2024", "% Change", "Impact", "Change"]),
    ("(Unaudited) 31, 2025 31, 2024 (Decrease) Impact (Decrease)(1)",
     ["31, 2025", "31, 2024", "(Decrease)", "Impact", "(Decrease)(1)"]),
    ("12/31/2025 12/31/2024", ["12/31/2025", "12/31/2024"]),
    # a span and its day before the periods: each period's, the change column's not
    ("Six months ended December 31 2025 2024 Change (%)",
     ["Six months ended December 31 > 2025", "Six months ended December 31 > 2024", "Change (%)"]),
    # a day before the periods that no span names is a figure: no header
    ("Region December 31 2025 2024 Change", None),
    # a footnote mark glued to a head is the head's
    ("Lines of Trade 2025(1) 2024(2)", ["2025(1)", "2024(2)"]),
    # words among the periods are a title's
    ("Results, Q4 2025 and Q4 2024 (unaudited)", None),
    ("December 31, 2025 compared with December 31, 2024", None),
])
def test_period_heads_of_a_line(line, heads):
    from extractor.document.fixedheads import period_heads
    assert period_heads(line) == heads


def test_a_day_without_its_month_is_its_year():
    from extractor.quantities.column_periods import header_period
    period = header_period("28, 2024")
    assert (period.kind, period.year) == ("year", 2024)
    assert (header_period("2024(1)").kind, header_period("2024(1)").year) == ("year", 2024)

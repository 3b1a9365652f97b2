"""A fixed-width statement's columns under spans: "Three Months Ended" and "Year Ended" over one line of years, the
days maybe stacked above the years. Each column's header names its span and day, so the quarter's 2024 column
and the year's are two periods (extractor/document/fixedheads.py)."""

from extractor.document import find_tables
from extractor.document.fixedheads import column_heads
from extractor.quantities.column_periods import header_period

STACKED = ("```\n\nHarbor Lane Foods, Inc.\nStatements of Operations\n(in thousands)\n\n"
           "Three Months Ended Year Ended\n"
           "--------------------------------- --------------------\n"
           "December September December December December\n"
           "27, 28, 29, 27, 29,\n"
           "2025 2025 2024 2025 2024\n"
           "--------- ---------- -------- --------- --------\n"
           "Net sales $ 61,240 $ 58,902 $ 55,117 $ 233,415 $ 214,006\n"
           "Cost of sales 40,118 38,455 36,920 152,760 141,877\n"
           "-------- --------- ------- -------- -------\n"
           "Gross profit 21,122 20,447 18,197 80,655 72,129\n```\n")


def _heads(text, label="Net sales"):
    (table,) = find_tables(text)
    return {c.column: c.column_path for c in table.cells if c.row_label == label}


def test_spans_and_stacked_days_name_each_column():
    assert _heads(STACKED) == {1: "Three Months Ended > December 27, > 2025",
                               2: "Three Months Ended > September 28, > 2025",
                               3: "Three Months Ended > December 29, > 2024",
                               4: "Year Ended > December 27, > 2025",
                               5: "Year Ended > December 29, > 2024"}
    quarter, year = (header_period(_heads(STACKED)[k]) for k in (1, 4))
    assert (quarter.months, quarter.end, year.months, year.end) == (3, "2025-12-27", 12, "2025-12-27")


PAIRS = ("```\n\nThree months ended December 31, Years ended December 31,\n"
         "---------------------------------- --------------------------------------\n"
         "2025 2024 % Change 2025 2024 % Change\n"
         "----- ----- ---------- ------- ------- ----------\n"
         "(In millions)\n"
         "Revenue $ 412 $ 380 8.4 % $ 1,602 $ 1,511 6.0 %\n"
         "Operating income 61 52 17.3 % 240 228 5.3 %\n```\n")


def test_each_span_takes_one_run_of_years():
    lines = ["Three months ended December 31, Years ended December 31,"]
    assert column_heads(lines, ["2025", "2024", "2025", "2024"]) == [
        "Three months ended December 31, > 2025", "Three months ended December 31, > 2024",
        "Years ended December 31, > 2025", "Years ended December 31, > 2024"]


def test_change_columns_stand_in_their_span_and_keep_their_own_header():
    lines = ["Three months ended December 31, Years ended December 31,"]
    heads = column_heads(lines, ["2025", "2024", "% Change", "2025", "2024", "% Change"])
    assert heads[2] == heads[5] == "% Change" and heads[3] == "Years ended December 31, > 2025"


def test_a_span_wrapped_onto_the_next_line_keeps_its_day():
    lines = ["Three months ended", "December 31, Years ended December 31,"]
    assert column_heads(lines, ["2025", "2024", "2025", "2024"])[0] == "Three months ended December 31, > 2025"


def test_spans_that_could_stand_over_either_pair_name_no_column():
    # "Three Months ended" alone above "Year ended December 31, December 31,": the upper span may be the right pair's
    lines = ["Three Months ended", "Year ended December 31, December 31,"]
    assert column_heads(lines, ["2025", "2024", "2025", "2024"]) is None


def test_runs_that_are_not_one_a_span_name_no_column():
    # three runs of years (2025 2024 | 2025 | 2025 2024) under two spans: which span is over the middle one is unknown
    assert column_heads(["Three Months Ended Year Ended"], ["2025", "2024", "2025", "2025", "2024"]) is None
    # three days over five columns: neither one a column nor one a span
    lines = ["Three Months Ended Year Ended", "December 31, September 30, December 31,"]
    assert column_heads(lines, ["2025", "2024", "2025", "2025", "2024"]) is None


def test_a_sentence_naming_a_period_is_no_span():
    lines = ["the following tables reconcile results for the quarter and year ended December 28,"]
    assert column_heads(lines, ["2025", "2024"]) is None


def test_a_single_year_is_no_header_of_columns():
    assert column_heads(["Year Ended December 31,"], ["2025"]) is None


def test_a_header_of_spans_left_unread_keeps_its_years():
    text = STACKED.replace("27, 28, 29, 27, 29,\n", "27, 28, 29,\n")
    assert _heads(text) == {1: "2025", 2: "2025", 3: "2024", 4: "2025", 5: "2024"}


def test_years_with_change_columns_between_them_are_a_header():
    # "2025 2024 % Change 2025 2024 % Change" under the spans: the change columns keep their own header
    assert _heads(PAIRS, "Revenue") == {1: "Three months ended December 31, > 2025",
                                        2: "Three months ended December 31, > 2024", 3: "% Change",
                                        4: "Years ended December 31, > 2025", 5: "Years ended December 31, > 2024",
                                        6: "% Change"}


def test_a_header_of_periods_below_rows_starts_the_next_table():
    text = PAIRS.replace("Operating income 61 52 17.3 % 240 228 5.3 %\n",
                         "Operating income 61 52 17.3 % 240 228 5.3 %\n\n2025 2024 Change 2025 2024 Change\n"
                         "Stores 210 190 20 410 380 30\nOutlets 64 60 4 124 118 6\n")
    tables = find_tables(text)
    assert len(tables) == 2
    assert {c.column_path for c in tables[1].cells if c.column == 3} == {"Change"}

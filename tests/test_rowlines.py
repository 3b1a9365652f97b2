"""Tables printed a row a line or a paragraph, cells separated by single spaces (document/rowlines.py)."""

from decimal import Decimal

from extractor import check_text, extract
from extractor.document import find_tables

STATEMENT = """Harborline Sensors Reports Results

Harborline Sensors, Inc. today reported total revenue of $21.4 million for the quarter.

HARBORLINE SENSORS, INC.
CONDENSED STATEMENTS OF OPERATIONS
(in thousands, except per share data)
Three Months Ended
June 28, 2025 June 29, 2024
Revenue:
Devices $ 17,350 $ 15,910
Services 4,050 3,620
Total revenue 21,400 19,530
Cost of revenue 9,120 8,840
Gross profit 12,280 10,690
Operating expenses:
Engineering 5,010 4,470
Selling, general and administrative 4,180 4,020
Restructuring 250 —
Total operating expenses 9,440 8,490
Operating income $ 2,840 $ 2,200
Net income per share:
Basic $ 0.19 $ 0.15
Diluted $ 0.18 $ 0.14
"""

PARAGRAPHS = """Milestone payments under our licences:

Licensee Field Received Still Payable

Northgate Therapeutics Cardiology $150,000 $2,850,000

Pellham Bio Ltd. Dermatology (topical) $90,000 $1,410,000

Total $240,000 $4,260,000

Further payments depend on each licensee's progress.
"""


def rows_of(table):
    rows = {}
    for c in table.cells:
        rows.setdefault(c.row_path or c.row_label, []).append(c.text)
    return rows


def test_a_statement_printed_a_row_a_line_is_read_with_its_sections_periods_and_note():
    (table,) = find_tables(STATEMENT)
    assert table.format == "lines" and table.columns == 3 and table.scale == Decimal(1000)
    rows = rows_of(table)
    assert rows["Revenue: > Devices"] == ["17,350", "15,910"]
    assert rows["Revenue: > Total revenue"] == ["21,400", "19,530"]
    assert rows["Operating expenses: > Restructuring"] == ["250"]  # the dash is nil
    assert rows["Net income per share: > Diluted"] == ["0.18", "0.14"]
    heads = {c.column: c.column_path for c in table.cells}
    assert heads == {1: "Three Months Ended June 28, 2025", 2: "Three Months Ended June 29, 2024"}
    got = {m.text: (m.kind, m.value) for m in extract(STATEMENT).mentions if m.cell}
    assert got["17,350"] == ("money", "17350000") and got["0.19"] == ("price", "0.19")


def test_rows_printed_a_paragraph_each_under_a_header_of_words():
    (table,) = find_tables(PARAGRAPHS)
    assert table.format == "lines" and table.scale is None
    assert rows_of(table) == {"Northgate Therapeutics Cardiology": ["150,000", "2,850,000"],
                              "Pellham Bio Ltd. Dermatology (topical)": ["90,000", "1,410,000"],
                              "Total": ["240,000", "4,260,000"]}


def test_a_total_that_no_rounding_saves_is_flagged_in_such_a_table():
    wrong = STATEMENT.replace("Gross profit 12,280 10,690", "Gross profit 12,820 10,690")
    assert not [f for f in check_text(STATEMENT).findings if f.severity == "error"]
    errors = [f for f in check_text(wrong).findings if f.severity == "error"]
    assert errors and "12,820" in errors[0].message and "12,280" in errors[0].message


def test_a_row_that_cannot_be_placed_ends_the_table_and_is_left_out():
    text = STATEMENT.replace("Services 4,050 3,620", "Services 4,050 3,620 11.9%")
    tables = find_tables(text)
    cells = [c.text for t in tables for c in t.cells]
    assert "4,050" not in cells and "11.9%" not in cells  # never guessed into the columns
    assert "17,350" not in cells  # one row above it is too few for a table
    assert "21,400" in cells and "0.18" in cells  # the rows below it are a table of their own


def test_rows_a_blank_line_apart_from_rows_printed_line_after_line_are_another_table():
    tables = find_tables(STATEMENT + "\n" + PARAGRAPHS)
    assert [t.format for t in tables] == ["lines", "lines"]
    assert {c.row_label for c in tables[1].cells} == {"Northgate Therapeutics Cardiology",
                                                       "Pellham Bio Ltd. Dermatology (topical)", "Total"}


def test_lines_of_codes_and_prose_are_no_table():
    contacts = ("Investor contact\n410 Pine Street, Suite 12\nPortland, OR 97205\nTel: (503) 555-0142\n"
                "Fax: (503) 555-0199\nToll free: (800) 555-0100\n")
    phones = "Dial in:\nCanada: +1 416 555 01 23\nGermany: +49 30 555 01 23\nJapan: +81 3 5555 01 23\n"
    assert find_tables(contacts) == [] and find_tables(phones) == []
    prose = ("Revenue grew to 4,100 units in 2025 from 3,900 units 2024 2023\n"
             "The company opened 12 stores and closed 3 stores 2024 2023\n"
             "Headcount was 410 at year end against 380 2024 2023\n")
    assert find_tables(prose) == []


def test_a_footnote_mark_after_a_label_and_a_percent_sign_printed_apart():
    text = """Key figures
Fiscal 2025 Fiscal 2024
Net sales $ 8,410 $ 7,960
Adjusted EBITDA (1) 1,262 1,111
Gross margin 41.2 % 39.8 %
Free cash flow 655 590
"""
    (table,) = find_tables(text)
    rows = rows_of(table)
    assert rows["Adjusted EBITDA (1)"] == ["1,262", "1,111"]
    assert rows["Gross margin"] == ["41.2", "39.8"]
    assert all(c.percent for c in table.cells if c.row_label == "Gross margin")
    assert not any(c.percent for c in table.cells if c.row_label == "Free cash flow")


def test_rows_of_dashes_end_a_table_without_a_figure_to_place():
    text = ("Cash flow items\nInterest paid $ 1,204 $ 1,180\nIncome taxes paid 310 295\nLeases signed 2,050 1,870\n"
            "Dividends declared — —\n")
    (table,) = find_tables(text)
    assert [c.text for c in table.cells][-2:] == ["2,050", "1,870"] and table.end == text.index("1,870") + 5
    assert find_tables("Fees\nA — —\nB — —\nC — —\n") == []


def test_a_year_ending_a_label_before_grouped_amounts_is_the_label_s():
    text = """Debt
(in thousands)
Revolving credit facility $ 12,000 $ 15,500
Senior notes due 2030 250,000 250,000
Term loan 38,750 41,250
Total debt $ 300,750 $ 306,750
"""
    (table,) = find_tables(text)
    assert rows_of(table)["Senior notes due 2030"] == ["250,000", "250,000"]
    assert not [f for f in check_text(text).findings if f.severity == "error"]


def test_a_change_column_after_the_periods_is_named_and_checked():
    text = """Segment revenue
(in thousands)
Three Months Ended
June 28, 2025 June 29, 2024 % Change
Devices $ 17,350 $ 15,910 9.1%
Services 4,050 3,620 11.9%
Total revenue 21,400 19,530 9.6%
"""
    (table,) = find_tables(text)
    assert {c.column: c.column_path for c in table.cells} == {
        1: "Three Months Ended June 28, 2025", 2: "Three Months Ended June 29, 2024", 3: "% Change"}
    assert not [f for f in check_text(text).findings if f.severity in ("error", "warning")]
    errors = [f for f in check_text(text.replace("11.9%", "19.1%")).findings if f.severity == "error"]
    assert errors and "19.1%" in errors[0].message and "11.9%" in errors[0].message


def test_a_nil_printed_with_its_sign_and_an_equity_caption_keep_their_labels():
    text = """CONDENSED BALANCE SHEETS
(In millions)
March 31, 2025 December 31, 2024
Cash and cash equivalents $ 1,210 $ 1,045
Short-term investments $ — $ 300
Common stock, $0.0001 par value; 900 shares authorized; 455 and 457 shares issued 0.1 0.1
Treasury stock, at cost (12 and 10 shares) (1,430) (1,210)
"""
    (table,) = find_tables(text)
    assert table.scale == Decimal(1000000)
    assert rows_of(table) == {
        "Cash and cash equivalents": ["1,210", "1,045"], "Short-term investments": ["300"],
        "Common stock, $0.0001 par value; 900 shares authorized; 455 and 457 shares issued": ["0.1", "0.1"],
        "Treasury stock, at cost (12 and 10 shares)": ["(1,430)", "(1,210)"]}


def test_a_statement_resumed_after_a_spacer_or_under_a_heading_with_a_colon_is_one_table():
    text = STATEMENT.replace("Gross profit 12,280 10,690\n", "Gross profit 12,280 10,690\n\n").replace(
        "Total operating expenses 9,440 8,490\n", "Total operating expenses 9,440 8,490\n\n")
    (table,) = find_tables(text)
    assert {c.column_path for c in table.cells if c.row_label == "Operating income"} == {
        "Three Months Ended June 28, 2025", "Three Months Ended June 29, 2024"}
    errors = [f for f in check_text(text.replace("Operating income $ 2,840", "Operating income $ 2,480")).findings
              if f.severity == "error"]
    assert errors and "2,480" in errors[0].message  # gross profit less the operating expenses, across the spacer


def test_a_header_of_quarters_names_the_columns_and_is_no_row():
    text = "Results (in millions)\nQ4 2025 Q4 2024\nRevenue $ 1,200 $ 1,100\nCost of sales 500 450\nGross profit 700 650\n"
    (table,) = find_tables(text)
    assert rows_of(table) == {"Revenue": ["1,200", "1,100"], "Cost of sales": ["500", "450"],
                              "Gross profit": ["700", "650"]}
    assert {c.column_path for c in table.cells} == {"2025", "2024"}

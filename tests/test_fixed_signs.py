"""Fixed-width tables that print their signs once: a "%" on the first row only, and footnote marks after a
label that read like a first figure (extractor/document/fixed.py)."""

from extractor import extract
from extractor.document import find_tables

STATEMENT = ("```\n                         Three Months Ended June 30,\n"
             "                     2025        2024      Change    % Change\n"
             "------------------ ----------- ----------- ---------- ---------\n"
             "Net sales          $   840     $   700     $   140       20 %\n"
             "Gross profit (1)       300         240          60        25\n"
             "Operating loss         (30)        (40)         10        25\n"
             "Adjusted EBITDA (2,\n3)                     90          75          15        20\n```\n")


def _cells(text):
    (table,) = find_tables(text)
    return {(c.row_label, c.column): c for c in table.cells}


def test_a_percent_printed_on_the_first_row_only_holds_down_its_column():
    cells = _cells(STATEMENT)
    assert [cells[("Gross profit (1)", c)].percent for c in (1, 2, 3, 4)] == [False, False, False, True]
    assert cells[("Operating loss", 4)].percent and not cells[("Operating loss", 1)].percent
    kinds = {m.text: m.kind for m in extract(STATEMENT).mentions if m.cell and m.cell.row_label == "Operating loss"}
    assert kinds == {"(30)": "money", "(40)": "money", "10": "money", "25": "percent"}


def test_without_a_header_naming_a_percentage_the_first_row_says_nothing_of_the_others():
    cells = _cells(STATEMENT.replace("% Change", "  Change"))
    assert not cells[("Gross profit (1)", 4)].percent and cells[("Net sales", 4)].percent


def test_a_first_row_of_rates_without_amounts_marks_no_column():
    text = ("```\n                     2025      2024    % Change\n"
            "Gross margin         41 %      38 %       8 %\n"
            "Revenue               500       450        11\n"
            "Cost of sales         295       279         6\n```\n")
    cells = _cells(text)
    assert not cells[("Revenue", 1)].percent and not cells[("Revenue", 3)].percent


def test_footnote_marks_after_a_label_are_the_labels():
    cells = _cells(STATEMENT)
    assert cells[("Gross profit (1)", 1)].text == "300"
    assert cells[("Adjusted EBITDA (2, 3)", 1)].text == "90"
    assert cells[("Operating loss", 1)].text == "(30)"  # a negative first figure is no mark


def test_a_bracketed_first_figure_is_a_mark_only_when_the_row_has_one_figure_too_many():
    text = ("```\n                     2025      2024\n"
            "Revenue               500       450\n"
            "Other income (4)       12        10\n"
            "Other expense          (4)       (6)\n```\n")
    cells = _cells(text)
    assert cells[("Other income (4)", 1)].text == "12" and cells[("Other expense", 1)].text == "(4)"


def test_a_heading_the_wire_wrapped_after_a_long_line_names_the_rows_below():
    text = ("```\n                                2025      2024\n"
            "Net loss                        (12.5)    (20.0)\n"
            "Basic loss per share            (0.10)    (0.17)\n"
            "Weighted average shares of common stock of the Group\n"
            "outstanding:\n"
            "Basic                           121.4     118.0\n"
            "Diluted                         121.4     118.0\n```\n")
    cells = _cells(text)
    assert cells[("Basic", 1)].row_path == ("Weighted average shares of common stock of the Group outstanding:"
                                            " > Basic")
    sheet = extract("(In millions, except per share data)\n\n" + text)
    counts = {m.text: (m.kind, m.value) for m in sheet.mentions if m.cell and m.cell.row_label == "Diluted"}
    assert counts["121.4"] == ("shares", "121400000")


def test_a_long_prose_line_and_a_heading_apart_are_not_joined():
    text = ("```\n                                2025      2024\n"
            "Revenue                          500       450\n"
            "The figures below are unaudited and rounded to units\n\n"
            "Segments:\n"
            "North                            300       250\n"
            "South                            200       200\n```\n")
    cells = _cells(text)
    assert cells[("North", 1)].row_path == "Segments: > North"


def test_a_unit_note_wrapped_into_the_header_of_periods_scales_only_what_it_names():
    text = ("```\n(In dollars, except\nshares outstanding\npresented in millions)   2025     2024\n"
            "------------------------ -------- --------\n"
            "Diluted earnings per\nshare                    $ 1.20   $ 0.95\n"
            "Add: Restructuring costs    0.10     0.05\n"
            "Adjusted earnings per\nshare                    $ 1.30   $ 1.00\n"
            "Diluted shares\noutstanding                 410      405\n```\n")
    sheet = extract("Earlier table ($ in millions)\n\n```\nRevenue   $ 500   $ 450\nCosts       300     280\n```\n\n" + text)
    got = {m.text: m.value for m in sheet.mentions if m.cell and m.cell.table == 1}
    assert got["0.10"] == "0.10" and got["410"] == "410000000"


def test_a_note_in_the_header_of_periods_scales_its_own_rows_not_the_note_of_the_table_above():
    text = ("```\n(in thousands)\n                 2025     2024\nRevenue         1,200    1,100\nCosts             800      750\n\n"
            "Segment results\n($ in millions)   2025     2024\n----------------- -------- --------\n"
            "Net income      $ 20.5   $ 18.0\nInterest           2.1      2.0\n```\n")
    got = {m.text: m.value for m in extract(text).mentions if m.cell}
    assert got["1,200"] == "1200000" and got["20.5"] == "20500000" and got["2.1"] == "2100000"


# a negative change printed with its unit apart, closing its own bracket, and a nil spelled "n.a.": each a cell,
# so the figures left of them stay the row's and not its label's
BRACKETED = ("```\n(In millions of dollars)      2025      2024     Change\n"
             "Rental income                 412.6     398.1      3.6 %\n"
             "Property expenses             (96.2)    (88.0)     (9.3 %)\n"
             "Disposal gains                 14.0       2.5       n.a.\n"
             "Operating margin               66.1 %    68.0 %    (190 bps)\n```\n")


def test_a_bracketed_change_with_its_unit_apart_and_a_spelled_nil_are_cells_of_their_row():
    got = {m.text: (m.kind, m.value, m.unit, m.cell.row_label) for m in extract(BRACKETED).mentions if m.cell}
    assert got["(96.2)"] == ("money", "-96200000", None, "Property expenses")
    assert got["(9.3"] == ("percent", "-9.3", "%", "Property expenses")
    assert got["14.0"] == ("money", "14000000", None, "Disposal gains")
    assert got["(190"] == ("percent", "-190", "bp", "Operating margin")
    assert got["66.1"][:3] == ("percent", "66.1", "%")


def test_a_lone_row_under_its_own_header_is_no_row_of_the_table_whose_header_follows():
    # one row under its own header of years, then another table's header: its figures would take the other
    # table's columns (and periods) counted from the right
    text = ("```\n                         March 31,   March 31,\n                           2025        2024\n"
            "Net leverage ratio          41%         44%\n\n"
            "                      Three months     Six months\n(In millions)        2025    2024    2025    2024\n"
            "Free cash flow       $ 88      61   $ 140     97\nCapital spending       35      30      70     64\n"
            "Dividends paid         12      12      24     24\n```\n")
    (table,) = find_tables(text)
    assert {c.row_label for c in table.cells} == {"Free cash flow", "Capital spending", "Dividends paid"}
    assert {m.text: (m.kind, m.value) for m in extract(text).mentions}["41%"] == ("percent", "41")


MARKED = ("```\n(In millions)          2025        2024      Change\n"
          "---------------- ----------- ----------- ---------\n"
          "Net sales          $   612.4   $ 1,590.1*      (61)%\n"
          "Dividend per share      1.25        1.10(2)     14 %\n"
          "Operating loss         (30.0)      (41.5)       27 %\n```\n")


def test_a_footnote_mark_glued_to_a_figure_is_no_part_of_it():
    # "1.10(2)", "$ 1,590.1*": the figure is the cell and the row keeps all its figures, scaled by the note
    cells = _cells(MARKED)
    assert cells[("Dividend per share", 2)].text == "1.10" and cells[("Net sales", 2)].text.endswith("1,590.1")
    got = {m.text: (m.kind, m.value) for m in extract(MARKED).mentions if m.cell}
    assert got["1.10"] == ("price", "1.10") and got["1.25"] == ("price", "1.25")
    assert got["1,590.1"] == ("money", "1590100000")


def test_a_year_with_a_mark_glued_stays_the_labels():
    # a whole number with a mark ("2023(1)") may end a label on its year: only decimals or groups are figures
    text = MARKED.replace("Operating loss ", "Capex 2023(1)  ")
    assert ("Capex 2023(1)", 1) in _cells(text)


def test_a_pipe_cell_printing_a_glued_mark_is_its_rows_figure():
    text = ("(in millions, except per share data)\n\n| | 2024 | 2023 |\n|---|---|---|\n"
            "| Revenue | 1,210.4 | 1,300.1(1) |\n| Dividend per share | 5.45(2) | 5.30 |\n| Capex 2023(1) | 4.1 | 3.0* |\n")
    got = {m.text: (m.kind, m.value) for m in extract(text).mentions if m.cell}
    assert got["1,300.1"] == ("money", "1300100000") and got["5.45"] == ("price", "5.45")
    assert got["3.0"] == ("money", "3000000")


def test_one_percent_column_a_header_names_holds_the_one_figure_the_first_row_prints_without_its_dollar():
    text = ("```\n                   2025       2024    % Change\n"
            "Revenue         $ 240.0    $ 200.0        20.0\n"
            "Net income         36.0       30.0        20.0\n```\n")
    cells = _cells(text)
    assert cells[("Net income", 3)].percent and not cells[("Net income", 2)].percent
    # "percent" named only in a note ("except percentages") names no column: nothing is carried
    noted = _cells(text.replace("% Change", "  Change").replace("```\n", "```\n(in millions, except percentages)\n", 1))
    assert not noted[("Net income", 3)].percent

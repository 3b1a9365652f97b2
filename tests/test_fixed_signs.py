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

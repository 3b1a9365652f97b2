"""A range an outlook table prints in one cell ("$590 - $650", "44% - 46%", "2.5% to 3.0%", "4%-6%") is one cell of
two figures, each end of its row and column and naming the other (extractor/document/fixed.py, tables.py)."""

from extractor import extract
from extractor.document import find_tables

OUTLOOK = ("```\n                        Fiscal 2026 Outlook\n"
           "                     2025 Actual      2026 Range        Growth\n"
           "Net sales             $1,480.2     $1,520 -- 1,560      3%-5%\n"
           "Operating income        $210.5       $214 - $222        2%-5%\n"
           "Gross margin             31.8%    32.0% to 32.5%\n```\n")


def _cells(text):
    (table,) = find_tables(text)
    return table


def test_a_range_is_one_column_of_two_ends():
    table = _cells(OUTLOOK)
    assert table.columns == 4
    row = [c for c in table.cells if c.row_label == "Net sales"]
    assert [(c.text, c.column, c.range_end) for c in row] == [
        ("1,480.2", 1, None), ("1,520", 2, "low"), ("1,560", 2, "high"), ("3", 3, "low"), ("5", 3, "high")]
    assert table.grid[[r[0] for r in table.grid].index("Net sales")][2] == "1,520 -- 1,560"


def test_an_end_printing_no_sign_takes_the_others():
    table = _cells(OUTLOOK)
    ends = {(c.row_label, c.range_end): c for c in table.cells if c.column == 2}
    assert ends[("Net sales", "low")].currency and ends[("Net sales", "high")].currency
    assert ends[("Gross margin", "low")].percent and ends[("Gross margin", "high")].percent


def test_the_two_ends_name_each_other():
    sheet = extract(OUTLOOK)
    by_text = {m.text: m for m in sheet.mentions if m.cell and m.cell.row_label == "Operating income"}
    low, high = by_text["214"], by_text["222"]
    assert low.range_with == high.id and high.range_with == low.id and low.kind == high.kind == "money"
    assert by_text["210.5"].range_with is None


def test_a_dash_between_figures_of_a_statement_is_a_nil_column():
    text = ("```\n                     2025      2024      2023\n"
            "Revenue               500       450       400\n"
            "Impairment            120        -        80\n```\n")
    table = _cells(text)
    assert table.columns == 4 and not any(c.range_end for c in table.cells)
    assert {c.text: c.column for c in table.cells if c.row_label == "Impairment"} == {"120": 1, "80": 3}


def test_a_spaced_dash_is_a_range_when_both_ends_print_their_sign():
    text = ("```\n                     Plan A         Plan B\n---------------- ---------- ------\n"
            "Revenue          $40 - $45      $50 - $55\n"
            "Margin           12% - 14%      15% - 16%\n```\n")
    cells = [(c.row_label, c.text, c.column, c.range_end) for c in find_tables(text)[0].cells]
    assert ("Revenue", "40", 1, "low") in cells and ("Margin", "16", 2, "high") in cells


def test_a_dash_is_a_nil_when_the_row_is_as_wide_as_those_printing_none():
    # an outlook column last: the rows printing no dash are six figures wide, and so is a row whose dashes are
    # nils; a row seven wide with a dash between its last two figures ends on a range
    text = ("```\n           2023   Q1-24   Q2-24   Q3-24   Q4-24   2025 Outlook\n"
            "---------- ------ ------- ------- ------- ------- -------------\n"
            "Revenue     410    101     108     112     118     $450 - $480\n"
            "Other        73     -       26      12      -       $10\n"
            "Interest     20     5       5       5       5       $18\n```\n")
    table = find_tables(text)[0]
    assert table.columns == 7
    other = {c.text: (c.column, c.range_end) for c in table.cells if c.row_label == "Other"}
    assert other == {"73": (1, None), "26": (3, None), "12": (4, None), "10": (6, None)}
    revenue = {c.text: (c.column, c.range_end) for c in table.cells if c.row_label == "Revenue"}
    assert revenue["450"] == (6, "low") and revenue["480"] == (6, "high")



def test_a_row_wider_by_one_range_joins_the_dash_printing_its_signs():
    text = ("```\n           2023   Q1-24   Q2-24   Q3-24   Q4-24   2025 Outlook\n"
            "---------- ------ ------- ------- ------- ------- -------------\n"
            "Revenue     410    101     108     112     118     $450\n"
            "Per unit   0.40    0.10     -      0.12    0.13   $0.45 - $0.50\n```\n")
    cells = {c.text: (c.column, c.range_end) for c in find_tables(text)[0].cells if c.row_label == "Per unit"}
    assert cells == {"0.40": (1, None), "0.10": (2, None), "0.12": (4, None), "0.13": (5, None),
                     "0.45": (6, "low"), "0.50": (6, "high")}


def test_a_pipe_cell_holding_a_range():
    text = ("| | First quarter 2026 | Full year 2026 |\n|---|---|---|\n"
            "| Revenue (in millions) | 590 – 650 | 2,400 – 2,500 |\n"
            "| Adjusted EBITDA margin | 2.5% to 3.0% | 4% - 5% |\n"
            "| Period | 2024 - 2025 | 12-31 |\n")
    (table,) = find_tables(text)
    ends = [(c.row_label, c.text, c.column, c.range_end) for c in table.cells]
    assert ("Revenue (in millions)", "590", 1, "low") in ends and ("Revenue (in millions)", "2,500", 2, "high") in ends
    assert ("Adjusted EBITDA margin", "3.0", 1, "high") in ends
    assert not [e for e in ends if e[0] == "Period"]  # years and a day are no range
    sheet = extract(text)
    margin = [m for m in sheet.mentions if m.cell and m.cell.row_label == "Adjusted EBITDA margin"]
    assert {m.kind for m in margin} == {"percent"} and all(m.range_with is not None for m in margin)


def test_a_pipe_range_printing_its_scale_once():
    text = ("| | Q1 2026 Outlook | FY 2026 Outlook |\n|---|---|---|\n"
            "| Net revenue | $212 - $218 million | $0.95 - $1.02 billion* |\n")
    ends = {m.text: m for m in extract(text).mentions if m.cell}
    assert (ends["212"].value, ends["218"].value) == ("212000000", "218000000")
    assert (ends["0.95"].value, ends["1.02"].value) == ("950000000", "1020000000")
    assert ends["212"].range_with == ends["218"].id and ends["0.95"].cell.column == 2


def test_the_line_above_the_block_may_name_the_outlook():
    text = ("The mine is on track for its annual guidance: Q1 Actual, FY Guidance\n\n```\n"
            "--------------------------- ------- ----------------\n"
            "Silver (oz)                   5,120     21,000 -- 24,000\n"
            "Zinc (million lbs)              0.8        3.1 -- 3.6\n```\n")
    cells = {(c.row_label, c.text): (c.column, c.range_end) for c in find_tables(text)[0].cells}
    assert cells[("Zinc (million lbs)", "3.1")] == (2, "low") and cells[("Silver (oz)", "24,000")] == (2, "high")
    assert find_tables(text.replace("annual guidance: Q1 Actual, FY Guidance", "annual plan"))[0].columns == 5  # else nil columns

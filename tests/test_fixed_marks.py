"""Footnote marks printed after a row's figures in a fixed-width table ("$ 0.53 (1)") are marks, not figures: read
as figures they widen the table, and every row of fewer figures is placed in the wrong columns
(extractor/document/fixed.py, `_trailing_marks`)."""

from extractor.document import find_tables

STATEMENT = ("```\n\nAlder Point Realty\n(dollars in thousands, except per share data)\n\n"
             "Quarter Ended Year Ended\n"
             "December 31, December 31,\n"
             "2025 2024 2025 2024\n"
             "------------ ------------ ------------ ------------\n"
             "Rental income $ 118,348 $ 115,178 $ 467,468 $ 426,090\n"
             "Other income 134 1,053 1,798 2,021\n"
             "----------- ----------- ----------- -----------\n"
             "118,482 116,231 469,266 428,111\n"
             "Net earnings $ 57,894 $ 56,682 $ 236,835 $ 232,340\n"
             "Diluted $ 0.52 $ 0.53 (1) $ 2.15 $ 2.16 (1)\n```\n")


def _cells(text, label):
    (table,) = find_tables(text)
    return table, {c.column: c.text for c in table.cells if c.row_label == label}


def test_marks_after_figures_are_no_columns():
    table, diluted = _cells(STATEMENT, "Diluted")
    assert table.columns == 5 and diluted == {1: "0.52", 2: "0.53", 3: "2.15", 4: "2.16"}


def test_a_subtotal_without_a_label_keeps_its_columns():
    table, _ = _cells(STATEMENT, "Diluted")
    assert sorted(c.text for c in table.cells if c.row_label is None and c.column == 3) == ["469,266"]


def test_a_bracketed_figure_the_row_needs_is_no_mark():
    # "(1)" is the row's own figure: without it the row would print fewer figures than the others
    text = STATEMENT.replace("Other income 134 1,053 1,798 2,021", "Other income 134 (1) 1,798 2,021")
    _, other = _cells(text, "Other income")
    assert other == {1: "134", 2: "(1)", 3: "1,798", 4: "2,021"}


# a wire that printed its columns single-spaced glues a footnote star to the last figure ("$1,663.4*"): still a
# figure of the row, not a word that makes the row part of the header above it
HIGHLIGHTS = ("```\n\nRevenues\nThree Months Ended Twelve Months Ended\n(In millions) December 31, December 31,\n"
              "2025 2024 2025 2024\n"
              "Total Revenues $ 430.0 $ 377.5 $ 1,557.6 $1,663.4*\n"
              "Proprietary Net\nSales $ 307.7 $ 242.0 $ 1,083.5 $ 920.0\n"
              "Royalties $ 122.3 $ 135.5 $ 474.1 $ 743.4\n```\n")


def test_a_star_glued_to_a_single_spaced_figure_is_a_mark():
    table, total = _cells(HIGHLIGHTS, "Total Revenues")
    assert total == {1: "430.0", 2: "377.5", 3: "1,557.6", 4: "1,663.4"}
    _, sales = _cells(HIGHLIGHTS, "Proprietary Net Sales")
    assert sales == {1: "307.7", 2: "242.0", 3: "1,083.5", 4: "920.0"}


def test_a_marked_figure_after_a_word_ends_the_label():
    # "Notes at 5.25(1)": the rate names the notes, a word stands before it
    text = HIGHLIGHTS.replace("Royalties $ 122.3", "Notes at 5.25(1) $ 122.3")
    _, notes = _cells(text, "Notes at 5.25(1)")
    assert notes == {1: "122.3", 2: "135.5", 3: "474.1", 4: "743.4"}


# marks in one bracket split by a space ("NOI (1 2)"), or wrapped onto the next line with the row's figures
MARKED = ("```\n\nThree months ended December 31,\n-----------------------------------\n"
          "(in thousands of U.S. dollars) 2025 2024\n"
          "--------------------------------------- ---- ------------- -------------\n\n"
          "Rental revenue $ 53,077 $ 51,539\n"
          "Property operating expenses (9,149) (9,209)\n"
          "--------------------------------------- ---- ------------- -------------\n"
          "NOI (1 2) $ 43,928 $ 42,330\n"
          "General and administrative expenses (1\n"
          "2) (4,294) (4,016)\n"
          "--------------------------------------- ---- ------------- -------------\n"
          "Adjusted EBITDA (1 2) $ 39,634 $ 38,314\n```\n")


def test_marks_in_one_bracket_are_the_labels():
    (table,) = find_tables(MARKED)
    assert table.columns == 3
    rows = {c.row_label: {} for c in table.cells}
    for c in table.cells:
        rows[c.row_label][c.column] = (c.text, c.column_path)
    assert rows["NOI (1 2)"] == {1: ("43,928", "Three months ended December 31, > 2025"),
                                 2: ("42,330", "Three months ended December 31, > 2024")}
    assert rows["General and administrative expenses (1 2)"] == {
        1: ("(4,294)", "Three months ended December 31, > 2025"), 2: ("(4,016)", "Three months ended December 31, > 2024")}


def test_a_mark_ending_each_line_of_a_wrapped_label_is_the_labels():
    # "Comparable earnings from continuing operations (1)" / "(3) $ 150 134 $ 531 602": a mark a line, one row
    text = MARKED.replace("General and administrative expenses (1\n2) (4,294) (4,016)",
                          "General and administrative expenses (1)\n(3) (4,294) (4,016)")
    (table,) = find_tables(text)
    assert table.columns == 3
    cells = {c.column: c.text for c in table.cells if c.row_label == "General and administrative expenses (1) (3)"}
    assert cells == {1: "(4,294)", 2: "(4,016)"}

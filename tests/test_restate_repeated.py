"""Restatements of a cell the release also restates correctly, columns whose period the table reader read from
header rows the header text lost, balances at a day, comparisons for the same period of another year, rows in
two tables headed by years alone, and figures another row of the column explains."""

import pytest
from restated import bound, flagged

QUARTERS = ("\n\n| (in thousands) | Quarter Ended March 31, 2025 | Quarter Ended March 31, 2024 |\n|---|---|---|\n")


@pytest.mark.parametrize("figure, caught", [("$25.3 million", True), ("$58.3 million", False)])
def test_a_cell_restated_correctly_elsewhere_binds_a_slip_flagged_only_when_transposed(engine, figure, caught):
    text = ("Revenue for the first quarter of 2025 was $52.3 million, a record.\n\nFor the first quarter of 2025, "
            f"revenue was {figure} as volumes grew." + QUARTERS + "| Revenue | 52,310 | 47,120 |\n")
    sheet = engine.analyze(text, "x.md")
    assert bound(sheet)[figure] == ("52,310", "repeated")
    # one digit mistyped is as likely another figure of that name (a segment's, another basis)
    assert any(figure in message and "transposed" in message for message in flagged(sheet)) == caught


def test_a_column_whose_header_words_name_no_quarter_takes_the_period_the_table_reader_read(engine):
    # "Quarter Ended March 31, 2025" is the first quarter: the period read from the header rows says so
    text = ("Operating income for the first quarter of 2025 was $7.9 million.\n\n| (in thousands) | Quarter Ended "
            "March 31, 2025 | Quarter Ended March 31, 2024 | Year Ended December 31, 2024 |\n|---|---|---|---|\n"
            "| Operating income | 9,712 | 6,050 | 27,300 |\n")
    sheet = engine.analyze(text, "x.md")
    assert bound(sheet)["$7.9 million"] == ("9,712", "row")
    message = ('$7.9 million differs from 9,712 in the table row "Operating income", column "Quarter Ended March 31, '
               '2025": two digits look transposed')
    assert flagged(sheet) == [message]


@pytest.mark.parametrize("rows, explained, binding", [
    # the row with the one extending its label gives the figure: their total, not a slip
    ("| Voyage costs | 60,310 | 55,020 |\n| Voyage costs - related party | 2,690 | 2,400 |\n", True,
     ("60,310", "choice")),
    # the row extending its label prints it: the sentence's words were short of that row's label, which it restates
    ("| Voyage costs | 60,310 | 55,020 |\n| Voyage costs paid to affiliates | 63,010 | 2,400 |\n", True,
     ("63,010", "value")),
    ("| Voyage costs | 60,310 | 55,020 |\n| Voyage costs - related party | 1,690 | 2,400 |\n", False,
     ("60,310", "row")),
])
def test_a_figure_another_row_of_the_column_explains_is_no_slip(engine, rows, explained, binding):
    sheet = engine.analyze("Voyage costs for the first quarter of 2025 were $63.0 million." + QUARTERS + rows, "x.md")
    assert bound(sheet)["$63.0 million"] == binding
    assert bool(flagged(sheet)) != explained


@pytest.mark.parametrize("compared, column", [("for the comparable period in 2023", "36,420"),
                                              ("for the same period of 2023", "36,420")])
def test_a_comparison_for_the_same_period_of_another_year_takes_the_first_figures_span(engine, compared, column):
    text = (f"Net revenues for the quarter ended September 30, 2024 were $48.1 million, compared to $63.4 million "
            f"{compared}.\n\n| | Three Months Ended September 30, 2024 | Three Months Ended September 30, 2023 | "
            "Nine Months Ended September 30, 2023 |\n|---|---|---|---|\n| Net revenues | $ 48,112 | $ 36,420 | "
            "$ 150,200 |\n")
    sheet = engine.analyze(text, "x.md")
    assert bound(sheet)["$63.4 million"] == (column, "label")
    assert [m for m in flagged(sheet) if "$63.4 million" in m and "transposed" in m]


@pytest.mark.parametrize("sentence, cell", [
    ("Total deposits rose to $6.4 billion at June 30, 2025 from $6.7 billion at March 31, 2025.", "6,778,000"),
    ("As of March 31, 2025, total deposits were $6.7 billion.", "6,778,000"),
    # a day no column prints binds no column of its year
    ("Total deposits were $6.1 billion at December 31, 2025.", None),
])
def test_a_balance_at_a_day_restates_that_days_column(engine, sentence, cell):
    text = (sentence + "\n\n| (in thousands) | June 30, 2025 | March 31, 2025 | June 30, 2024 |\n|---|---|---|---|\n"
            "| Total deposits | 6,412,000 | 6,778,000 | 5,900,000 |\n")
    sheet = engine.analyze(text, "x.md")
    figure = "$6.7 billion" if cell else "$6.1 billion"
    assert bound(sheet).get(figure, (None,))[0] == cell


def test_columns_headed_by_years_alone_pair_in_order_and_bind_only_when_every_pair_agrees(engine):
    summary = "| Summary (in thousands) | 2024 | 2023 | 2024 | 2023 |\n|---|---|---|---|---|\n| Gross profit | 1,250 | 310 | "
    statement = ("\n\nThe statement follows.\n\n| Statement (in thousands) | 2024 | 2023 | 2024 | 2023 |\n"
                 "|---|---|---|---|---|\n| Gross profit | 1,250 | 310 | 4,120 | 2,980 |\n")
    for last, by in (("2,980", "table"), ("2,890", "choice")):
        sheet = engine.analyze(summary + f"4,120 | {last} |" + statement, "x.md")
        by_id = {m.id: m.text for m in sheet.mentions}
        pairs = {(by_id[f.roles["a"]], by_id[f.roles["b"]]): f.attributes.get("by") for f in sheet.facts
                 if f.type == "restatement"}
        # a quarter's column and the year's both headed "2024": which one repeats which, only the order says
        assert pairs == {("1,250", "1,250"): by, ("310", "310"): by, ("4,120", "4,120"): by, (last, "2,980"): by}
        assert not flagged(sheet)


@pytest.mark.parametrize("compared, cell", [("in the prior year quarter", "27,288"), ("in the fourth quarter of 2023", "27,288"),
                                            ("in the prior quarter", None)])
def test_a_compared_figure_no_pair_of_the_release_places_takes_the_same_span_a_year_before(engine, compared, cell):
    text = (f"Operating costs were $30.5 million in the fourth quarter of 2024 compared to $23.7 million {compared}."
            "\n\n| (in thousands) | Three Months Ended December 31, 2024 | Three Months Ended December 31, 2023 | "
            "Year Ended December 31, 2024 |\n|---|---|---|---|\n| Total operating expense | 30,512 | 27,288 | 118,400 |\n")
    sheet = engine.analyze(text, "x.md")
    assert bound(sheet).get("$23.7 million") == ((cell, "pair") if cell else None)
    assert bool(flagged(sheet)) == bool(cell)


@pytest.mark.parametrize("sentence, cell", [
    ("Gross loss for the fourth quarter of 2024 was $2.0 million.", "(2,040)"),
    ("Loss from operations for the fourth quarter of 2024 was $7.1 million.", "(7,120)"),
    # another word of its own before the other sign's name is another row
    ("Adjusted gross loss for the fourth quarter of 2024 was $2.0 million.", None),
])
def test_a_label_giving_the_other_sign_in_brackets_names_that_row(engine, sentence, cell):
    text = (sentence + "\n\n| (in thousands) | Three Months Ended December 31, 2024 | Three Months Ended December 31, "
            "2023 |\n|---|---|---|\n| Gross profit (loss) | (2,040) | 864 |\n| Income (loss) from operations | (7,120) | "
            "1,310 |\n")
    sheet = engine.analyze(text, "x.md")
    by = {m.id: m.text for m in sheet.mentions}
    cells = {by[f.roles["a"]] for f in sheet.facts if f.type == "restatement" and by[f.roles["b"]].startswith("$")}
    assert cells == ({cell} if cell else set())

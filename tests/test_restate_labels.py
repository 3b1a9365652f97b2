"""Restatements bound by structure: a sentence and the cell its row label and period pick, one row in two
tables; and the restated-value check, which flags only a unique, confirmed binding a known slip explains."""

import pytest

TABLE = ("\n\n| | Three Months Ended December 31, 2024 | Three Months Ended December 31, 2023 |\n|---|---|---|\n"
         "| Net revenues | $ 48,112 | $ 39,950 |\n| EBITDA | $ 5,612 | $ 4,100 |\n")


def restatements(sheet):
    by = {m.id: m.text for m in sheet.mentions}
    return {(by[f.roles["a"]], by[f.roles["b"]]): (f.attributes.get("by"), f.strength)
            for f in sheet.facts if f.type == "restatement"}


def flagged(sheet):
    return [(f.rule, f.message) for f in sheet.findings if f.rule == "restated-value"]


@pytest.mark.parametrize("figure, reason", [("$84.1 million", "two digits look transposed"),
                                            ("$43.1 million", "one digit looks mistyped")])
def test_a_slip_in_a_restated_cell_is_bound_by_label_and_period_and_flagged(engine, figure, reason):
    text = (f"Net revenues for the fourth quarter of 2024 were {figure}, compared to $40.0 million a year earlier."
            + TABLE)
    sheet = engine.analyze(text, "x.md")
    bound = restatements(sheet)
    # the table has no unit note: it is read at the scale that brings it nearest the sentence, and says so
    assert bound[("48,112", figure)] == ("label", "loose")
    assert bound[("39,950", "$40.0 million")] == ("value", "loose")
    assert [f.attributes["scale"] for f in sheet.facts if f.type == "restatement"] == ["1000", "1000"]
    ((_, message),) = flagged(sheet)
    assert message == (f'{figure} differs from 48,112 in the table row "Net revenues", column "Three Months Ended '
                       f'December 31, 2024": {reason}')


def test_an_agreeing_restatement_is_bound_and_not_flagged(engine):
    sheet = engine.analyze("Net revenues for the fourth quarter of 2024 were $48.1 million." + TABLE, "x.md")
    assert restatements(sheet)[("48,112", "$48.1 million")] == ("value", "loose")
    assert not flagged(sheet)


@pytest.mark.parametrize("sentence", [
    # another measure: the word before the label names something the row does not
    "Adjusted EBITDA for the fourth quarter of 2024 was $6.5 million, compared to $4.1 million a year earlier.",
    # the label is the object of another noun: the figure is the increase, not the revenue
    "The increase in net revenues for the fourth quarter of 2024 was $8.4 million, from $39.9 million.",
])
def test_a_figure_that_names_something_else_is_not_bound_to_the_row(engine, sentence):
    sheet = engine.analyze(sentence + TABLE, "x.md")
    assert not [k for k in restatements(sheet) if k[0] in ("5,612", "48,112")]
    assert not flagged(sheet)


def test_an_unconfirmed_row_shows_a_mistyped_digit_and_a_differing_figure_no_slip_explains_is_recorded_without_a_finding(engine):
    # no sentence restates the row correctly, but the clause names its one row and the period its one cell: one
    # mistyped digit is a slip there (on the real corpus this flagged nothing but an outlook's figure, which the
    # label binding leaves out as looked ahead)
    sheet = engine.analyze("Net revenues for the fourth quarter of 2024 were $45.1 million." + TABLE, "x.md")
    assert restatements(sheet)[("48,112", "$45.1 million")] == ("row", "loose")
    assert [message.split(": ")[-1] for _, message in flagged(sheet)] == ["one digit looks mistyped"]
    sheet = engine.analyze("Net revenues for the fourth quarter of 2024 were $52.7 million, compared to $40.0 "
                           "million a year earlier." + TABLE, "x.md")
    assert restatements(sheet)[("48,112", "$52.7 million")] == ("label", "loose")
    assert not flagged(sheet)


def test_a_figure_with_no_period_takes_the_column_its_line_restates(engine):
    text = "Net revenues were $84.1 million and EBITDA was $5.6 million." + TABLE
    sheet = engine.analyze(text, "x.md")
    # EBITDA's value picks column one; no sentence restates the revenue row correctly, but two digits
    # transposed are a slip whatever the row names
    assert restatements(sheet)[("48,112", "$84.1 million")] == ("row", "loose")
    assert [message.split(": ")[-1] for _, message in flagged(sheet)] == ["two digits look transposed"]
    sheet = engine.analyze("Net revenues were $45.1 million and EBITDA was $5.6 million." + TABLE, "x.md")
    assert restatements(sheet)[("48,112", "$45.1 million")] == ("row", "loose")
    assert [message.split(": ")[-1] for _, message in flagged(sheet)] == ["one digit looks mistyped"]
    sheet = engine.analyze("Net revenues were $84.1 million and EBITDA was $5.6 million.\n\nIn 2023, net "
                           "revenues were $40.0 million." + TABLE, "x.md")
    assert restatements(sheet)[("48,112", "$84.1 million")] == ("label", "loose")
    assert [message for _, message in flagged(sheet)] == [
        '$84.1 million differs from 48,112 in the table row "Net revenues", column "Three Months Ended December 31, '
        '2024": two digits look transposed']


TWO_TABLES = ("| Summary (in thousands) | Q4 2024 | Q4 2023 |\n|---|---|---|\n| Gross profit | 1,250 | {prior} |\n\n"
              "The statement follows.\n\n| Statement (in thousands) | Q4 2024 | Q4 2023 |\n|---|---|---|\n"
              "| Gross profit | 1,250 | 310 |\n")


def test_one_row_in_two_tables_is_one_figure_per_period(engine):
    sheet = engine.analyze(TWO_TABLES.format(prior="310"), "x.md")
    assert restatements(sheet) == {("1,250", "1,250"): ("table", "loose"), ("310", "310"): ("table", "loose")}
    assert not flagged(sheet)
    sheet = engine.analyze(TWO_TABLES.format(prior="(310)"), "x.md")
    ((_, message),) = flagged(sheet)
    assert message == ('310 in the table row "Gross profit", column "Q4 2023" differs from (310) in the table row '
                       '"Gross profit", column "Q4 2023": the sign differs')


def test_two_rows_that_disagree_in_every_period_are_not_one_row(engine):
    sheet = engine.analyze(TWO_TABLES.format(prior="(310)").replace("| 1,250 | 310 |", "| 2,150 | 130 |"), "x.md")
    assert set(restatements(sheet).values()) == {("choice", "loose")}
    assert not flagged(sheet)


YEAR_TABLE = ("\n\n| (in thousands) | Three Months Ended December 31, 2024 | Year Ended December 31, 2024 |\n"
              "|---|---|---|\n| Net revenues | 48,112 | 171,950 |\n")


@pytest.mark.parametrize("heading, bound", [
    ("Fourth Quarter 2024 Highlights", {("48,112", "$84.1 million"): ("row", "loose")}),
    ("Full Year 2024 Highlights", {("171,950", "$84.1 million"): ("row", "loose")}),
    # two periods in the heading: which one the figure is for is not known
    ("Fourth Quarter and Full Year 2024 Highlights", {}),
    # a line of prose between the heading and the list: the heading is not over the figure
    ("Fourth Quarter 2024 Highlights\n\nThe company opened stores in three states this year and more.", {}),
])
def test_a_figure_with_no_period_of_its_own_takes_its_headings(engine, heading, bound):
    sheet = engine.analyze(f"{heading}\n\n- Net revenues of $84.1 million\n- Opened two stores" + YEAR_TABLE, "x.md")
    assert restatements(sheet) == bound


def test_a_figure_with_no_period_of_its_own_takes_the_one_its_paragraph_named_before_it(engine):
    text = ("Net revenues for the fourth quarter of 2024 rose on store openings. Net revenues were $84.1 million, "
            "helped by the new stores." + YEAR_TABLE)
    assert restatements(engine.analyze(text, "x.md")) == {("48,112", "$84.1 million"): ("row", "loose")}


@pytest.mark.parametrize("sentence, figure", [
    # the figure compared names its row after the comparing words
    ("Revenue rose in the fourth quarter of 2024, compared to an EBITDA of $1.4 million for the fourth quarter "
     "of 2023.", "$1.4 million"),
    # a period's words and "GAAP" before the row's name, and a verb of reporting, leave the row the same
    ("Quarterly net revenues were $84.1 million for the fourth quarter of 2024.", "$84.1 million"),
    ("The company recorded GAAP net revenues of $84.1 million for the fourth quarter of 2024.", "$84.1 million"),
])
def test_a_row_named_after_comparing_words_a_period_or_gaap_is_bound_and_a_slip_flagged(engine, sentence, figure):
    sheet = engine.analyze(sentence + TABLE, "x.md")
    cell = "4,100" if "compared" in sentence else "48,112"
    assert restatements(sheet)[(cell, figure)][0] in ("label", "row")
    ((_, message),) = flagged(sheet)
    assert message.startswith(f"{figure} differs from {cell}") and message.endswith("two digits look transposed")


@pytest.mark.parametrize("sentence", [
    "Net revenues grew, compared to the increase in net revenues of $93.9 million in the fourth quarter of 2023.",
    "Non-GAAP net revenues were $84.1 million for the fourth quarter of 2024.",
])
def test_another_nouns_object_or_a_non_gaap_figure_is_not_the_row(engine, sentence):
    sheet = engine.analyze(sentence + TABLE, "x.md")
    assert not any(figure.startswith("$") for _, figure in restatements(sheet))
    assert not flagged(sheet)

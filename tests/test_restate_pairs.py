"""Restatements bound through the figure a sentence compares them with (`extractor/facts/restatepairs.py`): one
figure of the pair agrees with a cell, so the other restates that row in the column the release pairs with it."""

TABLE = ("\n\n| (in thousands) | Q4 2024 | Q4 2023 |\n|---|---|---|\n"
         "| Total operating expense | 30,512 | 27,288 |\n| Total selling and marketing expense | 21,402 | 11,806 |\n")
PAIRED = "Operating costs were $30.5 million compared to $27.3 million in the prior year quarter. "


def pairs(sheet):
    by = {m.id: m.text for m in sheet.mentions}
    return {(by[f.roles["a"]], by[f.roles["b"]]): f.strength
            for f in sheet.facts if f.type == "restatement" and f.attributes.get("by") == "pair"}


def test_a_slip_in_either_figure_of_a_pair_is_bound_to_the_paired_column_and_flagged(engine):
    # the current figure slipped: the prior one agrees with the row, whatever the sentence calls it
    sheet = engine.analyze(PAIRED + "Selling costs were $12.4 million compared to $11.8 million in the prior "
                           "year quarter." + TABLE, "x.md")
    assert pairs(sheet) == {("21,402", "$12.4 million"): "loose"}
    (message,) = [f.message for f in sheet.findings if f.rule == "restated-value"]
    assert message.startswith("$12.4 million differs from 21,402") and "two digits look transposed" in message
    # the prior figure slipped: the current one agrees, so the other is the prior year's column
    sheet = engine.analyze(PAIRED + "Selling costs were $21.4 million compared to $18.1 million in the prior "
                           "year quarter." + TABLE, "x.md")
    assert pairs(sheet) == {("11,806", "$18.1 million"): "loose"}
    (message,) = [f.message for f in sheet.findings if f.rule == "restated-value"]
    assert "two digits look transposed" in message


def test_no_pair_binds_without_a_column_the_release_pairs(engine):
    # no other sentence pairs two agreeing figures of that table: which column is the prior one is not known
    sheet = engine.analyze("Selling costs were $12.4 million compared to $11.8 million in the prior year quarter."
                           + TABLE, "x.md")
    assert pairs(sheet) == {}
    assert not [f for f in sheet.findings if f.rule == "restated-value"]


def test_a_pair_whose_rows_disagree_or_whose_figure_agrees_binds_nothing(engine):
    # the prior figure agrees with two rows (basic and diluted), whose current cells differ: no row is known
    table = ("\n\n| Per share | Q4 2024 | Q4 2023 |\n|---|---|---|\n| Net income | 30,512 | 27,288 |\n"
             "| Basic | $ 1.04 | $ 0.99 |\n| Diluted | $ 1.02 | $ 0.99 |\n")
    sheet = engine.analyze("Net income was $30.5 million compared to $27.3 million in the prior year quarter. "
                           "Earnings per share were $1.20 compared to $0.99 in the prior year quarter." + table, "x.md")
    assert pairs(sheet) == {}
    # the figure agrees with the paired cell: no slip to bind
    sheet = engine.analyze(PAIRED + "Selling costs were $21.4 million compared to $11.8 million in the prior year "
                           "quarter." + TABLE, "x.md")
    assert pairs(sheet) == {}


def test_a_change_or_the_last_item_of_a_list_is_not_the_figure_compared(engine):
    # "an increase of $1.4 million, from $2.7 million": the change is not the current quarter's figure
    sheet = engine.analyze(PAIRED + "Selling costs rose to $14.1 million, an increase of $2.3 million, from $11.8 "
                           "million in the prior year quarter." + TABLE, "x.md")
    assert pairs(sheet) == {}
    # the last part of a list is not what "compared to" compares
    sheet = engine.analyze(PAIRED + "Total costs were $42.0 million, of which $30.5 million operating and $21.1 "
                           "million selling, compared to $11.8 million in the prior year quarter." + TABLE, "x.md")
    assert ("21,402", "$21.1 million") not in pairs(sheet)

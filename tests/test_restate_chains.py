"""Figures a release prints more than once (`extractor/facts/restaterepeats.py`): the printings its agreeing
bindings join are bound to each other (`by: chain`), and a figure of four significant digits or more printed
exactly twice is one figure (`by: twice`); a change and the level it reached are no range
(`extractor/quantities/ranges.py`)."""

TABLE = ("\n\n| (in thousands) | Three Months Ended December 31, 2024 |\n|---|---|\n"
         "| Research costs | 1,204 |\n| Net loss | $(22,290) |\n")
FLASH = ("*Orlen Systems 1Q Loss $22.3M\n\nOrlen Systems reports results for its fiscal first quarter ended "
         "December 31, 2024.\n\n")


def bound(sheet, by):
    text = {m.id: m.text for m in sheet.mentions}
    return {(text[f.roles["a"]], text[f.roles["b"]]) for f in sheet.facts
            if f.type == "restatement" and f.attributes.get("by") == by}


def test_a_figure_told_three_times_is_bound_pair_by_pair(engine):
    sheet = engine.analyze(FLASH + "Net loss for the three months ended December 31, 2024 was $22.3 million."
                           + TABLE, "x.md")
    assert bound(sheet, "chain") == {("$22.3M", "(22,290)")}
    assert all(f.strength == "loose" for f in sheet.facts if f.attributes.get("by") == "chain")
    assert not [f for f in sheet.findings if f.rule == "restated-value"]


def test_no_chain_joins_two_rows_of_one_table(engine):
    # the sentence's figure agrees with two rows (the loss before taxes and the net loss round alike)
    table = TABLE.replace("| Research costs | 1,204 |", "| Loss before income taxes | $(22,340) |")
    sheet = engine.analyze(FLASH + "Net loss for the three months ended December 31, 2024 was $22.3 million."
                           + table, "x.md")
    assert bound(sheet, "chain") == set()


def test_four_digits_printed_twice_are_one_figure_three_are_not(engine):
    table = "\n\n| Segment | Six Months 2024 |\n|---|---|\n| Revenues | {} |\n| Operating costs | 12,786 |\n"
    sheet = engine.analyze("Pellmoor said sales in Europe were $41,341 in the half." + table.format("41,341"), "x.md")
    assert bound(sheet, "twice") == {("$41,341", "41,341")}
    # printed a third time, the value is common in the release: no figure is chosen by its digits
    sheet = engine.analyze("Pellmoor said sales in Europe were $41,341 in the half, and its grant was $41,341."
                           + table.format("41,341"), "x.md")
    assert bound(sheet, "twice") == set()
    sheet = engine.analyze("Pellmoor said sales in Europe were $413 in the half." + table.format("413"), "x.md")
    assert bound(sheet, "twice") == set()


def test_a_change_and_the_level_it_reached_are_no_range(engine):
    sheet = engine.analyze("Net income decreased $195,000 to $1,528,000 for the quarter.", "x.md")
    assert [m.range_with for m in sheet.mentions if m.kind == "money"] == [None, None]
    sheet = engine.analyze("Expenses increased by $0.3 million to $5.6 million.", "x.md")
    assert [m.range_with for m in sheet.mentions if m.kind == "money"] == [None, None]
    # a forecast's range is still one
    sheet = engine.analyze("The company expects revenue of $412 to $418 million in 2025.", "x.md")
    assert all(m.range_with is not None for m in sheet.mentions if m.kind == "money")

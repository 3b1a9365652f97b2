"""A wire's flash lines ("*Acme 4Q Rev $117.4M >ACME") restate the row their whole name spells out, so a slip in
one is flagged (`extractor/facts/restateflash.py`)."""

import pytest

from restated import bound, flagged

TABLE = ("\n\n| (in thousands, except per share) | Three Months Ended December 31, 2024 |\n|---|---|\n"
         "| Revenue | $ 17,212 |\n| Net income | $ 5,504 |\n| Net income per share - basic and diluted | $ 0.42 |\n")


@pytest.mark.parametrize("line, figure, cell", [
    ("*Arden Tools 4Q Rev $71.2M >ARDT", "$71.2M", "17,212"),
    ("*Arden Tools 4Q Net $5.05M >ARDT", "$5.05M", "5,504"),
    ("*Arden Tools 4Q Loss/Shr $0.24 >ARDT", "$0.24", "0.42"),
])
def test_a_slip_on_a_flash_line_is_bound_to_the_row_it_names_and_flagged(engine, line, figure, cell):
    sheet = engine.analyze("Arden Tools Reports Results\n\n(21:01 GMT) " + line + TABLE, "x.md")
    assert bound(sheet)[figure] == (cell, "row")
    (message,) = flagged(sheet)
    assert message.startswith(f"{figure} differs from {cell}")


@pytest.mark.parametrize("line", [
    "*Arden Tools Sees 4Q Rev $71.2M >ARDT",      # a forecast
    "*Arden Tools 4Q Service Rev $71.2M >ARDT",   # a name the row only ends with
    "*Arden Tools 4Q Rev $71.2M",                 # no ticker: not a flash line, and no clause names the row
])
def test_a_forecast_another_name_or_a_line_without_ticker_binds_no_row(engine, line):
    sheet = engine.analyze("Arden Tools Reports Results\n\n(21:01 GMT) " + line + TABLE, "x.md")
    assert "$71.2M" not in bound(sheet)
    assert not flagged(sheet)


def test_a_body_figure_that_agrees_with_the_row_confirms_a_flash_lines_row(engine):
    text = ("Arden Tools Reports Results\n\n(21:01 GMT) *Arden Tools 4Q Rev $71.2M >ARDT\n\n"
            "Revenue for the fourth quarter of 2024 was $17.2 million." + TABLE)
    sheet = engine.analyze(text, "x.md")
    assert bound(sheet)["$71.2M"] == ("17,212", "label")
    assert bound(sheet)["$17.2 million"] == ("17,212", "value")
    (message,) = flagged(sheet)
    assert message.startswith("$71.2M differs from 17,212") and message.endswith("two digits look transposed")


def test_a_flash_line_agreeing_with_the_row_leaves_a_body_figures_slip_flagged(engine):
    text = ("Arden Tools Reports Results\n\n(21:01 GMT) *Arden Tools 4Q Rev $17.2M >ARDT\n\n"
            "Revenue for the fourth quarter of 2024 was $71.2 million." + TABLE)
    sheet = engine.analyze(text, "x.md")
    assert bound(sheet)["$71.2 million"] == ("17,212", "label")
    (message,) = flagged(sheet)
    assert message.startswith("$71.2 million differs from 17,212")

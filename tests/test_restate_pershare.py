"""A sentence's per-share figure and the per-share row its measure and basis name, bound by words so that a slip
in either is flagged (`extractor/facts/restatepershare.py`)."""

import pytest

from restated import bound, flagged

TABLE = ("\n\n| (in thousands, except per share) | Three Months Ended June 30, 2025 | Three Months Ended June 30, 2024 |"
         "\n|---|---|---|\n| Net income (loss) | $ 8,114 | $ (2,350) |\n| Net income (loss) per share: | | |\n"
         "| Basic | $ 0.42 | $ (0.12) |\n| Diluted | $ 0.41 | $ (0.12) |\n| Adjusted net income per diluted share | $ 0.57 | $ 0.05 |\n")


@pytest.mark.parametrize("sentence", [
    "Net income for the second quarter of 2025 was $8.1 million, or $0.14 per diluted share.",
    "For the second quarter of 2025, diluted EPS was $0.14.",
    "Net income per diluted share for the second quarter of 2025 was $0.14.",
])
def test_a_transposed_per_share_figure_is_bound_to_its_basis_row_and_flagged(engine, sentence):
    sheet = engine.analyze(sentence + TABLE, "x.md")
    assert bound(sheet)["$0.14"] == ("0.41", "row")
    (message,) = flagged(sheet)
    assert message.startswith('$0.14 differs from 0.41 in the table row "Diluted"')
    assert message.endswith("two digits look transposed")


def test_the_basis_and_a_qualifier_pick_the_row(engine):
    text = ("Net income for the second quarter of 2025 was $0.24 per basic share. Adjusted net income for the second "
            "quarter of 2025 was $0.75 per diluted share." + TABLE)
    sheet = engine.analyze(text, "x.md")
    assert bound(sheet)["$0.24"] == ("0.42", "row")
    assert bound(sheet)["$0.75"] == ("0.57", "row")


@pytest.mark.parametrize("sentence", [
    # another measure than the row's, and a per-share figure that names no measure at all
    "Adjusted EBITDA for the second quarter of 2025 was $0.14 per diluted share.",
    "The board declared a dividend for the second quarter of 2025 of $0.14 per share.",
])
def test_a_figure_of_another_measure_binds_no_row(engine, sentence):
    sheet = engine.analyze(sentence + TABLE, "x.md")
    assert "$0.14" not in bound(sheet)
    assert not flagged(sheet)


def test_an_agreeing_figure_is_bound_by_value_and_a_loss_reads_as_the_income_row(engine):
    sheet = engine.analyze("Net loss for the second quarter of 2024 was $2.4 million, or $0.12 per diluted share."
                           + TABLE, "x.md")
    assert bound(sheet)["$0.12"] == ("(0.12)", "value")
    assert not flagged(sheet)

"""Restatements between a prose figure and a cell of another kind or unit, compared on a common footing read from
the cell's row label and column header, and losses a sentence tells unsigned against their bracketed cells."""

import pytest

TABLE = "\n\n| | Q4 2025 | Q4 2024 |\n|---|---|---|\n"


def _restated(sheet) -> dict[str, tuple[str, str]]:
    """Each prose figure with the cell it restates and the footing they were compared on."""
    by_id = {m.id: m for m in sheet.mentions}
    out = {}
    for fact in sheet.facts:
        if fact.type != "restatement":
            continue
        a, b = (by_id[i] for i in fact.roles.values())
        prose, cell = (a, b) if b.cell is not None else (b, a)
        if prose.cell is None and cell.cell is not None:
            out[prose.text] = (cell.text, fact.attributes.get("footing", ""), fact.strength)
    return out


@pytest.mark.parametrize("label, bound", [
    ("Zinc output (t)", True), ("Zinc output (tonnes)", True), ("Zinc output (contained tonnes)", True),
    # the label names no unit, or another one: a plain count of something else
    ("Zinc output (oz)", False), ("Zinc output", False)])
def test_a_unit_the_sentence_names_is_read_from_the_row_label(engine, label, bound):
    text = "Zinc output for the quarter was 7,315 tonnes." + TABLE + f"| {label} | 7,315 | 6,902 |\n"
    got = _restated(engine.analyze(text, "x.md")).get("7,315")
    assert (got is not None and got[:2] == ("7,315", "unit")) == bound


@pytest.mark.parametrize("label, footing", [("Net debt / EBITDA", "ratio"), ("Interest coverage", "ratio"),
                                            ("Average fleet age", None)])
def test_a_multiple_restates_a_plain_cell_of_a_row_naming_a_ratio(engine, label, footing):
    text = f"{label} stood at 3.7x at the end of the quarter." + TABLE + f"| {label} | 3.7 | 4.1 |\n"
    got = _restated(engine.analyze(text, "x.md")).get("3.7x")
    assert (got[1] if got else None) == footing


def test_an_unsigned_loss_restates_its_bracketed_cell_loosely_and_a_signed_pair_of_cells_does_not(engine):
    text = ("Pell Corp Reports Results\n\nThe company reported a net loss attributable to common holders of $27.4 million in the quarter.\n\n"
            "(in thousands)" + TABLE + "| Net (loss) income attributable to Pell Corp and its subsidiaries | (27,390) "
            "| 4,210 |\n")
    assert _restated(engine.analyze(text, "x.md"))["$27.4 million"] == ("(27,390)", "sign", "loose")
    # two cells of opposite signs are two figures: a payment in the cash flows, an asset on the balance sheet
    cells = ("Pell Corp Reports Results\n\n(in thousands)" + TABLE + "| Purchases of vehicles | (6,215) | (5,980) |\n\n"
             "Balance sheet" + TABLE + "| Vehicles, net | 6,215 | 5,980 |\n")
    assert not [f for f in engine.analyze(cells, "x.md").facts if f.type == "restatement"]

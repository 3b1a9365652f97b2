"""The figure a prose change is compared with, read from a table row whose own change cell is blank
(`extractor/facts/changetable.py`): the row is compared as the table's change column compares its other rows."""

from extractor import check_text, extract

TABLE = ("(in millions)\n\n| | Current quarter | Prior-year quarter | % Change |\n|---|---|---|---|\n"
         "| Revenue | 759.7 | 635.7 | 19.5% |\n| EBITDA | 58.3 | 58.2 | 0.2% |\n| EBITDA margin | 7.7% | 9.2% | |\n")


def _priors(text: str) -> dict[str, tuple[str, str, str]]:
    sheet = extract(text)
    by = {m.id: m.text for m in sheet.mentions}
    return {by[f.roles["points"]]: (by[f.roles["to"]], by[f.roles["from"]], f.strength)
            for f in sheet.facts if f.type == "change" and "points" in f.roles and f.attributes.get("by") == "table"}


def test_a_margin_row_with_no_change_cell_is_compared_in_the_columns_the_table_compares():
    got = _priors("EBITDA margin of 7.7%, down 150 basis points.\n\n" + TABLE)
    assert got == {"150 basis points": ("7.7%", "9.2%", "loose")}


def test_the_binding_is_loose_and_flags_only_a_known_slip():
    # 9.2% - 7.7% is 150 basis points: 160 is no slip a reader would know, 510 is 150 with a digit mistyped
    assert check_text("EBITDA margin of 7.7%, down 160 basis points.\n\n" + TABLE).findings == []
    flagged = check_text("EBITDA margin of 7.7%, down 510 basis points.\n\n" + TABLE).findings
    assert [(f.severity, f.rule) for f in flagged] == [("error", "change-points")]


def test_columns_the_change_columns_compare_two_ways_give_no_prior():
    # the % Change column compares the first column with the second in one row and the third in another: the
    # table says no one pair for its columns, and the margin row is compared with nothing
    text = ("EBITDA margin of 7.7%, down 150 basis points.\n\n(in millions)\n\n"
            "| | A | B | C | % Change |\n|---|---|---|---|---|\n| Revenue | 759.7 | 635.7 | 700.0 | 19.5% |\n"
            "| EBITDA | 58.3 | 50.1 | 58.2 | 0.2% |\n| EBITDA margin | 7.7% | 9.2% | 8.3% | |\n")
    assert _priors(text) == {}

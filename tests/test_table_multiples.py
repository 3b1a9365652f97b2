"""Multiples printed in tables with their sign ("3.05x", "1.0 x"): each is a table cell of its row and column
(read as the multiple rows of a ratio label are, `extractor/quantities/cells.py`), so a row naming the two rows it
divides ("Net debt / adjusted EBITDA") is bound to them column by column (`table-named-multiple`)."""

from extractor import check_text, extract

FIXED = ("Leverage\n\n```\n(EUR millions)                      2024       2023\n"
         "Net debt                          1,250.0    1,180.0\n"
         "Adjusted EBITDA                     410.0      395.0\n"
         "Free cash flow                      122.0      118.0\n"
         "Net debt / adjusted EBITDA          {a}      {b}\n```\n")
PIPE = ("(in millions)\n\n| | 2024 | 2023 | 2022 |\n|---|---|---|---|\n| Total debt | 860 | 910 | 940 |\n"
        "| Adjusted EBITDA | 305 | 290 | 270 |\n| Total debt to adjusted EBITDA | {a} | {b} | {c} |\n")


def _multiples(text: str) -> dict[str, tuple[str, str, str]]:
    sheet = extract(text)
    by = {m.id: m.text for m in sheet.mentions}
    return {by[f.roles["factor"]]: (by[f.roles["to"]], by[f.roles["from"]], f.strength)
            for f in sheet.facts if f.type == "multiple"}


def test_a_multiple_glued_to_its_sign_is_a_cell_of_its_row():
    sheet = extract(FIXED.format(a="3.05x", b="2.99x"))
    cells = [(m.text, m.kind, m.cell.row_label) for m in sheet.mentions if m.cell is not None and m.text in ("3.05", "2.99")]
    assert cells == [("3.05", "number", "Net debt / adjusted EBITDA"), ("2.99", "number", "Net debt / adjusted EBITDA")]
    # and no multiple is read a second time as prose
    assert [m.text for m in sheet.mentions if m.cell is None and m.kind == "ratio"] == []


def test_a_row_naming_its_two_rows_is_bound_to_them_column_by_column():
    assert _multiples(FIXED.format(a="3.05x", b="2.99x")) == {"3.05": ("1,250.0", "410.0", "loose"),
                                                              "2.99": ("1,180.0", "395.0", "loose")}
    got = _multiples(PIPE.format(a="2.82x", b="3.14x", c="3.48x"))
    assert got == {"2.82": ("860", "305", "tight"), "3.14": ("910", "290", "tight"), "3.48": ("940", "270", "tight")}


def test_a_mistyped_multiple_the_other_columns_expose_is_an_error():
    # 910 / 290 is 3.14: 3.41 has two digits transposed, and the other two columns agree with the reading
    findings = check_text(PIPE.format(a="2.82x", b="3.41x", c="3.48x")).findings
    assert [(f.severity, f.rule) for f in findings] == [("error", "multiple")]
    assert findings[0].message.startswith("3.41")


def test_the_sign_printed_apart_is_the_multiples_too():
    text = FIXED.format(a="3.05 x", b="2.99 x")
    assert _multiples(text) == {"3.05": ("1,250.0", "410.0", "loose"), "2.99": ("1,180.0", "395.0", "loose")}


def test_a_label_the_wire_wrapped_in_lower_case_names_the_row():
    text = ("```\n(EUR millions)                                          2024       2023\n"
            "Net debt                                              1,250.0    1,180.0\n"
            "Adjusted EBITDA                                         410.0      395.0\n"
            "Net debt to adjusted EBITDA on a proportionate consolidated\n"
            "basis(1)                                                 3.05x      2.99x\n```\n")
    sheet = extract(text)
    labels = {m.cell.row_label for m in sheet.mentions if m.cell is not None and m.text == "3.05"}
    assert labels == {"Net debt to adjusted EBITDA on a proportionate consolidated basis(1)"}


COVERAGE = ("(in thousands)\n\n| | 2024 | 2023 |\n|---|---|---|\n| Revenue | 311,000 | 296,500 |\n"
            "| Adjusted EBITDA | 52,400 | 48,900 |\n| Interest paid | (12,800) | (13,100) |\n"
            "| Interest coverage ratio | {a} | {b} |\n")


def test_a_coverage_row_naming_no_rows_divides_the_two_rows_right_above_it():
    sheet = extract(COVERAGE.format(a="4.09x", b="3.73x"))
    by = {m.id: m.text for m in sheet.mentions}
    got = [(by[f.roles["factor"]], by[f.roles["to"]], by[f.roles["from"]], f.strength, f.attributes.get("sign"))
           for f in sheet.facts if f.rule == "table-multiple-rows"]
    # the interest paid is printed in brackets: the multiple is of its size
    assert got == [("4.09", "52,400", "(12,800)", "loose", "sizes"), ("3.73", "48,900", "(13,100)", "loose", "sizes")]
    assert check_text(COVERAGE.format(a="4.09x", b="3.73x")).findings == []


def test_a_coverage_multiple_with_transposed_digits_is_flagged_with_its_size():
    findings = check_text(COVERAGE.format(a="4.09x", b="3.37x")).findings
    assert [(f.severity, f.rule) for f in findings] == [("error", "multiple")]
    assert "3.733 times" in findings[0].message and "transposed" in findings[0].message


def test_a_coverage_multiple_no_known_slip_explains_is_kept_without_a_finding():
    # 3.95 is no slip of 3.73 a reader would know: one column agrees, the binding stays, nothing is flagged
    sheet = check_text(COVERAGE.format(a="4.09x", b="3.95x"))
    assert len([f for f in sheet.facts if f.rule == "table-multiple-rows"]) == 2 and sheet.findings == []


def test_rows_further_up_are_not_tried():
    # the multiple divides the revenue by the interest, three rows up: the two rows right above give nothing
    text = COVERAGE.format(a="24.30x", b="22.63x")
    assert [f for f in extract(text).facts if f.type == "multiple"] == []

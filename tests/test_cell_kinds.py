"""A table cell's kind from its row label: a percent sign or word anywhere, or the noun that ends the label."""

import pytest

from extractor import extract

TABLE = "(in thousands)\n\n| | 2024 | 2023 |\n|---|---|---|\n| {label} | {a} | {b} |\n| Revenue | $ 9,000 | $ 8,000 |\n"


@pytest.mark.parametrize("label, kind", [
    ("Effective tax rate", "percent"),
    ("Gross margin", "percent"),
    ("Adjusted EBITDA margin (1)", "percent"),
    ("Net interest margin:", "percent"),
    ("Tier 1 capital ratio", "percent"),
    ("Percentage of net sales", "percent"),
    ("Return on average equity", "percent"),
    ("Interest rate swaps", "money"),
    ("Margin loans", "money"),
    ("Percentage rents", "money"),
])
def test_the_head_noun_of_a_row_label_says_whether_it_holds_percentages(label, kind):
    sheet = extract(TABLE.format(label=label, a="41.5", b="38.2"))
    got = {m.text: m.kind for m in sheet.mentions if m.cell}
    assert got["41.5"] == kind


def test_a_figure_grouped_in_thousands_under_a_margin_label_is_the_margins_amount():
    sheet = extract(TABLE.format(label="Gross margin", a="3,735", b="3,020"))
    got = {m.text: m.kind for m in sheet.mentions if m.cell}
    assert got["3,735"] == "money"

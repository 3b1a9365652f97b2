"""Prose margins bound to table rows by their names (`_by_names` in `extractor/facts/tablemargins.py`): which
rows and column, what is refused, and which printing of a repeated revenue is the whole."""

from extractor import check_text, extract

STATEMENT = ("Statement of operations\n\n(in millions)\n\n| | 2024 | 2023 |\n|---|---|---|\n"
             "| Total revenues | 20,000 | 18,000 |\n| Net income | 1,900 | 1,500 |\n\n")
RECONCILIATION = ("Reconciliation of adjusted EBIT\n\n(in millions)\n\n| | 2024 | 2023 |\n|---|---|---|\n"
                  "| Total revenues | 20,000 | 18,000 |\n| EBIT | 2,600 | 2,100 |\n| Adjusted EBIT | 3,200 | 2,700 |\n")


def _margins(text: str) -> list[tuple[str, str, int, str, bool]]:
    sheet = extract(text)
    by = {m.id: m for m in sheet.mentions}
    return [(by[f.roles["pct"]].text, by[f.roles["part"]].text, by[f.roles["whole"]].start, by[f.roles["whole"]].text,
             f.named) for f in sheet.facts if f.rule == "prose-table-margin"]


def test_the_whole_is_the_first_printing_of_the_revenue_a_reconciliation_repeats():
    text = "Adjusted EBIT margin for 2024 was 16.0%.\n\n" + STATEMENT + RECONCILIATION
    [(pct, part, start, whole, _)] = _margins(text)
    assert (pct, part, whole) == ("16.0%", "3,200", "20,000") and start < text.index("Reconciliation")


def test_a_slip_in_the_margin_still_binds_by_the_names_and_is_flagged():
    text = "Adjusted EBIT margin for 2024 was 61.0%.\n\n" + STATEMENT + RECONCILIATION
    assert [m[:2] + m[3:] for m in _margins(text)] == [("61.0%", "3,200", "20,000", True)]
    assert [(f.severity, f.rule) for f in check_text(text).findings] == [("error", "part-of-whole")]


def test_a_name_picking_the_gaap_and_the_adjusted_row_binds_nothing_by_names():
    assert _margins("EBIT margin for 2024 was 31.0%.\n\n" + STATEMENT + RECONCILIATION) == []


def test_a_region_named_before_the_margin_binds_nothing_by_names():
    text = "In Europe, adjusted EBIT margin for 2024 was 19.0%.\n\n" + STATEMENT + RECONCILIATION
    assert _margins(text) == [] and check_text(text).findings == []

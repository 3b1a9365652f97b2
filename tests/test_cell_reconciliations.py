"""An adjustment row ("Add: ...", "Less: ...") holds what the figure it reconciles holds (quantities/cells.py)."""

from extractor import extract

PIPE = ("| | 2025 | 2024 |\n|---|---|---|\n"
        "| Diluted earnings per share | $ 1.20 | $ 0.95 |\n"
        "| Add: Restructuring costs | 0.10 | 0.05 |\n"
        "| Less: Gain on sale | (0.04) | -- |\n"
        "| Adjusted diluted earnings per share | $ 1.26 | $ 1.00 |\n")


def _kinds(text):
    return {(m.cell.row_label, m.text): m.kind for m in extract(text).mentions if m.cell}


def test_adjustments_of_a_per_share_figure_are_per_share():
    kinds = _kinds("(In millions, except per share data)\n\n" + PIPE)
    assert kinds[("Add: Restructuring costs", "0.10")] == "price"
    assert kinds[("Less: Gain on sale", "(0.04)")] == "price"


def test_adjustments_of_an_amount_are_amounts():
    kinds = _kinds("(In millions, except per share data)\n\n" + PIPE.replace("Diluted earnings per share", "Net income"))
    assert kinds[("Add: Restructuring costs", "0.10")] == "money"


def test_a_reconciliation_below_a_count_of_shares_is_no_per_share_one():
    text = ("(In millions, except per share data)\n\n| | 2025 | 2024 |\n|---|---|---|\n"
            "| Basic earnings per share | $ 0.50 | $ 0.40 |\n"
            "| Net income | 60 | 48 |\n"
            "| Add: Interest on convertible notes | 2 | 2 |\n")
    assert _kinds(text)[("Add: Interest on convertible notes", "2")] == "money"

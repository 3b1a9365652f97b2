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


# A bridge from a per-share figure to an adjusted one, its steps named with no "Add:" or "Less:" (in our words).
BRIDGE = ("(In millions, except per share data)\n\n| | 2025 | 2024 |\n|---|---|---|\n"
          "| Diluted EPS, as reported | $ 2.10 | $ 1.85 |\n"
          "| Severance costs | 0.12 | 0.30 |\n"
          "| Gain on sale of a plant | (0.07) | -- |\n"
          "| Adjusted diluted EPS | $ 2.15 | $ 2.15 |\n"
          "| Net sales | 1,250.4 | 1,180.9 |\n"
          "| Freight costs | 14.25 | 12.80 |\n")


def test_the_steps_of_a_per_share_bridge_are_per_share():
    kinds = _kinds(BRIDGE)
    assert kinds[("Severance costs", "0.12")] == kinds[("Gain on sale of a plant", "(0.07)")] == "price"


def test_a_row_after_a_bridge_with_amounts_between_is_no_step():
    # "Freight costs" has no per-share row below it, and an amount in thousands stands between it and the bridge
    assert _kinds(BRIDGE)[("Freight costs", "14.25")] == "money"


def test_a_row_between_per_share_rows_holding_an_amount_in_thousands_is_no_step():
    text = BRIDGE.replace("| Severance costs | 0.12 | 0.30 |", "| Severance costs | 0.12 | 0.30 |\n| Shares repurchased (value) | 1,200 | 900 |")
    assert _kinds(text)[("Severance costs", "0.12")] == "money"

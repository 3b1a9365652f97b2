"""Share counts a table's per-share figure puts in the amounts' scale (quantities/sharescale.py), and multiples
printed with a capital or the multiplication sign in a cell."""

from extractor import extract

STATEMENT = ("{note}\n\n| | Q4 2024 | Q4 2023 |\n|---|---|---|\n| Net income | $ 61,800 | $ 50,250 |\n"
             "| Earnings per share, basic | $ 2.06 | $ 1.65 |\n| Earnings per share, diluted | $ 1.98 | $ 1.60 |\n"
             "| Weighted average shares, basic | {basic} | {basic_before} |\n| Weighted average shares, diluted | 31,900 | 31,700 |\n")


def _counts(text):
    return {m.text: m.value for m in extract(text).mentions if m.kind == "shares"}


def test_counts_a_dollar_note_leaves_whole_are_in_thousands_when_the_per_share_row_says_so():
    # 61,800 thousand over 30,000 thousand shares is the 2.06 printed; over 30,000 shares it would be 2,060
    got = _counts(STATEMENT.format(note="(Dollars in thousands, except per share data)", basic="30,000", basic_before="30,450"))
    assert got["30,000"] == "30000000" and got["30,450"] == "30450000"
    # the diluted count divides no amount exactly (add-backs), and takes the scale the basic count proved
    assert got["31,900"] == "31900000"


def test_counts_printed_whole_stay_whole():
    got = _counts(STATEMENT.format(note="(Dollars in thousands, except share data)", basic="30,000,000", basic_before="30,450,000"))
    assert got["30,000,000"] == "30000000"
    assert got["31,900"] == "31900"  # no column proves this table's counts scaled


def test_counts_with_no_per_share_figure_that_fits_stay_as_the_note_reads_them():
    text = STATEMENT.format(note="(Dollars in thousands, except per share data)", basic="12,000", basic_before="12,100")
    assert _counts(text)["12,000"] == "12000"


def test_a_multiple_glued_to_a_capital_or_the_multiplication_sign_is_a_figure_of_its_cell():
    text = "| | 2024 | 2023 |\n|---|---|---|\n| Net leverage | 2.85× | 3.10× |\n| Interest coverage | 6.4X | 5.9X |\n"
    got = {m.text: (m.kind, m.value) for m in extract(text).mentions if m.cell}
    assert got == {"2.85": ("number", "2.85"), "3.10": ("number", "3.10"), "6.4": ("number", "6.4"), "5.9": ("number", "5.9")}

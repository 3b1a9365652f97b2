"""A table cell's kind from its row label: a percent sign or word anywhere, or the noun that ends the label."""

import pytest

from extractor import extract


def _cell_kinds(text: str) -> dict[str, str]:
    """Each table figure's printed text and the kind it was read as."""
    return {m.text: m.kind for m in extract(text).mentions if m.cell}


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


def test_a_margin_row_printing_a_figure_above_100_holds_the_margins_amounts_in_every_column():
    text = ("```\n(In millions)          Q4 2025   Q4 2024   FY 2025   FY 2024\nNet sales                612.4     590.1   2,415.0   2,301.7\n"
            "Cost of sales            402.9     395.3   1,604.6   1,540.2\nGross margin             209.5     194.8     810.4     761.5\n```\n")
    got = _cell_kinds(text)
    assert got["209.5"] == got["194.8"] == got["810.4"] == "money"


@pytest.mark.parametrize("a, b", [("34.2", "33.0"), ("(150.4)", "(42.0)")])
def test_a_margin_row_of_shares_of_revenue_stays_percentages(a, b):
    # a loss-making margin may fall below -100%: only a figure above 100 is no share of revenue
    sheet = extract(TABLE.format(label="Operating margin", a=a, b=b))
    got = {m.text: m.kind for m in sheet.mentions if m.cell}
    assert got[a] == got[b] == "percent"


def test_per_before_a_determiner_means_according_to_and_names_no_per_share_row():
    sheet = extract(TABLE.format(label="Fair value adjustment per the Trust's proportionate share", a="1,250", b="(600)"))
    got = {m.text: m.kind for m in sheet.mentions if m.cell}
    assert got["1,250"] == got["(600)"] == "money"
    sheet = extract(TABLE.format(label="Distributions per the unit holders' agreement, per unit", a="0.45", b="0.40"))
    assert {m.text: m.kind for m in sheet.mentions if m.cell}["0.45"] == "price"


def test_an_equity_caption_naming_a_par_value_and_shares_holds_the_stocks_amount():
    label = "Common stock, par value $0.01 per share; 50,000,000 shares authorized; 4,310,000 issued"
    sheet = extract(TABLE.format(label=label, a="43", b="41"))
    got = {m.text: (m.kind, m.value) for m in sheet.mentions if m.cell}
    assert got["43"] == ("money", "43000")


BLOCK = ("(in thousands, except per unit amounts)\n\n| | 2024 | 2023 |\n|---|---|---|\n"
         "| Partners' capital | $ 812,400 | $ 790,100 |\n| Deferred taxes | 91,300 | 88,000 |\n| Total | 903,700 | 878,100 |\n"
         "| {first} | 61,250 | 60,900 |\n| {second} | 4,100 | 4,100 |\n| Total | 65,350 | 65,000 |\n")


def test_a_bare_total_under_share_counts_is_a_share_count():
    sheet = extract(BLOCK.format(first="Units outstanding", second="Exchangeable units outstanding"))
    got = {m.text: (m.kind, m.value) for m in sheet.mentions if m.cell}
    assert got["65,350"] == ("shares", "65350000")
    assert got["903,700"] == ("money", "903700000")  # the total of amounts above it stays money


def test_a_bare_total_under_rows_of_other_kinds_stays_money():
    sheet = extract(BLOCK.format(first="Units outstanding", second="Accrued distributions"))
    got = {m.text: m.kind for m in sheet.mentions if m.cell}
    assert got["65,350"] == "money"


def test_a_header_naming_a_currency_gives_its_column_that_currency_and_a_price_header_prices():
    text = ("Shares were bought back as follows:\n\n| Date | Volume (no. of shares) | Average price paid (NOK) | Amount paid (NOK) |\n"
            "|---|---|---|---|\n| 3 March 2025 | 12,000 | 84.5125 | 1,014,150 |\n| 4 March 2025 | 10,000 | 85.0210 | 850,210 |\n")
    sheet = extract(text)
    got = {m.text: (m.kind, m.currency) for m in sheet.mentions if m.cell}
    assert got["12,000"] == ("shares", None)
    assert got["84.5125"] == ("price", "NOK")
    assert got["1,014,150"] == ("money", "NOK")


def test_a_row_note_in_000s_scales_its_row_by_a_thousand_whatever_the_tables_note():
    text = ("(in millions)\n\n| | 2024 | 2023 |\n|---|---|---|\n| Revenue | $ 412.5 | $ 398.0 |\n"
            "| Weighted average units outstanding (in 000's) | 52,310 | 51,980 |\n")
    got = {m.text: (m.kind, m.value) for m in extract(text).mentions if m.cell}
    assert got["52,310"] == ("shares", "52310000")
    assert got["412.5"] == ("money", "412500000")


def test_a_note_in_000s_with_an_exception_scales_what_it_does_not_except():
    text = ("(in 000's except for per share data)\n\n| | 2024 | 2023 |\n|---|---|---|\n| Net income | 3,410 | 2,980 |\n"
            "| Net income per share | 0.41 | 0.36 |\n")
    got = {m.text: (m.kind, m.value) for m in extract(text).mentions if m.cell}
    assert got["3,410"] == ("money", "3410000")
    assert got["0.41"] == ("price", "0.41")


def test_a_row_of_an_amount_and_its_per_share_figure_is_read_by_each_columns_header():
    text = ("(in millions, except per share amounts)\n\n| | Net income | Earnings per share | Net income | Earnings per share |\n"
            "|---|---|---|---|---|\n| Reported net income/EPS | $ 512 | $ 1.12 | $ 488 | $ 1.07 |\n")
    got = {m.text: (m.kind, m.value) for m in extract(text).mentions if m.cell}
    assert got["512"] == ("money", "512000000")
    assert got["1.12"] == ("price", "1.12")


@pytest.mark.parametrize("label", ["Average daily rate $/day", "Cash operating cost per tonne", "Revenue per available room",
                                   "Realized gas price (US$/Mcf)"])
def test_a_rate_per_unit_of_measure_is_a_price_never_scaled(label):
    got = {m.text: (m.kind, m.value, m.unit) for m in extract(TABLE.format(label=label, a="18,450", b="17,980")).mentions if m.cell}
    assert got["18,450"][:2] == ("price", "18450")
    assert got["18,450"][2] == {"Average daily rate $/day": "day", "Cash operating cost per tonne": "tonne",
                                "Revenue per available room": "room", "Realized gas price (US$/Mcf)": "mcf"}[label]


@pytest.mark.parametrize("label", [
    "Series B preferred, 4,000 shares outstanding, at liquidation value of $25 per share",
    "Common stock, 61,200,118 and 60,954,002 shares issued and outstanding at year end",
    "(in thousands except per unit amounts) Net income (loss) per the statements",
])
def test_an_equity_caption_or_a_note_merged_into_a_label_does_not_make_its_row_counts_or_prices(label):
    got = {m.text: (m.kind, m.value) for m in extract(TABLE.format(label=label, a="100,000", b="98,500")).mentions if m.cell}
    assert got["100,000"] == ("money", "100000000")


def test_an_exchange_rate_between_two_currencies_is_no_price_per_unit():
    got = {m.text: m.kind for m in extract(TABLE.format(label="Exchange rate (US$/C$)", a="0.72", b="0.74")).mentions if m.cell}
    assert got["0.72"] != "price"


@pytest.mark.parametrize("label", [
    "Shares for calculation of basic EPS",
    "Basic shares used to compute earnings per share",
    "Weighted average shares used in computing diluted net income per share",
])
def test_a_share_count_naming_the_per_share_figure_it_serves_is_a_count(label):
    sheet = extract(TABLE.format(label=label, a="12,480", b="12,130"))
    got = {m.text: m.kind for m in sheet.mentions if m.cell}
    assert got["12,480"] == got["12,130"] == "shares"


def test_a_count_whose_noun_is_in_its_heading_is_a_count_when_its_label_says_what_it_serves():
    text = ("(in thousands, except per share amounts)\n\n| | 2024 | 2023 |\n|---|---|---|\n| Net income | 5,100 | 4,200 |\n"
            "| Weighted average number of shares: | | |\n| used in computing basic net income per share | 10,200 | 10,500 |\n"
            "| Diluted net income per share | 0.49 | 0.39 |\n| used in computing diluted net income per share | 10,400 | 10,700 |\n")
    got = _cell_kinds(text)
    assert got["10,200"] == got["10,400"] == "shares"
    assert got["0.49"] == "price"


def test_a_bare_basis_row_after_a_per_share_label_ending_on_the_other_basis_is_per_share():
    # a statement a wire flattened into lines keeps "... per common share Basic" and then a row named "Diluted"
    text = ("```\n(In thousands, except per share data)   2024      2023\nNet loss                             (8,150)   (6,020)\n"
            "Net loss per common share Basic        (0.41)    (0.33)\nDiluted                                (0.40)    (0.32)\n"
            "Weighted average shares outstanding Basic  19,900   18,300\n```\n")
    got = _cell_kinds(text)
    assert [got[t] for t in ("(0.40)", "(0.32)")] == ["price", "price"]
    assert got["19,900"] == "shares"


@pytest.mark.parametrize("label", ["Cumulative dividends on preferred shares", "Repurchase of common shares",
                                   "Payments related to shares withheld for taxes", "Proceeds from issuance of units"])
def test_an_amount_paid_on_or_for_shares_is_money(label):
    sheet = extract(TABLE.format(label=label, a="(1,420)", b="(980)"))
    assert {m.text: m.kind for m in sheet.mentions if m.cell}["(1,420)"] == "money"


@pytest.mark.parametrize("label", ["Shares repurchased", "Common shares outstanding", "Number of shares issued"])
def test_a_count_of_shares_stays_a_count(label):
    sheet = extract(TABLE.format(label=label, a="(1,420)", b="(980)"))
    assert {m.text: m.kind for m in sheet.mentions if m.cell}["(1,420)"] == "shares"


def test_a_count_whose_label_names_the_per_share_figure_it_serves_is_a_count():
    text = ("| | 2025 | 2024 |\n|---|---|---|\n| Net loss per share | (0.31) | (0.44) |\n"
            "| Weighted average number of shares | | |\n"
            "| used in computing basic net loss per share | 21,400,310 | 19,870,002 |\n"
            "| Shares for calculation of diluted EPS | 22,100,400 | 20,001,950 |\n")
    got = _cell_kinds(text)
    assert got["21,400,310"] == got["22,100,400"] == "shares"
    assert got["(0.31)"] == "price"


def test_a_label_naming_a_currency_per_share_holds_prices():
    sheet = extract("| | 2025 | 2024 |\n|---|---|---|\n| Net asset value, EUR / share | 18.40 | 17.95 |\n| NAV (CHF/share) | 21.05 | 20.10 |\n")
    got = {m.text: m.kind for m in sheet.mentions if m.cell}
    assert got["18.40"] == got["21.05"] == "price"


def test_a_per_share_heading_gives_no_per_share_kind_to_an_amount_of_a_measure_below_it():
    text = ("| | 2025 | 2024 |\n|---|---|---|\n| Revenue | 1,000 | 900 |\n| Loss per share | | |\n| Basic and diluted | (0.42) | (1.10) |\n"
            "| EBITDA | (8,310,455) | (12,004,118) |\n")
    got = _cell_kinds(text)
    assert got["(0.42)"] == "price"
    assert got["(8,310,455)"] != "price"


def test_a_basis_row_with_no_heading_takes_the_kind_of_the_row_naming_the_other_basis():
    text = ("```\n(In thousands, except per share data)     2025       2024\nNet loss                             (6,120)    (9,480)\n"
            "Net loss per common share Basic        (0.31)     (0.52)\nDiluted                                (0.31)     (0.52)\n"
            "Weighted average shares Basic          19,740     18,230\nDiluted                                19,740     18,230\n```\n")
    got = [(m.cell.row_label, m.kind, m.value) for m in extract(text).mentions if m.cell and m.cell.row_label == "Diluted"]
    assert [k for _, k, _ in got] == ["price", "price", "shares", "shares"]
    assert got[2][2] == "19740000"


def test_an_equity_caption_wrapped_over_rows_names_no_count_for_the_rows_under_it():
    text = ("(in dollars)\n\n| | 2025 | 2024 |\n|---|---|---|\n| Total liabilities | $ 9,120,400 | $ 8,870,115 |\n"
            "| Common stock, par value $.10 per share, | | |\n| authorized 8,000,000 shares; issued and outstanding | | |\n"
            "| 2,210,450 in 2025 and 2,190,300 shares in 2024 | 221,045 | 219,030 |\n| Additional paid-in capital | 4,410,200 | 4,390,880 |\n")
    got = _cell_kinds(text)
    assert got["221,045"] == got["4,410,200"] == "money"


def test_a_column_beside_a_money_column_holding_the_same_rows_for_another_period_is_money():
    # the current period's column prints the sign, the prior period's does not
    text = ("```\n(In millions)                 2025      2024      2025      2024\n"
            "Product sales             $  1,204     1,118   $ 4,610     4,395\n"
            "Service revenue                 388       352     1,490     1,377\n"
            "Total revenue             $  1,592     1,470   $ 6,100     5,772\n```\n")
    got = {m.text: (m.kind, m.value) for m in extract(text).mentions if m.cell}
    assert got["1,118"] == ("money", "1118000000")
    assert got["1,377"] == ("money", "1377000000")


def test_a_column_of_counts_beside_a_money_column_stays_a_count():
    text = ("```\n                      Revenue     Homes      Revenue     Homes\n"
            "North              $ 412,300       710    $ 398,900       688\n"
            "South                288,150       524      301,400       541\n"
            "Total              $ 700,450     1,234    $ 700,300     1,229\n```\n")
    got = _cell_kinds(text)
    assert got["710"] == "number" and got["1,234"] == "number"
    assert got["288,150"] == "money"


def test_a_loss_printing_its_percent_sign_inside_its_parentheses_is_a_negative_percentage():
    text = ("(In US$ thousands)\n\n| | Q4 2024 | Q4 2023 | % Change |\n|---|---|---|---|\n"
            "| Ticket revenue | 612,400 | 643,300 | (4.8%) |\n| Freight revenue | 28,900 | 26,500 | 9.1% |\n"
            "| Total revenue | 641,300 | 669,800 | (4.3%) |\n")
    got = {m.text: (m.kind, m.value) for m in extract(text).mentions if m.cell}
    assert got["(4.8"] == ("percent", "-4.8")
    assert got["(4.3"] == ("percent", "-4.3")


def test_a_row_measured_in_years_holds_no_amounts_in_a_money_column():
    text = ("```\n(In millions)                        2024       2023\n"
            "Rental income                      $ 412.6    $ 398.1\n"
            "Weighted average lease term (years)    4.2        4.6\n"
            "Operating expenses                   (96.3)     (90.7)\n```\n")
    got = _cell_kinds(text)
    assert got["4.2"] == "number"


@pytest.mark.parametrize("label", ["Average EUR/USD exchange rate", "Exchange rates (1)", "FX (SEK/USD)", "Rate used (US$/C$)"])
def test_a_row_of_exchange_rates_holds_rates_neither_percentages_nor_amounts(label):
    got = {m.text: (m.kind, m.value) for m in extract(TABLE.format(label=label, a="1.0835", b="1.0912")).mentions if m.cell}
    assert got["1.0835"] == ("number", "1.0835")


def test_the_effect_of_exchange_rate_changes_is_an_amount():
    got = {m.text: m.kind for m in extract(TABLE.format(label="Effect of exchange rate changes on cash", a="(1,240)",
                                                        b="860")).mentions if m.cell}
    assert got["(1,240)"] == "money"


@pytest.mark.parametrize("label", ["Average fleet count", "Store count (1)", "Headcount", "Employees (FTE)",
                                   "Inventory days (DIO)", "Days sales outstanding", "Number of distribution centers"])
def test_a_row_counting_things_holds_counts_whatever_the_note(label):
    got = {m.text: (m.kind, m.value) for m in extract(TABLE.format(label=label, a="12,400", b="11,950")).mentions if m.cell}
    assert got["12,400"] == ("number", "12400")
    assert got["9,000"][0] == "money"


@pytest.mark.parametrize("label", ["Payments to employees", "Loans to customers", "Number of shares outstanding"])
def test_the_money_or_shares_of_counted_things_are_no_counts(label):
    got = {m.text: m.kind for m in extract(TABLE.format(label=label, a="12,400", b="11,950")).mentions if m.cell}
    assert got["12,400"] in ("money", "shares")


@pytest.mark.parametrize("label, unit", [("Average rent per leased sqm", "sqm"), ("Rent (US$/sqm)", "sqm"),
                                         ("Average price per fuel gallon", "gallon"), ("Cost per available room", "room")])
def test_a_rate_per_unit_of_measure_may_name_the_thing_measured_between_per_and_the_unit(label, unit):
    got = {m.text: (m.kind, m.unit) for m in extract(TABLE.format(label=label, a="5.88", b="5.41")).mentions if m.cell}
    assert got["5.88"] == ("price", unit)


def test_a_margins_amount_in_a_column_headed_by_its_currency_is_money():
    text = ("| | Q2 2025 | Q2 2024 |\n|---|---|---|\n| | $ | $ |\n| Revenue | 4,812,330 | 4,101,870 |\n"
            "| Gross margin | 1,240,115 | 1,003,420 |\n")
    got = {m.text: (m.kind, m.value) for m in extract(text).mentions if m.cell}
    assert got["1,240,115"] == ("money", "1240115")


def test_an_amount_printed_to_a_tenth_of_a_cent_is_a_rate_per_unit_not_a_total():
    text = ("| Month | Record date | Payable date | Amount |\n|---|---|---|---|\n"
            "| July | 07/15/2025 | 07/31/2025 | $0.0815 |\n| August | 08/15/2025 | 08/29/2025 | $0.0815 |\n"
            "| September | 09/15/2025 | 09/30/2025 | $0.0830 |\n")
    got = {m.text: (m.kind, m.value) for m in extract(text).mentions if m.cell}
    assert got["0.0830"] == ("price", "0.0830")
    totals = {m.text: m.kind for m in extract(TABLE.format(label="Other income", a="$ 0.25", b="$ 1.50")).mentions if m.cell}
    assert totals["0.25"] == "money"


@pytest.mark.parametrize("label", ["Current ratio", "Net debt to adjusted EBITDA ratio", "Net debt / EBITDA (x)",
                                   "Debt-to-equity ratio", "Interest coverage ratio"])
def test_a_ratio_of_two_amounts_printed_as_a_multiple_is_a_plain_number(label):
    got = {m.text: (m.kind, m.value) for m in extract(TABLE.format(label=label, a="2.41", b="1.97")).mentions if m.cell}
    assert got["2.41"] == ("number", "2.41")


def test_a_ratio_row_printed_in_percent_stays_a_percent():
    assert {m.text: m.kind for m in extract(TABLE.format(label="Debt-to-equity ratio", a="45%", b="52%")).mentions
            if m.cell}["45%"] == "percent"


# a statement's rows naming shares but no count of them: the amount the shares stand for
EQUITY = ("(In thousands of dollars)\n\n| | 2024 | 2023 |\n|---|---|---|\n| Share capital | 12,500 | 12,500 |\n"
          "| Retained earnings | 80,210 | 71,004 |\n| {label} | (4,120) | (2,980) |\n| Total equity | 88,590 | 80,524 |\n")
FINANCING = ("| | 2025 | 2024 |\n|---|---|---|\n| Net cash used in investing activities | (91,400) | (60,115) |\n"
             "| Preferred shares issued to settle debt | 215,000 | - |\n| Common shares repurchased | (45,000) | (7,250) |\n"
             "| Repayment of notes payable | - | 900,000 |\n| Cash at end of period | $ 231,900 | $ 118,430 |\n")


@pytest.mark.parametrize("label", ["Treasury shares", "Redeemable convertible preferred shares",
                                   "Warrants to purchase ordinary shares"])
def test_a_row_naming_shares_among_a_statements_amounts_holds_their_amount(label):
    got = {m.text: (m.kind, m.value) for m in extract(EQUITY.format(label=label)).mentions if m.cell}
    assert got["(4,120)"] == ("money", "-4120000")


def test_share_rows_of_a_cash_flow_statement_are_its_amounts_one_after_the_other():
    got = {m.text: (m.kind, m.value) for m in extract(FINANCING).mentions if m.cell}
    assert got["215,000"] == ("money", "215000") and got["(45,000)"] == ("money", "-45000")


@pytest.mark.parametrize("text, figure", [
    # its neighbours are a per-share figure and a total: the buyback's count
    ("(in thousands, except per share amounts)\n\n| | Q4 2024 | Q4 2023 |\n|---|---|---|\n| Shares repurchased | 1,250 | 980 |\n"
     "| Average price paid per share | $ 41.20 | $ 36.15 |\n| Total cost | $ 51,500 | $ 35,427 |\n", "1,250"),
    # a count says so in its section
    ("(in thousands)\n\n| | 2024 | 2023 |\n|---|---|---|\n| Net income | 12,000 | 10,000 |\n"
     "| Weighted average shares outstanding: | | |\n| Common shares | 45,100 | 44,800 |\n", "45,100"),
    # no note and no currency: nothing says the table holds amounts
    ("| | 2025 | 2024 |\n|---|---|---|\n| Revenue | 9,100 | 8,200 |\n| Common shares repurchased | 45,000 | 7,250 |\n", "45,000"),
])
def test_a_row_naming_shares_stays_a_count_where_nothing_makes_it_an_amount(text, figure):
    assert _cell_kinds(text)[figure] == "shares"


def test_a_figure_printing_its_sign_under_a_header_naming_a_price_is_a_price_and_a_total_paid_is_money():
    text = ("| | Gas (Mcf) | | Oil (Bbl) | |\n|---|---|---|---|---|\n"
            "| | Avg. hedge price | % hedged | Avg. hedge price | % hedged |\n"
            "| 2026 | $3.40 | 80% | $66.10 | 70% |\n| 2027 | $3.35 | 65% | $64.80 | 50% |\n")
    got = {m.text: (m.kind, m.value) for m in extract(text).mentions if m.cell}
    assert got["3.40"] == ("price", "3.40") and got["64.80"] == ("price", "64.80")
    paid = text.replace("Avg. hedge price", "Total purchase price")
    assert {m.text: m.kind for m in extract(paid).mentions if m.cell}["3.40"] == "money"


def test_a_column_of_the_years_things_were_built_holds_dates():
    text = ("| Vessel | Type | Capacity (TEU) | Year Built | Charter rate ($/day) |\n|---|---|---|---|---|\n"
            "| North Star | Feeder | 2,800 | 2009 | $ 21,500 |\n| South Cross | Feeder | 1,740 | 2015 | $ 18,250 |\n"
            "| East Wind | Intermediate | 4,250 | 2021 | $ 33,000 |\n")
    got = {m.text: (m.kind, m.value) for m in extract(text).mentions if m.cell}
    assert got["2009"] == ("date", "2009") and got["2,800"][0] == "number"


def test_a_qualifier_row_reads_the_heading_right_above_it_though_its_cells_print_dashes():
    # the per-share row two above names "basic and diluted" too: the heading between is the qualifier's
    text = ("| | 2024 | 2023 |\n|---|---|---|\n| Net loss | $ (412,300) | $ (398,100) |\n"
            "| Net loss per share, basic and diluted | $ (0.02) | $ (0.02) |\n"
            "| Weighted average common shares outstanding | - | - |\n| Basic and diluted | 20,615,000 | 19,905,000 |\n")
    got = _cell_kinds(text)
    assert got["20,615,000"] == got["19,905,000"] == "shares"
    assert got["(0.02)"] == "price"


def test_a_percentage_in_words_in_its_cell_or_its_columns_header_is_a_percent():
    text = ("| | 2024 | 2023 | Change, pct | y/y |\n|---|---|---|---|---|\n| Orders | 2,400 | 2,150 | 11.6 | 11.6 per cent |\n"
            "| Backlog | 12.5 percent | (3.2) pct | 4.0 | 4.0 pct |\n")
    got = {(m.cell.row, m.cell.column): (m.kind, m.value) for m in extract(text).mentions if m.cell}
    assert got[(1, 1)] == ("number", "2400")
    assert got[(1, 3)] == got[(1, 4)] == ("percent", "11.6")
    assert got[(2, 1)] == ("percent", "12.5") and got[(2, 2)] == ("percent", "-3.2") and got[(2, 4)] == ("percent", "4.0")


def test_a_column_headed_by_a_margin_or_a_yoy_holds_percentages_beside_a_money_column():
    text = ("| Segment | Revenue | Margin | YoY |\n|---|---|---|---|\n| Retail | $ 1,200 | 12.5 | 3.1 |\n"
            "| Wholesale | 800 | 9.8 | (1.2) |\n")
    got = _cell_kinds(text)
    assert got["12.5"] == got["9.8"] == got["3.1"] == got["(1.2)"] == "percent"
    assert got["800"] == "money"


def test_a_margin_column_of_amounts_running_alongside_the_revenue_column_stays_money():
    text = ("(in millions)\n\n| Segment | Revenue | Gross margin |\n|---|---|---|\n| Retail | $ 120.5 | $ 45.2 |\n"
            "| Wholesale | 80.1 | 30.4 |\n")
    got = _cell_kinds(text)
    assert got["30.4"] == got["45.2"] == "money"


@pytest.mark.parametrize("label", ["Occupancy", "Portfolio occupancy (1)", "Load factor", "Fleet utilization"])
def test_an_occupancy_or_a_load_factor_row_holds_percentages_outside_money_columns(label):
    text = f"Operating statistics follow.\n\n| | 2024 | 2023 |\n|---|---|---|\n| {label} | 94.1 | 92.0 |\n| Flights | 1,200 | 1,100 |\n"
    assert _cell_kinds(text)["94.1"] == "percent"


def test_an_occupancy_cost_in_a_statement_of_money_a_footnote_mark_and_hours_are_no_percentages():
    text = ("(in thousands)\n\n| | 2024 | 2023 |\n|---|---|---|\n| Salaries | $ 4,100 | $ 3,900 |\n| Occupancy | 81.2 | 77.0 |\n")
    assert _cell_kinds(text)["81.2"] == "money"
    text = "Fleet data follow.\n\n| | 4Q24 | 4Q23 |\n|---|---|---|\n| Average aircraft utilization (hours) | 12.0 | 11.9 |\n"
    assert _cell_kinds(text)["12.0"] == "number"


@pytest.mark.parametrize("note", ["Key ratios (in %)", "(%)", "(percent)"])
def test_a_percent_note_heading_the_label_column_makes_the_tables_bare_figures_percentages(note):
    text = f"Ratios follow.\n\n| {note} | 2024 | 2023 |\n|---|---|---|\n| Organic growth | 4.1 | 3.2 |\n| EBITDA | 22.0 | 21.1 |\n"
    got = _cell_kinds(text)
    assert got["4.1"] == got["21.1"] == "percent"


def test_a_note_naming_another_unit_beside_the_percent_sign_makes_no_table_of_percentages():
    text = "Results follow.\n\n| In EUR millions (%) | 2024 | 2023 |\n|---|---|---|\n| Revenue | 572.6 | 606.2 |\n"
    assert _cell_kinds(text)["572.6"] != "percent"


@pytest.mark.parametrize("label", ["Units sold", "Active customers", "Subscribers"])
def test_a_row_counting_customers_or_units_sold_holds_counts_whatever_the_note(label):
    text = (f"(in thousands)\n\n| | 2024 | 2023 |\n|---|---|---|\n| Revenue | $ 9,000 | $ 8,000 |\n| {label} | 12,300 | 11,000 |\n")
    assert _cell_kinds(text)["12,300"] == "number"
    text = "(in thousands)\n\n| | 2024 | 2023 |\n|---|---|---|\n| Revenue from customers | $ 9,000 | $ 8,000 |\n| Other | 1,300 | 1,000 |\n"
    assert _cell_kinds(text)["1,300"] == "money"


def test_section_headings_below_a_fixed_width_header_leave_its_percent_change_within_reach():
    text = ("```\n                    Quarter Ended\n                              % Change,\n"
            "                   As          As\n                 2025     2024  Reported\n"
            "---------------  -------  -------  --------\nAs reported under\nGAAP:\n"
            "Net sales        $ 888    $ 850     4.5%\nGross profit       390      341     14.3\n"
            "Operating profit   119       94     26.7\n```\n")
    got = _cell_kinds(text)
    assert got["14.3"] == got["26.7"] == "percent"
    assert got["390"] == "money"


def test_a_fixed_width_row_printing_a_dollar_before_each_amount_leaves_the_percent_changes_its_header_names_bare():
    text = ("```\n                      Reported       FX      Constant\n"
            "Segment     Q4 2025   Q4 2024  % Change  Impact  Currency % Change\n"
            "--------  --------- --------- --------- ------- ----------\n"
            "Net sales  $ 2,173.9  $ 2,231.1  (2.6)  $(8.4)  (2.2)\n"
            "COGS       $(1,317.5) $(1,351.5)   2.5  $ 6.0    2.1\n"
            "MG&A       $ (500.5)  $ (528.2)    5.2  $ 3.4    4.6\n```\n")
    got = _cell_kinds(text)
    assert got["(2.6)"] == got["2.5"] == got["5.2"] == got["(2.2)"] == got["4.6"] == "percent"
    assert got["(8.4)"] == got["3.4"] == got["2,173.9"] == "money"


def test_an_unsigned_prior_period_column_is_no_percentage_when_the_header_names_one_change():
    text = ("```\n(in millions)      2025     2024   % Change\n---------------  -------  -------  --------\n"
            "Revenue          $ 2,098    1,898      10.5\nCost of sales    $ 1,200    1,100       9.1\n```\n")
    got = _cell_kinds(text)
    assert got["1,898"] == got["1,100"] == "money"


def test_a_first_row_gluing_its_dollar_to_the_amount_carries_its_percent_columns_down():
    text = ("```\n                   December  December            December    December\n"
            "                   28, 2024  30, 2023  % Change  28, 2024    30, 2023  % Change\n"
            "---------------  ---------  --------  --------  ----------  ---------  --------\n"
            "U.S.             $618,747  $600,733     3.0%  $2,581,137  $2,636,656   (2.1)%\n"
            "International     252,939   247,763     2.1      908,433     933,067   (2.6)\n```\n")
    got = _cell_kinds(text)
    assert got["2.1"] == got["(2.6)"] == "percent"
    assert got["252,939"] == "money"


# "DPS" and "(PS)" name segments as often as a dividend per share: an acronym is no per-share row
@pytest.mark.parametrize("label", ["Digital Payment Services (DPS)", "DPS revenue", "Professional Services (PS)"])
def test_an_acronym_like_dps_or_ps_names_no_per_share_row(label):
    assert _cell_kinds(TABLE.format(label=label, a="88,400", b="80,300"))["88,400"] == "money"


@pytest.mark.parametrize("label", ["Power purchase agreements (PPAs)", "Group share of results", "Capex, ps included"])
def test_ps_inside_a_word_or_outside_a_bracket_is_no_per_share(label):
    assert _cell_kinds(TABLE.format(label=label, a="5,450", b="5,300"))["5,450"] == "money"

"""A table's unit note: the scale and the currency of its amounts, wherever the note is printed and however it
names them, and whose it is (the table's, or one row's)."""

from decimal import Decimal

import pytest

from extractor import extract
from extractor.document.notes import read_note


@pytest.mark.parametrize("note, scale, currency", [
    ("(In US$ thousands)", 1000, "USD"),
    ("(In NT$ million, except per share data)", 1000000, "TWD"),
    ("In EUR millions   2023   2024   Change", 1000000, "EUR"),
    ("Six months ended June 30 (EUR millions)", 1000000, "EUR"),
    ("Operating profit - EURm", 1000000, "EUR"),
    ("In million euros   Dec 31, 23   Dec 31, 24", 1000000, "EUR"),
    ("Thousands of Dollars", 1000, "USD"),
    ("('000 euros)", 1000, "EUR"),
    ("Capital spending (USD thousands)", 1000, "USD"),
    ("RMB'000", 1000, "CNY"),
    ("Order backlog - SEKbn", 1000000000, "SEK"),
    ("(in thousands of Canadian dollars)", 1000, "CAD"),
    ("(Expressed in United States Dollars, except number of shares)", 1, "USD"),
    ("(Unaudited, in Canadian dollars)", 1, "CAD"),
])
def test_a_unit_note_names_its_currency_with_its_scale_or_alone(note, scale, currency):
    got = read_note(note)
    assert (got.scale, got.currency) == (Decimal(scale), currency)


@pytest.mark.parametrize("note, shares_too", [
    ("($ in millions)", True), ("(EUR millions)", True), ("(In US$ thousands)", True),
    ("(dollars in thousands)", False), ("In million euros", False), ("Thousands of Dollars", False),
    ("(In EUR millions, except share data)", False), ("(Expressed in United States Dollars)", False),
])
def test_a_currency_named_after_the_scale_keeps_it_off_share_counts(note, shares_too):
    got = read_note(note)
    assert (got.share_scale == got.scale) is shares_too


@pytest.mark.parametrize("text", ["Yield (US$ cents)", "paid in dollars to holders.",
                                  "Sales volumes (thousands of tons)", "Diluted EPS (IFRS, in EUR)"])
def test_a_unit_of_measure_or_a_currency_in_passing_is_no_unit_note(text):
    assert read_note(text) is None


def test_a_count_in_thousand_shares_is_scaled_by_its_own_note_not_the_tables():
    text = ("```\n(In NT$ million, except per share data)\n                      2024        2023\n"
            "Net revenues           88,363      85,790\n"
            "Weighted average shares used in diluted\nEPS calculation ( in thousand\nshares)  4,399,409   4,391,465\n```\n")
    got = cells(text)
    assert got["88,363"] == ("money", "88363000000", "TWD")
    assert got["4,399,409"][:2] == ("shares", "4399409000")


def test_a_bare_scale_in_brackets_scales_its_rows_count_never_an_amount():
    got = read_note("Weighted average common shares (millions)")
    assert (got.scale, got.share_scale) == (None, Decimal(1000000))
    text = ("| | Q4 2024 | Q4 2023 |\n|---|---|---|\n| Net income | 18.0 | 17.6 |\n"
            "| Weighted average common shares (millions) | 40.0 | 39.5 |\n")
    got = cells(text)
    assert got["40.0"][:2] == ("shares", "40000000")
    assert got["18.0"][0] != "money" or got["18.0"][1] == "18.0"


def cells(text):
    return {m.text: (m.kind, m.value, m.currency) for m in extract(text).mentions if m.cell}


def test_a_note_naming_a_currency_scales_the_tables_amounts_and_gives_them_its_currency():
    text = ("Group income statement\n(In EUR millions)\n\n| | 2024 | 2023 |\n|---|---|---|\n| Revenue | 412.5 | 398.0 |\n"
            "| Operating expenses | (120.4) | (118.9) |\n| Earnings per share | 1.12 | 1.07 |\n")
    got = cells(text)
    assert got["412.5"] == ("money", "412500000", "EUR")
    assert got["(120.4)"] == ("money", "-120400000", "EUR")
    assert got["1.12"] == ("price", "1.12", "EUR")  # per share: never scaled, in the note's currency


def test_a_note_naming_only_a_currency_makes_the_whole_figures_amounts():
    text = ("Statements of income\n(Expressed in United States Dollars, except number of shares)\n\n"
            "| | 2024 | 2023 |\n|---|---|---|\n| Revenues | 29,881,814 | 26,211,665 |\n"
            "| Weighted average number of shares | 23,566,153 | 32,729,505 |\n")
    got = cells(text)
    assert got["29,881,814"] == ("money", "29881814", "USD")
    assert got["23,566,153"][:2] == ("shares", "23566153")


def test_a_row_naming_its_own_currency_and_scale_is_scaled_alone():
    text = ("| | Q4 2024 | Q4 2023 |\n|---|---|---|\n| Passengers carried (thousands) | 3,444 | 3,310 |\n"
            "| Operating revenues (US$ millions) | 877.1 | 912.8 |\n")
    got = cells(text)
    assert got["877.1"] == ("money", "877100000", "USD")
    assert got["3,444"][0] == "number"


def test_a_rows_own_note_in_the_first_rows_is_not_the_tables():
    text = ("```\nOutlook\n                                            2025 Range\n"
            "Sales volumes (thousands of tons)           7,600 - 8,500\n"
            "Revenue (in millions)                       $900 - $1,000\n"
            "Adj. EBITDA (in millions)                   $205 - $230\n```\n")
    got = cells(text)
    assert got["900"] == ("money", "900000000", "USD")
    assert got["7,600"][1] == "7600"  # not 7.6 billion dollars


FENCE = """```
Reconciliation of adjusted net earnings
(unaudited, in millions)
                                  Three Months Ended
                                        Dec. 31,
                               --------------------------
                                      2024      2023
                               ------------ ------------
Net loss                           $ (23.6)  $ (75.3)
Weighted-average common shares outstanding (in
thousands):
Diluted                              41,441    41,205

Reconciliation of EBITDA
(unaudited, in millions)
                                  Three Months Ended
                                        Dec. 31,
                               --------------------------
                                      2024      2023
                               ------------ ------------
Net loss                           $ (23.6)  $ (75.3)
Interest expense                      16.9      15.9
```
"""


def test_a_note_above_a_header_of_several_lines_and_rules_is_the_next_tables_not_the_last_rows():
    got = {(m.text, m.start > FENCE.index("Reconciliation of EBITDA")): (m.kind, m.value)
           for m in extract(FENCE).mentions if m.cell}
    assert got[("41,441", False)] == ("shares", "41441000")
    assert got[("16.9", True)] == ("money", "16900000")
    assert got[("(23.6)", True)] == ("money", "-23600000")


def test_a_row_measured_in_a_unit_of_its_own_holds_no_amounts_whatever_the_note():
    text = ("(EUR millions)\n\n| | 2024 | 2023 |\n|---|---|---|\n| Revenue | 412.5 | 398.0 |\n"
            "| Gold sold (oz) | 7,631 | 8,020 |\n| Leasable area ('000s sq. ft) | 3,378 | 3,305 |\n")
    got = cells(text)
    assert got["412.5"] == ("money", "412500000", "EUR")
    assert got["7,631"][:2] == ("number", "7631")
    assert got["3,378"][:2] == ("number", "3378")


def test_a_note_a_row_prints_before_its_figures_is_that_rows_not_the_next_ones():
    text = ("```\nGuidance                         Q1 FY2025      FY 2025\n"
            "Gold (oz)                            7,631     37,000\n"
            "Capital expenditures (USD thousands) $2,010 $14,000 -$16,000\n"
            "Cash operating costs ($/oz)\n(1)                          $1,680     $1,550\n```\n")
    got = cells(text)
    assert got["1,680"][:2] == ("price", "1680")
    assert "(1)" not in got


def test_a_release_whose_tables_are_in_canadian_dollars_means_them_by_a_bare_dollar_sign():
    text = ("Revenue rose to $12.5 million and US$3.0 million of it came from exports.\n\n"
            "(in thousands of Canadian dollars)\n\n| | 2024 | 2023 |\n|---|---|---|\n| Revenue | 12,500 | 10,000 |\n")
    got = {m.text: m.currency for m in extract(text).mentions if m.kind == "money"}
    assert got == {"$12.5 million": "CAD", "US$3.0 million": "USD", "12,500": "CAD", "10,000": "CAD"}
    plain = extract("Revenue rose to $12.5 million.\n\n(in thousands)\n\n| | 2024 |\n|---|---|\n| Revenue | 12,500 |\n")
    assert {m.currency for m in plain.mentions if m.kind == "money"} == {"USD"}


@pytest.mark.parametrize("header", ["4Q24   4Q23   Change", "December 31,   December 31,", "Q4'24   Q4'23", "FY2024   FY2023"])
def test_a_note_sharing_its_line_with_the_header_of_periods_is_the_tables(header):
    # "(In millions) 4Q24 4Q23 Change": the digits after the note are periods, not a row's figures
    text = (f"```\n(In millions)   {header}\n---------------------------------\n"
            "Total revenue          $ 1,250     1,175    6%\nOperating revenue      $   980       950    3%\n```\n")
    got = cells(text)
    assert got["1,250"][:2] == ("money", "1250000000")
    assert got["980"][:2] == ("money", "980000000")


def test_a_title_note_above_a_header_printed_one_line_a_cell_is_the_tables():
    # the header of a table printed one cell a line stands many lines between its title's note and its first row
    head = ("NORTHWIND LENDING CORP.\n\nAVERAGE BALANCES (Taxable-Equivalent Basis, Dollars in Thousands)(Unaudited)\n\n"
            "For the Quarter Ended\n\nMarch 31, 2025\n\nMarch 31, 2024\n\nAverage\nBalance\n\nIncome\n\nYield\n\n"
            "Average\nBalance\n\nIncome\n\nYield\n\nASSETS:\n\nLoans:\n\n")
    rows = ("Commercial loans\n\n$\n\n2,418,330\n\n$\n\n40,112\n\n6.71%\n\n$\n\n2,205,904\n\n$\n\n37,250\n\n6.83%\n\n"
            "Consumer loans\n\n118,207\n\n2,011\n\n6.90%\n\n96,420\n\n1,620\n\n6.76%\n\n"
            "Total loans\n\n2,536,537\n\n42,123\n\n6.72%\n\n2,302,324\n\n38,870\n\n6.82%\n\n")
    got = cells(head + rows)
    assert got["2,418,330"] == ("money", "2418330000", "USD")
    assert got["2,011"] == ("money", "2011000", "USD")
    assert got["6.90"][:2] == ("percent", "6.90")


_BEFORE = ("(In thousands, except per share data)\n\n| | 2024 | 2023 |\n|---|---|---|\n| Net interest income | $ 24,115 | $ 22,870 |\n"
           "| Noninterest income | 3,412 | 3,208 |\n| Noninterest expense | (19,870) | (18,650) |\n| Net income | 6,240 | 5,915 |\n")
_AFTER = ("| | Dec. 31, 2024 | Dec. 31, 2023 |\n|---|---|---|\n| Total deposits | 712,340 | 690,115 |\n"
          "| Common shares outstanding | 4,210,500 | 4,190,300 |\n")


def test_a_table_resumed_under_its_footnotes_keeps_the_scale_of_its_amounts_not_of_its_counts():
    between = ("\n* Includes a one-time recovery of a loan charged off in an earlier year, recorded in the fourth quarter.\n"
               "(A) Net income for the year includes the release of a valuation allowance on deferred tax assets.\n\n"
               "BALANCE SHEET HIGHLIGHTS\n\n")
    got = cells(_BEFORE + between + _AFTER)
    assert got["712,340"] == ("money", "712340000", "USD")
    assert got["4,210,500"][:2] == ("shares", "4210500")  # a count is printed whole more often than not


def test_a_paragraph_of_prose_between_two_tables_keeps_the_first_ones_note_to_itself():
    between = ("\nDeposits grew over the year as the bank opened two branches and added new commercial clients, while the "
               "cost of funds fell slightly in the second half of the year.\n\n")
    got = cells(_BEFORE + between + _AFTER)
    assert got["712,340"][1] == "712340"


def test_a_note_stacked_a_word_a_line_in_the_label_column_of_the_header_is_the_tables():
    text = ("```\nEUR                   Change %                 Change %\n"
            "million   Q4/25  Q4/24  Q4/25--Q4/24   2025   2024   2025--2024\n"
            "--------- ------ ------ ------------- ------ ------ ----------\n"
            "Revenue    1,402  1,311     6.9 %      5,610  5,288     6.1 %\n"
            "EBIT         142    120    18.3 %        551    502     9.8 %\n```\n")
    got = cells(text)
    assert got["1,402"] == ("money", "1402000000", "EUR")
    assert got["6.9"][:2] == ("percent", "6.9")


def test_the_first_words_of_wrapped_rows_make_no_note_unless_they_are_one():
    text = ("```\n                       2025      2024\nNet debt - EURm      1,204.5   1,311.0\n"
            "Net debt to\nEBITDA - x              2.41      2.77\n```\n")
    got = cells(text)
    assert got["2.41"][:2] == ("number", "2.41")


def test_a_note_before_days_printed_in_figures_is_the_tables():
    text = ("```\n('000 euros)        31.12.2025   31.12.2024   % change\n"
            "Revenue                 12,880       11,530       12%\nGrants                   1,204        1,310       -8%\n```\n")
    got = cells(text)
    assert got["12,880"] == ("money", "12880000", "EUR")


def test_a_note_a_flattened_table_prints_before_its_first_label_heads_the_rows():
    text = ("Reconciliation of adjusted EBITDA\n\n"
            "Quarter Ended 3/31/25 6/30/25 9/30/25 Year (in $ thousands)Net income 120 (45) 310 385 "
            "Adjustments: Depreciation of equipment 12 12 13 37 Amortization of licenses 20 21 22 63 "
            "Interest expense 4 3 3 10 Interest income (8) (9) (7) (24) Share-based compensation 15 18 16 49 "
            "Adjusted EBITDA 163 0 357 520\n")
    got = cells(text)
    assert got["120"][:2] == ("money", "120000")
    assert got["357"][:2] == ("money", "357000")


_STATEMENT = ("Statement of operations\n(In thousands, except per share data)\n\n| | 2025 | 2024 |\n|---|---|---|\n"
              "| Net sales | $ 48,310 | $ 41,975 |\n| Operating income | 6,402 | 5,118 |\n| Net income | $ 4,877 | $ 3,905 |\n"
              "| Diluted earnings per share | $ 0.61 | $ 0.49 |\n")
_PROSE = ("\nAdjusted net income is a non-GAAP measure the company uses to compare its results from one period to "
          "the next, excluding items it does not consider part of its ongoing business.\n\n")


def test_a_table_printing_no_note_that_restates_a_noted_tables_amounts_takes_its_scale():
    reconciliation = ("| | 2025 | 2024 |\n|---|---|---|\n| Net income, as reported | $ 4,877 | $ 3,905 |\n"
                      "| Restructuring costs | 1,240 | 310 |\n| Adjusted net income | $ 6,117 | $ 4,215 |\n"
                      "| Adjusted diluted earnings per share | $ 0.77 | $ 0.53 |\n")
    got = cells(_STATEMENT + _PROSE + reconciliation)
    assert got["1,240"] == ("money", "1240000", "USD")
    assert got["6,117"] == ("money", "6117000", "USD")
    assert got["0.77"][:2] == ("price", "0.77")


def test_equal_digits_under_unrelated_labels_or_once_carry_no_scale():
    once = ("| | 2025 | 2024 |\n|---|---|---|\n| Net income, as reported | $ 4,877 | $ 3,702 |\n"
            "| Restructuring costs | 1,240 | 310 |\n")
    unrelated = ("| | 2025 | 2024 |\n|---|---|---|\n| Grants paid to schools | $ 4,877 | $ 3,905 |\n"
                 "| Scholarships awarded | 1,240 | 310 |\n")
    for table in (once, unrelated):
        assert cells(_STATEMENT + _PROSE + table)["1,240"] == ("money", "1240", "USD")


_CELL_A_LINE = ("Statement of Operations\n\nYear Ended March 31,\n\n2025\n\n2024\n\n2023\n\n2025 to 2024\n\n2024 to 2023\n\n"
                "USD\n\nUSD\n\nUSD\n\n% Change\n\n% Change\n\n"
                "Revenue\n\n5,210,400\n\n4,180,220\n\n3,905,115\n\n24.6\n\n7.0\n\n"
                "Cost of revenue\n\n(3,120,050)\n\n(2,644,310)\n\n(2,410,900)\n\n18.0\n\n9.7\n\n"
                "Gross profit\n\n2,090,350\n\n1,535,910\n\n1,494,215\n\n36.1\n\n2.8\n")


def test_a_header_printed_a_line_a_cell_names_each_columns_currency_and_change():
    got = cells(_CELL_A_LINE)
    assert got["5,210,400"] == ("money", "5210400", "USD")
    assert got["(2,410,900)"][:2] == ("money", "-2410900")
    assert got["24.6"][:2] == ("percent", "24.6") and got["2.8"][:2] == ("percent", "2.8")


def test_a_currency_named_under_the_periods_reaches_the_columns_over_section_headings():
    text = ("Balance Sheet\n\nAs of March 31,\n\n2025\n\n2024\n\nUS$\n\nUS$\n\nASSETS\n\nCurrent assets\n\n"
            "Cash\n\n1,204,330\n\n980,115\n\nReceivables\n\n310,200\n\n295,640\n\nInventories\n\n88,410\n\n90,005\n")
    assert cells(text)["310,200"] == ("money", "310200", "USD")


def test_a_column_count_the_names_do_not_match_names_no_column():
    text = _CELL_A_LINE.replace("USD\n\nUSD\n\nUSD\n\n% Change\n\n% Change\n\n", "USD\n\nUSD\n\n")
    assert cells(text)["5,210,400"][0] == "number"


def test_a_row_of_counts_printing_its_own_scale_is_in_it_and_a_table_note_scales_no_count():
    text = ("| Operating statistics | Q4 2025 | Q4 2024 | Change |\n|---|---|---|---|\n"
            "| Guests served (000s) | 2,415 | 2,230 | 8.3% |\n| Room nights (millions) | 6.2 | 5.8 | 6.9% |\n"
            "| Sales volumes (in thousands of tons) | 1,050 | 990 | 6.1% |\n| Properties | 64 | 61 | 4.9% |\n")
    got = cells(text)
    assert got["2,415"][:2] == ("number", "2415000")
    assert got["6.2"][:2] == ("number", "6200000")
    assert got["1,050"][:2] == ("number", "1050000")
    assert got["64"][:2] == ("number", "64")
    noted = "(In thousands)\n\n" + text.replace("| Guests served (000s) |", "| Employees |")
    assert cells(noted)["2,415"][:2] == ("number", "2415")


def test_rows_under_a_heading_naming_a_measure_and_its_scale_are_counts_in_it():
    text = ("```\nSegment results (in millions, except volumes and prices per ton)\n\n"
            "                                    2025        2024\n"
            "Sales                              $ 212.4     $ 198.0\nOperating earnings                 $  31.0     $  27.5\n"
            "Sales volumes (in thousands of tons):\nRoad salt                            1,710       1,655\n"
            "Industrial                             420         401\nAverage prices (per ton):\n"
            "Road salt                          $ 72.10     $ 70.85\n```\n")
    got = cells(text)
    assert got["1,710"][:2] == ("number", "1710000") and got["420"][:2] == ("number", "420000")
    assert got["212.4"][:2] == ("money", "212400000") and got["72.10"][:2] == ("price", "72.10")


def test_a_table_of_counts_restating_a_noted_tables_counts_takes_no_scale():
    statement = ("(In thousands of euros)\n\n| | 2025 | 2024 |\n|---|---|---|\n| Rental income | 48,310 | 41,975 |\n"
                 "| Number of shares outstanding | 12,406,118 | 12,406,118 |\n| Average number of shares | 12,398,020 | 12,377,410 |\n")
    counts = ("| | 2025 | 2024 |\n|---|---|---|\n| Number of shares at end of period | 12,406,118 | 12,406,118 |\n"
              "| Average number of shares | 12,398,020 | 12,377,410 |\n")
    got = cells(statement + _PROSE + counts)
    assert got["12,377,410"][1] == "12377410"


def test_a_figure_printing_its_dollars_country_is_a_cell_of_its_row():
    text = ("(In NT$ million, except per share data)\n\n```\n                          4Q25        3Q25        FY2025\n"
            "Net revenues            88,363      85,790      325,875\nNet income               9,312       9,733       32,483\n"
            "Earnings per share\n-- Basic                NT$2.15     NT$2.25     NT$7.52\n"
            "-- Diluted              NT$2.07     NT$2.18     NT$7.23\n```\n")
    got = cells(text)
    assert got["7.23"] == ("price", "7.23", "TWD") and got["9,312"] == ("money", "9312000000", "TWD")


def test_a_row_measured_in_a_volume_a_day_holds_no_amounts_whatever_the_note():
    # "(bbls/d)", "(BOE/d)", "Mcf/d", "MWh per day": volumes a day, not dollars in the table's millions
    text = ("($ millions, unless otherwise noted)\n\n| | Q3 2025 | Q3 2024 |\n|---|---|---|\n| Sales | 250.4 | 231.9 |\n"
            "| Crude oil (bbls/d) | 5,410 | 5,120 |\n| Total output (BOE/d) | 9,880 | 9,300 |\n| Gas, Mcf/d | 18,200 | 17,000 |\n"
            "| Generation (MWh per day) | 620 | 575 |\n| Field netback ($/boe) | 27.15 | 26.40 |\n")
    got = cells(text)
    assert got["250.4"][:2] == ("money", "250400000")
    assert {got[k][:2] for k in ("5,410", "9,880", "18,200", "620")} == {
        ("number", "5410"), ("number", "9880"), ("number", "18200"), ("number", "620")}
    assert got["27.15"][0] == "price"


def test_bare_figures_under_a_header_naming_points_are_points():
    fixed = ("```\n                              Q3 2025    Q3 2024    Basis Points\n"
             "                                                     Change\n"
             "Net interest margin            2.95%      3.10%         (15)\n"
             "Cost to income ratio          54.20%     57.05%       (285)\n"
             "Return on equity              13.1%      12.6%          50\n```\n")
    pipe = "| | 2025 | 2024 | Change (bps) |\n|---|---|---|---|\n| Gross margin | 38.6% | 37.9% | 70 |\n| Payout ratio | 45% | 41% | 400 |\n"
    got = {m.text: (m.kind, m.value, m.unit) for m in extract(fixed + "\n" + pipe).mentions if m.cell}
    assert got["(15)"] == ("percent", "-15", "bp") and got["50"] == ("percent", "50", "bp")
    assert got["2.95"] == ("percent", "2.95", "%")
    assert got["70"] == ("percent", "70", "bp") and got["400"] == ("percent", "400", "bp")
    assert got["38.6%"] == ("percent", "38.6", "%")


@pytest.mark.parametrize("note, scale, share_scale", [
    ("(In millions, shares in thousands)", 1000000, 1000),
    ("(In millions, except per share data; shares in thousands)", 1000000, 1000),
    ("(in thousands, except share amounts, which are in millions)", 1000, 1000000),
    ("(Dollars in millions, shares in thousands, except per share data)", 1000000, 1000),
    ("(In millions of euros, number of shares in thousands)", 1000000, 1000),
    ("(In millions of dollars, shares in thousands)", 1000000, 1000),
    ("(in millions of dollars and shares)", 1000000, 1000000),
    ("($ and shares in millions, except per share data)", 1000000, 1000000),
    ("(In thousands of shares)", 1000, 1000),
    ("(In millions, except per share data)", 1000000, 1000000),
    ("(in thousands, except share and per share data)", 1000, None),
])
def test_a_note_may_scale_share_counts_apart_from_amounts(note, scale, share_scale):
    got = read_note(note)
    assert (got.scale, got.share_scale) == (Decimal(scale), share_scale and Decimal(share_scale))

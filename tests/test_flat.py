"""Tables a wire flattened into one line: equity captions, and two tables in one line (document/flat.py)."""

from extractor import check_text
from extractor.document import find_tables

# Invented figures: a balance sheet's equity section, its captions printing counts and a par value.
EQUITY = ("Balance sheet data As of March 31, 2025 December 31, 2024 Current assets: Cash$ 4,200,000$ 3,900,000 "
          "Receivables 1,150,000 980,000Inventory 640,000 710,000 Total current assets 5,990,000 5,590,000 "
          "Stockholders' equity: Preferred stock: $0.001 par value; 5,000,000 shares authorized - - "
          "Common stock: $0.001 par value; 90,000,000 shares authorized; 12,500,000 and 12,000,000 shares "
          "issued and outstanding, respectively 12,500 12,000 Additional paid-in capital 9,800,000 9,450,000 "
          "Treasury stock, at cost (March 2025 – 20,000 shares) (45,000) - Accumulated deficit (4,100,000) "
          "(3,700,000)Total stockholders' equity 5,667,500 5,762,000")


def _rows(table):
    rows: dict[str, list[str]] = {}
    for c in table.cells:
        rows.setdefault(c.row_label, []).append(c.text)
    return rows


def test_figures_a_caption_prints_are_its_label_not_its_row():
    (table,) = find_tables(EQUITY)
    rows = _rows(table)
    caption = ("Common stock: $0.001 par value; 90,000,000 shares authorized; 12,500,000 and 12,000,000 shares "
               "issued and outstanding, respectively")
    assert rows[caption] == ["12,500", "12,000"]
    assert rows["Treasury stock, at cost (March 2025 – 20,000 shares)"] == ["(45,000)"]
    assert rows["Total stockholders' equity"] == ["5,667,500", "5,762,000"]
    assert not any("0.001" in figures or "5,000,000" in figures for figures in rows.values())
    # dates printed day-month-year ("31-Mar-25") are a header, no figures
    (dated,) = find_tables(EQUITY.replace("March 31, 2025 December 31, 2024", "31-Mar-25 31-Dec-24"))
    assert _rows(dated) == rows


def test_a_flattened_statement_is_footed_with_its_caption_rows():
    sheet = check_text(EQUITY)
    sums = [f for f in sheet.facts if f.type == "sum" and "5,667,500" in {sheet.mentions[i].text for i in f.roles.values()}]
    assert sums and not sheet.findings  # the equity rows add up, the treasury stock (an amount) among them
    wrong = check_text(EQUITY.replace("(3,700,000)Total", "(3,070,000)Total"))
    assert any(f.rule == "sum-total" for f in wrong.findings)  # a transposed digit in a part


TWO = ("Reconciliation of net income to EBITDA (unaudited) Year Ended December 31, 2024 December 31, 2023 "
       "Net income $ 1,250,400 $ 980,300+ Interest expense 310,200 295,800- Interest income (40,100) (35,600)"
       "+ Depreciation 520,000 498,000EBITDA $ 2,040,500 $ 1,738,500 "
       "Reconciliation of net income to EBITDA (unaudited) Three Months Ended December 31, 2024 December 31, "
       "2023Net income $ 402,100 $ 251,000+ Interest expense 80,300 74,100- Interest income (10,200) (9,900)"
       "+ Depreciation 131,000 125,500EBITDA $ 603,200 $ 440,700")


def test_two_tables_in_one_line_are_read_apart_with_their_periods():
    first, second = find_tables(TWO)
    assert _rows(first)["EBITDA"] == ["2,040,500", "1,738,500"] and _rows(second)["EBITDA"] == ["603,200", "440,700"]
    assert {c.column_path for c in first.cells} == {"Year Ended December 31, 2024", "Year Ended December 31, 2023"}
    assert {c.column_path for c in second.cells} == {"Three Months Ended December 31, 2024",
                                                     "Three Months Ended December 31, 2023"}


def test_rows_parted_by_anything_but_a_header_of_periods_are_no_table():
    # an amount among the periods: a row whose columns are unclear, not the next table's header
    assert find_tables(TWO.replace("Three Months Ended December 31, 2024", "Three Months Ended 2024 7,500")) == []


# Invented: a four-column reconciliation, its two spans over two dates each, a sign opening a label after a
# space ("- Interest income") and two figures printed with no space between ("45,10040,200").
SPANS = ("Reconciliation of net loss to EBITDA Three Months Ended Nine Months Ended June 30, 2025 June 30, 2024 "
         "June 30, 2025 June 30, 2024 Net loss $ (120,500)$ (98,400) $ (350,100)$ (301,700) + Interest expense "
         "60,100 55,300 178,900 160,200 - Interest income (4,100)(3,900) (12,000) (11,500) + Depreciation "
         "210,000 205,000 630,000 612,000 +Stock-based compensation45,10040,200 130,500 121,000 Restructuring costs "
         "12,100 9,800 33,000 30,400 EBITDA $ 202,700 $ 208,000 $ 610,300 $ 610,400")


def test_periods_spanning_columns_name_each_column_and_a_sign_opens_its_label():
    (table,) = find_tables(SPANS)
    rows = _rows(table)
    assert rows["Interest income"] == ["(4,100)", "(3,900)", "(12,000)", "(11,500)"]
    assert rows["+Stock-based compensation"] == ["45,100", "40,200", "130,500", "121,000"]
    heads = [c.column_path for c in table.cells if c.row_label == "EBITDA"]
    assert heads == ["Three Months Ended June 30, 2025", "Three Months Ended June 30, 2024",
                     "Nine Months Ended June 30, 2025", "Nine Months Ended June 30, 2024"]
    sheet = check_text(SPANS)
    assert sum(f.type == "sum" for f in sheet.facts) == 4 and not sheet.findings


def test_dates_a_caption_names_in_words_are_its_label_and_a_header_keeps_its_years():
    dated = EQUITY.replace("5,000,000 shares authorized - -", "5,000,000 shares authorized at March 31, 2025 and "
                           "December 31, 2024; none issued at March 31, 2025 and December 31, 2024 - -")
    (table,) = find_tables(dated)
    assert _rows(table) == _rows(find_tables(EQUITY)[0])
    header = "Balance sheet data for the periods ended March 31, 2025 2024 Current assets:"
    (years,) = find_tables(EQUITY.replace("Balance sheet data As of March 31, 2025 December 31, 2024 Current assets:",
                                          header))
    assert {c.column_path for c in years.cells} == {"2025", "2024"}
    # a label whose last words merely start like a month ("and marketing") is no date
    (words,) = find_tables(EQUITY.replace("Inventory 640,000", "Prepaid sales and marketing 640,000"))
    assert _rows(words)["Prepaid sales and marketing"] == ["640,000", "710,000"]


# Invented: a statement a wire flattened and ran together ("4,7304,150"), its operating expenses' total printed
# with no label after the last expense, and one row whose two figures ran into one ("4931": 49 and 31, or 4 and
# 931: no reader can tell).
RUN_TOGETHER = ("Condensed Statements of Operations (in thousands) Three Months Ended June 30, 2025 June 30, 2024 "
                "Revenue $ 1,210 $ 980 Operating expenses: Research and development 4,7304,150 General and "
                "administrative1,5501,020 6,2805,170 Loss from operations (5,070)(4,190) Other income (expense) "
                "4931 Interest expense (30)(25) Loss before income taxes (5,051)(4,184) Income taxes 1 2 "
                "Net loss $ (5,052)$ (4,186)")


def test_a_row_run_together_ends_its_table_and_an_unlabelled_total_is_a_row():
    first, second = find_tables(RUN_TOGETHER)
    rows = _rows(first)
    assert rows["Research and development"] == ["4,730", "4,150"] and rows[""] == ["6,280", "5,170"]
    assert rows["Loss from operations"] == ["(5,070)", "(4,190)"]
    assert "Other income (expense)" not in rows and "Other income (expense)" not in _rows(second)
    assert _rows(second)["Net loss"] == ["(5,052)", "(4,186)"]
    sheet = check_text(RUN_TOGETHER)
    totals = {sheet.mentions[f.roles["total"]].text for f in sheet.facts if f.type == "sum"}
    assert {"6,280", "5,170"} <= totals and not sheet.findings
    # two rows after the row left out are a table too: the line has shown its columns
    short = RUN_TOGETHER.replace("Interest expense (30)(25) Loss before income taxes (5,051)(4,184) ", "")
    assert _rows(find_tables(short)[1]) == {"Income taxes": ["1", "2"], "Net loss": ["(5,052)", "(4,186)"]}
    # no footing is read across the row left out; a slip in the unlabelled total is still caught
    wrong = check_text(RUN_TOGETHER.replace("6,2805,170", "6,2805,710"))
    assert any(f.rule == "sum-total" for f in wrong.findings)


# Invented figures: a statement whose losses print their dollar sign inside the brackets ("($431,570)").
SIGNED = ("For the years ended December 31, 2025 2024 Revenue $1,210,400 $1,105,300Cost of Goods Sold 140,200 "
          "128,900Gross Profit 1,070,200 976,400 Operating expenses 1,150,300 1,020,100Operating loss (80,100) "
          "(43,700) Preferred stock dividends (250,000) (250,000)Net Loss Available to Common Stockholders "
          "($330,100) ($293,700) Weighted Average Shares Outstanding 30,000,000 29,500,000")


def test_a_loss_printing_its_sign_inside_its_brackets_is_a_figure_of_its_row():
    rows = _rows(find_tables(SIGNED)[0])  # (before, the two such rows ended the table and left the line unread)
    wanted = {"Net Loss Available to Common Stockholders": ["($330,100)", "($293,700)"],
              "Weighted Average Shares Outstanding": ["30,000,000", "29,500,000"]}
    assert {label: rows.get(label) for label in wanted} == wanted
    # (the sign inside the brackets is the cell's currency, as the other readers read it)
    assert all(c.currency for c in find_tables(SIGNED)[0].cells if c.text.startswith("($"))


# Invented figures: a nil per-share figure printed as a dash glued to the next cell's currency sign ("$ -$ (0.03)"),
# in two rows running, as a wire flattened a statement of operations.
NIL_GLUED = ("Six Months Ended June 30, 2025 2024 2025 2024 Revenues $ 43,200,000 $ 39,400,000 $ 85,900,000 $ 64,200,000 "
             "Gross profit24,400,000 21,700,000 48,500,000 39,400,000 Net income (loss) $ (3,700,000) $ 15,000 "
             "$ (3,900,000) $ 3,900,000 Net income (loss) per share: Basic $ (0.03) $ -$ (0.03) $ 0.04 Diluted $ (0.03) "
             "$ -$ (0.03) $ 0.04 Weighted average shares outstanding: Basic137,900,000 120,500,000 134,800,000 "
             "102,000,000")


def test_a_nil_dash_glued_to_a_currency_sign_is_a_nil_figure():
    # (before, the two per-share rows read one figure short each and left the whole line to the prose reader)
    tables = find_tables(NIL_GLUED)
    assert len(tables) == 1
    rows = _rows(tables[0])
    assert rows["Gross profit"] == ["24,400,000", "21,700,000", "48,500,000", "39,400,000"]
    assert rows["Diluted"] == ["(0.03)", "(0.03)", "0.04"]  # (the nil is no figure: its column is left empty)
    assert [c.column for c in tables[0].cells if c.row_label == "Diluted"] == [1, 3, 4]


# Invented figures: a reconciliation whose nil is a dash glued to the end of its label ("Restructuring costs- 546,986").
NIL_AFTER_LABEL = ("Three Months Ended Six Months Ended June 30, 2025 June 30, 2024 June 30, 2025 June 30, 2024 EBITDA "
                   "$ 2,032,675 $ 3,243,124 $ 6,454,716 $ 9,087,250 + Stock-based compensation1,416,3141,638,052 "
                   "2,456,6391,638,052 + Restructuring costs- 546,986 149,934593,349 Adjusted EBITDA $ 3,448,989 "
                   "$ 5,428,162 $ 9,061,289 $ 11,318,651")


def test_a_nil_dash_glued_to_the_end_of_its_label_is_a_nil_figure():
    tables = find_tables(NIL_AFTER_LABEL)
    restructuring = [c for c in tables[0].cells if c.row_label == "+ Restructuring costs"]
    assert [(c.text, c.column) for c in restructuring] == [("546,986", 2), ("149,934", 3), ("593,349", 4)]
    # (and the table's footing reads across it: 2,032,675 + 1,416,314 + nil = 3,448,989)
    assert not check_text(NIL_AFTER_LABEL).findings



# Invented figures: nil dashes a wire glued to the figure before them ("80,650- -", "(708,930)- (121,240)") and to
# a bracket after them ("redemption-(283,050)", "purchase -(1,204,800)"), in a four-column reconciliation.
NIL_AFTER_FIGURE = ("For the Years Ended December 31, For the Three Months Ended December 31, 2025 2024 2025 2024 "
                    "Net loss $ (2,874,000) $ (3,771,000) $ (1,821,700) $ 199,700 Depreciation and amortization "
                    "207,700 63,300 52,100 39,900 Gain on sale of investment- (80,650)- - Interest expense 142,350 "
                    "708,930- 121,240 Gain on debt redemption-(283,050)- (145,700) Gain on bargain purchase "
                    "-(1,204,800)- (1,204,800) Adjusted EBITDA $ (2,523,950) $ (4,567,270) $ (1,769,600) $ (989,660)")


def test_a_nil_dash_glued_to_the_figure_before_or_the_bracket_after_is_a_nil_figure():
    (table,) = find_tables(NIL_AFTER_FIGURE)
    cells = {(c.row_label, c.column): c.text for c in table.cells}
    assert cells[("Gain on sale of investment", 2)] == "(80,650)" and ("Gain on sale of investment", 3) not in cells
    assert [cells.get(("Interest expense", n)) for n in (1, 2, 3, 4)] == ["142,350", "708,930", None, "121,240"]
    assert [cells.get(("Gain on debt redemption", n)) for n in (1, 2, 3, 4)] == [None, "(283,050)", None, "(145,700)"]
    assert [cells.get(("Gain on bargain purchase", n)) for n in (1, 2, 3, 4)] == [None, "(1,204,800)", None,
                                                                                  "(1,204,800)"]
    # each column foots with its nils read as nothing (before, the glued dashes left the line to the prose reader)
    sheet = check_text(NIL_AFTER_FIGURE)
    assert sum(f.type == "sum" for f in sheet.facts) == 4 and not sheet.findings


# Invented figures: a balance sheet of two columns (its dates on the line above, as a wire left them) and, in the
# same line, a statement of operations of four headed by its years; a section heading glued to a row's label
# ("... operating activities:Depreciation") makes that label no longer than a row's.
TWO_WIDTHS = ("ASSETS Current assets: Cash $ 12,900,000 $ 4,590,000 Marketable securities 18,600,000 30,400,000 "
              "Accounts receivable, net 5,640,000 3,970,000 Total current assets 37,140,000 38,960,000 Total assets "
              "$ 44,100,000 $ 47,100,000 CONDENSED STATEMENTS OF OPERATIONS For the Years Ended December 31, For the "
              "Three Months Ended December 31, 2025 2024 2025 2024 Revenue $ 30,256,000 $ 20,153,000 $ 7,962,000 "
              "$ 5,812,000 Adjustments to reconcile revenue to gross profit for each of the periods presented "
              "below:Cost of revenues 14,156,000 7,334,000 4,043,000 2,420,000 Gross profit 16,100,000 "
              "12,819,000 3,919,000 3,392,000")


def test_statements_of_two_widths_in_one_line_are_read_each_with_its_columns():
    first, second = find_tables(TWO_WIDTHS)
    assert first.columns == 3 and _rows(first)["Total current assets"] == ["37,140,000", "38,960,000"]
    assert second.columns == 5 and _rows(second)["Gross profit"] == ["16,100,000", "12,819,000", "3,919,000",
                                                                     "3,392,000"]
    assert any(label.endswith("Cost of revenues") for label in _rows(second))
    sheet = check_text(TWO_WIDTHS)
    totals = {sheet.mentions[f.roles["total"]].text for f in sheet.facts if f.type == "sum"}
    assert {"37,140,000", "38,960,000"} <= totals and not sheet.findings


# Invented figures: a statement whose wire ran two rows' figures together in a row ("Research and development
# 295212", "Depreciation 3933": no reader can part them), then a summary table whose first header word ends with
# a hyphen ("Period-over- 2025 2024 Period % Change") and a bullet sentence after its last row, in one line.
RUN_TWICE = ("Three Months Ended March 31, 2025 2024 Product revenues $ 4,706 $ 3,506 Royalty revenues 171 16 Total net "
             "revenues 4,8773,522 Selling, general and administrative 2,2542,142 Research and development 295212 "
             "Depreciation and amortization 3933 Total operating expenses 2,588 2,387 Operating income (loss) "
             "566(200) Interest expense - (1) Other income (expense) net (21) 7 Net income (loss)$ 558 $ (169)")
SUMMARY = ("Three Months Ended December 31, Period-over- 2025 2024 Period % Unaudited Unaudited Change Revenue$ "
           "7,962,480 $ 5,812,472 37% Net income (loss) $ (1,821,752) $ 199,711 -1012% Net income (loss) per share - "
           "diluted $ (0.06) $ 0.01 -700% * Revenue for the quarter was $8.0 million, a $2.2 million increase from "
           "$5.8 million in the prior year")


def test_rows_run_together_in_a_row_are_left_out_and_a_sentence_after_the_last_row_is_prose():
    tables = find_tables(RUN_TWICE)
    rows = {label: figures for table in tables for label, figures in _rows(table).items()}
    assert rows["Total net revenues"] == ["4,877", "3,522"] and rows["Net income (loss)"] == ["558", "(169)"]
    assert "Research and development" not in rows and "Depreciation and amortization" not in rows
    sheet = check_text(RUN_TWICE)
    assert not sheet.findings  # no footing is read across the rows left out
    (table,) = find_tables(SUMMARY)
    (revenue,) = (figures for label, figures in _rows(table).items() if label.endswith("Revenue"))
    assert revenue == ["7,962,480", "5,812,472", "37%"] and table.end < SUMMARY.index("* Revenue")
    sheet = check_text(SUMMARY)
    prose = {m.text: m.kind for m in sheet.mentions if m.start > table.end}
    assert prose == {"$8.0 million": "money", "$2.2 million": "money", "$5.8 million": "money"}
    said = [f for f in sheet.facts if f.rule == "change"]
    assert [sheet.mentions[f.roles["delta"]].text for f in said] == ["$2.2 million"]


# Invented figures: dashes inside a label's words ("Note 7-B", "5-Year", a day-month-year header) are no nils; a
# caption's year before its row's nils is the caption's; years with no words of periods before them head nothing.
LABELS = ("Balance sheet data As of 31-Dec-24 31-Dec-23 Cash $ 4,200,000 $ 3,900,000 Impairment reserve (see Note 7-B) "
          "50,000 40,000 5-Year Term Loan 400,000 300,000 Preferred stock, none issued at December 31, 2024 and 2023 - - "
          "Employees at year end 2012 1987 Stores 350 340 Total assets $ 4,650,000 $ 4,240,000 * Cash rose to $4.2 "
          "million at December 31, 2024")


def test_dashes_in_labels_a_captions_year_and_bare_years_are_read_as_printed():
    tables = find_tables(LABELS)
    assert len(tables) == 1  # (bare years part no statement)
    table, rows = tables[0], _rows(tables[0])
    assert rows["Impairment reserve (see Note 7-B)"] == ["50,000", "40,000"]
    assert rows["5-Year Term Loan"] == ["400,000", "300,000"]
    # years printed with no words of periods before them part no statement: one table, read through
    assert rows["Stores"] == ["350", "340"] and rows["Total assets"] == ["4,650,000", "4,240,000"]
    assert not any(label.startswith(("Dec", "B)")) for label in rows)  # no row cut at a dash inside words
    # the caption's nils leave the table whole, and the sentence after the last row, ending on a date, is prose
    assert table.end < LABELS.index("* Cash rose") and not check_text(LABELS).findings

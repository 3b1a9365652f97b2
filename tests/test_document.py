from decimal import Decimal

from extractor.document import find_tables, sentence_starts


def sentences(text):
    starts = sentence_starts(text) + [len(text)]
    return [text[a:b].strip() for a, b in zip(starts, starts[1:])]


def test_abbreviations_and_decimals_do_not_split():
    text = ("Ascent Solar Technologies, Inc. (OTCQB: ASTI) and Acme Corp. signed with Foo Co. and Bar Ltd. "
            "Mr. Song met approx. 12 U.S. holders of No. 5 notes at $3.25 per share. J. Smith agreed.")
    assert sentences(text) == [
        "Ascent Solar Technologies, Inc. (OTCQB: ASTI) and Acme Corp. signed with Foo Co. and Bar Ltd. "
        "Mr. Song met approx. 12 U.S. holders of No. 5 notes at $3.25 per share.",
        "J. Smith agreed.",
    ]


def test_sentences_end_at_punctuation_and_paragraphs():
    text = 'Revenue rose 5%. "We are pleased," he said.\n\nAbout Acme\nAcme makes things.'
    assert sentences(text) == ["Revenue rose 5%.", '"We are pleased," he said.', "About Acme", "Acme makes things."]


def test_wrapped_line_continues_sentence():
    text = "investors are invited to ask the company\nquestions in real-time. Next one."
    assert sentences(text) == ["investors are invited to ask the company\nquestions in real-time.", "Next one."]



def test_a_long_line_broken_off_on_a_word_no_sentence_ends_on_goes_on_over_a_capital():
    wrapped = ("The placement comprises 4,000,000 new shares issued by the company and 1,500,000 shares of\n"
               "Common Stock sold by existing holders.")
    assert sentences(wrapped) == [wrapped]
    # a short line (a heading, a label) or one ending on another word still ends where it breaks
    assert sentences("Results of\nOperations") == ["Results of", "Operations"]
    ended = "The board met on Monday and approved the quarterly dividend of the company\nShareholders will vote."
    assert len(sentences(ended)) == 2


def test_a_wrapped_line_of_prose_may_go_on_with_a_figure_but_a_label_over_its_figure_ends():
    prose = "- Staff costs came to EUR 2,310 million over the three months, amounting to\n14% of the period's net sales."
    assert sentences(prose) == [prose]
    stacked = "Net revenues\n1,234\nCost of revenues\n800"
    assert sentences(stacked) == ["Net revenues", "1,234", "Cost of revenues", "800"]


EDGAR_PIPE = """Summary (dollars in thousands, except per share data):

| | December 31, 2024 | | | | September 30, 2024 | | | | $Change | | | %Change | | |

| Total investment income | $ | 21,371 | | | $ | 22,565 | | $ | (1,194 | ) | | | (5.3) | % |
| Net income per share | $ | 0.03 | | | $ | 0.20 | | $ | (0.17 | ) | | | (85.0) | % |
| Total shares outstanding | | 36,837,381 | | | | 36,688,667 | | | 148,714 | | | | 0.4 | % |
| Net realized gain | | - | | | | 42,303 | | | (42,303 | ) | | | (100.0) | % |
"""


def test_pipe_table_cells_keep_label_header_and_note():
    (table,) = find_tables(EDGAR_PIPE)
    assert table.scale == Decimal(1000) and table.share_scale is None  # the note scales money only
    cells = {(c.row_label, c.column_header): c for c in table.cells}
    c = cells[("Total investment income", "December 31, 2024")]
    assert c.text == "21,371" and c.currency
    change = cells[("Total investment income", "$Change")]
    assert change.text == "(1,194" and change.negative
    pct = cells[("Total investment income", "%Change")]
    assert pct.percent and pct.negative
    # the dash is nil: no cell for it
    assert ("Net realized gain", "December 31, 2024") not in cells


FIXED = """```
(In Thousands, Except per share amounts)
                         2024        2023
TOTAL REVENUES       $ 44,988    $ 47,487
Payroll expenses       16,408      16,977
Gain on closure        (5,235)         --
```
"""


def test_fixed_width_table():
    (table,) = find_tables(FIXED)
    assert table.format == "fixed" and table.scale == Decimal(1000)
    rows = {}
    for c in table.cells:
        rows.setdefault(c.row_label, []).append(c.text)
    assert rows == {"TOTAL REVENUES": ["44,988", "47,487"], "Payroll expenses": ["16,408", "16,977"], "Gain on closure": ["(5,235)"]}


SECTIONED_PIPE = """(in thousands, except per share data)

| | Three Months Ended March 31, | | |
| | 2025 | | 2024 | |
| Operating expenses: | | | | |
| Research and development | $ | 1,250 | | $ | 1,100 | |
| Total operating expenses | | 1,250 | | | 1,100 | |
| Net loss per share | $ | (0.12 | ) | $ | (0.10 | ) |
| Weighted average shares outstanding: | | | | |
| Basic | | 10,400 | | | 9,800 | |
| Gross margin | | 41.5 | % | | 39.0 | % |
"""


def test_pipe_rows_keep_their_sections_and_headers():
    (table,) = find_tables(SECTIONED_PIPE)
    cells = {(c.row_label, c.text): c for c in table.cells}
    rd = cells[("Research and development", "1,250")]
    assert rd.row_path == "Operating expenses: > Research and development"
    assert rd.column_path == "Three Months Ended March 31, > 2025" and rd.currency
    # a total row closes its section
    assert cells[("Net loss per share", "(0.12")].row_path is None
    assert cells[("Basic", "10,400")].row_path == "Weighted average shares outstanding: > Basic"
    assert cells[("Gross margin", "41.5")].percent
    assert table.header_rows == 2 and table.grid[2][0] == "Operating expenses:"


def test_cell_kinds_follow_row_and_section():
    from extractor import extract

    sheet = extract("Results\n\n" + SECTIONED_PIPE)
    got = {m.text: (m.kind, m.value) for m in sheet.mentions if m.cell}
    assert got["1,250"] == ("money", "1250000")
    assert got["(0.12"] == ("price", "-0.12")  # per-share figures never take the table's scale
    assert got["10,400"] == ("shares", "10400000")  # the note scales share counts too: it excepts only per share
    assert got["41.5"] == ("percent", "41.5")


def test_unit_notes_say_what_they_scale():
    from extractor.document.notes import read_note

    note = read_note("(in thousands, except share and per share data)")
    assert note.scale == Decimal(1000) and note.share_scale is None
    note = read_note("(In dollars, except shares outstanding presented in millions)")
    assert note.scale == Decimal(1) and note.share_scale == Decimal(1000000)  # dollars printed whole
    note = read_note("(in thousands of U.S. dollars)")
    assert note.scale == Decimal(1000) and note.share_scale is None
    note = read_note("(amounts in millions, except per share data)")
    assert note.scale == note.share_scale == Decimal(1000000)


WRAPPED_FIXED = """```
(In thousands, except per share amounts)
                                2025        2024
Total operating
expenses                     204,377     198,020
Net income (loss)
per share:
Basic                           0.41       (0.22)
Weighted average
shares outstanding:
Basic                         18,406      17,950
```
"""


def test_fixed_width_labels_wrap_and_sections_hold():
    (table,) = find_tables(WRAPPED_FIXED)
    rows = {c.row_label: c for c in table.cells if c.column == 1}
    assert "Total operating expenses" in rows and rows["Total operating expenses"].column_path == "2025"
    assert rows["Basic"].row_path == "Weighted average shares outstanding: > Basic"
    basics = [c.row_path for c in table.cells if c.row_label == "Basic" and c.column == 1]
    assert basics == ["Net income (loss) per share: > Basic", "Weighted average shares outstanding: > Basic"]


NOTE_UNDER_HEADER = """```
                       Three Months         Year
                     2024      2023      2024      2023
(In thousands, except per share amounts)
Operating
revenues         $759,638  $635,718 $2,849,685 $2,854,390
(unaudited, in thousands)
Gross profit       86,257    79,780   339,451   321,918
```
"""


def test_a_unit_note_under_the_header_is_no_first_line_of_the_label_below():
    # a note line between the header and a wrapped label states the rows' scale; it does not start their label
    from extractor import extract

    (table,) = find_tables(NOTE_UNDER_HEADER)
    labels = {c.row_label for c in table.cells}
    assert labels == {"Operating revenues", "Gross profit"}
    sheet = extract(NOTE_UNDER_HEADER)
    revenue = next(m for m in sheet.mentions if m.text == "759,638")
    assert Decimal(revenue.value) == 759638000


WRAPPED_NOTE = """```
(Unaudited)        Q4'24   Q4'23  Change  12M'24  12M'23  Change
$ in millions,
except per share
data
GAAP net income    201.3   182.5     10%   760.2   642.5     18%
Shares outstanding
at year end        412.6   409.8      1%   412.6   409.8      1%
```
"""


def test_a_unit_note_wrapped_over_lines_is_no_label_and_a_label_after_it_is_one():
    # the note's lines go on with its own words ("except per share" / "data") until it is finished; the label
    # lines after it, even one starting with a note's word ("Shares outstanding"), name the row below
    (table,) = find_tables(WRAPPED_NOTE)
    assert {c.row_label for c in table.cells} == {"GAAP net income", "Shares outstanding at year end"}


MARKED_HEAD = """```
($ in millions,
except per share     Constant
data) December December Reported FX Currency %
(Unaudited) 31, 2024 31, 2023 % Change Impact Change (2)
--------- --------- ---------- ------ -----------
Net sales $ 2,735.6 $ 2,790.8 (2.0)% $ (3.2) (1.9)%
Net income   346.3     364.3  (4.9)%    (4.0)  (3.8)%
```
"""


def test_a_header_of_periods_ending_on_a_footnote_mark_is_no_row():
    # "(2)" marks the header's last column; the line names two years, so it heads the columns, not a row of one
    (table,) = find_tables(MARKED_HEAD)
    assert {c.row_label for c in table.cells} == {"Net sales", "Net income"}


HEADER_NOTE = """```
FFO AND AFFO          Three Months ended    Year ended
(in thousands of      2024       2023       2024       2023
Canadian dollars
except per Unit
amounts)
Net income (loss)
per the Financial
Statements        $130,882  ($11,313) ($119,714)  $61,690
Realty taxes       (13,474)  (13,762)        --       --
```
"""


def test_a_unit_note_a_header_of_periods_opens_goes_on_below_it_and_names_no_row():
    # the header's "(in thousands of" leaves its bracket open: the lines up to "amounts)" are the note's
    (table,) = find_tables(HEADER_NOTE)
    assert {c.row_label for c in table.cells} == {"Net income (loss) per the Financial Statements", "Realty taxes"}


def test_the_fact_sheet_holds_each_table_as_a_grid_its_mentions_point_into():
    from extractor import extract

    for text in ("Results\n\n" + SECTIONED_PIPE, "Results\n\n" + WRAPPED_FIXED):
        sheet = extract(text)
        cells = [m for m in sheet.mentions if m.cell]
        assert cells
        for m in cells:
            table = sheet.tables[m.cell.table]
            assert m.text in table.grid[m.cell.row][m.cell.column]
            assert table.grid[m.cell.row][0] in (m.cell.row_label, m.cell.row_label.split()[-1])
    pipe = extract("Results\n\n" + SECTIONED_PIPE).tables[0]
    assert pipe.header_rows == 2 and pipe.scale == "1000" and pipe.share_scale == "1000"


TWO_TABLES_ONE_RUN = """| Balance sheet data | | |
| | December 31, 2024 | December 31, 2023 |
| Cash | $ 5,100 | $ 4,800 |
| Total assets | 9,900 | 9,100 |

| Statement of operations (dollars and shares in millions, except per share amounts) | | |
| | Year Ended December 31, | |
| | 2024 | 2023 |
| Revenue | $ 263.4 | $ 78.5 |
| Weighted average shares outstanding | 70.1 | 56.0 |
"""


def test_a_second_header_below_figures_starts_the_next_table_with_its_columns_and_unit():
    # one run of pipe lines, two tables: the second's title, periods and bare years below the first's figures
    first, second = find_tables(TWO_TABLES_ONE_RUN)
    cells = {(c.row_label, c.text): c for c in first.cells + second.cells}
    assert cells[("Cash", "5,100")].column_header == "December 31, 2024"
    revenue = cells[("Revenue", "263.4")]
    assert revenue.column_header == "Year Ended December 31, 2024"
    assert revenue.column_path == "Year Ended December 31, > 2024"
    assert second.scale == Decimal(1000000) and second.share_scale == Decimal(1000000)
    # the first table's unit is its own lines' (none), not the second's
    assert first.scale is None and first.end < second.start
    assert {c.row_label for c in first.cells} == {"Cash", "Total assets"}


def test_qualifier_rows_keep_their_heading_over_a_spacer_and_unit_notes_read_money_signs():
    text = """(in thousands, except per share data)

| | 2025 | 2024 |
| Net income per share attributable to common stockholders: | | |
| Basic from continuing operations | $ 4.81 | $ 4.65 |
| | | |
| Diluted from continuing operations | $ 4.79 | $ 4.63 |
| | | |
| Interest income | 1,250 | 1,100 |
| Weighted average - basic and diluted | 239.5 | 238.0 |
"""
    from extractor import extract

    got = {m.text: (m.kind, m.value) for m in extract(text).mentions if m.cell}
    assert got["4.81"] == ("price", "4.81") and got["4.79"] == ("price", "4.79")
    assert got["1,250"] == ("money", "1250000")  # the spacer ended the per-share section for it
    assert got["239.5"] == ("shares", "239500")
    from extractor.document.notes import read_note

    assert read_note("($ millions, except per share or as otherwise noted)").scale == Decimal(1000000)


FLATTENED = ("Three Months Ended June 30, 2025 2024 Net sales$ 12,400,100$ 11,250,300 Cost of sales (7,100,200) "
             "(6,900,100) Gross profit 5,299,900 4,350,200 Operating expenses: Marketing 1,200,000 1,100,000 "
             "Restructuring - 45,000 Other costs -12,500 "
             "Weighted average shares outstanding: Basic 48,250,000 47,900,000Diluted 49,100,000 48,300,000 "
             "Net income per share: Basic $ 0.05$ 0.03")


def test_a_table_flattened_into_one_line_is_read_where_its_columns_are_clear():
    (table,) = find_tables(FLATTENED)
    assert table.format == "flat" and table.columns == 3
    rows = {c.row_path or c.row_label: [] for c in table.cells}
    for c in table.cells:
        rows[c.row_path or c.row_label].append(c.text)
    assert rows["Net sales"] == ["12,400,100", "11,250,300"]
    assert rows["Cost of sales"] == ["(7,100,200)", "(6,900,100)"]
    assert rows["Restructuring"] == ["45,000"] and rows["Other costs"] == ["12,500"]  # a dash is nil, not a minus
    assert rows["Weighted average shares outstanding: > Diluted"] == ["49,100,000", "48,300,000"]
    from extractor import extract

    got = {m.text: m.kind for m in extract(FLATTENED).mentions}
    assert got["0.05"] == "price" and got["48,250,000"] == "shares"
    # one row with three figures in a two-column table: its columns are unclear, and so is the table's
    assert find_tables(FLATTENED.replace("Gross profit 5,299,900 4,350,200", "Gross profit 5,299,900 4,350,200 12")) == []


def test_a_long_sentence_with_figures_is_not_a_flattened_table():
    prose = ("The company sold 1,200 units in the quarter and expects to sell between 1,500 and 2,000 units next "
             "year, having opened 12 stores in 2024 and 15 stores in 2025, while revenue rose 14% to $3.2 million "
             "from $2.8 million a year earlier, and the board approved a dividend of $0.05 per share payable on "
             "the first business day of the next month to holders of record.")
    assert find_tables(prose) == []


def test_a_paragraph_ending_in_figures_is_not_a_flattened_table():
    para = ("Side effects may include dizziness and headache; tell your doctor about every medicine you take, "
            "and stop if you feel faint. " * 4 + "Call 1 -800 -555 or write to the company at 1 -900 -333 "
            "or the agency at 2 -700 -444 or 3 -600 -222 for more.")
    assert find_tables(para) == []


def test_a_cell_carries_the_period_its_column_header_names():
    from extractor import extract
    from extractor.quantities.column_periods import header_period

    sheet = extract("Results\n\n" + SECTIONED_PIPE)
    (cell,) = [m.cell for m in sheet.mentions if m.text == "1,100" and m.cell and m.cell.row_label.startswith("Research")]
    assert cell.period.kind == "months-ended" and cell.period.months == 3 and cell.period.end == "2024-03-31"
    assert header_period("Year Ended December 31, 2023").months == 12
    assert header_period("December 31, 2024").kind == "as-of"
    assert header_period("Q4 2024").quarter == 4 and header_period("Fiscal 2025").kind == "fiscal-year"
    assert header_period("% Change") is None and header_period("2024").kind == "year"
    # a day may carry its ordinal's ending
    assert header_period("Third Quarter Ended December 31st, > 2023").end == "2023-12-31"


def test_a_column_header_types_a_row_that_says_nothing_and_a_wrapped_label_is_no_heading():
    from extractor import extract

    text = """Buybacks

| Date | Number of shares | Total value |
| March 3, 2025 | 54,000 | 14,957,627 |
| March 4, 2025 | 52,500 | 14,932,015 |

```
(in thousands, except per unit amounts)
                        2025      2024
Net income           12,400    11,900
FFO per basic and
diluted unit          $0.298    $0.299
```
"""
    got = {m.text: m.kind for m in extract(text).mentions}
    assert got["54,000"] == "shares" and got["14,957,627"] != "shares"
    assert got["0.298"] == "price"


FIXED_UNITS = """```
EUR m                  Q2 2025   Q2 2024   Change
Bookings                 412       380      8.4 %
Gross margin %          31.5%     30.0%   150 bps
Net result                (9)        4      n/m
Licences                   5         5      --%
```
"""


def test_fixed_width_units_printed_apart_are_the_cells_and_hold_no_column():
    """A "%" or "bps" printed as a token of its own belongs to the figure before it, and a "%" ending the
    label is the label's: neither shifts the columns of the row."""
    (table,) = find_tables(FIXED_UNITS)
    cells = {(c.row_label, c.column): c for c in table.cells}
    change = cells[("Bookings", 3)]
    assert change.text == "8.4" and change.percent and change.points is None
    points = cells[("Gross margin %", 3)]
    assert points.text == "150" and points.points == "bp"
    assert cells[("Gross margin %", 1)].text == "31.5" and cells[("Net result", 2)].text == "4"
    assert ("Net result", 3) not in cells  # "n/m" holds the column, and is no figure
    assert cells[("Licences", 1)].text == "5" and ("Licences", 3) not in cells  # and so does a nil percentage


def test_a_dash_before_a_percent_ending_the_label_is_the_labels():
    """"Operating margin - %" names a row of percentages: the dash is the label's, no nil cell of a column
    before the figures, and the row keeps its name for the margin rules."""
    text = ("```\nEUR m                  FY 2025   FY 2024   Change\n"
            "Revenue - EURm           640.0     600.0     6.7%\n"
            "Operating profit - EURm   51.2      45.0    13.8%\n"
            "Operating margin - %       8.0%      7.5%   0.5 pts\n```\n")
    (table,) = find_tables(text)
    cells = {(c.row_label, c.column): c.text for c in table.cells}
    assert cells[("Operating margin - %", 1)] == "8.0" and cells[("Operating margin - %", 2)] == "7.5"
    assert not any(label == "Operating margin" for label, _ in cells)


def test_a_fixed_width_header_of_periods_and_change_columns_is_no_label_of_the_first_row():
    """"Q4 2025  Q4 2024  Change  % Change" ends in a word, so it is no row of years; it is still the header,
    and its "%" must not make the first row a row of percentages."""
    from extractor import extract

    text = ("```\n                  Q4 2025    Q4 2024    Change    % Change\n"
            "Net loss            (64)      (107)        43         40\n"
            "Loss per share     (0.58)     (0.97)      0.39        40\n```\n")
    got = {(m.text, m.cell.row_label): m.kind for m in extract(text).mentions if m.cell}
    assert got[("(64)", "Net loss")] == "number"


def test_a_fixed_width_subtotal_without_a_label_and_signs_in_or_before_the_figure_are_cells():
    """A statement prints a section's subtotal below a rule with no label: it is a row of its own (a footing
    of the rows above it), not a header. "($45)" prints its currency inside the parentheses, "+12%" its plus."""
    text = ("```\n(in thousands)              2025       2024     Change\n"
            "Services                 $   120    ($45)       +12%\n"
            "Licences                      80      60         -4%\n"
            "-------------------      ------   ------\n"
            "                            200      15        +4%\n"
            "Other income                   5       7\n"
            "                               5       7\n```\n")
    (table,) = find_tables(text)
    cells = {(c.row, c.column): c for c in table.cells}
    assert cells[(0, 2)].text == "($45)" and cells[(0, 2)].currency and cells[(0, 2)].negative
    assert cells[(0, 3)].text == "+12" and cells[(0, 3)].percent
    subtotal = [c for c in table.cells if c.row_label is None]
    assert [c.text for c in subtotal] == ["200", "15", "+4"] and [c.column for c in subtotal] == [1, 2, 3]
    assert table.grid[subtotal[0].row][0] == ""  # (the last row, one figure short, fills no column it could name)


def test_a_figure_row_without_a_label_before_any_row_is_no_row():
    text = ("```\n                 2025     2024\n              1,200      900\n"
            "Revenue          300      250\nCosts            100       90\n```\n")
    (table,) = find_tables(text)
    assert {c.row_label for c in table.cells} == {"Revenue", "Costs"}


STACKED = """Selected results (in thousands)

Quarter ended

Change

2025

2024

$

%

Product sales

$

1,250

$

1,000

250

25%

Service fees

400

500

(100)

(20)

Other income

-

10

(10)

NM

Total revenue

1,650

1,510

140

9

Operating costs:

Staff

700

650

50

8
"""


def test_a_table_printed_one_cell_a_line_is_read_as_rows_of_its_labels():
    """Label, then each figure on a line of its own: a "$" on its own line marks the next figure, a "%" the one
    before it and (on the first row) its column, a dash or "NM" holds its column, a row of years with a change
    header names the columns, and a label with no figures under it is a section."""
    (table,) = find_tables(STACKED)
    assert table.format == "stacked" and table.columns == 5 and table.scale == Decimal(1000)
    assert table.grid[0] == ["Product sales", "1,250", "1,000", "250", "25%"]
    cells = {(c.row_label, c.column): c for c in table.cells}
    assert cells[("Product sales", 1)].currency and cells[("Product sales", 4)].percent
    assert cells[("Service fees", 4)].text == "(20)" and cells[("Service fees", 4)].percent
    assert ("Other income", 1) not in cells and ("Other income", 4) not in cells and cells[("Other income", 2)].text == "10"
    assert [cells[("Total revenue", c)].column_header for c in (1, 2, 3, 4)] == ["2025", "2024", "Change", "Change"]
    assert cells[("Staff", 1)].row_path == "Operating costs: > Staff"
    assert STACKED[cells[("Total revenue", 1)].start:cells[("Total revenue", 1)].end] == "1,650"


def test_a_one_cell_a_line_row_whose_figures_do_not_fill_the_columns_ends_the_table():
    text = STACKED.replace("Other income\n\n-\n\n10\n\n(10)\n\nNM\n", "Other income\n\n10\n\n(10)\n")
    assert find_tables(text) == []  # two rows above it and two below: neither is a table of three rows
    longer = text.replace("Staff\n", "Staff\n\n700\n\n650\n\n50\n\n8\n\nRent\n")
    (table,) = find_tables(longer)
    assert [row[0] for row in table.grid] == ["Total revenue", "Staff", "Rent"]


def test_short_lines_of_figures_in_prose_are_no_one_cell_a_line_table():
    text = ("The board approved the plan. Key dates follow.\n\n2025\n\n2026\n\nShares issued under the plan were:\n\n"
            "1,000\n\nand the price was\n\n$2.50\n\nper share.\n")
    assert find_tables(text) == []


def test_a_fixed_width_row_short_of_the_percent_columns_fills_the_amount_columns():
    """Under "2025 2024 % change" twice, a row printing four figures and no percentage fills the four amount
    columns; a row of nils keeps its label to itself."""
    text = ("```\n($ in millions)      2025    2024  % change    2025    2024  % change\n"
            "Revenue             $ 500   $ 450      11%   $ 1,900  $ 1,800      6%\n"
            "Less: Acquisitions     12      --               40       --\n"
            "Less: Disposals        --      --               --       --\n"
            "Organic revenue     $ 488   $ 450       8%   $ 1,860  $ 1,800      3%\n```\n")
    (table,) = find_tables(text)
    cells = {(c.row_label, c.column): c.text for c in table.cells}
    assert cells[("Less: Acquisitions", 1)] == "12" and cells[("Less: Acquisitions", 4)] == "40"
    assert cells[("Organic revenue", 1)] == "488"  # not "Less: Disposals -- -- -- -- Organic revenue"


def test_a_fixed_width_row_whose_percentages_fit_only_the_first_columns_fills_them():
    """"2025 2024 % change, currency impact, % change at constant currency": a row printing two amounts and a
    percentage fits only the first three columns; a row that fits more than one reading is counted from the
    right, as before."""
    text = ("```\n                    2025     2024   Change   FX impact   Change (cc)\n"
            "Net sales        $ 900.0  $ 850.0     5.9%    $ (4.0)       6.4%\n"
            "Pretax income    $ 120.0  $ 100.0    20.0%    $ (1.0)      21.0%\n"
            "Net income       $  90.0  $  75.0    20.0%\n"
            "Per share        $  1.20  $  1.00    20.0%\n```\n")
    (table,) = find_tables(text)
    cells = {(c.row_label, c.column): c.text for c in table.cells}
    assert cells[("Net income", 1)] == "90.0" and cells[("Net income", 3)] == "20.0"
    assert ("Net income", 5) not in cells and cells[("Per share", 2)] == "1.00"


def test_a_fixed_width_line_closing_the_header_bracket_is_no_part_of_the_first_label():
    text = ("```\nHighlights (in thousands of $, except for margin      Q3 2025    Q3 2024\npercentages)\n"
            "Revenues                                         115,700    120,400\n"
            "Gross margin                                      37,300     37,600\n```\n")
    (table,) = find_tables(text)
    assert [row[0] for row in table.grid] == ["Revenues", "Gross margin"]


def test_a_fixed_width_row_of_rates_only_fills_the_period_columns():
    """A margin row prints its rates under the periods and leaves the change columns blank; a row of rates
    with a change in points is a full row."""
    text = ("```\nEUR million     Q4/25   Q4/24   Change %   Q3/25   Change %\n"
            "Sales           2,300   2,200      4.5 %   2,250      2.2 %\n"
            "EBIT              120      55    118.2 %     170    -29.4 %\n"
            "EBIT margin     5.2 %   2.5 %              7.6 %\n"
            "Gross margin   28.1 %  27.6 %     50 bps  28.1 %      0 bps\n```\n")
    (table,) = find_tables(text)
    cells = {(c.row_label, c.column): c for c in table.cells}
    assert [cells[("EBIT margin", c)].text for c in (1, 2, 4)] == ["5.2", "2.5", "7.6"]
    assert cells[("Gross margin", 3)].points == "bp" and cells[("Gross margin", 5)].text == "0"


def _one_a_line(*lines: str) -> str:
    return "\n\n".join(lines) + "\n"


TWO_STATEMENTS = _one_a_line(
    "Statement of operations", "(amounts in thousands, except per share figures)", "Quarter", "Year",
    "License revenue", "$ 1,420", "$ -", "$ 5,310", "$ -",
    "Engineering", "2,200", "1,950", "8,400", "7,730",
    "Selling and administration", "900", "1,010", "3,650", "3,900", "3,100", "2,960", "12,050", "11,630",
    "Operating loss", "(1,680)", "(2,960)", "(6,740)", "(11,630)",
    "Net loss per share", "$ (0.12)", "$ (0.24)", "$ (0.50)", "$ (0.95)",
    "Balance sheet data", "(amounts in thousands)", "June 30,", "2025", "Dec. 31,", "2024",
    "Cash", "$ 9,870", "$ 12,400", "Total assets", "11,020", "13,760", "Total liabilities", "2,310", "2,880")


def test_one_cell_a_line_statements_of_other_widths_in_one_run_are_read_apart():
    operations, balance = find_tables(TWO_STATEMENTS)
    assert operations.columns == 5 and balance.columns == 3
    assert [row[0] for row in balance.grid] == ["Cash", "Total assets", "Total liabilities"]


def test_a_currency_sign_printed_with_a_nil_is_a_nil_and_a_doubled_row_ends_on_its_unlabeled_subtotal():
    operations = find_tables(TWO_STATEMENTS)[0]
    assert operations.grid[0] == ["License revenue", "$ 1,420", "-", "$ 5,310", "-"]
    assert operations.grid[2] == ["Selling and administration", "900", "1,010", "3,650", "3,900"]
    assert operations.grid[3] == ["", "3,100", "2,960", "12,050", "11,630"]
    assert operations.scale == Decimal(1000)


SCHEDULE = """```
(In millions)              Leases     Rent     Share of rent
Expiring at September
30, 2025                       41      3.2           6.1%
2026                           58      7.9          15.0%
2027                           66     10.4          19.8%
2028                           35      4.1           7.8%
```
"""


def test_a_year_opening_a_row_or_ending_its_date_names_the_row_in_a_schedule():
    (table,) = find_tables(SCHEDULE)
    assert [row[0] for row in table.grid if len(row) > 1] == ["Expiring at September 30, 2025", "2026", "2027", "2028"]
    assert {c.text for c in table.cells if c.column == 1} == {"41", "58", "66", "35"}


NARROW = """```
(In millions, except per share data)      2024      2023
Net income attributable
to Acme Holdings Inc.
stockholders                             $0.45     $0.38
Common stock - par value $0.01; 500 million
shares authorized; 91,204,118 and 90,877,015
shares issued and outstanding at December
31, 2024 and 2023, respectively              1         1
Total equity                             1,204     1,130
```
"""


def test_a_label_wrapped_over_a_name_cut_short_and_a_caption_wrapped_over_its_counts_stay_labels():
    (table,) = find_tables(NARROW)
    rows: dict[str, list[str]] = {}
    for c in table.cells:
        rows.setdefault(c.row_label, []).append(c.text)
    caption = ("Common stock - par value $0.01; 500 million shares authorized; 91,204,118 and 90,877,015 shares issued"
               " and outstanding at December 31, 2024 and 2023, respectively")
    assert rows == {"Net income attributable to Acme Holdings Inc. stockholders": ["0.45", "0.38"], caption: ["1", "1"],
                    "Total equity": ["1,204", "1,130"]}


def test_a_one_cell_a_line_label_naming_its_terms_at_length_is_a_row_and_a_row_of_years_starts_another_table():
    long_label = ("Warrants to purchase preferred shares (including $0 and $95 due to a related party, as of June 30, "
                  "2025 and December 31, 2024, respectively)")
    text = ("June 30,\n\nDecember 31,\n\n2025\n\n2024\n\nTrade payables\n\n$\n\n410\n\n$\n\n388\n\n" + long_label +
            "\n\n-\n\n95\n\nAccrued expenses\n\n1,210\n\n1,007\n\nTotal current liabilities\n\n1,620\n\n1,490\n\n"
            "June 30,\n\nDecember 31,\n\n2025\n\n2024\n\nShare capital\n\n12\n\n11\n\nAdditional paid-in capital\n\n"
            "40,110\n\n38,920\n\nAccumulated deficit\n\n(39,300)\n\n(37,800)\n\nTotal equity\n\n822\n\n1,131\n")
    liabilities, equity = find_tables(text)
    assert [row[0] for row in liabilities.grid] == ["Trade payables", long_label, "Accrued expenses", "Total current liabilities"]
    assert [row[0] for row in equity.grid][0] == "Share capital"


def test_a_one_cell_a_line_row_of_rates_and_their_change_in_points_fills_all_but_the_percent_change():
    text = ("Three Months Ended\n\nJune 30,\n\n2025\n\n2024\n\nIncrease/(Decrease)\n\n$\n\n%\n\n"
            "Net income\n\n$\n\n8,120\n\n$\n\n7,480\n\n$\n\n640\n\n9%\n\nDiluted EPS\n\n$\n\n0.45\n\n$\n\n0.42\n\n$\n\n0.03\n\n7%\n\n"
            "Return on average assets\n\n0.45%\n\n0.47%\n\n(0.02)\n\nReturn on average equity\n\n5.11%\n\n5.22%\n\n(0.11)\n\n"
            "Total assets\n\n$\n\n7,200,673\n\n$\n\n6,505,350\n\n$\n\n695,323\n\n11%\n")
    (table,) = find_tables(text)
    assert table.grid[2] == ["Return on average assets", "0.45%", "0.47%", "(0.02)", "-"]
    assert table.grid[4][0] == "Total assets"


def test_a_footnote_mark_printed_under_a_one_cell_a_line_label_is_the_labels_not_a_nil():
    text = ("Performance ratios\n\nDecember 31,\n\n2025\n\n2024\n\nReturn on average assets\n\n*\n\n1.95\n\n%\n\n1.10\n\n%\n\n"
            "Return on average equity\n\n*\n\n19.25\n\n%\n\n14.73\n\n%\n\nNet interest margin\n\n3.05\n\n%\n\n3.29\n\n%\n\n"
            "Efficiency ratio\n\n71\n\n%\n\n67\n\n%\n")
    (table,) = find_tables(text)
    assert table.grid[0] == ["Return on average assets *", "1.95", "1.10"] and table.columns == 3
    assert all(c.percent for c in table.cells)


DAYS_STACKED = """Harbor Trust Bancorp
(Dollars in thousands)

For the Three Months Ended

Sept 30,2025

June 30,2025

Dec 312024

Income Statement Data:

Interest income

$

89,651

$

86,345

$

86,166

Interest expense

41,361

40,840

44,258

Net interest income

48,290

45,505

41,908
"""


def test_a_table_one_cell_a_line_takes_its_days_under_their_span_and_over_a_heading():
    """A day a line for each column ("Sept 30,2025", a comma or a space lost), under the span they share and over
    the first section's heading: each column's header is the span and its day."""
    (table,) = find_tables(DAYS_STACKED)
    heads = {c.column: c.column_path for c in table.cells if c.row_label == "Interest expense"}
    assert heads == {1: "For the Three Months Ended > Sept 30,2025", 2: "For the Three Months Ended > June 30,2025",
                     3: "For the Three Months Ended > Dec 312024"}
    (cell,) = [c for c in table.cells if c.row_label == "Interest expense" and c.column == 1]
    assert cell.row_path == "Income Statement Data: > Interest expense"
    # a heading with no colon below the days is taken for a header line: the days above it are the columns' still
    capitals = find_tables(DAYS_STACKED.replace("Income Statement Data:", "INCOME STATEMENT"))[0]
    assert {c.column_path for c in capitals.cells if c.column == 3} == {"For the Three Months Ended > Dec 312024"}
    # "As of" over a balance sheet's days is no span: each column is its day
    as_of = find_tables(DAYS_STACKED.replace("For the Three Months Ended", "As of"))[0]
    assert {c.column_path for c in as_of.cells if c.column == 2} == {"June 30,2025"}
    # a day too few: no column is given another's day
    short = find_tables(DAYS_STACKED.replace("June 30,2025\n\n", ""))[0]
    assert {c.column_path for c in short.cells} == {None}


def test_days_over_runs_of_named_columns_head_each_column_with_its_day_and_name():
    """An average balance table one cell a line: two days, then the three names each day's columns repeat."""
    head = ("For the Three Months Ended\n\nSeptember 30, 2025\n\nSeptember 30, 2024\n\n"
            "Average Balance\n\nIncome/Expense\n\nYield\n\nAverage Balance\n\nIncome/Expense\n\nYield\n\n")
    rows = "".join(f"{label}\n\n{b1}\n\n{i1}\n\n{y1}\n\n{b2}\n\n{i2}\n\n{y2}\n\n" for label, b1, i1, y1, b2, i2, y2 in [
        ("Loans", "5,120,400", "78,112", "6.10%", "4,870,200", "75,004", "6.16%"),
        ("Securities", "610,300", "5,110", "3.35%", "640,900", "4,980", "3.11%"),
        ("Deposits with banks", "201,700", "2,216", "4.39%", "188,400", "2,380", "5.05%")])
    (table,) = find_tables(head + rows)
    heads = {c.column: c.column_path for c in table.cells if c.row_label == "Securities"}
    assert heads[1] == "For the Three Months Ended > September 30, 2025 > Average Balance"
    assert heads[6] == "For the Three Months Ended > September 30, 2024 > Yield"
    # names that do not repeat each day's run: which day a column is under is unknown
    odd = find_tables(head.replace("Yield\n\nAverage Balance", "Rate\n\nAverage Balance", 1) + rows)[0]
    assert {c.column_path for c in odd.cells} == {None}

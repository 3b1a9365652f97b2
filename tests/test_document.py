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


EDGAR_PIPE = """Summary (dollars in thousands, except per share data):

| | December 31, 2024 | | | | September 30, 2024 | | | | $Change | | | %Change | | |

| Total investment income | $ | 21,371 | | | $ | 22,565 | | $ | (1,194 | ) | | | (5.3) | % |
| Net income per share | $ | 0.03 | | | $ | 0.20 | | $ | (0.17 | ) | | | (85.0) | % |
| Total shares outstanding | | 36,837,381 | | | | 36,688,667 | | | 148,714 | | | | 0.4 | % |
| Net realized gain | | - | | | | 42,303 | | | (42,303 | ) | | | (100.0) | % |
"""


def test_pipe_table_cells_keep_label_header_and_note():
    (table,) = find_tables(EDGAR_PIPE)
    assert table.scale == Decimal(1000) and table.scale_applies_to == "money"
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

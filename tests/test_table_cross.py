"""Rows of another table read in a table's columns (`extractor/facts/tablecross.py`): which column of one table
is which of another, and how strong a binding through them is."""

from extractor import extract

STATEMENT = ("(in thousands, except per share amounts)\n\n| | {h} |\n|---|{rule}\n| Revenue | {rev} |\n"
             "| Weighted average shares outstanding, diluted | {shares} |\n")
HIGHLIGHTS = ("(in thousands, except per share amounts)\n\n| | {h} |\n|---|{rule}\n| Adjusted net income | {income} |\n"
              "| Adjusted net income per diluted share | {eps} |\n| Adjusted EBITDA | {ebitda} |\n| Adjusted EBITDA margin | {margin} |\n")


def _table(template: str, headers: list[str], **rows: list[str]) -> str:
    return template.format(h=" | ".join(headers), rule="---|" * len(headers), **{k: " | ".join(v) for k, v in rows.items()})


def _bound(text: str) -> dict[str, tuple[str, str, str]]:
    sheet = extract(text)
    by = {m.id: m.text for m in sheet.mentions}
    out = {}
    for f in sheet.facts:
        if f.rule in ("table-per-share", "table-part-of-whole"):
            stated = f.roles.get("per_share", f.roles.get("pct"))
            rest = [by[i] for r, i in f.roles.items() if i != stated]
            out[by[stated]] = (*rest, f.strength)
    return out


def test_the_same_periods_in_the_same_order_pair_columns_one_by_one_and_the_binding_is_loose():
    # a quarter and a year of the same calendar year both read "2024" where a layout lost the headings above:
    # the two tables print them in the same order, so each column is the other's
    headers = ["2024", "2023", "2024", "2023"]
    text = _table(HIGHLIGHTS, headers, income=["2,520", "1,860", "9,450", "7,440"], eps=["0.20", "0.15", "0.75", "0.60"],
                  ebitda=["5,000", "4,500", "21,000", "18,000"], margin=["20.0%", "20.5%", "21.0%", "20.0%"]) \
        + "\nThe statement of operations follows.\n\n" \
        + _table(STATEMENT, headers, rev=["25,000", "21,950", "100,000", "90,000"], shares=["12,600", "12,400", "12,600", "12,400"])
    got = _bound(text)
    assert got["0.20"] == ("2,520", "12,600", "loose")
    assert got["0.75"] == ("9,450", "12,600", "loose")
    assert got["21.0%"] == ("21,000", "100,000", "loose")
    # a margin the statement's revenue does not give (4,500 / 21,950 is 20.5%) is bound all the same
    assert got["20.5%"] == ("4,500", "21,950", "loose")


def test_periods_each_table_names_once_pair_columns_whatever_their_order():
    text = _table(HIGHLIGHTS, ["FY 2023", "FY 2024"], income=["6,200", "7,560"], eps=["0.50", "0.60"],
                  ebitda=["9,000", "11,000"], margin=["10.0%", "11.0%"]) \
        + "\nThe statement of operations follows.\n\n" \
        + _table(STATEMENT, ["FY 2024", "FY 2023"], rev=["100,000", "90,000"], shares=["12,600", "12,400"])
    got = _bound(text)
    assert got["0.60"] == ("7,560", "12,600", "loose")
    assert got["0.50"] == ("6,200", "12,400", "loose")
    assert got["11.0%"] == ("11,000", "100,000", "loose")


def test_a_period_printed_twice_in_a_different_order_pairs_no_column():
    # "2024" twice in both tables, but not in the same order: which "2024" is which cannot be told
    text = _table(HIGHLIGHTS, ["2024", "2024", "2023"], income=["2,520", "9,450", "7,440"], eps=["0.20", "0.75", "0.60"],
                  ebitda=["5,000", "21,000", "18,000"], margin=["20.0%", "21.0%", "20.0%"]) \
        + "\nThe statement of operations follows.\n\n" \
        + _table(STATEMENT, ["2024", "2023", "2024"], rev=["25,000", "90,000", "100,000"], shares=["12,600", "12,400", "12,600"])
    got = _bound(text)
    assert "0.20" not in got and "0.75" not in got and "21.0%" not in got
    assert got["0.60"] == ("7,440", "12,400", "loose")  # 2023, printed once in each

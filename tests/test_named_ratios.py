"""Ratio rows whose label names the two rows they divide (`table_named_ratios` in
`extractor/facts/tableratiorows.py`): which rows, how strong the binding, and what is flagged."""

from extractor import check_text, extract

TABLE = ("(in thousands)\n\n| | 2024 | 2023 | 2022 |\n|---|---|---|---|\n"
         "| Nonaccrual loans | 2,450 | 3,120 | 1,980 |\n| Gross loans | 612,500 | 598,300 | 541,700 |\n"
         "| Total deposits | 701,200 | 688,000 | 640,300 |\n| Nonaccrual loans / gross loans | {ratios} |\n")


def _named(text: str) -> dict[str, tuple[str, str, str]]:
    sheet = extract(text)
    by = {m.id: m.text for m in sheet.mentions}
    return {by[f.roles["pct"]]: (by[f.roles["part"]], by[f.roles["whole"]], f.strength)
            for f in sheet.facts if f.rule == "table-named-ratio"}


def _flagged(text: str) -> list[tuple[str, str]]:
    sheet = check_text(text)
    return [(f.severity, f.rule) for f in sheet.findings]


def test_each_side_naming_one_row_and_every_other_column_agreeing_is_tight():
    got = _named(TABLE.format(ratios="0.40% | 0.52% | 0.37%"))
    assert got == {"0.40%": ("2,450", "612,500", "tight"), "0.52%": ("3,120", "598,300", "tight"),
                   "0.37%": ("1,980", "541,700", "tight")}


def test_a_tight_ratio_no_rounding_saves_is_an_error():
    # 3,120 / 598,300 is 0.52%: 0.62% is a mistyped digit the other two columns' agreement exposes
    assert _flagged(TABLE.format(ratios="0.40% | 0.62% | 0.37%")) == [("error", "part-of-whole")]


def test_a_side_naming_several_rows_is_loose_and_flags_only_a_known_slip():
    text = ("(in millions)\n\n| | 2024 | 2023 | 2022 |\n|---|---|---|---|\n| Senior notes debt | 300 | 280 | 260 |\n"
            "| Total debt | 420 | 415 | 390 |\n| Total equity | 1,050 | 1,000 | 975 |\n| Debt to equity | {ratios} |\n")
    got = _named(text.format(ratios="40.0% | 41.5% | 40.0%"))
    assert {pct: strength for pct, (_, _, strength) in got.items()} == {"40.0%": "loose", "41.5%": "loose"}
    # 47.5% is no slip of 40.0% a reader would know: the loose binding keeps the fact and flags nothing
    assert _flagged(text.format(ratios="40.0% | 41.5% | 47.5%")) == []
    # 44.0% is 40.0% with one digit mistyped: a known slip, flagged though the binding is loose
    assert _flagged(text.format(ratios="40.0% | 41.5% | 44.0%")) == [("error", "part-of-whole")]


def test_costs_printed_negative_under_a_positive_cost_ratio_are_read_by_their_size():
    # costs printed negative under a positive cost ratio: the statement's sign for a cost, not the ratio's; the
    # fact reads the cost by its size (`sign: sizes`), the check reads both signs, so nothing is flagged
    text = ("(in thousands)\n\n| | 2024 | 2023 |\n|---|---|---|\n| Operating costs (A) | (13,800) | (14,500) |\n"
            "| Rental income (B) | 69,800 | 67,100 |\n| Cost ratio (A/B) | 19.8% | {ratio} |\n")
    assert _named(text.format(ratio="21.6%")) == {"19.8%": ("(13,800)", "69,800", "loose"),
                                                  "21.6%": ("(14,500)", "67,100", "loose")}
    assert {f.attributes.get("sign") for f in extract(text.format(ratio="21.6%")).facts
            if f.rule == "table-named-ratio"} == {"sizes"}
    assert _flagged(text.format(ratio="21.6%")) == []
    # 26.1% is 21.6% with two digits swapped: a known slip, flagged by the cost's size
    assert _flagged(text.format(ratio="26.1%")) == [("error", "part-of-whole")]


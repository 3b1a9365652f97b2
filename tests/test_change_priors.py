"""A change stated with its new figure only, and the figure it is compared with found elsewhere: in another
sentence, or in the table row that restates the new figure (`extractor/facts/changeprior.py`, `changetable.py`).
Both are loose bindings: only a known mistake is flagged."""

from __future__ import annotations

from extractor import check_text

SUMMARY = (
    "| (in thousands) | 2025 | 2024 | % Change |\n|---|---|---|---|\n"
    "| Revenue | 12,500 | 10,000 | 25.0% |\n| Net income | 1,100 | 1,000 | 10.0% |\n"
    "| Gross profit | 6,000 | 5,000 | 20.0% |\n"
)
QUARTERS = (
    "| (in thousands) | Q4 2025 | Q3 2025 | Q4 2024 |\n|---|---|---|---|\n"
    "| Revenue | 12,500 | 11,000 | 10,000 |\n| Net income | 1,100 | 1,050 | 1,000 |\n"
)


def _changes(text: str) -> tuple[list[dict[str, str]], list]:
    sheet = check_text(text)
    by_id = {m.id: m for m in sheet.mentions}
    changes = [{r: by_id[i].text for r, i in f.roles.items()} | {"by": f.attributes.get("by", ""), "strength": f.strength}
               for f in sheet.facts if f.rule == "change-prior"]
    return changes, [f for f in sheet.findings if f.rule.startswith("change-")]


def test_the_old_figure_is_the_one_the_tables_change_column_compares_with():
    changes, findings = _changes("Revenue was $12.5 million, up 25% from the prior year.\n\n" + SUMMARY)
    # the new figure as the table prints it to more digits: the change is measured on the finer printing
    assert changes == [{"pct": "25%", "to": "12,500", "from": "10,000", "said": "$12.5 million", "by": "table",
                        "strength": "loose"}]
    assert findings == []


def test_a_known_slip_of_the_change_is_flagged():
    _, findings = _changes("Revenue was $12.5 million, up 52% from the prior year.\n\n" + SUMMARY)
    assert [(f.rule, f.severity) for f in findings] == [("change-percent", "error")]
    assert findings[0].message.startswith("52% should be 25%")


def test_a_mismatch_no_known_mistake_explains_is_kept_without_a_finding():
    changes, findings = _changes("Revenue was $12.5 million, up 31% from the prior year.\n\n" + SUMMARY)
    assert [c["pct"] for c in changes] == ["31%"] and findings == []


def test_a_change_on_another_basis_binds_no_table_row():
    changes, _ = _changes("Revenue was $12.5 million, up 21% on a like-for-like basis.\n\n" + SUMMARY)
    assert changes == []
    # the row prints that change in a column of its own: the two figures are not the ones it is measured on
    table = SUMMARY.replace("| % Change |\n|---|---|---|---|", "| % Change | Comparable |\n|---|---|---|---|---|")
    table = table.replace("25.0% |", "25.0% | 21.0% |").replace("10.0% |", "10.0% | 9.0% |").replace("20.0% |", "20.0% | 18.0% |")
    changes, _ = _changes("Revenue was $12.5 million, up 21%.\n\n" + table)
    assert changes == []


def test_the_headers_periods_pick_the_year_earlier_or_the_previous_quarter():
    changes, _ = _changes("Revenue was $12.5 million, up 25% year over year.\n\n" + QUARTERS)
    assert [(c["pct"], c["from"]) for c in changes] == [("25%", "10,000")]
    changes, _ = _changes("Revenue was $12.5 million, up 13.6% sequentially.\n\n" + QUARTERS)
    assert [(c["pct"], c["from"]) for c in changes] == [("13.6%", "11,000")]


def test_a_row_of_another_measure_is_not_the_figures():
    changes, _ = _changes("Bookings were $12.5 million, up 25% from the prior year.\n\n" + SUMMARY)
    assert changes == []


def test_the_prior_sentence_may_name_the_period_between_the_two_figures():
    text = ("Revenues of $759.7 million, up 19.5%.\n\n"
            "Revenues increased to $759.7 million in the fourth quarter of 2024, compared to $635.7 million in the "
            "fourth quarter of 2023.")
    changes, _ = _changes(text)
    assert changes == [{"pct": "19.5%", "to": "$759.7 million", "from": "$635.7 million", "by": "", "strength": "loose"}]


def test_a_figure_and_its_per_share_amount_are_each_compared_with_their_own():
    text = ("Diluted EPS of $2.81, up 4.5%.\n\n"
            "Net income increased to $143.4 million, or diluted EPS of $2.81, in 2024, compared to $137.2 million, or "
            "diluted EPS of $2.69, in 2023.")
    changes, _ = _changes(text)
    assert [(c["pct"], c["to"], c["from"]) for c in changes] == [("4.5%", "$2.81", "$2.69")]


LOSSES = (
    "| (in thousands) | 2025 | 2024 | % Change |\n|---|---|---|---|\n"
    "| Revenue | 12,500 | 10,000 | 25.0% |\n| Operating expenses | 14,300 | 13,200 | 8.3% |\n"
    "| Net loss | (1,850) | (3,270) | 43.4% |\n"
)


def test_a_loss_row_gives_an_amount_change_read_by_its_size():
    # "net loss ... down $1.42 million" is a signed rise of 1,420: the word names the loss, so either sign is read
    changes, findings = _changes("The net loss was $1.85 million, down $1.42 million from the prior year.\n\n" + LOSSES)
    assert changes == [{"delta": "$1.42 million", "to": "(1,850)", "from": "(3,270)", "said": "$1.85 million",
                        "by": "table", "strength": "loose"}]
    assert findings == []
    sheet = check_text("The net loss was $1.85 million, down $1.42 million from the prior year.\n\n" + LOSSES)
    assert [f.attributes["dir"] for f in sheet.facts if f.rule == "change-prior"] == ["improvement"]


def test_a_loss_rows_amount_change_with_transposed_digits_is_flagged():
    _, findings = _changes("The net loss was $1.85 million, down $1.24 million from the prior year.\n\n" + LOSSES)
    assert [(f.rule, f.severity) for f in findings] == [("change-amount", "error")]
    assert findings[0].message.startswith("$1.24 million should be $1.42 million")


def test_a_loss_rows_amount_change_no_known_slip_explains_is_kept_without_a_finding():
    changes, findings = _changes("The net loss was $1.85 million, down $1.7 million from the prior year.\n\n" + LOSSES)
    assert [c["delta"] for c in changes] == ["$1.7 million"] and findings == []


def test_a_percentage_change_of_a_loss_row_is_still_left_alone():
    # a percentage of a loss follows no one convention: nothing is bound, nothing flagged
    changes, findings = _changes("The net loss was $1.85 million, down 43% from the prior year.\n\n" + LOSSES)
    assert changes == [] and findings == []

"""A grand total over the totals no other total adds up ("Total liabilities and equity"), read from the table."""

from extractor import extract

HEAD = "(in thousands)\n\n| | 2025 | 2024 |\n|---|---|---|\n| Cash | 2,400 | 1,900 |\n| Receivables | 800 | 700 |\n| Total assets | 3,200 | 2,600 |\n"
EQUITY = ("| Shareholders' equity | | |\n| Share capital | 2,900 | 2,500 |\n| Deficit | (500) | (640) |\n"
          "| Total shareholders' equity | 2,400 | 1,860 |\n")


def _sums(text: str) -> dict[str, list[str]]:
    sheet = extract(text)
    by_id = {m.id: m.text for m in sheet.mentions}
    return {by_id[f.roles["total"]]: sorted(by_id[v] for k, v in f.roles.items() if k != "total")
            for f in sheet.facts if f.type == "sum"}


def test_a_grand_total_adds_the_totals_left_over_and_a_slip_in_one_column_is_flagged():
    text = (HEAD.replace("| 2025 | 2024 |", "| 2025 | 2024 | 2023 |").replace("|---|---|---|", "|---|---|---|---|")
            .replace("1,900 |", "1,900 | 1,500 |").replace("700 |", "700 | 500 |").replace("2,600 |", "2,600 | 2,000 |")
            + "| Total liabilities | 800 | 740 | 600 |\n"
            + EQUITY.replace("| | |", "| | | |").replace("2,500 |", "2,500 | 2,000 |").replace("(640) |", "(640) | (600) |")
            .replace("1,860 |", "1,860 | 1,400 |")
            + "| Total liabilities and shareholders' equity | 3,200 | 2,600 | 2,100 |\n")
    sheet = extract(text)
    flagged = [f for f in sheet.findings if f.severity == "error" and "2,100" in f.message]
    assert flagged, [f.message for f in sheet.findings]


def test_no_grand_total_where_the_totals_left_over_do_not_give_it():
    sums = _sums(HEAD + EQUITY + "| Total capital employed | 3,350 | 2,790 |\n")
    assert "3,350" not in sums and "2,790" not in sums

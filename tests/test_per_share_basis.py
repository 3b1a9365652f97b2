"""A per-share row read over the count of the other basis holds no evidence where it does not fit that count."""

from extractor import check_text

TABLE = ("(in millions, except per share amounts)\n\n| | Q4 2025 | Q4 2024 | Q3 2025 | FY 2025 | FY 2024 |\n"
         "|---|---|---|---|---|---|\n| Net income | 40 | 210 | 30 | 150 | 420 |\n"
         "| Earnings per share: | | | | | |\n| Basic | {basic} |\n| Diluted | 0.20 | 1.04 | 0.15 | 0.74 | 2.02 |\n"
         "| Weighted average shares outstanding, basic | 200 | 200 | 200 | 200 | 205 |\n"
         "| Weighted average shares outstanding, diluted | 202 | 202 | 202 | 202 | 207 |\n")


def _per_share(text: str) -> list[str]:
    return [f.message for f in check_text(text).findings if f.rule == "per-share"]


def test_a_basic_figure_short_of_both_quotients_is_not_judged_over_the_diluted_count():
    # the basic row fits the diluted count in four columns; its last falls short of both counts' quotients, as
    # earnings the two-class method allots to participating securities leave it
    assert _per_share(TABLE.format(basic="0.20 | 1.04 | 0.15 | 0.74 | 2.00")) == []


def test_a_basic_figure_that_fits_its_own_count_elsewhere_is_still_checked_over_it():
    assert _per_share(TABLE.format(basic="0.20 | 1.05 | 0.15 | 0.75 | 2.60"))

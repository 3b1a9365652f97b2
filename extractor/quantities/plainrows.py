"""Table rows and columns whose figures are neither amounts nor percentages: exchange rates, multiples, years."""

from __future__ import annotations

from functools import lru_cache

import regex

from ..rules import lexicon

# a ratio of two amounts printed as a multiple ("Current ratio  1.19", "Net debt to adjusted EBITDA  3.0"), neither
# a percentage nor an amount, unless its figures print a percent sign
_MULTIPLE = regex.compile(r"(?i)\b(?:current|quick|coverage)\s+ratios?\b|\bto\s+(?:[\w()-]+\s+){0,3}?EBITDA\s+ratio\b"
                       r"|\bdebt\s*/\s*(?:[\w()-]+\s+){0,2}?EBITDA\b|\bdebt[\s-]+to[\s-]+equity\b")


@lru_cache(maxsize=None)
def _exchange_rate() -> regex.Pattern:
    """A row of exchange rates: its label's head noun ("EUR/USD exchange rate", "Average exchange rates (1)"), not
    a change it causes ("Effect of exchange rate changes on cash"), or a pair of currencies one of which is a code
    of the lexicon ("FX (NTD/USD)", "US$/C$"). Its figures are the rates, neither percentages nor amounts."""
    codes = "|".join(lexicon()["currency_codes"])
    return regex.compile(rf"(?i)\bexchange\s+rates?\s*(?:\([^)]*\)\s*|\*+\s*)*$"
                         rf"|(?-i:\b(?:{codes})\s*/\s*[A-Z]{{3}}\b|\b[A-Z]{{3}}\s*/\s*(?:{codes})\b)"
                         r"|(?:US|C|A|NT|HK|S)\$\s*/\s*(?:US|C|A|NT|HK|S)?\$")


@lru_cache(maxsize=4096)
def multiple_row(label: str) -> bool:
    return bool(_MULTIPLE.search(label))  # once per label: a row's cells share it


@lru_cache(maxsize=4096)
def exchange_rate_row(label: str) -> bool:
    # once per label (a row's cells share it), and only where the pattern can match: a label that neither
    # names an exchange rate nor holds a "/" between two currencies has no exchange rate
    if "/" not in label and "exchange" not in label.lower():
        return False
    return bool(_exchange_rate().search(label))


# a column of the years things were built, bought or delivered ("Year Built", "YearBuilt", "Vintage"): dates
_YEAR_HEAD = regex.compile(r"(?i)\byear\s*(?:built|of\s+(?:build|construction|completion|acquisition)|delivered|acquired"
                           r"|completed|opened)\b|\b(?:built|vintage|delivery\s+year)\b")


@lru_cache(maxsize=4096)
def year_column(header: str) -> bool:
    return bool(_YEAR_HEAD.search(header))  # once per header: a column's cells share it

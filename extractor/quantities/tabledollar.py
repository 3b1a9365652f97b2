"""The dollar a release's tables name, meant by a bare "$" in its prose too; the currency a column's header names."""

from __future__ import annotations

from functools import lru_cache

import regex

from .found import Found
from ..document import TableRegion
from ..rules import lexicon

# currencies printed with a dollar sign, which a release's own tables may name for it
_DOLLARS = frozenset({"CAD", "AUD", "NZD", "HKD", "SGD", "TWD"})
_BARE_DOLLAR = regex.compile(r"\(?\s*\$")  # "$1.2 million", "($0.5) million": no letters before the sign


def dollar_of_tables(found: list[Found], tables: list[TableRegion], text: str) -> None:
    """A release whose tables all state their amounts in one dollar other than the US one ("(in thousands of
    Canadian dollars)") means that dollar by a bare "$" in its prose too: its figures restate the tables'."""
    named = {t.currency for t in tables if t.currency}
    if len(named) != 1 or not named <= _DOLLARS:
        return
    (dollar,) = named
    for f in found:
        if f.cell is None and f.currency == "USD" and _BARE_DOLLAR.match(text, f.start, f.end):
            f.currency = dollar


@lru_cache(maxsize=None)
def _currency_head() -> regex.Pattern:
    """A header naming its column's currency: "(SEK)", "in EUR", "($)", "US$", or the code alone ("2025 > USD");
    codes from the lexicon."""
    codes = "|".join(lexicon()["currency_codes"])
    return regex.compile(rf"(?:\(\s*|\bin\s+)(?P<code>{codes})\b|(?P<sign>\$)|(?:^|>)\s*(?P<code>{codes})\s*$")


@lru_cache(maxsize=4096)
def header_currency(header: str) -> str | None:
    m = _currency_head().search(header)
    if m is None:
        return None
    return "CNY" if m.group("code") == "RMB" else m.group("code") or "USD"

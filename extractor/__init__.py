"""prfacts: extract the quantities in press releases and check the arithmetic between them.

    >>> from extractor import extract
    >>> sheet = extract("The premium of 444% to the closing bid price of $0.0009 ...")
    >>> [m.text for m in sheet.mentions]
"""

from __future__ import annotations

from functools import lru_cache

from .models import FactSheet, Finding, Mention, Fact  # noqa: F401

__all__ = ["extract", "analyzer", "FactSheet", "Mention", "Fact", "Finding"]
__version__ = "0.1.0"


@lru_cache(maxsize=4)
def analyzer(rules_dirs: tuple[str, ...] = ()):
    from .pipeline import Analyzer

    return Analyzer(rules_dirs)


def extract(text: str, path: str | None = None) -> FactSheet:
    """The fact sheet of one release text (quantities, metadata, facts, findings)."""
    return analyzer().analyze(text, path)

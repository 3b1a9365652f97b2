"""prfacts: extract the quantities in press releases and check the arithmetic between them.

    >>> from extractor import extract
    >>> sheet = extract("The premium of 444% to the closing bid price of $0.0009 ...")
    >>> [m.text for m in sheet.mentions]

`extract`, `check_text` and `check_file` take the path `prfacts check` takes (`extractor.linter.engine`): the
configuration that applies (select, ignore, severities, rules-dirs), the budget, suppression comments,
EDGAR full submissions split into their press-release exhibits. `analyzer()` is the bare pipeline under them.
"""

from __future__ import annotations

from functools import lru_cache

from .models import FactSheet, Finding, Mention, Fact  # noqa: F401

__all__ = ["extract", "check_text", "check_file", "analyzer", "FactSheet", "Mention", "Fact", "Finding"]
__version__ = "0.1.0"


@lru_cache(maxsize=4)
def analyzer(rules_dirs: tuple[str, ...] = ()):
    from .pipeline import Analyzer

    return Analyzer(rules_dirs)


def extract(text: str, path: str | None = None) -> FactSheet:
    """The fact sheet of one release text (quantities, metadata, facts, findings): `check_text(text, path)`."""
    return check_text(text, path)


def check_text(text: str, name: str | None = None, config: str | None = None) -> FactSheet:
    """The checked fact sheet of a release held in memory; `name` picks its reader (by suffix) and its
    configuration (by folder), `config` names a configuration file to use instead."""
    from .linter.engine import check_text as check

    return check(text, name, config)


def check_file(path: str, config: str | None = None) -> list[FactSheet]:
    """The checked fact sheets of a file, as `prfacts check --format json` gives them: one, or one per
    press-release exhibit of an EDGAR full submission."""
    from .linter.engine import check_file as check

    return check(path, config)

"""Output formats for findings and fact sheets: one module per format.

Each formatter takes the list of `Checked` results (a source and its fact
sheet) and returns the text to print. Reports never compute: everything they
show is already on the fact sheet.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from ..models import FactSheet


@dataclass
class Checked:
    """One checked document: the path as the user named it, and its fact sheet."""

    path: str
    sheet: FactSheet


def where(finding, prose: bool = False) -> str:
    """Where a finding is: `3:5` (`prose`: `line 3, column 5`), or in a Word document its paragraph:
    `paragraph 3 ("On June 5, the Company…"), character 418`."""
    if finding.paragraph is not None:
        return finding.paragraph.label()
    return f"line {finding.line}, column {finding.column}" if prose else f"{finding.line}:{finding.column}"


Formatter = Callable[[list[Checked]], str]
FORMATTERS: dict[str, Formatter] = {}


def formatter(name: str):
    def register(fn: Formatter) -> Formatter:
        FORMATTERS[name] = fn
        return fn

    return register


def format_names() -> list[str]:
    _load_all()
    return sorted(FORMATTERS)


def render(name: str, results: list[Checked]) -> str:
    _load_all()
    return FORMATTERS[name](results)


def _load_all() -> None:
    import importlib
    import pkgutil

    for info in pkgutil.iter_modules(__path__):
        importlib.import_module(f"{__name__}.{info.name}")

"""A quantity as read (`Found`), and the `Mention` made of it once it has an id and a sentence."""

from __future__ import annotations

from dataclasses import dataclass

from . import dates
from ..document import sentence_index
from ..models import Mention, TableCell


@dataclass
class Found:
    """A quantity before it gets its id and sentence: what a match or a cell says."""

    kind: str
    start: int
    end: int
    value: str
    low: str
    high: str
    unit: str | None = None
    currency: str | None = None
    scale: str | None = None
    qualifier: str | None = None
    subject: str | None = None
    cell: TableCell | None = None
    date: dates.DateReading | None = None
    range_with: int | None = None  # the index of the other end of a range ("$412 to $418 million")


def to_mentions(found: list[Found], sentence_starts: list[int], text: str) -> list[Mention]:
    return [_mention(n, f, sentence_starts, text) for n, f in enumerate(found)]


_FIELDS = tuple(Mention.model_fields)


def _mention(n: int, f: Found, sentence_starts: list[int], text: str) -> Mention:
    """A mention from our own reading, made the way `model_construct` makes one (what pydantic's validation
    would check, the types already guarantee) without its per-field and private-default work, which was a
    tenth of the whole analysis. It carries what later stages would otherwise read again from the text: a
    date's parts. A figure's printing (`checks.wording.printed`) is read on first ask and kept on the mention:
    fewer than 1 figure in 100 is ever asked (696 of 80,657 over the real corpus), and reading every one was
    about 2% of the analysis."""
    m = Mention.__new__(Mention)
    fields = {
        "id": n, "kind": f.kind, "text": text[f.start : f.end], "start": f.start, "end": f.end,
        "sentence": sentence_index(sentence_starts, f.start), "value": f.value, "low": f.low, "high": f.high,
        "unit": f.unit, "currency": f.currency, "scale": f.scale, "qualifier": f.qualifier, "subject": f.subject,
        "cell": f.cell, "range_with": f.range_with,
    }
    carried = {"_printed": None, "_date": f.date}
    object.__setattr__(m, "__dict__", fields)
    object.__setattr__(m, "__pydantic_fields_set__", set(_FIELDS))
    object.__setattr__(m, "__pydantic_extra__", None)
    object.__setattr__(m, "__pydantic_private__", carried)
    return m

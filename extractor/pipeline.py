"""The whole flow for one text: Document -> quantities -> metadata -> facts -> findings -> FactSheet."""

from __future__ import annotations

import hashlib
from typing import Iterable

from . import document, quantities  # noqa: F401  (registers the spaCy components)
from .metadata import read_metadata
from .models import FactSheet, Source, Table


class Analyzer:
    """Builds the spaCy pipeline once; `analyze` is then cheap per text."""

    def __init__(self, rules_dirs: Iterable[str] = ()):
        self.rules_dirs = tuple(str(d) for d in rules_dirs)
        self.nlp = document.new_pipeline()
        self.nlp.add_pipe("prfacts_quantities", config={"rules_dirs": list(self.rules_dirs)})

    def analyze(self, text: str, path: str | None = None) -> FactSheet:
        doc = self.nlp(text)
        return self._sheet(doc, text, path)

    def analyze_many(self, texts: Iterable[tuple[str, str | None]], batch_size: int = 32):
        pairs = list(texts)
        for doc, (text, path) in zip(self.nlp.pipe((t for t, _ in pairs), batch_size=batch_size), pairs):
            yield self._sheet(doc, text, path)

    def _sheet(self, doc, text: str, path: str | None) -> FactSheet:
        mentions = doc._.quantities
        meta = read_metadata(text, mentions)
        tables = [
            Table(index=t.index, format=t.format, start=t.start, end=t.end, unit_note=t.unit_note,
                  scale=str(t.scale) if t.scale else None, rows=t.rows, columns=t.columns)
            for t in doc._.tables
        ]
        source = Source(path=path, sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(), length=len(text))
        return FactSheet(source=source, metadata=meta, tables=tables, mentions=mentions)

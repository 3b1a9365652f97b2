"""The whole flow for one text: Document -> quantities -> metadata -> facts -> findings -> FactSheet."""

from __future__ import annotations

import hashlib
from typing import Iterable, Iterator

from . import document, quantities  # noqa: F401  (registers the spaCy components)
from .document import text_of
from .facts import FactFinder
from .inputs import SourceText
from .metadata import read_metadata
from .models import FactSheet, Source, Table
from .verify import Verifier


class Analyzer:
    """Builds the spaCy pipeline and compiles the rules once; each analysis is then cheap.

    `rules_dirs` adds the user's own rule folders (each with `quantities/`,
    `facts/`, `checks/` subfolders, or rule files directly) to the built-in ones.
    """

    def __init__(self, rules_dirs: Iterable[str] = ()):
        self.rules_dirs = tuple(str(d) for d in rules_dirs)
        self.nlp = document.new_pipeline()
        self.nlp.add_pipe("prfacts_quantities", config={"rules_dirs": list(self.rules_dirs)})
        self.facts = FactFinder(self.rules_dirs)
        self.verifier = Verifier(self.rules_dirs)

    def analyze(self, text: str, path: str | None = None) -> FactSheet:
        return self.analyze_source(SourceText(path, text))

    def analyze_source(self, source: SourceText) -> FactSheet:
        return self._sheet(self.nlp(source.text), source)

    def analyze_many(self, texts: Iterable[tuple[str, str | None]], batch_size: int = 32) -> Iterator[FactSheet]:
        """Plain texts with their paths, through `nlp.pipe`; sheets come out in input order."""
        sources = [SourceText(path, text) for text, path in texts]
        docs = self.nlp.pipe((s.text for s in sources), batch_size=batch_size)
        for doc, source in zip(docs, sources):
            yield self._sheet(doc, source)

    def _sheet(self, doc, source: SourceText) -> FactSheet:
        text = text_of(doc)
        mentions = doc._.quantities
        meta = read_metadata(text, mentions)
        facts = self.facts.find(text, mentions, meta, doc._.sentence_starts or [0])
        findings = self.verifier.verify(text, mentions, facts, meta, source.line_col)
        if source.places:  # a Word document: its lines are paragraphs, and a finding says which one
            findings = [f.model_copy(update={"paragraph": source.paragraph_at(f.start)}) for f in findings]
        tables = [
            Table(index=t.index, format=t.format, start=t.start, end=t.end, unit_note=t.unit_note,
                  scale=str(t.scale) if t.scale else None, rows=t.rows, columns=t.columns)
            for t in doc._.tables
        ]
        src = Source(path=source.path, sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(), length=len(text),
                     encoding=source.encoding)
        return FactSheet(source=src, metadata=meta, tables=tables, mentions=mentions, facts=facts, findings=findings)

"""prfacts inside a spaCy pipeline: `nlp.add_pipe("prfacts")`.

The component reads `doc.text` with the same `Analyzer` that `prfacts extract` runs, so what it adds is
the fact sheet `extract` prints for that text:

* `doc.spans["prfacts"]`: one Span per quantity, labelled with its kind, widened to whole tokens;
* on each of those spans `span._.prfacts_mention` (the `Mention`) and its `prfacts_value`, `prfacts_low`,
  `prfacts_high` (decimal strings, as in the sheet; ISO text for dates), `prfacts_unit`, `prfacts_currency`;
* `doc._.prfacts` (the `FactSheet`), `doc._.prfacts_facts` and `doc._.prfacts_findings`.

It never writes tokens or sentences: those stay the user's tokenizer's, sentencizer's or parser's. A
mention's `sentence` is prfacts' own sentence numbering, which its fact rules are written against.

spaCy finds the factory through the `spacy_factories` entry point in pyproject.toml, so a user who has
installed prfacts need not import it. `new_pipeline()` is a blank English pipeline with prfacts'
tokenizer, for users who have no pipeline of their own.
"""

from __future__ import annotations

import re
from collections import OrderedDict

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import compile_infix_regex, compile_suffix_regex

from . import analyzer
from .models import FactSheet, Mention

SPANS_KEY = "prfacts"

# The sheet is kept on the Doc as its JSON, so Doc.to_bytes, DocBin and nlp.pipe(n_process=...) carry it
# (spaCy's msgpack cannot hold a pydantic object); the attributes read it back once and share the reading.
_SHEET_JSON = "prfacts_sheet_json"
_READ: OrderedDict[str, FactSheet] = OrderedDict()
_READ_MAX = 64


def _remember(raw: str, sheet: FactSheet) -> FactSheet:
    _READ[raw] = sheet
    _READ.move_to_end(raw)
    while len(_READ) > _READ_MAX:
        _READ.popitem(last=False)
    return sheet


def sheet_of(doc: Doc) -> FactSheet | None:
    raw = doc._.get(_SHEET_JSON)
    if raw is None:
        return None
    sheet = _READ.get(raw)
    return sheet if sheet is not None else _remember(raw, FactSheet.model_validate_json(raw))


def mention_of(span: Span) -> Mention | None:
    """The mention a span of ours stands for (its span id is the mention's id); None for any other span."""
    sheet = sheet_of(span.doc)
    if sheet is None or not span.id_.isdigit() or int(span.id_) >= len(sheet.mentions):
        return None
    mention = sheet.mentions[int(span.id_)]
    inside = span.start_char <= mention.start and mention.end <= span.end_char
    return mention if inside and span.label_ == mention.kind else None


def _mention_field(name: str):
    def get(span: Span):
        mention = mention_of(span)
        return None if mention is None else getattr(mention, name)

    return get


def _register_extensions() -> None:
    doc_attrs = {"prfacts": sheet_of,
                 "prfacts_facts": lambda doc: None if sheet_of(doc) is None else sheet_of(doc).facts,
                 "prfacts_findings": lambda doc: None if sheet_of(doc) is None else sheet_of(doc).findings}
    Doc.set_extension(_SHEET_JSON, default=None, force=True)
    for name, getter in doc_attrs.items():
        Doc.set_extension(name, getter=getter, force=True)
    Span.set_extension("prfacts_mention", getter=mention_of, force=True)
    for name in ("value", "low", "high", "unit", "currency"):
        Span.set_extension(f"prfacts_{name}", getter=_mention_field(name), force=True)


_register_extensions()


@Language.factory(
    "prfacts",
    default_config={"rules_dirs": [], "spans_key": SPANS_KEY},
    assigns=["doc.spans", "doc._.prfacts", "doc._.prfacts_facts", "doc._.prfacts_findings",
             "span._.prfacts_mention", "span._.prfacts_value", "span._.prfacts_low", "span._.prfacts_high"],
)
def make_prfacts(nlp: Language, name: str, rules_dirs: list[str], spans_key: str) -> "PrfactsComponent":
    """`rules_dirs`: the user's own rule folders, laid out like prfacts' `rules/` (relative to the working
    folder when the pipeline is loaded); `spans_key`: the `doc.spans` key the quantities go under."""
    return PrfactsComponent(name, tuple(str(d) for d in rules_dirs), spans_key)


class PrfactsComponent:
    def __init__(self, name: str = "prfacts", rules_dirs: tuple[str, ...] = (), spans_key: str = SPANS_KEY):
        self.name = name
        self.spans_key = spans_key
        self.analyzer = analyzer(rules_dirs)  # compiled once per set of rule folders, shared with extract()

    def __call__(self, doc: Doc) -> Doc:
        sheet = self.analyzer.analyze(doc.text)
        raw = sheet.model_dump_json()
        doc._.set(_SHEET_JSON, raw)
        _remember(raw, sheet)
        spans = []
        for m in sheet.mentions:
            span = doc.char_span(m.start, m.end, label=m.kind, alignment_mode="expand", span_id=str(m.id))
            if span is not None:  # (a mention is never white space, so "expand" always finds a token)
                spans.append(span)
        doc.spans[self.spans_key] = spans
        return doc

    # The component's state is its configuration (`rules_dirs`), which spaCy saves in config.cfg; the rules
    # are read from their folders when the pipeline is loaded, so there is nothing of its own to save.
    def to_disk(self, path, *, exclude=tuple()) -> None:
        return None

    def from_disk(self, path, *, exclude=tuple()) -> "PrfactsComponent":
        return self


# ---------------------------------------------------------------- prfacts' own tokenizer, for new_pipeline()

# Runs of non-space characters that spaCy's tokenizer would take time quadratic in their length to
# split are cut into pieces of MAX_TOKEN characters before it sees them. The tokenizer strips prefixes
# and suffixes one at a time, each time rescanning the rest of the run, so a run of brackets, quotes or
# backticks took time quadratic in its length (64 KB of "(" took minutes). A run is cut when it is
# longer than MAX_RUN, or longer than MAX_TOKEN and the tokenizer would strip MAX_STRIPS affixes or
# more from it; cut, a run costs at most a piece's square per piece: linear. Ordinary text (words,
# URLs, "(NYSE: ACME)") is tokenized as before, and the text is never changed.
MAX_TOKEN = 32
MAX_RUN = 256
MAX_STRIPS = 6
_RUN = re.compile(r"(?<!\S)\S{%d,}" % (MAX_TOKEN + 1))  # (the standard library's engine scans this 3x faster)


class _CuttingTokenizer:
    def __init__(self, tokenizer):
        self.tokenizer = tokenizer

    def __call__(self, text: str) -> Doc:
        cuts = [m.span() for m in _RUN.finditer(text) if self._needs_cut(m.group())]
        return self._cut(text, cuts) if cuts else self.tokenizer(text)

    def _needs_cut(self, run: str) -> bool:
        """True when the run is long, or the tokenizer would strip MAX_STRIPS prefixes or suffixes or more."""
        if len(run) > MAX_RUN:
            return True
        prefix_search, suffix_search = self.tokenizer.prefix_search, self.tokenizer.suffix_search
        for _ in range(MAX_STRIPS):
            m = prefix_search(run) if prefix_search is not None else None
            if m is not None and m.end() > m.start():
                run = run[m.end() :]
                continue
            m = suffix_search(run) if suffix_search is not None else None
            if m is not None and m.end() > m.start():
                run = run[: m.start()]
                continue
            return False
        return True

    def _cut(self, text: str, cuts: list[tuple[int, int]]) -> Doc:
        """The text tokenized with each run in `cuts` tokenized in pieces of MAX_TOKEN characters."""
        words: list[str] = []
        spaces: list[bool] = []

        def add(a: int, b: int) -> None:
            part = self.tokenizer(text[a:b])
            words.extend([t.text for t in part])
            spaces.extend([bool(t.whitespace_) for t in part])

        pos = 0
        for start, end in cuts:
            if start > pos:
                add(pos, start)
            for a in range(start, end, MAX_TOKEN):
                add(a, min(a + MAX_TOKEN, end))
            pos = end
        if pos < len(text):
            add(pos, len(text))
        return Doc(self.tokenizer.vocab, words=words, spaces=spaces)

    def __getattr__(self, name):
        return getattr(self.tokenizer, name)


def _tune_tokenizer(nlp: Language) -> None:
    tokenizer = nlp.tokenizer
    # A scale letter or "x" glued to a number is its own token: "1MM", "3x", "12m".
    suffixes = list(nlp.Defaults.suffixes) + [r"(?<=\d)(?:MM|mm|bn|mln|mn|[MmKkBx])$"]
    tokenizer.suffix_search = compile_suffix_regex(suffixes).search
    infixes = list(nlp.Defaults.infixes) + [r"(?<=\d)-(?=for-\d)", r"(?<=for)-(?=\d)"]
    tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
    for abbreviation in ("No.", "Nos.", "approx.", "Approx.", "Co.", "Ltd.", "Inc.", "Corp.", "LLC."):
        tokenizer.add_special_case(abbreviation, [{"ORTH": abbreviation}])


def new_pipeline(rules_dirs: tuple[str, ...] = ()) -> Language:
    """`spacy.blank("en")` with a tokenizer for financial text ("$3.0M" -> "$", "3.0", "M"; "1MM" -> "1",
    "MM"), linear in time on any input, and the prfacts component."""
    nlp = spacy.blank("en")
    _tune_tokenizer(nlp)
    nlp.tokenizer = _CuttingTokenizer(nlp.tokenizer)
    nlp.add_pipe("prfacts", config={"rules_dirs": list(rules_dirs)})
    return nlp

"""Document -> quantities: the mentions, driven by `rules/quantities/*.yaml`.

Two kinds of rule, both data:

* a *base* rule has `patterns`, regexes written with named fragments
  ({NUMBER}, {SCALE_AFTER}, ...). Each pattern is scanned over the text on its
  own (one alternation of them all is several times slower); overlapping
  candidates are settled leftmost first, and at the same start by rule order,
  so `not-quantities` consumes a phone number before any number sees its
  digits;
* a *refining* rule (`refines: number`) retypes a candidate of its base kind
  when the words around it match one of its `contexts`: a number followed by
  "shares" becomes a share count, money after "exercise price of" a price,
  a number followed by "%" a percentage (`extend: true` grows the span over
  the "%").

Patterns talk to the interpreter only through named groups: `span` (the
mention, when a pattern also matches context; otherwise the match and every
named group in it), `num`/`words`
(the figure), `sign`, `scale`, `cur`/`code`/`curword` (currency),
`pct`/`pp`/`bp`, `noun`, `per`/`pernoun`, `ra`/`rb` (A-for-B), `mult`, `frac`,
and the date parts read by `dates.py`. Numbers in table cells are typed from
their row, column and the table's unit note instead.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from functools import lru_cache
from typing import Callable, Iterable

import regex

from . import dates, numbers
from ..document import Cell, Document, TableRegion, sentence_index
from ..models import KINDS as MENTION_KINDS, Mention, TableCell, dec_str
from ..rules import RuleError, lexicon, load, timed

KINDS = ("ignore",) + MENTION_KINDS
_FRAGMENT_REF = regex.compile(r"\{([A-Z][A-Z0-9_]*)\}")
_LEADING_FLAGS = regex.compile(r"^\(\?([aiLmsux]+)\)")


# ---------------------------------------------------------------- compiling the rules


def _alternation(words: Iterable[str], cased: bool = True) -> str:
    """Longest first ("US$" before "$"); each word as printed, Title-cased and in CAPITALS.

    Spelling the cases out keeps the patterns case-sensitive, which the regex
    engine scans far faster than an ignore-case alternation.
    """
    forms = set()
    for w in (str(w) for w in words):
        forms.add(w)
        if cased and w[:1].isalpha():
            forms.update((w.capitalize(), w.upper(), w.lower()))
    return "|".join(regex.escape(w) for w in sorted(forms, key=lambda w: (-len(w), w)))


def _fragments(fragment_rule: dict) -> dict[str, str]:
    lex = lexicon()
    frags = {
        "SCALE": _alternation(lex["scales"], cased=False),
        "CURRENCY_SYMBOL": _alternation(lex["currency_symbols"], cased=False),
        "CURRENCY_CODE": _alternation(lex["currency_codes"], cased=False),
        "CURRENCY_WORD": _alternation(lex["currency_words"]),
        "QUALIFIER": _alternation(lex["qualifiers"]),
        "MONTH": _alternation(lex["months"]),
        "NUMBER_WORD": _alternation(k for k in lex["number_words"] if k not in ("a", "an")),
        "FRACTION": _alternation(lex["fractions"]),
        "MULTIPLE": _alternation(lex["multiples"]),
        "ORDINAL_QUARTER": _alternation(lex["ordinal_quarters"]),
        "WEEKDAY": _alternation(lex["weekdays"]),
    }
    frags.update(fragment_rule.get("fragments", {}))
    return frags


def expand(pattern: str, fragments: dict[str, str], source: str = "", depth: int = 0) -> str:
    if depth > 10:
        raise RuleError(f"{source}: fragments nest too deeply in {pattern!r}")

    def sub(m: regex.Match) -> str:
        name = m.group(1)
        if name not in fragments:
            raise RuleError(f"{source}: unknown fragment {{{name}}}")
        return "(?:" + expand(fragments[name], fragments, source, depth + 1) + ")"

    return _FRAGMENT_REF.sub(sub, pattern)


def _scoped(pattern: str) -> str:
    """Turn a leading global flag "(?i)..." into a scoped one."""
    m = _LEADING_FLAGS.match(pattern)
    return f"(?{m.group(1)}:{pattern[m.end():]})" if m else pattern


def _compile(pattern: str, source: str, flags: int = 0) -> regex.Pattern:
    try:
        compiled = regex.compile(pattern, regex.V0 | flags)
    except regex.error as exc:
        raise RuleError(f"{source}: bad pattern: {exc}") from None
    # A user's rule matches on the document's clock (a regex that never ends is an error for that document).
    return timed(compiled, source)


@dataclass
class Context:
    """Words before or after a candidate that retype it."""

    before: regex.Pattern | None
    after: regex.Pattern | None
    extend: bool = False
    unit: str | None = None
    unscaled_only: bool = False
    unless_after: regex.Pattern | None = None
    figure: regex.Pattern | None = None


@dataclass
class QuantityRule:
    id: str
    kind: str
    order: int
    description: str = ""
    examples: list[dict] = field(default_factory=list)
    patterns: list[regex.Pattern] = field(default_factory=list)
    # Per pattern: does a named group sit in a look-behind (so the span must be widened)?
    wide: list[bool] = field(default_factory=list)
    refines: str | None = None
    contexts: list[Context] = field(default_factory=list)
    subject_after: regex.Pattern | None = None
    subject_before: regex.Pattern | None = None
    unit_after: regex.Pattern | None = None
    source: str = ""


@dataclass
class Recogniser:
    rules: list[QuantityRule]
    qualifier: regex.Pattern
    qualifiers: dict[str, str]

    scanners: list[QuantityRule] = field(default_factory=list)
    # kind -> the rules that refine it, in file order (looked up for every candidate)
    refining: dict[str, list[QuantityRule]] = field(default_factory=dict)
    # Told ("pattern" or "context", rule id, index) of each kept candidate when the rule examples measure
    # their coverage (`extractor.linter.coverage`); None, the cached recogniser's value, costs one test a candidate.
    record: Callable[[str, str, int], None] | None = None

    def __post_init__(self):
        self.scanners = [r for r in self.rules if r.patterns]
        for r in self.rules:
            if r.refines:
                self.refining.setdefault(r.refines, []).append(r)

    def refiners(self, kind: str) -> list[QuantityRule]:
        return self.refining.get(kind, [])


def build_recogniser(rules: list[dict]) -> Recogniser:
    fragment_rule = next((r for r in rules if r["id"] == "fragments"), {})
    frags = _fragments(fragment_rule)
    compiled: list[QuantityRule] = []
    for raw in rules:
        if "patterns" not in raw and "contexts" not in raw:
            continue
        source = raw.get("_file", raw["id"])
        if raw.get("kind") not in KINDS:
            raise RuleError(f"{source}: rule {raw['id']!r} has no valid kind")
        if raw.get("refines") and raw["refines"] not in KINDS:
            raise RuleError(f"{source}: rule {raw['id']!r} refines unknown kind {raw['refines']!r}")
        rule = QuantityRule(
            id=raw["id"],
            kind=raw["kind"],
            order=len(compiled),
            description=raw.get("description", ""),
            examples=raw.get("examples", []),
            refines=raw.get("refines"),
            source=source,
        )
        for n, pattern in enumerate(raw.get("patterns", [])):
            rule.patterns.append(_compile(_scoped(expand(pattern, frags, source)), f"{source} pattern {n + 1}"))
            rule.wide.append(bool(regex.search(r"\(\?<=.*\(\?P<", pattern)))
        for n, ctx in enumerate(raw.get("contexts", [])):
            where = f"{source} context {n + 1}"
            if not ctx.get("before") and not ctx.get("after"):
                raise RuleError(f"{where}: a context needs 'before' or 'after'")
            rule.contexts.append(
                Context(
                    # Words leading up to a figure are matched backwards from it: anchored at the
                    # figure, the engine need not try every start in the window.
                    before=_compile(expand(ctx["before"], frags, source), where, regex.REVERSE) if ctx.get("before") else None,
                    after=_compile(expand(ctx["after"], frags, source), where) if ctx.get("after") else None,
                    extend=bool(ctx.get("extend")),
                    unit=ctx.get("unit"),
                    unscaled_only=bool(ctx.get("unscaled_only")),
                    figure=_compile(ctx["figure"], where) if ctx.get("figure") else None,
                    unless_after=_compile(expand(ctx["unless_after"], frags, source), where) if ctx.get("unless_after") else None,
                )
            )
        for key in ("subject_after", "subject_before", "unit_after"):
            if raw.get(key):
                setattr(rule, key, _compile(expand(raw[key], frags, source), f"{source} {key}"))
        compiled.append(rule)
    qualifiers = {str(k).lower(): v for k, v in lexicon()["qualifiers"].items()}
    qualifier = regex.compile(
        r"(?i)\b(?P<qual>" + _alternation(qualifiers, cased=False)
        + r")\s+(?:(?:of|to|by|an?\s+(?:aggregate|total)\s+of|a\s+total\s+of|an\s+additional)\s+)?\$?$"
    )
    return Recogniser(compiled, qualifier, qualifiers)


@lru_cache(maxsize=8)
def recogniser(extra_dirs: tuple[str, ...] = ()) -> Recogniser:
    return build_recogniser(load("quantities", extra_dirs))


# ---------------------------------------------------------------- reading one match


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


def _currency(g: dict) -> str | None:
    lex = lexicon()
    if g.get("cur"):
        symbols = lex["currency_symbols"]
        return symbols.get(g["cur"]) or symbols.get(g["cur"].replace(" ", ""))
    if g.get("code"):
        code = g["code"].upper()
        return "CNY" if code == "RMB" else code
    if g.get("curword"):
        return lex["currency_words"].get(g["curword"].lower())
    return None


def _significant_interval(value: Decimal, low: Decimal, high: Decimal) -> tuple[Decimal, Decimal]:
    """ "approximately 8,000,000": rounded at its last significant digit, not to the unit."""
    digits = value.normalize().as_tuple()
    if value == 0 or digits.exponent <= 0:
        return low, high
    half = Decimal(5).scaleb(digits.exponent - 1)
    return min(low, value - half), max(high, value + half)


@dataclass
class Candidate:
    """A span a pattern matched, its rule, and the named groups it (and any context) captured."""

    start: int
    end: int
    rule: QuantityRule
    match: regex.Match
    kind: str = ""
    extra: dict | None = None
    unit: str | None = None
    refined_by: QuantityRule | None = None
    pattern: int = 0  # which of its rule's patterns matched

    @property
    def groups(self) -> dict:
        groups = {k: v for k, v in self.match.groupdict().items() if v is not None}
        if self.extra:
            groups.update(self.extra)
        return groups


def _candidates(text: str, rec: Recogniser) -> list[Candidate]:
    found: list[Candidate] = []
    for rule in rec.scanners:
        for n, (pattern, wide) in enumerate(zip(rule.patterns, rule.wide)):
            has_span = "span" in pattern.groupindex
            for m in pattern.finditer(text):
                start, end = m.span()
                if start == end:
                    continue
                if has_span and m.start("span") >= 0:
                    start, end = m.span("span")
                elif wide:
                    # Named groups belong to the mention, even inside a look-behind.
                    for name in pattern.groupindex:
                        s, e = m.span(name)
                        if s >= 0:
                            start, end = min(start, s), max(end, e)
                found.append(Candidate(start, end, rule, m, rule.kind, pattern=n))
    # Leftmost first; at one start the earlier rule, then the longer span.
    found.sort(key=lambda c: (c.start, c.rule.order, -c.end))
    kept: list[Candidate] = []
    reach = -1
    for c in found:
        if c.start >= reach:
            kept.append(c)
            reach = c.end
            if rec.record is not None:
                rec.record("pattern", c.rule.id, c.pattern)
    return kept


def _refine(c: Candidate, text: str, rec: Recogniser) -> None:
    """Retype a candidate by the first refining rule whose context matches around it.

    Contexts that read the words right after the figure ("%", "shares", "per
    share") are tried before those that read the words leading to it: what is
    glued to a number says more about it than what precedes it.
    """
    for side in ("after", "before"):
        for rule in rec.refiners(c.kind):
            for n, ctx in enumerate(rule.contexts):
                if (ctx.after is not None) != (side == "after"):
                    continue
                if ctx.unscaled_only and "scale" in c.match.re.groupindex and c.match.group("scale"):
                    continue
                if ctx.figure is not None and not ctx.figure.fullmatch(c.groups.get("num") or ""):
                    continue
                if ctx.after is not None:
                    m = ctx.after.match(text, c.end, min(len(text), c.end + 120))
                else:
                    m = ctx.before.search(text, max(0, c.start - 160), c.start)
                    if m and ctx.unless_after is not None and ctx.unless_after.match(text, c.end, min(len(text), c.end + 40)):
                        m = None
                if m is None:
                    continue
                if rec.record is not None:
                    rec.record("context", rule.id, n)
                c.extra = {**(c.extra or {}), **{k: v for k, v in m.groupdict().items() if v is not None}}
                if ctx.extend and ctx.after is not None:
                    c.end = m.end()
                c.kind, c.unit, c.refined_by = rule.kind, ctx.unit, rule
                _refine(c, text, rec)  # a refined kind may be refined again
                return


def read_candidate(c: Candidate, text: str, rec: Recogniser) -> Found | None:
    g = c.groups
    kind, start, end = c.kind, c.start, c.end
    if kind == "date":
        reading = dates.interpret(g)
        return Found("date", start, end, reading.value, reading.low, reading.high, date=reading)

    unit = currency = scale = subject = None
    if kind == "ratio" and "num" not in g and "words" not in g:
        if g.get("ra") or g.get("rwa"):
            a = numbers.read_text(g.get("ra") or g["rwa"]).value
            b = numbers.read_text(g.get("rb") or g["rwb"]).value
            if b == 0:
                return None
            value = numbers.quantize(Fraction(a) / Fraction(b))
        elif g.get("mult"):
            value = Decimal(str(lexicon()["multiples"][g["mult"].lower()]))
        else:
            value = numbers.quantize(Fraction(str(lexicon()["fractions"][g["frac"].lower()])))
        return Found("ratio", start, end, dec_str(value), dec_str(value), dec_str(value), unit="x")

    figure = g.get("num") or g.get("words")
    if figure is None:
        return None
    scale_word = g.get("scale")
    reading = numbers.read_text(figure, scale_word, exact_whole=kind in ("money", "price", "shares", "number"))
    value, low, high = reading.value, reading.low, reading.high
    if g.get("sign") in ("-", "−") or g.get("paren"):
        value, low, high = -value, -high, -low
    if scale_word:
        scale = scale_word.lower()
    if kind in ("money", "price"):
        currency = _currency(g)
        if kind == "price":
            unit = _singular(_unit_noun(g["pernoun"])) if g.get("pernoun") else "share"
    elif kind == "shares":
        unit = _unit_noun(g.get("noun"))
        subject = _subject(c, g, text)
    elif kind == "percent":
        unit = c.unit or "%"
    elif kind == "ratio":
        unit = "x"
    elif kind == "number" and c.rule.unit_after:
        um = c.rule.unit_after.match(text, end, min(len(text), end + 40))
        unit = um.group("unit").lower() if um else None
    qualifier = _qualifier(rec, text, start)
    if qualifier and rec.qualifiers.get(qualifier) == "around":
        low, high = _significant_interval(value, low, high)
    return Found(kind, start, end, dec_str(value), dec_str(low), dec_str(high), unit, currency, scale, qualifier, subject)


def _unit_noun(noun: str | None) -> str | None:
    if not noun:
        return None
    n = " ".join(noun.lower().split())
    if "depositary" in n or n.startswith("ads"):
        return "ADSs"
    if n in ("common stock", "preferred stock", "ordinary shares", "share", "shares", "common share", "preferred share"):
        return "shares"
    if n in ("restricted stock units", "rsus"):
        return "RSUs"
    if n == "stock options":
        return "options"
    return n if n.endswith("s") else n + "s"


def _singular(noun: str | None) -> str | None:
    return noun[:-1] if noun and noun.endswith("s") and noun != "ADSs" else ("ADS" if noun == "ADSs" else noun)


def _subject(c: Candidate, g: dict, text: str) -> str | None:
    rule = c.refined_by or c.rule
    if rule.subject_after:
        after = rule.subject_after.match(text, c.end, min(len(text), c.end + 400))
        if after is None and g.get("noun"):
            noun_end = text.find(g["noun"], c.end) + len(g["noun"])
            after = rule.subject_after.match(text, noun_end, min(len(text), noun_end + 160))
        if after:
            return " ".join(after.group("subject").split())
    if rule.subject_before and g.get("noun"):
        between = text[c.end : text.find(g["noun"], c.end)].strip()
        before = rule.subject_before.search(between) if between else None
        if before:
            return " ".join(before.group("subject").split())
    return None


def _qualifier(rec: Recogniser, text: str, start: int) -> str | None:
    window_start = max(0, start - 40)
    m = rec.qualifier.search(text, window_start, start)
    return m.group("qual").lower() if m else None


# ---------------------------------------------------------------- table cells

_PER_SHARE_ROW = regex.compile(r"(?i)\bper\b[^|]{0,30}\b(?:share|unit|ADS)|\bEPS\b|earnings\s+per|\bdividends?\s+(?:declared|paid)?\s*per")
_SHARES_ROW = regex.compile(r"(?i)\b(?:shares|share\s+count|units\s+outstanding|ADSs)\b")
_PERCENT_LABEL = regex.compile(r"(?i)%|\bpercent|\bmargin\b|\bratio\b|\byield\b|\brate\b|\breturn\s+on\b")


@lru_cache(maxsize=4096)
def _label_kinds(label: str) -> tuple[bool, bool, bool, bool]:
    """(per-share, shares, percent, money sign) of a row label or column header, read once per label: a row's
    cells share it, and reading a long label again for every cell was quadratic in the row."""
    return (bool(_PER_SHARE_ROW.search(label)), bool(_SHARES_ROW.search(label)), bool(_PERCENT_LABEL.search(label)),
            "$" in label)


def read_cell(cell: Cell, table: TableRegion, rec: Recogniser, text: str) -> Found | None:
    """A table figure is a rounded amount (tables round each line to the unit shown), so it gets
    the half-unit interval of its last digit even when it is a whole number."""
    try:
        value, places = numbers.parse_digits(cell.text.rstrip("% "))
    except numbers.NumberError:
        return None
    label = cell.row_label or ""
    header = cell.column_header or ""
    info = TableCell(table=table.index, row=cell.row, column=cell.column, row_label=cell.row_label, column_header=cell.column_header)
    if cell.points:
        reading = numbers.read(value, places)
        return Found("percent", cell.start, cell.end, dec_str(reading.value), dec_str(reading.low), dec_str(reading.high), unit=cell.points, cell=info)
    per_share, shares, percent, dollar = _label_kinds(label)
    if cell.percent or ("%" in header and not cell.currency) or (percent and not cell.currency and not shares and not dollar):
        reading = numbers.read(value, places)
        return Found("percent", cell.start, cell.end, dec_str(reading.value), dec_str(reading.low), dec_str(reading.high), unit="%", cell=info)
    if per_share or _label_kinds(header)[0]:
        reading = numbers.read(value, places)
        return Found("price", cell.start, cell.end, dec_str(reading.value), dec_str(reading.low), dec_str(reading.high), unit="share", currency="USD", cell=info)
    multiplier = table.scale or Decimal(1)
    scale_name = table.unit_note if table.scale else None
    if shares and not cell.currency:
        if table.scale_applies_to != "all":
            multiplier, scale_name = Decimal(1), None
        reading = numbers.read(value, places, multiplier)
        return Found("shares", cell.start, cell.end, dec_str(reading.value), dec_str(reading.low), dec_str(reading.high), unit="shares", scale=scale_name, cell=info)
    money_columns = table.money_columns
    # Where some columns print a currency sign, the others are not money (days, rates, counts).
    if cell.currency or cell.column in money_columns or (table.scale and not money_columns):
        reading = numbers.read(value, places, multiplier)
        return Found("money", cell.start, cell.end, dec_str(reading.value), dec_str(reading.low), dec_str(reading.high), currency="USD", scale=scale_name, cell=info)
    reading = numbers.read(value, places)
    return Found("number", cell.start, cell.end, dec_str(reading.value), dec_str(reading.low), dec_str(reading.high), cell=info)


# ---------------------------------------------------------------- the document's quantities


def find_quantities(text: str, tables: list[TableRegion], rec: Recogniser) -> list[Found]:
    found: list[Found] = []
    cell_spans = sorted((c.start, c.end) for t in tables for c in t.cells)
    cell_starts = [s for s, _ in cell_spans]
    for c in _candidates(text, rec):
        if c.kind == "ignore":
            continue
        if cell_spans:
            i = bisect.bisect_right(cell_starts, c.end) - 1
            if i >= 0 and cell_spans[i][1] > c.start:
                continue  # a table cell: read below with its row and column
        _refine(c, text, rec)
        try:
            item = read_candidate(c, text, rec)
        except (numbers.NumberError, ValueError, KeyError, ArithmeticError):
            item = None
        if item is not None:
            found.append(item)
    for table in tables:
        for cell in table.cells:
            item = read_cell(cell, table, rec, text)
            if item is not None:
                found.append(item)
    found.sort(key=lambda f: (f.start, f.end))
    return found


def to_mentions(found: list[Found], sentence_starts: list[int], text: str) -> list[Mention]:
    return [_mention(n, f, sentence_starts, text) for n, f in enumerate(found)]


_FIELDS = tuple(Mention.model_fields)


def _mention(n: int, f: Found, sentence_starts: list[int], text: str) -> Mention:
    """A mention from our own reading, made the way `model_construct` makes one (what pydantic's validation
    would check, the types already guarantee) without its per-field and private-default work, which was a
    tenth of the whole analysis. It carries what later stages would otherwise read again from the text:
    a date's parts, a figure's printing."""
    m = Mention.__new__(Mention)
    fields = {
        "id": n, "kind": f.kind, "text": text[f.start : f.end], "start": f.start, "end": f.end,
        "sentence": sentence_index(sentence_starts, f.start), "value": f.value, "low": f.low, "high": f.high,
        "unit": f.unit, "currency": f.currency, "scale": f.scale, "qualifier": f.qualifier, "subject": f.subject,
        "cell": f.cell,
    }
    if f.date is not None:
        carried = {"_printed": None, "_date": f.date}
    else:
        carried = {"_printed": numbers.printed_form(fields["text"], f.value, f.kind) or False, "_date": None}
    object.__setattr__(m, "__dict__", fields)
    object.__setattr__(m, "__pydantic_fields_set__", set(_FIELDS))
    object.__setattr__(m, "__pydantic_extra__", None)
    object.__setattr__(m, "__pydantic_private__", carried)
    return m


def read_quantities(doc: Document, rec: Recogniser) -> list[Mention]:
    """The document's mentions, in text order."""
    return to_mentions(find_quantities(doc.text, doc.tables, rec), doc.sentence_starts, doc.text)

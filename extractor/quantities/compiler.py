"""Compiling `rules/quantities/*.yaml` into a `Recogniser`: fragments expanded, patterns and contexts compiled."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Callable, Iterable

import regex

from .numbers import DIGITS
from ..models import KINDS as MENTION_KINDS
from ..rules import RuleError, lexicon, load, timed
from ..rules.prefilter import required_words
from ..rules.prescan import Prescan

KINDS = ("ignore",) + MENTION_KINDS
_FRAGMENT_REF = regex.compile(r"\{([A-Z][A-Z0-9_]*)\}")
_LEADING_FLAGS = regex.compile(r"^\(\?([aiLmsux]+)\)")
_PREFILTER_WORDS = 4  # the longest list of required words worth testing before a scan
_INLINE_FLAGS = regex.compile(r"\(\?[a-zA-Z^-]+[:)]")  # "(?i:", "(?i)", "(?-i:": not "(?P<", "(?:", "(?<="


def _words(words: tuple[str, ...]) -> tuple[str, ...]:
    """Required words worth a substring test: a long list is as slow as the regex it would spare."""
    return words if len(words) <= _PREFILTER_WORDS else ()


def _alternation(words: Iterable[str], cased: bool = True, trie: bool = False) -> str:
    """Longest first ("US$" before "$"); each word as printed, Title-cased and in CAPITALS.

    Spelling the cases out keeps the patterns case-sensitive, which the regex
    engine scans far faster than an ignore-case alternation.
    """
    forms = set()
    for w in (str(w) for w in words):
        forms.add(w)
        if cased and w[:1].isalpha():
            forms.update((w.capitalize(), w.upper(), w.lower()))
    if trie:
        return _trie(forms)
    return "|".join(regex.escape(w) for w in sorted(forms, key=lambda w: (-len(w), w)))


def _trie(forms: set[str]) -> str:
    """The same words as one prefix tree ("E(?:IGHT(?:EEN|Y)?|LEVEN)|..."), which the engine scans about twice as
    fast as a flat alternation. Matched case-sensitively and forwards it prefers the same word: at each node a
    longer word is tried before the word that ends there, and sibling letters exclude each other, so the words
    that fit are tried longest first, as in the flat list. Under an ignore-case flag siblings ("a", "A") no
    longer exclude each other, and a look-behind reads backwards, where a group it captures could take another
    word ("half" for "one half"): patterns with either keep the flat list (a negative look-behind captures
    nothing, and only whether it holds, the same for both lists, counts)."""
    root: dict = {}
    for w in forms:
        node = root
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict) -> str:
        alts = [regex.escape(ch) + emit(sub) for ch, sub in sorted(node.items()) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if "" in node else body

    return emit(root)


def _fragments(fragment_rule: dict, trie: bool = False) -> dict[str, str]:
    lex = lexicon()
    frags = {
        "SCALE": _alternation(lex["scales"], cased=False, trie=trie),
        "CURRENCY_SYMBOL": _alternation(lex["currency_symbols"], cased=False, trie=trie),
        # The prefixes made of letters ("RM", "Rs", "NIS"), read only at the start of a word, and the signs.
        "CURRENCY_PREFIX": _alternation([s for s in lex["currency_symbols"] if s[:1].isalpha()], cased=False, trie=trie),
        "CURRENCY_SIGN": _alternation([s for s in lex["currency_symbols"] if not s[:1].isalpha()], cased=False, trie=trie),
        "CURRENCY_CODE": _alternation(lex["currency_codes"], cased=False, trie=trie),
        "CURRENCY_WORD": _alternation(lex["currency_words"], trie=trie),
        "QUALIFIER": _alternation(lex["qualifiers"], trie=trie),
        "MONTH": _alternation(lex["months"], trie=trie),
        "NUMBER_WORD": _alternation((k for k in lex["number_words"] if k not in ("a", "an")), trie=trie),
        "FRACTION": _alternation(lex["fractions"], trie=trie),
        "MULTIPLE": _alternation(lex["multiples"], trie=trie),
        "ORDINAL_QUARTER": _alternation(lex["ordinal_quarters"], trie=trie),
        "WEEKDAY": _alternation(lex["weekdays"], trie=trie),
        "CURRENCY_SUBUNIT": _alternation(lex.get("currency_subunits", {}), trie=trie),
        # The number parser's own grammar of digits: the rules and the parser cannot disagree on a figure.
        "DIGIT_GRAMMAR": DIGITS,
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
    # the words (lower case) a match spans one of, read from the pattern: a window (the 160 characters before
    # the figure, or the 120 after it) holding none of them is not searched
    requires: tuple[str, ...] = ()


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
    # Per pattern, the words (lower case) it cannot match without: a text that holds none of them is not
    # scanned (most releases name no fraction, no CUSIP, no "doubled"). Each word is a substring test over
    # the whole text, so a long list (the months, street names) costs what the scan it may spare costs: only
    # short lists are kept, () for the others.
    requires: list[tuple[str, ...]] = field(default_factory=list)
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
    # Which scanner patterns (numbered across the scanners, in order) can match a text: one pass for all.
    prescan: Prescan | None = None
    # the last words of the qualifiers and of the links after them (`interpret._qualifier` reads no further
    # when the word before a figure is none of them)
    qualifier_ends: dict[str, tuple[str, ...]] = field(default_factory=dict)  # by their last character
    _contexts: dict[str, list] = field(default_factory=dict, repr=False)

    def __post_init__(self):
        self.scanners = [r for r in self.rules if r.patterns]
        self.prescan = Prescan([p for r in self.scanners for p in r.patterns], gates=True)
        for r in self.rules:
            if r.refines:
                self.refining.setdefault(r.refines, []).append(r)

    def refiners(self, kind: str) -> list[QuantityRule]:
        return self.refining.get(kind, [])

    def contexts(self, kind: str) -> list[tuple[QuantityRule, int, Context]]:
        """The contexts that may retype a candidate of `kind`, in the order they are tried: those reading the
        words after the figure, then those reading the words before it, each side in file order."""
        if kind not in self._contexts:
            rules = self.refiners(kind)
            self._contexts[kind] = [(r, n, ctx) for after in (True, False) for r in rules
                                    for n, ctx in enumerate(r.contexts) if (ctx.after is not None) == after]
        return self._contexts[kind]


def build_recogniser(rules: list[dict]) -> Recogniser:
    fragment_rule = next((r for r in rules if r["id"] == "fragments"), {})
    frags = _fragments(fragment_rule)
    # Scanned forwards over every text: the word lists as prefix trees, where they cannot change a match.
    trees = _fragments(fragment_rule, trie=True)
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
            expanded = _scoped(expand(pattern, frags, source))
            if not _INLINE_FLAGS.search(expanded) and "(?<=" not in expanded:
                expanded = expand(pattern, trees, source)
            rule.patterns.append(_compile(expanded, f"{source} pattern {n + 1}"))
            rule.requires.append(_words(required_words(expanded)))
            rule.wide.append(bool(regex.search(r"\(\?<=.*\(\?P<", pattern)))
        for n, ctx in enumerate(raw.get("contexts", [])):
            rule.contexts.append(_context(ctx, frags, source, f"{source} context {n + 1}"))
        for key in ("subject_after", "subject_before", "unit_after"):
            if raw.get(key):
                setattr(rule, key, _compile(expand(raw[key], frags, source), f"{source} {key}"))
        compiled.append(rule)
    qualifiers = {str(k).lower(): v for k, v in lexicon()["qualifiers"].items()}
    qualifier = regex.compile(
        r"(?i)\b(?P<qual>" + _alternation(qualifiers, cased=False)
        # glued to the figure after an abbreviation or a hyphen: "c.14%", "sub-90%"
        + r")(?:\s+|(?<=\.)|-)(?:(?:" + "|".join(_QUALIFIER_LINKS) + r")\s+)?\$?$"
    )
    # the word that ends a qualifier or its link ("than", "to", "of"): the only words `qualifier` can match before
    ends = frozenset(k.split()[-1] for k in qualifiers) | {link.rpartition("\\s+")[2] for link in _QUALIFIER_LINKS}
    by_last: dict[str, tuple[str, ...]] = {}
    for end in sorted(ends):
        by_last[end[-1]] = (*by_last.get(end[-1], ()), end)
    return Recogniser(compiled, qualifier, qualifiers, qualifier_ends=by_last)


def _context(ctx: dict, frags: dict, source: str, where: str) -> Context:
    if not ctx.get("before") and not ctx.get("after"):
        raise RuleError(f"{where}: a context needs 'before' or 'after'")
    before = expand(ctx["before"], frags, source) if ctx.get("before") else None
    after = expand(ctx["after"], frags, source) if ctx.get("after") else None
    return Context(
        # Words leading up to a figure are matched backwards from it: anchored at the
        # figure, the engine need not try every start in the window.
        before=_compile(before, where, regex.REVERSE) if before else None,
        after=_compile(after, where) if after else None,
        extend=bool(ctx.get("extend")),
        unit=ctx.get("unit"),
        unscaled_only=bool(ctx.get("unscaled_only")),
        figure=_compile(ctx["figure"], where) if ctx.get("figure") else None,
        unless_after=_compile(expand(ctx["unless_after"], frags, source), where) if ctx.get("unless_after") else None,
        # (the words of the side refine reads: after the figure when a context has both)
        requires=_words(required_words(after if after else before, lookarounds=False)),
    )


# what may stand between a qualifier and its figure ("up to an aggregate of $5 million")
_QUALIFIER_LINKS = ("of", "to", "by", r"an?\s+(?:aggregate|total)\s+of", r"a\s+total\s+of", r"an\s+additional")


@lru_cache(maxsize=8)
def recogniser(extra_dirs: tuple[str, ...] = ()) -> Recogniser:
    return build_recogniser(load("quantities", extra_dirs))

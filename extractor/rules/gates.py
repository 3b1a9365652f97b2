"""Gates: where a rule pattern can start in a release, so that it is tried only there.

The regex engine tries a pattern at every character of a release, about 7 ns a character where it fails at
once and 30 for a long word list (the spelled numbers'); a release of 7,000 characters pays that for each
pattern that may match it at all. Many patterns can only start at a few places, and say so in their opening:

- *leading words*: every match starts with one of a few words ("one", "Two", "THREE", "http", "Form"), read
  from the pattern's parse (`prefilter.leading_strings`); the gate reports where each starts;
- *a look-behind that names words*: every match starts right after a match of the look-behind it opens with
  ("(?<=January )\\d{1,2}", "(?<=\\bForm\\s)\\d"); the gate is that look-behind, its own look-arounds dropped
  (which only widens it), and reports where each match of it ends.

A gate is compiled exactly (not in prefilter mode) into one Hyperscan database the prescan scans with the
text's ASCII copy (`prescan.Prescan.scan`), and only where its strings are rare in prose (`_worth`: three
characters or more, or a sign like "$" or "€"): a gate on "(" or on a letter would open nearly everywhere. The pattern is then
matched at the gate's places only, as finditer goes (`matches`): the same matches, found sooner.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from . import hsdb
from .patterntext import ZERO_WIDTH, class_end, group_end, top_items
from .prefilter import leading_strings, required_words

try:
    import hyperscan
except ImportError:  # pragma: no cover - platforms without a wheel
    hyperscan = None


@dataclass(frozen=True)
class Gate:
    words: tuple[str, ...]  # leading words (the pattern starts where one starts), or
    behind: str  # a look-behind's body, look-arounds dropped (the pattern starts where a match of it ends)
    caseless: bool

    @property
    def at_start(self) -> bool:
        return bool(self.words)

    def source(self, codes: dict[str, str]) -> str:
        """The gate as a Hyperscan pattern over the prescan's copy, where a named character is its code."""
        if self.words:
            coded = ("".join(codes.get(c, c) for c in w) for w in self.words)
            return "|".join("".join(c if c.isalnum() and c.isascii() else f"\\x{ord(c):02x}" for c in w) for w in coded)
        return self.behind.translate({ord(c): code for c, code in codes.items()})


def gate(pattern: str, flags: int) -> Gate | None:
    """The pattern's gate, or None when it has none worth its cost."""
    caseless = bool(flags & regex.I)
    words = leading_strings(pattern, flags)
    if words and all(_worth(w) for w in words):
        return Gate(tuple(sorted(words)), "", caseless)
    behind = _opening_look_behind(pattern)
    if behind is not None:
        needed = required_words(behind, lookarounds=False)
        plain = _without_look_arounds(behind)
        if needed and all(_worth(w) for w in needed) and plain:
            return Gate((), plain, caseless)
    return None


def matches(pattern: regex.Pattern, text: str, starts: list[int]):
    """What `pattern.finditer(text)` finds, tried only at `starts` (in order), where every match must begin:
    the first match at or after the end of the last, as finditer goes (a gated pattern never matches empty)."""
    reach = 0
    for at in starts:
        if at < reach:
            continue
        m = pattern.match(text, at)
        if m is not None and m.end() > at:
            reach = m.end()
            yield m


def database(gates: dict[int, tuple[str, Gate]]):
    """The gates (id -> (source as the copy codes it, gate)) in one exact database, cached like the prescan's;
    (database, the ids it holds). A gate Hyperscan refuses (one that can match empty, a character it cannot
    read) is left out: its pattern scans as before."""
    if not gates or hyperscan is None:
        return None, frozenset()
    size = max(gates) + 1
    expressions, flags = [None] * size, [0] * size
    for i, (source, g) in gates.items():
        # a look-behind's "." reads a line break too: wider, never narrower, than the pattern's own
        expressions[i] = source
        flags[i] = (hyperscan.HS_FLAG_SOM_LEFTMOST if g.at_start else hyperscan.HS_FLAG_DOTALL) \
            | (hyperscan.HS_FLAG_CASELESS if g.caseless else 0)
    db, ids = hsdb.database(expressions, flags, "gates")
    return (db, ids) if ids else (None, frozenset())


# the characters prose prints everywhere: a gate on one of them alone would open at nearly every sentence
_EVERYWHERE = frozenset(".,;:!?()[]{}'\"-–—/&*_“”‘’ \t\n")


def _worth(word: str) -> bool:
    """A string selective enough to gate on: three characters or more; two, one of which is no lower-case
    letter, digit or prose punctuation ("RM", "A$", "Q1"); or one such sign ("$", "€", "@")."""
    if len(word) >= 3:
        return True
    rare = [c for c in word if not (c.islower() or c.isdigit() or c in _EVERYWHERE)]
    return bool(rare) and (len(word) == 2 or not rare[0].isalnum())


def _opening_look_behind(pattern: str) -> str | None:
    """The body of the positive look-behind the pattern opens with (after other zero-width items), if any."""
    items = top_items(pattern)
    if not items or "|" in items:
        return None
    for item in items:
        if item.startswith("(?<=") and item.endswith(")"):
            return item[4:-1]
        if not item.startswith(ZERO_WIDTH):
            return None
    return None


_NAMED = regex.compile(r"\(\?P<\w+>")


def _without_look_arounds(pattern: str) -> str | None:
    """The pattern with every look-around and anchor dropped (Hyperscan's `^` is the text's start alone), its
    groups unnamed and its possessive and atomic repeats made plain: each only widens what it matches. None
    with a back reference, which Hyperscan cannot follow."""
    if "(?P=" in pattern:
        return None
    out, i, n = [], 0, len(pattern)
    while i < n:
        ch = pattern[i]
        if ch == "\\":
            if pattern[i + 1:i + 2] not in ("A", "Z", "z", "G"):
                out.append(pattern[i:i + 2])
            i += 2
        elif ch in "^$":
            i += 1
        elif ch == "[":
            end = class_end(pattern, i)
            out.append(pattern[i:end])
            i = end
        elif pattern.startswith(("(?=", "(?!", "(?<=", "(?<!"), i):
            end = group_end(pattern, i)
            if end is None:
                return None  # brackets that do not close: no gate
            i = end
        elif pattern.startswith("(?>", i):
            out.append("(?:")
            i += 3
        elif ch in "*+?}" and pattern[i + 1:i + 2] == "+":
            out.append(ch)  # possessive: the plain repeat matches all it does, and more
            i += 2
        else:
            named = _NAMED.match(pattern, i)
            out.append("(?:" if named else ch)
            i = named.end() if named else i + 1
    return "".join(out)

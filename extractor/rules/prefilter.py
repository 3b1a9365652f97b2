"""The words a rule pattern (a fact's or a quantity's) cannot match without, read from the pattern itself.

Most releases hold no conversion, no premium, no split: a pattern whose required words are all absent is
skipped with a plain substring test, far cheaper than a regex scan. The words are derived from the expanded
regex (its parse tree), so they cannot drift from the pattern the way a hand-kept list did: a sequence needs
every part, an alternation one of its branches, a repeat of at least one its body, a look-around that must hold
its words; optional parts and negative look-arounds need nothing.
"""

from __future__ import annotations

import re
import re._parser as sre_parse
from functools import lru_cache  # the standard parser: the patterns use no syntax of `regex` it lacks
from re._constants import (
    ASSERT,
    ASSERT_NOT,
    AT,
    ATOMIC_GROUP,
    BRANCH,
    IN,
    LITERAL,
    MAX_REPEAT,
    MIN_REPEAT,
    POSSESSIVE_REPEAT,
    RANGE,
    SUBPATTERN,
)

_NAMED = re.compile(r"\(\?P<\w+>")  # a slot repeated in a pattern repeats a group name, which `re` refuses
_BACKREF = re.compile(r"\(\?P=\w+\)")  # (and a reference to a named group, then unnamed, needs no words of its own)
_MARKS = frozenset("⟨⟩¶")  # every encoded release has placeholders and sentence marks


@lru_cache(maxsize=1024)  # a mechanism derives its words from its compiled patterns for each release
def required_words(expanded: str, lookarounds: bool = True) -> tuple[str, ...]:
    """Lower-case words of which every match of `expanded` holds one; () when none can be named.

    `lookarounds=False` names only words the match itself spans (a look-behind may read before the window a
    pattern is searched in)."""
    try:
        parsed = sre_parse.parse(_BACKREF.sub("(?:)", _NAMED.sub("(?:", expanded)), re.IGNORECASE)
    except (re.error, RecursionError, OverflowError):
        return ()
    return tuple(sorted(_sequence(list(parsed), lookarounds) or ()))


def _useful(word: str) -> bool:
    return not _MARKS & set(word) and (len(word) >= 3 or not any(c.isalnum() or c.isspace() for c in word))


def _best(options: list[frozenset | None]) -> frozenset | None:
    """The most selective requirement of a sequence (any one of them must hold): the longest shortest word."""
    options = [o for o in options if o]
    return max(options, key=lambda words: (min(map(len, words)), -len(words))) if options else None


def _sequence(items, lookarounds: bool = True) -> frozenset | None:
    options: list[frozenset | None] = []
    run: list[str] = []

    def end_run() -> None:
        word = "".join(run).strip()
        if word and _useful(word):
            options.append(frozenset([word]))
        run.clear()

    for op, av in items:
        if op == LITERAL:
            run.append(chr(av).lower())
            continue
        end_run()
        if op == SUBPATTERN:
            options.append(_sequence(av[-1], lookarounds))
        elif op == ATOMIC_GROUP:
            options.append(_sequence(av, lookarounds))
        elif op == BRANCH:
            branches = [_sequence(b, lookarounds) for b in av[1]]
            options.append(frozenset().union(*branches) if all(branches) else None)
        elif op in (MAX_REPEAT, MIN_REPEAT, POSSESSIVE_REPEAT) and av[0] >= 1:
            options.append(_sequence(av[2], lookarounds))
        elif op == ASSERT and lookarounds:  # a look-ahead or look-behind that must hold: its words are in the text
            options.append(_sequence(av[1], lookarounds))
    end_run()
    return _best(options)


_MOST_LEADS = 512  # more leading strings than this say too little to be worth a gate


def leading_strings(expanded: str, flags: int = 0) -> frozenset[str]:
    """The strings (as printed: case counts unless `flags` ignore it) one of which every match of `expanded`
    starts with, after the zero-width items it opens with; empty when none can be named.

    A pattern that can only start at one of a few words ("one", "Two", "THREE") is then tried only where
    they are, instead of at every character of a release (`prescan.Prescan.starts`)."""
    try:
        parsed = sre_parse.parse(_BACKREF.sub("(?:)", _NAMED.sub("(?:", expanded)), flags & re.IGNORECASE)
    except (re.error, RecursionError, OverflowError):
        return frozenset()
    leads = _leads(list(parsed))
    return frozenset(leads) if "" not in leads else frozenset()


def _leads(items) -> set[str]:
    """Prefixes one of which every match of the sequence starts with ({""}: none known)."""
    leads = {""}
    for op, av in items:
        if op in (AT, ASSERT, ASSERT_NOT):
            if leads == {""}:
                continue  # opening zero-width items: the match still starts with what follows
            break
        whole = _finite(op, av)
        part = whole if whole is not None else _opening(op, av)
        longer = {a + b for a in leads for b in part}
        if len(longer) > _MOST_LEADS:
            break
        leads = longer
        if whole is None:
            break  # only the item's opening is known: what follows may start anywhere in it
    return leads


def _opening(op, av) -> set[str]:
    """Prefixes of an item that is not one of a few strings (a group that goes on with a repeat)."""
    if op == SUBPATTERN and not av[1] and not av[2]:  # a group that changes no flag
        return _leads(av[3])
    if op == ATOMIC_GROUP:
        return _leads(av)
    if op in (MAX_REPEAT, MIN_REPEAT, POSSESSIVE_REPEAT) and av[0] >= 1:
        return _leads(av[2])
    if op == BRANCH:
        branches = [_leads(b) for b in av[1]]
        return set().union(*branches) if all("" not in b for b in branches) else {""}
    return {""}


def _finite(op, av) -> set[str] | None:
    """The strings an item matches, when they are few; None otherwise."""
    if op == LITERAL:
        return {chr(av)}
    if op == IN:
        chars: set[str] = set()
        for kind, value in av:
            if kind == LITERAL:
                chars.add(chr(value))
            elif kind == RANGE and value[1] - value[0] < 16:
                chars.update(chr(c) for c in range(value[0], value[1] + 1))
            else:
                return None  # a class by category, a negation, a wide range
        return chars
    if op == SUBPATTERN and not av[1] and not av[2]:
        return _all_of(av[3])
    if op == ATOMIC_GROUP:
        return _all_of(av)
    if op == BRANCH:
        branches = [_all_of(b) for b in av[1]]
        return set().union(*branches) if all(b is not None for b in branches) else None
    if op in (MAX_REPEAT, MIN_REPEAT, POSSESSIVE_REPEAT) and av[1] <= 1:
        body = _all_of(av[2])
        return None if body is None else body | ({""} if av[0] == 0 else set())
    return None


def _all_of(items) -> set[str] | None:
    out = {""}
    for op, av in items:
        strings = _finite(op, av)
        if strings is None:
            return None
        out = {a + b for a in out for b in strings}
        if len(out) > _MOST_LEADS:
            return None
    return out

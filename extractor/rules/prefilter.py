"""The words a rule pattern (a fact's or a quantity's) cannot match without, read from the pattern itself.

Most releases hold no conversion, no premium, no split: a pattern whose required words are all absent is
skipped with a plain substring test, far cheaper than a regex scan. The words are derived from the expanded
regex (its parse tree), so they cannot drift from the pattern the way a hand-kept list did: a sequence needs
every part, an alternation one of its branches, a repeat of at least one its body, a look-around that must hold
its words; optional parts and negative look-arounds need nothing.
"""

from __future__ import annotations

import re
import re._parser as sre_parse  # the standard parser: the patterns use no syntax of `regex` it lacks
from re._constants import (
    ASSERT,
    ATOMIC_GROUP,
    BRANCH,
    LITERAL,
    MAX_REPEAT,
    MIN_REPEAT,
    POSSESSIVE_REPEAT,
    SUBPATTERN,
)

_NAMED = re.compile(r"\(\?P<\w+>")  # a slot repeated in a pattern repeats a group name, which `re` refuses
_BACKREF = re.compile(r"\(\?P=\w+\)")  # (and a reference to a named group, then unnamed, needs no words of its own)
_MARKS = frozenset("⟨⟩¶")  # every encoded release has placeholders and sentence marks


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

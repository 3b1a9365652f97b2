"""The phrase a figure modifies, read right after it ("a $160 million share repurchase authorization"): what
two printings of one figure name alike when the words before them differ, so the restatement bindings that
compare two printings (a misprint, a headline's figure told again, a repeated figure) read it alike."""

from __future__ import annotations

from functools import lru_cache

import regex

from ..models import Mention
from ..rules import lexicon
from .subjects import Reading, stem, stems, stop_words

_QUOTES = frozenset("'’‘\"“”")


@lru_cache(maxsize=1)
def _through_words() -> frozenset[str]:
    """The stop words a figure's phrase reads through (`phrase_through_words` in the lexicon)."""
    return stems(str(lexicon().get("phrase_through_words", "")))


# the words right after a figure, camel case split ("80% CompleteThe Connection Drift": a heading run into its
# paragraph), and the stops that end the phrase a figure modifies
_AFTER = regex.compile(r"[A-Z]?[a-z][a-z'’-]*|[A-Z]+(?![a-z])|[^\sA-Za-z]")


def modified(m: Mention, reading: Reading) -> frozenset[str]:
    """The words a figure modifies, read right after it on its line to the first stop word, figure or mark
    ("62% construction completion of", "95 patients enrolled in"): what two printings of one small figure name
    alike where two figures of one sentence's words ("a use of $53 million, resulting", "synergies of $35
    million.") name nothing. The phrase reads through quotes and the stop words that name nothing but end nothing
    (`phrase_through_words`: "a $160 million share repurchase authorization")."""
    said = reading.derived(_phrases)
    if m.id in said:
        return said[m.id]
    text = reading.text
    line = text.find("\n", m.end)
    out: list[str] = []
    for token in _AFTER.finditer(text, m.end, min(len(text) if line < 0 else line, m.end + 40)):
        printed = token.group(0)
        if printed in _QUOTES:
            continue  # a name quoted in the phrase ("a $35 million 'Mass Timber' residence hall") is still its name
        word = stem(printed.rstrip("'’"))
        if word in _through_words():
            continue  # ("a $160 million share repurchase authorization": "share" names nothing, ends nothing)
        if not printed[0].isalpha() or word in stop_words() or len(out) == 3:
            break
        out.append(word)
    said[m.id] = frozenset(out)
    return said[m.id]


def _phrases(_mentions) -> dict[int, frozenset[str]]:
    """Each figure's phrase, kept for the release (each figure is compared with many)."""
    return {}

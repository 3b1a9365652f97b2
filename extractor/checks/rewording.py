"""The word a check's diagnosis blames, rewritten: where the mistake is the wording, not a figure (a rise told as
"decreased", a price above its reference called a discount), the fix edits the word the fact rule read."""

from __future__ import annotations

import regex

from ..models import Fact, Fix

_ARTICLE = regex.compile(r"\b(?:an?|An?)\s+$")


def reworded(rewrite: dict[str, dict[str, str]], fact: Fact, text: str) -> Fix | None:
    """The blamed word rewritten into its opposite in the same form and case ("Decreased" -> "Increased"), with the
    article before it made to agree ("a decrease" -> "an increase"); None where the phrase rule did not read the
    word's place or the word has no opposite listed."""
    for name, opposites in rewrite.items():
        if name not in fact.words:
            continue
        start, end = fact.words[name]
        word = text[start:end]
        other = opposites.get(word.lower())
        if other is None:
            return None
        other = other.capitalize() if word[:1].isupper() else other
        article = _ARTICLE.search(text, max(0, start - 4), start)
        if article:  # (the words are plain: a vowel letter is a vowel sound)
            said = article.group(0)
            an = "an" if other[:1].lower() in "aeiou" else "a"
            start, other = article.start(), (an.capitalize() if said[0].isupper() else an) + said[len(said.rstrip()):] + other
        return Fix(start=start, end=end, replacement=other)
    return None

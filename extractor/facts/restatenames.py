"""The abbreviations a release defines, with the words they stand for: read by the words two agreeing figures
are named by (`restate.py`) and by the row labels a sentence names (`restatelabels.py`); a label's other sign and a
label renaming the noun before its bracket."""

from __future__ import annotations

import regex

from .subjects import WORD, content_words, stem

# an abbreviation a release defines in brackets after the words it stands for: "Research and Development
# (R&D) Expenses", "selling, general and administrative (“SG&A”)"
_DEFINED = regex.compile(r'\(\s*["“]?([A-Z][A-Za-z]?(?:&?[A-Z][A-Za-z]?){1,5})["”]?\s*\)')
# the small words a spelled-out name may hold that its abbreviation skips
_SKIPPED = frozenset(("and", "of", "the", "for", "&"))


def defined_abbreviations(text: str) -> dict[str, tuple[str, ...]]:
    """Each abbreviation the release defines, stemmed, with the words it stands for: a sentence that says "R&D
    expenses were $301.3 million" names the row "Research and development" the table prints. A definition counts
    only when the words right before the bracket begin with the abbreviation's capitals, in order, so a ticker
    or a note mark in brackets defines nothing."""
    out: dict[str, tuple[str, ...]] = {}
    for m in _DEFINED.finditer(text):
        letters = [c.lower() for c in m.group(1) if c.isupper()]
        words = [w for w in WORD.findall(text, max(0, m.start() - 20 * len(letters)), m.start())
                 if w.lower() not in _SKIPPED]
        name = words[-len(letters):]
        if len(name) == len(letters) and all(w[0].lower() == c for w, c in zip(name, letters)):
            out.setdefault(stem(m.group(1)), content_words(" ".join(name)))
    return out


# the other sign's word in brackets after the word it stands for
_SIGN_WORD = regex.compile(r"(?i)\b[A-Za-z][\w-]*\s*\((loss(?:es)?|deficit|expenses?|income|gains?|profit|earnings|benefit)\)")
# what a row label says in brackets is a unit, a footnote or the other sign ("Net income (loss)", "(tonnes)"): the
# one pattern the label readers (`restatelabels.py`, `restatetables.py`) leave it out by
BRACKETED = regex.compile(r"\([^()]*\)")
# a footnote mark on a row label ("Adjusted EBITDA (1)", "(a)", "(ii)", "*", "²"): the label readers that keep
# other brackets ("(excluding AOCI)" names another measure) drop or look for only this
LABEL_MARK = regex.compile(r"\(\s*(?:\d{1,2}|[a-z]|[ivx]{1,4})\s*\)|[*†‡¹²³⁴⁵⁶⁷⁸⁹]+")


def other_sign(label: str) -> tuple[str, ...]:
    """A label's name with the word it gives in brackets for the other sign put in place of the word before it
    ("Net income (loss)" is "Net loss", "Income (loss) from operations" "Loss from operations")."""
    return content_words(BRACKETED.sub(" ", _SIGN_WORD.sub(lambda m: m.group(1), label)))


def renamed(text: str, start: int, first: int, last: int) -> bool:
    """Whether a label a clause (from `start`) names in brackets (its words from `first` to `last`) is the whole
    of its bracket, right after the noun it renames ("capacity (ASMs) increased by"): the bracket names the
    figure, the noun modifies nothing (a bracket that says more, "revenue (including interest income)", names no
    row of its own)."""
    return text[start:start + first].rstrip().endswith("(") \
        and regex.match(r"[\w&.'’-]*\s*\)", text[start + last:start + last + 40]) is not None

"""Whether a stated count and a stake are told of one moment and one company, before the implied-total check
compares them: a count "before the offering", one a buyback changed since, one "as of March 31" against a stake
"as of the date of this release", or a subsidiary's count is no total of the stake's company at its date."""

from __future__ import annotations

import regex

from ..document.model import MONTH

# words in the count's clause that tie it to another moment (before or after a transaction) or company
_OTHER_MOMENT = regex.compile(
    r"\b(?:before|prior\s+to|following|after|upon|post|pre|immediately\s+(?:before|after|following)|pro\s+forma)"
    r"[-\s]+(?:the\s+)?(?:closing|completion|offering|placement|financing|conversion|exercise|issuance|transaction|"
    r"merger|acquisition|consolidation|split|private|public|IPO|listing|arrangement)"
    r"|\b(?:subsidiary|subsidiaries|affiliates?|parent\s+company|target|investee|spin-?off|joint\s+venture|"
    r"(?:listed|operating)\s+unit)\b", regex.I)
# words between the two that change the count
_CHANGED = regex.compile(r"\b(?:repurchas\w*|buy-?backs?|bought\s+back|cancell?(?:ed|ing|ation)|redeem\w*|redemption|"
                         r"issued\s+(?:an\s+)?(?:additional|new|further)|issuance\s+of\s+(?:additional|new))\b", regex.I)
# a date the clause is told as of: "as of March 31, 2025", "at December 31", "as of the date of this release"
_AS_OF = regex.compile(r"\b(?:as\s+(?:of|at)|at|on)\s+(?P<d>(?:the\s+date\s+(?:of\s+)?(?:this|the)\s+\w+|today|"
                       rf"{MONTH}\.?\s+\d{{1,2}}(?:,?\s+\d{{4}})?|\d{{1,2}}\s+{MONTH}\.?(?:\s+\d{{4}})?))", regex.I)


def apart(count, stake, text: str, sentence_of) -> bool:
    """Whether the count (a mention) and the stake's figure (a mention) are told at different moments or of
    different companies: the count's sentence names another moment or company, words between them change the
    count, or the two sentences are told as of two different dates."""
    c_lo, c_hi = sentence_of(count)
    s_lo, s_hi = sentence_of(stake)
    said = text[c_lo:c_hi]
    told = {_norm(m.group(0)) for m in _OTHER_MOMENT.finditer(said)}
    if told - {_norm(m.group(0)) for m in _OTHER_MOMENT.finditer(text, s_lo, s_hi)}:  # (the stake's own moment is one)
        return True
    lo, hi = sorted((count.end, stake.start)) if count.start < stake.start else (stake.end, count.start)
    if lo < hi and _CHANGED.search(text, lo, hi):
        return True
    if (c_lo, c_hi) == (s_lo, s_hi):
        return False
    dates = {_norm(m.group("d")) for m in _AS_OF.finditer(said)}
    others = {_norm(m.group("d")) for m in _AS_OF.finditer(text, s_lo, s_hi)}
    return bool(dates and others and not dates & others)


def _norm(words: str) -> str:
    return " ".join(words.lower().split())

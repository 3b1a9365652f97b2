"""The slips of a figure's digits an input may show, and the one slip among those found that explains a mismatch
(`diagnoses.py` tries them): a `Slip` tells it, and undoes it where the figure's text shows how."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

import regex

from ..facts.subjects import ORDINALS
from ..models import Fact, Fix, Mention
from .figures import _unit_factor
from .findings import Context

# the words that name a period ("for the full year", "full-year", "2025", "fourth-quarter", "Q4", "first half"),
# read the same however spaced or hyphenated; an ordinal quarter reads as its number ("fourth quarter" as "q4")
_PERIOD = regex.compile(r"(?i)\b(?:full[\s-]+year|fiscal(?:[\s-]+year)?|fy\s?\d{2,4}|(?:19|20)\d{2}|"
                        r"(?:first|second|third|fourth)[\s-]+(?:quarter|half)|q[1-4]|h[12]|half[\s-]+year|"
                        r"(?:three|six|nine|twelve)[\s-]+months?|year[\s-]+to[\s-]+date|ytd|quarter|year|annual)\b")
# a hedge right before a figure that the lexicon's qualifiers, read into the mention, leave out ("some 27%", "close
# to 27%"; "approximately" and the rest are `Mention.qualifier`)
_HEDGE = regex.compile(r"(?i)\b(?:some|close\s+to)\s*$")


def digit_slips(shown: str, least: int = 3):
    """Each way `shown` (digits as printed: "26,190,477", "2.10") may have been mistyped from another figure:
    two neighbouring digits swapped, or one digit other than the last (where rounding shows) changed, in a
    figure of `least` significant digits or more. Yields the other figure as printed, and the slip's name."""
    at = [i for i, c in enumerate(shown) if c.isdigit()]
    if len("".join(shown[i] for i in at).lstrip("0")) < least:
        return  # in a short figure one digit more or less is as likely another figure as a slip
    for a, b in zip(at, at[1:]):
        if shown[a] != shown[b] and not (a == at[0] and shown[b] == "0"):
            yield shown[:a] + shown[b] + shown[a + 1:b] + shown[a] + shown[b + 1:], "two digits look transposed"
    for i in at[:-1]:
        for d in "0123456789":
            if d != shown[i] and not (d == "0" and i == at[0]):
                yield shown[:i] + d + shown[i + 1:], "one digit looks mistyped"


@dataclass(frozen=True)
class Slip:
    """A slip that explains a mismatch: its words, the figure to correct (an input, or the stated figure whose
    scale word slipped; None where two figures tell the slip alike), and that figure as it reads with the slip
    undone ("" where its text does not show how)."""
    words: str
    mention: Mention | None
    was: str
    value: Fraction | None = None  # the figure's value with the slip undone (an input's)
    shown: str = ""  # the stated figure as the finding shows it expected, where printing it as computed misleads
    edit: Fix | None = None  # the slip is a word, not a figure: this edit rewrites it
    drifted: bool = False  # found within the drift the inputs' roundings allow, not within the stated rounding

    def fix(self) -> Fix | None:
        """The edit that undoes the slip, where the figure's text shows how (its digits, its scale word)."""
        if self.edit is not None:
            return self.edit
        if self.mention is None or not self.was:
            return None
        return Fix(start=self.mention.start, end=self.mention.end, replacement=self.was)


def _periods(text: str) -> set[str]:
    """The periods a stretch of text names, each read one way ("Fourth-quarter" and "Q4" alike as "q4")."""
    out = set()
    for m in _PERIOD.finditer(text):
        words = regex.sub(r"[\s-]+", " ", m.group().lower()).split()
        if words[0] in ORDINALS and words[-1] == "quarter":
            words = [f"q{ORDINALS[words[0]]}"]
        out.add(" ".join(words))
    return out


def short_slip_shows(fact: Fact, ctx: Context, stated_m: Mention) -> bool:
    """Whether a loose fact's stated figure of two digits may show a slip of its digits (`short_stated_slips`):
    only where it prints no qualifier ("approximately 27%" is told roughly), and its sentence states every input
    with no period between them and it but the figures' own. A loose binding across sentences, or past "for the
    full year" after a quarter's figures, may have picked another period's figures, and a two-digit figure's nine
    mistyped variants meet such a wrong ratio about one time in ten."""
    inputs = [ctx.by_id[i] for i in fact.roles.values() if i != stated_m.id]
    hedged = stated_m.qualifier or _HEDGE.search(ctx.text[max(0, stated_m.start - 20):stated_m.start])
    if hedged or not inputs or any(m.sentence != stated_m.sentence for m in inputs):
        return False
    first, end = ctx.sentence_span(stated_m)
    left = max((m.end for m in inputs if m.end <= stated_m.start), default=None)
    right = min((m.start for m in inputs if m.start >= stated_m.end), default=None)
    # (between the figures and the percentage, each period must be one the figures' stretch names too)
    gaps = (ctx.text[left:stated_m.start] if left is not None else "") + " | " + \
        (ctx.text[stated_m.end:right] if right is not None else "")
    own = (ctx.text[first:left] if left is not None else "") + " | " + (ctx.text[right:end] if right is not None else "")
    return _periods(gaps) <= _periods(own)


def best_slip(found: list[tuple], alone: bool = False, either: bool = False) -> Slip | None:
    """The one slip that fits far better than the next (each a distance, the figure, its variant, the slip, the
    ratio undoing it), told; where `alone`, the only slip that fits at all; where `either` (a loose binding, which
    proposes no fix), two figures' slips that each fit exactly, told as one of the two."""
    found.sort(key=lambda f: f[0])
    # several slips may fit a loosely rounded figure: one must fit far better than the next, or none is named
    if not found or alone and len(found) > 1:
        return None
    close = [f for f in found if f[0] <= found[0][0] * 4]
    if len(close) == 2 and all(f[3] == "a scale slip" for f in close) and close[0][1] is not close[1][1] \
            and close[0][0] == close[1][0]:
        # a ratio of two figures is the same whichever of them slipped by a scale word: the two tell the same
        # slip ("from $2.44 billion to $3.17 million" is 30% either way), so the mismatch is explained, though
        # not which of the two to correct
        return Slip(f"{close[0][1].text} or {close[1][1].text} may be the slip (a scale slip in one of the two)",
                    None, "")
    if either and len(close) == 2 and close[0][1].text != close[1][1].text and close[0][0] == close[1][0] == 0:
        # two figures, each of whose slips undone gives the stated figure exactly (two digits swapped in either of
        # two parts differing by a multiple of nine: "8,421,503" or "14,578,947" for a total of 23,000,000): the
        # mismatch is a slip, though not which figure to correct (two parts printed alike, one slip named twice: no
        # telling which is meant)
        (_, a, a_was, a_why, _, _), (_, b, b_was, b_why, _, _) = close
        return Slip(f"{a.text} or {b.text} may be the slip ({a_why}: {a_was} gives the stated figure; or {b_why}: "
                    f"{b_was} does)", None, "")
    if len(close) > 1:
        return None
    _, m, was, why, ratio, drifted = found[0]
    gives = f": {was} gives the stated figure{' within their roundings' if drifted else ''}" if was else ""
    return Slip(f"{m.text} may be the slip ({why}{gives})", m, was, Fraction(Decimal(m.value)) * _unit_factor(m) * ratio,
                drifted=drifted)

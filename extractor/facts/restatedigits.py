"""Two magnitudes read digit by digit at one printing: whether two adjacent digits are swapped or one digit
mistyped (`digit_slip`), the slips two printings of one figure show. The misprint readers of prose and cells
(`restatemisprints`, `restatecellslips`) ask it alike.
"""

from __future__ import annotations

from fractions import Fraction
from functools import lru_cache

import regex

_DIGITS = regex.compile(r"\D")


@lru_cache(maxsize=8192)  # asked of each figure by every misprint binding it may join: some 70,000 times a corpus
def significant_text(text: str) -> str:
    """A printed figure's significant digits, its zeros at either end left out ("$4,500,000" -> "45")."""
    return _DIGITS.sub("", text).strip("0")


def digit_slip(va: Fraction, vb: Fraction, quantum: Fraction, least: int = 3) -> str | None:
    """Two magnitudes read in units of `quantum` (the coarser printing's last digit): "transposed" for two
    adjacent digits swapped, in `least` digits or more; "mistyped" for one digit other than the last, in three
    digits or more (one more or less in a figure of two, or in the last digit, is as likely another figure or a
    rounding: on the real corpus, a cell's "0.600" and a sentence's "$0.70", "(27,695)" and "$27.5 million")."""
    have, want = str(round(va / quantum)), str(round(vb / quantum))
    if len(have) != len(want):
        have, want = _decimals(va, vb, quantum, have, want)
        return "transposed" if len(have) >= least and _swapped(have, want) else None
    if len(have) < least:
        return None
    if _swapped(have, want):
        return "transposed"
    diffs = [i for i, (x, y) in enumerate(zip(have, want)) if x != y]
    return "mistyped" if len(have) >= 3 and len(diffs) == 1 and diffs[0] < len(have) - 1 else None


def _swapped(have: str, want: str) -> bool:
    """Whether two digit strings of one length differ by two adjacent digits swapped."""
    diffs = [i for i, (x, y) in enumerate(zip(have, want)) if x != y]
    return len(have) == len(want) and len(diffs) == 2 and diffs[1] == diffs[0] + 1 \
        and have[diffs[0]] == want[diffs[1]] and have[diffs[1]] == want[diffs[0]]


def _decimals(va: Fraction, vb: Fraction, quantum: Fraction, have: str, want: str) -> tuple[str, str]:
    """Two fractions below one read as all the decimals they print, zeros after the point included: a zero
    there is a printed digit, so "$0.0025" and "$0.0205" are two digits swapped ("0025", "0205"), which their
    values alone ("25", "205") hide. Other figures are left as they are."""
    places = len(str(round(1 / quantum))) - 1
    if max(va, vb) >= 1 or quantum * 10 ** places != 1 or max(len(have), len(want)) > places:
        return have, want
    return have.zfill(places), want.zfill(places)

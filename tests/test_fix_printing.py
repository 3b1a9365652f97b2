"""How a slip is undone in print: `printing.rescaled` moves a scale word or drops three zeros, and nothing else."""

from fractions import Fraction

import pytest

from extractor.checks.printing import rescaled
from extractor.models import Mention


def _m(text: str, kind: str = "money") -> Mention:
    return Mention(id=0, kind=kind, text=text, start=0, end=len(text), sentence=0, value="1", low="1", high="1")


@pytest.mark.parametrize("text, ratio, expected", [
    ("$10.3 billion", Fraction(1, 1000), "$10.3 million"),
    ("$10.3 million", Fraction(1000), "$10.3 billion"),
    ("EUR 4.2 Million", Fraction(1000), "EUR 4.2 Billion"),  # the case it was printed in
    ("$2 thousand", Fraction(10 ** 6), "$2 billion"),
    ("318,000", Fraction(1, 1000), "318"),
    ("(3,907,000)", Fraction(1, 1000), "(3,907)"),
    ("8,421,053,000", Fraction(1, 1000), "8,421,053"),
    ("8,421,000,000", Fraction(1, 10 ** 6), "8,421"),

    ("318", Fraction(1000), "318,000"),
    ("$75,000", Fraction(1000), "$75,000,000"),
])
def test_a_slip_undone(text, ratio, expected):
    assert rescaled(_m(text), ratio) == expected


@pytest.mark.parametrize("text, ratio", [
    ("$4.5 million", Fraction(1, 10 ** 6)),  # below "thousand" the ladder has no word
    ("$4.5 trillion", Fraction(1000)),  # nor above "trillion"
    ("2.5", Fraction(1000)),  # decimals have no zeros to add
    ("318,500", Fraction(1, 1000)),  # the last group is not three zeros
    ("8,421,053,000", Fraction(1, 10 ** 6)),  # nor the two last groups
    ("1,000", Fraction(1, 10 ** 6)),  # fewer groups than the slip
    ("4546000", Fraction(1, 1000)),  # grouped without commas: which zeros were typed is not shown
    ("$4.5 million", Fraction(3)),  # not a power of a thousand
    ("$4.5 million", Fraction(1)),
])
def test_no_reading(text, ratio):
    assert rescaled(_m(text), ratio) == ""

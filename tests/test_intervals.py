from fractions import Fraction as F

import pytest

from extractor.intervals import FormulaError, Interval, Undefined, evaluate, parse


def I(a, b):
    return Interval(F(a), F(b))


def test_arithmetic_bounds():
    assert I(1, 2) + I(3, 4) == I(4, 6)
    assert I(1, 2) - I(3, 4) == I(-3, -1)
    assert I(-1, 2) * I(3, 4) == I(-4, 8)
    assert I(1, 2) / I(4, 8) == I(F(1, 8), F(1, 2))


def test_division_by_interval_with_zero_is_undefined():
    with pytest.raises(Undefined):
        I(1, 2) / I(-1, 1)


def test_meets():
    assert I(1, 2).meets(I(2, 3)) and not I(1, 2).meets(I(F(21, 10), 3))
    assert Interval(F(5), None).meets(I(100, 200))


def test_seed_premium_cannot_be_444():
    price, ref = I("0.00395", "0.00405"), I("0.00085", "0.00095")
    env = {"price": [price], "reference": [ref]}.__getitem__
    premium = evaluate(parse("(price / reference - 1) * 100"), env)
    assert not premium.meets(I("443.5", "444.5"))
    assert premium.meets(I("343.5", "344.5"))
    point = evaluate(parse("(price / reference - 1) * 100"), {"price": [F("0.0040")], "reference": [F("0.0009")]}.__getitem__, points=True)
    assert round(float(point), 1) == 344.4


def test_sum_over_repeated_role():
    env = {"part": [I(1, 1), I(2, 2), I(3, 3)]}.__getitem__
    assert evaluate(parse("sum(part)"), env) == I(6, 6)


@pytest.mark.parametrize("bad", ["__import__('os')", "a ** 2", "open(x)", "a +", "1 2", "a.b"])
def test_formula_language_rejects(bad):
    with pytest.raises(FormulaError):
        parse(bad)

from decimal import Decimal

import pytest

from extractor.quantities import numbers
from extractor.quantities.numbers import NumberError, parse_digits, parse_words, read_text


@pytest.mark.parametrize(
    "text,value,places",
    [
        ("1,550", "1550", 0),
        ("0.0040", "0.0040", 4),
        ("(1,191.1)", "-1191.1", 1),
        ("-5.3", "-5.3", 1),
        ("−12", "-12", 0),
        (".5", "0.5", 1),
        ("1,234,567.89", "1234567.89", 2),
        # Indian grouping: twos above the thousands (12 lakh 34 thousand 567; 3 crore 44 lakh ...)
        ("12,34,567", "1234567", 0),
        ("3,44,82,758", "34482758", 0),
    ],
)
def test_parse_digits(text, value, places):
    got, got_places = parse_digits(text)
    assert got == Decimal(value) and str(got) == value.replace("-", "-") and got_places == places


@pytest.mark.parametrize("text, value, places", [("23,2", "23.2", 1), ("4,55", "4.55", 2), ("1,234", "1234", 0)])
def test_parse_digits_decimal_comma(text, value, places):
    """Where the grammar read a decimal comma ("23,2%"), one or two digits after the comma are decimals; a
    thousands group stays one."""
    assert parse_digits(text, decimal_comma=True) == (Decimal(value), places)
    if places:
        with pytest.raises(NumberError):
            parse_digits(text)


@pytest.mark.parametrize("bad", ["", "1,23", "12,34,56", "1,234,56,789", "abc", "1.2.3", "(", "$5"])
def test_parse_digits_rejects(bad):
    with pytest.raises(NumberError):
        parse_digits(bad)


@pytest.mark.parametrize(
    "text,value",
    [
        ("three", 3), ("twenty-five", 25), ("one hundred and twelve", 112), ("ninety nine", 99),
        # the running total: a scale word closes a group, "hundred" and "dozen" multiply the one being read
        ("two thousand five hundred", 2500), ("one hundred and forty-two", 142), ("twenty-one million", 21000000),
        ("thirty-one thousand five hundred", 31500), ("two million five hundred thousand", 2500000),
        ("one hundred thousand", 100000), ("one and a half", Decimal("1.5")), ("a dozen", 12),
        ("half a dozen", 6), ("half a million", 500000), ("a million", 1000000), ("ten lakh", 1000000),
        ("five crore", 50000000), ("a", 1),
    ],
)
def test_parse_words(text, value):
    assert parse_words(text) == value


def test_the_rules_read_digits_with_the_parsers_grammar():
    """One grammar of digits: the rules' {DIGITS} fragment is the number parser's, so what a pattern matches the
    parser reads and the printed form of a mention is found with the same grammar."""
    from extractor.quantities.compiler import recogniser

    digits = numbers.DIGITS
    assert any(digits in p.pattern for r in recogniser().scanners for p in r.patterns)
    assert numbers.printed_form("Rs 3,44,82,758", "34482758", "money").digits == "3,44,82,758"


def test_parse_words_rejects_non_numbers():
    with pytest.raises(NumberError):
        parse_words("several")


def test_interval_of_scaled_money():
    r = read_text("3.0", "M")
    assert (r.value, r.low, r.high) == (Decimal(3000000), Decimal(2950000), Decimal(3050000))


def test_interval_of_percent_precision():
    r = read_text("19.15")
    assert (r.low, r.high) == (Decimal("19.145"), Decimal("19.155"))


def test_whole_count_is_exact():
    r = read_text("1,667,000", exact_whole=True)
    assert r.exact and r.low == r.high == Decimal(1667000)


def test_printed_zeros_are_kept():
    assert str(read_text("0.0040").value) == "0.0040"


def test_spelled_scale():
    assert read_text("three", "million").value == Decimal(3000000)


@pytest.mark.parametrize("word,mult", [("K", 1000), ("MM", 10**6), ("bn", 10**9), ("billion", 10**9), ("Million", 10**6)])
def test_scales(word, mult):
    assert numbers.scale_of(word) == mult

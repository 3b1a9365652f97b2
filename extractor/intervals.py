"""Interval arithmetic over exact fractions, and the small safe formula evaluator.

A printed figure stands for every value that rounds to it, so a check computes
with intervals: `$3.0M / $0.0040` is [2.95M/0.00405, 3.05M/0.00395]. Bounds
are `Fraction`s, so nothing is lost to binary floating point, and exact inputs
stay exact.

Formulas in `rules/checks/*.yaml` ("(price / reference - 1) * 100") are parsed
here into a tiny AST (numbers, role names, + - * /, unary minus, parentheses
and the functions `sum`, `abs`, `min`, `max`) and evaluated over intervals or
points. There is no `eval`: anything else is a `FormulaError`.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from functools import lru_cache
from typing import Callable, Union

import regex

Number = Fraction


class FormulaError(ValueError):
    """A formula that does not parse, or names something unknown."""


class Undefined(ArithmeticError):
    """A value the inputs do not determine (division by an interval around zero)."""


@lru_cache(maxsize=65536)
def exact(text: str) -> Fraction:
    """A printed bound ("1234.5", "-0.0040", a mention's `low`) as an exact fraction. Read once per text: a
    figure enters many sums and formulas, and the same few texts ("0", "0.5") recur in every release."""
    return Fraction(Decimal(text))


@dataclass(frozen=True)
class Interval:
    lo: Fraction | None  # None: unbounded below
    hi: Fraction | None  # None: unbounded above

    @staticmethod
    def point(x: Fraction) -> "Interval":
        return Interval(x, x)

    def __post_init__(self):
        # (a point, one fraction at both ends, is asked nothing: most intervals of exact figures are)
        lo, hi = self.lo, self.hi
        if lo is not hi and lo is not None and hi is not None and _greater(lo, hi):
            raise ValueError(f"empty interval [{self.lo}, {self.hi}]")

    @property
    def bounded(self) -> bool:
        return self.lo is not None and self.hi is not None

    def meets(self, other: "Interval") -> bool:
        lo_ok = self.hi is None or other.lo is None or other.lo <= self.hi
        hi_ok = self.lo is None or other.hi is None or self.lo <= other.hi
        return lo_ok and hi_ok

    def contains_zero(self) -> bool:
        return (self.lo is None or self.lo <= 0) and (self.hi is None or self.hi >= 0)

    def __add__(self, o: "Interval") -> "Interval":
        return Interval(_add(self.lo, o.lo), _add(self.hi, o.hi))

    def __neg__(self) -> "Interval":
        return Interval(None if self.hi is None else -self.hi, None if self.lo is None else -self.lo)

    def __sub__(self, o: "Interval") -> "Interval":
        return self + (-o)

    def __mul__(self, o: "Interval") -> "Interval":
        if not (self.bounded and o.bounded):
            raise Undefined("product of unbounded intervals")
        lo, hi, olo, ohi = self.lo, self.hi, o.lo, o.hi
        if type(lo) is Fraction and type(olo) is Fraction and type(hi) is Fraction and type(ohi) is Fraction \
                and lo.numerator >= 0 and olo.numerator >= 0:
            # two intervals of no negative value (most: amounts, prices, rates): the least product is the lows',
            # the greatest the highs', the same fractions min and max would pick, with half the products and none
            # of the six comparisons
            return Interval(lo * olo, hi * ohi)
        products = [lo * olo, lo * ohi, hi * olo, hi * ohi]
        return Interval(min(products), max(products))

    def __truediv__(self, o: "Interval") -> "Interval":
        if not o.bounded or o.contains_zero():
            raise Undefined("division by an interval that holds zero")
        return self * Interval(1 / o.hi, 1 / o.lo)

    def abs(self) -> "Interval":
        if self.lo is not None and self.lo >= 0:
            return self
        if self.hi is not None and self.hi <= 0:
            return -self
        return Interval(Fraction(0), None if self.lo is None or self.hi is None else max(-self.lo, self.hi))


def _greater(a: Fraction, b: Fraction) -> bool:
    """`a > b`, for two fractions by their integers (their denominators are positive), as `Fraction` compares
    them but without its dispatch: every interval made asks it, and that dispatch was most of the asking."""
    if type(a) is Fraction and type(b) is Fraction:
        return a.numerator * b.denominator > b.numerator * a.denominator
    return a > b


def _add(a: Fraction | None, b: Fraction | None) -> Fraction | None:
    return None if a is None or b is None else a + b


Value = Union[Interval, Fraction]

# ---------------------------------------------------------------- the formula language

_TOKEN = regex.compile(r"\s*(?:(?P<num>\d+(?:\.\d+)?)|(?P<name>[A-Za-z_][A-Za-z_0-9]*)|(?P<op>[-+*/(),]))")


@dataclass(frozen=True)
class Node:
    op: str  # "num", "var", "neg", "+", "-", "*", "/", "call"
    args: tuple = ()
    value: object = None


class _Parser:
    def __init__(self, text: str):
        self.text = text
        self.tokens: list[tuple[str, str]] = []
        pos = 0
        while pos < len(text):
            m = _TOKEN.match(text, pos)
            if not m or m.end() == pos:
                if text[pos:].strip() == "":
                    break
                raise FormulaError(f"cannot read {text[pos:]!r} in formula {text!r}")
            kind = m.lastgroup
            self.tokens.append((kind, m.group(kind)))
            pos = m.end()
        self.i = 0

    def peek(self) -> tuple[str, str] | None:
        return self.tokens[self.i] if self.i < len(self.tokens) else None

    def take(self, value: str | None = None) -> tuple[str, str]:
        tok = self.peek()
        if tok is None or (value is not None and tok[1] != value):
            raise FormulaError(f"expected {value or 'more'} in formula {self.text!r}")
        self.i += 1
        return tok

    def parse(self) -> Node:
        node = self.expr()
        if self.peek() is not None:
            raise FormulaError(f"unexpected {self.peek()[1]!r} in formula {self.text!r}")
        return node

    def expr(self) -> Node:
        return self._left_to_right("+-", self.term)

    def term(self) -> Node:
        return self._left_to_right("*/", self.unary)

    def _left_to_right(self, operators: str, operand) -> Node:
        """Operands joined by operators of one precedence, grouped from the left: a - b - c is (a - b) - c."""
        node = operand()
        while self.peek() and self.peek()[1] in operators:
            op = self.take()[1]
            node = Node(op, (node, operand()))
        return node

    def unary(self) -> Node:
        if self.peek() and self.peek()[1] == "-":
            self.take()
            return Node("neg", (self.unary(),))
        return self.atom()

    def atom(self) -> Node:
        kind, value = self.take()
        if kind == "num":
            return Node("num", value=Fraction(value))
        if kind == "name":
            if self.peek() and self.peek()[1] == "(":
                self.take("(")
                args = [self.expr()]
                while self.peek() and self.peek()[1] == ",":
                    self.take(",")
                    args.append(self.expr())
                self.take(")")
                if value not in _FUNCTIONS:
                    raise FormulaError(f"unknown function {value!r} in formula {self.text!r}")
                return Node("call", tuple(args), value)
            return Node("var", value=value)
        if value == "(":
            node = self.expr()
            self.take(")")
            return node
        raise FormulaError(f"unexpected {value!r} in formula {self.text!r}")


_FUNCTIONS = {"sum", "abs", "min", "max"}


def parse(formula: str) -> Node:
    return _Parser(formula).parse()


def additive(node: Node) -> bool:
    """Whether the formula only adds, subtracts, negates, sums and takes abs, min or max of its terms: then each
    term's error in floats carries into the result at most once, and a float evaluation is good to within a
    few units in the last place of the terms' magnitudes (`checks.formula` screens such facts in floats)."""
    if node.op in ("num", "var"):
        return True
    return node.op in ("+", "-", "neg", "call") and all(additive(a) for a in node.args)


def evaluate(node: Node, env: Callable[[str], list[Value]], points: bool = False) -> Value:
    """Evaluate over intervals (or points). `env(name)` returns the values bound to a role
    (several for a repeated role such as `part`, which only `sum` may take)."""
    op = node.op
    if op == "num":
        return node.value if points else Interval.point(node.value)
    if op == "var":
        values = env(node.value)
        if len(values) != 1:
            raise FormulaError(f"role {node.value!r} has {len(values)} values; use sum({node.value})")
        return values[0]
    if op == "call":
        if node.value == "sum":
            total: Value = Fraction(0) if points else Interval.point(Fraction(0))
            for arg in node.args:
                items = env(arg.value) if arg.op == "var" else [evaluate(arg, env, points)]
                for item in items:
                    total = total + item
            return total
        args = [evaluate(a, env, points) for a in node.args]
        if node.value == "abs":
            return abs(args[0]) if points else args[0].abs()
        if points:
            return min(args) if node.value == "min" else max(args)
        los = [a.lo for a in args]
        his = [a.hi for a in args]
        pick = min if node.value == "min" else max
        return Interval(None if None in los else pick(los), None if None in his else pick(his))
    if op == "neg":
        return -evaluate(node.args[0], env, points)
    a = evaluate(node.args[0], env, points)
    b = evaluate(node.args[1], env, points)
    if op == "+":
        return a + b
    if op == "-":
        return a - b
    if op == "*":
        return a * b
    if points and b == 0:
        raise Undefined("division by zero")
    return a / b

"""What one matched candidate says: its value and interval, unit, currency, scale, qualifier and subject."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from functools import lru_cache

from . import dates, numbers
from .compiler import Recogniser
from .found import Found
from .matcher import Candidate
from ..models import dec_str
from ..rules import lexicon


def _currency(g: dict) -> str | None:
    lex = lexicon()
    if g.get("sub"):
        return _subunit(g["sub"])[0]
    if g.get("cur"):
        symbols = lex["currency_symbols"]
        return symbols.get(g["cur"]) or symbols.get(g["cur"].replace(" ", ""))
    if g.get("code"):
        code = g["code"].upper()
        return "CNY" if code == "RMB" else code
    if g.get("curword"):
        return _currency_words().get(" ".join(g["curword"].lower().split()))
    return None


@lru_cache(maxsize=None)
def _currency_words() -> dict[str, str]:
    return {" ".join(k.lower().split()): v for k, v in lexicon()["currency_words"].items()}


def _subunit(word: str) -> tuple[str | None, Decimal]:
    """A hundredth's currency (None: the release's own) and its worth in the unit: "pence" -> (GBP, 0.01)."""
    lex = lexicon()
    named = {**lex.get("currency_subunits", {}), **lex.get("currency_subunit_marks", {})}
    subunits = {" ".join(k.lower().split()): v for k, v in named.items()}
    currency, worth = subunits[" ".join(word.lower().split())]
    return currency, Decimal(str(worth))


def _hundredths(g: dict) -> Decimal:
    """The hundredths of "4 dollars 25 cents", "twelve dollars and sixty cents"."""
    figure = g.get("subnum") or g.get("subwords")
    return numbers.read_text(figure).value / 100 if figure else Decimal(0)


def _significant_interval(value: Decimal, low: Decimal, high: Decimal) -> tuple[Decimal, Decimal]:
    """ "approximately 8,000,000": rounded at its last significant digit, not to the unit."""
    digits = value.normalize().as_tuple()
    if value == 0 or digits.exponent <= 0:
        return low, high
    half = Decimal(5).scaleb(digits.exponent - 1)
    return min(low, value - half), max(high, value + half)


def _told_multiple(value: Decimal) -> tuple[Decimal, Decimal]:
    """A multiple said as a verb is a whole multiple as "threefold" is, told to the nearest ("tripled" for 2.5 to
    3.5 times; "halved" for 0.45 to 0.55), not an exact quotient: a slip of one of its figures is then what a
    mismatch is checked against."""
    half = Decimal("0.5") if value >= 1 else value / 10
    return value - half, value + half


def read_candidate(c: Candidate, text: str, rec: Recogniser) -> Found | None:
    g = c.groups
    kind, start, end = c.kind, c.start, c.end
    if kind == "date":
        reading = dates.interpret(g)
        return Found("date", start, end, reading.value, reading.low, reading.high, date=reading)

    unit = currency = scale = subject = None
    if kind == "ratio" and "num" not in g and "words" not in g:
        return _ratio(g, text, start, end, rec)

    figure = g.get("num") or g.get("words")
    if g.get("art"):
        # "a dozen", "half a million": the article read before the word it counts
        figure = f"{g['art']} {figure}" if figure else g["art"]
    if figure is None:
        return None
    scale_word = g.get("scale")
    reading = numbers.read_text(figure, scale_word, exact_whole=kind in ("money", "price", "shares", "number"))
    value, low, high = reading.value, reading.low, reading.high
    if g.get("sub") or g.get("subnum") or g.get("subwords"):
        # Hundredths printed in words: the figure counts subunits, or adds them to the units before it.
        worth = _subunit(g["sub"])[1] if g.get("sub") else Decimal(1)
        extra = _hundredths(g)
        value, low, high = (numbers.tidy(v * worth + extra) for v in (value, low, high))
        if g.get("sub") and low == high:
            # a whole count of cents ("76c") is rounded to the cent, as "$0.76" is, not to the dollar
            low, high = numbers.tidy(value - worth / 2), numbers.tidy(value + worth / 2)
    if g.get("sign") in ("-", "−") or g.get("paren") or g.get("neg"):
        value, low, high = -value, -high, -low
    if scale_word:
        scale = scale_word.lower()
    if kind in ("money", "price"):
        currency = _currency(g)
        if kind == "price":
            unit = _singular(_unit_noun(g["pernoun"])) if g.get("pernoun") else "share"
    elif kind == "shares":
        unit = _unit_noun(g.get("noun"))
        subject = _subject(c, g, text)
    elif kind == "percent":
        unit = c.unit or "%"
    elif kind == "ratio":
        unit = "x"
    elif kind == "number" and c.rule.unit_after:
        um = c.rule.unit_after.match(text, end, min(len(text), end + 40))
        unit = um.group("unit").lower() if um else None
    qualifier = _qualifier(rec, text, start)
    if qualifier and rec.qualifiers.get(qualifier) == "around":
        low, high = _significant_interval(value, low, high)
    return Found(kind, start, end, dec_str(value), dec_str(low), dec_str(high), unit, currency, scale, qualifier, subject)


def _ratio(g: dict, text: str, start: int, end: int, rec: Recogniser) -> Found | None:
    """A ratio printed as two figures ("1-for-10"), a multiple's word ("tripled") or a fraction's ("one-third")."""
    if g.get("ra") or g.get("rwa"):
        a = numbers.read_text(g.get("ra") or g["rwa"]).value
        b = numbers.read_text(g.get("rb") or g["rwb"]).value
        if b == 0:
            return None
        value = numbers.quantize(Fraction(a) / Fraction(b))
    elif g.get("mult"):
        value = Decimal(str(lexicon()["multiples"][g["mult"].lower()]))
    else:
        value = numbers.quantize(Fraction(str(lexicon()["fractions"][g["frac"].lower()])))
    # ("nearly tripling", "more than doubled": the word before a multiple qualifies it as it does a figure)
    qualifier = _qualifier(rec, text, start) if g.get("mult") else None
    low, high = _told_multiple(value) if g.get("mult") else (value, value)
    return Found("ratio", start, end, dec_str(value), dec_str(low), dec_str(high), unit="x", qualifier=qualifier)


def _unit_noun(noun: str | None) -> str | None:
    if not noun:
        return None
    n = " ".join(noun.lower().split())
    if "depositary" in n or n.startswith(("ads", "adr")):
        return "ADSs"
    if n in ("common stock", "preferred stock", "ordinary shares", "share", "shares", "common share", "preferred share"):
        return "shares"
    if n in ("restricted stock units", "rsus"):
        return "RSUs"
    if n == "stock options":
        return "options"
    return n if n.endswith("s") else n + "s"


def _singular(noun: str | None) -> str | None:
    return noun[:-1] if noun and noun.endswith("s") and noun != "ADSs" else ("ADS" if noun == "ADSs" else noun)


def _subject(c: Candidate, g: dict, text: str) -> str | None:
    rule = c.refined_by or c.rule
    if rule.subject_after:
        after = rule.subject_after.match(text, c.end, min(len(text), c.end + 400))
        if after is None and g.get("noun"):
            noun_end = text.find(g["noun"], c.end) + len(g["noun"])
            after = rule.subject_after.match(text, noun_end, min(len(text), noun_end + 160))
        if after:
            return " ".join(after.group("subject").split())
    if rule.subject_before and g.get("noun"):
        between = text[c.end : text.find(g["noun"], c.end)].strip()
        before = rule.subject_before.search(between) if between else None
        if before:
            return " ".join(before.group("subject").split())
    return None


def _qualifier(rec: Recogniser, text: str, start: int) -> str | None:
    window_start = max(0, start - 40)
    # The qualifier, or the link after it, is the word right before the figure (and its "$"): most figures'
    # is none, and the search tries every start in the window, a tenth of a millisecond per figure.
    end = start - 1 if start > window_start and text[start - 1] == "$" else start
    k = end
    while k > window_start and text[k - 1].isspace():
        k -= 1
    if k == end:  # glued to the figure: only after an abbreviation's point ("c.14%") or a hyphen ("sub-90%")
        if k > window_start and text[k - 1] == "-":
            k -= 1
        elif not (k > window_start and text[k - 1] == "."):
            return None
    j = k
    while j > window_start and not text[j - 1].isspace():
        j -= 1
    word = text[j:k].lower()
    ends = rec.qualifier_ends.get(word[-1:], ())
    if not any(word.endswith(e) and (len(word) == len(e) or not word[-len(e) - 1].isalnum()) for e in ends):
        return None
    m = rec.qualifier.search(text, window_start, start)
    return m.group("qual").lower() if m else None

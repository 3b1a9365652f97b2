"""A table's unit note ("in thousands, except per share data") -> the scale of its money and of its share counts.

A note scales money; it scales share counts too unless it names something else as the amounts it scales
("in thousands of dollars", "$000s") or excepts shares ("except share and per share data"); a note may scale
only the shares ("shares in millions", "In dollars, except shares outstanding presented in millions").
Per-share figures, percentages and ratios are never scaled (the quantities stage knows them by their row).
A note may name its currency with the scale ("In US$ thousands", "(EUR millions)", "EURm", "In million euros",
"Thousands of Dollars", "RMB'000"), which its amounts are in, or name the currency alone ("(Expressed in United
States Dollars)"): amounts printed whole, which are money all the same.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

import regex

from ..rules import lexicon
from ..rules.prescan import Prescan


def _currency_pattern() -> tuple[str, str, dict[str, str]]:
    """The currencies a note may name, from the lexicon: signs and prefixes ("US$", "NT$", "€") and codes as
    printed, words in any case ("euros", "Canadian dollars"); the signs and codes alone; and each one's ISO code."""
    lex = lexicon()
    codes = {c: ("CNY" if c == "RMB" else c) for c in lex["currency_codes"]}
    signs = {**lex["currency_symbols"], **codes}
    words = {" ".join(k.lower().split()): v for k, v in lex["currency_words"].items()}
    by_length = lambda names: sorted(names, key=lambda w: (-len(w), w))  # noqa: E731
    sign = "|".join(regex.escape(k) for k in by_length(signs))
    word = "|".join(r"\s+".join(regex.escape(w) for w in k.split()) for k in by_length(words))
    return rf"(?P<cur>(?-i:{sign})|\b(?:{word})\b)", rf"(?P<cur>(?-i:{sign}))", {**signs, **words}


_CUR, _SIGN, _CURRENCIES = _currency_pattern()
# A currency named after the scale ("in thousands of dollars", "In million euros", "('000 euros)") says the scale
# is of the amounts alone; named before it ("($ in millions)", "(EUR millions)") or not at all, the scale is of
# the share counts too, unless the note excepts them.
_SHORT = r"(?P<short>'?000s?|000's|k|m|mm|mn|mln|bn)"
_UNIT_NOTE = regex.compile(
    r"(?i)\bin\s+(?P<scale>thousands|millions|billions)\b"
    r"|\bin\s+(?P<scale>thousand|million|billion)(?=\s+(?:shares|units|ADSs?)\b)"  # "(in thousand shares)"
    rf"|\bin\s+{_CUR}\s*(?P<scale>thousands?|millions?|billions?)\b"  # "In US$ thousands", "in EUR million"
    rf"|\bin\s+(?P<scale>thousand|million|billion)\s+(?:of\s+)?(?P<after>{_CUR})"  # "In million euros"
    # "(EUR millions)", "EURm", "($000s)", "US$ in millions", "RMB'000": a sign or code, then its scale
    rf"|(?<![\w$€£¥.]){_SIGN}\s*(?:in\s+)?(?:(?P<scale>thousands?|millions?|billions?)\b|{_SHORT}(?![\w']))"
    rf"|\b(?P<scale>thousands|millions|billions)\s+of\s+(?P<after>{_CUR})"  # "Thousands of Dollars"
    rf"|(?:^|\()\s*{_SHORT}\s+(?P<after>{_CUR})"  # "('000 euros)"
    r"|\(\s*in\s+(?P<short>000s?|000's)(?![\w'])"
    # a bare scale in brackets ends a row's label, "Weighted average common shares (millions)": that row's count
    r"|\(\s*(?P<bare>thousands|millions|billions|000s?|000's)\s*\)"
    # a currency alone, opening its line: "(Expressed in United States Dollars, except shares)", "(in Canadian
    # dollars)  2024  2023"; not a label's "EPS (IFRS, in EUR)", which is its row's
    rf"|(?m:^[\s|]*\(?\s*(?:(?:un)?audited,\s*)?(?:(?:expressed|stated|presented|reported|amounts|figures)\s+)?in\s+{_CUR}(?P<only>\s*(?:\)|,|$)))"
)
_NOTE_WHAT = regex.compile(r"(?i)(?P<what>dollars|shares|\$|usd|cad|aud|eur|gbp|€|£)[^\n()]{0,40}$")
_SHARES_TOO = regex.compile(r"(?i)\bshares?\b[^\n]{0,30}\bin\s+(?:thousands|millions)|in\s+(?:thousands|millions)[^\n]{0,40}(?<!per[\s-]+)\bshares?\b")
_EXCEPT = regex.compile(r"(?i)\bexcept\b(?P<clause>[^\n)]*)")
_PER_SHARE = regex.compile(r"(?i)\bper[\s-]+(?:common\s+)?share\b")
_SHARE_WORD = regex.compile(r"(?i)\bshares?\b")
_SCALE_WORD = regex.compile(r"(?i)\bin\s+(?:thousands|millions)")
# the scale belongs to the share counts alone: "shares in millions", "shares outstanding presented in millions"
_SHARES_ONLY = regex.compile(r"(?i)\bshares?\b[\w\s]{0,30}$")
_OF_MONEY = regex.compile(r"(?i)\s*of\s+(?:[\w.]+\s+)?(?:dollars|euros|pounds|yen|francs)\b")
_MONEY_TOO = regex.compile(r"(?i)(?:\b(?:dollars|amounts)\b|\$)\s*(?:,|and|&)\s*shares?\b")  # "dollars and shares in millions"
SCALES = {"thousands": 1000, "millions": 1000000, "billions": 1000000000, "000": 1000, "000s": 1000,
           "000's": 1000, "k": 1000, "m": 1000000, "mm": 1000000, "mn": 1000000, "mln": 1000000,
           "million": 1000000, "thousand": 1000, "billion": 1000000000, "bn": 1000000000}
# what follows a note in its own line when the line is a row of figures ("Revenue (in millions)  $900 - $1,000"),
# not a header of periods ("(in millions)  2024  2023", "(in thousands)  Three Months Ended Dec. 31,")
_FIGURE_AFTER = regex.compile(r"(?<![\w.,])(?!(?:19|20)\d\d\b)\d")
# (a month in full or cut short, "December 31," "Dec."; a period glued to its year, "4Q24", "Q4'24", "FY2024"; a
# day printed in figures, "31.12.2024")
_PERIOD_WORD = regex.compile(r"(?i)\b(?:(?:ended|months?|quarters?|years?|weeks?|as\s+(?:of|at))\b"
                             r"|\d{1,2}[./]\d{1,2}[./](?:19|20)\d\d\b"
                             r"|(?:Q[1-4]|[1-4]Q|H[12]|FY)(?:['’]?\d{2,4})?\b"
                             r"|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b)")


# Asked of every line above and atop a table and of every row label, the note pattern (its currencies and scales
# in every case) reads a few kilobytes a second; the one-pass prescan says in microseconds whether a text can
# hold a note at all.
NOTE_PRESCAN = Prescan([_UNIT_NOTE])


def _notes(text: str, start: int, end: int):
    """The unit notes between start and end, as `_UNIT_NOTE.finditer` finds them."""
    possible = NOTE_PRESCAN.possible(text[start:end])
    if possible is not None and not possible:
        return iter(())
    return _UNIT_NOTE.finditer(text, start, end)


@dataclass(frozen=True)
class UnitNote:
    text: str | None = None
    scale: Decimal | None = None  # of money (1: whole units of a currency the note names)
    share_scale: Decimal | None = None  # of share counts
    currency: str | None = None  # ISO code of the currency the note names


def find_unit_note(text: str, start: int, end: int) -> UnitNote:
    """The unit note nearest above a table, in the few lines just above it, or else in its first rows (not a
    row's own note: "Revenue (in millions)  $900 - $1,000" is that row's)."""
    above = start
    for _ in range(7):
        above = text.rfind("\n", 0, max(above - 1, 0))
        if above <= 0:
            above = 0
            break
    m = _nearest_note(text, above, start)
    if m is None:
        m = next((n for n in _notes(text, start, min(end, start + 600))
                  if n.group("bare") is None and not _own_row(text, n)), None)
    if m is None and (top := _header_block(text, start)) < above:
        m = _nearest_note(text, top, above)
    if not m:
        return UnitNote()
    line_start = text.rfind("\n", 0, m.start()) + 1
    line_end = text.find("\n", m.end())
    line_end = len(text) if line_end < 0 else line_end
    note = text[line_start:line_end].strip(" |\t")
    if len(note) > 160:
        note = text[max(line_start, m.start() - 60): min(line_end, m.end() + 60)].strip(" |\t")
    elif (opened := note.count("(") - note.count(")")) > 0:
        # a note a header wraps onto the next line ("(In millions,  Earnings" / "except EPS)  Before Taxes"): up
        # to the bracket closing it there
        next_end = text.find("\n", line_end + 1)
        after = text[line_end + 1: len(text) if next_end < 0 else next_end]
        if (close := closing(after, opened)) is not None:
            note += " " + after[:close].strip()
    return read_note(note) or UnitNote(note)


def closing(text: str, opened: int) -> int | None:
    """Where the bracket closing the `opened` ones a line before left open ends in `text` (past it), brackets
    opened and closed in between left alone ("U.S. (USD) dollars, except EPS)"); None when it does not close."""
    depth = opened
    for i, c in enumerate(text):
        depth += (c == "(") - (c == ")")
        if depth == 0:
            return i + 1
    return None


def _nearest_note(text: str, start: int, end: int):
    m = None
    for n in _notes(text, start, end):
        m = n if n.group("bare") is None else m
    return m


# A table's header lines: its title, its note, its periods and its columns' names, with no figure but a year or a
# day ("June 30, 2025") and no sentence. A table printed one cell a line prints its header so too, and its title
# ("AVERAGE BALANCE SHEET (Tax-Equivalent Basis, Dollars in Thousands)") may stand twenty lines above its first row.
_FIGURE_LINE = regex.compile(r"\d,\d{3}|\d\.\d|[$€£]\s*\d|\d\s*%")
_SENTENCE_LINE = regex.compile(r"\w[.;:]\s*$")
MAX_HEADER_LINES = 48  # lines, blank ones too
MAX_HEADER_LINE = 160


def _header_line(line: str) -> bool:
    return len(line) <= MAX_HEADER_LINE and not _FIGURE_LINE.search(line) and not _sentence(line)


def _sentence(line: str) -> bool:
    return bool(_SENTENCE_LINE.search(line)) and len(line.split()) > 6


def _header_block(text: str, start: int) -> int:
    """Where the run of header lines (and blank lines) right above a table begins."""
    top = pos = text.rfind("\n", 0, start) + 1
    for _ in range(MAX_HEADER_LINES):
        if pos <= 0:
            break
        begin = text.rfind("\n", 0, pos - 1) + 1
        line = text[begin:pos].strip()
        if line and not _header_line(line):
            break
        top = pos = begin
    return top


# a footnote under a table: "(A) Equity to total assets is ...", "* Excludes ...", "[1] ..." (a bullet is prose)
_FOOTNOTE = regex.compile(r"^(?:\(?[A-Za-z\d]{1,2}\)|\*+|\[\d+\])")


def carried_note(text: str, end: int, start: int, before: UnitNote) -> UnitNote | None:
    """The note of a table that prints none, continuing the table before it (a statement split where a row did
    not fit, or resumed under its footnotes): the note printed between the two, or else the one before's. Only
    its amounts' scale and currency carry: a count is printed whole more often than not in the later table, and a
    paragraph of prose between the two makes them two tables."""
    for line in text[end:start].splitlines():
        line = line.strip(" \t|")
        if line and not _FOOTNOTE.match(line) and (len(line) > MAX_HEADER_LINE or _sentence(line)):
            return None
    m = _nearest_note(text, end, start)
    note = read_note(text[text.rfind("\n", 0, m.start()) + 1: m.end()]) if m else before
    return None if note is None or note.scale is None else UnitNote(note.text, note.scale, None, note.currency)


@lru_cache(maxsize=4096)
def table_note(line: str) -> UnitNote | None:
    """The note a line of text states for the rows below it; None for a row's own, which figures follow on its
    line ("Capital expenditures (USD thousands)  $2,010  $14,000"), and for a bare "(millions)"."""
    m = next(_notes(line, 0, len(line)), None)
    if m is None or m.group("bare") or _own_row(line, m):
        return None
    return read_note(line)


def note_line(line: str, note: UnitNote | None) -> bool:
    """Whether a line of text is a unit note of its own, for the rows below: it opens with the note ("(In
    thousands, except per share amounts)", "In thousands of U.S. dollars") or is one bracket holding it
    ("(unaudited, in thousands)"). Such a line is no first line of the label of the row under it. `note` is the
    line's `table_note`, which its reader has read already (None for most lines: no note to place)."""
    if note is None:
        return False
    m, text = next(_notes(line, 0, len(line))), line.strip()  # (a note read: the line holds its words)
    return not line[:m.start()].strip(" \t([") or text[:1] == "(" and text[-1:] == ")" and text.count("(") == 1


# the words a unit note wrapped over lines goes on with ("$ in millions," / "except per share" / "data"), up to the
# bracket closing it
_NOTE_GOES_ON = regex.compile(
    r"(?i)\s*(?:(?:except|excluding|other\s+than|and|for|per|shares?|units?|ADSs?|data|amounts?|information|figures"
    r"|ratios?|percentages?|numbers?|of|which|are|is|presented|stated|in|thousands|millions|billions)\b[\s,;]*)+\)?")
# a note's line that leaves it unfinished: ending on a comma, an open bracket or a word the note goes on after
_NOTE_UNFINISHED = regex.compile(r"(?i)(?:[,(]|\b(?:except|excluding|and|per|share|of|for|in))\s*$")


class NoteLines:
    """The text lines above a table's rows that print its unit note, however the note wraps: the line opening it
    (`note_line`) and those going on with its words while it is unfinished ("$ in millions," / "except per share"
    / "data"). None of them is a line of the label of the row below; a line of other words closes the note."""

    def __init__(self):
        self.depth, self.unfinished = 0, False

    def takes(self, line: str, note: UnitNote | None) -> bool:
        """Whether the line is the note's (`note`: the one `table_note` reads on it)."""
        text = line.strip()
        # (going on with its exceptions, or with the currency its scale is of: "(in thousands of" / "Canadian dollars")
        if not note_line(line, note) and not (self.unfinished and (_NOTE_GOES_ON.match(text) or _ANY_CURRENCY.match(text))):
            self.close()
            return False
        self.depth = max(0, self.depth + text.count("(") - text.count(")"))
        self.unfinished = self.depth > 0 or bool(_NOTE_UNFINISHED.search(text))
        return True

    def header(self, line: str) -> None:
        """A header of periods may print a note's first words and leave its bracket open for the lines below
        ("(in thousands of   2024   2023" / "Canadian dollars" / "except per Unit" / "amounts)")."""
        m = next(_notes(line, 0, len(line)), None)
        opened = line.count("(") - line.count(")")
        if m is not None and not m.group("bare") and opened > 0 and "(" in line[:m.start()]:
            self.depth, self.unfinished = opened, True
        else:
            self.close()

    def close(self) -> None:
        self.depth, self.unfinished = 0, False


MAX_STACKED = 3  # header lines a note may be stacked over


def stacked_note(lines: list[str]) -> UnitNote | None:
    """A unit note stacked in the label column of a header of several lines, a word a line ("EUR" over "million",
    each beside the names of the columns): the first words of the last header lines, when together they are a
    note and nothing else (the first words of rows a wire wrapped may hold a note's word by chance)."""
    for k in range(2, min(MAX_STACKED, len(lines)) + 1):
        words = " ".join(line.split(maxsplit=1)[0] for line in lines[-k:])
        m = next(_notes(words, 0, len(words)), None)
        if m is not None and not m.group("bare") and len(words) - len(m.group(0)) <= 2:
            return read_note(words)
    return None


# a label right after a note: the note heads the rows, as in a table a wire flattened ("Totals (in $ thousands)Net
# loss (306) (433)"); a row's own note ends its label ("Revenue (in millions)  $900")
_LABEL_AFTER = regex.compile(r"[ \t)\]]*[A-Za-z]{2}")


def _own_row(text: str, m) -> bool:
    """Whether a note is a row's own: figures follow it on its line, no period names them and no label stands
    between."""
    line_end = text.find("\n", m.end())
    rest = text[m.end(): len(text) if line_end < 0 else line_end]
    opened = text[text.rfind("\n", 0, m.start()) + 1: m.start()]
    if opened.count("(") > opened.count(")") and ")" in rest:
        rest = rest[rest.index(")"):]  # the note goes on to its bracket's end: "(in thousands of tons)  1,050"
    return bool(_FIGURE_AFTER.search(rest)) and not _PERIOD_WORD.search(rest) and not _LABEL_AFTER.match(rest)


# a scale of share counts a note states apart from its amounts' ("(In millions, shares in thousands)", "except
# share amounts, which are in millions"): it replaces the amounts' scale for counts, which would otherwise take it
_OWN_SHARE_SCALE = regex.compile(
    r"(?i)(?<!\bper[\s-]+)\bshares?(?:\s+(?:amounts|data|counts|numbers|outstanding|information))?\s*,?\s+(?:(?:which|that)\s+)?"
    r"(?:(?:are|is)\s+)?(?:(?:presented|stated|reported|shown|expressed)\s+)?in\s+(?P<scale>thousands|millions|billions)\b"
    r"|\b(?P<scale>thousands|millions|billions)\s+of\s+shares\b")
# "(in millions of dollars and shares)": the amounts' scale is the shares' too. A note printing the shares' own
# scale after them ("(In millions of dollars, shares in thousands)") is `_OWN_SHARE_SCALE`'s, read first
_SHARED_SCALE = regex.compile(
    r"(?i)\bin\s+(?P<scale>thousands|millions|billions)\s+of\s+(?:[\w.]+\s+)?(?:dollars|euros|pounds)\s*(?:,|and|&)\s*"
    r"shares\b")


@lru_cache(maxsize=4096)
def read_note(note: str) -> UnitNote | None:
    """The scales a note states ("in thousands, except share data", "(in millions)", "(in millions, shares in
    thousands)") and the currency it names; None when it states none."""
    read = _read_note(note)
    own = _OWN_SHARE_SCALE.search(note) or _SHARED_SCALE.search(note) if read is not None and read.scale else None
    if own:
        read = UnitNote(read.text, read.scale, Decimal(SCALES[own.group("scale").lower()]), read.currency)
    return read


def _read_note(note: str) -> UnitNote | None:
    m = next(_notes(note, 0, len(note)), None)
    if not m:
        return None
    currency = _currency(m.group("cur")) if m.group("cur") else _named_currency(note)
    if m.group("bare"):
        return UnitNote(note, None, Decimal(SCALES[m.group("bare").lower()]))  # a row's count, never its amounts
    whole = m.group("only") is not None  # money in whole units of the currency named
    if whole:
        m = _UNIT_NOTE.search(note, m.end())  # "(In dollars, except shares presented in millions)"
        if m is None or m.group("only") is not None:
            return UnitNote(note, Decimal(1), None, currency)
    scale = SCALES.get((m.group("scale") or m.group("short") or "").lower().lstrip("'"))
    if scale is None:
        return UnitNote(note, Decimal(1) if whole else None, currency=currency)
    if _SHARES_ONLY.search(note, max(0, m.start() - 40), m.start()) and not _MONEY_TOO.search(note, 0, m.start()):
        return UnitNote(note, Decimal(1) if whole else None, Decimal(scale), currency)
    what = _NOTE_WHAT.search(note, 0, m.start())
    of_money = m.group("after") is not None or bool(_OF_MONEY.match(note, m.end()))
    if of_money or (what and "share" not in what.group("what").lower() and not _SHARES_TOO.search(note)) \
            or _excepts_shares(note):
        return UnitNote(note, Decimal(scale), None, currency)
    return UnitNote(note, Decimal(scale), Decimal(scale), currency)


@lru_cache(maxsize=1024)
def row_note(label: str | None) -> UnitNote | None:
    """A row that states its own unit: "Net operating income (in millions)", "Revenues (US$ millions)"."""
    note = read_note(label) if label else None
    return note if note and ("in " in label.lower() or note.currency or note.scale is None) else None


_ANY_CURRENCY = regex.compile(rf"(?i)(?<![\w$€£¥.]){_CUR}")


def _named_currency(note: str) -> str | None:
    """The currency a note names apart from its scale: "(in thousands of Canadian dollars)"."""
    m = _ANY_CURRENCY.search(note)
    return _currency(m.group("cur")) if m else None


def _currency(name: str) -> str | None:
    return _CURRENCIES.get(name) or _CURRENCIES.get(" ".join(name.lower().split()))


# a note excepting per-share figures from its scale: "in millions, except per share data", "except EPS"
_EXCEPT_PER_SHARE = regex.compile(r"(?i)\bexcept\b[^)]{0,40}?(?:\bper[\s-]+(?:share|unit)|\bEPS\b)")


def excepts_per_share(note: str) -> bool:
    """Whether a note leaves per-share figures out of its scale (they print their own decimals)."""
    return _EXCEPT_PER_SHARE.search(note) is not None


def _excepts_shares(note: str) -> bool:
    """"except share and per share data": share counts are printed whole (per-share figures always are)."""
    m = _EXCEPT.search(note)
    if not m:
        return False
    clause = _PER_SHARE.sub(" ", m.group("clause"))
    return bool(_SHARE_WORD.search(clause)) and not _SCALE_WORD.search(clause)


def wrapped_note(lines: list[str]):
    """A unit note a header wraps over lines, from its opening bracket to the one closing it ("(In dollars,
    except" / "shares outstanding" / "presented in millions)   2024   2023")."""
    for k, line in enumerate(lines):
        if (opened := line.count("(") - line.count(")")) > 0:
            for j in range(k + 1, len(lines)):
                if (close := closing(lines[j], opened)) is not None:
                    return read_note(" ".join([*lines[k:j], lines[j][:close]]))
                opened += lines[j].count("(") - lines[j].count(")")
            return None
    return None

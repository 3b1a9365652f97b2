"""Release metadata: dateline place and date, wire service, issuer, tickers, defined terms.

Works on the text and the date mentions already found: the dateline date is
the first date mention inside the dateline, so dates are parsed in one place.
"""

from __future__ import annotations

import bisect

import regex

from ..models import Mention, Metadata, Ticker
from ..rules.prefilter import required_words

_EXCHANGES = (
    r"NYSE\s+American|NYSE\s+Arca|NYSE\s+MKT|NYSE|NASDAQ|Nasdaq(?:\s+(?:GS|GM|CM|Global\s+Select|Global|Capital\s+Market))?|"
    r"OTCQB|OTCQX|OTC\s?Pink|OTC\s?Markets|OTCPK|OTCBB|OTC|TSXV|TSX-V|TSX\s+Venture|TSX|CSE|ASX|AIM|LSE|NEO|Cboe(?:\s+Canada)?|CBOE|"
    r"AMEX|FSE|Frankfurt|XETRA|HKEX|SGX|JSE|B3|BMV|Euronext(?:\s+\w+)?|OMX|SIX|NZX|TASE|KRX|TWSE|NSE|BSE"
)
# (NYSE: ACME; TSX: ACM). White space is taken whole (`*+`: what follows never starts with a space) and a
# group holds at most 12 tickers: an unclosed "(NYSE: A NYSE: A ..." made the engine back out of every
# split of every run of spaces, and out of a long repeated group in time quadratic in its length.
_TICKER_GROUP = regex.compile(
    r"\((?P<body>(?:\s*+(?:" + _EXCHANGES + r")\s*+:\s*+[A-Z0-9.\-]{1,10}\s*+[;,/|]?\s*+(?:and\s++)?){1,12})\)"
)
_TICKER = regex.compile(r"(?P<exchange>" + _EXCHANGES + r")\s*:\s*(?P<symbol>[A-Z0-9.\-]{1,10})")
_WIRE = regex.compile(
    r"(?i)(?:/|\(|--\s*|\b)(?P<wire>PRNewswire(?:-FirstCall)?|PR\s+Newswire|GLOBE\s+NEWSWIRE|GlobeNewswire|Business\s+Wire|BUSINESS\s+WIRE|"
    r"ACCESS\s+Newswire|ACCESSWIRE|Accesswire|Newsfile\s+Corp\.|Newsfile|CNW|Marketwired|Marketwire|NewMediaWire|News\s+Direct|"
    r"EQS-News|EQS Newswire|PRWeb|Newswire|citybiz|IBN|InvestorBrandNetwork|NewsRamp)\b"
)
_WIRE_WORDS = required_words(_WIRE.pattern)


def _wire(text: str, start: int, end: int) -> str | None:
    """The wire named between start and end. Its name is looked for (case-insensitive, after a slash, a bracket
    or a word break) only where one of the words it needs is: tried at every character, the search was half
    of the metadata's time."""
    window = text[start:end].lower()
    if not any(word in window for word in _WIRE_WORDS):
        return None
    wire = _WIRE.search(text, start, end)
    return " ".join(wire.group("wire").split()) if wire else None


# A defined term: Hong Kong Boone Group Limited ("Boone Group"), (the "Company"), (collectively, the "Notes")
_DEFINED = regex.compile(
    r"\((?:(?:hereinafter|collectively|together|each|individually)[,\s]+)?(?:referred\s+to\s+as\s+)?(?:the\s+|an?\s+)?[\"“](?P<alias>[^\"”\n]{1,60})[\"”]"
    r"(?:\s+or\s+(?:the\s+)?[\"“](?P<alias2>[^\"”\n]{1,60})[\"”])?\)"
)
# The name a defined term stands for: the capitalised words just before the parenthesis. Searched backwards
# (`(?r)`) from the parenthesis: every match ends there, and the one the engine finds first, taking as many
# words as it can, is the one a forward search finds, which tried every start in the window (46 µs a term).
_FULL_NAME = regex.compile(r"(?r)(?P<full>(?:\p{Lu}[\w.&'’-]*,?\s+(?:(?:of|and|de|the|&)\s+)?){0,8}\p{Lu}[\w.&'’-]*)?,?\s*$")
_ISSUER_BEFORE_TICKER = regex.compile(r"(?P<name>(?:\p{Lu}[\w.&'’\-]*,?\s+(?:(?:of|and|the|&|de)\s+)?){0,8}(?:\p{Lu}[\w.&'’\-]*|Inc\.|Corp\.|Ltd\.|plc|N\.V\.|S\.A\.))\s*,?\s*$")
# A dateline starts with up to six capitalised words (NEW YORK, / Toronto, Ontario -- / SAN DIEGO (BUSINESS WIRE)).
# Each word is taken whole (possessive `*+`): a word may hold capitals and hyphens, and letting the engine
# split it into up to six "words" every way made a capitalised hyphenated line (NON-GAAP-ADJUSTED-EBITDA-...)
# take time growing as a high power of its length (a second at 55 characters, hours at 1 KB). A word ends
# where a letter run ends, and neither the separators nor the terminator can start inside a run, so no
# match needs a split word.
_DATELINE_START = regex.compile(r"\s*(?:\p{Lu}[\p{L}.'’-]*+[ ,]*){1,6}(?:,|\s--|\s/|\s-|\s\()")
_LINE = regex.compile(r"[^\n]+")


def _dateline_region(text: str, date_mentions: list[Mention]) -> tuple[int, int] | None:
    """The dateline is the first line (after the title) that starts with a place and carries a date."""
    limit = min(len(text), 3000)
    date_mentions = sorted(date_mentions, key=lambda d: d.start)  # (they come in text order already)
    starts = [d.start for d in date_mentions]
    for m in _LINE.finditer(text, 0, limit):
        if _DATELINE_START.match(m.group(0)):
            i = bisect.bisect_left(starts, m.start())
            stop = min(m.end(), m.start() + 160)
            while i < len(starts) and starts[i] < stop:
                if len(date_mentions[i].value) == 10:
                    return m.start(), date_mentions[i].end
                i += 1
    return None

# compiled once: read_metadata runs per release, and regex's cache lookup per call is not free
_PLACE_END = regex.compile(r"\s*(?:--|—|–|/|\()\s*")
_PLACE_TRAIL = regex.compile(r"[\s,\-–—/]+$")
_PLACE_SPACES = regex.compile(r"\s+(?=,)|(?<=\s)\s+")  # blanked Markdown leaves runs of spaces
_DASHES = regex.compile(r"(?:--|—|–|/|\s-\s)\s*")
_LEADING_WORD = regex.compile(r"^(?:The|the|today|Today|and|that)\s+")


def read_metadata(text: str, mentions: list[Mention]) -> Metadata:
    meta = Metadata()
    date_mentions = [q for q in mentions if q.kind == "date"]
    region = _dateline_region(text, date_mentions)
    if region:
        start, date_end = region
        date = next(d for d in date_mentions if d.end == date_end)
        meta.dateline_date = date.value
        place = text[start : date.start]
        place = _PLACE_END.split(place)[0]
        place = _PLACE_TRAIL.sub("", place).strip()
        place = _PLACE_SPACES.sub("", place)  # blanked Markdown leaves runs of spaces
        meta.dateline_place = place or None
        wire = _wire(text, start, min(len(text), date_end + 120))
    else:
        wire = _wire(text, 0, min(len(text), 2000))
    if wire:
        meta.wire = wire

    for group in _TICKER_GROUP.finditer(text):
        for t in _TICKER.finditer(group.group(0)):
            meta.tickers.append(
                Ticker(exchange=" ".join(t.group("exchange").split()), symbol=t.group("symbol").rstrip("."),
                       start=group.start() + t.start(), end=group.start() + t.end())
            )
        if meta.issuer is None:
            before = text[max(0, group.start() - 200) : group.start()]
            before = before.split("\n")[-1]
            before = _DASHES.split(before)[-1]
            name = _ISSUER_BEFORE_TICKER.search(before)
            if name:
                meta.issuer = _clean_name(name.group("name"))

    for m in _DEFINED.finditer(text):
        before = _FULL_NAME.search(text, max(0, m.start() - 160), m.start())
        full = before.group("full") if before else None
        for alias in (m.group("alias"), m.group("alias2")):
            if not alias or alias in meta.aliases:
                continue
            alias = alias.strip(" ,")
            if full:
                meta.aliases[alias] = _clean_name(full)
            elif alias.lower() in ("company", "issuer") and meta.issuer:
                meta.aliases[alias] = meta.issuer
    if meta.issuer:
        for alias in ("Company", "company", "Issuer"):
            if meta.aliases.get(alias) in (None, "") and alias in meta.aliases:
                meta.aliases[alias] = meta.issuer
    return meta


def _clean_name(name: str) -> str:
    name = " ".join(name.split()).strip(" ,")
    name = _LEADING_WORD.sub("", name)
    return name

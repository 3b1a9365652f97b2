"""Which of many rule patterns can match a text at all, from one pass of Hyperscan instead of one regex scan each.

Most patterns find nothing in most releases (no CUSIP, no street address, no "1-for-10", no "(2023: $X)"),
yet each regex scan over a release costs about as much as the scans that find something. Hyperscan (Intel's
multi-pattern engine) reads every pattern in one pass. It cannot run our patterns as written (look-arounds,
possessive repeats, captures), so each is compiled in its *prefilter* mode, an approximation that matches a
superset of what the pattern matches, after two loosenings of our own that only widen it further: group names
dropped, and a bounded repeat over a few characters (`{0,80}`) left unbounded, which keeps the automaton small
(compiled as written, one fact pattern takes a minute). A pattern with no match in that pass cannot match, and
its regex scan is skipped; the others run exactly as before, so the same mentions and facts are found, sooner.

Hyperscan reads bytes, and its classes are ASCII (`\\w`, `\\d`, `\\s`, `\\b`), while the patterns' are Unicode.
So it reads a copy of the text, one ASCII character for each character: a character a pattern names (`€`,
`–`, `⟨`) becomes a control character of its own, written the same way into the patterns; any other one
stands for its class: a Unicode digit `0`, a space ` `, a word character `a`, anything else a control
character no pattern names. A text holding a named character that is a word, digit or space character (`ä`),
or a letter whose case folds to ASCII (`K`, the Kelvin sign), has no faithful copy: every pattern runs on it.

A pattern that can only start at a few places (after one of a few words, or after a look-behind naming some)
also gets a *gate* when asked for (`gates=True`, `gates.py`): compiled exactly in a second database that
reports those places (`Prescan.scan`), where alone the pattern is then tried (`gates.matches`).

Optional: without the `hyperscan` package (wheels for x86-64 Linux, macOS and Windows), or with
PRFACTS_PRESCAN=0, `possible` answers None and the caller keeps its required-word test. The compiled
database is cached on disk (it takes seconds to build), keyed by the patterns and the Hyperscan version.
"""

from __future__ import annotations

import os
import threading
from typing import Sequence

import regex

from . import gates as gating
from . import hsdb
from .patterntext import anchored

try:
    import hyperscan
except ImportError:  # pragma: no cover - platforms without a wheel
    hyperscan = None

_NAMED_GROUP = regex.compile(r"\(\?P<\w+>")
_BACKREF = regex.compile(r"\(\?P=\w+\)")  # the same text again: any text is a superset
_BOUNDED = regex.compile(r"(?<!\\)\{(\d*),(\d+)\}")
_DIGIT, _SPACE, _WORD = regex.compile(r"\d"), regex.compile(r"\s"), regex.compile(r"\w")
_NON_ASCII = regex.compile(r"[^\x00-\x7f]")
_FOLDS_TO_ASCII = regex.compile(r"(?i)[a-z]")  # as the patterns fold case: "K" (Kelvin) is "k", "ß" is not "ss"
# Control characters free to stand for the named characters (not \t \n \v \f \r, which classes name).
_CODES = [chr(c) for c in range(0x0E, 0x20)] + [chr(c) for c in range(0x02, 0x09)]
_OTHER = "\x01"
_BUILDING = threading.Lock()
_KNOWN_FLAGS = regex.V0 | regex.U | regex.I | regex.A


def enabled() -> bool:
    return hyperscan is not None and os.environ.get("PRFACTS_PRESCAN", "1") != "0"


class Prescan:
    """For a text, the indexes of the patterns that may match it (None: run them all)."""

    def __init__(self, patterns: Sequence[regex.Pattern], gates: bool = False):
        # A user rule's pattern comes wrapped on the document's clock (`rules.TimedPattern`): read the regex inside.
        inner = [getattr(p, "pattern", p) if not isinstance(p.pattern, str) else p for p in patterns]
        self.sources = [(p.pattern, p.flags) for p in inner]
        named = sorted({c for p, _ in self.sources for c in p if ord(c) > 127})
        self.codes = dict(zip(named, _CODES)) if len(named) <= len(_CODES) else None
        self.gates = {i: g for i, (p, f) in enumerate(self.sources) if gates and (g := gating.gate(p, f))}
        self.gated: frozenset[int] = frozenset()  # the patterns with a gate, once prepared
        self._gates = None
        self._from_start: frozenset[int] = frozenset()
        self._db = None
        self._compiled: frozenset[int] = frozenset()
        self._always: frozenset[int] = frozenset()
        self._local = threading.local()
        self._stand_ins: dict[str, str | None] = {}

    def __getstate__(self):  # a worker process loads (or builds) the database on first use
        return {**self.__dict__, "_db": None, "_compiled": frozenset(), "_always": frozenset(), "_stand_ins": {},
                "_local": None, "_gates": None, "gated": frozenset(), "_from_start": frozenset()}

    def __setstate__(self, state):
        self.__dict__.update(state, _local=threading.local())

    def prepare(self) -> None:
        """Build (or load from the cache) the database now: a first build takes seconds, which must not count
        against the first document's time budget."""
        if not enabled() or self.codes is None or self._db is not None:
            return
        with _BUILDING:  # two threads must not build (and cache) the database at once
            if self._db is None:
                db, self._compiled = _database([self._loosened(p, f) for p, f in self.sources])
                self._always = frozenset(range(len(self.sources))) - self._compiled  # what Hyperscan refused
                self._gates, self.gated = gating.database(
                    {i: (g.source(self.codes), g) for i, g in self.gates.items()})
                self._from_start = frozenset(i for i in self.gated if self.gates[i].at_start)
                self._db = db  # last: another thread takes a set database as a ready one

    def possible(self, text: str) -> set[int] | None:
        return self.scan(text)[0]

    def scan(self, text: str) -> tuple[set[int] | None, dict[int, list[int]]]:
        """`possible`, and for each gated pattern (`gated`) the offsets where it may start, in text order (a
        gated pattern with none cannot match)."""
        if not enabled() or self.codes is None:
            return None, {}
        if self._db is None:
            self.prepare()
        copy = self._copy(text)
        if copy is None:
            return None, {}
        data = copy.encode("ascii")
        found: set[int] = set(self._always)
        if self._compiled:
            self._db.scan(data, match_event_handler=lambda i, *_: found.add(i), scratch=self._scratch("scratch"))
        starts: dict[int, list[int]] = {}
        if self.gated:
            first = self._from_start
            self._gates.scan(data, match_event_handler=lambda i, a, b, *_: starts.setdefault(i, []).append(
                a if i in first else b), scratch=self._scratch("gate_scratch"))
            for i, at in starts.items():
                starts[i] = sorted(set(at))  # reported as each match ends, a place once for each word found there
        return found, starts

    def _scratch(self, name: str):
        """A scan's working memory, one per thread and database: threads sharing an analyzer (a Dask
        worker's) would otherwise scan with the same one at once."""
        scratch = getattr(self._local, name, None)
        if scratch is None:
            scratch = hyperscan.Scratch(self._db if name == "scratch" else self._gates)
            setattr(self._local, name, scratch)
        return scratch

    def _loosened(self, pattern: str, flags: int) -> tuple[str, int] | None:
        if flags & ~_KNOWN_FLAGS:
            return None  # a flag Hyperscan has no counterpart for: the pattern always runs
        pattern = _BACKREF.sub(r"(?:[\\s\\S]*)", _NAMED_GROUP.sub("(?:", anchored(pattern)))
        # `{,n}` is `{0,n}` to `regex` and a literal to Hyperscan's parser: always write the lower bound.
        pattern = _BOUNDED.sub(lambda m: f"{{{m.group(1) or 0},{m.group(2) if int(m.group(2)) <= 4 else ''}}}", pattern)
        return pattern.translate({ord(c): code for c, code in self.codes.items()}), bool(flags & regex.I)

    def _copy(self, text: str) -> str | None:
        if text.isascii():
            return text
        # A release holds a handful of distinct non-ASCII characters: one replace each is far quicker than a
        # translate() that looks every character up.
        for ch in set(_NON_ASCII.findall(text)):
            if ch not in self._stand_ins:
                self._stand_ins[ch] = self._stand_in(ch)
            if self._stand_ins[ch] is None:
                return None
            text = text.replace(ch, self._stand_ins[ch])
        return text

    def _stand_in(self, ch: str) -> str | None:
        """The ASCII character that stands for `ch` in the copy; None when none is faithful."""
        if _FOLDS_TO_ASCII.match(ch):
            return None
        classy = bool(_DIGIT.match(ch) or _SPACE.match(ch) or _WORD.match(ch))
        if ch in self.codes:
            return None if classy else self.codes[ch]
        if _DIGIT.match(ch):
            return "0"
        if _SPACE.match(ch):
            return " "
        return "a" if _WORD.match(ch) else _OTHER


def _database(patterns: list[tuple[str, int] | None]):
    base = hyperscan.HS_FLAG_PREFILTER | hyperscan.HS_FLAG_SINGLEMATCH | hyperscan.HS_FLAG_ALLOWEMPTY
    flags = [base | (hyperscan.HS_FLAG_CASELESS if p and p[1] else 0) for p in patterns]
    return hsdb.database([p[0] if p else None for p in patterns], flags, "prescan")

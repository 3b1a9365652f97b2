"""What a title's figure asks of a body figure bound to it (`restatewords.py`, `restateheadslips.py`,
`restatemisprints.py`): to name a word of the title as the title names it. A headline's figure and one body
figure of its kind were bound by whatever word the two shared, the issuer's name among them ("Marvex Raises $150
Million" and "Marvex used the proceeds to repay $105 million"), and a slip in their digits was flagged though they
are two things: another act, a part ("Cloud revenue" under "Revenue Rises"), another period, a stock beside a
flow ("its order backlog" under "Wins $4.2 Million Order"), another price."""

from __future__ import annotations

import regex

from ..models import Mention
from .restatephrase import modified
from .subjects import WORD, Reading, content_words, headline_end, stem, stems, stop_words


class Topic:
    """Whether a body figure's clause names what the headline names: a word of the headline other than a name
    (the issuer's, a product's: "Marvex Raises $150 Million" and "Marvex used the proceeds to repay $105
    million" are two sums of one company), not modified in the body by a word the headline lacks ("Cloud
    revenue", "full-year revenue", "sale price" under "Revenue", "Quarter Revenue", "Prices": a part, another
    period, another measure), and no word of a stock the headline does not name ("backlog", "now", "holds":
    "Wins $4.2 Million Order" and "brings its order backlog to $4.2 billion" are one order and all of them)."""

    def __init__(self, options, reading: Reading, end: int):
        self.modifiers = stems(str(options.get("topic_generic_modifiers", "")))
        self.stock = stems(str(options.get("stock_words", "")))
        self.flow = stems(str(options.get("flow_words", "")))
        self.generic = stems(str(options.get("generic_after_words", "")))
        self.reading, self._proper, self._titled = reading, None, None
        self.parted: dict[int, list[Mention]] = {}  # a body figure's title figures, named otherwise
        self.end = end  # where the headline and its subheads end (`subjects.titles_end`)

    def titled(self) -> frozenset[str]:
        """The words the headline and its subheads name, read once."""
        if self._titled is None:
            self._titled = frozenset(content_words(self.reading.text[:self.end]))
        return self._titled

    def member(self, h: Mention, m: Mention, names, named: set[str], titled) -> bool:
        """Whether body figure `m` names one of the title's words `named` (its clause's last eight words): a
        member of title figure `h`'s family, which the family binds to `h` only where `m` names the word as the
        title names it (modified by none or one of the words `titled`); two body members may still be bound."""
        words = names.words(m, 8)
        if named.isdisjoint(words):
            return False
        if not self.named_alike(m, set(named).intersection(_roots(words)), titled, words):
            self.parted.setdefault(m.id, []).append(h)
        return True

    def separate(self, x: Mention, y: Mention) -> bool:
        """Whether a body figure named otherwise than a title's figure (`member`) is the other figure or prints
        its value (the title's figure told again): two things, whatever a name's family or a misprint says."""
        return any(self._agrees(b, h) for a, b in ((x, y), (y, x)) for h in self.parted.get(a.id, ()))

    def _agrees(self, m: Mention, h: Mention) -> bool:
        lo, hi = self.reading.interval(m)
        glo, ghi = self.reading.interval(h)
        return m is h or lo <= ghi and glo <= hi

    def stocked(self, m: Mention, words, titled) -> bool:
        """Whether a figure's naming `words` name a stock the title's words do not, under a title telling a flow,
        unless the verb right before the figure is the title's flow ("the wind farm, now operating, adds 183
        megawatts" under "Adds 138 Megawatts")."""
        flows = self.flow.intersection(titled)
        if not flows or not any(w in self.stock and w not in titled for w in words):
            return False
        verb = _VERB_BEFORE.search(self.reading.text, max(0, m.start - 24), m.start)
        return verb is None or flows.isdisjoint(_roots((stem(verb.group(1)),)))

    def allows(self, x: Mention, y: Mention, of, scale: bool = False) -> bool:
        """Whether two figures, named by `of`, may be bound: unless one stands in the title and the other in the
        body named otherwise than the title names it (`title_alike`). For the same digits a thousand apart
        (`scale`) a word both name, a name's left out, is enough, wherever it stands in the body's clause."""
        inside = [m.cell is None and m.end <= self.end for m in (x, y)]
        if inside[0] == inside[1]:
            return not self.separate(x, y)
        h, m = (x, y) if inside[0] else (y, x)
        return self.title_alike(m, of(h), of(m), modified(h, self.reading) - self.generic, scale)

    def title_alike(self, y: Mention, h_words, y_words, h_after=frozenset(), scale: bool = False) -> bool:
        """Whether body figure `y` is named as a title figure is (by `y_words` and `h_words`): no stock the title
        lacks, and a word both name that the body figure modifies ("$30 Billion in Port Upgrades", "our $30 million
        port investment program") or that stands before `y` as `named_alike` asks; or a word both figures modify
        (`h_after`, the title figure's: "5.2 Million Tons of Distillers Grain" over "5.2 million tons of wet
        distillers grain", whatever words each clause names it by)."""
        titled, after = self.titled(), modified(y, self.reading) - self.generic
        if self.stocked(y, y_words, titled):
            return False
        shared = set(h_words).intersection(y_words)
        if not shared.isdisjoint(after) or not after.isdisjoint(h_after):
            return True
        if scale:
            # a part ("Cloud revenue" under "Revenue") or another period rounds near a title's figure as often as
            # not; the same digits a thousand-fold apart it prints by chance only: the shared word may stand anywhere
            # ("the Board of Directors authorized the addition of $5.0 billion" under "Board authorized an
            # additional $5.0 million")
            return bool(shared - self._proper_words())
        return self.named_alike(y, shared - after, titled, y_words)

    def _proper_words(self) -> frozenset[str]:
        if self._proper is None:
            # (read past the subheads too: a title-case subhead, "Record Revenue Driven by Cloud Demand", prints
            # every word capitalised and would make any of them a name)
            self._proper = _proper_names(self.reading.text, max(self.end, headline_end(self.reading.text)))
        return self._proper

    def named_alike(self, m: Mention, shared: set[str], titled, words) -> bool:
        """Whether one of the `shared` words, a name's left out, stands before `m` in its sentence modified by
        none or a title's word, and none of the figure's naming `words` is a stock's the title lacks."""
        shared = shared - self._proper_words()
        if not shared or self.stocked(m, words, titled):
            return False
        text, stop = self.reading.text, stop_words()
        lo = self.reading.bounds.sentence_of(m.start, m.end)[0]
        before = article = None
        for w in WORD.finditer(text, max(lo, m.start - 240), m.start):
            s = stem(w.group())
            if not shared.isdisjoint(_roots((s,))) and (before is None or not text[before[1]:w.start()].isspace() or before[0] in titled
                                or before[0] in stop or before[0] in self.modifiers or article):
                return True  # the headline's word, unmodified, modified alike or told as one ("a state grant")
            article = before is not None and before[0] in ("a", "an") and text[before[1]:w.start()].isspace()
            before = (s, w.end())
        return False


# the word right before a figure, maybe its verb ("adds 183 megawatts")
_VERB_BEFORE = regex.compile(r"([A-Za-z]+)\s+(?:[$€£]\s?)?$")
# a name's word inside prose: after a lowercase word or a comma ("said Marvex"), before a possessive or before
# another capitalised word that a lowercase word follows ("Marvex Corp. closed", "Juniper Mining reported")
_NAME_BEFORE = regex.compile(r"[a-z,]\s+$")
_NAME_AFTER = regex.compile(r"['’]s\b|\s+[A-Z][\w.&-]*\s+[a-z]")


def _roots(words) -> set[str]:
    """Words with the roots of their past and present participles ("raised" is "raise", "adding" "add")."""
    out = set(words)
    for w in words:
        if w.endswith("ed") and len(w) > 4:
            out.update((w[:-1], w[:-2]))
        elif w.endswith("ing") and len(w) > 5:
            out.update((w[:-3], w[:-3] + "e"))
    return out


def _proper_names(text: str, end: int) -> frozenset[str]:
    """The headline's capitalised words the body prints only capitalised, once at least inside a sentence or
    before another capitalised word ("Marvex Corp. closed", "Juniper Mining reported"): names, not what a figure
    is. (Found by plain search in the lowered text, each word's printings read where they stand.)"""
    out, low = set(), None
    for w in set(WORD.findall(text, 0, end)):
        if not w[0].isupper() or len(w) < 2:
            continue
        low = text.lower() if low is None else low
        key, at, seen = w.lower(), low.find(w.lower(), end), False
        while at >= 0:
            stop = at + len(key)
            if (at == 0 or not _in_word(text[at - 1])) and (stop == len(text) or not _in_word(text[stop])):
                if not text[at].isupper():
                    break
                seen = seen or _NAME_BEFORE.search(text, max(end, at - 3), at) is not None \
                    or _NAME_AFTER.match(text, stop, stop + 40) is not None
            at = low.find(key, stop)
        else:
            if seen:
                out.add(stem(w))
    return frozenset(out)


def _in_word(c: str) -> bool:
    return c.isalnum() or c in "_-"

"""The matcher over text: each base pattern scanned, overlaps settled, candidates retyped by their contexts."""

from __future__ import annotations

from dataclasses import dataclass

import regex

from .compiler import QuantityRule, Recogniser
from ..rules.gates import matches


@dataclass
class Candidate:
    """A span a pattern matched, its rule, and the named groups it (and any context) captured."""

    start: int
    end: int
    rule: QuantityRule
    match: regex.Match
    kind: str = ""
    extra: dict | None = None
    unit: str | None = None
    refined_by: QuantityRule | None = None
    pattern: int = 0  # which of its rule's patterns matched

    @property
    def groups(self) -> dict:
        groups = {k: v for k, v in self.match.groupdict().items() if v is not None}
        if self.extra:
            groups.update(self.extra)
        return groups


def candidates(text: str, rec: Recogniser) -> list[Candidate]:
    # Spans first, as plain tuples: most matches (the digits inside a date, a phone number) lose the overlap,
    # and only the kept ones become Candidates. The running count keeps equal keys in scan order.
    found: list[tuple] = []
    possible, starts = rec.prescan.scan(text)
    gated = rec.prescan.gated if possible is not None else ()
    lowered = text.lower() if possible is None else ""
    k = -1  # the pattern's number across the scanners, as the prescan counts them
    for rule in rec.scanners:
        order = rule.order
        for n, (pattern, wide, words) in enumerate(zip(rule.patterns, rule.wide, rule.requires)):
            k += 1
            if possible is not None:
                if k not in possible:
                    continue  # the one pass over all patterns found no match for it: a scan would find none
            elif words and not any(word in lowered for word in words):
                continue  # the pattern cannot match without one of them: a scan would find nothing
            has_span = "span" in pattern.groupindex
            # a pattern that starts with one of a few words is tried only where they are
            for m in matches(pattern, text, starts.get(k, ())) if k in gated else pattern.finditer(text):
                start, end = m.span()
                if start == end:
                    continue
                if has_span and m.start("span") >= 0:
                    start, end = m.span("span")
                elif wide:
                    # Named groups belong to the mention, even inside a look-behind.
                    for name in pattern.groupindex:
                        s, e = m.span(name)
                        if s >= 0:
                            start, end = min(start, s), max(end, e)
                found.append((start, order, -end, len(found), rule, m, n))
    # Leftmost first; at one start the earlier rule, then the longer span.
    found.sort()
    kept: list[Candidate] = []
    reach = -1
    for start, _, end, _, rule, m, n in found:
        if start >= reach:
            kept.append(Candidate(start, -end, rule, m, rule.kind, pattern=n))
            reach = -end
            if rec.record is not None:
                rec.record("pattern", rule.id, n)
    return kept


def refine(c: Candidate, text: str, rec: Recogniser) -> None:
    """Retype a candidate by the first refining rule whose context matches around it.

    Contexts that read the words right after the figure ("%", "shares", "per
    share") are tried before those that read the words leading to it: what is
    glued to a number says more about it than what precedes it.
    """
    num = None  # the figure's digits, read once: a candidate meets dozens of contexts
    window = None  # the words before it, lower case, read once for the contexts that need a word there
    ahead = None  # and the words after it
    scaled = "scale" in c.match.re.groupindex and c.match.group("scale")
    for rule, n, ctx in rec.contexts(c.kind):
        if ctx.unscaled_only and scaled:
            continue
        if ctx.figure is not None:
            if num is None:
                num = c.groups.get("num") or ""
            if not ctx.figure.fullmatch(num):
                continue
        if ctx.after is not None:
            if ctx.requires:
                if ahead is None:
                    ahead = text[c.end:c.end + 120].lower()
                if not any(word in ahead for word in ctx.requires):
                    continue  # a match would span one of them
            m = ctx.after.match(text, c.end, min(len(text), c.end + 120))
        else:
            if ctx.requires:
                if window is None:
                    window = text[max(0, c.start - 160):c.start].lower()
                if not any(word in window for word in ctx.requires):
                    continue  # a match would span one of them
            m = ctx.before.search(text, max(0, c.start - 160), c.start)
            if m and ctx.unless_after is not None and ctx.unless_after.match(text, c.end, min(len(text), c.end + 40)):
                m = None
        if m is None:
            continue
        if rec.record is not None:
            rec.record("context", rule.id, n)
        c.extra = {**(c.extra or {}), **{k: v for k, v in m.groupdict().items() if v is not None}}
        if ctx.extend and ctx.after is not None:
            c.end = m.end()
        c.kind, c.unit, c.refined_by = rule.kind, ctx.unit, rule
        refine(c, text, rec)  # a refined kind may be refined again
        return


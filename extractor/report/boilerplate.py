"""Where a release's boilerplate is, so a report can fold it: safe-harbour and forward-looking statements,
"About <Company>" sections, contacts and media or investor relations blocks.

One mechanism for every kind: a section starts at a paragraph whose first line is a known heading ("About
Acme Corp.", "Forward-Looking Statements", "Media Contact:") or that opens the way such text opens ("This
press release contains forward-looking statements..."), and runs over the paragraphs after it until a
heading of the release's own, a table (or a fenced block or pipe row the reader did not take for one),
or the next boilerplate section. A paragraph that holds a finding is
never folded: it splits the section around it.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from itertools import accumulate

import regex

# (kind, heading: the whole first line, opening: how the first line of a paragraph begins)
_KINDS = (
    ("forward-looking statements",
     (r"(?:cautionary\s+|important\s+)?(?:note|notice|statements?|information)?\s*(?:regarding|about|on|concerning)?\s*"
     r"forward[-\s]looking\s+(?:statements?|information)|safe\s+harbou?r(?:\s+statements?)?|cautionary\s+"
     r"(?:note|statements?)|disclaimers?"),
     (r"(?:this|the)\s+(?:press|news)?\s*(?:release|announcement|article)\s+(?:contains|includes|may\s+contain)\b"
     r"[^.\n]{0,40}forward|(?:certain\s+)?statements\s+(?:made\s+)?in\s+this\s+(?:press|news)?\s*(?:release|"
     r"announcement|article)|(?:certain|all)\s+statements[^.\n]{0,60}forward[-\s]looking|safe\s+harbou?r\s+"
     r"statement")),
    ("about the company", r"about\s+[^\d\s].{0,70}", None),
    ("contacts",
     (r"(?:(?:media|press|investors?|investor\s+relations|ir|company|corporate)\s*(?:&|and)?\s*)*(?:contacts?|"
     r"relations|inquiries|enquiries)(?:\s+information|\s+info)?|media|press|investors?|for\s+(?:further|more)\s+"
     r"information,?\s+(?:please\s+)?contact|source"),
     None),
)
_HEADINGS = [(kind, regex.compile(rf"(?i)^\W{{0,4}}(?:{head})\W{{0,4}}\s*:?\s*$")) for kind, head, _ in _KINDS]
_OPENINGS = [(kind, regex.compile(rf"(?i)^\W{{0,4}}(?:{opening})")) for kind, _, opening in _KINDS if opening]
_CONTACT_LINE = regex.compile(r"(?i)^\W{0,4}(?:media|press|investors?|investor\s+relations)?\s*contacts?\s*:")
_PARAGRAPH = regex.compile(r"\S(?:.|\n(?![ \t]*\n))*")
_OWN_HEADING = regex.compile(r"^[^\n]{1,80}$")


@dataclass
class Fold:
    start: int
    end: int
    kind: str
    title: str  # the heading as printed, or the kind when the section has none


def _opens(first_line: str) -> tuple[str, bool] | None:
    """(kind, whether the line is a heading of its own) when a paragraph starts a boilerplate section."""
    line = first_line.strip()
    if len(line) <= 80:
        for kind, pattern in _HEADINGS:
            if pattern.match(line):
                return kind, True
    for kind, pattern in _OPENINGS:
        if pattern.match(line):
            return kind, False
    return ("contacts", True) if _CONTACT_LINE.match(line) else None


def _own_heading(paragraph: str) -> bool:
    """A short line of the release's own that ends no sentence: the next section of the news."""
    return bool(_OWN_HEADING.match(paragraph)) and paragraph.rstrip()[-1] not in ".,;:!?)" \
        and paragraph.lstrip()[:1].isupper()


def _overlaps(spans: list[tuple[int, int]]):
    """A test whether [a, b) overlaps one of `spans`, in log time: of the spans that start before b,
    the one reaching furthest must end after a."""
    spans = sorted(spans)
    starts = [s for s, _ in spans]
    reach = list(accumulate((e for _, e in spans), max))

    def test(a: int, b: int) -> bool:
        j = bisect.bisect_left(starts, b)
        return j > 0 and reach[j - 1] > a

    return test


def folds(text: str, keep: list[tuple[int, int]], tables: list[tuple[int, int]] = ()) -> list[Fold]:
    """The boilerplate sections of `text`, without the paragraphs that overlap a span in `keep` (findings)
    or a table in `tables`."""
    out: list[Fold] = []
    current: Fold | None = None
    kept, in_table = _overlaps(keep), _overlaps(list(tables))
    for para in _PARAGRAPH.finditer(text):
        a, b = para.span()
        first = para.group(0).split("\n", 1)[0]
        opened = _opens(first)
        if in_table(a, b) or first.lstrip().startswith(("```", "|")) or (opened is None and _own_heading(para.group(0))):
            current = None  # the news goes on
            continue
        if opened is not None and not (current is not None and not opened[1] and opened[0] == current.kind):
            kind, is_heading = opened
            current = Fold(a, a, kind, first.strip(" *#:") if is_heading else kind.capitalize())
            out.append(current)
        elif current is None:
            continue
        if kept(a, b):
            # shown as it is; the section goes on after it under the same title
            current = Fold(b, b, current.kind, current.title)
            out.append(current)
            continue
        if current.start == current.end:
            current.start = a
        current.end = b
    # a heading alone is no boilerplate worth folding (its text was kept for a finding)
    out = [f for f in out if "\n" in text[f.start:f.end].strip() or f.end - f.start > 80]
    for f, after in zip(out, [g.start for g in out[1:]] + [len(text)]):
        while f.end < after and text[f.end].isspace():
            f.end += 1  # the blank lines after a section fold with it: closed sections sit close together
    return out

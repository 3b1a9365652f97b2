"""The runs of a line: a label and the figures after it, as a wire flattened a table into one line ("Revenues$ 47,316
$ 40,992 Cost of sales (20,929) (18,589)") or printed its row on a line of its own ("Notes due 2030 1,200 1,150").

A figure here is a cell's printing: an amount, maybe bracketed or signed, with its currency sign and percent
sign, or a nil dash. A dash is a nil where it stands alone, or glued where a wire dropped the space around it: to
the end of a label before a figure ("Restructuring costs- 546,986", "redemption-(283,059)"), to the figure
before it ("80,694- -", "(708,933)- (121,249)"), or to the next cell's currency sign or bracket ("$ -$ (0.03)",
"-(1,204,830)"); a dash between digits ("686-1060"), after a letter before a digit ("COVID-19"), or after a
digit before a letter ("31-Dec-24", "Form 8-K", "5-Year") is none, nor one after a bracket that closes no figure
("Refer to Note 14)- 6,697,649": the note's bracket, then the nil). `flat` reads the runs into tables.
"""

from __future__ import annotations

import regex

from .model import MONTH

_FIGURE = regex.compile(rf"(?:(?<=\s)(?P<nil>[-–—]{{1,2}})(?=\s|$|\p{{Lu}}|[$€£(])|(?<=\p{{Ll}})(?P<nil>[-–—])(?=[ \t]*+[$€£(]|[ \t]+\d)|(?<=\d|\([$€£]?[\d,.]+\))(?P<nil>[-–—])(?=[ \t]|$|[$€£(]))|(?P<cur>[$€£])?[ \t]*+(?P<num>\([$€£]?(?:\d{{1,3}}(?:,\d{{3}})++|\d+)(?:\.\d+)?\)|-?(?=\d)(?<!\p{{L}}-\d*|\b(?:at|and|on)[ \t]+(?i:{MONTH})\.?[ \t]+(?:\d{{1,2}},?[ \t]*)?\d*)(?:\d{{1,3}}(?:,\d{{3}})++|\d++)(?:\.\d+)?(?!-\p{{L}}))(?P<pct>%)?")
# (a loss may print its currency sign inside its brackets, "($431,570)"; a day-month-year token, "31-Dec-24", is a
# header's date, and a date a caption names in words, "authorized at March 31, 2025", the caption's: no figures; a
# header's "ended December 31, 2024 2023" keeps its years)
_JOINER = regex.compile(r"[\s$€£]*")
# between the figures of a row printed a line, maybe after the first's percent sign printed apart ("66.1 % 64.8 %")
_ROW_JOINER = regex.compile(r"(?:[ \t]*+%)?[ \t$€£]+")
_IN_LABEL = regex.compile(r"[\s;,:)\]–—-]*\p{Ll}")  # what follows a figure that is part of a label


class Run:
    """A label and the figures after it; `own` is where the label's own words start (after a caption's
    figures), `split` where a section heading ending with ':' is looked for (before a caption's figures);
    `above`, in a table printed a row a line, the lines with no figures right above it (its headings), and
    `gap` whether more blank lines stand above it than between the rows before (a table resumed, or another)."""

    __slots__ = ("start", "own", "split", "end", "figures", "above", "gap", "unlabelled")

    def __init__(self, start: int, figures: list):
        self.start, self.own, self.figures, self.above = start, start, figures, ()
        self.gap = False  # printed a row a line, more blank lines above it than between the rows before
        self.unlabelled = False  # a row printed with no label after another's figures (`flat._unlabelled`)
        self.split = self.end = figures[0].start()

    def label(self, text: str) -> str:
        return text[self.start: self.end].strip(" \t:;,")

    def own_label(self, text: str) -> str:
        return text[self.own: self.end].strip(" \t:;,")


def runs_of(text: str, start: int, end: int) -> list[Run]:
    """The runs in order: the figures after each label, up to the next word."""
    runs: list[Run] = []
    label_start, figures, last = start, [], start
    for m in _FIGURE.finditer(text, start, end):
        if figures and _JOINER.fullmatch(text, last, m.start()):
            figures.append(m)
        else:
            if figures:
                runs.append(Run(label_start, figures))
                label_start = last
            figures = [m]
            if not text[label_start: m.start()].strip():
                label_start = m.start()
        last = m.end()
    if figures:
        runs.append(Run(label_start, figures))
    return _captions(text, runs)


def line_run(text: str, start: int, end: int) -> Run | None:
    """The row a line prints: the figures that end it, side by side (spaces or a currency sign between), after
    its label, which keeps any figure before them ("Notes due 2030 1,200 1,150", "Phase 2 trials 4 3"); None
    when the line ends with no figure."""
    figures: list = []
    for m in _FIGURE.finditer(text, start, end):
        at = m.start() if m.group("nil") else m.start("cur") if m.group("cur") else m.start("num")
        if text[at - 1: at].isalnum():
            figures = []  # a figure glued to a word ("Q4", "H1") is the label's
            continue
        # a figure glued to the one before ("686-1060", "2,5") is no cell of its own
        if not (figures and _ROW_JOINER.fullmatch(text, figures[-1].end(), m.start() if m.group("nil") else m.start("num"))):
            figures = []
        figures.append(m)
    if not figures or text[figures[-1].end(): end].strip(" \t%"):
        return None
    run = Run(start, figures)
    while run.end > start and text[run.end - 1] in " \t$€£":
        run.end -= 1  # the sign of a nil printed with it ("Short-term investments $ — $ 300") is the cell's
    run.split = run.end
    return run if run.label(text) else None


def _captions(text: str, runs: list[Run]) -> list[Run]:
    """Runs whose last figure a word in lower case follows joined to the next run's label."""
    out: list[Run] = []
    held: Run | None = None
    for i, run in enumerate(runs):
        if held is not None:
            run.start, run.split = held.start, held.split
        if i + 1 < len(runs) and _IN_LABEL.match(text, run.figures[-1].end(), runs[i + 1].figures[0].start()):
            held = run
            continue
        if held is not None:
            run.own, held = held.figures[-1].end(), None
        out.append(run)
    return out


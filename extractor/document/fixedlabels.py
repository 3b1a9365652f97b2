"""The label column of a fixed-width table, line by line: a label wrapped onto several lines ("Total operating" /
"expenses 204,377") joined, a line ending with ':' a section heading ("Weighted average shares outstanding:" /
"Basic 352,881"), dashed rules and prose ending a label, and the unit note read from the text lines above a row.
"""

from __future__ import annotations

import regex

from .model import QUALIFIER, Sections
from .notes import NoteLines, read_note, stacked_note, table_note, wrapped_note

RULE = regex.compile(r"^[\s\-–—=_+|:*]*$")
# a label line ending like this goes on below ("FFO per basic and" / "diluted unit"): no heading
_CONTINUED = regex.compile(r"(?i)(?:\b(?:and|or|of|per|to|the|for|from|in|on|at|by|with)|[-&,])$")
MAX_WRAPPED = 6  # lines of one wrapped label
MAX_NOTE_LINES = 8  # text lines above a row read for a unit note: a note wrapped over lines, then a wrapped label
MAX_LABEL_LINE = 48  # a longer line is prose, not a label column wrapped
# a line ending a sentence is prose; not one ending on a name cut short ("attributable" / "to Acme Inc." /
# "stockholders  $0.21"): a short capitalised word before the period
_SENTENCE_END = regex.compile(r"(?<!(?:^|[\s(])\p{Lu}[\p{L}.]{0,3})\.\s*$")


class Labels:
    """Label lines waiting for their figures: a wrapped label, or a section heading ending with ':'."""

    def __init__(self):
        self.pending: list[str] = []
        self.sections = Sections()
        self.recent: list[str] = []  # text lines since the last row: a unit note for the rows below
        self.noted: list[str] = []  # and the headers of periods among them, for a note wrapped into one
        self.heads: list[str] = []  # the headers of periods alone
        self.note = None
        self.seen = None  # the last unit note among the text lines since the last row
        self.long_line = None  # the line just above, too long for a label, which a heading may continue
        self.notes = NoteLines()  # the lines printing the unit note, wrapped or not: no label's

    def blank(self) -> None:
        self.pending = []
        self.notes.close()
        self.long_line = None
        self.sections.blank()

    def text_line(self, line: str) -> None:
        note = None
        if not RULE.match(line):  # a rule says nothing, and would push the note above the header out of reach
            self.recent = [*self.recent, line.strip()][-4:]
            self.noted = [*self.noted, line.strip()][-MAX_NOTE_LINES:]
            # a note further up, over a header of several lines, is still this table's: never the last one's
            note = table_note(line.strip())
            self.seen = note or self.seen
        heading = line.rstrip().endswith(":") and len(line.strip()) <= 2 * MAX_LABEL_LINE
        long_line, self.long_line = self.long_line, None
        rule, prose = RULE.match(line), _SENTENCE_END.search(line)
        if rule or (len(line.strip()) > MAX_LABEL_LINE and not heading) or prose:
            self.pending = []  # a rule, or prose: no label continues over it
            if not rule and len(line.strip()) <= 2 * MAX_LABEL_LINE and not prose:
                self.long_line = line.strip()  # a long heading the wire wrapped may end on the next line
            return
        if self.notes.takes(line, note) or not self.pending and line.count(")") > line.count("("):
            self.pending = []  # the rows' unit note, on a line or wrapped over several, or the close of a bracket
            return  # of the header line above ("(in thousands, except" / "percentages)"): no label starts before it
        self.pending = [*self.pending, line.strip()][-MAX_WRAPPED:]
        if line.rstrip().endswith(":"):
            # "Weighted average common and common equivalent shares of the Company" / "outstanding:"
            lead = [long_line] if long_line and len(self.pending) == 1 else []
            self.sections.heading(" ".join(lead + self.pending))
            self.pending = []

    def row(self, own: str) -> tuple[str, str | None]:
        if self.pending and QUALIFIER.match(own) and not _CONTINUED.search(self.pending[-1]):
            # "Net income per share attributable" / "to common stockholders" / "Basic 0.42": a heading
            self.sections.heading(" ".join(self.pending))
            self.pending = []
        # a label too long for the label column goes on in lower case on the row's own line ("Debt to adjusted
        # EBITDA at the proportionate" / "share(1) 9.4x 8.5x"): the row is named by both lines
        lead = [self.long_line] if self.long_line and not self.pending and own[:1].islower() else []
        label = " ".join([*lead, *self.pending, own]).strip()
        self.long_line = None
        if self.recent:
            # the text lines just above, or further up through the header of periods for a note wrapped into it
            self.note = table_note(" ".join(self.recent)) or wrapped_note(self.noted) or self.seen \
                or stacked_note(self.noted) or self.note
        if self.heads:  # a note printed in the table's own header of periods ("($ in millions)  2024  2023")
            self.note = read_note(" ".join(self.heads)) or self.note
        self.recent, self.noted, self.heads, self.seen = [], [], [], None
        self.notes.close()
        self.pending = []
        return label, self.sections.path(label), read_note(label) or self.note

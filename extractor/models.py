"""The fact sheet: every record prfacts emits, as pydantic models.

These models are the versioned public schema (`prfacts schema` prints it).
Numbers travel as decimal strings so that JSON never rounds them: `0.0040`
keeps its trailing zero, `1550000000` stays exact.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any, Literal, Optional

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr

SCHEMA_VERSION = "1.1"

# The one list of kinds and the one severity order (most severe first): every stage, config and report imports them.
KINDS = ("money", "shares", "price", "percent", "date", "number", "ratio")
SEVERITIES = ("error", "warning", "info")
AMOUNTS = ("money", "shares", "number")  # the kinds that add up and take a scale word
QuantityKind = Literal[KINDS]
Severity = Literal[SEVERITIES]


def dec_str(value: Decimal) -> str:
    """Plain decimal notation, never an exponent ("0.0040" keeps its printed zeros)."""
    text = format(value, "f")
    return "0" if text in ("-0", "-0.0") else text


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Source(_Model):
    path: Optional[str] = Field(None, description="The file as given, or null for text passed in memory.")
    sha256: str = Field(description="SHA-256 of the analysed text, UTF-8 encoded.")
    length: int = Field(description="Length of the analysed text in characters; offsets index this text.")
    encoding: Optional[str] = Field(
        None,
        description="The encoding the file was read with: 'utf-8', 'utf-8-sig' (UTF-8 with a byte-order mark), "
        "'utf-16-le' or 'utf-16-be' (UTF-16 with a byte-order mark), 'cp1252' (a file that is not UTF-8), or "
        "the one asked for; null for text passed in memory.",
    )


class Ticker(_Model):
    exchange: str
    symbol: str
    start: int
    end: int


class Metadata(_Model):
    dateline_place: Optional[str] = None
    dateline_date: Optional[str] = Field(None, description="ISO date of the release, from the dateline.")
    wire: Optional[str] = None
    issuer: Optional[str] = None
    tickers: list[Ticker] = Field(default_factory=list)
    aliases: dict[str, str] = Field(
        default_factory=dict, description='Defined terms: short name -> full name ("Boone Group" -> ...).'
    )


class Period(_Model):
    """The period a table column's header names."""

    kind: Literal["months-ended", "quarter", "fiscal-year", "year", "as-of"] = Field(
        description="months-ended (three, six, nine or twelve months, a quarter or year ended a day), quarter "
        "(Q4 2024), fiscal-year (Fiscal 2024), year (a bare year), as-of (a balance-sheet day)")
    months: Optional[int] = Field(None, description="The length of a months-ended period.")
    end: Optional[str] = Field(None, description="ISO day the period ends or the balance is taken, when named.")
    year: Optional[int] = None
    quarter: Optional[int] = None


class TableCell(_Model):
    table: int = Field(description="Index of the table in `tables`.")
    row: int
    column: int
    row_label: Optional[str] = None
    column_header: Optional[str] = None
    row_path: Optional[str] = Field(None, description="The row label under its section headings: "
                                    "'Operating expenses: > Research and development' (null outside a section).")
    column_path: Optional[str] = Field(None, description="The column's header rows, outermost first: "
                                       "'Three Months Ended December 31, > 2024'.")
    period: Optional[Period] = Field(None, description="The period the column's header names.")


class Table(_Model):
    index: int
    format: Literal["pipe", "fixed", "html", "flat", "lines", "stacked"] = Field(
        description="pipe (Markdown), fixed (fixed-width columns in a ``` block), html, flat (a table a wire "
        "flattened into one line, read where its column count is clear), lines (a row a line or paragraph, its "
        "cells separated by single spaces), or stacked (one cell a line: a row's label, then each of its figures "
        "on a line of its own)")
    start: int
    end: int
    unit_note: Optional[str] = None
    scale: Optional[str] = Field(None, description="Multiplier the unit note applies to amounts, e.g. 1000.")
    rows: int
    columns: int
    share_scale: Optional[str] = Field(None, description="Multiplier the unit note applies to share counts "
                                       "(null: printed whole; per-share figures and percents are never scaled).")
    header_rows: int = Field(0, description="How many rows of `grid` are the header.")
    grid: list[list[str]] = Field(default_factory=list, description="Every row's cells as printed; a mention's "
                                  "cell.row and cell.column index it.")


class Mention(_Model):
    """One quantity as printed, with the interval its printed precision allows."""

    id: int
    kind: QuantityKind
    text: str = Field(description="Exact surface text; equals source[start:end].")
    start: int
    end: int
    sentence: int
    value: str = Field(description="Normalised value: a decimal string, or an ISO date / period for dates.")
    low: str = Field(description="Least value the printed figure stands for (ISO date for dates).")
    high: str = Field(description="Greatest value the printed figure stands for.")
    unit: Optional[str] = Field(None, description="Unit: 'shares', 'share' (for prices), '%', 'pp', 'bp', ...")
    currency: Optional[str] = Field(None, description="ISO 4217 code for money and prices.")
    scale: Optional[str] = Field(None, description="The scale word or table unit note applied, e.g. 'million'.")
    qualifier: Optional[str] = Field(None, description="'approximately', 'more than', 'up to', ...")
    subject: Optional[str] = Field(None, description="What is counted or priced, e.g. 'Series K Convertible Preferred Stock'.")
    cell: Optional[TableCell] = None
    range_with: Optional[int] = Field(
        None, description="For one end of a range printed once ('$412 to $418 million', 'between 5 and 7 per cent'): "
        "the id of the other end; the first end takes the scale, currency and kind the second prints.")
    # What the quantity stage read and later stages use, kept off the JSON (a private attribute): a date's
    # reading (`dates.DateReading`), and how the figure is printed (`numbers.Printed`, False for none), read
    # on the first ask (`checks.wording.printed`) and kept.
    _printed: Any = PrivateAttr(default=None)
    _date: Any = PrivateAttr(default=None)

    # Read straight from pydantic's store of private attributes: `m._date` goes through the model's
    # `__getattr__` (a microsecond, thirty times a field's), and the checks ask every date and figure.
    @property
    def carried_date(self) -> Any:
        """The date's reading as the quantity stage made it (`_date`); None for other figures."""
        return self.__pydantic_private__["_date"]

    @property
    def carried_printing(self) -> Any:
        """How the figure is printed (`_printed`): None until `checks.wording.printed` first reads it."""
        return self.__pydantic_private__["_printed"]


class Fact(_Model):
    id: int
    type: str
    rule: str = Field(description="The fact rule that bound the roles.")
    roles: dict[str, int] = Field(description="Role name -> mention id (a repeated role is numbered: part_1, part_2).")
    sentence: int
    attributes: dict[str, str] = Field(default_factory=dict, description="Words the rule captured, e.g. dir=premium.")
    words: dict[str, tuple[int, int]] = Field(
        default_factory=dict, description="Where each captured word of `attributes` stands in the text (start, end), "
        "where a phrase rule read it: a fix that rewrites the word (\"decreased\" for \"increased\") edits there.")
    parties: dict[str, str] = Field(default_factory=dict, description="Issuer, holder, investor... from the metadata.")
    strength: Literal["tight", "loose"] = Field(
        "tight",
        description="How the roles were bound: 'tight' from one phrase (any figure no rounding can save is an "
        "error); 'loose' across sentences or by borrowing a role stated elsewhere (an error only when a known "
        "mistake explains the mismatch).",
    )
    named: bool = Field(
        False,
        description="For a loose binding: each figure was the one candidate its place names (the row of that very "
        "name, the column of the sentence's period, a row its other columns confirm), not one chosen among several "
        "by the figures agreeing; a slip of a two-digit figure is then as telling as of a longer one.",
    )


class Fix(_Model):
    start: int
    end: int
    replacement: str


class Evidence(_Model):
    role: str
    start: int
    end: int
    text: str


class Paragraph(_Model):
    """Where a finding sits in a Word document (.docx), as a person finds it there."""

    number: int = Field(description="1-based number of the paragraph, counting every paragraph of the body in "
                        "reading order, empty ones and a table cell's paragraphs included (the finding's `line`).")
    character: int = Field(description="1-based character in the paragraph where the finding starts (its `column`).")
    opening: str = Field(description="The paragraph's opening words, to find it by.")
    table: Optional[int] = Field(None, description="For a table cell: 1-based number of the table in the body.")
    row: Optional[int] = Field(None, description="For a table cell: its 1-based row.")
    column: Optional[int] = Field(None, description="For a table cell: its 1-based column of the table's grid.")
    cell_paragraph: Optional[int] = Field(None, description="For a table cell: the 1-based paragraph in the cell.")

    def label(self) -> str:
        """`paragraph 3 ("On June 5, the Company…"), character 418`, and the table cell when in one."""
        cell = f"table {self.table}, row {self.row}, column {self.column}: " if self.table is not None else ""
        return f'paragraph {self.number} ({cell}"{self.opening}"), character {self.character}'


class Finding(_Model):
    rule: str
    severity: Severity
    message: str
    stated: Optional[str] = None
    expected: Optional[str] = None
    start: int
    end: int
    line: int
    column: int
    evidence: list[Evidence] = Field(default_factory=list)
    fix: Optional[Fix] = None
    fact: Optional[int] = Field(None, description="The fact checked, if any.")
    suppressed: bool = False
    paragraph: Optional[Paragraph] = Field(None, description="In a Word document: the paragraph and character.")


class FactSheet(_Model):
    schema_version: str = SCHEMA_VERSION
    source: Source
    metadata: Metadata
    tables: list[Table] = Field(default_factory=list)
    mentions: list[Mention] = Field(default_factory=list)
    facts: list[Fact] = Field(default_factory=list)
    findings: list[Finding] = Field(default_factory=list)


class ErrorRecord(_Model):
    """A document that could not be analysed: one record, so a batch loses nothing."""

    schema_version: str = SCHEMA_VERSION
    source: dict
    error: str

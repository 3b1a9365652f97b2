"""The columns of the Parquet tables: names, Arrow types, where in the fact sheet each comes from, what it means.

`COLUMNS` is the one description of the four tables (`documents`, `mentions`,
`facts`, `findings`): `to_tables` builds Arrow tables from fact-sheet records
with it, each file's schema carries its meanings, and docs/parquet.md shows
it (`python -m extractor.batch.columns` prints those tables; a test keeps them equal).

Numbers keep the fact sheet's exact decimal strings (`0.0040` keeps its printed
zeros), beside a decimal128 column where the value fits; never a float.
Offsets and counts are int64; closed vocabularies (kinds, rules, severities)
are dictionary-encoded strings.
"""

from __future__ import annotations

import datetime
import sys
from decimal import Decimal, InvalidOperation, localcontext
from typing import Iterable

try:
    import pyarrow as pa
except ImportError:  # an optional extra: only --format parquet and reading Parquet output need it
    pa = None

from .records import BatchError

TABLES = ("documents", "mentions", "facts", "findings")
SCALE = 12  # fractional digits of the decimal columns: prfacts prints at most 10, intervals one more
_QUANTUM = Decimal(1).scaleb(-SCALE)


def require() -> None:
    """pyarrow is an optional extra: say how to get it, in the batch's own error line."""
    if pa is None:
        raise BatchError("--format parquet needs pyarrow: pip install 'prfacts[parquet]'")


# ---------------------------------------------------------------- the columns

# (name, type, path, meaning). A type is written as docs/parquet.md shows it and `_arrow_type` reads it;
# a path is the keys to follow in a row's JSON (a mention, a fact, a finding, or the whole sheet).
COLUMNS: dict[str, list[tuple[str, str, tuple[str, ...], str]]] = {
    "documents": [
        ("document", "string", ("source", "path"), "The document's key: the path as given, plus "
         "`#<SEQUENCE>/<FILENAME>` for an EDGAR exhibit. Joins every table."),
        ("seq", "int64", ("seq",), "Position of the document in the run's input order, from 0."),
        ("error", "string", ("error",), "Why the document could not be analysed (\"key: reason\"); null when "
         "it was. An error record's other columns are null."),
        ("schema_version", "dictionary<string>", ("schema_version",), "Version of the fact-sheet schema."),
        ("sha256", "string", ("source", "sha256"), "SHA-256 of the analysed text, UTF-8 encoded."),
        ("length", "int64", ("source", "length"), "Characters in the analysed text; offsets index it."),
        ("encoding", "dictionary<string>", ("source", "encoding"), "The encoding the file was read with."),
        ("dateline_place", "string", ("metadata", "dateline_place"), "Place in the dateline."),
        ("dateline_date", "date32", ("metadata", "dateline_date"), "Date of the release, from the dateline."),
        ("wire", "dictionary<string>", ("metadata", "wire"), "Wire service."),
        ("issuer", "string", ("metadata", "issuer"), "The issuer named by the release."),
        ("tickers", "list<struct<exchange: string, symbol: string, start: int64, end: int64>>",
         ("metadata", "tickers"), "Exchange tickers with their offsets."),
        ("aliases", "map<string, string>", ("metadata", "aliases"), "Defined terms: short name -> full name."),
        ("tables", "list<struct<index: int64, format: string, start: int64, end: int64, unit_note: string, "
         "scale: string, rows: int64, columns: int64, share_scale: string, header_rows: int64, "
         "grid: list<list<string>>>>", ("tables",), "The financial tables read."),
    ],
    "mentions": [
        ("document", "string", ("document",), "The document's key."),
        ("id", "int64", ("id",), "The mention's id within its document (facts' roles name it)."),
        ("kind", "dictionary<string>", ("kind",), "money, shares, price, percent, date, number or ratio."),
        ("text", "string", ("text",), "Exact surface text."),
        ("start", "int64", ("start",), "Offset of the first character in the analysed text."),
        ("end", "int64", ("end",), "Offset after the last character."),
        ("sentence", "int64", ("sentence",), "Index of the sentence."),
        ("value", "string", ("value",), "Normalised value as in the fact sheet: a decimal string with its "
         "printed zeros (0.0040), or an ISO date or period for dates (2024-Q4, FY2024)."),
        ("low", "string", ("low",), "Least value the printed figure stands for (exact string)."),
        ("high", "string", ("high",), "Greatest value the printed figure stands for (exact string)."),
        ("value_num", "decimal128(38, 12)", ("numeric", "value"), "`value` as a decimal; null for dates and for a "
         "value with more than 12 decimals or 26 digits before the point (the string stays exact)."),
        ("low_num", "decimal128(38, 12)", ("numeric", "low"), "`low` as a decimal, null as for value_num."),
        ("high_num", "decimal128(38, 12)", ("numeric", "high"), "`high` as a decimal, null as for value_num."),
        ("unit", "dictionary<string>", ("unit",), "shares, share (prices), %, pp, bp, ..."),
        ("currency", "dictionary<string>", ("currency",), "ISO 4217 code of money and prices."),
        ("scale", "dictionary<string>", ("scale",), "The scale word or table unit note applied."),
        ("qualifier", "dictionary<string>", ("qualifier",), "approximately, more than, up to, ..."),
        ("subject", "string", ("subject",), "What is counted or priced."),
        ("cell_table", "int64", ("cell", "table"), "For a number in a table: the table's index (documents.tables)."),
        ("cell_row", "int64", ("cell", "row"), "Its row."),
        ("cell_column", "int64", ("cell", "column"), "Its column."),
        ("row_label", "string", ("cell", "row_label"), "Its row label."),
        ("column_header", "string", ("cell", "column_header"), "Its column header."),
        ("range_with", "int64", ("range_with",), "For one end of a range printed once: the other end's id."),
        ("row_path", "string", ("cell", "row_path"), "Its row label under its section headings."),
        ("column_path", "string", ("cell", "column_path"), "Its column's header rows, joined by ' > '."),
        ("period_kind", "dictionary<string>", ("cell", "period", "kind"), "The period its column's header "
         "names: months-ended, quarter, fiscal-year, year or as-of."),
        ("period_months", "int64", ("cell", "period", "months"), "The length of a months-ended period."),
        ("period_end", "string", ("cell", "period", "end"), "ISO day the period ends or the balance is taken."),
        ("period_year", "int64", ("cell", "period", "year"), "The period's year."),
        ("period_quarter", "int64", ("cell", "period", "quarter"), "The period's quarter."),
    ],
    "facts": [
        ("document", "string", ("document",), "The document's key."),
        ("id", "int64", ("id",), "The fact's id within its document (findings.fact names it)."),
        ("type", "dictionary<string>", ("type",), "issuance, conversion, premium, change, sum, ..."),
        ("rule", "dictionary<string>", ("rule",), "The fact rule that bound the roles."),
        ("sentence", "int64", ("sentence",), "Index of the sentence."),
        ("strength", "dictionary<string>", ("strength",), "tight (one phrase) or loose (across sentences, "
         "borrowed, or chosen among candidates)."),
        ("named", "bool", ("named",), "For a loose binding: each figure the one its place names (a row name, a "
         "column, a reading the other rows or columns confirm), so a two-digit slip is flagged too."),
        ("roles", "list<struct<role: dictionary<string>, mention: int64>>", ("roles",), "Each role and the id "
         "of the mention bound to it, in the rule's order (a repeated role is numbered: part_1, part_2); join "
         "mentions on (document, mention)."),
        ("attributes", "map<string, string>", ("attributes",), "Words the rule captured, e.g. dir=premium."),
        ("words", "map<string, list<int64>>", ("words",), "Where a captured word stands in the text, [start, "
         "end], where a phrase rule read it (a fix rewriting the word edits there)."),
        ("parties", "map<string, string>", ("parties",), "Issuer, holder, investor... from the metadata."),
    ],
    "findings": [
        ("document", "string", ("document",), "The document's key."),
        ("id", "int64", ("id",), "Position of the finding in its document's findings."),
        ("rule", "dictionary<string>", ("rule",), "The check rule."),
        ("severity", "dictionary<string>", ("severity",), "error, warning or info."),
        ("message", "string", ("message",), "What cannot be true, why, and what the figure should be."),
        ("stated", "string", ("stated",), "The stated figure as in the fact sheet (a decimal string, or a "
         "weekday for date-weekday)."),
        ("expected", "string", ("expected",), "The recomputed figure, as stated."),
        ("stated_num", "decimal128(38, 12)", ("stated",), "`stated` as a decimal; null when it is not one."),
        ("expected_num", "decimal128(38, 12)", ("expected",), "`expected` as a decimal; null when it is not one."),
        ("start", "int64", ("start",), "Offset of the flagged figure in the analysed text."),
        ("end", "int64", ("end",), "Offset after it."),
        ("line", "int64", ("line",), "Line in the file as written (from 1)."),
        ("column", "int64", ("column",), "Column in that line (from 1)."),
        ("fact", "int64", ("fact",), "Id of the fact checked (join facts on (document, fact)); null for none."),
        ("suppressed", "bool", ("suppressed",), "Suppressed by a prfacts-disable comment."),
        ("fix_start", "int64", ("fix", "start"), "The proposed fix: offset of the text to replace."),
        ("fix_end", "int64", ("fix", "end"), "Offset after it."),
        ("fix_replacement", "string", ("fix", "replacement"), "The replacement text."),
        ("evidence", "list<struct<role: string, start: int64, end: int64, text: string>>", ("evidence",),
         "The figures the check used, by role."),
        ("paragraph_number", "int64", ("paragraph", "number"), "In a Word document (.docx): the paragraph's "
         "number in reading order (the finding's `line`); null for other documents."),
        ("paragraph_character", "int64", ("paragraph", "character"), "Its character in that paragraph (`column`)."),
        ("paragraph_opening", "string", ("paragraph", "opening"), "The paragraph's opening words, to find it by."),
        ("paragraph_table", "int64", ("paragraph", "table"), "In a Word table: the table's number in the body."),
        ("paragraph_row", "int64", ("paragraph", "row"), "In a Word table: the cell's row."),
        ("paragraph_column", "int64", ("paragraph", "column"), "In a Word table: the cell's column."),
        ("paragraph_cell_paragraph", "int64", ("paragraph", "cell_paragraph"), "In a Word table: the paragraph "
         "in the cell."),
    ],
}


def _arrow_type(name: str):
    """The Arrow type a `COLUMNS` type name stands for (one small grammar, so the docs show the real types)."""
    name = name.strip()
    simple = {"string": pa.string(), "int64": pa.int64(), "bool": pa.bool_(), "date32": pa.date32(),
              "dictionary<string>": pa.dictionary(pa.int32(), pa.string()),
              f"decimal128(38, {SCALE})": pa.decimal128(38, SCALE)}
    if name in simple:
        return simple[name]
    if name.startswith("list<") and name.endswith(">"):
        return pa.list_(_arrow_type(name[5:-1]))
    if name.startswith("map<") and name.endswith(">"):
        key, value = _split(name[4:-1])
        return pa.map_(_arrow_type(key), _arrow_type(value))
    if name.startswith("struct<") and name.endswith(">"):
        return pa.struct([(f.split(":", 1)[0].strip(), _arrow_type(f.split(":", 1)[1])) for f in _split(name[7:-1])])
    raise ValueError(f"unknown column type {name!r}")


def _split(inner: str) -> list[str]:
    """Split at the commas outside angle brackets and parentheses."""
    parts, depth, start = [], 0, 0
    for i, c in enumerate(inner):
        if c in "<(":
            depth += 1
        elif c in ">)":
            depth -= 1
        elif c == "," and depth == 0:
            parts.append(inner[start:i])
            start = i + 1
    return parts + [inner[start:]]


def schema(table: str):
    """The Arrow schema of one table, each field carrying its meaning as metadata."""
    require()
    return pa.schema([pa.field(name, _arrow_type(kind), metadata={"description": doc})
                      for name, kind, _, doc in COLUMNS[table]])


# ---------------------------------------------------------------- records -> tables


def _decimal(text):
    """An exact decimal for the decimal128 column, or None where it would not be exact (the string stays)."""
    try:
        with localcontext(prec=2 * 38):  # room for every digit 38 can hold, so the test itself never rounds
            value = Decimal(text)
            if value.is_finite() and abs(value) < 10 ** (38 - SCALE) and value == value.quantize(_QUANTUM):
                return value
    except (InvalidOperation, TypeError, ValueError):
        pass
    return None


def _converter(type_):
    """How a fact-sheet JSON value becomes what the column's type takes; None where it is taken as it is."""
    if pa.types.is_decimal(type_):
        return _decimal
    if pa.types.is_date32(type_):
        return datetime.date.fromisoformat
    if pa.types.is_map(type_):
        return lambda value: list(value.items())
    if pa.types.is_list(type_) and pa.types.is_struct(type_.value_type):
        names = [f.name for f in type_.value_type]  # a mapping as a list: roles {role: mention} -> [{role, mention}]
        return lambda value: [dict(zip(names, item)) for item in value.items()] if isinstance(value, dict) else value
    return None


def _column(rows: list[dict], path: tuple[str, ...], type_):
    convert = _converter(type_)
    values = [_get(r, path) for r in rows]
    if convert is not None:
        values = [None if v is None else convert(v) for v in values]
    return pa.array(values, type=type_)


def _get(row: dict, path: tuple[str, ...]):
    for key in path:
        if not isinstance(row, dict):
            return None
        row = row.get(key)
    return row


def _rows(record: dict, seq: int) -> dict[str, list[dict]]:
    """The rows one record gives each table (a child row is its JSON object with the document key added)."""
    key = record["source"]["path"]
    rows = {"documents": [dict(record, seq=seq)]}
    # A date's value is no number, even a bare year: only other mentions reach the decimal columns.
    rows["mentions"] = [dict(m, document=key, numeric=m if m.get("kind") != "date" else None)
                        for m in record.get("mentions") or ()]
    rows["facts"] = [dict(f, document=key) for f in record.get("facts") or ()]
    rows["findings"] = [dict(item, document=key, id=i) for i, item in enumerate(record.get("findings") or ())]
    return rows


def to_tables(records: Iterable[dict], first_seq: int = 0) -> dict:
    """The four Arrow tables of fact-sheet records (parsed JSONL records, error records included).

    `first_seq` numbers the first record (a later chunk of a run continues the count).
    """
    require()
    rows: dict[str, list[dict]] = {t: [] for t in TABLES}
    for seq, record in enumerate(records, first_seq):
        for table, found in _rows(record, seq).items():
            rows[table].extend(found)
    tables = {}
    for table in TABLES:
        s = schema(table)
        columns = [_column(rows[table], path, field.type) for field, (_, _, path, _) in zip(s, COLUMNS[table])]
        tables[table] = pa.Table.from_arrays(columns, schema=s)
    return tables


def markdown() -> str:
    """The tables of docs/parquet.md: one per table, a row per column (name, type, meaning)."""
    blocks = []
    for table in TABLES:
        rows = [f"| `{name}` | `{kind}` | {doc} |" for name, kind, _, doc in COLUMNS[table]]
        blocks.append("\n".join([f"### `{table}`", "", "| column | type | meaning |", "|---|---|---|", *rows]))
    return "\n\n".join(blocks) + "\n"


if __name__ == "__main__":
    sys.stdout.write(markdown())

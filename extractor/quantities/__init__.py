"""Document -> quantities: the mentions, driven by `rules/quantities/*.yaml`.

Two kinds of rule, both data:

* a *base* rule has `patterns`, regexes written with named fragments
  ({NUMBER}, {SCALE_AFTER}, ...). Each pattern is scanned over the text on its
  own (one alternation of them all is several times slower); overlapping
  candidates are settled leftmost first, and at the same start by rule order,
  so `not-quantities` consumes a phone number before any number sees its
  digits;
* a *refining* rule (`refines: number`) retypes a candidate of its base kind
  when the words around it match one of its `contexts`: a number followed by
  "shares" becomes a share count, money after "exercise price of" a price,
  a number followed by "%" a percentage (`extend: true` grows the span over
  the "%").

Patterns talk to the interpreter only through named groups: `span` (the
mention, when a pattern also matches context; otherwise the match and every
named group in it), `num`/`words`
(the figure), `sign`, `scale`, `cur`/`code`/`curword` (currency),
`pct`/`pp`/`bp`, `noun`, `per`/`pernoun`, `ra`/`rb` (A-for-B), `mult`, `frac`,
and the date parts read by `dates.py`. Numbers in table cells are typed from
their row, column and the table's unit note instead.
"""

from __future__ import annotations

import bisect

from . import numbers
from .antecedent import carry_units
from .cells import read_cell
from .tabledollar import dollar_of_tables
from .compiler import Recogniser, recogniser
from .found import Found, to_mentions
from .interpret import read_candidate
from .matcher import candidates, refine
from .periods import anchor_fiscal_periods
from .ranges import join_ranges
from .sharescale import rescale_counts
from ..document import Document, TableRegion
from ..models import Mention

__all__ = ["Recogniser", "find_quantities", "read_quantities", "recogniser"]


def find_quantities(text: str, tables: list[TableRegion], rec: Recogniser) -> list[Found]:
    found: list[Found] = []
    cell_spans = sorted((c.start, c.end) for t in tables for c in t.cells)
    cell_starts = [s for s, _ in cell_spans]
    reach = -1  # where the last candidate read ends: a context that grew it ("4 dollars 25 cents") took the next
    for c in candidates(text, rec):
        if c.kind == "ignore" or c.start < reach:
            continue
        if cell_spans:
            i = bisect.bisect_right(cell_starts, c.end) - 1
            if i >= 0 and cell_spans[i][1] > c.start:
                continue  # a table cell: read below with its row and column
        refine(c, text, rec)
        try:
            item = read_candidate(c, text, rec)
        except (numbers.NumberError, ValueError, KeyError, ArithmeticError):
            item = None
        if item is not None:
            found.append(item)
            reach = item.end
    before, before_columns = [], 0
    for table in tables:
        read = [(cell, item) for cell in table.cells if (item := read_cell(cell, table, rec, text)) is not None]
        rescale_counts(read, table, before, before_columns)
        found.extend(item for _, item in read)
        before, before_columns = read, table.columns
    found.sort(key=lambda f: (f.start, f.end))
    dollar_of_tables(found, tables, text)
    join_ranges(found, text)
    carry_units(found, text, rec)
    anchor_fiscal_periods(found, text)
    return found


def read_quantities(doc: Document, rec: Recogniser) -> list[Mention]:
    """The document's mentions, in text order."""
    return to_mentions(find_quantities(doc.text, doc.tables, rec), doc.sentence_starts, doc.text)

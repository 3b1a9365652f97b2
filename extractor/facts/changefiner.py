"""A change whose prior figure a sentence rounds coarsely, read again against the table row that prints it finer.

"Total deposits increased by $433 million to $6.6 billion from $6.1 billion" rounds its levels to two digits,
and a slip of $40 million in the change would hide in that rounding; the balance sheet prints the row to the
thousand ("Total deposits | 6,562,162 | ... | 6,129,022"). The row is found by the figures themselves: a cell
restating the new figure under a label the sentence names, and the one other cell of the row printing the prior
within its rounding. Where the headers date the columns, the prior is the cell of the period the sentence gives
it ("from $6.1 billion at December 31, 2024"), or, where it names none, the one change-prior reads (the table's
own comparison, a year earlier): a prior "at June 30, 2025" is no cell of a table printing September and
December. A stacked table's columns may carry no header at all: there the one cell within the prior's rounding,
whatever its column. A change told on another basis (constant currency, organic, sequential, against a quarter
named without its year) or of a measure on a basis of its own ("Adjusted operating income") that the row's label
does not name is read against no row; the words are change-prior's (its rule's options). Every row so found
must agree on the prior, else nothing is bound. The change is bound to the two cells too, the sentence's
printing of the new figure kept as `said`; read across sentence and table, the binding is loose.
"""

from __future__ import annotations

from decimal import Decimal

import regex

from ..models import Fact, Mention
from .changetable import _CELL_KINDS, TablePriors, folded, signed
from .restatechoice import agrees, cell_scale
from .subjects import Reading, content_words
from .tablefacts import TableRule, _grid

_DIGIT = regex.compile(r"\d")


def finer_changes(rule: TableRule, mentions: list[Mention], text: str = "", reading: Reading | None = None,
                  facts: list[Fact] = ()) -> list[Fact]:
    """Run after the change rules: each change they bound to a coarse prose prior, bound to the row's cells too."""
    by_id = {m.id: m for m in mentions}
    todo = [f for f in facts if f.type == "change" and "from" in f.roles and "to" in f.roles and "said" not in f.roles
            and coarse(by_id[f.roles["from"]]) and by_id[f.roles["to"]].cell is None]
    if not todo:
        return []
    reading = reading or Reading(mentions, text)
    grid = reading.derived(_grid)
    o = rule.options
    # (a change on another basis than the table's figures: constant currency, organic, like-for-like)
    other = regex.compile(f"(?i)\\b(?:{o['other_basis']})")
    # (a change against the quarter before, told so or by a quarter named without its year, where the prior's own
    # period is not named: which column that is no header tells)
    unnamed = regex.compile(f"(?i)\\b(?:{o['sequential_basis']}|{o['unnamed_quarter']})")
    tables = TablePriors(mentions, facts, reading, options=o)
    dates = [m for m in mentions if m.cell is None and m.kind == "date"]
    out = []
    for fact in todo:
        new, old = by_id[fact.roles["to"]], by_id[fact.roles["from"]]
        change = next(by_id[i] for r, i in fact.roles.items() if r not in ("to", "from"))
        named, sentence = _named(reading, dates, old), reading.bounds.sentence_of(change.start, change.end)
        if other.search(reading.text, *sentence) or named is None and unnamed.search(reading.text, *sentence):
            continue
        words = folded(reading.subject(new).words + reading.subject(change).words)
        column = _columns(tables, tables.based(new) or tables.based(change), named)
        for cell, prior, scale in _rows(grid, new, old, words, reading, column):
            kept = {"said": new.id} if cell is not new else {}
            attributes = {**fact.attributes, "by": "table", **({"dir": "improvement"} if signed(cell, prior) else {}),
                          **({"scale": str(scale)} if scale != 1 else {})}
            out.append(Fact(id=0, type=fact.type, rule=rule.id, sentence=fact.sentence, strength="loose", named=True,
                            roles={**{r: i for r, i in fact.roles.items() if r not in ("to", "from")},
                                   "to": cell.id, "from": prior.id, **kept}, attributes=attributes))
    return out


def coarse(m: Mention) -> bool:
    """A prose figure printed with a scale word to two or three digits ("$1.1 billion", "$85 million"): a table
    may print it to more."""
    return m.cell is None and m.scale is not None and len(_DIGIT.findall(m.text)) <= 3


def prints_finer(cell: Mention, prior: Mention, scale: int = 1) -> bool:
    """A cell printing a prose figure narrower, within the figure's rounding (at the scale of a table with no
    unit note, whose money may be printed as plain numbers)."""
    return cell.kind in _CELL_KINDS.get(prior.kind, ()) and (float(cell.high) - float(cell.low)) * scale < float(prior.high) - float(prior.low) \
        and float(prior.low) <= float(cell.value) * scale <= float(prior.high)


def _columns(tables: TablePriors, based: bool, named: str | None):
    """Of a row restating the new figure, the cells the prior may be: of the period the sentence names, or the one
    change-prior reads (the table's own comparison, a year earlier); True (any) where no header dates the cell.
    None of a row whose label lacks the basis of a measure the sentence names on one ("Adjusted EBITDA")."""
    def column(cell: Mention) -> list[Mention] | bool:
        if based and not tables.basis.search(cell.cell.row_label or cell.cell.row_path or ""):
            return []
        if cell.cell.period is None:
            return True
        # (of a period named, each column dated so: a fixed-width table prints a year in a quarter's and a year's
        # columns alike, and the prior's rounding tells which)
        if named and (cells := tables.named_cells(cell, named, years=True)):
            return cells
        earlier = tables.older(cell, False, named)
        return [earlier] if earlier is not None else []
    return column


def _rows(grid, new: Mention, old: Mention, words: set[str], reading: Reading, column) -> list[tuple[Mention, Mention, int]]:
    """(new figure's printing, prior cell, scale) of each row restating the new figure under a label the sentence's
    words name and printing one cell within the prior's rounding (in the cell `column` gives the row's new figure,
    or in any where it gives True); none unless all such rows agree on the prior, or
    else those whose label the sentence names in full ("Total deposits", not "Subtotal customer deposits", for
    "deposits grew")."""
    found: dict[Decimal, list[tuple[Mention, Mention, int]]] = {}
    named: dict[Decimal, list[tuple[Mention, Mention, int]]] = {}
    for rows in grid.values():
        for cells in rows.values():
            for cell in cells.values():
                if cell.kind not in _CELL_KINDS.get(new.kind, ()):
                    continue
                scale = cell_scale(new, cell)
                size = abs(float(cell.value)) * scale  # (most cells are far off: floats tell those first)
                label = _label(cell)
                if not 0.9 * abs(float(new.low)) <= size <= 1.1 * abs(float(new.high)) \
                        or not agrees(new, cell, scale, reading) or not words & label:
                    continue
                want = column(cell)
                priors = [c for c in cells.values() if c is not cell and (want is True or c in want)
                          and prints_finer(c, old, scale)]
                if len(priors) != 1:
                    continue
                # the cell where the prose prints the figure no finer: the row's two cells are the pair compared
                wide = (float(cell.high) - float(cell.low)) * scale <= float(new.high) - float(new.low)
                pair = (cell if wide else new, priors[0], scale)
                found.setdefault(Decimal(priors[0].value) * scale, []).append(pair)
                if label - _TOTAL <= words:
                    named.setdefault(Decimal(priors[0].value) * scale, []).append(pair)
                break
    pairs = named if len(named) == 1 else found
    return next(iter(pairs.values())) if len(pairs) == 1 else []


def _label(cell: Mention) -> set[str]:
    return folded(content_words(cell.cell.row_label or cell.cell.row_path or ""))


# the word a row label may add to the measure's own: "Total deposits" are the deposits a sentence names
_TOTAL = frozenset({"total"})


def _named(reading: Reading, dates: list[Mention], old: Mention) -> str | None:
    """The day or period the sentence gives its prior figure, right after it: "from $6.1 billion at June 30, 2025",
    "from EUR4.6 billion in 2024" (a word or two between, no figure)."""
    for d in dates:
        if d.start >= old.end and d.sentence == old.sentence and _GIVEN.fullmatch(reading.text, old.end, d.start):
            return d.value
    return None


# the words between a figure and the day or period it is of: "at", "as of", "at the end of", "in", "for fiscal", "in
# the three months ended"
_GIVEN = regex.compile(r"(?i)\s*,?\s*(?:(?:at|as\s+(?:of|at)|on|in|for|during)(?:\s+the\s+end\s+of)?\s+(?:the\s+)?(?:fiscal\s+)?"
                       r"(?:(?:(?:three|six|nine|twelve)\s+months|(?:fiscal\s+)?year|quarter|period)\s+ended\s+)?)?")

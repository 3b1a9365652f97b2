"""Footings a table does not label "Total": a row that is the sum of the rows right above it.

Financial statements add up without saying so: "Gross profit" is revenue less cost of sales, "Income before
income taxes" is operating income plus other income, "Net income" is that less the tax. The row labels vary
too much to list, so the structure is read from the figures: a row is the footing of the block of rows above
it when the block adds up to it (all rows added, or the first less the others) in the columns the row has.
A block is accepted only where at least as many columns agree as disagree, and the agreement is never read
from a single column alone, unless the table has no other (a reconciliation or an outlook for one period): there
its arithmetic alone binds a footing of three digits or more, loosely.

Statements also foot their footings: "Operating income" is total revenue less total operating expenses, and
"Total liabilities and equity" adds the two subtotals, with the detail rows of each between them. So the rows
are read as a statement is: once a row is found to foot a block, the block folds into it, and later rows may
add up the folded rows (the section subtotals) as well as the rows right above them, though never a
subtotal together with the rows it adds up (all added, and vouched for by two totals of three digits or more). A total may also be
printed before its rows ("Total assets" above the liabilities and equity; a segment table's revenues above
the segments): the visible row right before a run of folded rows that adds up to it.

Columns add up too: a consolidated column beside its segments, a total column after the columns of its
period where periods interleave with segments, or one printed before the columns that add up to it (the
reported figure, then the currency's impact and the constant-currency figure; no change column among them). The
same reading with rows and columns swapped finds them, all added only (a column less another is a change
column, the table-change rule's).

A cell left blank or printed as a dash ("—") is nil in a row that has figures elsewhere; a dash also vouches
for its row where a column that breaks the block has a figure there (borrowings in one year only). The evidence is
graded by how the columns agree: where every column but the one that breaks it agrees, and at least two do
with totals of three digits or more (small rounded figures match by chance; one, where the row's label names it a
footing, "Total ...", "Net ...", as a statement of two periods does), the structure is as certain as
a stated one and the breaking column is flagged whatever its figure (tight); otherwise only where a known
slip explains the mismatch (loose). A column missing a cell of the block never counts as tight: its blank
may be a figure the table lost; a dash it prints there is no loss but the row's nil stated, and counts as its cell.
"""

from __future__ import annotations

from collections import defaultdict

import regex

from ..models import AMOUNTS, Fact, Mention
from ..rules import compiled
from .footarith import adds_up, cell_of, disputed_difference, lone, near, repeats, significant_digits, stated_before
from .footarith import stated_first as _stated_first
from .printednil import PrintedNil
from .subjects import Reading
from .tableranges import and_low_ends, both_ends
from .tablelists import noted_totals

_YEAR = regex.compile(r"(?:19|20)\d\d$")
# the innermost header of a column is its currency sign alone: the column holds amounts of money
_CURRENCY_HEAD = regex.compile(r"(?:^|>)\s*\(?(?:US|C|A|NT|HK|S|NZ)?[$€£]\)?\s*$")


def footings(rule, mentions: list[Mention], text: str = "", reading: Reading | None = None,
             found: list[Fact] | None = None) -> list[Fact]:
    reading = reading or Reading(mentions, text)
    # the "Total" rows the table-total rule bound: a "Total" row it could not read (its rows follow a revenue
    # line or a net income that is no part of it, or hold a subtotal no label names) is read here
    total_rule = rule.options.get("total_rule", "table-total")
    stated = {f.roles["total"] for f in found or () if f.rule == total_rule}
    # the figures the change rules read as a change of two columns: their column is no part of a column before it
    deltas = {f.roles["delta"] for f in found or () if "delta" in f.roles}
    skip_label = compiled(rule.options.get("skip_label", r"(?i)^\s*total\b"))
    skip_kinds = set(rule.options.get("skip_kinds", ["money", "shares"]))
    not_amount = compiled(rule.options.get("not_amount_label", r"(?!)"))
    not_amount_header = compiled(rule.options.get("not_amount_header", r"(?!)"))
    price_header = compiled(rule.options.get("price_header", r"(?!)"))
    longest = int(rule.options.get("max_block", 12))
    sign_words = compiled(rule.options.get("sign_words", r"(?!)"))
    footing_label = compiled(rule.options.get("footing_label", r"(?!)"))
    holder_label = compiled(rule.options.get("holder_label", r"(?!)"))
    minority = compiled(rule.options.get("minority_label", r"(?!)"))
    facts: list[Fact] = []
    tables = ((labels, rows) for rows, labels in _tables(mentions, not_amount_header, price_header).values())
    for labels, rows in and_low_ends(tables, mentions):
        cells = {m.id: cell_of(m) for row in rows.values() for m in row.values()}  # each figure read once
        # per-share, share-count and ratio rows sit among the amounts but never add up with them; a row of
        # years is a header the table model took for figures
        order = sorted(r for r in rows if _amount_row(rows[r], labels.get(r, ""), not_amount)
                       and not all(_YEAR.match(m.text) for m in rows[r].values()))
        # a table of one column (a reconciliation or an outlook for one period) has no other column to vouch
        # for a block: its arithmetic alone, loosely
        alone = len({c for r in order for c in rows[r]}) == 1
        facts.extend(_statement(rule, rows, order, lambda r: bool(skip_label.search(labels.get(r, "")))
                                and all(m.kind in skip_kinds for m in rows[r].values()), longest, reading, cells,
                                stated, _charges(rows, labels, sign_words), alone, PrintedNil(rows, text),
                                lambda r: bool(footing_label.search(labels.get(r, ""))),
                                (lambda r: bool(holder_label.search(labels.get(r, ""))),
                                 lambda r: bool(minority.search(labels.get(r, ""))))))
        facts.extend(_column_totals(rule, rows, order, longest, reading, cells, lambda m: m.id in deltas or bool(
            compiled(rule.options.get("change_header", r"(?!)")).search(m.cell.column_header or ""))))
    return noted_totals(both_ends(facts, mentions), mentions, text or reading.text)


def _amount_row(row: dict[int, Mention], label: str, not_amount) -> bool:
    """Whether a row holds amounts to add: a label naming a per-share figure, a count, a margin or a ratio keeps
    its row out, unless every figure of it is money the table's unit note scaled, as the cell reader types a
    "Gross margin" printed in thousands, an equity caption naming its shares, or a first row that took the
    table's note ("(In thousands, except per share amounts) Revenues"), or money under a column headed by its
    currency sign alone ("Q2-2025 > $": a gross margin printed in dollars)."""
    return not not_amount.search(label) or all(
        m.kind == "money" and (m.scale or _CURRENCY_HEAD.search(m.cell.column_path or "")) or m.kind == "price"
        for m in row.values())


def _charges(rows, labels: dict[int, str], words) -> frozenset:
    """The rows a statement subtracts though it prints them as positive figures: those whose label names a
    charge before any income ("Interest expense", "Provision for income taxes", "Less: cash"; not "Other income
    (expense)"), unless every figure of the row is negative (a table printing its charges negative adds them)."""
    out = set()
    for r, row in rows.items():
        word = words.search(labels.get(r, ""))
        if word is not None and word.group("charge") and not all(float(m.value) < 0 for m in row.values()):
            out.add(r)
    return frozenset(out)


def _column_totals(rule, rows, order: list[int], longest: int, reading: Reading, cells: dict,
                   change) -> list[Fact]:
    """A column that adds up the columns left of it (a consolidated column beside its segments, a year beside
    its quarters), or the columns right after it: the reading `_best_block` gives with rows and columns swapped,
    all added (a column less another is a change column, the table-change rule's) and agreed by two rows or more."""
    columns: dict[int, dict[int, Mention]] = defaultdict(dict)
    for r in order:
        for c, m in rows[r].items():
            # a year's earnings per share is not the sum of its quarters', nor its count of shares (an average,
            # or the count at its end)
            if m.kind not in ("price", "shares"):
                columns[c][r] = m
    keys = sorted(columns)
    periods = {name: compiled(pattern) for name, pattern in rule.options.get("period_headers", {}).items()}

    def header(x: int) -> str:
        return next(iter(columns[x].values())).cell.column_header or ""
    facts: list[Fact] = []
    for i, c in enumerate(keys):
        if len(columns[c]) < 2:
            continue
        best = None
        # the columns right before it, or every second or third one where periods interleave with segments
        for step in (1, 2, 3):
            left = keys[i - step::-step][:longest][::-1] if i >= step else []
            best = _better(best, _best_block(columns, left, c, reading, cells, minus_rows=1, least=2))
        # a column printed before the columns that add up to it ("As reported" before the currency's impact and
        # the constant-currency figure; shares sold before those settled and those remaining), none of them a
        # change by its header or as the change rules read it (a year is the prior year plus its change, a layout
        # the change columns read, and a cost's favourable change is signed the other way)
        right = keys[i + 1:i + 1 + longest]
        right = right[:next((n for n, x in enumerate(right) if any(map(change, columns[x].values()))), len(right))]
        first = _best_block(columns, right[::-1], c, reading, cells, minus_rows=1, least=2)
        first = stated_before(columns, first and (*first, c), header, periods)
        best = _better(best, first and (sorted(first[0]), *first[1:]))
        if best is not None:
            facts.extend(_facts(rule, columns, c, *best))
    return facts


def _statement(rule, rows, order: list[int], labelled_total, longest: int, reading: Reading, cells: dict,
               stated: set[int], charges: frozenset, alone: bool, nil, named, holder: tuple) -> list[Fact]:
    """The footings of one table, read top to bottom, each folding the block it adds up."""
    facts: list[Fact] = []
    position = {x: i for i, x in enumerate(order)}
    folded: list[int] = []  # the rows still visible once each footing found has folded its block
    # each footing most columns vouch for -> the rows it adds up, its subtotals' rows too: no block of the raw rows
    # adds a subtotal and its own rows, which only a coincidence within their rounding lets meet a figure
    folds: dict[int, frozenset] = {}
    stated_first: dict[int, tuple] = {}
    # footings a column disputes, and those every column (two or more) vouches for -> (block, facts' span)
    disputed, vouched, dropped = {}, {}, set()
    for i, r in enumerate(order):
        best = None
        if len(rows[r]) >= 2 or alone:
            above = order[max(0, i - longest):i]
            best = _best_block(rows, above, r, reading, cells, least=0 if alone else 1, charges=charges, folds=folds)
            if folded[-longest:] != above:
                # over subtotals, a row less the others is one less one: longer, the balance sheet's own identity
                # would pass for a footing; on a tie the subtotals are the statement's reading (operating income is
                # gross profit less the expenses, not sales less cost of sales less the expenses), unless `_unfolds`
                over = _best_block(rows, folded[-longest:], r, reading, cells, minus_rows=2, charges=charges)
                best = _better(best, over, tie=not _unfolds(best, over, disputed))
            if best and best[3][1] and any(x in best[0] and took & set(best[0]) for x, (took, _) in vouched.items()):
                best = None  # a disputed block holding a footing every column vouches for with a row it took
        if best is None:
            # a subtotal of one line ("Net cash used in investing activities" below its only item) folds it
            folded = folded[:-1] + [r] if folded and repeats(rows[folded[-1]], rows[r]) else folded + [r]
        else:
            block = best[0]
            if set(best[1]) == {1} and best[3][1] == 0 and len(best[4]) >= 2:
                # a footing every column vouches for adds up an earlier disputed footing's row beside rows it took:
                # that row is a part among them (a list of costs over their total), one column meeting it chance
                for x in [x for x, (took, _) in disputed.items() if x in block and took & set(block)]:
                    dropped.update(range(*disputed.pop(x)[1]))
            folded = [x for x in folded if x < block[0]] + [r]
            # a subtotal to stop at: all added (a row that is the one above less another may be a part the total
            # below adds), and vouched for by totals of three digits or more, two or every one (small figures
            # meet within their rounding by chance)
            witnesses = sum(significant_digits(rows[r][c]) >= 3 for c in best[4])
            if set(best[1]) == {1} and (witnesses >= 2 or witnesses and best[3][1] == 0):
                folds[r] = frozenset(block).union(*(folds.get(x, ()) for x in block))
            # a "Total" row is the table-total rule's where it read it, unless it adds up subtotals with rows
            # between them
            start = len(facts)  # a disputed difference may be read on the wrong equity row: a later one, or none
            t, read = disputed_difference(rows, order[i + 1:], r, best, reading, cells, (named, *holder))
            own = t == r and labelled_total(r) and len(block) == i - position[block[0]]  # the table-total rule's
            facts.extend(f if t == r else f.model_copy(update={"strength": "loose"}) for f in (_facts(
                rule, rows, t, *read, nil=nil, named=bool(named(t))) if t is not None else ()) if not own
                or f.roles["total"] not in stated)
            if best[3][1] or len(best[4]) >= 2:
                (disputed if best[3][1] else vouched)[r] = (frozenset(block), (start, len(facts)))
        first = _stated_first(rows, folded[-longest - 1:], reading, cells)
        if first is not None:
            stated_first[first[0]] = first  # a later run (once its rows have folded) is the statement's reading
    facts = [f for n, f in enumerate(facts) if n not in dropped]
    for first in stated_first.values():
        facts.extend(_facts(rule, rows, *first, nil=nil))
    return facts


def _unfolds(raw, over, disputed: dict) -> bool:
    """Whether the raw rows' block is the folded rows' with those of a subtotal in it a column disputed: two
    offsetting rows (3 less (3) meeting 5 in one column, by chance) hid from the footing below, all columns agreeing."""
    return bool(raw and over) and set(raw[0]) == set(over[0]).union(
        *(disputed[x][0] for x in over[0] if x in disputed)) != set(over[0])


def _better(a, b, tie: bool = False):
    """The reading more columns agree with; on a tie the first, or the second if `tie`."""
    return b if b is not None and (a is None or b[3][:2] > a[3][:2] or tie and b[3][:2] == a[3][:2]) else a


def _tables(mentions: list[Mention], not_amount, price_header=None) -> dict[int, tuple[dict[int, dict[int, Mention]], dict[int, str]]]:
    """table -> (row -> column -> amount or price cell, row -> label); a column headed as per share, an average
    or a ratio holds no amounts, though its total row may be read as one. Prices add up only with prices (a
    bridge from earnings per share to its adjusted figure, costs per unit to their total per unit), and a column
    headed per share keeps its prices: the bridge printed per share beside its amounts ("Earnings" and
    "Earnings per share" under each year)."""
    out: dict[int, tuple[dict, dict]] = defaultdict(lambda: (defaultdict(dict), {}))
    amounts: dict[str, tuple[bool, bool]] = {}  # header -> whether its column holds amounts, prices (one per column)
    for m in mentions:
        if m.cell is None or m.kind not in AMOUNTS and m.kind != "price":
            continue
        header = m.cell.column_header or ""
        if header not in amounts:
            amounts[header] = (not not_amount.search(header),
                               bool(price_header is not None and price_header.search(m.cell.column_path or header)))
        if amounts[header][0] or m.kind == "price" and amounts[header][1]:
            rows, labels = out[m.cell.table]
            rows[m.cell.row][m.cell.column] = m
            labels[m.cell.row] = m.cell.row_label or ""
    return out


def _best_block(rows, above: list[int], r: int, reading: Reading, cells: dict, minus_rows: int = 0, least: int = 1,
                charges: frozenset = frozenset(), folds: dict | None = None):
    """The block of rows ending just above `r` in `above` (2 or more) and the signs that most columns of `r`
    agree with: (block, signs, columns, score, the columns that agree) or None.

    The block grows upward one row at a time with running sums per column, so each row costs the block's
    length times the columns (floats screen; the chosen block is confirmed with exact intervals)."""
    total = {c: cells[m.id] for c, m in rows[r].items() if float(m.value) != 0}  # a nil total is no evidence
    live = set(total)
    # prices add up only all added (a bridge of per-share figures): taken away, figures of two decimals meet
    # by chance within their rounding
    amounts = any(t[3][0] for t in total.values())
    sums = {c: [0.0, 0.0, False, 0.0, 0.0] for c in total}  # low, high, any non-nil part; low, high with charges less
    best, best_score = None, (0, 0, 0)
    taken: set[int] = set()  # the rows the subtotals in the block add up: the block stops before them
    for k, x in enumerate(reversed(above), 1):
        if folds:
            if x in taken:
                break
            taken.update(folds.get(x, ()))
        own = other = 0
        for c in list(live):
            cell = rows[x].get(c)
            if cell is None:
                continue  # a blank or a dash in a row with figures elsewhere: nil
            lo, hi, value, unit = cells[cell.id]
            # a row printed to other decimals, or of another kind, is another unit (a per-share row)
            if unit != total[c][3]:
                live.discard(c)
                other += unit[0] != total[c][3][0]  # an amount over a price (not a figure to other decimals)
                continue
            own += 1
            acc = sums[c]
            acc[0] += lo
            acc[1] += hi
            acc[2] = acc[2] or value != 0
            if charges:
                acc[3], acc[4] = (acc[3] - hi, acc[4] - lo) if x in charges else (acc[3] + lo, acc[4] + hi)
        if other and not own:
            break  # a row of amounts above per-share figures is no part of them, nor are the rows above it
        columns = [c for c in live if sums[c][2]]
        if k < 2 or len(columns) < min(2, least + 1):
            if len(live) < min(2, least + 1):
                break
            continue
        block = above[-k:]
        top = rows[block[0]]
        for how in _signings(rows, block, columns, minus_rows, charges) if amounts else ("plus",):
            agree = [c for c in columns if near(sums[c], cells[top[c].id] if c in top else None, total[c], how)]
            disagree = len(columns) - len(agree)
            score = (len(agree), -disagree, k)
            if (len(agree) >= 2 or least == 1 and len(agree) == 1 and disagree == 1
                    or least == 0 and agree and lone(rows[r][agree[0]], amounts)) and len(agree) >= disagree \
                    and score > best_score:
                signs = _signs(block, how, charges)
                if sum(adds_up(rows, block, signs, r, c, reading, cells) for c in columns) == len(agree):
                    best, best_score = (block, signs, columns, score, agree), score
    return best


# a statement's step between two subtotals is a few rows; over more, a label's sign is as likely a coincidence
_SIGNED_ROWS = 6


def _signings(rows, block: list[int], columns: list[int], minus_rows: int, charges: frozenset):
    """The signs a block may take: all added; its first row less the others (which needs that row in every
    column); and, where labels name some rows after the first as charges, those less and the rest added
    (operating income less interest expense plus other income)."""
    k = len(block)
    out = ["plus"]
    if not 0 < minus_rows < k and rows[block[0]].keys() >= set(columns):
        out.append("minus")
    if charges and k <= _SIGNED_ROWS and block[0] not in charges and 0 < sum(x in charges for x in block) < k - 1:
        out.append("mixed")
    return out


def _signs(block: list[int], how: str, charges: frozenset) -> tuple[int, ...]:
    if how == "mixed":
        return tuple(-1 if x in charges else 1 for x in block)
    return (1,) + ((-1,) if how == "minus" else (1,)) * (len(block) - 1)


def _how(signs: tuple[int, ...]) -> str:
    """"plus" (all added), "minus" (the first row less the others) or "mixed" (some rows after the first less)."""
    rest = set(signs[1:])
    return "minus" if rest == {-1} else "mixed" if -1 in rest else "plus"


def _facts(rule, rows, r: int, block: list[int], signs: tuple[int, ...], columns: list[int],
           score: tuple[int, int, int], agree: list[int], nil=None, named: bool = False) -> list[Fact]:
    """One fact per column: a `sum` of the block, a `difference` (the first row less the others), or a `sum` of
    some rows less others (signs its labels gave: never tight, as the labels chose them)."""
    out = []
    how, sign = _how(signs), dict(zip(block, signs))
    minus = how == "minus"
    # rows the agreeing columns vouch for: those they add up, and those they print a dash for (a row of the
    # statement nil that year, as borrowings in a year with none), which is no subtotal set in a column of its own
    confirmed = {x for x in block if any(c in rows[x] for c in agree)}
    if nil is not None and agree:
        confirmed.update(x for x in block if x not in confirmed and nil(x))
    # a match is evidence of the structure only where a coincidence is unlikely: a total of three digits or more
    witnesses = [c for c in agree if significant_digits(rows[r][c]) >= 3]
    flips = rule.options.get("flip_header")
    for c in columns:
        total = rows[r][c]
        if how != "plus" and flips and regex.search(flips, total.cell.column_header or ""):
            continue  # a column in the company's favour signs its costs: the block adds up there
        present = [x for x in block if c in rows[x]]
        if len(present) < 2 or c not in agree and not confirmed.issuperset(present):
            continue  # one figure and its footing say nothing; a row only this column has is not the table's
        # a plain number (no currency, no unit note) is as often an average, a rate or a count of days; a bridge
        # of per-share figures may change its share count (a loss per share over basic shares, the adjusted
        # profit over diluted ones) without a row saying so
        # a row printing a dash in this column states its nil: it is present, not a figure the table lost
        whole = len(present) == len(block) or nil is not None and all(
            c in rows[x] or c in nil.columns(x) for x in block)
        # two other columns vouch for the block; or one, where the row's label names it a footing ("Total ...",
        # "Net cash ...", "Gross profit"): a statement of two periods, read by its label and one column's arithmetic
        tight = whole and -score[1] <= 1 and len([w for w in witnesses if w != c]) >= (1 if named else 2) \
            and total.kind not in ("number", "price") and how != "mixed"
        if how == "mixed":
            roles = {"total": total.id, **{f"part_{n}": rows[x][c].id for n, x in enumerate(
                [x for x in present if sign[x] > 0], 1)}, **{f"less_{n}": rows[x][c].id for n, x in enumerate(
                    [x for x in present if sign[x] < 0], 1)}}
        elif minus:
            roles = {"total": total.id, "minuend": rows[block[0]][c].id,
                     **{f"less_{n}": rows[x][c].id for n, x in enumerate(present[1:], 1)}}
        else:
            roles = {"total": total.id, **{f"part_{n}": rows[x][c].id for n, x in enumerate(present, 1)}}
        kind = rule.options.get("difference_type", "difference") if minus else rule.type
        out.append(Fact(id=0, type=kind, rule=rule.id, roles=roles, sentence=total.sentence,
                        strength="tight" if tight else "loose"))
    return out

"""Margins stated in prose whose part and revenue are rows of a table: "Gross margin was 41.0%, compared to 37.5%".

The sentence names the measure ("gross", "adjusted EBITDA") and the percentage; the table gives the profit row
of that name and the revenue row, a column per period. Which column is the sentence's is rarely certain (a
fiscal quarter against calendar headers, a header the table does not print), so the binding is loose, chosen
among candidates: a column whose rows give the percentage is taken; failing that, a figure is bound only where
one column alone names the sentence's period and one profit row and one revenue row alone carry the names, and
a mismatch is then flagged only where a known slip explains it. Where no column names the sentence's period (a
fiscal quarter the headers date by the calendar), the one column of another period that gives it is taken. A table of profits with no revenue row (a
reconciliation of adjusted EBIT) is read with the revenue row of the table that states the same periods
(`tablecross`).

A share of sales right after an amount ("operating income was $23.1 million, or 9.7% of sales", "$26.4M,
representing a 56% margin") is a margin of what the words before the amount name. Where several revenue rows
give it (third parties' and related parties' sales, and the unlabelled footing under them), the largest, the
total, is the whole. A gross margin over a statement that prints no gross profit is the revenue less the cost
row right under it, over the revenue (roles part, less and whole).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right

import regex

from ..models import Fact, Mention
from .marginperiods import words_span
from .restatenames import LABEL_MARK
from .subjects import Reading, period_of
from .tablefacts import TableRule, _grid, _labels
from .tablecross import Elsewhere
from .tableratios import _AMOUNT, _Options, _is_whole, _ratio_fits, _rows

# between an amount and its share of sales: ", or", "(", ", representing a", past the words of its period and its
# change ("$5.7M in Q3, up 32% YoY, representing a 12% margin")
_JOINED = regex.compile(r"(?i)(?:[^;$%\n]{0,40}%)?[^;$%\n]{0,40}?(?:,\s*|\s+)(?:or|representing|reflecting|"
                        r"which\s+(?:was|is|represents|represented|amounted\s+to))\s+(?:an?\s+)?|\s*\(\s*")
# where the sentence a percentage is in starts
_SENTENCE = regex.compile(r"[.!?]\s+(?=[A-Z])|\n")
# a column of several quarters, no quarter's a sentence names
_SEVERAL = regex.compile(r"(?i)\b(?:six|nine|6|9)[\s-]+months?\b|\bhalf[\s-]+year|\b(?:H[12]|YTD)\b|\byear[\s-]+to[\s-]+date\b")
# the one period the words right after a figure name, up to the clause's end or the figure it is compared with
_OWN = regex.compile(r"(?i)\s*(?:in|for|during)\s+(?:the\s+)?(?P<p>(?:(?:fourth|third|second|first)\s+quarter\s+(?:of\s+)?|"
                     r"full[\s-]+year\s+(?:of\s+)?)?(?:fiscal\s+(?:year\s+)?)?(?:\d{4}|[1-4]Q\d{2}|Q[1-4]\s*(?:FY\s*)?'?\d{2,4}|"
                     r"FY\s*'?\d{2,4}))\b(?=\s*(?:[,;.)]|\b(?:compared|versus|vs|from|up|down|against)\b|$))")
# the words after a figure up to its clause's end or the figure it is compared with
_AFTER = regex.compile(r"[^,;.()\n%]*?(?=\s*(?:[,;.()\n]|\b(?:compared|versus|vs|from|up|down|against)\b|$))")
# the words comparing a figure with the one before it
_COMPARED = regex.compile(r"(?i)compared|to|with|versus|vs|from|against|and")
# a footnote mark a row label carries ("Operating income (1)", "EBIT*")
# what a row label prints besides its words ("Total revenues*", "$")
_LABEL = regex.compile(r"[^\w]+")
# a word of a sentence around a margin's name
_WORD = regex.compile(r"[^\W\d_][\w'’&-]*")
# where the words naming an amount start: after a sentence, clause or list mark, or another amount
_CLAUSE = regex.compile(r"[.;:\n•(]\s|\s[-–—]\s|[$€£¥]\s?\d[\d.,]*(?:\s*(?:million|billion|thousand|[MBK]n?)\b)?")


def prose_margins(rule: TableRule, mentions: list[Mention], text: str = "", reading: Reading | None = None) -> list[Fact]:
    opts = _MarginOptions.of(rule)
    cued = _cued(mentions, text, opts)
    if not cued:
        return []
    reading = reading or Reading(mentions, text)
    labels = _labels(mentions, reading)
    every = {table: _rows(table_rows, labels, table, text) for table, table_rows in _grid(mentions, reading).items()}
    elsewhere, foreign = Elsewhere(every, opts.skipped), {}

    def revenue_elsewhere(t: int) -> list:
        """Another table's revenue rows in table t's columns, read once however many margins ask."""
        if t not in foreign:
            foreign[t] = elsewhere.rows(t, lambda r: _is_whole(r, opts))
        return foreign[t]

    printed: dict[tuple, Mention] = {}

    def first_printing(m: Mention) -> Mention:
        """The first printing of a revenue cell's figure under the same label: the statement's total revenues,
        which a reconciliation repeats (the cells indexed once a release, when a margin first asks)."""
        if not printed:
            for x in mentions:
                if x.cell is not None and x.kind in _AMOUNT:
                    key = _printing(x)
                    if key not in printed or x.start < printed[key].start:
                        printed[key] = x
        return printed.get(_printing(m), m)

    tables = [(t, rows, _wholes(rows, opts), revenue_elsewhere) for t, rows in every.items()]
    facts, stated = [], None
    for p, metric, compared in cued:
        found = _bound(p, metric, compared, tables, opts, reading, stated if compared else None)
        # (the one column of the sentence's period under the one profit row and revenue row the names leave)
        named = bool(found) and len(found) == 3
        found = found and found[:2]
        if not compared:
            stated = found
        if found:
            part, whole = found[0], first_printing(found[1])
            facts.append(Fact(id=0, type=rule.type, rule=rule.id, sentence=p.sentence, strength="loose", named=named,
                              roles={"pct": p.id, "part": part.id, "whole": whole.id}))
        elif opts.cost is not None and metric <= opts.words(rule.options.get("gross_words", "")):
            found = _gross(p, metric, compared, tables, opts, reading)
            if found:
                whole, cost = found
                facts.append(Fact(id=0, type=rule.type, rule=rule.id, sentence=p.sentence, strength="loose",
                                  roles={"pct": p.id, "part": whole.id, "less": cost.id, "whole": whole.id}))
    return facts


def _printing(m: Mention) -> tuple:
    """What makes two printings of a figure one: its row's label, its value, its column, the table's scale and
    the column's period (not merely the same number under the same label)."""
    c = m.cell
    period = c.period.model_dump_json() if c.period is not None else None
    return (_LABEL.sub("", (c.row_label or "").lower()), m.value, _LABEL.sub("", (c.column_header or "").lower()),
            m.scale, period)


def _gross(p: Mention, metric: frozenset[str], compared: bool, tables, opts: _Options, reading: Reading):
    """A gross margin over a statement that prints no gross profit: revenue less the cost row right under the
    revenue, over the revenue, in the one column of the sentence's period that gives it; where none does, the
    one column of the one period a sentence stating the margin (not comparing with it) names."""
    lo, hi = reading.bounds.sentence_of(p.start, p.end)
    years, quarters, _ = period_of(reading.text[lo:hi])
    found: dict[tuple[int, int], tuple[Mention, Mention]] = {}
    named: dict[tuple[int, int], tuple[Mention, Mention]] = {}
    for t, rows, wholes, _ in tables:
        if not wholes or any(metric <= opts.words(r.label) for r in rows):
            continue  # (a table that prints its gross profit was read by its rows)
        # a revenue row (the footing of its section's, or the one) with the cost row right under it
        pairs = [(r, below) for r, below in zip(rows, rows[1:]) if any(r is w for w in wholes)
                 and opts.cost.search(below.label)]
        cells = [(top, below.cells.get(c)) for whole, below in pairs for c, top in whole.cells.items()]
        for top, less in cells:
            if less is None or top.kind not in _AMOUNT or less.kind not in _AMOUNT \
                    or not reading.subject(top).meets(years, quarters):
                continue
            # the cost as printed, spent or bracketed as a deduction: its size
            ends = sorted(abs(float(x)) for x in (less.low, less.high))
            gross = top.model_copy(update={"value": str(float(top.value) - abs(float(less.value))),
                                           "low": str(float(top.low) - ends[1]), "high": str(float(top.high) - ends[0])})
            if _ratio_fits(p, gross, top, True):
                found[(top.id, less.id)] = (top, less)
            elif not compared and reading.subject(top).names_only(years, quarters):
                named[(top.id, less.id)] = (top, less)
    span = words_span(reading.text[lo:hi]) if len(found) > 1 else None
    if len(found) > 1 and (years or quarters or span == "quarter"):
        # a quarter's margin and the year's can both fit: the column of the span the sentence names, by number or
        # by words ("in the previous quarter"; a sentence naming no period leaves them apart)
        spanned = _of_span(list(found.values()), quarters, reading, span)
        if spanned:  # (none of the span named: still two that fit, and no other column may stand in)
            found = {(top.id, less.id): (top, less) for top, less in spanned}
    # none gives it: the one column of the one period a sentence stating it names
    found = found or named
    return next(iter(found.values())) if len(found) == 1 else None


def _rows_of(pair: tuple[Mention, Mention]) -> tuple:
    return tuple((m.cell.table, m.cell.row) for m in pair)


def _span(m: Mention, reading: Reading) -> tuple[bool, bool]:
    """Whether a cell's column is a full year's, and whether it names quarters."""
    when = reading.subject(m)
    return when.full_year, bool(when.quarters)


def _of_span(pairs: list, quarters: frozenset[int], reading: Reading, span: str | None = None) -> list:
    """The pairs whose column is of the quarter the sentence names, or a full year's where it names none; of a
    quarter where its words name quarters and no year ("in the previous quarter")."""
    if not quarters and span == "quarter":
        return [(top, other) for top, other in pairs
                if reading.subject(top).quarters and not reading.subject(top).full_year]
    return [(top, other) for top, other in pairs
            if (reading.subject(top).quarters & quarters if quarters else reading.subject(top).full_year)]


def _cued(mentions: list[Mention], text: str, opts: _Options) -> list[tuple[Mention, frozenset[str], bool]]:
    """Prose percentages a margin names ("Gross margin was 41.0%"), with the words of its measure; a
    percentage it is compared with in the same sentence ("compared to 37.5%") has the same measure. A
    percentage "of sales" right after a figure ("operating income was $23.1 million, or 9.7% of sales") is a
    margin of what that figure measures, named by the words before it."""
    out: list[tuple[Mention, frozenset[str], bool]] = []
    last: tuple[Mention, frozenset[str], bool] | None = None
    previous: Mention | None = None
    # where the cue's word is: a percentage no such word comes shortly before is not searched for the cue
    words_at = [w.end() for w in opts.cue_word.finditer(text)] if opts.cue_word is not None else None
    if words_at == [] and opts.after is None:
        return out
    for m in mentions:
        if m.cell is not None:
            continue
        if m.kind != "percent" or m.unit != "%":
            previous = m if m.kind == "money" else previous
            continue
        near = words_at is None or bisect_left(words_at, m.start - 90) < bisect_right(words_at, m.start)
        found = opts.cue.search(text, max(0, m.start - 90), m.start) if near else None
        words = opts.words(found.group("metric")) if found else frozenset()
        # (compared with the margin or with the figure compared with it: "from 30.0% in the previous quarter,
        # and up from 30.3% in the same period last year")
        reach = out[-1][0].end if out and last and out[-1][0].sentence == m.sentence else last[0].end if last else 0
        compared = bool(last and last[0].sentence == m.sentence and m.start - reach < 80
                        and opts.compared.search(text, last[0].end, m.start))
        if not words and not compared and opts.after is not None and opts.after.match(text, m.end):
            words = _named_before(previous, m, text, opts)
        if (words or compared) and opts.outlook is not None \
                and opts.outlook.search(_SENTENCE.split(text[max(0, m.start - 120):m.start])[-1]):
            last = None  # (an outlook's rate is of no period a table prints, nor what it is compared with)
            continue
        if words:
            last = (m, words, False)
            out.append(last)
        elif compared and last:
            out.append((m, last[1], True))
    return out


def _named_before(figure: Mention | None, p: Mention, text: str, opts: _Options) -> frozenset[str]:
    """The measure of the amount a percentage "of sales" follows right after ("$23.1 million, or 9.7%"): the
    words of its clause before it; none when the percentage follows no amount, or the amount is the sales."""
    if figure is None or figure.sentence != p.sentence \
            or not _JOINED.fullmatch(text, figure.end, p.start):
        return frozenset()
    clause = _CLAUSE.split(text[max(0, figure.start - 90):figure.start])[-1]
    words = opts.words(clause)
    return frozenset() if opts.whole.search(clause) or len(words) > 4 else words


def _wholes(rows: list, opts: _Options) -> list:
    """The revenue rows, with a row that names nothing right under them: the footing of their section ("Revenues
    from third parties", "from related parties", then the unlabelled sum)."""
    out = []
    for k, r in enumerate(rows):
        if _is_whole(r, opts) or not r.label.strip() and r.kinds & _AMOUNT and out and out[-1] is rows[k - 1]:
            out.append(r)
    return out


class _MarginOptions(_Options):
    """The rule's options with those a margin's rows are chosen by from their names alone (compiled once per
    rule, in a cache of its own): a sentence naming another basis, a part row that is a share itself, a revenue
    row that is the total, the plain words of a sentence bound by the names."""

    _cache: dict = {}

    def __init__(self, options: dict):
        super().__init__(options)
        self.basis = regex.compile(options.get("basis_words", r"(?!)"))
        self.not_part = regex.compile(options.get("not_part_label", r"(?!)"))
        self.total = regex.compile(options.get("total_whole", r"(?!)"))
        self.plain = regex.compile(options.get("plain_words", r"(?!)"))
        self.group = regex.compile(options.get("group_part", r"(?!)"))
        self.segment = regex.compile(options.get("segment_words", r"(?!)"))
        self.label_basis = regex.compile(options.get("label_basis_words", r"(?!)"))


def _by_names(named: list, opts: _MarginOptions, text: str, span: tuple[int, int], p: Mention):
    """The one (part, whole) the names leave in the one column of the sentence's period, whatever the figures.
    The sentence naming the margin must say no more than the measure, its period and its verb ("Adjusted EBIT
    margin for 2024 was 16.3%": not "In Pumps, ...", "gross margin on product sales", "in constant currency").
    One part row and one revenue row in a table are taken as they are; else the rows are chosen by their names: those of
    the measure (a margin row printing the share itself is none) over the revenue rows, the total where a
    revenue row says so (a statement's "Total revenues" over its "Sales of products"); bound only where the part
    rows print one figure there and the revenue rows one (one figure printed in a statement and again in a
    reconciliation), the first table's. A name picking two figures (GAAP and adjusted rows, a segment's and the
    group's), or a sentence naming another basis ("in constant currency"), binds nothing."""
    lo, hi = span
    if opts.basis.search(text, lo, hi) or any(LABEL_MARK.search(n[2]) for n in named):
        return None  # (a part row with a footnote mark is another basis than its name says)
    # a part row naming a basis the sentence does not say ("Adjusted EBITDA" for "EBITDA margin") may be another
    # measure, or the sentence may leave its basis out: nothing is bound by the names alone
    said = text[lo:hi].lower()
    if any(w.lower() not in said for n in named for w in opts.label_basis.findall(n[2])):
        return None
    cue = opts.cue.search(text, max(lo, p.start - 90), p.start)
    if cue is not None and not _plain(f"{text[lo:cue.start('metric')]} {text[cue.end('metric'):p.start]} "
                                      f"{text[p.end:hi]}", opts, frozenset()):
        return None
    if len(named) == 1 and named[0][4]:
        return (*named[0][:2], True)
    if cue is None:
        return None
    named = [n for n in named if not opts.not_part.search(n[2])]
    if len({_LABEL.sub("", n[3].lower()) for n in named}) > 1:
        # several revenue rows (a segment's, the total): the total only for a part row of the group, by its label or
        # printed in a table of no revenue rows (a reconciliation of the group's profit)
        named = [n for n in named if opts.total.search(n[3])
                 and (opts.group.search(n[2]) or n[0].cell.table != n[1].cell.table)]
    if not named or len({float(n[0].value) for n in named}) != 1 or len({float(n[1].value) for n in named}) != 1:
        return None
    top, bottom = min(named, key=lambda n: (n[1].cell.table, n[0].cell.table))[:2]
    return top, bottom, True


def _plain(words: str, opts: _MarginOptions, metric: frozenset[str]) -> bool:
    """Every word says no more than the measure, a period, a verb or a comparison: read to the sentence's end
    (", as previously reported", ", which included ..." are no plain words)."""
    return all(opts.plain.fullmatch(w) or _COMPARED.fullmatch(w) or (metric and opts.words(w) and opts.words(w) <= metric)
               for w in _WORD.findall(words))


def _own_period(p: Mention, text: str, hi: int) -> tuple[frozenset[str], frozenset[int]] | None:
    """The one period the words right after the figure name ("6.9% in 4Q24, compared to 7.2% in 3Q24"): the
    column it is bound in by the names, where its sentence names two."""
    own = _OWN.match(text, p.end, hi)
    own = period_of(own.group("p"))[:2] if own else None
    return own if own and len(own[0]) == 1 else None


def _compared_by_names(named: list, prior, metric: frozenset[str], opts: _MarginOptions, text: str,
                       span: tuple[int, int], segmented: bool):
    """The figure compared with one bound before it, in the column its own words name: the same rows, where its
    sentence says no more than the measure, periods and comparison, and names no other basis."""
    lo, hi = span
    same = list({(n[0].id, n[1].id): n[:2] for n in named
                 if prior is not None and _rows_of(n[:2]) == _rows_of(prior)}.values())
    plain = _plain(text[lo:hi], opts, metric) and not segmented
    return (*same.pop(), True) if len(same) == 1 and plain and not opts.basis.search(text, lo, hi) else None


def _bound(p: Mention, metric: frozenset[str], compared: bool, tables, opts: _MarginOptions, reading: Reading,
           prior: tuple[Mention, Mention] | None = None):
    """The (part, whole) cells of the margin: the first column of a period the sentence names (or of any,
    when it names none) that gives it; else, for a sentence of one period and a margin it states (not one it
    compares with), the one column of that period, when the names leave one profit row and one revenue row."""
    lo, hi = reading.bounds.sentence_of(p.start, p.end)
    years, quarters, _ = period_of(reading.text[lo:hi])
    own = _own_period(p, reading.text, hi)
    at = own or (years, quarters)
    fitting, named, unnamed = [], [], []
    for t, rows, wholes, elsewhere in tables:
        parts = [r for r in rows if r.kinds & _AMOUNT and metric <= opts.words(r.label)
                 and not any(r is w for w in wholes)]
        if parts and not wholes:
            wholes = elsewhere(t)
        for part in parts:
            for whole in wholes:
                for c, top in part.cells.items():
                    bottom = whole.cells.get(c)
                    if bottom is None or top.kind not in _AMOUNT or bottom.kind not in _AMOUNT:
                        continue
                    if quarters and _SEVERAL.search(top.cell.column_header or ""):
                        continue
                    when, fits = reading.subject(top), _ratio_fits(p, top, bottom, True)
                    if not when.meets(years, quarters):
                        # (a fiscal quarter the headers date by the calendar: "Q2 FY '25" over "December 31, 2024")
                        unnamed += [(top, bottom)] if fits else []
                        continue
                    if fits:
                        fitting.append((top, bottom))
                    elif (not compared or own) and when.names_only(*at):
                        named.append((top, bottom, part.label, whole.label, len(parts) == len(wholes) == 1))
    if fitting:
        # a quarter's column before a half year's or a year's that gives it too ("23% of revenue in Q2")
        fitting = _of_span(fitting, quarters, reading, words_span(reading.text[lo:hi]) if len(fitting) > 1 else None) \
            or fitting
        # the margin compared with one bound before it ("10.1% versus 8.0% for the prior year") is of the same
        # two rows, else of a column of the same span: a year's against a year's
        if prior is not None:
            fitting = [f for f in fitting if _rows_of(f) == _rows_of(prior)] \
                or [f for f in fitting if _span(f[0], reading) == _span(prior[0], reading)] or fitting
        # two revenue rows that both give it (third parties' sales and the footing under them): the total; of
        # one revenue printed in several tables, the first table's (the statement its reconciliations repeat)
        return max((f for f in fitting if f[0] is fitting[0][0]), key=lambda f: (float(f[1].value), -f[1].cell.table))
    # a sentence or the one before naming a segment, or pointing back to one ("Its margin"): nothing by the names
    segmented = bool(named) and bool(opts.segment.search(reading.text, reading.bounds.sentence_of(
        max(0, lo - 2), max(0, lo - 1))[0] if lo > 1 else lo, hi))
    if named and compared:
        return _compared_by_names(named, prior, metric, opts, reading.text, (lo, hi), segmented)
    if named and not segmented:
        return _by_names(named, opts, reading.text, (lo, hi), p)  # named by place alone: said so
    # no column of the sentence's period: the one column of another that gives the figure, if only one does, and
    # the figure is precise enough for a fit to tell (a range's end or "9%" fits too many columns by chance)
    telling = p.range_with is None and float(p.high) - float(p.low) <= 0.02 * abs(float(p.value))
    return unnamed[0] if telling and len({(top.id, bottom.id) for top, bottom in unnamed}) == 1 else None

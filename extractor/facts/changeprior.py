"""Changes whose prior figure is stated in another sentence.

A highlight gives the new figure and its change ("Net income was $9.6 million, a 71% increase over the prior
year's quarter"; "Free cash flow was $811 million, down $145 million"), and another sentence of the release gives
the same new figure with the one it is compared with ("Net income increased to $9.6 million, up from
$5.6 million"; "$811 million versus $956 million"; "from $0.09 per share to $0.11 per share"). The two
statements are joined by the new figure they share: the same printed value, in clauses that open on a common
word for periods that do not clash. The prior figure comes from another sentence, so the binding is loose: a
mismatch is flagged only where a known mistake explains it. Where that sentence rounds the prior to two or three
digits ("$1.1 billion") and a table row restating the new figure prints it to more ("1,050", within the
sentence's rounding), the change is bound to the table's two cells as well: a slip the rounding would hide
shows against them. A change told as better ("an improvement of $43 million") is read either way: a loss that
narrowed and a cost that fell both improved. Changes listed with the figures they reach, a "respectively" closing
each list ("Gross and adjusted gross margin increased 380 and 400 basis points, respectively, to 43.9% and 44.1%,
respectively"; "were 13.5% and 14.2%, respectively, an increase of 240 and 300 basis points, respectively"), pair
in order, when the two lists are as long; each pair is then read as a figure and its change. A change printed
twice before the figure it reaches ("declined by $0.3 million, or 5%, to $5.6 million") is read so, each printing
a change of that figure. A count of a named unit changes as an amount does ("48,139 tonnes in Q4 2024, 1,671
tonnes lower than the previous quarter").
"""

from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict
from functools import lru_cache

import regex

from ..models import Fact, Mention
from .changeelided import COMPARING, elided_period
from .changefiner import coarse, prints_finer
from .changelisted import listed_change
from .changetable import TablePriors, signed
from .restatechoice import cell_scale
from .subjects import Reading, content_words, stem

AMOUNT_KINDS = ("money", "price", "shares")
# how far on in its sentence a change's own comparison is looked for (figures, characters), and how many times a
# value may be printed and still be read as one figure given again
NEAR, REACH, RESTATED = 8, 300, 6


class _Reader:
    def __init__(self, opts: tuple[tuple[str, str], ...]):
        o = dict(opts)
        up, down = o["up"], o["down"]
        # (a word that says better, not which way: "an improvement of $43 million" in a loss that narrowed)
        word = f"(?:(?P<up>{up})|(?P<down>{down})|(?P<better>{o['better']}))"
        # "$9.6 million, a 71% increase" / "$811 million, down $145 million" / "$4.08, an increase of 4%":
        # the words between the new figure and its change, and those after a change printed before its noun
        # (its period and a verb may stand between: "EUR15.3 million in 2024, down by 50%"; "$242.2 million and was
        # down 12%"; "$405 million was $51 million lower"; a word may qualify the change: "a slight decline of")
        self.after_figure = regex.compile(f"(?i)(?:\\s+per\\s+(?:\\w+\\s+)?(?:share|unit))?(?:{o['figure_period']})?(?:\\s*,?\\s+(?:and\\s+|which\\s+)?(?:was|were))?\\s*,?\\s+(?:{o['linking']})?(?:an?\\s+(?:[\\w-]+\\s+(?={word}))?)?(?:(?:which\\s+)?{word}\\s+(?:of\\s+|by\\s+)?)?$")
        # (not "a 1% decrease in segment revenue": the change of another measure)
        self.noun_after = regex.compile(f"(?i)\\s+(?:{o['period_words']})?{word}\\b(?!\\s+in\\s+(?!the\\s+(?:quarter|year|period)\\b))")
        # "grew by 8% from the prior fiscal year to $35.8 million": a change verb, then the figure reached
        self.verb_before = regex.compile(f"(?i)\\b{word}\\s+(?:by\\s+)?$")
        # a multiple printed as the verb itself: "doubled", "nearly tripling", "quadrupled"
        self.multiple_verb = regex.compile(f"(?i)(?:{o['multiple_verbs']})$")
        self.noun_to = regex.compile(f"(?i)\\s+(?:{o['period_words']})?{word}\\s+in\\s+[^.;:\\d]{{0,60}}?\\bto\\s+$")
        self.compared_figure = regex.compile(f"(?i)\\b(?:{o['compared']})\\s+(?:[^.;:\\d]{{0,20}}\\s)?$")
        self.article = regex.compile(r"(?i)\ban?\s+$")
        # ("down 9% year over year to approximately $603": the basis, and a hedge on the figure reached)
        self.to_figure = regex.compile(f"(?i)(?:\\s+(?:{o['compared']})\\s+[^.;:\\d]{{0,50}}?|\\s+(?:{o['basis_words']}))?\\s+to\\s+(?:{o['hedge']})?$")
        # where the change's own sentence names what it is compared with, a rule for one sentence binds it
        self.compared = regex.compile(f"(?i)\\b(?:{o['compared']})\\b[^.;]{{0,60}}$")
        # the other statement: "X compared to Y", "X, up from Y", "X versus Y"; "from Y ... to X"; "X (Y)"
        # (the two are figures of one sentence with no figure between: what stands there may be a date, "in the
        # fourth quarter of 2024, compared to", or an abbreviation, "at Dec. 31, 2024, compared to")
        self.prior_after = regex.compile(f"(?i)[^;:]{{0,80}}?\\b(?:{o['compared']})\\s+(?:[^;:]{{0,40}}?\\s)?$")
        self.paired = regex.compile(r"(?i)(?:\s+per\s+(?:\w+\s+)?(?:share|unit))?\s*,?\s+or\s+[^;:\d]{0,30}?$")
        self.from_before = regex.compile(r"(?i)\bfrom\s+(?:[^.;:\d]{0,20}\s)?$")
        self.to_between = regex.compile(r"(?i)[^.;:\d]{0,60}?\bto\s+$")
        self.bracket = (regex.compile(r"\s*\(\s*$"), regex.compile(r"\s*\)"))
        self.not_measure = regex.compile(f"(?:{o['not_measure']})$")
        self.over = regex.compile(rf"(?i)\b(?:{COMPARING})\b")
        # a change against the prior year is not one against the prior quarter
        self.aliases = {stem(k): tuple(stem(w) for w in v.split()) for k, _, v in
                        (a.partition("=") for a in o.get("label_aliases", "").split("|") if a)}
        self.options = o  # (what the tables' rows are read with: `TablePriors`)
        self.other_basis = regex.compile(f"(?i)\\b(?:{o['other_basis']}|{o['unnamed_quarter']})")  # (or no header's quarter)
        # changes listed in the order of the figures they reach, a "respectively" closing each list: "Gross and
        # adjusted margin increased 380 and 400 basis points, respectively, to 43.9% and 44.1%, respectively" (the
        # changes first) or "were 13.5% and 14.2%, respectively, an increase of 240 and 300 basis points" (the figures)
        self.list_joint = regex.compile(r"(?i)\s*,\s*(?:and\s+)?|\s+and\s+")
        self.list_closed = regex.compile(r"(?i)[^.;:\d]{0,25}?,?\s*respectively\b")
        self.list_to = regex.compile(f"(?i)[^.;:\\d]{{0,25}}?,?\\s*respectively\\s*,?\\s+to\\s+(?:{o['hedge']})?$")
        self.list_changes_after = regex.compile(
            f"(?i)\\s*,?\\s*respectively\\s*,?\\s+(?:which\\s+(?:is|was)\\s+|(?:represent|reflect)(?:s|ed|ing)?\\s+)?(?:an?\\s+)?"
            f"{word}(?:\\s+(?:over|compared\\s+(?:to|with)|versus)\\s+[^.;:\\d]{{0,30}}?)?\\s+(?:of\\s+|by\\s+)?$")
        self.twice = regex.compile(r"(?i)\s*,?\s*\(?\s*or\s+(?:approximately\s+|about\s+|roughly\s+)?")
        self.twice_close = regex.compile(r"\s*\)?,?")
        self.list_verb = regex.compile(f"(?i)\\b{word}\\s+(?:by\\s+)?$")
        self.bases = tuple(regex.compile(f"(?i)\\b(?:{o[key]})\\b") for key in ("year_basis", "sequential_basis"))


@lru_cache(maxsize=4)
def _reader(opts: tuple[tuple[str, str], ...]) -> _Reader:
    return _Reader(opts)


def _amount(m: Mention) -> bool:
    """An amount whose change is a percentage: money, prices, share counts, and counts of a named unit ("47.9
    million tons"; a bare number may be anything)."""
    return m.kind in AMOUNT_KINDS or m.kind == "number" and m.unit is not None


# the unit a count prints after its figure ("111,602 tonnes", "13,317 barrels per day"), which the mention's
# text leaves out
_UNIT_WORDS = regex.compile(r"\s+[^\W\d_]+(?:\s+per\s+[^\W\d_]+)?")


def _past_unit(text: str, m: Mention) -> int:
    """Where the words after a figure begin: past the unit of a count."""
    if m.kind != "number" or m.unit is None:
        return m.end
    unit = _UNIT_WORDS.match(text, m.end, m.end + 40)
    return unit.end() if unit is not None and unit.group().split()[0].lower().startswith(m.unit.lower()[:3]) else m.end


def _alike(a: Mention, b: Mention) -> bool:
    return a.kind == b.kind and a.unit == b.unit and a.currency == b.currency


def prior_changes(rule, mentions: list[Mention], text: str = "", reading: Reading | None = None,
                  facts: list[Fact] = ()) -> list[Fact]:
    """Run after the other rules, so the `facts` the tables state tell which of their columns a row compares."""
    reader = _reader(tuple(sorted((k, str(v)) for k, v in rule.options.items())))
    reading = reading or Reading(mentions, text)
    cache: list[TablePriors] = []  # read when a change first needs it

    def tables_of() -> TablePriors:
        if not cache:
            cache.append(TablePriors(mentions, facts, reading, reader.aliases, reader.options))
        return cache[0]

    has_tables = any(m.cell is not None for m in mentions)
    prose = [m for m in mentions if m.cell is None and m.kind != "date"]
    dates = (found := [m for m in mentions if m.cell is None and m.kind == "date"], [d.start for d in found])
    same_value: dict[tuple, list[int]] = defaultdict(list)
    for i, m in enumerate(prose):
        if _amount(m) or m.kind == "percent" and m.unit == "%":
            same_value[(m.kind, m.unit, m.currency, m.low, m.high)].append(i)
    # a change a rule already read with both its figures in its own phrase is that phrase's
    # (a multiple too: "tripled to $3.0 million" is one of these changes, stated as a ratio)
    bound = {i for f in facts if f.type in ("change", "multiple") and "from" in f.roles for r, i in f.roles.items()
             if r not in ("to", "from", "said")}
    out = []
    for i, change in enumerate(prose):
        if change.id in bound:
            continue
        stated = _stated(reader, prose, i, text)
        if stated is None:
            continue
        # (a figure of a list "respectively, to" leads to is named by the words before the list of its changes)
        new, up, named_by = stated
        prior = _prior(reader, prose, same_value[(new.kind, new.unit, new.currency, new.low, new.high)], new,
                       reading)
        # "an 8% increase over Q2 2024": the period the change names (or its sentence did, `changeelided`) is the prior's
        basis = _named(reader, dates, text, change, 60) or elided_period(dates, text, change)
        attributes = {"dir": "increase" if up else "decrease" if up is False else "improvement"}
        said = new  # the sentence's own printing of the new figure, which a finer cell may stand in for
        # (a prior another sentence rounds coarser than the table prints it, "$1.1 billion" for "1,050", is read
        # from the table too: the change is bound to both, the table's printing where it lies within the sentence's)
        finer, also = None, []
        reads = _table_read(reader, tables_of, prose, i, new, basis, reading, named_by) \
            if has_tables and (prior is None or coarse(prior)) else []
        read = reads[0] if reads else None
        if read is not None and prior is not None and prints_finer(read[1], prior):
            finer = read
        elif read is not None and prior is None:
            (new, prior), also = read, reads[1:]
            attributes = _by_table(attributes, change, said, new, prior)
        if prior is None or basis and prior.cell is None and _named(reader, dates, text, prior, 80, basis) != basis:
            continue
        if change.kind != "ratio" or float(prior.low) > 0:
            out.append(_fact(rule, change, new, prior, said, attributes))
            # (each other table printing the row alike: a change of each printing)
            out += [_fact(rule, change, *pair, said, attributes) for pair in also]
            if finer is not None:
                out.append(_fact(rule, change, *finer, said, _by_table(attributes, change, said, *finer)))
    return out


def _by_table(attributes: dict[str, str], change: Mention, said: Mention, new: Mention, old: Mention) -> dict[str, str]:
    """A change read from a row's two cells: a row of losses read by its size, either way, and the cells of a
    table with no unit note ("405" for "$405 million") at the scale of the sentence's figure."""
    out = {**attributes, "by": "table", **({"dir": "improvement"} if signed(new, old) else {})}
    scale = cell_scale(said, new) if change.kind != "percent" else 1
    return out if scale == 1 else {**out, "scale": str(scale)}


def _table_read(reader: _Reader, tables_of, prose: list[Mention], i: int, new: Mention, basis: str | None,
                reading: Reading, named_by: Mention | None = None) -> list[tuple[Mention, Mention]]:
    """The new figure and its prior as the table rows restating the new figure print them, in the columns the
    table compares (a change that names the period it is compared with reads that period's column, whatever the
    table's own change column compares); none for a change on another basis than the table's figures."""
    change, text = prose[i], reading.text
    # the words of this change: up to the figure after it ("up 8.6%, or 7.6% on an organic basis")
    after = prose[i + 1].start if i + 1 < len(prose) and prose[i + 1].sentence == change.sentence else len(text)
    end = min(after, change.end + 60)
    start = max(reading.bounds.sentence_of(change.start, change.end)[0], min(new.start, change.start) - 80)
    if reader.other_basis.search(text, start, end):
        return []
    # (a multiple's rows are read as its figure's: a ratio has no scale or kind of its own to match)
    return tables_of().prior(new, new if change.kind == "ratio" else change,
                             bool(reader.bases[1].search(text, change.end, end)), basis, named_by)


def _fact(rule, change: Mention, new: Mention, prior: Mention, said: Mention, attributes: dict[str, str]) -> Fact:
    """The change, or a multiple; the new figure is the cell computed with when a finer cell stands in for the
    sentence's, which is kept as `said`: it is the one a reader quotes, and a slip in it is a slip of this change.
    Loose (across sentences), but `named`: the prior is the one figure the restatement's phrase or the table's
    row compares the new one with, whatever the change states."""
    kept = {"said": said.id} if said is not new else {}
    if change.kind == "ratio":
        return Fact(id=0, type="multiple", rule=rule.id, roles={"factor": change.id, "to": new.id, "from": prior.id,
                    **kept}, sentence=change.sentence, attributes={}, strength="loose", named=True)
    role = "delta" if change.kind != "percent" else "points" if change.unit in ("pp", "bp") else "pct"
    return Fact(id=0, type=rule.type, rule=rule.id, roles={role: change.id, "to": new.id, "from": prior.id, **kept},
                sentence=change.sentence, attributes=attributes, strength="loose", named=True)


def _named(reader: _Reader, dates: tuple[list[Mention], list[int]], text: str, m: Mention, reach: int,
           want: str | None = None) -> str | None:
    """The period named after figure `m` in its sentence, within `reach` characters: the first date a comparison
    word leads to ("an 8% increase over Q2 2024"), or, when `want` is given, that date if it is there."""
    found, starts = dates
    for d in found[bisect_left(starts, m.end):]:
        if d.sentence != m.sentence or d.start > m.end + reach:
            break
        if want is None and reader.over.search(text, m.end, d.start) or want is not None and want == d.value:
            return d.value
    return None


# a change followed by another of a list "respectively" closes ("decreased 9% and 8% in the quarter, respectively"):
# the figures it pairs with are listed before it in their order, and the one right before its verb is the last's
_NOT_LAST_OF_LIST = regex.compile(r"(?i)\s*(?:,\s*(?:and\s+)?|\s+and\s+)[-+]?\$?\d[\d.,]*\s*(?:%|percent|million|billion)?[^.;:]{0,60}?\brespectively\b")


def _stated(reader: _Reader, prose: list[Mention], i: int, text: str) -> tuple[Mention, bool | None, Mention] | None:
    """The new figure a change at prose[i] is stated for, whether it went up, and the figure whose words name the
    measure, when the change's sentence names no figure it is compared with."""
    change = prose[i]
    if change.kind == "ratio":
        return _multiplied(reader, prose, i, text)
    # (a count of a named unit changes too: "48,139 tonnes in Q4 2024, 1,671 tonnes lower than the previous quarter")
    if change.kind not in ("percent", "money", "price") and not (change.kind == "number" and change.unit is not None):
        return None
    listed = listed_change(reader, prose, i, text)
    if listed is not None:
        new, word, _ = listed
        listed = new, _way(word), listed[2]
        fits = _amount(new) and (change.kind == "percent" and change.unit == "%" or _alike(change, new)) \
            or change.unit in ("pp", "bp") and new.kind == "percent"
        return listed if fits else None
    if _NOT_LAST_OF_LIST.match(text, change.end, change.end + 120):
        return None
    new = None
    before, at = _before(reader, prose, i, text)
    after = prose[i + 1] if i + 1 < len(prose) else None
    if before is not None and before.sentence == change.sentence:
        between = reader.after_figure.match(text, at, change.start)
        noun = reader.noun_after.match(text, _past_unit(text, change), min(len(text), change.end + 60))
        word = between if between and (between.group("up") or between.group("down") or between.group("better")) \
            else noun if between else None
        # (not "$4.34 versus $3.04, up $1.31": the figure right before the change is the one compared with)
        if word and not reader.compared_figure.search(text, max(0, before.start - 40), before.start):
            new, up = before, _way(word)
    # "declined by $0.3 million, or 5%, to $5.6 million": a change printed as an amount and as a percentage, then
    # the figure both reach (the verb stands before the first, the figure after the second)
    lead, end = change, change.end
    if after is not None and after.sentence == change.sentence and change.kind != "percent" and after.kind == "percent" \
            and after.unit == "%" and i + 2 < len(prose) and reader.twice.fullmatch(text, change.end, after.start):
        end, after = reader.twice_close.match(text, after.end).end(), prose[i + 2]
    elif before is not None and before.sentence == change.sentence and change.kind == "percent" \
            and change.unit == "%" and before.kind in ("money", "price") \
            and reader.twice.fullmatch(text, before.end, change.start):
        lead, end = before, reader.twice_close.match(text, change.end).end()
    if new is None and after is not None and after.sentence == change.sentence:
        verb = reader.verb_before.search(text, max(0, lead.start - 40), lead.start)
        if verb and reader.to_figure.match(text, end, after.start):
            new, up = after, _way(verb)
        # "posted a 6% increase in net revenue to $41.7 million": the change's noun names the measure
        noun = None if verb else reader.noun_to.match(text, change.end, after.start)
        if noun and reader.article.search(text, max(0, change.start - 4), change.start):
            new, up = after, _way(noun)
    if new is None or not _amount(new) and not (change.unit in ("pp", "bp") and new.kind == "percent"):
        return None
    if change.kind != "percent" and not _alike(change, new):
        return None
    # the sentence goes on to the figure it is compared with: a one-sentence rule's, not this mechanism's
    for later in prose[i + 1:i + 1 + NEAR]:
        if later.sentence != change.sentence or later.start > change.end + REACH:
            break
        if later is not new and _alike(later, new) and reader.compared.search(text, max(change.end, later.start - 70),
                                                                                 later.start):
            return None
    return new, up, new


def _before(reader: _Reader, prose: list[Mention], i: int, text: str) -> tuple[Mention | None, int]:
    """The figure before the change at prose[i], and where the words between the two begin: past a bracketed
    figure, an aside ("$583 million ($0.70 per share) for the quarter were $323 million higher")."""
    before = prose[i - 1] if i else None
    at = _past_unit(text, before) if before is not None else 0
    close = text.find(")", at, prose[i].start) if i >= 2 and prose[i - 2].sentence == prose[i].sentence else -1
    if close >= 0 and reader.bracket[0].match(text, prose[i - 2].end, before.start):
        return prose[i - 2], close + 1
    return before, at


def _way(word) -> bool | None:
    """Up (True), down (False), or better either way (None): the cue word a change was read with."""
    return True if word.group("up") else False if word.group("down") else None


def _multiplied(reader: _Reader, prose: list[Mention], i: int, text: str) -> tuple[Mention, bool, Mention] | None:
    """The figure a multiple says a measure reached ("nearly tripled to $3.0 million", "grew 2.5x year over year
    to $9.1 million"), when its sentence names no figure it is compared with."""
    change = prose[i]
    after = prose[i + 1] if i + 1 < len(prose) else None
    if after is None or after.sentence != change.sentence or not _amount(after) or float(change.low) <= 1:
        return None
    # the multiple said as a verb ("tripled") or after one ("grew 3x"), then the figure reached
    verb = reader.verb_before.search(text, max(0, change.start - 40), change.start)
    if not (reader.multiple_verb.match(text, change.start, change.end) or verb and verb.group("up")):
        return None
    if not reader.to_figure.match(text, change.end, after.start):
        return None
    for later in prose[i + 2:i + 2 + NEAR]:
        if later.sentence != change.sentence or later.start > change.end + REACH:
            break
        if _alike(later, after) and reader.compared.search(text, max(change.end, later.start - 70), later.start):
            return None
    return after, True, after


def _prior(reader: _Reader, prose: list[Mention], same: list[int], new: Mention, reading: Reading) -> Mention | None:
    """The figure another sentence compares a restatement of `new` with; none when the restatements disagree."""
    text, found = reading.text, {}
    if len(same) > RESTATED:
        return None  # a value printed this often is no one figure's restatement
    for j in same:
        again = prose[j]
        if again.sentence == new.sentence or not _same_subject(new, again, reading, reader):
            continue
        prior = _compared_with(reader, prose, j, text)
        if prior is not None and _alike(prior, new):
            found[(prior.low, prior.high)] = prior
    return next(iter(found.values())) if len(found) == 1 else None


def _compared_with(reader: _Reader, prose: list[Mention], j: int, text: str) -> Mention | None:
    again = prose[j]

    def at(k: int) -> Mention | None:
        return prose[k] if 0 <= k < len(prose) and prose[k].sentence == again.sentence else None

    def compared(a: Mention | None, b: Mention | None) -> bool:
        return a is not None and b is not None and bool(reader.prior_after.match(text, a.end, b.start))

    def paired(a: Mention | None, b: Mention | None) -> bool:
        return a is not None and b is not None and bool(reader.paired.match(text, a.end, b.start))

    nxt, prev = at(j + 1), at(j - 1)
    # "$143.4 million, or diluted EPS of $2.81, in 2024, compared to $137.2 million, or diluted EPS of $2.69": a
    # figure and its per-share amount, each compared with its own counterpart in the same order
    if paired(again, nxt) and compared(nxt, at(j + 2)) and paired(at(j + 2), at(j + 3)):
        return at(j + 2)
    if paired(prev, again) and compared(again, nxt) and paired(nxt, at(j + 2)):
        return at(j + 2)
    if compared(again, nxt):
        return nxt
    if nxt is not None and reader.bracket[0].match(text, again.end, nxt.start) and reader.bracket[1].match(text, nxt.end):
        return nxt
    if prev is not None and reader.to_between.match(text, prev.end, again.start) \
            and reader.from_before.search(text, max(0, prev.start - 30), prev.start):
        return prev
    return None


def _same_subject(a: Mention, b: Mention, reading: Reading, reader: _Reader) -> bool:
    """Two statements of one figure: the words naming the measure in one clause are all in the other's
    ("Free cash flow of" and "Reported free cash flow was"; not "Adjusted other expenses" and "Adjusted tax
    expense"), for periods that do not clash."""
    if not reading.subject(a).compatible(reading.subject(b)):
        return False
    bounds, text = reading.bounds, reading.text
    x, y = (tuple(bool(p.search(text, *bounds.sentence_of(m.start, m.end))) for p in reader.bases) for m in (a, b))
    if any(x) and any(y) and not any(p and q for p, q in zip(x, y)):
        return False

    def measure(m: Mention) -> set[str]:
        lo, _ = bounds.sentence_of(m.start, m.end)
        return {w for w in content_words(text[bounds.clause_start(lo, m.start):m.start]) if not reader.not_measure.match(w)}
    one, other = sorted((measure(a), measure(b)), key=len)
    return bool(one) and one <= other

"""The restatement mechanism: a headline amount restated in the body with a different value."""

from __future__ import annotations

import math
from fractions import Fraction

import regex

from ..document import headline_end, sentence_index
from ..intervals import Interval
from ..facts.restatemisprints import printed_whole, same_bound
from ..facts.subjects import period_of
from ..models import Evidence, Finding, Fix, Mention
from .compiler import Check
from .diagnoses import _generic_diagnosis
from .figures import _bound, _frac, _unit_factor, stated_intervals
from .findings import Context, _finding, _render
from .printing import expected_text, format_like, rescaled

_TITLE_NOUN = regex.compile(r"\s*((?:[A-Z][\w-]*)(?:\s+(?:[A-Z][\w-]*|of|and|for)){0,3})")


def run_restatement(check: Check, ctx: Context) -> list[Finding]:
    """A headline amount restated in the body with a different value.

    Only a clear case counts: the headline names one amount of its kind, followed by a subject of
    at least `min_words` capitalised words ("$18.6 Million Private Placement"); no body figure
    agrees with it; and a body sentence that names the same subject holds exactly one amount of
    that kind.
    """
    first_line_end = headline_end(ctx.text)
    if not first_line_end:
        return []
    kinds = set(check.options.get("kinds", ["money", "shares"]))
    min_words = int(check.options.get("min_words", 2))
    stop = {w.lower() for w in check.options.get("stop_words", [])}
    headline = [m for m in ctx.mentions if m.end <= first_line_end and m.kind in kinds]
    if not headline:
        return []
    body = [m for m in ctx.mentions if m.start > first_line_end and m.cell is None]
    headline_years = period_of(ctx.text[:first_line_end])[0]
    out = []
    for h in headline:
        if sum(1 for o in headline if o.kind == h.kind) != 1:
            continue  # "from $153M to $336M": which one the body restates is anyone's guess
        noun = _TITLE_NOUN.match(ctx.text, h.end, first_line_end)
        words = [w for w in (noun.group(1).split() if noun else []) if w[0].isupper() and w.lower() not in stop]
        if len(words) < min_words:
            continue
        h_interval = stated_intervals(h)[1]
        same_kind = [m for m in body if m.kind == h.kind and m.currency == h.currency]
        if any(stated_intervals(m)[1].meets(h_interval) for m in same_kind):
            continue  # the body restates the headline figure somewhere
        key = regex.compile(r"(?i)\b" + r"[\s-]+".join(regex.escape(w) for w in words) + r"\b")
        named = [sentence_index(ctx.sentence_starts, km.start()) for km in key.finditer(ctx.text, first_line_end)]
        for at in named:
            sentence = [m for m in same_kind if m.sentence == at]
            if len(sentence) != 1 or any(m.qualifier and _bound(m.qualifier) != "around" for m in sentence + [h]):
                continue
            m = sentence[0]
            years = period_of(ctx.text[slice(*ctx.sentence_span(m))])[0]
            if years and headline_years and not years & headline_years:
                continue  # "the Gross Margin for fiscal 2023 was 13.9%" under a headline of fiscal 2024's
            values = {"stated": m.text, "headline": h.text, "subject": " ".join(words)}
            evidence = [Evidence(role="headline", start=h.start, end=h.end, text=h.text),
                        Evidence(role="body", start=m.start, end=m.end, text=m.text)]
            # the body printing the figure again in another sentence naming the subject says the headline is the odd
            # one: it is the one flagged and fixed ("$16.8 Million Private Placement" over "$18.6 million" said twice;
            # a figure of another name that rounds alike, "a 28.6% CAGR" beside "a 29% increase", says nothing)
            again = [o for o in same_kind if o.sentence != m.sentence and o.sentence in named and _agree(o, m, Fraction(1))]
            odd, other = (h, m) if again else (m, h)
            replacement = format_like(odd, _frac(other.value) * _unit_factor(other) / _unit_factor(odd))
            fix = Fix(start=odd.start, end=odd.end, replacement=replacement) if check.fix and replacement else None
            message = _render(check.options["odd_headline"], {**values, "times": str(len(again) + 1)}) if again \
                else _render(check.message, values)
            out.append(_finding(check, check.severity, message, odd, ctx, odd.value, other.value, evidence, fix, None))
            break
    return out


def run_restated_value(check: Check, ctx: Context) -> list[Finding]:
    """A figure bound by structure to the one it restates (a sentence and the cell its row label and period pick,
    one row in two tables) that disagrees with it, flagged only when a known slip explains the difference (a scale
    slip, two digits transposed, one mistyped, a lost sign between two tables), at the coarser printing."""
    allowed = _Allowed(check, ctx)
    out = []
    # a figure another printing agrees with is the one the odd printing should read: that one is fixed to it
    # (read on the first finding only: most releases have none, and every restatement is read for it)
    agree: dict[int, set[int]] | None = None if check.fix else {}
    for fact in ctx.of_type.get(check.fact, ()):
        if fact.attributes.get("by") not in allowed.flag:
            continue
        by, scale = fact.attributes.get("by"), Fraction(int(fact.attributes.get("scale", "1")))
        a, b = ctx.by_id[fact.roles["a"]], ctx.by_id[fact.roles["b"]]
        if any(m.qualifier and _bound(m.qualifier) != "around" for m in (a, b)) \
                and not (by in allowed.bounds and same_bound(a.qualifier, b.qualifier)):
            continue  # a bound restates no figure, but the same bound said twice ("up to 2,000,000 shares")
        if a.qualifier and b.qualifier and _bound(a.qualifier) != "around":
            # the same bound twice: the figures are compared as printed
            a, b = (m.model_copy(update={"qualifier": None}) for m in (a, b))
        opposite = fact.attributes.get("sign") == "opposite"  # two tables printing one figure with either sign
        reason = allowed.reason(fact, a, b, scale, opposite)
        if reason is None:
            continue
        # the odd one of the two: the one no other printing agrees with, where another agrees with the other
        if agree is None:
            agree = _confirmed(ctx.of_type.get(check.fact, ()), ctx.by_id)
        # (a value told three times or more as one thing is the figure: the binding's odd printing is b)
        odd = b if agree.get(a.id, set()) - {b.id} and not agree.get(b.id) or fact.attributes.get("told") == "often" \
            else a if agree.get(b.id, set()) - {a.id} and not agree.get(a.id) else None
        out.append(_restated(check, ctx, fact.id, a, b, scale, opposite, reason, odd))
    return out


class _Allowed:
    """What the restated-value check's options allow: the bindings it flags, and the slips each binding's way of
    being made leaves as evidence."""

    def __init__(self, check: Check, ctx: Context):
        options = check.options
        self.flag = set(options.get("flag", ["label", "table"]))
        # bindings chosen by value among a row's periods: a slip must show in three digits, not in the last
        self.chosen = set(options.get("chosen", []))
        # bindings by words alone: one mistyped digit is as likely another figure of the same name
        self.unmistyped = set(options.get("no_mistyped_digit", []))
        self.whole = _WholeScale(check, ctx)
        # of the chosen ones, those where two digits swapped in a figure of two are a slip too when the phrase each
        # figure modifies shares a word (the fact's `phrase`): "62% construction completion" said twice; or when
        # the two are a title's figure and the body's named as the title names it (`titled`, below)
        self.swapped = set(options.get("swapped_two_digits", []))
        # of those, the ones where a scale slip between two prose figures asks for two significant digits: round
        # figures of one name a thousand apart are as likely two things ("$7 million" order, "$7 billion" program)
        self.round_scale = set(options.get("scale_two_significant", []))
        # of the chosen and unmistyped ones, those whose two figures the release tells in the same words (the
        # fact's `told: twice`): one figure said twice, where one digit mistyped, the last too, is a slip
        self.told = set(options.get("told_twice", []))
        # of the unmistyped ones, those binding a title's figure to the body figure named as the title names it
        # (the fact's `title: body`): the body tells the title's figure again, so one digit mistyped in three or
        # more, not the last, is a slip there, unless either is a round figure of one significant digit (a move's
        # other end: "Upsizes Shelf to $500 Million" over "from $200 million to $500 million")
        self.titled = set(options.get("title_told", []))
        # bindings the writing makes (a figure spelled out and its digits in brackets): any difference no
        # rounding explains is one, known slip or not
        self.written = set(options.get("any_difference", []))
        # what each such binding calls the difference
        self.written_reason = dict(options.get("written_reason", {}))
        # the bindings where the same bound said twice is one figure ("up to 2,000,000 shares" twice)
        self.bounds = set(options.get("same_bound", []))

    def reason(self, fact, a: Mention, b: Mention, scale: Fraction, opposite: bool) -> str | None:
        """The known slip that explains why b does not restate a, where the binding allows it as evidence."""
        by, said = fact.attributes.get("by"), fact.attributes
        twice = by in self.told and said.get("told") in ("twice", "often")
        title = by in self.titled and said.get("title") == "body" and not (_round(a) or _round(b))
        digits = 3 if by in self.chosen and not twice else 2
        # (two cells of one table share its unit note, or its lack of one: a thousand-fold gap is a slip there)
        reason = _slip(a, b, scale, digits, self.whole(by, a, b), opposite,
                       a.cell is not None and b.cell is not None and a.cell.table == b.cell.table)
        if reason is None and by in self.written and not _agree(a, b, scale):
            reason = str(self.written_reason.get(by, "the two printings differ"))
        if reason is None and by in self.swapped and (said.get("phrase") == "same" or title):
            reason = _slip(a, b, scale, 2, None, opposite)
            reason = reason if reason and "transposed" in reason else None
        if reason is None or by in self.unmistyped and "mistyped" in reason and not (twice or title) \
                or by in self.round_scale and "scale" in reason and (_round(a) or _round(b)) \
                and said.get("wording") != "same":
            return None
        return reason


def _restated(check: Check, ctx: Context, fact_id: int, a: Mention, b: Mention, scale: Fraction, opposite: bool,
              reason: str, odd: Mention | None) -> Finding:
    """The finding on b, which differs from a by `reason`, with a fix of the `odd` one of the two (the one no
    other printing agrees with, where another agrees with the other) to the other's value."""
    stated = f"{b.text} in {_place(b, ctx)}" if b.cell is not None else b.text
    values = {"stated": stated, "other": a.text, "where": _place(a, ctx), "reason": reason}
    evidence = [Evidence(role=r, start=m.start, end=m.end, text=m.text) for r, m in sorted(
        (("a", a), ("b", b)), key=lambda t: t[1].start)]
    # what b should read: a at its scale, as a plain figure when the sentence prints a loss unsigned, and
    # a's size with b's own sign where two tables print the figure with either sign
    should = _as_printed(b, _frac(a.value) * scale, opposite)
    fix = _restoring(b, should, "scale" in reason) if odd is b else \
        _restoring(a, _as_printed(a, _frac(b.value) / scale, opposite), "scale" in reason) if odd is a else None
    return _finding(check, check.severity, _render(check.message, values), b, ctx, b.value,
                    expected_text(b, should), evidence, fix, fact_id)


def _round(m: Mention) -> bool:
    """A prose figure of one significant digit ("$7 million", "$10 billion")."""
    return m.cell is None and len("".join(c for c in m.text if c.isdigit()).strip("0")) < 2


def _place(m: Mention, ctx: Context) -> str:
    """Where a figure is, in words a reader finds it by: the table row and column, or the line."""
    if m.cell is not None:
        column = f", column \"{' '.join(m.cell.column_header.split())}\"" if m.cell.column_header else ""
        if not m.cell.row_label and (m.cell.row_path or "").endswith(" > "):
            # an unlabelled row closing a section: the section's heading names it
            heading = m.cell.row_path[:-3].rsplit(" > ", 1)[-1].rstrip(": ")
            return f"the unlabelled table row closing \"{' '.join(heading.split())}\"{column}"
        return f"the table row \"{' '.join((m.cell.row_label or '').split())}\"{column}"
    return f"line {ctx.locate(m.start)[0]}"


def _slip(a: Mention, b: Mention, scale: Fraction, digits: int, whole: str | None = None,
          opposite: bool = False, one_table: bool = False) -> str | None:
    """The known slip that explains why b does not restate a (a read at `scale`), or None when they agree or
    no slip explains the difference; `whole`: two figures printed whole may slip by a thousand too ("any": amounts,
    share counts, prices and counts of a unit; "units": prices and counts of a unit only); `opposite`:
    two tables print the figure with opposite signs, so only the sizes are compared."""
    # prose prints a loss plainly, tables in brackets
    signed = a.cell is not None and b.cell is not None and not opposite
    (ra, ta), (rb, tb) = _read(a, b, scale, signed)
    if ta.meets(rb) or tb.meets(ra):
        return None  # a rounding or a truncation of one printing gives the other
    # both read at the coarser printing, in its own units (a table with no unit note in its printed digits)
    coarse, other = (a, b) if ra.hi - ra.lo > (rb.hi - rb.lo) else (b, a)
    own, theirs = (ra, rb) if coarse is a else (rb, ra)
    factor = scale if coarse is a else Fraction(1)
    own, theirs = Interval(own.lo / factor, own.hi / factor), Interval(theirs.lo / factor, theirs.hi / factor)
    point = _frac(other.value) * (scale if other is a else 1) / factor
    reason = _generic_diagnosis(coarse, own, theirs, point if signed else abs(point), digits)
    if reason and "scale" in reason and (a.scale is None or b.scale is None) and not one_table \
            and not (whole and _whole(a, whole) and _whole(b, whole)):
        # a thousand-fold gap is a slip only between two figures that both print their scale, or, where the slip
        # bound them, two sentences printing the same digits whole ("$75,000" and "$75,000,000"; a footnote
        # under a table in thousands prints its figure whole in the table's unit)
        return None
    if reason is None and signed and (-theirs).meets(own):
        reason = "the sign differs"
    if reason and coarse is a and "times too " in reason:
        # the diagnosis read the coarser printing as the stated one: the message states b, so the other way round
        reason = regex.sub(r"too (small|large)", lambda t: "too large" if t.group(1) == "small" else "too small", reason)
    return reason


def _read(a: Mention, b: Mention, scale: Fraction, signed: bool) -> tuple[tuple[Interval, Interval], ...]:
    """The two figures' rounded and truncated readings, a at `scale`, by size unless `signed`."""
    keep = (lambda i: i) if signed else _magnitude
    return (tuple(keep(Interval(i.lo * scale, i.hi * scale)) for i in stated_intervals(a)),
            tuple(keep(i) for i in stated_intervals(b)))


def _agree(a: Mention, b: Mention, scale: Fraction) -> bool:
    """Whether a rounding or a truncation of one printing gives the other (sizes compared where prose is one of
    them, as prose prints a loss plainly; signs too between two cells; a bound agrees with nothing)."""
    if not all(i.bounded for m in (a, b) for i in stated_intervals(m)):
        return False
    (ra, ta), (rb, tb) = _read(a, b, scale, a.cell is not None and b.cell is not None)
    return ta.meets(rb) or tb.meets(ra)


def _confirmed(facts, by_id: dict[int, Mention]) -> dict[int, set[int]]:
    """Each figure's other printings that agree with it, by the restatements binding them."""
    agree: dict[int, set[int]] = {}
    for f in facts:
        a, b = by_id.get(f.roles.get("a")), by_id.get(f.roles.get("b"))
        if a is not None and b is not None and _agree(a, b, Fraction(int(f.attributes.get("scale", "1")))):
            agree.setdefault(a.id, set()).add(b.id)
            agree.setdefault(b.id, set()).add(a.id)
    return agree


def _as_printed(m: Mention, value: Fraction, opposite: bool) -> Fraction:
    """`value` with the sign m prints: plain where m is prose (a sentence prints a loss unsigned), m's own sign
    where two tables print the figure with either sign."""
    if m.cell is None or opposite:
        return abs(value) if m.cell is None or not m.value.startswith("-") else -abs(value)
    return value


def _restoring(b: Mention, should: Fraction, scale_slip: bool) -> Fix | None:
    """The edit that prints `should` (in absolute units) in b's place the way b prints its figure: for a scale
    slip, b's scale word moved by the power of a thousand nearest the gap (the two printings round apart: "$1.6
    billion" for 1,608 in millions); else the digits."""
    value = _frac(b.value)
    if scale_slip:
        if not value or not should:
            return None
        steps = round(math.log(abs(should / value)) / math.log(1000))
        text = rescaled(b, Fraction(1000) ** steps) if steps else ""
    else:
        text = format_like(b, should / _unit_factor(b))
    return Fix(start=b.start, end=b.end, replacement=text) if text and text != b.text else None


_PER_UNIT = frozenset(("price", "number"))


class _WholeScale:
    """Which two figures printed whole ("$75,000" and "$75,000,000") may slip by three zeros, by the binding that
    joined them: "any" (amounts, prices, counts) for the bindings `whole_scale` names, "units" (a price or a count of
    a unit only) for those `whole_scale_units` names, unless one of the two is the headline's (two of the body's may
    be a per-head amount and its total: "$750" a worker, "$750,000" in all); "units" wherever either stands on a
    footnote's line, which prints an amount in its table's unit ("*-Includes discrete item of $15,194" under a
    table in thousands); None for other bindings."""

    def __init__(self, check: Check, ctx: Context):
        self.any = set(check.options.get("whole_scale", []))
        self.units = set(check.options.get("whole_scale_units", []))
        self.text, self.head = ctx.text, headline_end(ctx.text)

    def __call__(self, by: str, a: Mention, b: Mention) -> str | None:
        if by not in self.any and by not in self.units:
            return None
        if _noted(a, b, self.text):
            return "units"
        return "any" if by in self.any or min(a.end, b.end) <= self.head else "units"


# a line a footnote mark opens ("*-Includes ...", "(1) Excludes ...", "2. Net of ..."): a table's note, in its unit
_FOOTNOTE_LINE = regex.compile(r"[ \t]*(?:[*†‡§¹²³]|\(\d{1,2}\)|\[\d{1,2}\]|\d{1,2}[.)][ \t])")


def _noted(a: Mention, b: Mention, text: str) -> bool:
    """Whether either prose figure stands on a footnote's line, where a table's unit may scale it ("*-Includes
    discrete item of $15,194" under a table in thousands, beside "$15,194,000" in the text): there an amount
    printed whole three zeros short is the table's unit, not a slip."""
    return any(m.cell is None and _FOOTNOTE_LINE.match(text, text.rfind("\n", 0, m.start) + 1) for m in (a, b))


def _whole(m: Mention, which: str) -> bool:
    """A figure printed whole in all its digits, no scale word, two significant digits or more: an amount or a
    share count ("$75,000", `which` "any"), or a price or a count of a unit ("US$1,750" an ounce, "851,900"
    ounces): three zeros too many there are a thousand-fold slip."""
    if which == "any" and printed_whole(m):
        return True
    return (m.kind == "price" or m.unit is not None) and printed_whole(m, _PER_UNIT)


def _magnitude(i: Interval) -> Interval:
    if i.lo >= 0:
        return i
    if i.hi <= 0:
        return -i
    return Interval(Fraction(0), max(-i.lo, i.hi))

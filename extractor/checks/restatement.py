"""The restatement mechanism: a headline amount restated in the body with a different value."""

from __future__ import annotations

import regex

from ..document import sentence_index
from ..models import Evidence, Finding, Fix
from .compiler import Check
from .figures import _bound, _frac, _unit_factor, stated_intervals
from .findings import Context, _finding, _render
from .printing import format_like

_TITLE_NOUN = regex.compile(r"\s*((?:[A-Z][\w-]*)(?:\s+(?:[A-Z][\w-]*|of|and|for)){0,3})")


def run_restatement(check: Check, ctx: Context) -> list[Finding]:
    """A headline amount restated in the body with a different value.

    Only a clear case counts: the headline names one amount of its kind, followed by a subject of
    at least `min_words` capitalised words ("$18.6 Million Private Placement"); no body figure
    agrees with it; and a body sentence that names the same subject holds exactly one amount of
    that kind.
    """
    first_line_end = ctx.text.find("\n")
    if first_line_end <= 0 or first_line_end > 300:
        return []
    kinds = set(check.options.get("kinds", ["money", "shares"]))
    min_words = int(check.options.get("min_words", 2))
    stop = {w.lower() for w in check.options.get("stop_words", [])}
    headline = [m for m in ctx.mentions if m.end <= first_line_end and m.kind in kinds]
    body = [m for m in ctx.mentions if m.start > first_line_end and m.cell is None]
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
        for km in key.finditer(ctx.text, first_line_end):
            at = sentence_index(ctx.sentence_starts, km.start())
            sentence = [m for m in same_kind if m.sentence == at]
            if len(sentence) != 1 or any(m.qualifier and _bound(m.qualifier) != "around" for m in sentence + [h]):
                continue
            m = sentence[0]
            values = {"stated": m.text, "headline": h.text, "subject": " ".join(words)}
            replacement = format_like(m, _frac(h.value) * _unit_factor(h) / _unit_factor(m))
            fix = Fix(start=m.start, end=m.end, replacement=replacement) if check.fix and replacement else None
            evidence = [Evidence(role="headline", start=h.start, end=h.end, text=h.text),
                        Evidence(role="body", start=m.start, end=m.end, text=m.text)]
            out.append(_finding(check, check.severity, _render(check.message, values), m, ctx, m.value, h.value, evidence, fix, None))
            break
    return out

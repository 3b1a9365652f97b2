"""One self-contained HTML page: every checked release with its quantities, facts and findings in place.

The page needs no server and no network: styles are inline, there is no
script, and every piece of the draft is escaped. At the top a summary (counts
per severity, one row per file); then each release's text with every quantity
highlighted by kind (see the legend), each finding's span marked and, after
the line it ends on, a note with the rule, the message, stated against
expected, the proposed fix and the evidence. Facts and quantities follow in
folding tables.

The text shown is the analysed text (Markdown with its markup blanked, HTML as
text); line and column numbers are the original file's (a Word document's findings
name their paragraph by its opening words and the character in it). A `Checked` without
`source` (a bare fact sheet) gets the lists without the text.
"""

from __future__ import annotations

import bisect
import heapq
from html import escape

from .. import __version__
from ..models import FactSheet, Finding
from . import Checked, formatter, where

KINDS = ("money", "price", "shares", "percent", "date", "number", "ratio")
KIND_LABEL = {
    "money": "money", "price": "price per unit", "shares": "share count", "percent": "percent / bp / pp",
    "date": "date or period", "number": "other count", "ratio": "ratio or factor",
}
SEV_ORDER = {"error": 0, "warning": 1, "info": 2}

CSS = """
:root { --fg:#1f2328; --muted:#59636e; --line:#d1d9e0; --bg:#ffffff; --soft:#f6f8fa;
  --error:#cf222e; --error-bg:#ffebe9; --warning:#9a6700; --warning-bg:#fff8c5; --info:#0969da; --info-bg:#ddf4ff;
  --money:#c9f2d4; --price:#cfe6ff; --shares:#e8dcff; --percent:#ffe1bf; --date:#e4e7eb; --number:#fff2a8; --ratio:#ffd6e7; }
* { box-sizing: border-box; }
body { margin:0; font:15px/1.5 -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color:var(--fg);
  background:var(--soft); }
main { max-width: 1100px; margin: 0 auto; padding: 24px; }
h1 { font-size: 24px; margin: 0 0 4px; }
h2 { font-size: 19px; margin: 0; word-break: break-all; }
code, .mono { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 13px; }
.sub { color: var(--muted); margin: 0 0 16px; }
.card { background: var(--bg); border: 1px solid var(--line); border-radius: 8px; padding: 16px 20px; margin: 0 0 20px; }
.counts { display:flex; gap:10px; flex-wrap:wrap; margin: 8px 0 12px; }
.count { border-radius: 6px; padding: 4px 10px; font-weight: 600; border:1px solid var(--line); background: var(--soft); }
.count.error { color: var(--error); background: var(--error-bg); border-color: #ffcecb; }
.count.warning { color: var(--warning); background: var(--warning-bg); border-color: #f2e08a; }
.count.info { color: var(--info); background: var(--info-bg); border-color: #b6e3ff; }
.count.ok { color: #1a7f37; background: #dafbe1; border-color: #aceebb; }
table { border-collapse: collapse; width: 100%; font-size: 14px; }
th, td { text-align: left; padding: 5px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
th { background: var(--soft); font-weight: 600; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
.legend { display:flex; flex-wrap:wrap; gap:8px 14px; align-items:center; font-size: 13px; }
.legend .q { padding: 1px 6px; }
.doc-head { display:flex; justify-content:space-between; align-items:baseline; gap:12px; flex-wrap:wrap;
  margin-bottom: 6px; }
.meta { color: var(--muted); font-size: 13px; margin: 0 0 12px; }
.release { white-space: pre-wrap; overflow-wrap: anywhere; font-size: 15px; line-height: 1.7; background: var(--bg);
  border: 1px solid var(--line); border-radius: 6px; padding: 14px 16px; }
.q { border-radius: 3px; padding: 1px 0; }
.q-money { background: var(--money); } .q-price { background: var(--price); } .q-shares { background: var(--shares); }
.q-percent { background: var(--percent); } .q-date { background: var(--date); } .q-number { background: var(--number); }
.q-ratio { background: var(--ratio); }
.flag-error { text-decoration: underline wavy var(--error); text-decoration-thickness: 2px; text-underline-offset: 4px;
  outline: 2px solid var(--error); outline-offset: 1px; }
.flag-warning { text-decoration: underline wavy var(--warning); text-decoration-thickness: 2px;
  text-underline-offset: 4px; outline: 2px solid #d4a72c; outline-offset: 1px; }
.flag-info { text-decoration: underline dotted var(--info); text-decoration-thickness: 2px; text-underline-offset: 4px; }
.flag-suppressed { text-decoration: underline dotted var(--muted); outline: none; }
.ev { box-shadow: inset 0 -2px 0 #0969da; }
a.badge { display:inline-block; min-width: 18px; padding: 0 5px; margin-left: 2px; border-radius: 9px; font-size: 11px;
  line-height: 17px; font-weight: 700; text-align:center; color:#fff; text-decoration:none; vertical-align: super; }
.badge.error { background: var(--error); } .badge.warning { background: #bf8700; } .badge.info { background: var(--info); }
.badge.suppressed { background: #8c959f; }
.note { white-space: normal; margin: 6px 0 10px; padding: 8px 12px; border-radius: 6px;
  border-left: 4px solid var(--line); background: var(--soft); font-size: 14px; line-height: 1.5; }
.note.error { border-left-color: var(--error); background: var(--error-bg); }
.note.warning { border-left-color: #d4a72c; background: var(--warning-bg); }
.note.info { border-left-color: var(--info); background: var(--info-bg); }
.note.suppressed { border-left-color: #8c959f; background: #f0f1f3; color: var(--muted); }
.note .head { font-weight: 600; }
.note .sev { text-transform: uppercase; font-size: 12px; letter-spacing: .04em; }
.note .where { color: var(--muted); font-weight: 400; }
.note .tag { display:inline-block; font-size: 11px; font-weight: 700; padding: 0 6px; border-radius: 8px;
  background:#8c959f; color:#fff; margin-left: 6px; }
.note p { margin: 4px 0; }
.note del { background: #ffcecb; text-decoration: line-through; padding: 0 3px; border-radius: 3px; }
.note ins { background: #aceebb; text-decoration: none; padding: 0 3px; border-radius: 3px; }
.note ul { margin: 4px 0 0 18px; padding: 0; }
details { margin-top: 12px; }
summary { cursor: pointer; font-weight: 600; }
.empty { color: var(--muted); font-style: italic; }
footer { color: var(--muted); font-size: 12px; text-align:center; padding: 8px 0 24px; }
@media print { body { background:#fff; } .card { border: none; } details { display:block; } }
"""


def _e(value) -> str:
    return escape("" if value is None else str(value), quote=True)


def _counts(findings: list[Finding]) -> dict[str, int]:
    c = {"error": 0, "warning": 0, "info": 0, "suppressed": 0}
    for f in findings:
        if f.suppressed:
            c["suppressed"] += 1
        else:
            c[f.severity] = c.get(f.severity, 0) + 1
    return c


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


def _count_chips(c: dict[str, int]) -> str:
    chips = []
    if not (c["error"] or c["warning"] or c["info"]):
        chips.append('<span class="count ok">no findings</span>')
    for sev, word in (("error", "error"), ("warning", "warning"), ("info", "note")):
        if c[sev]:
            chips.append(f'<span class="count {sev}">{_plural(c[sev], word)}</span>')
    if c["suppressed"]:
        chips.append(f'<span class="count">{c["suppressed"]} suppressed</span>')
    return '<div class="counts">' + "".join(chips) + "</div>"


def _interval(m) -> str:
    return m.value if m.low == m.high else f"{m.low} – {m.high}"


def _mention_title(m) -> str:
    parts = [m.kind, f"value {m.value}"]
    if m.low != m.high:
        parts.append(f"interval {m.low}–{m.high}")
    for label, v in (("unit", m.unit), ("currency", m.currency), ("scale", m.scale), ("qualifier", m.qualifier),
                     ("subject", m.subject)):
        if v:
            parts.append(f"{label} {v}")
    return " · ".join(parts)


def _sev_class(f: Finding) -> str:
    return "suppressed" if f.suppressed else f.severity


def _note(doc: int, n: int, f: Finding, text: str | None) -> str:
    sev = _sev_class(f)
    tag = '<span class="tag">suppressed</span>' if f.suppressed else ""
    out = [f'<div class="note {sev}" id="f{doc}-{n}">',
           f'<div class="head"><span class="sev">{_e(f.severity)}</span> {n} · <code>{_e(f.rule)}</code> '
           f'<span class="where">{_e(where(f, prose=True))}</span>{tag}</div>',
           f"<p>{_e(f.message)}</p>"]
    if f.stated is not None and f.expected is not None:
        out.append(f"<p>Stated <del>{_e(f.stated)}</del>, expected <ins>{_e(f.expected)}</ins></p>")
    elif f.expected is not None:
        out.append(f"<p>Implied <ins>{_e(f.expected)}</ins></p>")
    elif f.stated is not None:
        out.append(f"<p>Stated <del>{_e(f.stated)}</del></p>")
    if f.fix is not None:
        old = text[f.fix.start:f.fix.end] if text is not None and 0 <= f.fix.start <= f.fix.end <= len(text) else f.stated
        if old:
            out.append(f"<p>Fix: replace <del>{_e(old)}</del> with <ins>{_e(f.fix.replacement)}</ins>"
                       " (<code>prfacts check --fix</code>)</p>")
        else:
            out.append(f"<p>Fix: insert <ins>{_e(f.fix.replacement)}</ins></p>")
    if f.evidence:
        out.append("<p>Evidence:</p><ul>" + "".join(
            f"<li><b>{_e(e.role)}</b>: {_e(e.text)}</li>" for e in f.evidence) + "</ul>")
    out.append("</div>")
    return "".join(out)


def _release(doc: int, text: str, sheet: FactSheet, order: list[tuple[int, Finding]]) -> str:
    """The text with mentions, finding spans and evidence marked, and the notes after each finding's line.

    The text is cut at every span's ends; the spans covering each piece are kept in a sweep from left
    to right (looking them all up for every piece was quadratic in a long release)."""
    n_text = len(text)

    def clamp(a: int, b: int) -> tuple[int, int]:
        a = max(0, min(a, n_text))
        return a, max(a, min(b, n_text))

    mentions = [(clamp(m.start, m.end), m) for m in sheet.mentions]
    flags = [(clamp(f.start, f.end), n, f) for n, f in order]
    evidence = [clamp(e.start, e.end) for n, f in order for e in f.evidence]
    # Where each note goes: after the end of the line the finding ends on.
    newlines = []
    at = text.find("\n") if flags else -1
    while at >= 0:
        newlines.append(at)
        at = text.find("\n", at + 1)
    notes: dict[int, list[str]] = {}
    badges: dict[int, list[str]] = {}
    for (a, b), n, f in flags:
        k = bisect.bisect_left(newlines, max(a, b - 1) if b > a else b)
        at = n_text if k == len(newlines) else newlines[k] + 1
        notes.setdefault(at, []).append(_note(doc, n, f, text))
        badges.setdefault(b, []).append(
            f'<a class="badge {_sev_class(f)}" href="#f{doc}-{n}" title="{_e(f.rule)}: {_e(f.message)}">{n}</a>')

    cuts = {0, n_text, *notes, *badges}
    for (a, b), *_ in mentions + flags:
        cuts.update((a, b))
    for a, b in evidence:
        cuts.update((a, b))
    cuts = sorted(cuts)

    # Spans in the order of their starts; each list keeps its own order for ties (the first mention
    # that covers a piece names it, flags are listed in finding order).
    m_next = sorted((span[0], i) for i, (span, _) in enumerate(mentions) if span[0] < span[1])
    f_next = sorted((span[0], i) for i, (span, _, _) in enumerate(flags) if span[0] < span[1])
    e_next = sorted((a, b) for a, b in evidence if a < b)
    m_active: list[int] = []  # heap of mention indexes covering the position
    f_active: list[int] = []  # flag indexes covering the position, in order
    e_ends: list[int] = []  # heap of the ends of the evidence spans covering the position
    mi = fi = ei = 0

    out = []
    for i, pos in enumerate(cuts):
        # Badges close the span they belong to, notes follow the line.
        for badge in badges.get(pos, []):
            out.append(badge)
        for note in notes.get(pos, []):
            out.append(note)
        if i + 1 >= len(cuts):
            break
        a, b = pos, cuts[i + 1]
        if a == b:
            continue
        # Every span starts and ends at a cut, so a span covers the piece [a, b) exactly when it
        # has started at or before a and not ended by a.
        while mi < len(m_next) and m_next[mi][0] <= a:
            heapq.heappush(m_active, m_next[mi][1])
            mi += 1
        while m_active and mentions[m_active[0]][0][1] <= a:
            heapq.heappop(m_active)  # the first mention has ended; later ones are checked when first
        while fi < len(f_next) and f_next[fi][0] <= a:
            bisect.insort(f_active, f_next[fi][1])
            fi += 1
        if f_active:
            f_active = [j for j in f_active if flags[j][0][1] > a]
        while ei < len(e_next) and e_next[ei][0] <= a:
            heapq.heappush(e_ends, e_next[ei][1])
            ei += 1
        while e_ends and e_ends[0] <= a:
            heapq.heappop(e_ends)
        piece = _e(text[a:b])
        classes, titles = [], []
        if m_active:
            m = mentions[m_active[0]][1]
            classes += ["q", f"q-{m.kind}"]
            titles.append(_mention_title(m))
        worst = None
        for j in f_active:
            _, n, f = flags[j]
            titles.append(f"{f.severity} {f.rule}: {f.message}")
            if worst is None or (not f.suppressed and (worst.suppressed or
                                 SEV_ORDER[f.severity] < SEV_ORDER[worst.severity])):
                worst = f
        if worst is not None:
            classes.append(f"flag-{_sev_class(worst)}")
        if e_ends:
            classes.append("ev")
        if classes:
            title = f' title="{_e(" | ".join(titles))}"' if titles else ""
            out.append(f'<span class="{" ".join(classes)}"{title}>{piece}</span>')
        else:
            out.append(piece)
    return '<div class="release">' + "".join(out) + "</div>"


def _facts_table(sheet: FactSheet) -> str:
    if not sheet.facts:
        return '<p class="empty">No facts.</p>'
    by_id = {m.id: m for m in sheet.mentions}
    rows = []
    for fact in sheet.facts:
        roles = []
        for role, mid in fact.roles.items():
            m = by_id.get(mid)
            shown = f'<span class="q q-{_e(m.kind)}">{_e(m.text)}</span>' if m else f"#{mid}"
            roles.append(f"<b>{_e(role)}</b> {shown}")
        details = {**(getattr(fact, "attributes", None) or {}), **fact.parties}
        parties = ", ".join(f"{_e(k)}: {_e(v)}" for k, v in details.items())
        rows.append(f"<tr><td class='n'>{fact.id}</td><td><code>{_e(fact.type)}</code></td><td>{'<br>'.join(roles)}"
                    f"</td><td>{parties}</td><td><code>{_e(fact.rule)}</code></td></tr>")
    return ("<table><tr><th>#</th><th>type</th><th>roles</th><th>attributes, parties</th><th>rule</th></tr>"
            + "".join(rows) + "</table>")


def _mentions_table(result: Checked) -> str:
    sheet = result.sheet
    if not sheet.mentions:
        return '<p class="empty">No quantities.</p>'
    source = getattr(result, "source", None)
    rows = []
    for m in sheet.mentions:
        where = ""
        if source is not None and 0 <= m.start <= len(source.text):
            line, col = source.line_col(m.start)
            where = f"{line}:{col}"
        extra = ", ".join(v for v in (m.unit, m.currency, m.qualifier, m.subject) if v)
        rows.append(f"<tr><td class='mono'>{where}</td><td><span class='q q-{_e(m.kind)}'>{_e(m.text)}</span></td>"
                    f"<td>{_e(m.kind)}</td><td class='mono'>{_e(m.value)}</td><td class='mono'>{_e(_interval(m))}</td>"
                    f"<td>{_e(extra)}</td></tr>")
    return ("<table><tr><th>line:col</th><th>as printed</th><th>kind</th><th>value</th><th>interval</th>"
            "<th>unit, currency, qualifier, subject</th></tr>" + "".join(rows) + "</table>")


def _findings_list(doc: int, order: list[tuple[int, Finding]]) -> str:
    if not order:
        return '<p class="empty">No findings.</p>'
    rows = []
    for n, f in order:
        rows.append(f"<tr><td class='n'><a class='badge {_sev_class(f)}' href='#f{doc}-{n}'>{n}</a></td>"
                    f"<td class='mono'>{_e(where(f))}</td><td>{_e(f.severity)}"
                    f"{' (suppressed)' if f.suppressed else ''}</td><td><code>{_e(f.rule)}</code></td>"
                    f"<td>{_e(f.message)}</td></tr>")
    return ("<table><tr><th></th><th>where</th><th>severity</th><th>rule</th><th>message</th></tr>"
            + "".join(rows) + "</table>")


def _doc(doc: int, result: Checked) -> str:
    sheet = result.sheet
    source = getattr(result, "source", None)
    text = source.text if source is not None else None
    order = list(enumerate(sorted(sheet.findings, key=lambda f: (f.start, f.end)), start=1))
    meta = sheet.metadata
    bits = []
    if meta.issuer:
        bits.append(f"issuer {_e(meta.issuer)}")
    if meta.dateline_place or meta.dateline_date:
        bits.append("dateline " + _e(", ".join(x for x in (meta.dateline_place, meta.dateline_date) if x)))
    if meta.wire:
        bits.append(f"wire {_e(meta.wire)}")
    if meta.tickers:
        bits.append("tickers " + _e(", ".join(f"{t.exchange}: {t.symbol}" for t in meta.tickers)))
    fmt = getattr(source, "format", None)
    n_q = len(sheet.mentions)
    bits.append(f"{n_q} {'quantity' if n_q == 1 else 'quantities'}, {_plural(len(sheet.facts), 'fact')}")
    if fmt:
        bits.append(f"read as {_e(fmt)}")
    parts = [f'<section class="card" id="doc{doc}">',
             f'<div class="doc-head"><h2>{_e(result.path)}</h2>{_count_chips(_counts(sheet.findings))}</div>',
             f'<p class="meta">{" · ".join(bits)}</p>']
    if text is not None:
        parts.append(_release(doc, text, sheet, order))
    else:
        parts.append('<p class="empty">The text is not part of this report (fact sheet only).</p>')
    parts.append(f"<details{' open' if text is None else ''}><summary>Findings ({len(order)})</summary>"
                 f"{_findings_list(doc, order)}</details>")
    parts.append(f"<details><summary>Facts ({len(sheet.facts)})</summary>{_facts_table(sheet)}</details>")
    parts.append(f"<details><summary>Quantities ({len(sheet.mentions)})</summary>{_mentions_table(result)}</details>")
    parts.append("</section>")
    return "".join(parts)


def _summary(results: list[Checked], when=None) -> str:
    total = _counts([f for r in results for f in r.sheet.findings])
    rows = []
    for i, r in enumerate(results, start=1):
        c = _counts(r.sheet.findings)
        rows.append(f"<tr><td><a href='#doc{i}'>{_e(r.path)}</a></td><td class='n'>{c['error']}</td>"
                    f"<td class='n'>{c['warning']}</td><td class='n'>{c['info']}</td><td class='n'>{c['suppressed']}</td>"
                    f"<td class='n'>{len(r.sheet.mentions)}</td><td class='n'>{len(r.sheet.facts)}</td></tr>")
    table = ("<table><tr><th>file</th><th>errors</th><th>warnings</th><th>notes</th><th>suppressed</th>"
             "<th>quantities</th><th>facts</th></tr>" + "".join(rows) + "</table>") if results else \
        '<p class="empty">No files checked.</p>'
    legend = "".join(f'<span><span class="q q-{k}">{k}</span> {_e(KIND_LABEL[k])}</span>' for k in KINDS)
    legend += ('<span><span class="flag-error">444%</span> error</span>'
               '<span><span class="flag-warning">span</span> warning</span>'
               '<span><span class="flag-info">span</span> note</span>'
               '<span><span class="ev">evidence</span> evidence</span>')
    return (f'<section class="card"><h1>prfacts report</h1>'
            f'<p class="sub">{_plural(len(results), "file")} checked · prfacts {_e(__version__)}'
            f'{" · " + _e(when.strftime("%Y-%m-%d %H:%M %Z")) if when else ""}</p>'
            f"{_count_chips(total)}{table}"
            f'<h3 style="margin:14px 0 6px;font-size:14px">Legend</h3><div class="legend">{legend}</div></section>')


@formatter("html")
def render_html(results: list[Checked], when=None) -> str:
    """The report page; `when` (a datetime, `--timestamp`) is shown, else the page holds no time, so two runs
    over the same drafts write the same file."""
    body = _summary(results, when) + "".join(_doc(i, r) for i, r in enumerate(results, start=1))
    return ("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
            "<meta name=\"generator\" content=\"prfacts\">\n"
            f"<title>prfacts report: {_e(', '.join(r.path for r in results[:3]))}"
            f"{' …' if len(results) > 3 else ''}</title>\n"
            f"<style>{CSS}</style>\n</head>\n<body>\n<main>\n{body}\n</main>\n"
            "<footer>Generated by prfacts. Hover a highlighted quantity for its value and interval.</footer>\n"
            "</body>\n</html>\n")

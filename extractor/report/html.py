"""One self-contained HTML page that opens on the findings and shows each release below them.

The page needs no server and no network: styles are inline, there is no
script, and every piece of the draft is escaped. At the top a summary line and
the counts (a table of files when there are several); then, per release, each
finding with its severity, rule (linked to its documentation when there is an
address for it), message, the sentence it is in with the figures highlighted,
and the fix; then the release's text with every quantity highlighted by kind,
each finding's span marked with a badge that links back to it, and its
boilerplate (forward-looking statements, "About" sections, contacts) folded.
Facts and quantities follow in folding tables, figures in words.

The text shown is the analysed text (Markdown with its markup blanked, HTML as
text); line and column numbers are the original file's (a Word document's findings
name their paragraph by its opening words and the character in it). A `Checked` without
`source` (a bare fact sheet) gets the findings and lists without the text.
"""

from __future__ import annotations

from .. import __version__
from ..models import KINDS, SEVERITIES, FactSheet, Finding
from ..checks.wording import role_words, say_interval, say_mention, sentence_around
from . import Checked, formatter, where
from .boilerplate import folds
from .html_release import e as _e
from .html_tables import render_tables
from .html_release import render_release, sev_class
from .links import configured, doc_url
from .text import render_summary

KIND_LABEL = {
    "money": "money", "price": "price per unit", "shares": "share count", "percent": "percent / bp / pp",
    "date": "date or period", "number": "other count", "ratio": "ratio or factor",
}

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
table.grid { border-collapse: collapse; font-size: 13px; margin: 6px 0 12px; } table.grid td, table.grid th { border: 1px solid var(--line); padding: 2px 6px; text-align: right; } table.grid th[scope=row] { text-align: left; font-weight: 400; }
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
.note .where:hover { text-decoration: underline; }
.note .tag { display:inline-block; font-size: 11px; font-weight: 700; padding: 0 6px; border-radius: 8px;
  background:#8c959f; color:#fff; margin-left: 6px; }
.note p { margin: 4px 0; }
.note del { background: #ffcecb; text-decoration: line-through; padding: 0 3px; border-radius: 3px; }
.note ins { background: #aceebb; text-decoration: none; padding: 0 3px; border-radius: 3px; }
.note ul { margin: 4px 0 0 18px; padding: 0; }
details { margin-top: 12px; }
.findings { margin: 4px 0 18px; }
.findings h3, .release-head { font-size: 15px; margin: 16px 0 8px; }
details.release-box > summary { margin-bottom: 8px; }
.note .msg { font-size: 15px; margin: 6px 0; }
.note a { color: inherit; }
.note .doc { font-weight: 400; font-size: 13px; margin-left: 8px; }
.quote { margin: 6px 0; padding: 6px 10px; background: var(--bg); border-radius: 4px; border: 1px solid var(--line);
  font-size: 14px; color: var(--fg); }
.quote mark { background: transparent; color: inherit; padding: 0 2px; border-radius: 3px; }
.quote mark.hit { background: #ffcecb; font-weight: 700; } .quote mark.ev { background: #ddf4ff; }
.note.warning .quote mark.hit { background: #fae17d; } .note.info .quote mark.hit { background: #b6e3ff; }
.release details.fold { margin: 0; padding: 2px 10px; border: 1px dashed var(--line); border-radius: 6px;
  background: var(--soft); white-space: pre-wrap; }
.release details.fold[open] { background: var(--bg); }
.release details.fold > summary { white-space: normal; font-weight: 600; color: var(--muted); }
.release details.fold .kind { font-weight: 400; font-size: 12px; margin-left: 6px; }
.summary-line { font-size: 16px; font-weight: 600; margin: 6px 0 4px; }
summary { cursor: pointer; font-weight: 600; }
.empty { color: var(--muted); font-style: italic; }
footer { color: var(--muted); font-size: 12px; text-align:center; padding: 8px 0 24px; }
@media print { body { background:#fff; } .card { border: none; } details { display:block; } }
"""


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


def _quote(text: str, f: Finding) -> str:
    """The sentence the finding is in, shortened around its figure, the figure and its evidence marked."""
    lo, hi, lead, tail = sentence_around(text, f.start, f.end)
    marks = sorted({(f.start, f.end, "hit")} | {(ev.start, ev.end, "ev") for ev in f.evidence
                                                  if lo <= ev.start and ev.end <= hi and (ev.start, ev.end) != (f.start, f.end)})
    out, at = [lead], lo
    for a, b, kind in marks:
        if a < at:
            continue  # overlaps a mark already made
        out += [_e(text[at:a]), f'<mark class="{kind}">{_e(text[a:b])}</mark>']
        at = b
    out += [_e(text[at:hi]), tail]
    return '<blockquote class="quote">' + "".join(out) + "</blockquote>"


def _note(doc: int, n: int, f: Finding, text: str | None, linked: bool, docs: str | None) -> str:
    """One finding: severity, where (a link to its place in the release), rule and its documentation, the
    message, the sentence, the fix."""
    tag = '<span class="tag">suppressed</span>' if f.suppressed else ""
    place = _e(where(f, prose=True))
    place = f'<a class="where" href="#m{doc}-{n}">{place}</a>' if linked else f'<span class="where">{place}</span>'
    url = doc_url(f.rule, docs)
    doc_link = f' <a class="doc" href="{_e(url)}">about this rule</a>' if url else ""
    out = [f'<article class="note {sev_class(f)}" id="f{doc}-{n}">',
           (f'<div class="head"><span class="sev">{_e(f.severity)}</span> {n} · {place} · <code>{_e(f.rule)}</code>'
            f"{doc_link}{tag}</div>"), f'<p class="msg">{_e(f.message)}</p>']
    valid = text is not None and 0 <= f.start <= f.end <= len(text)
    if valid:
        out.append(_quote(text, f))
    if f.fix is not None:
        old = text[f.fix.start:f.fix.end] if valid and 0 <= f.fix.start <= f.fix.end <= len(text) else f.stated
        if old:
            out.append(f"<p>Fix: replace <del>{_e(old)}</del> with <ins>{_e(f.fix.replacement)}</ins>"
                       " (<code>prfacts check --fix</code>)</p>")
        else:
            out.append(f"<p>Fix: insert <ins>{_e(f.fix.replacement)}</ins></p>")
    out.append("</article>")
    return "".join(out)


def _findings(doc: int, order: list[tuple[int, Finding]], text: str | None, docs: str | None) -> str:
    if not order:
        return '<p class="empty">No findings.</p>'
    # errors first; the numbers follow the text, as the badges in the release do
    worst_first = sorted(order, key=lambda nf: (nf[1].suppressed, SEVERITIES.index(nf[1].severity), nf[0]))
    return '<div class="findings">' + "".join(_note(doc, n, f, text, text is not None, docs) for n, f in worst_first) + "</div>"


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
            roles.append(f"{_e(role_words(role))}: {shown}")
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
                    f"<td>{_e(m.kind)}</td><td>{_e(say_mention(m))}</td><td>{_e(say_interval(m) if m.low != m.high else '')}</td>"
                    f"<td>{_e(extra)}</td></tr>")
    return ("<table><tr><th>line:col</th><th>as printed</th><th>kind</th><th>value</th><th>stands for</th>"
            "<th>unit, currency, qualifier, subject</th></tr>" + "".join(rows) + "</table>")


def _meta(result: Checked) -> str:
    sheet, meta = result.sheet, result.sheet.metadata
    bits = []
    if meta.issuer:
        bits.append(f"issuer {_e(meta.issuer)}")
    if meta.dateline_place or meta.dateline_date:
        bits.append("dateline " + _e(", ".join(x for x in (meta.dateline_place, meta.dateline_date) if x)))
    if meta.wire:
        bits.append(f"wire {_e(meta.wire)}")
    if meta.tickers:
        bits.append("tickers " + _e(", ".join(f"{t.exchange}: {t.symbol}" for t in meta.tickers)))
    n_q = len(sheet.mentions)
    bits.append(f"{n_q} {'quantity' if n_q == 1 else 'quantities'}, {_plural(len(sheet.facts), 'fact')}")
    fmt = getattr(getattr(result, "source", None), "format", None)
    if fmt:
        bits.append(f"read as {_e(fmt)}")
    return f'<p class="meta">{" · ".join(bits)}</p>'


def _doc(doc: int, result: Checked) -> str:
    sheet = result.sheet
    source = getattr(result, "source", None)
    text = source.text if source is not None else None
    order = list(enumerate(sorted(sheet.findings, key=lambda f: (f.start, f.end)), start=1))
    parts = [f'<section class="card" id="doc{doc}">',
             f'<div class="doc-head"><h2>{_e(result.path)}</h2>{_count_chips(_counts(sheet.findings))}</div>',
             _meta(result), _findings(doc, order, text, configured(result))]
    if text is not None:
        folded = folds(text, [(f.start, f.end) for f in sheet.findings], [(t.start, t.end) for t in sheet.tables])
        # open where there is something to see in it; a clean release stays one line in a long report
        parts.append(f'<details class="release-box"{" open" if order else ""}><summary class="release-head">The release'
                     f"</summary>{render_release(doc, text, sheet, order, folded)}</details>")
        parts.append(render_tables(sheet, order))
    else:
        parts.append('<p class="empty">The text is not part of this report (fact sheet only).</p>')
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
            f'<p class="summary-line">{_e(render_summary(results).strip())}</p>'
            f"{_count_chips(total)}{table if len(results) > 1 else ''}"
            f'<details><summary>Legend</summary><div class="legend">{legend}</div></details></section>')


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
            "<footer>Generated by prfacts. Hover a highlighted figure for what it stands for; boilerplate is folded."
            "</footer>\n"
            "</body>\n</html>\n")

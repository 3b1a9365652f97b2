"""The release as text in the HTML report: every quantity highlighted by kind, each finding's span marked
with a numbered badge that links to its note, and boilerplate folded (`extractor.report.boilerplate`).

The text is cut at every span's ends and fold's edges; the spans covering each piece are kept in a sweep
from left to right, so a long release with many findings costs linear time.
"""

from __future__ import annotations

import bisect
import heapq
from html import escape

from ..models import FactSheet, Finding, Mention
from ..checks.wording import say_interval
from .boilerplate import Fold

SEV_ORDER = {"error": 0, "warning": 1, "info": 2}


def e(value) -> str:
    return escape("" if value is None else str(value), quote=True)


def sev_class(f: Finding) -> str:
    return "suppressed" if f.suppressed else f.severity


def mention_title(m: Mention) -> str:
    """What a highlighted figure stands for, in words: "money: between $2.95 million and $3.05 million"."""
    parts = [f"{m.kind}: {say_interval(m)}"]
    for label, v in (("qualifier", m.qualifier), ("subject", m.subject)):
        if v:
            parts.append(f"{label} {v}")
    return " · ".join(parts)


def _marks(doc: int, n_text: int, order: list[tuple[int, Finding]], folded: list[Fold]):
    """What goes between the pieces of text: badges after the findings' spans, folds' opening and closing."""
    badges: dict[int, list[str]] = {}
    for n, f in order:
        at = max(0, min(f.end, n_text))
        badges.setdefault(at, []).append(
            f'<a class="badge {sev_class(f)}" id="m{doc}-{n}" href="#f{doc}-{n}" title="{e(f.rule)}: {e(f.message)}">'
            f"{n}</a>")
    opens: dict[int, list[str]] = {}
    closes: dict[int, int] = {}
    for fold in folded:
        a, b = max(0, min(fold.start, n_text)), max(0, min(fold.end, n_text))
        opens.setdefault(a, []).append(f'<details class="fold"><summary>{e(fold.title)} <span class="kind">'
                                       f"{e(fold.kind)}, folded</span></summary>")
        closes[b] = closes.get(b, 0) + 1
    return badges, opens, closes


def render_release(doc: int, text: str, sheet: FactSheet, order: list[tuple[int, Finding]], folded: list[Fold]) -> str:
    """The text, its mentions, findings and evidence marked, each finding's badge linking to its note; folds."""
    n_text = len(text)

    def clamp(a: int, b: int) -> tuple[int, int]:
        a = max(0, min(a, n_text))
        return a, max(a, min(b, n_text))

    mentions = [(clamp(m.start, m.end), m) for m in sheet.mentions]
    flags = [(clamp(f.start, f.end), n, f) for n, f in order]
    evidence = [clamp(ev.start, ev.end) for n, f in order for ev in f.evidence]
    badges, opens, closes = _marks(doc, n_text, order, folded)
    cuts = {0, n_text, *badges, *opens, *closes}
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
        # Badges close the span they belong to; a fold closes after them and opens before the next piece.
        out.extend(badges.get(pos, []))
        out.append("</details>" * closes.get(pos, 0))
        out.extend(opens.get(pos, []))
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
        out.append(_piece(e(text[a:b]), mentions[m_active[0]][1] if m_active else None,
                          [flags[j][2] for j in f_active], bool(e_ends)))
    return '<div class="release">' + "".join(out) + "</div>"


def _piece(piece: str, m: Mention | None, flagged: list[Finding], evidence: bool) -> str:
    """One piece of text in the classes of what covers it: its quantity's kind, the worst finding, evidence."""
    classes, titles = [], []
    if m is not None:
        classes += ["q", f"q-{m.kind}"]
        titles.append(mention_title(m))
    worst = None
    for f in flagged:
        titles.append(f"{f.severity} {f.rule}: {f.message}")
        if worst is None or (not f.suppressed and (worst.suppressed or
                             SEV_ORDER[f.severity] < SEV_ORDER[worst.severity])):
            worst = f
    if worst is not None:
        classes.append(f"flag-{sev_class(worst)}")
    if evidence:
        classes.append("ev")
    if not classes:
        return piece
    title = f' title="{e(" | ".join(titles))}"' if titles else ""
    return f'<span class="{" ".join(classes)}"{title}>{piece}</span>'

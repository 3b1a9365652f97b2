"""The release's tables in the HTML report as HTML tables: each cell as printed, its figure coloured by the kind
it was read as (with the value it stands for in its title), and a cell a finding flags (or uses as evidence)
marked with the finding's badge number. A table with a flagged cell is open; the others are folded.
"""

from __future__ import annotations

from ..models import FactSheet, Finding, Mention, Table
from .html_release import e, mention_title, sev_class

MAX_ROWS = 400  # a longer grid is left to the release text


def _overlaps(m: Mention, a: int, b: int) -> bool:
    return m.start < b and a < m.end


def _cell_marks(sheet: FactSheet, order: list[tuple[int, Finding]]) -> dict[tuple[int, int, int], tuple[Mention, list]]:
    """(table, row, column) -> the mention read there and the findings (number, finding, role) touching it."""
    marks: dict[tuple[int, int, int], tuple[Mention, list]] = {}
    for m in sheet.mentions:
        if m.cell is not None:
            marks[(m.cell.table, m.cell.row, m.cell.column)] = (m, [])
    spans = [(n, f, f.start, f.end, "flagged") for n, f in order]
    spans += [(n, f, ev.start, ev.end, "evidence") for n, f in order for ev in f.evidence]
    if not spans:
        return marks
    for m, hits in marks.values():
        seen = set()  # a finding once per cell: flagged wins over evidence (its spans come first)
        for n, f, a, b, how in spans:
            if n not in seen and _overlaps(m, a, b):
                seen.add(n)
                hits.append((n, f, how))
    return marks


def _td(text: str, mark: tuple[Mention, list] | None, label: bool) -> str:
    if label:
        return f'<th scope="row">{e(text)}</th>'
    if mark is None:
        return f"<td>{e(text)}</td>"
    m, hits = mark
    classes, badges = ["q", f"q-{m.kind}"], []
    titles = [mention_title(m)]
    for n, f, how in hits:
        classes.append(f"flag-{sev_class(f)}" if how == "flagged" else "ev")
        titles.append(f"{f.severity} {f.rule}: {f.message}")
        badges.append(f'<sup class="badge {sev_class(f)}">{n}</sup>')
    return f'<td><span class="{" ".join(dict.fromkeys(classes))}" title="{e(" | ".join(titles))}">{e(text)}</span>{"".join(badges)}</td>'


def render_table(table: Table, marks: dict) -> tuple[str, bool]:
    """One table as HTML, and whether a finding touches it."""
    flagged = False
    rows = []
    for r, cells in enumerate(table.grid[:MAX_ROWS]):
        tag = "th" if r < table.header_rows else None
        out = []
        for c, text in enumerate(cells):
            if tag:
                out.append(f"<th>{e(text)}</th>")
                continue
            mark = marks.get((table.index, r, c))
            flagged = flagged or bool(mark and mark[1])
            out.append(_td(text, mark, label=(c == 0 and mark is None)))
        rows.append(f"<tr>{''.join(out)}</tr>")
    note = f'<caption>{e(table.unit_note)}</caption>' if table.unit_note else ""
    return f'<table class="grid">{note}{"".join(rows)}</table>', flagged


def render_tables(sheet: FactSheet, order: list[tuple[int, Finding]]) -> str:
    """Every table of the sheet that has a grid, each in a fold opened when a finding touches it."""
    if not any(t.grid for t in sheet.tables):
        return ""
    marks = _cell_marks(sheet, order)
    parts = []
    for table in sheet.tables:
        if not table.grid:
            continue
        html, flagged = render_table(table, marks)
        parts.append(f'<details class="table-box"{" open" if flagged else ""}><summary>Table {table.index + 1} '
                     f'<span class="kind">{e(table.format)}, {table.rows} rows</span></summary>{html}</details>')
    return f'<details class="tables"><summary class="release-head">Tables ({len(parts)})</summary>{"".join(parts)}</details>'

"""Ratios a table of sections states segment by segment: a margin heading over the segments' percentages
("Net income margin: > Electrical", "EBITDA margin: > Services") divides the same segment's row under the
profit heading of its name ("Net income: > Electrical") by its row under the revenue heading ("Operating
revenues: > Electrical"); a heading of shares naming no profit ("As a percentage of revenue:") divides each
line's amount row of the same label by the revenue row (`common_size_pairs`). The rows are found by the table's
layout, the segment's label and the headings' words, never by their figures.
"""

from __future__ import annotations

import regex

# a unit note the table model read into the first heading ("(In millions, except percentages) Revenues:")
_NOTE = regex.compile(r"^\s*\([^)]*\)\s*")


# a label that is only the percent sign (or "(%)"), and a line of words with no figure
_UNIT_ONLY = regex.compile(r"(?i)^\s*\(?\s*(?:in\s+)?(?:%|percent)\s*\)?\s*$")
_LETTERS_ONLY = regex.compile(r"^[^\d\n]*[^\W\d_][^\d\n]*$")


def wrapped_label(label: str, cells: dict, text: str) -> str:
    """A label the layout wrapped before its "%" ("EBITDA margin adj." on a line of its own, "%" on the figures'
    line): the line above read before it, where that line holds words and no figure; else the label as it is."""
    if not text or len(label) > 12 or not _UNIT_ONLY.match(label):
        return label
    start = text.rfind("\n", 0, min(m.start for m in cells.values())) + 1
    above = text[text.rfind("\n", 0, start - 1) + 1:start - 1].strip(" |\t") if start else ""
    return f"{above} {label.strip()}" if _LETTERS_ONLY.match(above) else label


# a line giving a share of revenue ("R&D as % of revenue"), not a margin
_SHARE_OF = regex.compile(r"(?i)(?:%|\bpercent(?:age)?)\s+of\b")
_MARGIN = regex.compile(r"(?i)\bmargin\b")


def line_above(rows: list, at: int, label: str, accept) -> list:
    """A line of shares whose words name no row ("R&D as % of revenue" under "Research and development"): the
    amount row right above it, the line it divides. A margin is read otherwise (by its name, or by the one row its
    figures fit): two rows above may give it alike. Which labels are such lines is the rule's `stated_label`."""
    if not _SHARE_OF.search(label) or _MARGIN.search(label):
        return []
    return next(([r] for r in reversed(rows[:at]) if accept(r)), [])


def section_of(row) -> str:
    """The heading right above a row, as the table model read it ("Net income margin:" for "Net income margin:
    > Electrical"); empty for a row under none."""
    path = next((m.cell.row_path for m in row.cells.values() if m.cell.row_path), None) or ""
    return _NOTE.sub("", path.rpartition(" > ")[0].rpartition(" > ")[2])


def segment_pairs(rows: list, row, opts, amount: set[str]) -> list[tuple]:
    """(profit, revenue) rows of a segment's margin: the rows of the same label, one under a heading naming
    every word the margin's heading names, the other under a revenue heading."""
    heading = section_of(row)
    if not heading or not opts.stated.search(heading):
        return []
    want, key = opts.words(heading), row.label.strip().lower()
    same = [(r, section_of(r)) for r in rows if r is not row and r.label.strip().lower() == key and r.kinds & amount]
    if not want and _SHARE_OF.search(heading):  # shares naming no profit ("As a percentage of revenue:"), no "Margin:"
        if not opts.whole.search(heading):  # shares of another whole ("As a percentage of total:"): unread
            return []
        return common_size_pairs(rows, row, [r for r, h in same if not opts.stated.search(h)], opts, amount)
    parts = [r for r, h in same if want and want <= opts.words(h) and not opts.stated.search(h)]
    wholes = [r for r, h in same if opts.whole.search(h) and not opts.not_whole.search(h)]
    return [(p, w) for p in parts for w in wholes if p is not w]


def common_size_pairs(rows: list, row, same: list, opts, amount: set[str]) -> list[tuple]:
    """(amount, revenue) rows of a line under a heading of shares that names no profit ("As a percentage of
    revenue:" over "Cost of revenue", "Operating income"): the amount row of the line's own label above it (the
    nearest first), over the table's revenue rows outside such a section; read from the labels, never the figures."""
    above = sorted((r for r in same if r.row < row.row), key=lambda r: -r.row)
    wholes = [r for r in rows if r.row < row.row and r.kinds & amount and opts.whole.search(r.label)
              and not opts.not_whole.search(r.label) and not opts.stated.search(section_of(r))]
    return [(p, w) for p in above for w in sorted(wholes, key=lambda r: -r.row) if p is not w]

"""Multiple rows a table prints right under the two rows they divide, naming neither: "Interest coverage ratio
2.61x" under "Adjusted EBITDA 37,168" and "Cash interest paid (14,259)"; "Leverage ratio 1.22x" under the net debt
and the EBITDA it is reckoned from. (A row naming its two rows, "Net debt / adjusted EBITDA", is
`table-named-multiple`'s, and runs first.)

The label names a ratio, not its rows, so the rows are read from the layout and the figures: the two amount rows
nearest above the multiple, one over the other in the order the row's columns agree with (every column, or all
but one of two or more: that one may be the slip; an order both fit alike, figures near one another, is no
reading). A cost printed in brackets divides by its size: the bracket is
the statement's sign for money paid, not the ratio's, so such a fact is checked on the sizes (`sign: sizes`).
The rows are chosen by their figures, so the binding is loose: a mismatch is flagged only where a known slip
explains it.
"""

from __future__ import annotations

from ..document.model import printed_multiple
from ..models import Fact, Mention
from ..rules import compiled
from .tablefacts import TableRule, _grid, _labels

_AMOUNTS = ("money", "number")
SPREAD = 5  # a ratio's interval this many of the stated figure's rounding steps wide or more tells nothing


def table_multiple_rows(rule: TableRule, mentions: list[Mention], text: str = "", reading=None,
                        facts: list[Fact] = ()) -> list[Fact]:
    """Run after the other rules: a multiple a row's label already named the rows of is theirs."""
    if not any(m.cell is not None and m.kind == "number" for m in mentions):
        return []
    label = compiled(rule.options["multiple_label"])
    bound = {f.roles.get("factor") for f in facts if f.type == rule.type}
    labels = _labels(mentions, reading)
    out: list[Fact] = []
    for table, rows in _grid(mentions, reading).items():
        order = sorted(rows)
        for i, r in enumerate(order):
            if not _multiple_row(rows[r], labels.get((table, r), ""), label, text):
                continue
            # the figures printing the sign are the multiples (not a footnote mark the row split into cells)
            cells = {c: m for c, m in rows[r].items() if printed_multiple(text, m.end)} or rows[r]
            if bound & {m.id for m in cells.values()}:
                continue
            above = [rows[x] for x in order[:i] if not _multiple_row(rows[x], labels.get((table, x), ""), label, text)
                     and any(m.kind in _AMOUNTS for m in rows[x].values())][-2:]
            pair = _order(cells, above) if len(above) == 2 else None
            if pair is None:
                continue
            top, bottom = pair
            for c, m in cells.items():
                signed = float(top[c].value) < 0 or float(bottom[c].value) < 0
                out.append(Fact(id=0, type=rule.type, rule=rule.id, sentence=m.sentence, strength="loose",
                                roles={"factor": m.id, "to": top[c].id, "from": bottom[c].id},
                                attributes={"sign": "sizes"} if signed else {}))
    return out


def _multiple_row(cells: dict[int, Mention], label: str, names, text: str) -> bool:
    """A row of multiples: plain figures only, printed with the sign of a multiple or under a label naming one."""
    return all(m.kind == "number" for m in cells.values()) and (
        bool(names.search(label)) or any(printed_multiple(text, m.end) for m in cells.values()))


def _order(stated: dict[int, Mention], above: list[dict[int, Mention]]):
    """(top, bottom): the one order of the two rows whose quotient the stated columns agree with (all, or all but
    one of two or more, so a slip in one column can be seen), each agreeing column telling (the quotient's
    interval narrow beside the stated figure's rounding); None when no order does, or both do alike."""
    if not all(c in row and row[c].kind in _AMOUNTS for row in above for c in stated):
        return None
    agree = [sum(_fits(s, t[c], b[c]) for c, s in stated.items()) for t, b in (above, above[::-1])]
    least = max(1, len(stated) - 1)
    if max(agree) < least or agree[0] == agree[1]:
        return None
    return (above[0], above[1]) if agree[0] > agree[1] else (above[1], above[0])


def _fits(stated: Mention, top: Mention, bottom: Mention) -> bool:
    """Whether |top| / |bottom| meets the stated figure's interval, and narrowly enough to tell."""
    t_lo, t_hi = sorted((abs(float(top.low)), abs(float(top.high))))
    b_lo, b_hi = sorted((abs(float(bottom.low)), abs(float(bottom.high))))
    if b_lo <= 0 or (float(top.low) < 0) != (float(top.high) < 0) or (float(bottom.low) < 0) != (float(bottom.high) < 0):
        return False  # a divisor that may be nothing, or a figure whose sign its rounding leaves open
    lo, hi, s_lo, s_hi = t_lo / b_hi, t_hi / b_lo, float(stated.low), float(stated.high)
    return lo <= s_hi and s_lo <= hi and hi - lo <= SPREAD * (s_hi - s_lo)


MECHANISMS = {"table-multiple-rows": table_multiple_rows}

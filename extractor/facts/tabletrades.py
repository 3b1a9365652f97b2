"""Trades a table lists a row each: the shares bought or sold, the price each and the amount, in three columns its
header names ("Aggregated daily volume (no. of shares)", "Weighted average price per day (SEK)", "Total daily
transaction value (SEK)"), as buyback reports and placement tables print them.

The columns are read from the header words alone, never from the figures agreeing: a row whose amount is not its
count times its price is then a slip to flag. A table is read only where one column of each is named (two price
columns, two amounts: which pairs with which is no header's to say) and no header prints its figures in a scale
("SEK thousand"): a count in units against an amount in thousands is no slip. Nor is an amount whose header
adds or takes off what the trade cost ("incl. fees", "net of commissions"): it is no count times a price.
"""

from __future__ import annotations

from ..models import Fact, Mention
from ..rules import compiled
from .tablefacts import TableRule, _grid

_KINDS = {"shares": ("shares", "number"), "price": ("price", "number", "money"), "proceeds": ("money", "number")}


def table_trades(rule: TableRule, mentions: list[Mention], text: str = "", reading=None) -> list[Fact]:
    if not any(m.cell is not None and m.kind == "price" for m in mentions):
        return []
    named = {role: compiled(rule.options[f"{role}_header"]) for role in _KINDS}
    scaled = compiled(rule.options["scaled_header"])
    charged = compiled(rule.options["charged_header"])
    out: list[Fact] = []
    for table, rows in _grid(mentions, reading).items():
        headers: dict[int, str] = {}
        for row in rows.values():
            for c, m in row.items():
                headers.setdefault(c, m.cell.column_header or "")
        columns = {}
        for role, words in named.items():
            # a column names one role only: "price per share" is no count of shares
            found = [c for c, h in headers.items() if words.search(h)
                     and not any(o.search(h) for r, o in named.items() if r != role)]
            if len(found) != 1:
                break
            columns[role] = found[0]
        if (len(columns) != len(_KINDS) or any(scaled.search(headers[c]) for c in columns.values())
                or charged.search(headers[columns["proceeds"]])):
            continue
        for row in rows.values():
            cells = {role: row.get(c) for role, c in columns.items()}
            if any(m is None or m.kind not in _KINDS[role] for role, m in cells.items()):
                continue
            price, total = cells["price"], cells["proceeds"]
            if price.currency and total.currency and price.currency != total.currency:
                continue
            out.append(Fact(id=0, type=rule.type, rule=rule.id, sentence=cells["proceeds"].sentence, strength="tight",
                            roles={role: m.id for role, m in cells.items()}))
    return out


MECHANISMS = {"table-trades": table_trades}

"""A margin a sentence names restates its amount's share of sales, not the amount: "gross margin of 41.9%" is the
row under "Gross profit" that names only a share ("% of sales", "Margin"), or the amount's own cells of a
common-size column (one where the table's sales row prints 100), never its change column. The amount's row is
named by the words before "margin", alone or with "profit", "income" or "earnings" after them ("gross margin"
is the row "Gross profit"; "EBITDA margin" the row "EBITDA"); a word before those that names something else
("segment gross margin") makes it another figure, as for any label (`LabelReader._modified`)."""

from __future__ import annotations

from dataclasses import replace


def margin_rows(labels, tokens, named, start: int, between) -> list[tuple[object, int]]:
    """The share rows a percentage's clause names (a level, never a change in points) with "... margin" (`named`: its named words, the last one
    "margin"), each with where the amount's name starts in the clause."""
    words = [s for _, s, _ in named[:-1]]
    if not words:
        return []
    out = []
    for row in labels.by_last.get(words[-1], []):
        n = len(row.words)
        if n <= len(words) and tuple(words[-n:]) == row.words:
            out.append((row, n))
    for base in labels.bases:
        for row in labels.by_last.get(base, []):
            n = len(row.words) - 1
            if 1 <= n <= len(words) and tuple(words[-n:]) == row.words[:-1]:
                out.append((row, n))
    found = []
    for row, n in out:
        first = named[len(named) - 1 - n][0]
        if labels._modified([s for pos, s in tokens if pos < first],
                            not any(m.start < start + first for m in between)):
            continue
        if (share := _share_of(labels.rows, row, labels.share_rows)) is not None:
            found.append((share, first))
    return found


def _share_of(rows: dict, row, share_words: frozenset[str]):
    """The cells giving a row's share of sales: the row right under it when its label names only a share,
    else its own percentage cells in common-size columns; None when there are none."""
    under = rows.get((row.table, row.row + 1))
    if under is not None and under.words and set(under.words) <= share_words:
        return under
    common = {column for (table, _), other in rows.items() if table == row.table
              for column, c in other.cells.items() if c.kind == "percent" and float(c.value) == 100}
    cells = {column: c for column, c in row.cells.items() if column in common and c.kind == "percent" and c.unit == "%"}
    return replace(row, cells=cells) if cells else None

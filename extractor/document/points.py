"""A fixed-width table's column of changes in points that only its header names: "Q4 2024  Q4 2023  Basis Points
Change" over rows "Net interest margin  3.42%  3.17%  25"."""

from __future__ import annotations

from .model import PERCENT_APART


def points_column(marks: list[list[bool | None]], width: int) -> int | None:
    """Under a header naming points, the last column when most full rows (each given as its figures' marks: a
    percentage, another figure, or a nil) print percentages with their "%" and a bare figure last: their change in
    points. None from fewer than two such rows."""
    shaped = sum(1 for row in marks if len(row) >= 2 and row[-1] is False and all(row[:-1]))
    return width if shaped >= 2 and 2 * shaped > len(marks) else None


def point_under(points: tuple[int | None, str] | None, column: int, printed: bool, after: str) -> str | None:
    """The points ("bp", "pp") a header names for a bare figure in the column it heads; none for a figure that
    prints its own "%" or currency."""
    if not points or points[0] != column or printed or after in PERCENT_APART:
        return None
    return points[1]

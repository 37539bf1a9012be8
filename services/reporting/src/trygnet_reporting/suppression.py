"""Small-count suppression for the figures national bodies see across municipalities.

National bodies see Trygnet's figures summed across municipalities: typically a
table with one row per municipality and one column per incident kind, plus a
total for every row, a total for every column and a grand total. A small count
can point at identifiable people, so no count below the threshold (5) is
published, *zero included*: a withheld figure is shown as withheld, never as a
number, and the analyst cannot tell a withheld 0 from a withheld 1 to 4. (Were
zeros published, a row of zeros and one withheld cell would give that cell away
as soon as the row total is known to be small.)

Withholding the small figures is not enough on its own. If a row has exactly one
withheld cell, anyone can subtract the row's other cells from the row total and
get it back; and since counts are never negative, a row whose withheld cells must
add up to 0 shows each of them to be 0. So further figures are withheld as well
(*secondary suppression*) until every withheld figure is safe:

- a withheld 0 could, for all the published figures show, be larger than 0;
- a withheld count from 1 to 4 could, for all they show, be 0;
- any other withheld figure could be larger or smaller than it is.

How the further figures are found, exactly, and how they are chosen:
``secondary_suppression``.

What is not promised: an analyst can still bound a withheld figure (at most its
row total, for instance). Only its exact value, and whether a small one is zero,
are protected.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any, Final

from trygnet_reporting.secondary_suppression import Table, withhold

THRESHOLD: Final = 5
"""The smallest count that may be published."""


@dataclass(frozen=True)
class Suppressed:
    """A 2-D table of counts with its margins, some entries withheld (``None``)."""

    rows: tuple[str, ...]
    columns: tuple[str, ...]
    cells: Mapping[tuple[str, str], int | None]
    row_totals: Mapping[str, int | None]
    column_totals: Mapping[str, int | None]
    grand_total: int | None

    def to_json(self) -> dict[str, Any]:
        """The table for an API response; a withheld entry never appears as a number.

        ``{"columns": [...], "rows": [{"row": r, "cells": {col: cell}, "total": cell}],
        "columnTotals": {col: cell}, "grandTotal": cell}``, where a cell is
        ``{"count": n}`` or ``{"suppressed": true}``.
        """
        return {
            "columns": list(self.columns),
            "rows": [
                {
                    "row": row,
                    "cells": {col: _json_cell(self.cells[(row, col)]) for col in self.columns},
                    "total": _json_cell(self.row_totals[row]),
                }
                for row in self.rows
            ],
            "columnTotals": {col: _json_cell(self.column_totals[col]) for col in self.columns},
            "grandTotal": _json_cell(self.grand_total),
        }


def _json_cell(count: int | None) -> dict[str, Any]:
    return {"suppressed": True} if count is None else {"count": count}


def suppress(
    counts: Mapping[str, Mapping[str, int]],
    *,
    columns: Sequence[str] | None = None,
    threshold: int = THRESHOLD,
) -> Suppressed:
    """The table ``counts[row][column]`` with its totals, small and revealing entries withheld.

    A missing cell is 0. ``columns`` fixes the column order (default: the sorted
    union of the columns in ``counts``); rows keep the order of ``counts``.
    Raises ``ValueError`` for a negative count, a threshold below 1, or a column
    in ``counts`` that ``columns`` leaves out (its figures would silently vanish
    from the totals).
    """
    if threshold < 1:
        raise ValueError(f"threshold must be at least 1, not {threshold}")
    row_names = tuple(counts)
    column_names = _column_order(counts, columns)
    table = Table.build(_grid(counts, row_names, column_names), len(column_names))
    return _assemble(row_names, column_names, table, withhold(table, threshold))


# -- input ----------------------------------------------------------------------------


def _column_order(
    counts: Mapping[str, Mapping[str, int]], columns: Sequence[str] | None
) -> tuple[str, ...]:
    present = {col for row in counts.values() for col in row}
    if columns is None:
        return tuple(sorted(present))
    order = tuple(columns)
    if len(set(order)) != len(order):
        raise ValueError(f"columns repeat a name: {list(order)}")
    missing = present - set(order)
    if missing:
        raise ValueError(f"counts have columns not in `columns`: {sorted(missing)}")
    return order


def _grid(
    counts: Mapping[str, Mapping[str, int]], rows: tuple[str, ...], columns: tuple[str, ...]
) -> list[list[int]]:
    grid = [[counts[row].get(col, 0) for col in columns] for row in rows]
    for row, values in zip(rows, grid, strict=True):
        for col, value in zip(columns, values, strict=True):
            if value < 0:
                raise ValueError(f"negative count {value} for ({row!r}, {col!r})")
    return grid


# -- output ---------------------------------------------------------------------------


def _assemble(
    rows: tuple[str, ...], columns: tuple[str, ...], table: Table, withheld: set[int]
) -> Suppressed:
    def shown(entry: int) -> int | None:
        return None if entry in withheld else table.values[entry]

    n_cells = len(rows) * len(columns)
    cells = {
        (row, col): shown(i * len(columns) + j)
        for i, row in enumerate(rows)
        for j, col in enumerate(columns)
    }
    row_totals = {row: shown(n_cells + i) for i, row in enumerate(rows)}
    column_totals = {col: shown(n_cells + len(rows) + j) for j, col in enumerate(columns)}
    return Suppressed(
        rows=rows,
        columns=columns,
        cells=MappingProxyType(cells),
        row_totals=MappingProxyType(row_totals),
        column_totals=MappingProxyType(column_totals),
        grand_total=shown(n_cells + len(rows) + len(columns)),
    )

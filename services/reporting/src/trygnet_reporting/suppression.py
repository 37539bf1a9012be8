"""Small-count suppression for the figures national bodies see across municipalities.

National bodies see Trygnet's figures summed across municipalities: typically a
table with one row per municipality and one column per incident kind, plus a
total for every row, a total for every column and a grand total. A small count
can point at identifiable people, so no count from 1 to 4 is published (the
threshold is 5). Such a figure is *withheld* ("suppressed"): it is shown as
withheld, never as a number. A zero is published, because it points at nobody.

Withholding the small figures is not enough on its own. If a row has exactly one
withheld cell, anyone can subtract the row's other cells from the row total and
get it back. So some further figures are withheld as well (*secondary
suppression*), until no withheld figure can be worked out exactly from the
published ones.

When can a withheld figure be worked out?
-----------------------------------------
The table obeys fixed sums: each row's cells add up to the row total, each
column's cells add up to the column total, and both the row totals and the
column totals add up to the grand total. Treat every withheld figure as an
unknown; the published figures turn the sums into equations in the unknowns. A
withheld figure can be worked out when these equations fix its value whatever
the other unknowns are. That is decided exactly (with fractions, never rounded
numbers): the equations are kept in reduced form by Gaussian elimination, and an
unknown is fixed exactly when some combination of the equations contains that
unknown alone. (In linear-algebra terms: its unit vector lies in the row space of
the equations restricted to the unknowns.) The reduced form is updated each time
one more figure is withheld, rather than rebuilt.

A picture helps to see why the check says what it says. Every figure belongs to
exactly two of the sums: a cell to its row and its column, a row total to its
row and to the grand total's sum over rows, and so on. Draw each sum as a point
and each figure as a link between its two sums. Withheld figures that form a
closed loop protect one another: one can raise some figures on the loop and
lower the others, all by the same amount, so that every sum still holds; so no
figure on the loop is fixed. A withheld figure on no such loop is fixed.

How the further figures are chosen
----------------------------------
1. Withhold every figure (cell or total) from 1 to threshold - 1.
2. While some withheld figure can be worked out, take the first one in table
   order (cells row by row, then row totals, column totals, grand total) and
   close a loop through it as cheaply as possible: among all routes between its
   two sums over other figures, take the one that withholds the fewest further
   figures; among those, avoid zeros (a withheld zero protects little, since
   counts are never negative), then prefer cells to totals, then the smallest
   counts. Withhold the published figures on that route.
3. Stop when no withheld figure can be worked out.

Withholding more never makes a withheld figure easier to work out, and each
round puts the figure it started from on a loop, so each round makes at least one
figure safe for good and the rounds are at most the number of small figures.
If everything ends up withheld (the worst case), nothing can be worked out. Each
round is cheap (one search for the cheapest route, and an update of the reduced
equations), so 100 municipalities by 12 kinds take well under a second. The
choice is greedy: it keeps the further figures few, not provably the fewest.

What is not promised: since counts are never negative, an analyst can still
narrow a withheld figure to a range (at most its row total, for instance).
Only the exact value is protected; avoiding withheld zeros keeps such ranges
wider.
"""

from __future__ import annotations

import heapq
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from types import MappingProxyType
from typing import Any, Final

THRESHOLD: Final = 5
"""The smallest count that may be published (zero apart)."""


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
    table = _Table.build(_grid(counts, row_names, column_names), len(column_names))
    withheld = _withhold(table, threshold)
    return _assemble(row_names, column_names, table, withheld)


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


# -- the table as figures and sums ----------------------------------------------------


@dataclass(frozen=True)
class _Table:
    """Every figure of the table as an *entry*, and the sums (*relations*) it takes part in.

    Entries are numbered: cells row by row, then row totals, column totals, and
    the grand total. Relations are numbered: one per row (cells minus row total),
    one per column (cells minus column total), then row totals minus grand total,
    then column totals minus grand total. Every entry is in exactly two relations,
    ``ends[entry]``, with the coefficients ``coefficients[entry]``.
    """

    n_rows: int
    n_columns: int
    values: tuple[int, ...]
    ends: tuple[tuple[int, int], ...]
    coefficients: tuple[tuple[int, int], ...]
    is_total: tuple[bool, ...]
    n_relations: int

    @classmethod
    def build(cls, grid: list[list[int]], n_columns: int) -> _Table:
        n_rows = len(grid)
        by_rows, by_columns = n_rows + n_columns, n_rows + n_columns + 1
        values: list[int] = []
        ends: list[tuple[int, int]] = []
        coefficients: list[tuple[int, int]] = []
        for i, row in enumerate(grid):
            for j, value in enumerate(row):
                values.append(value)
                ends.append((i, n_rows + j))
                coefficients.append((1, 1))
        for i, row in enumerate(grid):
            values.append(sum(row))
            ends.append((i, by_rows))
            coefficients.append((-1, 1))
        for j in range(n_columns):
            values.append(sum(row[j] for row in grid))
            ends.append((n_rows + j, by_columns))
            coefficients.append((-1, 1))
        values.append(sum(map(sum, grid)))
        ends.append((by_rows, by_columns))
        coefficients.append((-1, -1))
        n_cells = n_rows * n_columns
        return cls(
            n_rows=n_rows,
            n_columns=n_columns,
            values=tuple(values),
            ends=tuple(ends),
            coefficients=tuple(coefficients),
            is_total=tuple(entry >= n_cells for entry in range(len(values))),
            n_relations=n_rows + n_columns + 2,
        )

    def relations(self) -> list[dict[int, Fraction]]:
        """The relations as rows ``{entry: coefficient}``."""
        rows: list[dict[int, Fraction]] = [{} for _ in range(self.n_relations)]
        for entry, (ends, coefficients) in enumerate(
            zip(self.ends, self.coefficients, strict=True)
        ):
            for relation, coefficient in zip(ends, coefficients, strict=True):
                rows[relation][entry] = Fraction(coefficient)
        return rows

    def incident(self) -> list[list[int]]:
        """For each relation, the entries in it."""
        entries: list[list[int]] = [[] for _ in range(self.n_relations)]
        for entry, (a, b) in enumerate(self.ends):
            entries[a].append(entry)
            entries[b].append(entry)
        return entries


# -- exact check: which withheld entries the published ones fix -----------------------


class _Equations:
    """The relations in reduced row echelon form with respect to the withheld entries.

    Rows are combinations of the original relations over all entries. Each
    *pivot* row has coefficient 1 at its pivot (a withheld entry) and 0 at every
    other pivot; every other row is 0 at every withheld entry. So the withheld
    part of the pivot rows is a basis of the row space restricted to the withheld
    entries, and a withheld entry is fixed exactly when it is a pivot whose row
    has no other withheld entry.

    Withholding an entry extends the form instead of rebuilding it: if some
    non-pivot row involves the entry, that row becomes its pivot row (the rank
    grows) and the entry is eliminated from the other rows; those changes touch
    published entries only, since the new pivot row had no withheld entry.
    Otherwise the entry joins, as a non-pivot, every pivot row that involves it.
    """

    def __init__(self, table: _Table) -> None:
        self._rows = table.relations()
        self._rows_with: list[set[int]] = [set() for _ in table.values]
        for index, row in enumerate(self._rows):
            for entry in row:
                self._rows_with[entry].add(index)
        self._pivot_of_row: dict[int, int] = {}
        self._withheld_in_row = [0] * len(self._rows)
        self.withheld: set[int] = set()

    def withhold(self, entry: int) -> None:
        if entry in self.withheld:
            return
        self.withheld.add(entry)
        free = [index for index in self._rows_with[entry] if index not in self._pivot_of_row]
        if free:
            self._make_pivot(min(free), entry)
        else:
            for index in self._rows_with[entry]:
                self._withheld_in_row[index] += 1

    def fixed(self) -> list[int]:
        """The withheld entries the published entries determine, in entry order."""
        return sorted(
            entry
            for index, entry in self._pivot_of_row.items()
            if self._withheld_in_row[index] == 1
        )

    def _make_pivot(self, pivot: int, entry: int) -> None:
        row = self._rows[pivot]
        scale = row[entry]
        if scale != 1:
            row = {column: value / scale for column, value in row.items()}
            self._rows[pivot] = row
        for index in list(self._rows_with[entry]):
            if index != pivot:
                self._subtract(index, self._rows[index][entry], row)
        self._pivot_of_row[pivot] = entry
        self._withheld_in_row[pivot] = 1

    def _subtract(self, index: int, factor: Fraction, pivot_row: dict[int, Fraction]) -> None:
        target = self._rows[index]
        for column, value in pivot_row.items():
            updated = target.get(column, Fraction(0)) - factor * value
            if updated:
                target[column] = updated
                self._rows_with[column].add(index)
            else:
                target.pop(column, None)
                self._rows_with[column].discard(index)


# -- choosing what else to withhold ----------------------------------------------------


def _withhold(table: _Table, threshold: int) -> set[int]:
    """Primary suppression, then loops closed around every entry that could be worked out."""
    equations = _Equations(table)
    for entry, value in enumerate(table.values):
        if 0 < value < threshold:
            equations.withhold(entry)
    costs = _costs(table)
    incident = table.incident()
    while fixed := equations.fixed():
        route = _cheapest_loop(table, incident, costs, equations.withheld, fixed[0])
        if not route:  # cannot happen: a fixed entry is on no loop of withheld entries
            raise RuntimeError("no further entry would protect a withheld entry")
        for entry in route:
            equations.withhold(entry)
    return equations.withheld


def _costs(table: _Table) -> list[int]:
    """The price of withholding each entry, ordered as the module docstring says.

    One number per entry so that route costs simply add up: the weights make the
    number of entries dominate, then zeros, then totals, then the counts (a route
    never uses an entry twice, so a lower part never spills into a higher one).
    """
    per_count = sum(table.values) + 1
    per_total = per_count * (len(table.values) + 1)
    per_zero = per_total * (len(table.values) + 1)
    per_entry = per_zero * (len(table.values) + 1)
    return [
        per_entry + (value == 0) * per_zero + is_total * per_total + value
        for value, is_total in zip(table.values, table.is_total, strict=True)
    ]


def _cheapest_loop(
    table: _Table, incident: list[list[int]], costs: list[int], withheld: set[int], entry: int
) -> list[int]:
    """The published entries of the cheapest route between ``entry``'s two relations.

    Dijkstra's shortest paths, with relations as points and entries as links;
    already withheld entries cost nothing. The route and ``entry`` form a loop.
    """
    start, goal = table.ends[entry]
    best = {start: 0}
    reached_by: dict[int, int] = {}
    queue = [(0, start)]
    settled: set[int] = set()
    while queue:
        distance, relation = heapq.heappop(queue)
        if relation in settled:
            continue
        if relation == goal:
            break
        settled.add(relation)
        for link in incident[relation]:
            if link == entry:
                continue
            a, b = table.ends[link]
            other = b if a == relation else a
            through = distance + (0 if link in withheld else costs[link])
            if other not in best or through < best[other]:
                best[other] = through
                reached_by[other] = link
                heapq.heappush(queue, (through, other))
    if goal not in reached_by:
        return []
    route: list[int] = []
    relation = goal
    while relation != start:
        link = reached_by[relation]
        if link not in withheld:
            route.append(link)
        a, b = table.ends[link]
        relation = b if a == relation else a
    return route


# -- output ---------------------------------------------------------------------------


def _assemble(
    rows: tuple[str, ...], columns: tuple[str, ...], table: _Table, withheld: set[int]
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

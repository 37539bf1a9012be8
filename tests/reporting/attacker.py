"""An analyst who wants the withheld national figures back: written apart from the module.

It knows only what a national body gets (the published tables), the sums every table
obeys (cells add up to row and column totals, those to the grand total) and that counts
are never negative; optionally it also knows that a row listed means a count of at least
one (``presence``: what tables that list only municipalities with a count give away).
For every withheld figure it computes, exactly (rational simplex, Bland's rule), the
smallest and the largest value the published figures allow. A figure is *disclosed* when
that range is one value, or when it proves the figure a small count that is not zero
(from 1 to the threshold - 1).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from fractions import Fraction
from typing import Any

Key = tuple[str, ...]
"""An entry of a table: ("cell", row, column), ("row", row), ("column", column) or ("grand",)."""
Equation = tuple[dict[int, Fraction], Fraction]
"""``sum(coefficient * x[unknown]) == rhs``."""


def sums(rows: Sequence[str], columns: Sequence[str]) -> list[dict[Key, int]]:
    """The additive relations of a table, each as {entry: coefficient} summing to 0."""
    relations: list[dict[Key, int]] = []
    for row in rows:
        relation: dict[Key, int] = {("cell", row, col): 1 for col in columns}
        relation[("row", row)] = -1
        relations.append(relation)
    for col in columns:
        relation = {("cell", row, col): 1 for row in rows}
        relation[("column", col)] = -1
        relations.append(relation)
    by_rows: dict[Key, int] = {("row", row): 1 for row in rows}
    by_rows[("grand",)] = -1
    by_columns: dict[Key, int] = {("column", col): 1 for col in columns}
    by_columns[("grand",)] = -1
    return [*relations, by_rows, by_columns]


def entries_of(document: Mapping[str, Any]) -> tuple[list[str], list[str], dict[Key, int | None]]:
    """Rows, columns and every entry of a published table (``None``: withheld)."""

    def value(cell: Mapping[str, Any]) -> int | None:
        return None if cell.get("suppressed") else int(cell["count"])

    columns = list(document["columns"])
    rows = [row["row"] for row in document["rows"]]
    shown: dict[Key, int | None] = {}
    for row in document["rows"]:
        for col in columns:
            shown[("cell", row["row"], col)] = value(row["cells"][col])
        shown[("row", row["row"])] = value(row["total"])
    for col in columns:
        shown[("column", col)] = value(document["columnTotals"][col])
    shown[("grand",)] = value(document["grandTotal"])
    return rows, columns, shown


def ranges(
    rows: Sequence[str],
    columns: Sequence[str],
    shown: Mapping[Key, int | None],
    *,
    presence: bool = False,
) -> dict[Key, tuple[Fraction, Fraction | None]]:
    """For each withheld entry, the least and the greatest value (``None``: no bound)."""
    unknowns = sorted(key for key, value in shown.items() if value is None)
    index = {key: i for i, key in enumerate(unknowns)}
    equations: list[Equation] = []
    for relation in sums(rows, columns):
        coefficients = {index[k]: Fraction(c) for k, c in relation.items() if k in index}
        rhs = -sum(
            (Fraction(c * v) for k, c in relation.items() if (v := shown[k]) is not None),
            Fraction(0),
        )
        if coefficients:
            equations.append((coefficients, rhs))
        elif rhs:
            raise AssertionError("the published figures do not add up")
    n = len(unknowns)
    if presence:  # a listed row has a total of at least 1: total - slack == 1
        for row in rows:
            if ("row", row) in index:
                equations.append(({index[("row", row)]: Fraction(1), n: Fraction(-1)}, Fraction(1)))
                n += 1
    if not unknowns:
        return {}
    base = _feasible(equations, n)
    found: dict[Key, tuple[Fraction, Fraction | None]] = {}
    for key, i in index.items():
        least = _copy(base).minimise({i: Fraction(1)})
        most = _copy(base).minimise({i: Fraction(-1)})
        assert least is not None
        found[key] = (least, None if most is None else -most)
    return found


def disclosed(
    ranges_: Mapping[Key, tuple[Fraction, Fraction | None]], threshold: int
) -> dict[Key, tuple[Fraction, Fraction | None]]:
    """The withheld entries the analyst can pin to one value or prove small and not zero."""
    return {
        key: (least, most)
        for key, (least, most) in ranges_.items()
        if least == most or (least >= 1 and most is not None and most < threshold)
    }


# -- an exact simplex -----------------------------------------------------------------


class _Tableau:
    def __init__(self, rows: list[dict[int, Fraction]], rhs: list[Fraction], basis: list[int]):
        self.rows, self.rhs, self.basis = rows, rhs, basis

    def pivot(self, r: int, c: int) -> None:
        scale = self.rows[r][c]
        row = {k: v / scale for k, v in self.rows[r].items()}
        self.rows[r], self.rhs[r] = row, self.rhs[r] / scale
        for i, other in enumerate(self.rows):
            factor = other.get(c)
            if i == r or not factor:
                continue
            for k, v in row.items():
                updated = other.get(k, Fraction(0)) - factor * v
                if updated:
                    other[k] = updated
                else:
                    other.pop(k, None)
            self.rhs[i] -= factor * self.rhs[r]
        self.basis[r] = c

    def minimise(self, cost: Mapping[int, Fraction]) -> Fraction | None:
        """The least ``cost . x``, or ``None`` when it has no lower bound (Bland's rule)."""
        while True:
            reduced: dict[int, Fraction] = dict(cost)
            for r, b in enumerate(self.basis):
                if cb := cost.get(b):
                    for k, v in self.rows[r].items():
                        reduced[k] = reduced.get(k, Fraction(0)) - cb * v
            basic = set(self.basis)
            entering = min(
                (k for k, v in reduced.items() if v < 0 and k not in basic), default=None
            )
            if entering is None:
                return sum(
                    (cost.get(b, Fraction(0)) * self.rhs[r] for r, b in enumerate(self.basis)),
                    Fraction(0),
                )
            candidates = [
                (self.rhs[r] / a, self.basis[r], r)
                for r, row in enumerate(self.rows)
                if (a := row.get(entering, Fraction(0))) > 0
            ]
            if not candidates:
                return None
            _, _, leaving = min(candidates)
            self.pivot(leaving, entering)


def _copy(tableau: _Tableau) -> _Tableau:
    return _Tableau([dict(row) for row in tableau.rows], list(tableau.rhs), list(tableau.basis))


def _feasible(equations: list[Equation], n: int) -> _Tableau:
    """A basic feasible tableau over the ``n`` variables (phase one, redundant rows dropped)."""
    rows: list[dict[int, Fraction]] = []
    rhs: list[Fraction] = []
    for coefficients, value in equations:
        sign = -1 if value < 0 else 1
        rows.append({k: sign * v for k, v in coefficients.items()})
        rhs.append(sign * value)
    for r, row in enumerate(rows):
        row[n + r] = Fraction(1)
    tableau = _Tableau(rows, rhs, [n + r for r in range(len(rows))])
    infeasibility = tableau.minimise({n + r: Fraction(1) for r in range(len(rows))})
    assert infeasibility == 0, "the published figures allow no table at all"
    keep = []
    for r, b in enumerate(tableau.basis):
        if b >= n:
            real = next((k for k in sorted(tableau.rows[r]) if k < n), None)
            if real is None:
                continue  # a redundant sum
            tableau.pivot(r, real)
        keep.append(r)
    return _Tableau(
        [{k: v for k, v in tableau.rows[r].items() if k < n} for r in keep],
        [tableau.rhs[r] for r in keep],
        [tableau.basis[r] for r in keep],
    )

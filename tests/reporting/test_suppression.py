"""Small-count suppression: nothing small is published, and nothing withheld can be worked out.

The attackers here are written independently of the module: they know only the
published table, the sums every table obeys and that counts are never negative, and
try to recover withheld entries by filling in sums with one unknown, by exact linear
algebra, and by linear programming over every withheld entry (``attacker.ranges``:
the least and greatest value each can have), which also catches a withheld figure
shown to be 0 or shown to be a small count that is not 0.
"""

from __future__ import annotations

import json
import random
import re
from collections.abc import Mapping
from fractions import Fraction
from types import MappingProxyType

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.reporting.attacker import ranges, sums
from trygnet_reporting.suppression import THRESHOLD, Suppressed, suppress

Counts = dict[str, dict[str, int]]
Key = tuple[str, ...]
"""An entry of a table: ("cell", row, column), ("row", row), ("column", column) or ("grand",)."""


# -- the true table and the published one, entry by entry -----------------------------


def true_entries(
    counts: Mapping[str, Mapping[str, int]], columns: tuple[str, ...]
) -> dict[Key, int]:
    entries: dict[Key, int] = {}
    for row, cells in counts.items():
        for col in columns:
            entries[("cell", row, col)] = cells.get(col, 0)
        entries[("row", row)] = sum(cells.get(col, 0) for col in columns)
    for col in columns:
        entries[("column", col)] = sum(cells.get(col, 0) for cells in counts.values())
    entries[("grand",)] = sum(sum(cells.values()) for cells in counts.values())
    return entries


def shown_entries(table: Suppressed) -> dict[Key, int | None]:
    entries: dict[Key, int | None] = {}
    for row in table.rows:
        for col in table.columns:
            entries[("cell", row, col)] = table.cells[(row, col)]
        entries[("row", row)] = table.row_totals[row]
    for col in table.columns:
        entries[("column", col)] = table.column_totals[col]
    entries[("grand",)] = table.grand_total
    return entries


def withheld(table: Suppressed) -> set[Key]:
    return {key for key, value in shown_entries(table).items() if value is None}


# -- the attacker ---------------------------------------------------------------------


def fill_in_attack(table: Suppressed) -> dict[Key, Fraction]:
    """Repeatedly solve any sum that has exactly one unknown left."""
    known: dict[Key, Fraction] = {
        key: Fraction(value) for key, value in shown_entries(table).items() if value is not None
    }
    recovered: dict[Key, Fraction] = {}
    relations = sums(table.rows, table.columns)
    progress = True
    while progress:
        progress = False
        for relation in relations:
            unknown = [key for key in relation if key not in known]
            if len(unknown) == 1:
                (key,) = unknown
                rest = sum(
                    (coef * known[k] for k, coef in relation.items() if k != key), Fraction(0)
                )
                known[key] = recovered[key] = -rest / relation[key]
                progress = True
    return recovered


def algebra_attack(table: Suppressed) -> dict[Key, Fraction]:
    """Gauss-Jordan elimination over the unknowns; an unknown alone in a row is solved."""
    shown = shown_entries(table)
    rows: list[tuple[dict[Key, Fraction], Fraction]] = []
    for relation in sums(table.rows, table.columns):
        coefficients = {k: Fraction(c) for k, c in relation.items() if shown[k] is None}
        rhs = -sum(
            (Fraction(c * v) for k, c in relation.items() if (v := shown[k]) is not None),
            Fraction(0),
        )
        rows.append((coefficients, rhs))
    pivoted: set[int] = set()
    for unknown in sorted(key for key, value in shown.items() if value is None):
        pivot = next(
            (i for i, (row, _) in enumerate(rows) if i not in pivoted and row.get(unknown)), None
        )
        if pivot is None:
            continue
        pivoted.add(pivot)
        prow, prhs = rows[pivot]
        scale = prow[unknown]
        prow, prhs = {k: v / scale for k, v in prow.items()}, prhs / scale
        rows[pivot] = (prow, prhs)
        for i, (row, rhs) in enumerate(rows):
            factor = row.get(unknown)
            if i == pivot or not factor:
                continue
            for k, coefficient in prow.items():
                row[k] = row.get(k, Fraction(0)) - factor * coefficient
                if not row[k]:
                    del row[k]
            rows[i] = (row, rhs - factor * prhs)
    recovered: dict[Key, Fraction] = {}
    for row, rhs in rows:
        if len(row) == 1:
            ((key, coefficient),) = row.items()
            recovered[key] = rhs / coefficient
    return recovered


def assert_safe(counts: Counts, table: Suppressed, threshold: int = THRESHOLD) -> None:
    """Everything the module promises, checked from the outside."""
    truth = true_entries(counts, table.columns)
    shown = shown_entries(table)
    assert set(shown) == set(truth)
    for key, value in shown.items():
        if value is not None:
            assert value == truth[key], key
            assert value >= threshold, key  # zero included: it must look like a small count
    assert fill_in_attack(table) == {}
    assert algebra_attack(table) == {}
    for key, (least, most) in ranges(table.rows, table.columns, shown).items():
        assert most is None or least < most, (key, least, most)  # never pinned
        if truth[key] < threshold:  # could be 0, could be more: 0 and 1..4 look alike
            assert least == 0 and (most is None or most >= 1), (key, least, most)
    for row in table.rows:
        cells = [table.cells[(row, col)] for col in table.columns]
        if None not in cells and table.row_totals[row] is not None:
            assert sum(c for c in cells if c is not None) == table.row_totals[row]
    for col in table.columns:
        cells = [table.cells[(row, col)] for row in table.rows]
        if None not in cells and table.column_totals[col] is not None:
            assert sum(c for c in cells if c is not None) == table.column_totals[col]
    row_totals = list(table.row_totals.values())
    if None not in row_totals and table.grand_total is not None:
        assert sum(t for t in row_totals if t is not None) == table.grand_total


# -- the attacker itself works --------------------------------------------------------


def hand_made(counts: Counts, hidden: set[Key]) -> Suppressed:
    """A table with exactly the ``hidden`` entries withheld, however revealing that is."""
    columns = tuple(sorted({col for cells in counts.values() for col in cells}))
    truth = true_entries(counts, columns)
    value = {key: (None if key in hidden else v) for key, v in truth.items()}
    return Suppressed(
        rows=tuple(counts),
        columns=columns,
        cells=MappingProxyType({(k[1], k[2]): v for k, v in value.items() if k[0] == "cell"}),
        row_totals=MappingProxyType({k[1]: v for k, v in value.items() if k[0] == "row"}),
        column_totals=MappingProxyType({k[1]: v for k, v in value.items() if k[0] == "column"}),
        grand_total=value[("grand",)],
    )


def small_cells(counts: Counts) -> set[Key]:
    return {
        ("cell", row, col)
        for row, cells in counts.items()
        for col, value in cells.items()
        if 0 < value < THRESHOLD
    }


def square(size: int, value: int = 20) -> Counts:
    return {f"m{i}": {f"k{j}": value + i + j for j in range(size)} for i in range(size)}


def test_the_attacker_recovers_a_cell_withheld_alone() -> None:
    counts = square(3)
    counts["m1"]["k1"] = 2
    table = hand_made(counts, {("cell", "m1", "k1")})
    assert fill_in_attack(table) == {("cell", "m1", "k1"): 2}
    assert algebra_attack(table) == {("cell", "m1", "k1"): 2}


def test_the_algebra_attack_finds_what_filling_in_misses() -> None:
    # Two closed rectangles of withheld cells joined by one withheld cell: every sum
    # has two or more unknowns, yet the joining cell follows from the sums together.
    counts = square(4)
    rectangles = {(0, 0), (0, 1), (1, 0), (1, 1), (2, 2), (2, 3), (3, 2), (3, 3)}
    hidden: set[Key] = {("cell", f"m{i}", f"k{j}") for i, j in rectangles}
    hidden.add(("cell", "m1", "k2"))
    table = hand_made(counts, hidden)
    assert fill_in_attack(table) == {}
    assert algebra_attack(table) == {("cell", "m1", "k2"): counts["m1"]["k2"]}


# -- examples -------------------------------------------------------------------------


def test_a_table_without_small_counts_is_published_whole() -> None:
    counts = {"north": {"theft": 12, "vandalism": 7}, "south": {"theft": 5, "vandalism": 40}}
    table = suppress(counts)
    assert withheld(table) == set()
    assert shown_entries(table) == true_entries(counts, ("theft", "vandalism"))


def test_a_single_small_cell_is_hidden_in_a_rectangle_of_cells() -> None:
    counts = square(5)
    counts["m2"]["k3"] = 2
    table = suppress(counts)
    hidden = withheld(table)
    assert ("cell", "m2", "k3") in hidden
    assert any(("cell", "m2", col) in hidden for col in table.columns if col != "k3")
    assert any(("cell", row, "k3") in hidden for row in table.rows if row != "m2")
    # The cheapest protection is a rectangle: three more cells and no total.
    assert len(hidden) == 4
    assert {key[0] for key in hidden} == {"cell"}
    assert len({key[1] for key in hidden}) == 2
    assert len({key[2] for key in hidden}) == 2
    assert_safe(counts, table)


def test_a_small_row_total_is_withheld_and_cannot_be_rebuilt_from_the_others() -> None:
    counts = square(4)
    counts["m1"] = {"k0": 1, "k1": 2, "k2": 0, "k3": 0}
    table = suppress(counts)
    assert table.row_totals["m1"] is None
    assert table.cells[("m1", "k0")] is None
    assert table.cells[("m1", "k1")] is None
    other_totals = [table.row_totals[row] for row in table.rows if row != "m1"]
    assert None in other_totals or table.grand_total is None
    assert_safe(counts, table)


def test_a_withheld_cell_among_zeros_cannot_be_told_from_them() -> None:
    # The review's table: six municipalities with one incident each and nothing else,
    # two large ones. Zeros published beside one withheld cell made each withheld cell
    # exactly 1; zeros are withheld too, so a 1 and a 0 look alike.
    counts = {"large-a": {"threat": 18, "shooting": 24}, "large-b": {"threat": 12, "shooting": 16}}
    counts |= {f"small-{i}": {"threat": 1, "shooting": 0} for i in range(6)}
    table = suppress(counts)
    for i in range(6):
        assert table.cells[(f"small-{i}", "threat")] is None
        assert table.cells[(f"small-{i}", "shooting")] is None
        assert table.row_totals[f"small-{i}"] is None
    assert_safe(counts, table)


def test_cells_are_withheld_rather_than_totals() -> None:
    # Withholding both municipalities' totals and m1's 5 would also protect the 2, and
    # with smaller counts (202 + 5 + 105) than the three cells (100 + 100 + 100).
    counts = {
        "m0": {"k0": 2, "k1": 100, "k2": 100},
        "m1": {"k0": 5, "k1": 50, "k2": 50},
        "m2": {"k0": 100, "k1": 100, "k2": 100},
    }
    table = suppress(counts)
    hidden = withheld(table)
    assert len(hidden) == 4 and {key[0] for key in hidden} == {"cell"}
    assert_safe(counts, table)


def test_fewer_further_figures_come_before_smaller_counts() -> None:
    # A loop of five small cells (k1, m1, k2, m2) has smaller counts than any rectangle,
    # but a rectangle withholds two figures fewer.
    counts = {
        "m0": {"k0": 2, "k1": 5, "k2": 100},
        "m1": {"k0": 100, "k1": 5, "k2": 5},
        "m2": {"k0": 5, "k1": 100, "k2": 5},
    }
    table = suppress(counts)
    assert len(withheld(table)) == 4
    assert_safe(counts, table)


def test_a_small_cell_that_only_the_sums_together_reveal_is_protected() -> None:
    # Small counts in two rectangles joined by one small cell: every row and column
    # has two or more of them, yet the joining cell follows from the sums together.
    counts = square(5)
    for i, j in {(0, 0), (0, 1), (1, 0), (1, 1), (2, 2), (2, 3), (3, 2), (3, 3), (1, 2)}:
        counts[f"m{i}"][f"k{j}"] = 1 + (i + j) % 4
    assert algebra_attack(hand_made(counts, small_cells(counts))) != {}
    table = suppress(counts)
    assert len(withheld(table)) > len(small_cells(counts))
    assert_safe(counts, table)


def test_an_all_zero_table_is_withheld_whole() -> None:
    counts = {"a": {"x": 0, "y": 0}, "b": {"x": 0, "y": 0}}
    table = suppress(counts)
    assert set(shown_entries(table).values()) == {None}
    assert_safe(counts, table)


def test_a_grand_total_below_the_threshold_hides_every_entry() -> None:
    counts = {"a": {"x": 3, "y": 0}, "b": {"x": 0, "y": 0}}
    table = suppress(counts)
    assert set(shown_entries(table).values()) == {None}
    assert_safe(counts, table)


def test_empty_tables() -> None:
    assert suppress({}).grand_total is None
    table = suppress({}, columns=["x"])
    assert table.column_totals == {"x": None}
    assert suppress({"a": {}}).row_totals == {"a": None}


def test_rows_keep_their_order_missing_cells_are_zero_and_columns_can_be_ordered() -> None:
    counts = {"zeta": {"b": 7}, "alpha": {"a": 9, "c": 6}}
    default = suppress(counts)
    assert default.rows == ("zeta", "alpha")
    assert default.columns == ("a", "b", "c")
    ordered = suppress(counts, columns=["c", "b", "a", "d"])
    assert ordered.columns == ("c", "b", "a", "d")
    assert ordered.cells[("zeta", "a")] is None  # a missing cell is a 0, withheld
    assert ordered.column_totals["d"] is None
    assert_safe({"zeta": {"b": 7, "a": 0, "c": 0, "d": 0}, "alpha": {"a": 9, "c": 6}}, ordered)


def test_the_threshold_can_be_changed() -> None:
    counts = square(4)
    counts["m0"]["k0"], counts["m3"]["k3"] = 3, 4
    assert withheld(suppress(counts, threshold=3)) == set()
    assert {("cell", "m0", "k0"), ("cell", "m3", "k3")} <= withheld(suppress(counts))
    counts["m1"]["k2"] = 2
    table = suppress(counts, threshold=3)
    assert table.cells[("m1", "k2")] is None
    assert_safe(counts, table, threshold=3)


def test_to_json_has_the_agreed_shape_and_never_shows_a_withheld_count() -> None:
    counts = {
        "m0": {"k0": 3, "k1": 20, "k2": 40},
        "m1": {"k0": 10, "k1": 20, "k2": 40},
        "m2": {"k0": 10, "k1": 20, "k2": 40},
    }
    table = suppress(counts)
    document = table.to_json()
    text = json.dumps(document)
    assert table.cells[("m0", "k0")] is None
    assert list(true_entries(counts, table.columns).values()).count(3) == 1
    assert re.search(r"(?<!\d)3(?!\d)", text) is None
    assert document["columns"] == ["k0", "k1", "k2"]
    assert [row["row"] for row in document["rows"]] == ["m0", "m1", "m2"]
    assert set(document) == {"columns", "rows", "columnTotals", "grandTotal"}
    for row in document["rows"]:
        assert set(row) == {"row", "cells", "total"}
        assert list(row["cells"]) == ["k0", "k1", "k2"]
        for col, cell in row["cells"].items():
            expected = table.cells[(row["row"], col)]
            assert cell == ({"suppressed": True} if expected is None else {"count": expected})
        total = table.row_totals[row["row"]]
        assert row["total"] == ({"suppressed": True} if total is None else {"count": total})
    for col, cell in document["columnTotals"].items():
        total = table.column_totals[col]
        assert cell == ({"suppressed": True} if total is None else {"count": total})
    assert document["grandTotal"] == {"count": 203}


@pytest.mark.parametrize(
    ("counts", "kwargs"),
    [
        ({"a": {"x": 3, "y": -1}}, {}),
        ({"a": {"x": 3}}, {"columns": ["y"]}),
        ({"a": {"x": 3}}, {"columns": ["x", "x"]}),
        ({"a": {"x": 3}}, {"threshold": 0}),
    ],
    ids=["negative count", "column left out", "repeated column", "threshold below 1"],
)
def test_bad_input_is_refused(counts: Counts, kwargs: dict[str, object]) -> None:
    with pytest.raises(ValueError):
        suppress(counts, **kwargs)  # type: ignore[arg-type]


# -- properties -----------------------------------------------------------------------

small_heavy_counts = st.one_of(st.integers(0, 4), st.just(0), st.integers(0, 30))


@st.composite
def tables(draw: st.DrawFn) -> Counts:
    n_rows = draw(st.integers(1, 6))
    n_columns = draw(st.integers(1, 5))
    return {
        f"m{i}": {f"k{j}": draw(small_heavy_counts) for j in range(n_columns)}
        for i in range(n_rows)
    }


@settings(max_examples=150, deadline=None)
@given(counts=tables())
def test_nothing_small_is_published_and_nothing_withheld_can_be_recovered(counts: Counts) -> None:
    assert_safe(counts, suppress(counts))


@settings(max_examples=30, deadline=None)
@given(counts=tables(), threshold=st.integers(1, 12))
def test_any_threshold_is_respected(counts: Counts, threshold: int) -> None:
    assert_safe(counts, suppress(counts, threshold=threshold), threshold)


def test_a_national_table_of_100_municipalities_by_12_kinds() -> None:
    rng = random.Random(20)

    def count() -> int:
        return rng.choice([0, 0, 1, 2, 3, 4]) if rng.random() < 0.15 else rng.randint(5, 300)

    counts = {
        f"municipality-{i:03}": {f"kind-{j:02}": count() for j in range(12)} for i in range(100)
    }
    table = suppress(counts)
    assert len(withheld(table)) > len(small_cells(counts))
    assert_safe(counts, table)

"""Safety-index results from a CSV file: exactly the bad rows reported, or one command for all."""

from __future__ import annotations

from trygnet_activities import safety_index_import
from trygnet_activities.domain.model import Known
from trygnet_activities.domain.strategy import Strategy
from trygnet_core.checks import name_key

AREAS = {f"area-{n}": f"District {n}" for n in range(50)}
KNOWN = Known(areas=frozenset(AREAS))
BY_NAME = {**{name_key(name): area for area, name in AREAS.items()}, **{a: a for a in AREAS}}
STRATEGY = Strategy(strategy_id="strategy-0101", title="Safe in Copenhagen 2025-2028")
HEADER = "area,period,feeling_safe,feeling_unsafe,respondents,invited"


def results_file(*, bad: dict[int, str] | None = None) -> str:
    """200 results: 50 districts over 4 quarters, as a police export would give them."""
    lines = [HEADER]
    for n in range(200):
        area, quarter = n % 50, n // 50 + 1
        safe = 80 + n % 15
        lines.append(
            f"District {area},2026-Q{quarter},{safe},{100 - safe - 3},{400 + n},{1000 + n}"
        )
    for index, line in (bad or {}).items():
        lines[index] = line
    return "\n".join(lines) + "\n"


def test_a_clean_file_becomes_one_command_with_every_result() -> None:
    plan = safety_index_import.plan(results_file(), state=STRATEGY, known=KNOWN, area_ids=BY_NAME)
    assert plan.errors == [] and plan.rows == 200
    assert plan.command is not None and len(plan.command.results) == 200
    first = plan.command.results[0]
    assert first == {
        "area_id": "area-0",
        "period": "2026-Q1",
        "feeling_safe": 80,
        "feeling_unsafe": 17,
        "respondents": 400,
        "invited": 1000,
    }


def test_every_bad_row_is_reported_with_its_line_and_column_and_no_command_is_given() -> None:
    bad = {
        12: "District 11,2026-Q1,89,20,400,1000",  # safe + unsafe > 100
        57: "District 6,2026-Q2,89,5,1200,1000",  # more respondents than invited
        101: "Atlantis,2026-Q3,89,5,400,1000",  # an area the municipality does not have
        150: "District 49,2026-Q3,eighty,5,400,1000",  # not a number
        180: "District 29,2026-Q4,89,5,400,1000",  # this area and period ...
        181: "District 29,2026-Q4,88,5,400,1000",  # ... given again
    }
    plan = safety_index_import.plan(
        results_file(bad=bad), state=STRATEGY, known=KNOWN, area_ids=BY_NAME
    )
    assert plan.command is None
    assert [(e.line, e.column) for e in plan.errors] == [
        (13, "feeling_unsafe"),
        (58, "respondents"),
        (102, "area"),
        (151, "feeling_safe"),
        (182, "period"),
    ]
    assert "Atlantis" not in plan.errors[2].reason  # the line and column say where
    assert "line 181" in plan.errors[4].reason


def test_semicolons_decimal_commas_and_area_ids_are_read() -> None:
    text = "area;period;feeling_safe;feeling_unsafe;respondents;invited\narea-3;2026;89,5;6,5;812;2000\n"
    plan = safety_index_import.plan(text, state=STRATEGY, known=KNOWN, area_ids=BY_NAME)
    assert plan.errors == []
    assert plan.command is not None
    assert (
        plan.command.results[0]["feeling_safe"] == 89.5
        and plan.command.results[0]["area_id"] == "area-3"
    )


def test_an_area_is_found_by_its_name_as_the_areas_compare_names() -> None:
    """Case and runs of spaces do not count, as when an area is defined (``name_key``)."""
    text = f"{HEADER}\n  DISTRICT   7 ,2026,89,5,400,1000\n"
    plan = safety_index_import.plan(text, state=STRATEGY, known=KNOWN, area_ids=BY_NAME)
    assert plan.errors == [] and plan.command is not None
    assert plan.command.results[0]["area_id"] == "area-7"

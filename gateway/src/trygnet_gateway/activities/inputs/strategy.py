"""The inputs of the strategy's mutations: adopting it, adding a focus area and an
indicator, and recording measurements and safety-index results."""

from __future__ import annotations

import strawberry

from trygnet_gateway.change_inputs import Target, change_of
from trygnet_gateway.vocabulary import Direction
from trygnet_gateway.writes import expected_version, optional

FOCUS_AREA = Target("focus_area_id", "The focus area.")
INDICATOR = Target("indicator_id", "The indicator.")


ABOUT_PERIOD = "A year (`2026`), a quarter (`2026-Q3`) or a month (`2026-09`)."


@strawberry.input(description="The municipality's joint strategy (one per municipality).")
class AdoptStrategyInput:
    title: str = strawberry.field(description="Its title.")


@strawberry.input(description="A focus area of the strategy.")
class AddFocusAreaInput:
    title: str = strawberry.field(description="Its title: safe nightlife.")
    expected_version: int | None = expected_version()


@change_of(FOCUS_AREA, "How a focus area's progress is measured.")
class AddIndicatorInput:
    name: str = strawberry.field(description="What is measured.")
    unit: str = strawberry.field(description="`%` keeps values within 0-100.")
    direction: Direction = strawberry.field(
        description="Whether higher or lower values are better."
    )
    target: float | None = optional("The value aimed for, in `unit`.")


@change_of(INDICATOR, "A value of an indicator for a period.")
class RecordMeasurementInput:
    value: float = strawberry.field(
        description="The value, in the indicator's unit (0-100 for `%`)."
    )
    period: str = strawberry.field(description=ABOUT_PERIOD)
    source: str = strawberry.field(description="Where the value comes from.")
    area_id: strawberry.ID | None = optional("The area measured; left out: the whole municipality.")
    sample_size: int | None = optional("How many answered or were counted (1 or more).")


@strawberry.input(description="Shares in per cent: safe + unsafe ≤ 100; respondents ≤ invited.")
class SafetyIndexResultInput:
    area_id: strawberry.ID = strawberry.field(description="The area surveyed.")
    period: str = strawberry.field(description=ABOUT_PERIOD)
    feeling_safe: float = strawberry.field(
        description="Share of respondents feeling safe, per cent."
    )
    feeling_unsafe: float = strawberry.field(
        description="Share of respondents feeling unsafe, per cent."
    )
    respondents: int = strawberry.field(description="How many answered.")
    invited: int = strawberry.field(description="How many were asked.")


@strawberry.input(description="Safety-index results, all written or none; one per area and period.")
class RecordSafetyIndexResultsInput:
    results: list[SafetyIndexResultInput] = strawberry.field(description="The results.")
    expected_version: int | None = expected_version()

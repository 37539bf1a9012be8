"""The outcomes report's types: the safety index with its Wilson intervals, incidents per
area and month, activities per focus area of the strategy, the indicators against their
targets, and (lazily, from ``reporting.cost``) what it all cost."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import strawberry

from trygnet_gateway.activities.types.strategy import FocusArea
from trygnet_gateway.actors import Area
from trygnet_gateway.answers import FromAnswer, of_answer
from trygnet_gateway.reporting import objects
from trygnet_gateway.reporting.types.beside import AreaAsked, AreaRow, FocusAreaRow
from trygnet_gateway.vocabulary import Direction

if TYPE_CHECKING:
    from trygnet_gateway.reporting.cost import OutcomeCosts


THE_PERIOD = "The period: `2026`, `2026-Q3` or `2026-09`."


@strawberry.type(description="A 95 % Wilson score interval, in per cent.")
class WilsonInterval:
    low: float = strawberry.field(description="The interval's lower end, per cent.")
    high: float = strawberry.field(description="The interval's upper end, per cent.")


@strawberry.type(description="One safety-index result: an area in a period.")
class SafetyIndexOutcome(FromAnswer):
    area_id: strawberry.ID = strawberry.field(description="The area surveyed.")
    area: Area | None = strawberry.field(resolver=objects.area, description="The area surveyed.")
    period: str = strawberry.field(description=THE_PERIOD)
    feeling_safe: float = strawberry.field(description="Per cent.")
    feeling_unsafe: float = strawberry.field(description="Per cent.")
    respondents: int = strawberry.field(
        description="How many answered (the n to show beside the share)."
    )
    invited: int = strawberry.field(description="How many were asked.")
    response_rate: float | None = strawberry.field(description="Per cent.")
    feeling_safe_interval: WilsonInterval | None = strawberry.field(
        description="The 95 % interval around `feelingSafe`; null with no respondents. "
        "Comment on a change only when the intervals do not overlap."
    )


@strawberry.type(description="How many incidents occurred in one area in one month.")
class IncidentsInMonth(AreaRow):
    month: str = strawberry.field(description="The month: 2026-09.")
    incidents: int = strawberry.field(description="How many occurred (lower is better).")


@strawberry.type(description="Activities serving one focus area of the joint strategy.")
class FocusAreaOutcome(FocusAreaRow):
    activities: int = strawberry.field(description="Activities serving it.")
    active: int = strawberry.field(description="Of those, the ones active now.")


@strawberry.type(description="One measurement of an indicator.")
class MeasurementOutcome:
    period: str = strawberry.field(description=THE_PERIOD)
    value: float = strawberry.field(description="The value, in the indicator's unit.")
    area_id: strawberry.ID | None = strawberry.field(
        description="The area measured; null for the whole municipality."
    )
    area: Area | None = strawberry.field(
        resolver=objects.area, description="The area measured (null: the municipality)."
    )
    source: str = strawberry.field(description="Where the value comes from.")
    sample_size: int | None = strawberry.field(
        description="How many answered or were counted; null if not given."
    )


@strawberry.type(description="An indicator of the strategy, measured against its target.")
class IndicatorOutcome(FromAnswer):
    indicator_id: strawberry.ID = strawberry.field(description="The indicator's id.")
    focus_area_id: strawberry.ID = strawberry.field(description="The focus area it measures.")
    focus_area: FocusArea | None = strawberry.field(
        resolver=objects.focus_area, description="The focus area it measures."
    )
    name: str = strawberry.field(description="What is measured.")
    unit: str = strawberry.field(description="The unit of its values.")
    direction: Direction = strawberry.field(
        description="Whether higher or lower values are better."
    )
    target: float | None = strawberry.field(
        description="The value aimed for; null if none was set."
    )
    measurements: list[MeasurementOutcome] = strawberry.field(
        description="Its measurements in the period, oldest first."
    )
    latest: float | None = strawberry.field(
        description="The latest value; null with no measurement."
    )
    on_target: bool | None = strawberry.field(
        description="Whether the latest value reaches the target in the indicator's "
        "direction; null without a target or a measurement."
    )


@strawberry.type(description="Whether residents feel safer, and what is done about it.")
class Outcomes(AreaAsked):
    strategy: str | None = strawberry.field(description="The joint strategy's title.")
    safety_index: list[SafetyIndexOutcome] = strawberry.field(
        description="Safety-index results, by area and period."
    )
    incidents_per_month: list[IncidentsInMonth] = strawberry.field(
        description="Incidents per area and month."
    )
    activities_per_focus_area: list[FocusAreaOutcome] = strawberry.field(
        description="Activities per focus area of the strategy."
    )
    indicators: list[IndicatorOutcome] = strawberry.field(
        description="The strategy's indicators against their targets."
    )
    cost: Annotated[OutcomeCosts, strawberry.lazy("trygnet_gateway.reporting.cost")] = (
        strawberry.field(
            description="Cost per participant, per activity and per focus area (budget "
            "plus hours times the hourly rate), beside each focus area's indicators."
        )
    )

    @classmethod
    def of(cls, item: dict[str, Any]) -> Outcomes:
        from trygnet_gateway.reporting.cost import OutcomeCosts  # it reads this module's types

        return of_answer(cls, item, cost=OutcomeCosts.of(item))

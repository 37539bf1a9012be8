"""The joint strategy's GraphQL types: the strategy, its focus areas and their indicators,
measurements and safety-index results, read once per query (``strategy_of``,
``focus_area_by_id``)."""

from __future__ import annotations

from typing import Annotated, Any

import strawberry

from trygnet_gateway.activities.reads import forget_strategy, strategy_read
from trygnet_gateway.actors import area_of
from trygnet_gateway.answers import of_answer
from trygnet_gateway.context import Info
from trygnet_gateway.vocabulary import Direction
from trygnet_gateway.writes import ABOUT_VERSION


async def strategy_of(info: Info, *, fresh: bool = False) -> Strategy | None:
    if fresh:
        forget_strategy(info)
    item = await strategy_read(info, "/strategy")
    return Strategy.of(item) if item else None


async def focus_area_by_id(info: Info, focus_area_id: str) -> FocusArea | None:
    """A focus area of the strategy (the strategy read once per query)."""
    strategy = await strategy_of(info)
    focus_areas = strategy.focus_areas if strategy else []
    return next((f for f in focus_areas if f.id == focus_area_id), None)


@strawberry.type(description="How a focus area's progress is measured, and which way is better.")
class Indicator:
    id: strawberry.ID = strawberry.field(description="Trygnet's id of the indicator.")
    focus_area_id: strawberry.ID = strawberry.field(description="The focus area it measures.")
    name: str = strawberry.field(description="What is measured: share of residents feeling safe.")
    unit: str = strawberry.field(
        description="The unit of its values: `%` (0-100), `count`, `days`."
    )
    direction: Direction = strawberry.field(
        description="Whether higher or lower values are better."
    )
    target: float | None = strawberry.field(
        description="The value aimed for, in `unit`; null if none was set."
    )

    @classmethod
    def of(cls, item: dict[str, Any]) -> Indicator:
        return of_answer(cls, item, id=strawberry.ID(item["indicatorId"]))

    @strawberry.field(description="The focus area it measures (`focusAreaId`).")
    async def focus_area(self, info: Info) -> FocusArea | None:
        return await focus_area_by_id(info, self.focus_area_id)


@strawberry.type(description="A value of an indicator for a period, in one area or overall.")
class Measurement:
    indicator_id: strawberry.ID = strawberry.field(description="The indicator measured.")
    value: float = strawberry.field(description="The value, in the indicator's unit.")
    period: str = strawberry.field(description="`2026`, `2026-Q3` or `2026-09`.")
    source: str = strawberry.field(
        description="Where the value comes from: the police safety index, a survey."
    )
    area_id: strawberry.Private[str | None]
    sample_size: int | None = strawberry.field(
        description="How many answered or were counted; null if not given. Always look at"
        " it beside the value."
    )

    @classmethod
    def of(cls, item: dict[str, Any]) -> Measurement:
        return of_answer(cls, item)

    area = strawberry.field(
        resolver=area_of("area_id"),
        description="The area measured; null for the whole municipality.",
    )

    @strawberry.field(description="The indicator measured (`indicatorId`).")
    async def indicator(self, info: Info) -> Indicator | None:
        page = await strategy_read(info, "/strategy/indicators")
        found = (i for i in (page or {}).get("items", ()) if i["indicatorId"] == self.indicator_id)
        item = next(found, None)
        return Indicator.of(item) if item else None


@strawberry.type(description="The police safety index for one area and period (per cent).")
class SafetyIndexResult:
    area_id: strawberry.Private[str]
    period: str = strawberry.field(
        description="The period of the survey: `2026`, `2026-Q3` or `2026-09`."
    )
    feeling_safe: float = strawberry.field(
        description="Share of respondents feeling safe, per cent (0-100; higher is better)."
    )
    feeling_unsafe: float = strawberry.field(
        description="Share of respondents feeling unsafe, per cent (0-100; lower is better)."
    )
    respondents: int = strawberry.field(description="How many answered.")
    invited: int = strawberry.field(description="How many were asked.")

    @classmethod
    def of(cls, item: dict[str, Any]) -> SafetyIndexResult:
        return of_answer(cls, item)

    area = strawberry.field(resolver=area_of("area_id"), description="The area surveyed.")


@strawberry.type(description="A focus area of the joint strategy.")
class FocusArea:
    id: strawberry.ID = strawberry.field(description="Trygnet's id of the focus area.")
    title: str = strawberry.field(description="Its title: safe nightlife.")

    @strawberry.field(description="How its progress is measured.")
    async def indicators(self, info: Info) -> list[Indicator]:
        page = await strategy_read(info, "/strategy/indicators")
        return [
            Indicator.of(item)
            for item in (page or {}).get("items", ())
            if item["focusAreaId"] == self.id
        ]


@strawberry.type(description="The municipality's joint police-municipality safety strategy.")
class Strategy:
    title: str = strawberry.field(description="The strategy's title.")
    focus_areas: list[FocusArea] = strawberry.field(description="Its focus areas.")
    version: int = strawberry.field(description=ABOUT_VERSION)

    @classmethod
    def of(cls, item: dict[str, Any]) -> Strategy:
        focus_areas = (item.get("focusAreas") or {}).items()
        return of_answer(
            cls,
            item,
            focus_areas=[FocusArea(id=strawberry.ID(i), title=title) for i, title in focus_areas],
        )

    @strawberry.field(description="Measurements of its indicators, in the order recorded.")
    async def measurements(
        self,
        info: Info,
        indicator_id: Annotated[
            strawberry.ID | None,
            strawberry.argument(description="Only this indicator's measurements."),
        ] = None,
    ) -> list[Measurement]:
        page = await strategy_read(info, "/strategy/measurements")
        found_items = [Measurement.of(item) for item in (page or {}).get("items", ())]
        return [m for m in found_items if indicator_id is None or m.indicator_id == indicator_id]

    @strawberry.field(description="Safety-index results, the latest for each area and period.")
    async def safety_index_results(
        self,
        info: Info,
        area_id: Annotated[
            strawberry.ID | None, strawberry.argument(description="Only this area's results.")
        ] = None,
    ) -> list[SafetyIndexResult]:
        page = await strategy_read(info, "/strategy/safety-index-results")
        found_items = [SafetyIndexResult.of(item) for item in (page or {}).get("items", ())]
        return [r for r in found_items if area_id is None or r.area_id == area_id]

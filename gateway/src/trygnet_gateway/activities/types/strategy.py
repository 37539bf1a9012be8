"""The joint strategy's GraphQL types: the strategy, its focus areas and their indicators,
measurements and safety-index results, read once per query (``strategy_of``,
``focus_area_by_id``, ``strategy_records``)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any, TypeVar

import strawberry

from trygnet_gateway.activities.reads import forget_strategy, strategy_read
from trygnet_gateway.actors import area_of
from trygnet_gateway.answers import FromAnswer, answered_as
from trygnet_gateway.context import Info
from trygnet_gateway.input_fields import camel
from trygnet_gateway.vocabulary import Direction
from trygnet_gateway.writes import ABOUT_VERSION

T = TypeVar("T")


async def strategy_of(info: Info, *, fresh: bool = False) -> Strategy | None:
    if fresh:
        forget_strategy(info)
    item = await strategy_read(info, "/strategy")
    return Strategy.of(item) if item else None


async def strategy_records(
    info: Info, kind: str, node: Callable[[dict[str, Any]], T], **matching: str | None
) -> list[T]:
    """The strategy's records of a kind (``/strategy/measurements``: none before it is
    adopted), each as ``node`` makes it, those whose fields hold what ``matching`` names
    (a filter given as ``None`` keeps every record)."""
    page = await strategy_read(info, f"/strategy/{kind}")
    made = [node(item) for item in (page or {}).get("items", ())]
    wanted = {name: value for name, value in matching.items() if value is not None}
    return [one for one in made if all(getattr(one, n) == v for n, v in wanted.items())]


def _records_field(
    kind: str, node: type[FromAnswer], description: str, *, matching: str, about: str
) -> Any:
    """The strategy's field of its records of a kind (``strategy_records``), each read by
    ``node.of``: those whose field ``matching`` holds the id its argument of that name
    gives (described ``about``), or every one."""

    async def resolve(root: Any, info: Info, wanted: strawberry.ID | None = None) -> list[Any]:
        return await strategy_records(info, kind, node.of, **{matching: wanted})

    resolve.__annotations__ = {
        "root": Any,
        "info": Info,
        "wanted": Annotated[
            strawberry.ID | None, strawberry.argument(name=camel(matching), description=about)
        ],
        "return": list[node],  # type: ignore[valid-type]  # for strawberry, at run time
    }
    return strawberry.field(resolver=resolve, description=description)


async def focus_area_by_id(info: Info, focus_area_id: str) -> FocusArea | None:
    """A focus area of the strategy (the strategy read once per query)."""
    strategy = await strategy_of(info)
    focus_areas = strategy.focus_areas if strategy else []
    return next((f for f in focus_areas if f.id == focus_area_id), None)


@strawberry.type(description="How a focus area's progress is measured, and which way is better.")
class Indicator(FromAnswer):
    id: strawberry.ID = strawberry.field(
        description="Trygnet's id of the indicator.", metadata=answered_as("indicatorId")
    )
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

    @strawberry.field(description="The focus area it measures (`focusAreaId`).")
    async def focus_area(self, info: Info) -> FocusArea | None:
        return await focus_area_by_id(info, self.focus_area_id)


@strawberry.type(description="A value of an indicator for a period, in one area or overall.")
class Measurement(FromAnswer):
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

    area = strawberry.field(
        resolver=area_of("area_id"),
        description="The area measured; null for the whole municipality.",
    )

    @strawberry.field(description="The indicator measured (`indicatorId`).")
    async def indicator(self, info: Info) -> Indicator | None:
        found = await strategy_records(info, "indicators", Indicator.of, id=self.indicator_id)
        return next(iter(found), None)


@strawberry.type(description="The police safety index for one area and period (per cent).")
class SafetyIndexResult(FromAnswer):
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

    area = strawberry.field(resolver=area_of("area_id"), description="The area surveyed.")


@strawberry.type(description="A focus area of the joint strategy.")
class FocusArea:
    id: strawberry.ID = strawberry.field(description="Trygnet's id of the focus area.")
    title: str = strawberry.field(description="Its title: safe nightlife.")

    @strawberry.field(description="How its progress is measured.")
    async def indicators(self, info: Info) -> list[Indicator]:
        return await strategy_records(info, "indicators", Indicator.of, focus_area_id=self.id)


def _focus_areas(answered: dict[str, str] | None) -> list[FocusArea]:
    """The answer's ``{focusAreaId: title}``."""
    return [FocusArea(id=strawberry.ID(i), title=title) for i, title in (answered or {}).items()]


@strawberry.type(description="The municipality's joint police-municipality safety strategy.")
class Strategy(FromAnswer):
    title: str = strawberry.field(description="The strategy's title.")
    focus_areas: list[FocusArea] = strawberry.field(
        description="Its focus areas.", metadata=answered_as(read=_focus_areas)
    )
    version: int = strawberry.field(description=ABOUT_VERSION)

    measurements = _records_field(
        "measurements",
        Measurement,
        "Measurements of its indicators, in the order recorded.",
        matching="indicator_id",
        about="Only this indicator's measurements.",
    )
    safety_index_results = _records_field(
        "safety-index-results",
        SafetyIndexResult,
        "Safety-index results, the latest for each area and period.",
        matching="area_id",
        about="Only this area's results.",
    )

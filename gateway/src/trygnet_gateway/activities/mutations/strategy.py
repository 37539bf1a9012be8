"""The strategy's mutations: adopt it, add focus areas and indicators, and record
measurements and safety-index results; each answers the strategy read again after the
write."""

from __future__ import annotations

from typing import Annotated

import strawberry

from trygnet_gateway.activities.inputs.strategy import (
    AddFocusAreaInput,
    AddIndicatorInput,
    AdoptStrategyInput,
    RecordMeasurementInput,
    RecordSafetyIndexResultsInput,
)
from trygnet_gateway.activities.reads import SERVICE, strategy_read
from trygnet_gateway.activities.types.payloads import (
    FocusAreaPayload,
    IndicatorPayload,
    StrategyPayload,
)
from trygnet_gateway.activities.types.strategy import Indicator, strategy_of
from trygnet_gateway.actors import found
from trygnet_gateway.context import Info
from trygnet_gateway.writes import ABOUT_INPUT, Written, command, write


async def _strategy_payload(info: Info, written: Written) -> StrategyPayload:
    strategy = found(await strategy_of(info, fresh=True), "strategy")
    return StrategyPayload(strategy=strategy, position=written.position)


@strawberry.type
class Commands:
    adopt_strategy: StrategyPayload = command(
        SERVICE,
        "POST",
        "/strategy",
        AdoptStrategyInput,
        _strategy_payload,
        description="Adopt the municipality's joint strategy (coordinators).",
    )

    record_measurement: StrategyPayload = command(
        SERVICE,
        "POST",
        "/strategy/measurements",
        RecordMeasurementInput,
        _strategy_payload,
        description="Record a value of an indicator for a period.",
    )


@strawberry.type
class Mutation:
    @strawberry.mutation(description="Add a focus area to the strategy.")
    async def add_focus_area(
        self,
        info: Info,
        input: Annotated[AddFocusAreaInput, strawberry.argument(description=ABOUT_INPUT)],
    ) -> FocusAreaPayload:
        written = await write(info, SERVICE, "POST", "/strategy/focus-areas", input)
        strategy = found(await strategy_of(info, fresh=True), "strategy")
        focus_area_id = written.made("focusAreaId")
        focus_area = next(f for f in strategy.focus_areas if f.id == focus_area_id)
        return FocusAreaPayload(strategy=strategy, focus_area=focus_area, position=written.position)

    @strawberry.mutation(description="Add an indicator to a focus area.")
    async def add_indicator(
        self,
        info: Info,
        input: Annotated[AddIndicatorInput, strawberry.argument(description=ABOUT_INPUT)],
    ) -> IndicatorPayload:
        written = await write(info, SERVICE, "POST", "/strategy/indicators", input)
        strategy = found(await strategy_of(info, fresh=True), "strategy")
        indicator_id = written.made("indicatorId")
        page = await strategy_read(info, "/strategy/indicators")
        [indicator] = [
            Indicator.of(item)
            for item in (page or {}).get("items", ())
            if item["indicatorId"] == indicator_id
        ]
        return IndicatorPayload(strategy=strategy, indicator=indicator, position=written.position)

    @strawberry.mutation(description="Record safety-index results, all or none.")
    async def record_safety_index_results(
        self,
        info: Info,
        input: Annotated[
            RecordSafetyIndexResultsInput, strawberry.argument(description=ABOUT_INPUT)
        ],
    ) -> StrategyPayload:
        written = await write(info, SERVICE, "POST", "/strategy/safety-index-results", input)
        return await _strategy_payload(info, written)

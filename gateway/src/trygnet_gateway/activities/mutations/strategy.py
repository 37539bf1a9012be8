"""The strategy's mutations: adopt it, add focus areas and indicators, and record
measurements and safety-index results; each answers the strategy read again after the
write."""

from __future__ import annotations

from typing import Any

import strawberry

from trygnet_gateway.activities.inputs.strategy import (
    AddFocusAreaInput,
    AddIndicatorInput,
    AdoptStrategyInput,
    RecordMeasurementInput,
    RecordSafetyIndexResultsInput,
)
from trygnet_gateway.activities.reads import SERVICE
from trygnet_gateway.activities.types.payloads import (
    FocusAreaPayload,
    IndicatorPayload,
    StrategyPayload,
)
from trygnet_gateway.activities.types.strategy import Indicator, strategy_of, strategy_records
from trygnet_gateway.actors import found
from trygnet_gateway.context import Info
from trygnet_gateway.writes import Written, answers, command, commands


@answers(StrategyPayload)
async def _strategy_payload(info: Info, written: Written) -> Any:
    strategy = found(await strategy_of(info, fresh=True), "strategy")
    return StrategyPayload(strategy=strategy, position=written.position)


@answers(FocusAreaPayload)
async def _focus_area_added(info: Info, written: Written) -> Any:
    strategy = found(await strategy_of(info, fresh=True), "strategy")
    focus_area_id = written.made("focusAreaId")
    focus_area = next(f for f in strategy.focus_areas if f.id == focus_area_id)
    return FocusAreaPayload(strategy=strategy, focus_area=focus_area, position=written.position)


@answers(IndicatorPayload)
async def _indicator_added(info: Info, written: Written) -> Any:
    strategy = found(await strategy_of(info, fresh=True), "strategy")
    indicator_id = written.made("indicatorId")
    [indicator] = await strategy_records(info, "indicators", Indicator.of, id=indicator_id)
    return IndicatorPayload(strategy=strategy, indicator=indicator, position=written.position)


_strategy_command = commands(SERVICE, _strategy_payload)


@strawberry.type
class Commands:
    adopt_strategy = _strategy_command(
        "POST /strategy",
        AdoptStrategyInput,
        "Adopt the municipality's joint strategy (coordinators).",
    )
    record_measurement = _strategy_command(
        "POST /strategy/measurements",
        RecordMeasurementInput,
        "Record a value of an indicator for a period.",
    )


@strawberry.type
class Mutation:
    add_focus_area = command(
        SERVICE,
        "POST /strategy/focus-areas",
        AddFocusAreaInput,
        _focus_area_added,
        "Add a focus area to the strategy.",
    )
    add_indicator = command(
        SERVICE,
        "POST /strategy/indicators",
        AddIndicatorInput,
        _indicator_added,
        "Add an indicator to a focus area.",
    )
    record_safety_index_results = _strategy_command(
        "POST /strategy/safety-index-results",
        RecordSafetyIndexResultsInput,
        "Record safety-index results, all or none.",
    )

"""The Strategy aggregate: a tenant's joint police-municipality safety strategy.

One per tenant. Rules: focus area and indicator ids are new in the strategy; an
indicator belongs to one of its focus areas and a measurement to one of its
indicators; areas must be known; a value in per cent (unit ``%``) lies in 0-100;
in a safety-index result safe + unsafe ≤ 100 % and respondents ≤ invited.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from trygnet_activities.domain import model
from trygnet_activities.domain.commands import (
    AddFocusArea,
    AddIndicator,
    AdoptStrategy,
    RecordMeasurement,
    RecordSafetyIndexResults,
)
from trygnet_activities.domain.events import (
    FocusAreaAdded,
    IndicatorAdded,
    MeasurementRecorded,
    SafetyIndexResultRecorded,
    StrategyAdopted,
)
from trygnet_activities.domain.model import NOTHING_KNOWN, Direction, Known
from trygnet_core.aggregate import folding, started_by
from trygnet_core.errors import BadUserInput, Conflict, NotFound
from trygnet_core.events import DomainEvent

StrategyCommand = (
    AdoptStrategy | AddFocusArea | AddIndicator | RecordMeasurement | RecordSafetyIndexResults
)

PER_CENT = "%"
_RESULT = ("area_id", "period", "feeling_safe", "feeling_unsafe", "respondents", "invited")
_ROUNDING = 1e-9  # 60.3 + 39.7 is 100.00000000000001 in binary floating point

STRATEGY_ID = "strategy"
"""The stream id of a municipality's one strategy (its focus areas, indicators and
measurements)."""


@dataclass(frozen=True)
class Indicator:
    focus_area_id: str
    unit: str


@dataclass(frozen=True)
class Strategy:
    strategy_id: str
    title: str
    focus_areas: Mapping[str, str] = dataclasses.field(default_factory=dict)  # id: title
    indicators: Mapping[str, Indicator] = dataclasses.field(default_factory=dict)


def evolve(state: Strategy | None, event: DomainEvent) -> Strategy | None:
    match event:
        case StrategyAdopted():
            return started_by(Strategy, event)
        case FocusAreaAdded() if state is not None:
            focus_areas = {**state.focus_areas, event.focus_area_id: event.title}
            return dataclasses.replace(state, focus_areas=focus_areas)
        case IndicatorAdded() if state is not None:
            indicator = Indicator(event.focus_area_id, event.unit)
            indicators = {**state.indicators, event.indicator_id: indicator}
            return dataclasses.replace(state, indicators=indicators)
    return state


fold = folding(evolve)


def decide(
    command: StrategyCommand, state: Strategy | None, *, known: Known = NOTHING_KNOWN
) -> list[DomainEvent]:
    if isinstance(command, AdoptStrategy):
        if state is not None:
            raise Conflict("the municipality has adopted its strategy already", field="strategyId")
        title = model.required_text(command.title, field="title")
        return [StrategyAdopted(strategy_id=command.strategy_id, title=title)]
    if state is None:
        raise NotFound(
            "the municipality has adopted no strategy yet: adopt one first", field="strategyId"
        )
    match command:
        case AddFocusArea():
            if command.focus_area_id in state.focus_areas:
                raise Conflict("a focus area with that id exists already", field="focusAreaId")
            title = model.required_text(command.title, field="title")
            return [
                FocusAreaAdded(
                    strategy_id=state.strategy_id,
                    focus_area_id=command.focus_area_id,
                    title=title,
                )
            ]
        case AddIndicator():
            return [_indicator(command, state)]
        case RecordMeasurement():
            return [_measurement(command, state, known)]
        case RecordSafetyIndexResults():
            return list(_results(command, state, known))
    raise TypeError(f"not a strategy command: {command!r}")


def _indicator(command: AddIndicator, state: Strategy) -> IndicatorAdded:
    if command.indicator_id in state.indicators:
        raise Conflict("an indicator with that id exists already", field="indicatorId")
    if command.focus_area_id not in state.focus_areas:
        raise BadUserInput("no focus area with that id", field="focusAreaId")
    unit = model.required_text(command.unit, field="unit", max_length=50)
    target = command.target
    return IndicatorAdded(
        strategy_id=state.strategy_id,
        indicator_id=command.indicator_id,
        focus_area_id=command.focus_area_id,
        name=model.required_text(command.name, field="name"),
        unit=unit,
        direction=model.one_of(Direction, command.direction, field="direction"),
        target=None if target is None else _value(target, unit=unit, field="target"),
    )


def _measurement(command: RecordMeasurement, state: Strategy, known: Known) -> MeasurementRecorded:
    indicator = state.indicators.get(command.indicator_id)
    if indicator is None:
        raise BadUserInput("no indicator with that id", field="indicatorId")
    area_id = command.area_id
    return MeasurementRecorded(
        strategy_id=state.strategy_id,
        indicator_id=command.indicator_id,
        value=_value(command.value, unit=indicator.unit, field="value"),
        period=model.period(command.period, field="period"),
        source=model.required_text(command.source, field="source"),
        area_id=None if area_id is None else known.area(area_id),
        sample_size=model.optional_whole_number(command.sample_size, field="sampleSize", low=1),
    )


def _value(value: object, *, unit: str, field: str) -> float:
    if unit == PER_CENT:
        return model.percentage(value, field=field)
    return model.number(value, field=field)


def _results(
    command: RecordSafetyIndexResults, state: Strategy, known: Known
) -> Iterable[SafetyIndexResultRecorded]:
    if not command.results:
        raise BadUserInput("results must not be empty", field="results")
    seen: set[tuple[str, str]] = set()
    for index, given in enumerate(command.results):
        result = _result(given, field=f"results.{index}", state=state, known=known)
        if (result.area_id, result.period) in seen:
            raise BadUserInput(
                f"the result for {result.area_id} in {result.period} is given twice",
                field=f"results.{index}.areaId",
            )
        seen.add((result.area_id, result.period))
        yield result


def _result(
    given: Mapping[str, Any], *, field: str, state: Strategy, known: Known
) -> SafetyIndexResultRecorded:
    item = model.record(given, field=field, keys=_RESULT)
    safe = model.percentage(item.get("feeling_safe"), field=f"{field}.feelingSafe")
    unsafe = model.percentage(item.get("feeling_unsafe"), field=f"{field}.feelingUnsafe")
    if safe + unsafe > 100 + _ROUNDING:
        raise BadUserInput(
            "the shares feeling safe and unsafe add up to more than 100 %",
            field=f"{field}.feelingUnsafe",
        )
    respondents = model.whole_number(item.get("respondents"), field=f"{field}.respondents")
    invited = model.whole_number(item.get("invited"), field=f"{field}.invited")
    if respondents > invited:
        raise BadUserInput(
            "there are more respondents than residents invited", field=f"{field}.respondents"
        )
    return SafetyIndexResultRecorded(
        strategy_id=state.strategy_id,
        area_id=known.area(
            model.required_text(item.get("area_id"), field=f"{field}.areaId"),
            field=f"{field}.areaId",
        ),
        period=model.period(item.get("period"), field=f"{field}.period"),
        feeling_safe=safe,
        feeling_unsafe=unsafe,
        respondents=respondents,
        invited=invited,
    )

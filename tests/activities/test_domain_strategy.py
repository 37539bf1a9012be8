"""The Strategy aggregate: focus areas, indicators, measurements and the safety index."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Mapping
from typing import Any

import pytest

from tests.activities.test_domain_known import HUSUM, KNOWN, TINGBJERG
from trygnet_activities.domain import strategy
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
from trygnet_activities.domain.model import Direction, Known
from trygnet_activities.domain.strategy import StrategyCommand
from trygnet_core.errors import BadUserInput, Conflict, NotFound, TrygnetError
from trygnet_core.events import DomainEvent

STRATEGY = "strategy-0101"
NIGHTLIFE, FEELING_SAFE, BURGLARIES = (
    "focus-nightlife",
    "indicator-feeling-safe",
    "indicator-burglaries",
)
ADOPTED = StrategyAdopted(strategy_id=STRATEGY, title="Joint safety strategy 2025-2028")
FOCUS = FocusAreaAdded(strategy_id=STRATEGY, focus_area_id=NIGHTLIFE, title="Safe nightlife")
SHARE = IndicatorAdded(
    strategy_id=STRATEGY,
    indicator_id=FEELING_SAFE,
    focus_area_id=NIGHTLIFE,
    name="Residents feeling safe in the evening",
    unit="%",
    direction=Direction.INCREASE,
    target=89.0,
)
COUNT = IndicatorAdded(
    strategy_id=STRATEGY,
    indicator_id=BURGLARIES,
    focus_area_id=NIGHTLIFE,
    name="Reported burglaries",
    unit="reports",
    direction=Direction.DECREASE,
)
SET_UP = (ADOPTED, FOCUS, SHARE, COUNT)
MEASURED = MeasurementRecorded(
    strategy_id=STRATEGY,
    indicator_id=FEELING_SAFE,
    value=81.5,
    period="2026-Q3",
    source="Resident survey, Tingbjerg",
    area_id=TINGBJERG,
    sample_size=412,
)
TINGBJERG_2025 = {
    "area_id": TINGBJERG,
    "period": "2025",
    "feeling_safe": 72.4,
    "feeling_unsafe": 12.1,
    "respondents": 412,
    "invited": 1500,
}
HUSUM_2025 = {
    "area_id": HUSUM,
    "period": "2025",
    "feeling_safe": 89,
    "feeling_unsafe": 4,
    "respondents": 380,
    "invited": 1200,
}


def when(command: StrategyCommand, *given: DomainEvent, known: Known = KNOWN) -> list[DomainEvent]:
    """Decide ``command`` on the strategy that the ``given`` events folded into."""
    return strategy.decide(command, strategy.fold(given), known=known)


def indicator(**changes: Any) -> AddIndicator:
    fields: dict[str, Any] = {
        "strategy_id": STRATEGY,
        "indicator_id": FEELING_SAFE,
        "focus_area_id": NIGHTLIFE,
        "name": "Residents feeling safe in the evening",
        "unit": "%",
        "direction": Direction.INCREASE,
        "target": 89,
    }
    return AddIndicator(**{**fields, **changes})


def measurement(**changes: Any) -> RecordMeasurement:
    fields: dict[str, Any] = {
        "strategy_id": STRATEGY,
        "indicator_id": FEELING_SAFE,
        "value": 81.5,
        "period": "2026-Q3",
        "source": "Resident survey, Tingbjerg",
        "area_id": TINGBJERG,
        "sample_size": 412,
    }
    return RecordMeasurement(**{**fields, **changes})


def results(*given: Any) -> RecordSafetyIndexResults:
    return RecordSafetyIndexResults(STRATEGY, tuple(given))


def refused_field(
    error: type[TrygnetError], command: StrategyCommand, *given: DomainEvent
) -> str | None:
    with pytest.raises(error) as refused:
        when(command, *given)
    return refused.value.field


# Adopt, focus areas and indicators


def test_adopting_the_strategy_records_its_title() -> None:
    assert when(AdoptStrategy(STRATEGY, " Joint safety strategy 2025-2028 ")) == [ADOPTED]
    assert strategy.fold([ADOPTED]) == strategy.Strategy(
        strategy_id=STRATEGY, title="Joint safety strategy 2025-2028", focus_areas={}, indicators={}
    )


def test_a_strategy_without_a_title_is_refused_naming_title() -> None:
    assert refused_field(BadUserInput, AdoptStrategy(STRATEGY, " ")) == "title"


def test_adopting_the_strategy_twice_conflicts() -> None:
    assert refused_field(Conflict, AdoptStrategy(STRATEGY, "Again"), ADOPTED) == "strategyId"


def test_a_focus_area_is_added_with_its_title() -> None:
    events = when(AddFocusArea(STRATEGY, NIGHTLIFE, " Safe nightlife "), ADOPTED)
    assert events == [FOCUS]
    state = strategy.fold([ADOPTED, *events])
    assert state is not None and state.focus_areas == {NIGHTLIFE: "Safe nightlife"}


def test_a_focus_area_without_a_title_is_refused_naming_title() -> None:
    assert refused_field(BadUserInput, AddFocusArea(STRATEGY, NIGHTLIFE, ""), ADOPTED) == "title"


def test_adding_a_focus_area_twice_conflicts() -> None:
    command = AddFocusArea(STRATEGY, NIGHTLIFE, "Nightlife again")
    assert refused_field(Conflict, command, ADOPTED, FOCUS) == "focusAreaId"


def test_an_indicator_is_added_to_a_focus_area() -> None:
    events = when(indicator(name=" Residents feeling safe in the evening "), ADOPTED, FOCUS)
    assert events == [SHARE]
    state = strategy.fold([ADOPTED, FOCUS, *events])
    assert state is not None
    assert state.indicators == {FEELING_SAFE: strategy.Indicator(NIGHTLIFE, "%")}


def test_an_indicator_needs_no_target_and_takes_its_direction_by_value() -> None:
    command = indicator(
        indicator_id=BURGLARIES,
        name="Reported burglaries",
        unit="reports",
        direction="decrease",
        target=None,
    )
    assert when(command, ADOPTED, FOCUS) == [COUNT]


def test_a_target_that_is_not_a_share_may_lie_beyond_100() -> None:
    [added] = when(indicator(unit="reports", target=250), ADOPTED, FOCUS)
    assert isinstance(added, IndicatorAdded) and added.target == 250.0


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"focus_area_id": "focus-nothing"}, "focusAreaId"),
        ({"name": ""}, "name"),
        ({"unit": " "}, "unit"),
        ({"unit": "u" * 51}, "unit"),
        ({"direction": "sideways"}, "direction"),
        ({"target": 100.5}, "target"),
        ({"target": -1}, "target"),
        ({"target": "89"}, "target"),
    ],
    ids=lambda value: value if isinstance(value, str) else None,
)
def test_an_indicator_with_a_bad_detail_is_refused_naming_it(
    changes: dict[str, Any], field: str
) -> None:
    assert refused_field(BadUserInput, indicator(**changes), ADOPTED, FOCUS) == field


def test_adding_an_indicator_twice_conflicts() -> None:
    assert refused_field(Conflict, indicator(), ADOPTED, FOCUS, SHARE) == "indicatorId"


# Measurements


def test_a_measurement_is_recorded_for_an_indicator_period_and_area() -> None:
    command = measurement(period=" 2026-q3 ", source=" Resident survey, Tingbjerg ")
    assert when(command, *SET_UP) == [MEASURED]


def test_a_measurement_may_cover_the_whole_municipality_without_a_sample_size() -> None:
    command = measurement(
        indicator_id=BURGLARIES, value=-12, period="2026", area_id=None, sample_size=None
    )
    assert when(command, *SET_UP) == [
        dataclasses.replace(
            MEASURED,
            indicator_id=BURGLARIES,
            value=-12.0,
            period="2026",
            area_id=None,
            sample_size=None,
        )
    ]


@pytest.mark.parametrize("period", ["2026", "2026-Q1", "2026-Q4", "2026-01", "2026-12"])
def test_a_period_is_a_year_a_quarter_or_a_month(period: str) -> None:
    [measured] = when(measurement(period=period), *SET_UP)
    assert isinstance(measured, MeasurementRecorded) and measured.period == period


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"indicator_id": "indicator-nothing"}, "indicatorId"),
        ({"value": 100.5}, "value"),
        ({"value": -0.1}, "value"),
        ({"value": float("nan")}, "value"),
        ({"indicator_id": BURGLARIES, "value": float("inf")}, "value"),
        ({"value": "81.5"}, "value"),
        ({"period": "2026-Q5"}, "period"),
        ({"period": "2026-13"}, "period"),
        ({"period": "26"}, "period"),
        ({"period": "Q3 2026"}, "period"),
        ({"period": 2026}, "period"),
        ({"source": ""}, "source"),
        ({"area_id": "area-atlantis"}, "areaId"),
        ({"sample_size": 0}, "sampleSize"),
    ],
    ids=lambda value: value if isinstance(value, str) else None,
)
def test_a_measurement_with_a_bad_detail_is_refused_naming_it(
    changes: dict[str, Any], field: str
) -> None:
    assert refused_field(BadUserInput, measurement(**changes), *SET_UP) == field


# Safety index


def test_safety_index_results_are_recorded_one_event_per_area_and_period() -> None:
    assert when(results(TINGBJERG_2025, HUSUM_2025), ADOPTED) == [
        SafetyIndexResultRecorded(
            strategy_id=STRATEGY,
            area_id=TINGBJERG,
            period="2025",
            feeling_safe=72.4,
            feeling_unsafe=12.1,
            respondents=412,
            invited=1500,
        ),
        SafetyIndexResultRecorded(
            strategy_id=STRATEGY,
            area_id=HUSUM,
            period="2025",
            feeling_safe=89.0,
            feeling_unsafe=4.0,
            respondents=380,
            invited=1200,
        ),
    ]


def test_shares_adding_up_to_exactly_100_and_everyone_invited_responding_are_kept() -> None:
    result = {**TINGBJERG_2025, "feeling_safe": 60.3, "feeling_unsafe": 39.7, "respondents": 1500}
    [recorded] = when(results(result), ADOPTED)
    assert isinstance(recorded, SafetyIndexResultRecorded)
    assert (recorded.feeling_safe, recorded.feeling_unsafe, recorded.respondents) == (
        60.3,
        39.7,
        1500,
    )


def test_the_same_area_in_another_period_is_another_result() -> None:
    assert len(when(results(TINGBJERG_2025, {**TINGBJERG_2025, "period": "2026"}), ADOPTED)) == 2


def result(**changes: Any) -> Mapping[str, Any]:
    return {**HUSUM_2025, **changes}


@pytest.mark.parametrize(
    ("given", "field"),
    [
        (result(respondents=1201), "results.1.respondents"),
        (result(respondents=-1), "results.1.respondents"),
        (result(respondents=None), "results.1.respondents"),
        (result(invited=12.5), "results.1.invited"),
        (result(feeling_safe=100.1), "results.1.feelingSafe"),
        (result(feeling_safe="89"), "results.1.feelingSafe"),
        (result(feeling_unsafe=-4), "results.1.feelingUnsafe"),
        (result(feeling_safe=90, feeling_unsafe=10.5), "results.1.feelingUnsafe"),
        (result(area_id="area-atlantis"), "results.1.areaId"),
        (result(area_id=None), "results.1.areaId"),
        (result(period="last year"), "results.1.period"),
        (result(district="Husum"), "results.1.district"),
        ({k: v for k, v in HUSUM_2025.items() if k != "invited"}, "results.1.invited"),
        ([HUSUM, "2025", 89, 4, 380, 1200], "results.1"),
        (result(area_id=TINGBJERG), "results.1.areaId"),
    ],
    ids=lambda value: value if isinstance(value, str) else None,
)
def test_a_bad_result_is_refused_naming_its_index_and_field(given: Any, field: str) -> None:
    assert refused_field(BadUserInput, results(TINGBJERG_2025, given), ADOPTED) == field


def test_no_results_are_refused_naming_results() -> None:
    assert refused_field(BadUserInput, results(), ADOPTED) == "results"


EVERY_LATER_COMMAND: list[StrategyCommand] = [
    AddFocusArea(STRATEGY, NIGHTLIFE, "Safe nightlife"),
    indicator(),
    measurement(),
    results(TINGBJERG_2025),
]


@pytest.mark.parametrize("command", EVERY_LATER_COMMAND, ids=lambda c: type(c).__name__)
def test_a_command_on_a_strategy_not_adopted_is_not_found(command: StrategyCommand) -> None:
    assert refused_field(NotFound, command) == "strategyId"


# Events as stored

STRATEGY_EVENTS: list[DomainEvent] = [
    ADOPTED,
    FOCUS,
    SHARE,
    COUNT,
    MEASURED,
    dataclasses.replace(MEASURED, area_id=None, sample_size=None, value=-12.0),
    SafetyIndexResultRecorded(
        strategy_id=STRATEGY,
        area_id=TINGBJERG,
        period="2025",
        feeling_safe=72.4,
        feeling_unsafe=12.1,
        respondents=412,
        invited=1500,
    ),
]


@pytest.mark.parametrize("event", STRATEGY_EVENTS, ids=lambda e: type(e).__name__)
def test_a_strategy_event_reads_back_from_its_json_unchanged(event: DomainEvent) -> None:
    stored = json.loads(json.dumps(event.to_data()))
    decoded = type(event).from_data(stored)
    assert decoded == event
    assert repr(decoded) == repr(event)

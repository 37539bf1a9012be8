"""The Area aggregate, given / when / then: events in, a command, events or an error out."""

from __future__ import annotations

import dataclasses
import json
from typing import Any

import pytest

from trygnet_actors.domain import area
from trygnet_actors.domain.area import AreaCommand
from trygnet_actors.domain.commands import DefineArea, RenameArea, RetireArea
from trygnet_actors.domain.events import AreaDefined, AreaRenamed, AreaRetired
from trygnet_actors.domain.model import AreaKind
from trygnet_core.errors import BadUserInput, Conflict, NotFound
from trygnet_core.events import DomainEvent

TINGBJERG = "area-tingbjerg"
TINGBJERG_OUTLINE: dict[str, Any] = {
    "type": "Polygon",
    "coordinates": [[[12.475, 55.703], [12.492, 55.703], [12.492, 55.713], [12.475, 55.703]]],
}
DEFINED = AreaDefined(
    area_id=TINGBJERG,
    name="Tingbjerg",
    kind=AreaKind.HOUSING_AREA,
    outline=TINGBJERG_OUTLINE,
    population=6500,
)


def when(command: AreaCommand, *given: DomainEvent) -> list[DomainEvent]:
    """Decide ``command`` on the area that the ``given`` events folded into."""
    return area.decide(command, area.fold(given))


def define(**changes: Any) -> DefineArea:
    fields: dict[str, Any] = {
        "area_id": TINGBJERG,
        "name": "Tingbjerg",
        "kind": AreaKind.HOUSING_AREA,
        "outline": TINGBJERG_OUTLINE,
        "population": 6500,
    }
    return DefineArea(**{**fields, **changes})


# Define


def test_defining_an_area_records_it_with_its_name_trimmed() -> None:
    assert when(define(name="  Tingbjerg \n")) == [DEFINED]


def test_an_area_needs_neither_an_outline_nor_a_population() -> None:
    command = DefineArea(area_id="area-husum", name="Husum", kind=AreaKind.DISTRICT)
    assert when(command) == [
        AreaDefined(area_id="area-husum", name="Husum", kind=AreaKind.DISTRICT)
    ]


def test_the_defined_area_is_the_state_its_events_fold_into() -> None:
    assert area.fold([DEFINED]) == area.Area(
        area_id=TINGBJERG,
        name="Tingbjerg",
        kind=AreaKind.HOUSING_AREA,
        outline=TINGBJERG_OUTLINE,
        population=6500,
        retired=False,
    )


@pytest.mark.parametrize("name", ["", "   ", None])
def test_an_area_without_a_name_is_refused_naming_name(name: str | None) -> None:
    with pytest.raises(BadUserInput) as refused:
        when(define(name=name))
    assert refused.value.field == "name"


def test_a_name_of_more_than_200_characters_is_refused() -> None:
    assert when(define(name="T" * 200)) == [dataclasses.replace(DEFINED, name="T" * 200)]
    with pytest.raises(BadUserInput) as refused:
        when(define(name="T" * 201))
    assert refused.value.field == "name"


MULTIPOLYGON: dict[str, Any] = {
    "type": "MultiPolygon",
    "coordinates": [TINGBJERG_OUTLINE["coordinates"]],
}
FEATURE: dict[str, Any] = {
    "type": "Feature",
    "geometry": TINGBJERG_OUTLINE,
    "properties": {"name": "Tingbjerg"},
}


@pytest.mark.parametrize(
    "outline",
    [TINGBJERG_OUTLINE, MULTIPOLYGON, FEATURE],
    ids=["polygon", "multipolygon", "feature"],
)
def test_an_outline_may_be_a_geojson_polygon_multipolygon_or_feature(
    outline: dict[str, Any],
) -> None:
    assert when(define(outline=outline)) == [dataclasses.replace(DEFINED, outline=outline)]


@pytest.mark.parametrize(
    "outline",
    [
        {"type": "Point", "coordinates": [12.48, 55.70]},
        {"type": "LineString", "coordinates": [[12.47, 55.70], [12.49, 55.71]]},
        {"type": "Polygon"},
        {"type": "Feature", "properties": {}},
        {"coordinates": TINGBJERG_OUTLINE["coordinates"]},
        {},
    ],
    ids=[
        "point",
        "line",
        "polygon-without-coordinates",
        "feature-without-geometry",
        "untyped",
        "empty",
    ],
)
def test_an_outline_that_is_not_a_polygon_or_feature_is_refused_naming_outline(
    outline: dict[str, Any],
) -> None:
    with pytest.raises(BadUserInput) as refused:
        when(define(outline=outline))
    assert refused.value.field == "outline"


@pytest.mark.parametrize(
    "outline",
    [
        {"type": "Feature", "geometry": {"type": "Point", "coordinates": [12.48, 55.70]}},
        {"type": "Feature", "geometry": None, "properties": {}},
        {"type": "Polygon", "geometry": TINGBJERG_OUTLINE},
    ],
    ids=["feature-of-a-point", "feature-of-nothing", "polygon-with-geometry-not-coordinates"],
)
def test_an_outline_whose_shape_is_not_an_area_is_refused_naming_outline(
    outline: dict[str, Any],
) -> None:
    with pytest.raises(BadUserInput) as refused:
        when(define(outline=outline))
    assert refused.value.field == "outline"


@pytest.mark.parametrize("population", [0, 50_000_000])
def test_a_population_from_zero_to_fifty_million_is_kept(population: int) -> None:
    assert when(define(population=population)) == [
        dataclasses.replace(DEFINED, population=population)
    ]


@pytest.mark.parametrize("population", [-1, 50_000_001])
def test_a_population_out_of_range_is_refused_naming_population(population: int) -> None:
    with pytest.raises(BadUserInput) as refused:
        when(define(population=population))
    assert refused.value.field == "population"


def test_defining_an_area_twice_conflicts() -> None:
    with pytest.raises(Conflict) as refused:
        when(define(name="Tingbjerg again"), DEFINED)
    assert refused.value.field == "areaId"


# Rename


def test_renaming_an_area_records_the_new_name_trimmed() -> None:
    assert when(RenameArea(TINGBJERG, " Tingbjerg-Husum "), DEFINED) == [
        AreaRenamed(area_id=TINGBJERG, name="Tingbjerg-Husum")
    ]


def test_the_new_name_is_the_areas_name_from_then_on() -> None:
    renamed = AreaRenamed(area_id=TINGBJERG, name="Tingbjerg-Husum")
    state = area.fold([DEFINED, renamed])
    assert state is not None and state.name == "Tingbjerg-Husum"
    assert state.kind is AreaKind.HOUSING_AREA and state.population == 6500


@pytest.mark.parametrize("name", ["Tingbjerg", "  Tingbjerg  "])
def test_renaming_an_area_to_its_own_name_records_nothing(name: str) -> None:
    assert when(RenameArea(TINGBJERG, name), DEFINED) == []


def test_renaming_an_area_to_nothing_is_refused_naming_name() -> None:
    with pytest.raises(BadUserInput) as refused:
        when(RenameArea(TINGBJERG, "  "), DEFINED)
    assert refused.value.field == "name"


@pytest.mark.parametrize(
    "command", [RenameArea("area-nowhere", "Nowhere"), RetireArea("area-nowhere")]
)
def test_an_unknown_area_cannot_be_renamed_or_retired(command: AreaCommand) -> None:
    with pytest.raises(NotFound) as refused:
        when(command)
    assert refused.value.field == "areaId"


# Retire


def test_retiring_an_area_records_it_and_marks_the_area_retired() -> None:
    events = when(RetireArea(TINGBJERG), DEFINED)
    assert events == [AreaRetired(area_id=TINGBJERG)]
    state = area.fold([DEFINED, *events])
    assert state is not None and state.retired


def test_retiring_a_retired_area_records_nothing() -> None:
    assert when(RetireArea(TINGBJERG), DEFINED, AreaRetired(area_id=TINGBJERG)) == []


# Events as stored

AREA_EVENTS: list[DomainEvent] = [
    DEFINED,
    AreaRenamed(area_id=TINGBJERG, name="Tingbjerg-Husum"),
    AreaRetired(area_id=TINGBJERG),
]


@pytest.mark.parametrize("event", AREA_EVENTS, ids=lambda e: type(e).__name__)
def test_an_area_event_reads_back_from_its_json_unchanged(event: DomainEvent) -> None:
    stored = json.loads(json.dumps(event.to_data()))
    decoded = type(event).from_data(stored)
    assert decoded == event
    assert repr(decoded) == repr(event)  # enums stay enums, tuples stay tuples

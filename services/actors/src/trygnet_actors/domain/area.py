"""The Area aggregate: a tenant's neighbourhood, district or housing area.

Rules: a name names one area in use (whatever its case and spacing: files and
people refer to areas by name); a retired area gives its name up.
"""

from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass
from typing import Any

from trygnet_actors.domain.commands import DefineArea, RenameArea, RetireArea
from trygnet_actors.domain.events import AreaDefined, AreaDetails, AreaRenamed, AreaRetired
from trygnet_actors.domain.model import required_text
from trygnet_core.aggregate import folding, must_be_new, must_exist, started_by
from trygnet_core.checks import name_key as name_key
from trygnet_core.errors import BadUserInput, Conflict
from trygnet_core.events import DomainEvent

AreaCommand = DefineArea | RenameArea | RetireArea


@dataclass(frozen=True)
class Area(AreaDetails):
    retired: bool = False


def evolve(state: Area | None, event: DomainEvent) -> Area | None:
    match event:
        case AreaDefined():
            return started_by(Area, event)
        case AreaRenamed() if state is not None:
            return dataclasses.replace(state, name=event.name)
        case AreaRetired() if state is not None:
            return dataclasses.replace(state, retired=True)
    return state


fold = folding(evolve)


def decide(
    command: AreaCommand, state: Area | None, *, names_in_use: frozenset[str] = frozenset()
) -> list[DomainEvent]:
    """``names_in_use``: the handler's lookup of the name keys other areas in use hold."""
    if isinstance(command, DefineArea):
        must_be_new(state, "an area", field="areaId")
        return [
            AreaDefined(
                area_id=command.area_id,
                name=_free_name(command.name, names_in_use),
                kind=command.kind,
                outline=_outline(command.outline),
                population=_population(command.population),
            )
        ]
    state = must_exist(state, "area", field="areaId")
    if isinstance(command, RenameArea):
        name = _free_name(command.name, names_in_use)
        return [] if name == state.name else [AreaRenamed(area_id=state.area_id, name=name)]
    return [] if state.retired else [AreaRetired(area_id=state.area_id)]


def name_taken() -> Conflict:
    return Conflict("another area in use has this name", field="name")


def _free_name(value: Any, names_in_use: frozenset[str]) -> str:
    name = required_text(value, field="name")
    if name_key(name) in names_in_use:
        raise name_taken()
    return name


def _outline(outline: dict[str, Any] | None) -> dict[str, Any] | None:
    """A GeoJSON Polygon or MultiPolygon, bare or as a Feature's geometry."""
    if outline is None:
        return None
    geometry = outline.get("geometry") if outline.get("type") == "Feature" else outline
    if (
        not isinstance(geometry, dict)
        or geometry.get("type") not in {"Polygon", "MultiPolygon"}
        or not _nested_positions(
            geometry.get("coordinates"), depth=2 if geometry["type"] == "Polygon" else 3
        )
    ):
        raise BadUserInput(
            "outline must be a GeoJSON Polygon or MultiPolygon (bare or as a Feature)",
            field="outline",
        )
    return outline


def _nested_positions(value: Any, *, depth: int) -> bool:
    """Non-empty lists ``depth`` deep (rings, and polygons of rings) of positions: two or
    three finite numbers. Python's JSON reader also takes NaN and Infinity, which are not
    JSON and which a PostgreSQL JSON column refuses (a 500 where the fuzzer sent them)."""
    if not isinstance(value, list) or not value:
        return False
    if depth == 0:
        return 2 <= len(value) <= 3 and all(
            isinstance(n, int | float) and not isinstance(n, bool) and math.isfinite(n)
            for n in value
        )
    return all(_nested_positions(item, depth=depth - 1) for item in value)


def _population(population: int | None) -> int | None:
    if population is not None and not 0 <= population <= 50_000_000:
        raise BadUserInput("population must be between 0 and 50,000,000", field="population")
    return population

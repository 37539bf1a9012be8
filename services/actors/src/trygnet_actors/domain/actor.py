"""The Actor aggregate: an organisation active in the partnership's areas.

Rules: only what changed is recorded; a merged actor answers with a pointer to
its survivor and takes no more commands; areas must exist and be in use; an
actor cannot be its own parent nor be merged with itself; an external id names
one actor of the municipality (a merged actor gives its up), so an integration's
retry or a re-import finds the actor it made instead of making another.
"""

from __future__ import annotations

import dataclasses
import enum
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any, TypeVar

from trygnet_actors.domain import model
from trygnet_actors.domain.commands import (
    ChangeActorDetails,
    DeactivateActor,
    MergeActors,
    ReactivateActor,
    RegisterActor,
    SetActorAreas,
    SetActorLevels,
    SetActorThemes,
)
from trygnet_actors.domain.events import (
    ActorAbsorbed,
    ActorAreasSet,
    ActorDeactivated,
    ActorDetails,
    ActorDetailsChanged,
    ActorLevelsSet,
    ActorMerged,
    ActorReactivated,
    ActorRegistered,
    ActorThemesSet,
)
from trygnet_actors.domain.model import ActorStatus, Level, Sector, Theme
from trygnet_core.aggregate import deciding, folding, must_exist, started_by
from trygnet_core.errors import BadUserInput, Conflict
from trygnet_core.events import DomainEvent

T = TypeVar("T")
E = TypeVar("E", bound=enum.Enum)

ActorChange = (
    ChangeActorDetails
    | SetActorAreas
    | SetActorLevels
    | SetActorThemes
    | DeactivateActor
    | ReactivateActor
)
ActorCommand = RegisterActor | ActorChange


@dataclass(frozen=True)
class Actor(ActorDetails):
    status: ActorStatus = ActorStatus.ACTIVE
    merged_into: str | None = None
    merged_from: tuple[str, ...] = ()


@dataclass(frozen=True)
class Known:
    """What the handler looked up for a command: areas in use, actors that exist, and
    the external ids the command names that other actors (not merged) hold."""

    areas: frozenset[str] = frozenset()
    actors: frozenset[str] = frozenset()
    external_ids: frozenset[str] = frozenset()


DETAILS: dict[str, Callable[[Any], Any]] = {
    "name": lambda v: model.required_text(v, field="name"),
    "sector": lambda v: _sector(v),
    "department": lambda v: model.optional_text(v, field="department", max_length=200),
    "parent_actor_id": lambda v: model.optional_text(v, field="parentActorId", max_length=200),
    "description": lambda v: model.optional_text(v, field="description", max_length=4000),
    "phone": lambda v: model.phone(v),
    "email": lambda v: model.email(v),
    "website": lambda v: model.website(v),
    "external_id": lambda v: model.optional_text(v, field="externalId", max_length=200),
}


def evolve(state: Actor | None, event: DomainEvent) -> Actor | None:
    match event:
        case ActorRegistered():
            return started_by(Actor, event)
        case ActorDetailsChanged() if state is not None:
            return dataclasses.replace(
                state, **{k: _typed_detail(k, v) for k, v in event.changes.items()}
            )
        case ActorAreasSet() if state is not None:
            return dataclasses.replace(state, areas=tuple(event.areas))
        case ActorLevelsSet() if state is not None:
            return dataclasses.replace(state, levels=tuple(event.levels))
        case ActorThemesSet() if state is not None:
            return dataclasses.replace(state, themes=tuple(event.themes))
        case ActorDeactivated() if state is not None:
            return dataclasses.replace(state, status=ActorStatus.INACTIVE)
        case ActorReactivated() if state is not None:
            return dataclasses.replace(state, status=ActorStatus.ACTIVE)
        case ActorMerged() if state is not None:
            return dataclasses.replace(
                state, status=ActorStatus.MERGED, merged_into=event.survivor_id
            )
        case ActorAbsorbed() if state is not None:
            return dataclasses.replace(
                state,
                areas=_union(state.areas, event.areas),
                levels=_union(state.levels, event.levels),
                themes=_union(state.themes, event.themes),
                merged_from=(*state.merged_from, event.merged_actor_id),
            )
    return state


fold = folding(evolve)


def _change(command: ActorChange, state: Actor, known: Known) -> list[DomainEvent]:
    current = _not_merged(state)
    actor_id = current.actor_id
    match command:
        case ChangeActorDetails():
            changes = _changed_details(current, command.changes, known)
            return [ActorDetailsChanged(actor_id=actor_id, changes=changes)] if changes else []
        case SetActorAreas():
            areas = _areas(command.areas, known)
            return (
                []
                if set(areas) == set(current.areas)
                else [ActorAreasSet(actor_id=actor_id, areas=areas)]
            )
        case SetActorLevels():
            levels = _members(Level, command.levels, field="levels")
            if set(levels) == set(current.levels):
                return []
            return [ActorLevelsSet(actor_id=actor_id, levels=levels)]
        case SetActorThemes():
            themes = _members(Theme, command.themes, field="themes")
            if set(themes) == set(current.themes):
                return []
            return [ActorThemesSet(actor_id=actor_id, themes=themes)]
        case DeactivateActor():
            if current.status is ActorStatus.INACTIVE:
                return []
            reason = model.optional_text(command.reason, field="reason", max_length=500)
            return [ActorDeactivated(actor_id=actor_id, reason=reason)]
        case ReactivateActor():
            return (
                [ActorReactivated(actor_id=actor_id)]
                if current.status is ActorStatus.INACTIVE
                else []
            )
    raise TypeError(f"not an actor command: {command!r}")


def decide_merge(
    command: MergeActors,
    survivor: Actor | None,
    merged: Actor | None,
    *,
    merged_contacts: tuple[str, ...],
) -> tuple[list[DomainEvent], list[DomainEvent]]:
    """Events for the survivor's stream and for the merged actor's stream."""
    if command.survivor_id == command.merged_id:
        raise BadUserInput("an actor cannot be merged with itself", field="mergedId")
    kept = _not_merged(must_exist(survivor, "actor", field="survivorId"), field="survivorId")
    gone = _not_merged(must_exist(merged, "actor", field="mergedId"), field="mergedId")
    absorbed = ActorAbsorbed(
        actor_id=kept.actor_id,
        merged_actor_id=gone.actor_id,
        areas=gone.areas,
        levels=gone.levels,
        themes=gone.themes,
        contact_ids=merged_contacts,
    )
    return [absorbed], [ActorMerged(actor_id=gone.actor_id, survivor_id=kept.actor_id)]


def _not_merged(state: Actor, *, field: str = "actorId") -> Actor:
    if state.merged_into:
        raise Conflict(f"that actor was merged into {state.merged_into}", field=field)
    return state


def _register(command: RegisterActor, known: Known) -> ActorRegistered:
    parent = model.optional_text(command.parent_actor_id, field="parentActorId", max_length=200)
    _check_parent(parent, command.actor_id, known)
    return ActorRegistered(
        actor_id=command.actor_id,
        name=model.required_text(command.name, field="name"),
        sector=_sector(command.sector),
        department=model.optional_text(command.department, field="department", max_length=200),
        parent_actor_id=parent,
        levels=_members(Level, command.levels, field="levels"),
        areas=_areas(command.areas, known),
        themes=_members(Theme, command.themes, field="themes"),
        description=model.optional_text(command.description, field="description", max_length=4000),
        phone=model.phone(command.phone),
        email=model.email(command.email),
        website=model.website(command.website),
        external_id=_external_id(command.external_id, known),
    )


def _changed_details(current: Actor, changes: Mapping[str, Any], known: Known) -> dict[str, Any]:
    unknown = sorted(set(changes) - set(DETAILS))
    if unknown:
        raise BadUserInput(f"{unknown[0]} is not a detail of an actor", field=unknown[0])
    changed: dict[str, Any] = {}
    for name, raw in changes.items():
        value = DETAILS[name](raw)
        if name == "parent_actor_id":
            _check_parent(value, current.actor_id, known)
        if name == "external_id":
            value = _external_id(value, known)
        if value != getattr(current, name):
            changed[name] = value.value if isinstance(value, Sector) else value
    return changed


def _check_parent(parent: str | None, actor_id: str, known: Known) -> None:
    if parent is None:
        return
    if parent == actor_id:
        raise BadUserInput("an actor cannot be its own parent", field="parentActorId")
    if parent not in known.actors:
        raise BadUserInput("no actor with that id to be the parent", field="parentActorId")


def external_id_taken() -> Conflict:
    """The answer to an external id another actor holds (never repeating it)."""
    return Conflict("another actor of the municipality has this external id", field="externalId")


def _external_id(value: Any, known: Known) -> str | None:
    external_id = model.optional_text(value, field="externalId", max_length=200)
    if external_id is not None and external_id in known.external_ids:
        raise external_id_taken()
    return external_id


def _sector(value: Any) -> Sector:
    try:
        return Sector(value)
    except ValueError:
        raise BadUserInput(
            f"sector must be one of {', '.join(s.value for s in Sector)}", field="sector"
        ) from None


def _typed_detail(name: str, value: Any) -> Any:
    return Sector(value) if name == "sector" and value is not None else value


def _areas(areas: Iterable[str], known: Known) -> tuple[str, ...]:
    chosen = _unique(areas)
    for area in chosen:
        if area not in known.areas:
            raise BadUserInput("no area with that id in use", field="areas")
    return chosen


def _members(kind: type[E], values: Iterable[Any], *, field: str) -> tuple[E, ...]:
    """``values`` as members of the enum ``kind``, without repeats; else name the field."""
    try:
        return _unique(kind(value) for value in values)
    except ValueError:
        allowed = ", ".join(member.value for member in kind)
        raise BadUserInput(f"{field} must be among {allowed}", field=field) from None


def _unique(values: Iterable[T]) -> tuple[T, ...]:
    return tuple(dict.fromkeys(values))


def _union(first: Iterable[T], second: Iterable[T]) -> tuple[T, ...]:
    return tuple(dict.fromkeys([*first, *second]))


decide = deciding(
    RegisterActor,
    "an actor",
    field="actorId",
    create=_register,
    change=_change,
    nothing_known=Known(),
)

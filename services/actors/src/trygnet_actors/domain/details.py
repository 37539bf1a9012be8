"""Each actors concept's fields, written once.

A concept's event, the command that asks for it and (where it keeps one) its
aggregate's state all inherit these fields, so a field is added in one place; the
event's payload is what these declare, in this order.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from trygnet_actors.domain.model import AreaKind, Level, Sector, Theme


@dataclass(frozen=True)
class AreaDetails:
    """An area's fields, written once: ``AreaDefined``, the command ``DefineArea`` and the
    area's state (``area.Area``)."""

    area_id: str
    name: str
    kind: AreaKind
    outline: dict[str, Any] | None = None
    population: int | None = None


@dataclass(frozen=True)
class ActorDetails:
    """An organisation's details, written once: the fields of ``ActorRegistered``, of
    the command that registers one (``RegisterActor``) and of the actor's state
    (``actor.Actor``). Its public details only, never a person's."""

    actor_id: str
    name: str
    sector: Sector
    department: str | None = None
    parent_actor_id: str | None = None
    levels: tuple[Level, ...] = ()
    areas: tuple[str, ...] = ()
    themes: tuple[Theme, ...] = ()
    description: str | None = None
    phone: str | None = None
    email: str | None = None
    website: str | None = None
    external_id: str | None = None

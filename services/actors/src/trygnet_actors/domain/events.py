"""The actors service's events: what happened to areas, actors and contacts."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from trygnet_actors.domain.model import AreaKind, LegalBasis, Level, Sector, Theme
from trygnet_core.events import DomainEvent, EventCatalogue, personal


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
class AreaDefined(AreaDetails, DomainEvent):
    """A neighbourhood or housing area the partnership works in."""


@dataclass(frozen=True)
class AreaRenamed(DomainEvent):
    area_id: str
    name: str


@dataclass(frozen=True)
class AreaRetired(DomainEvent):
    """The area is no longer used for new work; its history stays."""

    area_id: str


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


@dataclass(frozen=True)
class ActorRegistered(ActorDetails, DomainEvent):
    """An organisation joined the overview of who is active."""


@dataclass(frozen=True)
class ActorDetailsChanged(DomainEvent):
    """Only the details that changed, by field name (name, sector, department,
    parent_actor_id, description, phone, email, website, external_id): the
    organisation's public details, never a person's."""

    actor_id: str
    changes: dict[str, Any]


@dataclass(frozen=True)
class ActorAreas:
    """The areas an actor works in, all of them: ``SetActorAreas`` and ``ActorAreasSet``."""

    actor_id: str
    areas: tuple[str, ...]


@dataclass(frozen=True)
class ActorAreasSet(ActorAreas, DomainEvent):
    pass


@dataclass(frozen=True)
class ActorLevels:
    """The levels an actor works on, all of them: ``SetActorLevels`` and
    ``ActorLevelsSet``."""

    actor_id: str
    levels: tuple[Level, ...]


@dataclass(frozen=True)
class ActorLevelsSet(ActorLevels, DomainEvent):
    pass


@dataclass(frozen=True)
class ActorThemes:
    """The themes an actor works on, all of them: ``SetActorThemes`` and
    ``ActorThemesSet``."""

    actor_id: str
    themes: tuple[Theme, ...]


@dataclass(frozen=True)
class ActorThemesSet(ActorThemes, DomainEvent):
    pass


@dataclass(frozen=True)
class ActorDeactivation:
    """An actor no longer active, and why: ``DeactivateActor`` and ``ActorDeactivated``."""

    actor_id: str
    reason: str | None = None


@dataclass(frozen=True)
class ActorDeactivated(ActorDeactivation, DomainEvent):
    pass


@dataclass(frozen=True)
class ActorReactivated(DomainEvent):
    actor_id: str


@dataclass(frozen=True)
class ActorMerged(DomainEvent):
    """This actor was the same organisation as the survivor; it now points there."""

    actor_id: str
    survivor_id: str


@dataclass(frozen=True)
class ActorAbsorbed(DomainEvent):
    """The survivor of a merge took over the merged actor's areas, levels, themes and
    contacts, and answers for its id from now on."""

    actor_id: str
    merged_actor_id: str
    areas: tuple[str, ...] = ()
    levels: tuple[Level, ...] = ()
    themes: tuple[Theme, ...] = ()
    contact_ids: tuple[str, ...] = ()


@dataclass(frozen=True)
class ContactAdded(DomainEvent):
    """A person to call at an actor. Everything about the person is personal data."""

    subject_field = "contact_id"
    contact_id: str
    actor_id: str
    legal_basis: LegalBasis
    name: str = personal()
    title: str | None = personal(None)
    phone: str | None = personal(None)
    email: str | None = personal(None)


@dataclass(frozen=True)
class ContactChanged(DomainEvent):
    """Only the fields that changed are set; `cleared` lists fields emptied."""

    subject_field = "contact_id"
    contact_id: str
    actor_id: str
    legal_basis: LegalBasis | None = None
    cleared: tuple[str, ...] = ()
    name: str | None = personal(None)
    title: str | None = personal(None)
    phone: str | None = personal(None)
    email: str | None = personal(None)


@dataclass(frozen=True)
class ContactMoved(DomainEvent):
    """The contact's actor was merged; the contact now belongs to the survivor."""

    contact_id: str
    from_actor_id: str
    actor_id: str


@dataclass(frozen=True)
class ContactRemoved(DomainEvent):
    contact_id: str
    actor_id: str


@dataclass(frozen=True)
class ContactErased(DomainEvent):
    """The person's key was deleted (crypto-shredding): their data reads as erased in
    every event, message and projection."""

    contact_id: str
    actor_id: str


catalogue = EventCatalogue(
    "actors",
    [
        AreaDefined,
        AreaRenamed,
        AreaRetired,
        ActorRegistered,
        ActorDetailsChanged,
        ActorAreasSet,
        ActorLevelsSet,
        ActorThemesSet,
        ActorDeactivated,
        ActorReactivated,
        ActorMerged,
        ActorAbsorbed,
        ContactAdded,
        ContactChanged,
        ContactMoved,
        ContactRemoved,
        ContactErased,
    ],
)


if __name__ == "__main__":  # make docs: docs/events.md
    print(catalogue.markdown(), end="")

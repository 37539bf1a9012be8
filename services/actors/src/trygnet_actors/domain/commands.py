"""What users ask the actors service to do, named as orders."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from trygnet_actors.domain.events import (
    ActorAreas,
    ActorDeactivation,
    ActorDetails,
    ActorLevels,
    ActorThemes,
    AreaDetails,
)
from trygnet_actors.domain.model import LegalBasis


@dataclass(frozen=True)
class DefineArea(AreaDetails):
    """Define an area the partnership works in."""


@dataclass(frozen=True)
class RenameArea:
    area_id: str
    name: str


@dataclass(frozen=True)
class RetireArea:
    area_id: str


@dataclass(frozen=True)
class RegisterActor(ActorDetails):
    """The details of the organisation to register."""


@dataclass(frozen=True)
class ChangeActorDetails:
    """``changes`` holds only the fields to change; a value of ``None`` clears one."""

    actor_id: str
    changes: Mapping[str, Any]


@dataclass(frozen=True)
class SetActorAreas(ActorAreas):
    pass


@dataclass(frozen=True)
class SetActorLevels(ActorLevels):
    pass


@dataclass(frozen=True)
class SetActorThemes(ActorThemes):
    pass


@dataclass(frozen=True)
class DeactivateActor(ActorDeactivation):
    pass


@dataclass(frozen=True)
class ReactivateActor:
    actor_id: str


@dataclass(frozen=True)
class MergeActors:
    """``merged_id`` is the same organisation as ``survivor_id`` and folds into it."""

    survivor_id: str
    merged_id: str


@dataclass(frozen=True)
class AddContact:
    contact_id: str
    actor_id: str
    name: str
    legal_basis: LegalBasis
    title: str | None = None
    phone: str | None = None
    email: str | None = None


@dataclass(frozen=True)
class ChangeContact:
    """``changes`` holds only the fields to change (name, title, phone, email, legal_basis)."""

    contact_id: str
    changes: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class RemoveContact:
    contact_id: str


@dataclass(frozen=True)
class EraseContact:
    contact_id: str

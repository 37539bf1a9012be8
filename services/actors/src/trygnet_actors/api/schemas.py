"""Request bodies of the actors API (camelCase JSON, as the GraphQL gateway speaks)."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field
from pydantic.alias_generators import to_camel

from trygnet_actors.domain.model import AreaKind, LegalBasis, Level, Sector, Theme


class Body(BaseModel):
    model_config = ConfigDict(alias_generator=to_camel, populate_by_name=True, extra="forbid")


class DefineAreaBody(Body):
    name: str
    kind: AreaKind
    outline: dict[str, Any] | None = None
    population: int | None = None


class RenameAreaBody(Body):
    name: str


class RegisterActorBody(Body):
    name: str
    sector: Sector
    department: str | None = None
    parent_actor_id: str | None = None
    levels: list[Level] = Field(default_factory=list)
    areas: list[str] = Field(default_factory=list)
    themes: list[Theme] = Field(default_factory=list)
    description: str | None = None
    phone: str | None = None
    email: str | None = None
    website: str | None = None
    external_id: str | None = None


class ChangeActorBody(Body):
    """Only the fields present change; ``null`` clears one."""

    name: str | None = None
    sector: Sector | None = None
    department: str | None = None
    parent_actor_id: str | None = None
    description: str | None = None
    phone: str | None = None
    email: str | None = None
    website: str | None = None
    external_id: str | None = None


class AreasBody(Body):
    areas: list[str]


class LevelsBody(Body):
    levels: list[Level]


class ThemesBody(Body):
    themes: list[Theme]


class DeactivateBody(Body):
    reason: str | None = None


class MergeBody(Body):
    merged_id: str


class AddContactBody(Body):
    name: str
    legal_basis: LegalBasis
    title: str | None = None
    phone: str | None = None
    email: str | None = None


class ChangeContactBody(Body):
    name: str | None = None
    title: str | None = None
    phone: str | None = None
    email: str | None = None
    legal_basis: LegalBasis | None = None

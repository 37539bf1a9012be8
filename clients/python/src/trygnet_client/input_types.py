from typing import Optional

from pydantic import Field

from .base_model import BaseModel
from .enums import AreaKind, Level, Sector, Theme


class DefineAreaInput(BaseModel):
    """A new area of the municipality."""

    name: str
    "Its name, unique among the areas in use (case and spacing ignored): else CONFLICT."
    kind: AreaKind
    "What kind of place it is."
    population: Optional[int] = None
    "How many people live there (0 or more); may be left out."


class RegisterActorInput(BaseModel):
    """A new actor: an organisation, or a department of one."""

    name: str
    "The organisation's name."
    sector: Sector
    "What kind of organisation it is."
    department: Optional[str] = None
    "The department or unit within the organisation."
    parent_actor_id: Optional[str] = Field(alias="parentActorId", default=None)
    "The actor it is part of (its parent organisation), if any."
    levels: list[Level] = Field(default_factory=lambda: [])
    "The levels it works on."
    areas: list[str] = Field(default_factory=lambda: [])
    "The ids of the areas it works in."
    themes: list[Theme] = Field(default_factory=lambda: [])
    "The themes it works with."
    description: Optional[str] = None
    "What it does, in its own words."
    phone: Optional[str] = None
    "The organisation's public phone (not a person's)."
    email: Optional[str] = None
    "The organisation's public e-mail (not a person's)."
    website: Optional[str] = None
    "The organisation's public website."
    external_id: Optional[str] = Field(alias="externalId", default=None)
    "Your own system's key for it, unique in the municipality: registering it again with the same external id is CONFLICT, not a second actor."

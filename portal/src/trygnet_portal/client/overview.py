from typing import Optional

from pydantic import Field

from .base_model import BaseModel
from .enums import GroupKind, Level, Sector, Theme
from .fragments import ContactCard


class Overview(BaseModel):
    directory: "OverviewDirectory"


class OverviewDirectory(BaseModel):
    count: int
    by_level: list["OverviewDirectoryByLevel"] = Field(alias="byLevel")
    by_theme: list["OverviewDirectoryByTheme"] = Field(alias="byTheme")
    actors: list["OverviewDirectoryActors"]


class OverviewDirectoryByLevel(BaseModel):
    level: Level
    actors: int


class OverviewDirectoryByTheme(BaseModel):
    theme: Theme
    actors: int


class OverviewDirectoryActors(BaseModel):
    actor_id: str = Field(alias="actorId")
    name: str
    sector: Sector
    department: Optional[str]
    levels: list[Level]
    themes: list[Theme]
    description: Optional[str]
    phone: Optional[str]
    email: Optional[str]
    contact_persons: int = Field(alias="contactPersons")
    working_on: list["OverviewDirectoryActorsWorkingOn"] = Field(alias="workingOn")
    areas: list["OverviewDirectoryActorsAreas"]
    actor: Optional["OverviewDirectoryActorsActor"]


class OverviewDirectoryActorsWorkingOn(BaseModel):
    id: str
    kind: GroupKind
    title: str


class OverviewDirectoryActorsAreas(BaseModel):
    id: str
    name: str


class OverviewDirectoryActorsActor(BaseModel):
    contacts: list["OverviewDirectoryActorsActorContacts"]


OverviewDirectoryActorsActorContacts = ContactCard
Overview.model_rebuild()
OverviewDirectory.model_rebuild()
OverviewDirectoryActors.model_rebuild()
OverviewDirectoryActorsActor.model_rebuild()

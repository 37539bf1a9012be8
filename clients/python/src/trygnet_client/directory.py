from typing import Optional

from pydantic import Field

from .base_model import BaseModel
from .enums import GroupKind, Level, Sector, Theme


class Directory(BaseModel):
    directory: "DirectoryDirectory"


class DirectoryDirectory(BaseModel):
    count: int
    area: Optional["DirectoryDirectoryArea"]
    actors: list["DirectoryDirectoryActors"]
    by_level: list["DirectoryDirectoryByLevel"] = Field(alias="byLevel")


class DirectoryDirectoryArea(BaseModel):
    id: str
    name: str


class DirectoryDirectoryActors(BaseModel):
    actor_id: str = Field(alias="actorId")
    name: str
    sector: Sector
    levels: list[Level]
    themes: list[Theme]
    phone: Optional[str]
    email: Optional[str]
    website: Optional[str]
    areas: list["DirectoryDirectoryActorsAreas"]
    working_on: list["DirectoryDirectoryActorsWorkingOn"] = Field(alias="workingOn")


class DirectoryDirectoryActorsAreas(BaseModel):
    id: str
    name: str


class DirectoryDirectoryActorsWorkingOn(BaseModel):
    id: str
    kind: GroupKind
    title: str


class DirectoryDirectoryByLevel(BaseModel):
    level: Level
    actors: int


Directory.model_rebuild()
DirectoryDirectory.model_rebuild()
DirectoryDirectoryActors.model_rebuild()

from typing import Optional

from .base_model import BaseModel
from .enums import ActorStatus, Level, Sector, Theme


class ActorProfile(BaseModel):
    actor: "ActorProfileActor"


class ActorProfileActor(BaseModel):
    id: str
    name: str
    sector: Sector
    department: Optional[str]
    levels: list[Level]
    themes: list[Theme]
    description: Optional[str]
    phone: Optional[str]
    email: Optional[str]
    website: Optional[str]
    status: ActorStatus
    parent: Optional["ActorProfileActorParent"]
    areas: list["ActorProfileActorAreas"]
    contacts: list["ActorProfileActorContacts"]


class ActorProfileActorParent(BaseModel):
    id: str
    name: str


class ActorProfileActorAreas(BaseModel):
    id: str
    name: str


class ActorProfileActorContacts(BaseModel):
    id: str
    name: str
    title: Optional[str]
    phone: Optional[str]
    email: Optional[str]
    status: str


ActorProfile.model_rebuild()
ActorProfileActor.model_rebuild()

from typing import Optional

from .base_model import BaseModel
from .enums import ActorStatus, Level, Sector, Theme
from .fragments import ContactCard


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


ActorProfileActorContacts = ContactCard
ActorProfile.model_rebuild()
ActorProfileActor.model_rebuild()

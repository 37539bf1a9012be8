from pydantic import Field

from .base_model import BaseModel
from .enums import GroupKind


class ActorWork(BaseModel):
    directory: "ActorWorkDirectory"


class ActorWorkDirectory(BaseModel):
    actors: list["ActorWorkDirectoryActors"]


class ActorWorkDirectoryActors(BaseModel):
    actor_id: str = Field(alias="actorId")
    working_on: list["ActorWorkDirectoryActorsWorkingOn"] = Field(alias="workingOn")


class ActorWorkDirectoryActorsWorkingOn(BaseModel):
    id: str
    kind: GroupKind
    title: str


ActorWork.model_rebuild()
ActorWorkDirectory.model_rebuild()
ActorWorkDirectoryActors.model_rebuild()

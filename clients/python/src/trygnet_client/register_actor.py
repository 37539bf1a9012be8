from pydantic import Field

from .base_model import BaseModel
from .fragments import ActorFields


class RegisterActor(BaseModel):
    register_actor: "RegisterActorRegisterActor" = Field(alias="registerActor")


class RegisterActorRegisterActor(BaseModel):
    position: str
    actor: "RegisterActorRegisterActorActor"


RegisterActorRegisterActorActor = ActorFields
RegisterActor.model_rebuild()
RegisterActorRegisterActor.model_rebuild()

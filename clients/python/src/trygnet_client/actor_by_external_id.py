from .base_model import BaseModel
from .fragments import ActorFields


class ActorByExternalId(BaseModel):
    actor: "ActorByExternalIdActor"


ActorByExternalIdActor = ActorFields
ActorByExternalId.model_rebuild()

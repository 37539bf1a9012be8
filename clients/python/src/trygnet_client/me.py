from typing import Optional

from pydantic import Field

from .base_model import BaseModel


class Me(BaseModel):
    me: "MeMe"


class MeMe(BaseModel):
    subject: str
    tenant: str
    roles: list[str]
    actor_id: Optional[str] = Field(alias="actorId")


Me.model_rebuild()

from pydantic import Field

from .base_model import BaseModel


class JoinActivity(BaseModel):
    join_activity: "JoinActivityJoinActivity" = Field(alias="joinActivity")


class JoinActivityJoinActivity(BaseModel):
    position: str
    activity: "JoinActivityJoinActivityActivity"


class JoinActivityJoinActivityActivity(BaseModel):
    id: str


JoinActivity.model_rebuild()
JoinActivityJoinActivity.model_rebuild()

from pydantic import Field

from .base_model import BaseModel


class UpdateActivity(BaseModel):
    update_activity: "UpdateActivityUpdateActivity" = Field(alias="updateActivity")


class UpdateActivityUpdateActivity(BaseModel):
    position: str
    activity: "UpdateActivityUpdateActivityActivity"


class UpdateActivityUpdateActivityActivity(BaseModel):
    id: str


UpdateActivity.model_rebuild()
UpdateActivityUpdateActivity.model_rebuild()

from pydantic import Field

from .base_model import BaseModel


class CreateActivity(BaseModel):
    create_activity: "CreateActivityCreateActivity" = Field(alias="createActivity")


class CreateActivityCreateActivity(BaseModel):
    position: str
    activity: "CreateActivityCreateActivityActivity"


class CreateActivityCreateActivityActivity(BaseModel):
    id: str


CreateActivity.model_rebuild()
CreateActivityCreateActivity.model_rebuild()

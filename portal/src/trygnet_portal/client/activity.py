from .base_model import BaseModel
from .fragments import ActivityDetail


class Activity(BaseModel):
    activity: "ActivityActivity"


ActivityActivity = ActivityDetail
Activity.model_rebuild()

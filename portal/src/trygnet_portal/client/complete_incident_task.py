from pydantic import Field

from .base_model import BaseModel


class CompleteIncidentTask(BaseModel):
    complete_incident_task: "CompleteIncidentTaskCompleteIncidentTask" = Field(
        alias="completeIncidentTask"
    )


class CompleteIncidentTaskCompleteIncidentTask(BaseModel):
    position: str


CompleteIncidentTask.model_rebuild()

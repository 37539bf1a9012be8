from pydantic import Field

from .base_model import BaseModel


class AddIncidentTask(BaseModel):
    add_incident_task: "AddIncidentTaskAddIncidentTask" = Field(alias="addIncidentTask")


class AddIncidentTaskAddIncidentTask(BaseModel):
    position: str


AddIncidentTask.model_rebuild()

from pydantic import Field

from .base_model import BaseModel


class ChangeIncidentStatus(BaseModel):
    change_incident_status: "ChangeIncidentStatusChangeIncidentStatus" = Field(
        alias="changeIncidentStatus"
    )


class ChangeIncidentStatusChangeIncidentStatus(BaseModel):
    position: str


ChangeIncidentStatus.model_rebuild()

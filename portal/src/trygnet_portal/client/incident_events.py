from pydantic import Field

from .base_model import BaseModel
from .enums import IncidentStatus


class IncidentEvents(BaseModel):
    incident_events: "IncidentEventsIncidentEvents" = Field(alias="incidentEvents")


class IncidentEventsIncidentEvents(BaseModel):
    type_: str = Field(alias="type")
    incident_id: str = Field(alias="incidentId")
    incident: "IncidentEventsIncidentEventsIncident"


class IncidentEventsIncidentEventsIncident(BaseModel):
    status: IncidentStatus


IncidentEvents.model_rebuild()
IncidentEventsIncidentEvents.model_rebuild()

from datetime import datetime
from typing import Optional

from pydantic import Field

from .base_model import BaseModel
from .enums import IncidentKind, IncidentStatus


class ActorIncidents(BaseModel):
    incidents: "ActorIncidentsIncidents"


class ActorIncidentsIncidents(BaseModel):
    total_count: int = Field(alias="totalCount")
    edges: list["ActorIncidentsIncidentsEdges"]


class ActorIncidentsIncidentsEdges(BaseModel):
    node: "ActorIncidentsIncidentsEdgesNode"


class ActorIncidentsIncidentsEdgesNode(BaseModel):
    id: str
    kind: IncidentKind
    severity: int
    status: IncidentStatus
    redacted: bool
    occurred_at: datetime = Field(alias="occurredAt")
    area: Optional["ActorIncidentsIncidentsEdgesNodeArea"]


class ActorIncidentsIncidentsEdgesNodeArea(BaseModel):
    name: str


ActorIncidents.model_rebuild()
ActorIncidentsIncidents.model_rebuild()
ActorIncidentsIncidentsEdges.model_rebuild()
ActorIncidentsIncidentsEdgesNode.model_rebuild()

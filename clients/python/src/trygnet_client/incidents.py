from datetime import datetime
from typing import Optional

from pydantic import Field

from .base_model import BaseModel
from .enums import IncidentKind, IncidentStatus, Sensitivity


class Incidents(BaseModel):
    incidents: "IncidentsIncidents"


class IncidentsIncidents(BaseModel):
    total_count: int = Field(alias="totalCount")
    page_info: "IncidentsIncidentsPageInfo" = Field(alias="pageInfo")
    edges: list["IncidentsIncidentsEdges"]


class IncidentsIncidentsPageInfo(BaseModel):
    has_next_page: bool = Field(alias="hasNextPage")
    end_cursor: Optional[str] = Field(alias="endCursor")


class IncidentsIncidentsEdges(BaseModel):
    node: "IncidentsIncidentsEdgesNode"


class IncidentsIncidentsEdgesNode(BaseModel):
    id: str
    kind: IncidentKind
    severity: int
    sensitivity: Sensitivity
    status: IncidentStatus
    occurred_at: datetime = Field(alias="occurredAt")
    reported_at: datetime = Field(alias="reportedAt")
    summary: Optional[str]
    redacted: bool
    area: Optional["IncidentsIncidentsEdgesNodeArea"]


class IncidentsIncidentsEdgesNodeArea(BaseModel):
    id: str
    name: str


Incidents.model_rebuild()
IncidentsIncidents.model_rebuild()
IncidentsIncidentsEdges.model_rebuild()
IncidentsIncidentsEdgesNode.model_rebuild()

from datetime import date, datetime
from typing import Optional

from pydantic import Field

from .base_model import BaseModel
from .enums import (
    IncidentKind,
    IncidentStatus,
    ResponseRole,
    Sensitivity,
    TaskPriority,
    TaskStatus,
    TimelineKind,
)


class Incident(BaseModel):
    incident: "IncidentIncident"


class IncidentIncident(BaseModel):
    id: str
    kind: IncidentKind
    severity: int
    place: Optional[str]
    occurred_at: datetime = Field(alias="occurredAt")
    reported_at: datetime = Field(alias="reportedAt")
    sensitivity: Sensitivity
    summary: Optional[str]
    restricted_details: Optional[str] = Field(alias="restrictedDetails")
    status: IncidentStatus
    status_at: Optional[datetime] = Field(alias="statusAt")
    redacted: bool
    version: int
    personal_data_erased: bool = Field(alias="personalDataErased")
    area: Optional["IncidentIncidentArea"]
    reporting_actor: Optional["IncidentIncidentReportingActor"] = Field(
        alias="reportingActor"
    )
    status_history: list["IncidentIncidentStatusHistory"] = Field(alias="statusHistory")
    roles: list["IncidentIncidentRoles"]
    tasks: list["IncidentIncidentTasks"]
    timeline: list["IncidentIncidentTimeline"]
    tactical_report: Optional["IncidentIncidentTacticalReport"] = Field(
        alias="tacticalReport"
    )


class IncidentIncidentArea(BaseModel):
    id: str
    name: str


class IncidentIncidentReportingActor(BaseModel):
    id: str
    name: str


class IncidentIncidentStatusHistory(BaseModel):
    status: IncidentStatus
    at: datetime
    reason: Optional[str]


class IncidentIncidentRoles(BaseModel):
    role: ResponseRole
    actor: Optional["IncidentIncidentRolesActor"]


class IncidentIncidentRolesActor(BaseModel):
    id: str
    name: str


class IncidentIncidentTasks(BaseModel):
    id: str
    title: str
    due: Optional[date]
    priority: TaskPriority
    status: TaskStatus
    assignee: Optional["IncidentIncidentTasksAssignee"]


class IncidentIncidentTasksAssignee(BaseModel):
    id: str
    name: str


class IncidentIncidentTimeline(BaseModel):
    id: str
    kind: TimelineKind
    at: datetime
    text: str
    pinned: bool
    author: Optional["IncidentIncidentTimelineAuthor"]


class IncidentIncidentTimelineAuthor(BaseModel):
    id: str
    name: str


class IncidentIncidentTacticalReport(BaseModel):
    version: int
    at: datetime
    conditions: Optional[str]
    actions: Optional[str]
    needs: Optional[str]
    author: Optional["IncidentIncidentTacticalReportAuthor"]


class IncidentIncidentTacticalReportAuthor(BaseModel):
    name: str


Incident.model_rebuild()
IncidentIncident.model_rebuild()
IncidentIncidentRoles.model_rebuild()
IncidentIncidentTasks.model_rebuild()
IncidentIncidentTimeline.model_rebuild()
IncidentIncidentTacticalReport.model_rebuild()

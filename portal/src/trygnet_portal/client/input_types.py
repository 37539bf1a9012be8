from datetime import date, datetime
from typing import Any, Optional

from pydantic import Field

from .base_model import BaseModel
from .enums import (
    FindingKind,
    IncidentKind,
    IncidentStatus,
    Level,
    PartnerRole,
    Sensitivity,
    TaskPriority,
    Theme,
    TimelineKind,
)


class AddIncidentTaskInput(BaseModel):
    incident_id: str = Field(alias="incidentId")
    title: str
    assignee_actor_id: str = Field(alias="assigneeActorId")
    due: date
    priority: TaskPriority = TaskPriority.NORMAL
    expected_version: Optional[int] = Field(alias="expectedVersion", default=None)


class AddTimelineEntryInput(BaseModel):
    incident_id: str = Field(alias="incidentId")
    kind: TimelineKind
    text: str
    author_actor_id: str = Field(alias="authorActorId")
    at: Optional[datetime] = None
    expected_version: Optional[int] = Field(alias="expectedVersion", default=None)


class AssignFindingActionInput(BaseModel):
    walk_id: str = Field(alias="walkId")
    finding_id: str = Field(alias="findingId")
    owner_actor_id: str = Field(alias="ownerActorId")
    deadline: date
    expected_version: Optional[int] = Field(alias="expectedVersion", default=None)


class ChangeIncidentStatusInput(BaseModel):
    """ACTIVE activates (or reopens a closed incident), STABLE stabilises, CLOSED closes (a reason is needed)."""

    id: str
    status: IncidentStatus
    reason: Optional[str] = None
    at: Optional[datetime] = None
    expected_version: Optional[int] = Field(alias="expectedVersion", default=None)


class CompleteIncidentTaskInput(BaseModel):
    incident_id: str = Field(alias="incidentId")
    task_id: str = Field(alias="taskId")
    expected_version: Optional[int] = Field(alias="expectedVersion", default=None)


class CoordinatesInput(BaseModel):
    """WGS 84 degrees."""

    lat: float
    lon: float


class CreateActivityInput(BaseModel):
    title: str
    level: Level
    owner_actor_id: str = Field(alias="ownerActorId")
    description: Optional[str] = None
    themes: list[Theme] = Field(default_factory=lambda: [])
    target_age_from: Optional[int] = Field(alias="targetAgeFrom", default=None)
    target_age_to: Optional[int] = Field(alias="targetAgeTo", default=None)
    target_group: Optional[str] = Field(alias="targetGroup", default=None)
    areas: list[str] = Field(default_factory=lambda: [])
    start: Optional[date] = None
    end: Optional[date] = None
    hours: Optional[int] = None
    budget: Optional[int] = None
    focus_areas: list[str] = Field(alias="focusAreas", default_factory=lambda: [])
    incident_id: Optional[str] = Field(alias="incidentId", default=None)


class JoinActivityInput(BaseModel):
    activity_id: str = Field(alias="activityId")
    actor_id: str = Field(alias="actorId")
    role: PartnerRole
    expected_version: Optional[int] = Field(alias="expectedVersion", default=None)


class JoinForumInput(BaseModel):
    forum_id: str = Field(alias="forumId")
    actor_id: str = Field(alias="actorId")
    expected_version: Optional[int] = Field(alias="expectedVersion", default=None)


class RecordFindingInput(BaseModel):
    walk_id: str = Field(alias="walkId")
    kind: FindingKind
    place: str
    description: str
    coordinates: Optional["CoordinatesInput"] = None
    photo_url: Optional[str] = Field(alias="photoUrl", default=None)
    expected_version: Optional[int] = Field(alias="expectedVersion", default=None)


class ReportIncidentInput(BaseModel):
    kind: IncidentKind
    severity: int
    area_id: str = Field(alias="areaId")
    place: str
    occurred_at: datetime = Field(alias="occurredAt")
    reporting_actor_id: str = Field(alias="reportingActorId")
    summary: str
    reported_at: Optional[datetime] = Field(alias="reportedAt", default=None)
    sensitivity: Sensitivity = Sensitivity.OPEN
    restricted_details: Optional[str] = Field(alias="restrictedDetails", default=None)
    coordinates: Optional[Any] = None
    "{lat, lon} in WGS 84 degrees."


class UpdateActivityInput(BaseModel):
    """Only the fields given change; a field given as null is cleared."""

    activity_id: str = Field(alias="activityId")
    title: Optional[str] = None
    level: Optional[Level] = None
    owner_actor_id: Optional[str] = Field(alias="ownerActorId", default=None)
    description: Optional[str] = None
    themes: Optional[list[Theme]] = None
    target_age_from: Optional[int] = Field(alias="targetAgeFrom", default=None)
    target_age_to: Optional[int] = Field(alias="targetAgeTo", default=None)
    target_group: Optional[str] = Field(alias="targetGroup", default=None)
    areas: Optional[list[str]] = None
    start: Optional[date] = None
    end: Optional[date] = None
    hours: Optional[int] = None
    budget: Optional[int] = None
    focus_areas: Optional[list[str]] = Field(alias="focusAreas", default=None)
    expected_version: Optional[int] = Field(alias="expectedVersion", default=None)


RecordFindingInput.model_rebuild()

from datetime import date, datetime
from typing import Any, Optional

from pydantic import Field

from .base_model import BaseModel
from .enums import (
    FindingKind,
    FollowUpStatus,
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
    """A task for an actor in the response."""

    incident_id: str = Field(alias="incidentId")
    "The incident."
    title: str
    "What is to be done."
    assignee_actor_id: str = Field(alias="assigneeActorId")
    "The actor to do it."
    due: date
    "The day it is due."
    priority: TaskPriority = TaskPriority.NORMAL
    "How urgent it is (default NORMAL)."
    expected_version: Optional[int] = Field(alias="expectedVersion", default=None)
    "The `version` you last read: the change is made only if it is still at that version, else CONFLICT and nothing changes. Left out: whatever the version."


class AddTimelineEntryInput(BaseModel):
    """An entry of the incident's timeline."""

    incident_id: str = Field(alias="incidentId")
    "The incident."
    kind: TimelineKind
    "What it records."
    text: str
    "What happened."
    author_actor_id: str = Field(alias="authorActorId")
    "The actor writing it (a partner writes for its own actor)."
    at: Optional[datetime] = None
    "When it happened, if not now (ISO 8601 with offset)."
    expected_version: Optional[int] = Field(alias="expectedVersion", default=None)
    "The `version` you last read: the change is made only if it is still at that version, else CONFLICT and nothing changes. Left out: whatever the version."


class AssignFindingActionInput(BaseModel):
    """An actor is to act on a finding by a deadline."""

    walk_id: str = Field(alias="walkId")
    "The walk."
    finding_id: str = Field(alias="findingId")
    "The finding."
    owner_actor_id: str = Field(alias="ownerActorId")
    "The actor to act."
    deadline: date
    "The day it is to be done by: on or after the walk."
    expected_version: Optional[int] = Field(alias="expectedVersion", default=None)
    "The `version` you last read: the change is made only if it is still at that version, else CONFLICT and nothing changes. Left out: whatever the version."


class ChangeIncidentStatusInput(BaseModel):
    """ACTIVE activates (or reopens a closed incident), STABLE stabilises, CLOSED closes (a reason is needed)."""

    id: str
    "The incident."
    status: IncidentStatus
    "Its new status (not REPORTED)."
    reason: Optional[str] = None
    "Why; needed to close, ignored for ACTIVE and STABLE."
    at: Optional[datetime] = None
    "When, if not now (ISO 8601 with offset)."
    expected_version: Optional[int] = Field(alias="expectedVersion", default=None)
    "The `version` you last read: the change is made only if it is still at that version, else CONFLICT and nothing changes. Left out: whatever the version."


class ChangeSituationDecisionStatusInput(BaseModel):
    """Follow a decision up: open, done or cancelled."""

    area_id: str = Field(alias="areaId")
    "The area."
    week: str
    "The ISO week: 2026-W38 (Monday to Sunday)."
    decision_id: str = Field(alias="decisionId")
    "The decision."
    status: FollowUpStatus
    "Its new status."
    expected_version: Optional[int] = Field(alias="expectedVersion", default=None)
    "The `version` you last read: the change is made only if it is still at that version, else CONFLICT and nothing changes. Left out: whatever the version."


class CompleteIncidentTaskInput(BaseModel):
    """The task to mark done."""

    incident_id: str = Field(alias="incidentId")
    "The incident."
    task_id: str = Field(alias="taskId")
    "The task."
    expected_version: Optional[int] = Field(alias="expectedVersion", default=None)
    "The `version` you last read: the change is made only if it is still at that version, else CONFLICT and nothing changes. Left out: whatever the version."


class CoordinatesInput(BaseModel):
    """WGS 84 degrees."""

    lat: float
    "Latitude, -90 to 90."
    lon: float
    "Longitude, -180 to 180."


class CreateActivityInput(BaseModel):
    """A new collaborative prevention activity."""

    title: str
    "Its title."
    level: Level
    "The level it works on."
    owner_actor_id: str = Field(alias="ownerActorId")
    "The actor that owns it."
    description: Optional[str] = None
    "What it does."
    themes: list[Theme] = Field(default_factory=lambda: [])
    "What it is about."
    target_age_from: Optional[int] = Field(alias="targetAgeFrom", default=None)
    "The youngest age it is for (0-120)."
    target_age_to: Optional[int] = Field(alias="targetAgeTo", default=None)
    "The oldest age it is for (0-120, not below `targetAgeFrom`)."
    target_group: Optional[str] = Field(alias="targetGroup", default=None)
    "Whom it is for, in words (no names of people)."
    areas: list[str] = Field(default_factory=lambda: [])
    "The ids of the areas it works in."
    start: Optional[date] = None
    "The day it starts."
    end: Optional[date] = None
    "The day it ends (not before `start`)."
    hours: Optional[int] = None
    "Hours of work put into it in all (0 to 10,000,000)."
    budget: Optional[int] = None
    "Its budget, in whole units of the municipality's currency (DKK or SEK)."
    focus_areas: list[str] = Field(alias="focusAreas", default_factory=lambda: [])
    "The ids of the strategy's focus areas it serves."
    incident_id: Optional[str] = Field(alias="incidentId", default=None)
    "The incident whose response started it, if one did."


class JoinActivityInput(BaseModel):
    """An actor joining an activity, or taking another role there."""

    activity_id: str = Field(alias="activityId")
    "The activity."
    actor_id: str = Field(alias="actorId")
    "The actor joining."
    role: PartnerRole
    "Its role there."
    expected_version: Optional[int] = Field(alias="expectedVersion", default=None)
    "The `version` you last read: the change is made only if it is still at that version, else CONFLICT and nothing changes. Left out: whatever the version."


class JoinForumInput(BaseModel):
    """An actor joining a forum."""

    forum_id: str = Field(alias="forumId")
    "The forum."
    actor_id: str = Field(alias="actorId")
    "The actor joining."
    expected_version: Optional[int] = Field(alias="expectedVersion", default=None)
    "The `version` you last read: the change is made only if it is still at that version, else CONFLICT and nothing changes. Left out: whatever the version."


class RecordFindingInput(BaseModel):
    """Something a safety walk found."""

    walk_id: str = Field(alias="walkId")
    "The walk."
    kind: FindingKind
    "What was found."
    place: str
    "Where, in words: the path behind block 4."
    description: str
    "What makes it feel unsafe."
    coordinates: Optional["CoordinatesInput"] = None
    "Where, as a point."
    photo_url: Optional[str] = Field(alias="photoUrl", default=None)
    "A link (https) to a photo of it."
    expected_version: Optional[int] = Field(alias="expectedVersion", default=None)
    "The `version` you last read: the change is made only if it is still at that version, else CONFLICT and nothing changes. Left out: whatever the version."


class RecordSituationDecisionInput(BaseModel):
    """An action decided on an area's weekly situation picture."""

    area_id: str = Field(alias="areaId")
    "The area."
    week: str
    "The ISO week: 2026-W38 (Monday to Sunday)."
    action: str
    "What is to be done."
    owner_actor_id: str = Field(alias="ownerActorId")
    "The actor who does it."
    due: date
    "By when: no earlier than the week's Monday."
    expected_version: Optional[int] = Field(alias="expectedVersion", default=None)
    "The `version` you last read: the change is made only if it is still at that version, else CONFLICT and nothing changes. Left out: whatever the version."


class ReportIncidentInput(BaseModel):
    """A new incident."""

    kind: IncidentKind
    "What happened."
    severity: int
    "1 (minor) to 4 (most serious)."
    area_id: str = Field(alias="areaId")
    "The area it happened in."
    place: str
    "Where, in words: the square by the shopping centre."
    occurred_at: datetime = Field(alias="occurredAt")
    "When it happened (ISO 8601 with offset): not in the future."
    reporting_actor_id: str = Field(alias="reportingActorId")
    "The actor reporting it (a partner reports for its own actor)."
    summary: str
    "What happened, for every reader allowed (no names of people if it is open)."
    reported_at: Optional[datetime] = Field(alias="reportedAt", default=None)
    "When it was reported, if not now (ISO 8601 with offset)."
    sensitivity: Sensitivity = Sensitivity.OPEN
    "Who may read it whole (default OPEN)."
    restricted_details: Optional[str] = Field(alias="restrictedDetails", default=None)
    "What only coordinators and police may read."
    coordinates: Optional[Any] = None
    "{lat, lon} in WGS 84 degrees."


class SharePracticeInput(BaseModel):
    """An activity to share with every municipality as a practice (coordinators). Its title, description, themes, target group and ages, partners' sectors, hours, budget and the indicators it serves go; nothing else of it, and no person."""

    activity_id: str = Field(alias="activityId")
    "The activity to share."
    name_partners: Optional[bool] = Field(alias="namePartners", default=None)
    "True to show the partners' names too (their sectors always show)."
    contact_actor_id: Optional[str] = Field(alias="contactActorId", default=None)
    "The owner or a partner to show as the organisation to call; left out, no contact is shown."


class UpdateActivityInput(BaseModel):
    """Only the fields given change; a field given as null is cleared."""

    activity_id: str = Field(alias="activityId")
    "The activity."
    title: Optional[str] = None
    "Its title (cannot be cleared)."
    level: Optional[Level] = None
    "The level it works on (cannot be cleared)."
    owner_actor_id: Optional[str] = Field(alias="ownerActorId", default=None)
    "The actor that owns it (cannot be cleared)."
    description: Optional[str] = None
    "What it does."
    themes: Optional[list[Theme]] = None
    "Every theme it is about (the whole list)."
    target_age_from: Optional[int] = Field(alias="targetAgeFrom", default=None)
    "The youngest age it is for (0-120)."
    target_age_to: Optional[int] = Field(alias="targetAgeTo", default=None)
    "The oldest age it is for (0-120)."
    target_group: Optional[str] = Field(alias="targetGroup", default=None)
    "Whom it is for, in words."
    areas: Optional[list[str]] = None
    "Every area it works in (the whole list)."
    start: Optional[date] = None
    "The day it starts."
    end: Optional[date] = None
    "The day it ends."
    hours: Optional[int] = None
    "Hours of work put into it in all."
    budget: Optional[int] = None
    "Its budget, in whole units of the municipality's currency (DKK or SEK)."
    focus_areas: Optional[list[str]] = Field(alias="focusAreas", default=None)
    "Every focus area it serves (the whole list)."
    expected_version: Optional[int] = Field(alias="expectedVersion", default=None)
    "The `version` you last read: the change is made only if it is still at that version, else CONFLICT and nothing changes. Left out: whatever the version."


class WithdrawPracticeInput(BaseModel):
    """A shared practice to withdraw (coordinators)."""

    activity_id: str = Field(alias="activityId")
    "The activity shared."


RecordFindingInput.model_rebuild()

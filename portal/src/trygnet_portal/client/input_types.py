from datetime import date, datetime
from typing import Any, Optional

from pydantic import Field

from .base_model import BaseModel
from .enums import (
    ActivityStatus,
    AreaKind,
    Cadence,
    FindingActionStatus,
    FindingKind,
    FollowUpStatus,
    IncidentKind,
    IncidentStatus,
    IndicatorDirection,
    LegalBasis,
    Level,
    LinkKind,
    PartnerRole,
    RelationshipIntensity,
    ResponseRole,
    Sector,
    Sensitivity,
    TaskPriority,
    TaskStatus,
    Theme,
    TimelineKind,
)


class AddContactInput(BaseModel):
    actor_id: str = Field(alias="actorId")
    name: str
    legal_basis: LegalBasis = Field(alias="legalBasis")
    "Why Trygnet may keep the person's data (GDPR article 6)."
    title: Optional[str] = None
    phone: Optional[str] = None
    email: Optional[str] = None


class AddFocusAreaInput(BaseModel):
    title: str
    expected_version: Optional[int] = Field(alias="expectedVersion", default=None)


class AddIncidentTaskInput(BaseModel):
    incident_id: str = Field(alias="incidentId")
    title: str
    assignee_actor_id: str = Field(alias="assigneeActorId")
    due: date
    priority: TaskPriority = TaskPriority.NORMAL
    expected_version: Optional[int] = Field(alias="expectedVersion", default=None)


class AddIndicatorInput(BaseModel):
    focus_area_id: str = Field(alias="focusAreaId")
    name: str
    unit: str
    "`%` keeps values within 0-100."
    direction: IndicatorDirection
    target: Optional[float] = None
    expected_version: Optional[int] = Field(alias="expectedVersion", default=None)


class AddTimelineEntryInput(BaseModel):
    incident_id: str = Field(alias="incidentId")
    kind: TimelineKind
    text: str
    author_actor_id: str = Field(alias="authorActorId")
    at: Optional[datetime] = None
    expected_version: Optional[int] = Field(alias="expectedVersion", default=None)


class AdoptStrategyInput(BaseModel):
    title: str


class AssignFindingActionInput(BaseModel):
    walk_id: str = Field(alias="walkId")
    finding_id: str = Field(alias="findingId")
    owner_actor_id: str = Field(alias="ownerActorId")
    deadline: date
    expected_version: Optional[int] = Field(alias="expectedVersion", default=None)


class AssignIncidentRoleInput(BaseModel):
    incident_id: str = Field(alias="incidentId")
    actor_id: str = Field(alias="actorId")
    role: ResponseRole
    contact_id: Optional[str] = Field(alias="contactId", default=None)
    expected_version: Optional[int] = Field(alias="expectedVersion", default=None)


class ChangeActivityStatusInput(BaseModel):
    activity_id: str = Field(alias="activityId")
    status: ActivityStatus
    expected_version: Optional[int] = Field(alias="expectedVersion", default=None)


class ChangeFollowUpStatusInput(BaseModel):
    forum_id: str = Field(alias="forumId")
    follow_up_id: str = Field(alias="followUpId")
    status: FollowUpStatus
    expected_version: Optional[int] = Field(alias="expectedVersion", default=None)


class ChangeIncidentStatusInput(BaseModel):
    """ACTIVE activates (or reopens a closed incident), STABLE stabilises, CLOSED closes (a reason is needed)."""

    id: str
    status: IncidentStatus
    reason: Optional[str] = None
    at: Optional[datetime] = None
    expected_version: Optional[int] = Field(alias="expectedVersion", default=None)


class ChangeIncidentTaskStatusInput(BaseModel):
    incident_id: str = Field(alias="incidentId")
    task_id: str = Field(alias="taskId")
    status: TaskStatus
    expected_version: Optional[int] = Field(alias="expectedVersion", default=None)


class CloseSurveyWaveInput(BaseModel):
    wave_id: str = Field(alias="waveId")
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


class CreateForumInput(BaseModel):
    name: str
    level: Level
    owner_actor_id: str = Field(alias="ownerActorId")
    cadence: Cadence
    partnership_id: Optional[str] = Field(alias="partnershipId", default=None)
    members: list[str] = Field(default_factory=lambda: [])


class CreatePartnershipInput(BaseModel):
    name: str
    mandate: str
    authorised_by: str = Field(alias="authorisedBy")
    authorised_on: date = Field(alias="authorisedOn")
    coordinator_actor_id: str = Field(alias="coordinatorActorId")
    areas: list[str] = Field(default_factory=lambda: [])
    hours_per_year: Optional[int] = Field(alias="hoursPerYear", default=None)
    budget_per_year: Optional[int] = Field(alias="budgetPerYear", default=None)


class DeactivateActorInput(BaseModel):
    id: str
    reason: Optional[str] = None


class DefineAreaInput(BaseModel):
    name: str
    kind: AreaKind
    population: Optional[int] = None


class EraseContactInput(BaseModel):
    """Erase the person: their data reads as erased everywhere, for good."""

    id: str


class EraseIncidentPersonalDataInput(BaseModel):
    incident_id: str = Field(alias="incidentId")


class EscalationRuleInput(BaseModel):
    id: str
    kind: IncidentKind
    minimum_severity: int = Field(alias="minimumSeverity")
    area_id: str = Field(alias="areaId")
    'An area, or "any".'
    actor_ids: list[str] = Field(alias="actorIds")


class FollowUpInput(BaseModel):
    """Something the meeting asks an actor to do by a day."""

    description: str
    actor_id: str = Field(alias="actorId")
    due: date
    follow_up_id: Optional[str] = Field(alias="followUpId", default=None)
    "Made by the gateway when left out."


class ImportActorsInput(BaseModel):
    """A list of actors as CSV text (docs/actors.md: the header row, one actor or one more contact a row, matched by external_id)."""

    csv: str
    dry_run: bool = Field(alias="dryRun", default=False)
    "Check every row and write nothing."


class JoinActivityInput(BaseModel):
    activity_id: str = Field(alias="activityId")
    actor_id: str = Field(alias="actorId")
    role: PartnerRole
    expected_version: Optional[int] = Field(alias="expectedVersion", default=None)


class JoinForumInput(BaseModel):
    forum_id: str = Field(alias="forumId")
    actor_id: str = Field(alias="actorId")
    expected_version: Optional[int] = Field(alias="expectedVersion", default=None)


class JoinPartnershipInput(BaseModel):
    partnership_id: str = Field(alias="partnershipId")
    actor_id: str = Field(alias="actorId")
    role: str
    expected_version: Optional[int] = Field(alias="expectedVersion", default=None)


class LeaveActivityInput(BaseModel):
    activity_id: str = Field(alias="activityId")
    actor_id: str = Field(alias="actorId")
    expected_version: Optional[int] = Field(alias="expectedVersion", default=None)


class LeaveForumInput(BaseModel):
    forum_id: str = Field(alias="forumId")
    actor_id: str = Field(alias="actorId")
    expected_version: Optional[int] = Field(alias="expectedVersion", default=None)


class LeavePartnershipInput(BaseModel):
    partnership_id: str = Field(alias="partnershipId")
    actor_id: str = Field(alias="actorId")
    expected_version: Optional[int] = Field(alias="expectedVersion", default=None)


class LinkIncidentsInput(BaseModel):
    incident_id: str = Field(alias="incidentId")
    linked_incident_id: str = Field(alias="linkedIncidentId")
    kind: LinkKind
    expected_version: Optional[int] = Field(alias="expectedVersion", default=None)


class MergeActorsInput(BaseModel):
    """`mergedId` is the same organisation as `id`: it folds into `id`, which takes over its areas, levels, themes and contacts."""

    id: str
    merged_id: str = Field(alias="mergedId")


class OpenSurveyWaveInput(BaseModel):
    title: str
    opened_on: date = Field(alias="openedOn")


class ReactivateActorInput(BaseModel):
    id: str


class RecordFindingInput(BaseModel):
    walk_id: str = Field(alias="walkId")
    kind: FindingKind
    place: str
    description: str
    coordinates: Optional["CoordinatesInput"] = None
    photo_url: Optional[str] = Field(alias="photoUrl", default=None)
    expected_version: Optional[int] = Field(alias="expectedVersion", default=None)


class RecordFollowUpActivityInput(BaseModel):
    incident_id: str = Field(alias="incidentId")
    activity_id: str = Field(alias="activityId")
    decision_entry_id: str = Field(alias="decisionEntryId")
    "The timeline's decision that started it."
    expected_version: Optional[int] = Field(alias="expectedVersion", default=None)


class RecordMeasurementInput(BaseModel):
    indicator_id: str = Field(alias="indicatorId")
    value: float
    period: str
    source: str
    area_id: Optional[str] = Field(alias="areaId", default=None)
    sample_size: Optional[int] = Field(alias="sampleSize", default=None)
    expected_version: Optional[int] = Field(alias="expectedVersion", default=None)


class RecordMeetingInput(BaseModel):
    forum_id: str = Field(alias="forumId")
    held_on: date = Field(alias="heldOn")
    attendees: list[str] = Field(default_factory=lambda: [])
    agenda: Optional[str] = None
    decisions: Optional[str] = None
    follow_ups: list["FollowUpInput"] = Field(
        alias="followUps", default_factory=lambda: []
    )
    expected_version: Optional[int] = Field(alias="expectedVersion", default=None)


class RecordSafetyIndexResultsInput(BaseModel):
    results: list["SafetyIndexResultInput"]
    expected_version: Optional[int] = Field(alias="expectedVersion", default=None)


class RecordSafetyWalkInput(BaseModel):
    walked_on: date = Field(alias="walkedOn")
    area_id: str = Field(alias="areaId")
    route: Optional[str] = None
    participants: list[str] = Field(default_factory=lambda: [])
    residents: int = 0
    follows_walk_id: Optional[str] = Field(alias="followsWalkId", default=None)


class RecordSurveyResponseInput(BaseModel):
    """One actor's answer; a second answer replaces the first."""

    wave_id: str = Field(alias="waveId")
    respondent_actor_id: str = Field(alias="respondentActorId")
    ratings: list["SurveyRatingInput"]
    expected_version: Optional[int] = Field(alias="expectedVersion", default=None)


class RegisterActorInput(BaseModel):
    name: str
    sector: Sector
    department: Optional[str] = None
    parent_actor_id: Optional[str] = Field(alias="parentActorId", default=None)
    levels: list[Level] = Field(default_factory=lambda: [])
    areas: list[str] = Field(default_factory=lambda: [])
    themes: list[Theme] = Field(default_factory=lambda: [])
    description: Optional[str] = None
    phone: Optional[str] = None
    email: Optional[str] = None
    website: Optional[str] = None
    external_id: Optional[str] = Field(alias="externalId", default=None)


class ReleaseIncidentRoleInput(BaseModel):
    incident_id: str = Field(alias="incidentId")
    actor_id: str = Field(alias="actorId")
    expected_version: Optional[int] = Field(alias="expectedVersion", default=None)


class RemoveContactInput(BaseModel):
    """Take a contact off the list; the data stays until erased."""

    id: str


class RemoveEscalationRuleInput(BaseModel):
    id: str


class RenameAreaInput(BaseModel):
    id: str
    name: str


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


class RetireAreaInput(BaseModel):
    id: str


class SafetyIndexResultInput(BaseModel):
    """Shares in per cent: safe + unsafe ≤ 100; respondents ≤ invited."""

    area_id: str = Field(alias="areaId")
    period: str
    feeling_safe: float = Field(alias="feelingSafe")
    feeling_unsafe: float = Field(alias="feelingUnsafe")
    respondents: int
    invited: int


class SetActorAreasInput(BaseModel):
    """The whole list of areas the actor works in."""

    id: str
    areas: list[str]


class SetActorLevelsInput(BaseModel):
    """The whole list of levels the actor works on."""

    id: str
    levels: list[Level]


class SetActorThemesInput(BaseModel):
    """The whole list of themes the actor works with."""

    id: str
    themes: list[Theme]


class SetEscalationRulesInput(BaseModel):
    """The whole matrix: rules not given are removed."""

    rules: list["EscalationRuleInput"]


class SurveyRatingInput(BaseModel):
    """Scores from 1 (low) to 4 (high)."""

    actor_id: str = Field(alias="actorId")
    intensity: RelationshipIntensity
    trust: "TrustScoresInput"
    value: "ValueScoresInput"


class TimelineEntryInput(BaseModel):
    incident_id: str = Field(alias="incidentId")
    entry_id: str = Field(alias="entryId")
    expected_version: Optional[int] = Field(alias="expectedVersion", default=None)


class TrustScoresInput(BaseModel):
    openness: int
    reliability: int
    shared_mission: int = Field(alias="sharedMission")


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


class UpdateActorInput(BaseModel):
    """Only the fields given change; `null` clears one."""

    id: str
    name: Optional[str] = None
    sector: Optional[Sector] = None
    department: Optional[str] = None
    parent_actor_id: Optional[str] = Field(alias="parentActorId", default=None)
    description: Optional[str] = None
    phone: Optional[str] = None
    email: Optional[str] = None
    website: Optional[str] = None
    external_id: Optional[str] = Field(alias="externalId", default=None)


class UpdateContactInput(BaseModel):
    """Only the fields given change; `null` clears one."""

    id: str
    name: Optional[str] = None
    title: Optional[str] = None
    phone: Optional[str] = None
    email: Optional[str] = None
    legal_basis: Optional[LegalBasis] = Field(alias="legalBasis", default=None)


class UpdateFindingActionInput(BaseModel):
    walk_id: str = Field(alias="walkId")
    action_id: str = Field(alias="actionId")
    status: FindingActionStatus
    reason: Optional[str] = None
    expected_version: Optional[int] = Field(alias="expectedVersion", default=None)


class UpdateTacticalReportInput(BaseModel):
    incident_id: str = Field(alias="incidentId")
    author_actor_id: str = Field(alias="authorActorId")
    conditions: Optional[str] = None
    actions: Optional[str] = None
    needs: Optional[str] = None
    at: Optional[datetime] = None
    expected_version: Optional[int] = Field(alias="expectedVersion", default=None)


class ValueScoresInput(BaseModel):
    power_and_influence: int = Field(alias="powerAndInfluence")
    resource_contribution: int = Field(alias="resourceContribution")
    level_of_involvement: int = Field(alias="levelOfInvolvement")


RecordFindingInput.model_rebuild()
RecordMeetingInput.model_rebuild()
RecordSafetyIndexResultsInput.model_rebuild()
RecordSurveyResponseInput.model_rebuild()
SetEscalationRulesInput.model_rebuild()
SurveyRatingInput.model_rebuild()

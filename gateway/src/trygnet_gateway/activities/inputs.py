"""The inputs of the activities domain's mutations."""

from __future__ import annotations

from datetime import date

import strawberry

from trygnet_gateway.vocabulary import (
    ActionStatus,
    ActivityStatus,
    Cadence,
    Direction,
    FindingKind,
    FollowUpStatus,
    Intensity,
    Level,
    PartnerRole,
    Theme,
)

# -- inputs --------------------------------------------------------------------------
# Ids of what a command changes go in its input and into the path. Every input of a
# command on an existing stream offers ``expectedVersion`` (sent as If-Match).


@strawberry.input
class CreatePartnershipInput:
    name: str
    mandate: str
    authorised_by: str
    authorised_on: date
    coordinator_actor_id: strawberry.ID
    areas: list[strawberry.ID] = strawberry.field(default_factory=list)
    hours_per_year: int | None = strawberry.UNSET
    budget_per_year: int | None = strawberry.UNSET


@strawberry.input
class JoinPartnershipInput:
    partnership_id: strawberry.ID
    actor_id: strawberry.ID
    role: str
    expected_version: int | None = strawberry.UNSET


@strawberry.input
class LeavePartnershipInput:
    partnership_id: strawberry.ID
    actor_id: strawberry.ID
    expected_version: int | None = strawberry.UNSET


@strawberry.input
class CreateForumInput:
    name: str
    level: Level
    owner_actor_id: strawberry.ID
    cadence: Cadence
    partnership_id: strawberry.ID | None = strawberry.UNSET
    members: list[strawberry.ID] = strawberry.field(default_factory=list)


@strawberry.input
class JoinForumInput:
    forum_id: strawberry.ID
    actor_id: strawberry.ID
    expected_version: int | None = strawberry.UNSET


@strawberry.input
class LeaveForumInput:
    forum_id: strawberry.ID
    actor_id: strawberry.ID
    expected_version: int | None = strawberry.UNSET


@strawberry.input(description="Something the meeting asks an actor to do by a day.")
class FollowUpInput:
    description: str
    actor_id: strawberry.ID
    due: date
    follow_up_id: strawberry.ID | None = strawberry.field(
        default=strawberry.UNSET, description="Made by the gateway when left out."
    )


@strawberry.input
class RecordMeetingInput:
    forum_id: strawberry.ID
    held_on: date
    attendees: list[strawberry.ID] = strawberry.field(default_factory=list)
    agenda: str | None = strawberry.UNSET
    decisions: str | None = strawberry.UNSET
    follow_ups: list[FollowUpInput] = strawberry.field(default_factory=list)
    expected_version: int | None = strawberry.UNSET


@strawberry.input
class ChangeFollowUpStatusInput:
    forum_id: strawberry.ID
    follow_up_id: strawberry.ID
    status: FollowUpStatus
    expected_version: int | None = strawberry.UNSET


@strawberry.input
class CreateActivityInput:
    title: str
    level: Level
    owner_actor_id: strawberry.ID
    description: str | None = strawberry.UNSET
    themes: list[Theme] = strawberry.field(default_factory=list)
    target_age_from: int | None = strawberry.UNSET
    target_age_to: int | None = strawberry.UNSET
    target_group: str | None = strawberry.UNSET
    areas: list[strawberry.ID] = strawberry.field(default_factory=list)
    start: date | None = strawberry.UNSET
    end: date | None = strawberry.UNSET
    hours: int | None = strawberry.UNSET
    budget: int | None = strawberry.UNSET
    focus_areas: list[strawberry.ID] = strawberry.field(default_factory=list)
    incident_id: strawberry.ID | None = strawberry.UNSET


@strawberry.input(description="Only the fields given change; a field given as null is cleared.")
class UpdateActivityInput:
    activity_id: strawberry.ID
    title: str | None = strawberry.UNSET
    level: Level | None = strawberry.UNSET
    owner_actor_id: strawberry.ID | None = strawberry.UNSET
    description: str | None = strawberry.UNSET
    themes: list[Theme] | None = strawberry.UNSET
    target_age_from: int | None = strawberry.UNSET
    target_age_to: int | None = strawberry.UNSET
    target_group: str | None = strawberry.UNSET
    areas: list[strawberry.ID] | None = strawberry.UNSET
    start: date | None = strawberry.UNSET
    end: date | None = strawberry.UNSET
    hours: int | None = strawberry.UNSET
    budget: int | None = strawberry.UNSET
    focus_areas: list[strawberry.ID] | None = strawberry.UNSET
    expected_version: int | None = strawberry.UNSET


@strawberry.input
class JoinActivityInput:
    activity_id: strawberry.ID
    actor_id: strawberry.ID
    role: PartnerRole
    expected_version: int | None = strawberry.UNSET


@strawberry.input
class LeaveActivityInput:
    activity_id: strawberry.ID
    actor_id: strawberry.ID
    expected_version: int | None = strawberry.UNSET


@strawberry.input
class ChangeActivityStatusInput:
    activity_id: strawberry.ID
    status: ActivityStatus
    expected_version: int | None = strawberry.UNSET


@strawberry.input
class RecordSafetyWalkInput:
    walked_on: date
    area_id: strawberry.ID
    route: str | None = strawberry.UNSET
    participants: list[strawberry.ID] = strawberry.field(default_factory=list)
    residents: int = 0
    follows_walk_id: strawberry.ID | None = strawberry.UNSET


@strawberry.input(description="WGS 84 degrees.")
class CoordinatesInput:
    lat: float
    lon: float


@strawberry.input
class RecordFindingInput:
    walk_id: strawberry.ID
    kind: FindingKind
    place: str
    description: str
    coordinates: CoordinatesInput | None = strawberry.UNSET
    photo_url: str | None = strawberry.UNSET
    expected_version: int | None = strawberry.UNSET


@strawberry.input
class AssignFindingActionInput:
    walk_id: strawberry.ID
    finding_id: strawberry.ID
    owner_actor_id: strawberry.ID
    deadline: date
    expected_version: int | None = strawberry.UNSET


@strawberry.input
class UpdateFindingActionInput:
    walk_id: strawberry.ID
    action_id: strawberry.ID
    status: ActionStatus
    reason: str | None = strawberry.UNSET
    expected_version: int | None = strawberry.UNSET


@strawberry.input
class AdoptStrategyInput:
    title: str


@strawberry.input
class AddFocusAreaInput:
    title: str
    expected_version: int | None = strawberry.UNSET


@strawberry.input
class AddIndicatorInput:
    focus_area_id: strawberry.ID
    name: str
    unit: str = strawberry.field(description="`%` keeps values within 0-100.")
    direction: Direction
    target: float | None = strawberry.UNSET
    expected_version: int | None = strawberry.UNSET


@strawberry.input
class RecordMeasurementInput:
    indicator_id: strawberry.ID
    value: float
    period: str
    source: str
    area_id: strawberry.ID | None = strawberry.UNSET
    sample_size: int | None = strawberry.UNSET
    expected_version: int | None = strawberry.UNSET


@strawberry.input(description="Shares in per cent: safe + unsafe ≤ 100; respondents ≤ invited.")
class SafetyIndexResultInput:
    area_id: strawberry.ID
    period: str
    feeling_safe: float
    feeling_unsafe: float
    respondents: int
    invited: int


@strawberry.input
class RecordSafetyIndexResultsInput:
    results: list[SafetyIndexResultInput]
    expected_version: int | None = strawberry.UNSET


@strawberry.input
class OpenSurveyWaveInput:
    title: str
    opened_on: date


@strawberry.input
class CloseSurveyWaveInput:
    wave_id: strawberry.ID
    expected_version: int | None = strawberry.UNSET


@strawberry.input
class TrustScoresInput:
    openness: int
    reliability: int
    shared_mission: int


@strawberry.input
class ValueScoresInput:
    power_and_influence: int
    resource_contribution: int
    level_of_involvement: int


@strawberry.input(description="Scores from 1 (low) to 4 (high).")
class SurveyRatingInput:
    actor_id: strawberry.ID
    intensity: Intensity
    trust: TrustScoresInput
    value: ValueScoresInput


@strawberry.input(description="One actor's answer; a second answer replaces the first.")
class RecordSurveyResponseInput:
    wave_id: strawberry.ID
    respondent_actor_id: strawberry.ID
    ratings: list[SurveyRatingInput]
    expected_version: int | None = strawberry.UNSET

"""What users ask the activities service to do, named as orders.

Ids of new aggregates and of the records inside them (meetings, follow-ups,
findings, actions, focus areas, indicators) are given by the caller.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from trygnet_activities.domain.events import (
    ActivityDetails,
    ActivityPartner,
    ActivityPartnerRole,
    ActivityStatusChange,
    FindingActionDetails,
    FindingDetails,
    ForumDetails,
    MeetingDetails,
    PartnershipDetails,
    PartnershipMember,
    PartnershipMemberRole,
    WalkDetails,
)
from trygnet_activities.domain.model import ActionStatus, FollowUpStatus
from trygnet_activities.domain.strategy_events import (
    FocusAreaDetails,
    IndicatorDetails,
    MeasurementDetails,
    StrategyDetails,
)
from trygnet_activities.domain.survey_events import SurveyResponseDetails, SurveyWaveDetails


@dataclass(frozen=True)
class EstablishPartnership(PartnershipDetails):
    authorised_on: date  # type: ignore[assignment]


@dataclass(frozen=True)
class JoinPartnership(PartnershipMemberRole):
    pass


@dataclass(frozen=True)
class LeavePartnership(PartnershipMember):
    pass


@dataclass(frozen=True)
class EstablishForum(ForumDetails):
    """The details of the forum to establish."""


@dataclass(frozen=True)
class JoinForum:
    forum_id: str
    actor_id: str


@dataclass(frozen=True)
class LeaveForum:
    forum_id: str
    actor_id: str


@dataclass(frozen=True)
class RecordMeeting(MeetingDetails):
    """Each follow-up is ``{follow_up_id, description, actor_id, due}``; all start open."""

    held_on: date  # type: ignore[assignment]
    agenda: str | None = None
    decisions: str | None = None
    follow_ups: tuple[Mapping[str, Any], ...] = ()


@dataclass(frozen=True)
class ChangeFollowUpStatus:
    forum_id: str
    follow_up_id: str
    status: FollowUpStatus


@dataclass(frozen=True)
class CreateActivity(ActivityDetails):
    """The details of the activity to plan (its start and end as dates); ``incident_id`` is
    set when an incident response decided to start the activity."""

    start: date | None = None  # type: ignore[assignment]
    end: date | None = None  # type: ignore[assignment]


@dataclass(frozen=True)
class ChangeActivityDetails:
    """``changes`` holds only the fields to change; a value of ``None`` clears one."""

    activity_id: str
    changes: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class JoinActivity(ActivityPartnerRole):
    pass


@dataclass(frozen=True)
class LeaveActivity(ActivityPartner):
    pass


@dataclass(frozen=True)
class ChangeActivityStatus(ActivityStatusChange):
    """``participants_reached`` (optional): how many people it has reached so far."""

    participants_reached: int | None = None


@dataclass(frozen=True)
class SetHourlyRate:
    """What an hour of the partners' work costs, in the municipality's currency."""

    rate: float
    rate_id: str = "hourly-rate"


@dataclass(frozen=True)
class RecordSafetyWalk(WalkDetails):
    """``follows_walk_id`` names the earlier walk this one follows up."""

    walked_on: date  # type: ignore[assignment]
    route: str | None = None


@dataclass(frozen=True)
class RecordFinding(FindingDetails):
    """``coordinates`` is ``{lat, lon}`` in WGS 84 degrees."""

    coordinates: Mapping[str, Any] | None = None  # type: ignore[assignment]


@dataclass(frozen=True)
class AssignFindingAction(FindingActionDetails):
    deadline: date  # type: ignore[assignment]


@dataclass(frozen=True)
class ChangeFindingActionStatus:
    """A rejection needs a reason; other statuses may carry one."""

    walk_id: str
    action_id: str
    status: ActionStatus
    reason: str | None = None


@dataclass(frozen=True)
class AdoptStrategy(StrategyDetails):
    pass


@dataclass(frozen=True)
class AddFocusArea(FocusAreaDetails):
    """Give the strategy a focus area."""


@dataclass(frozen=True)
class AddIndicator(IndicatorDetails):
    """Say how a focus area's progress is measured."""


@dataclass(frozen=True)
class RecordMeasurement(MeasurementDetails):
    """Record an indicator's value for a period."""


@dataclass(frozen=True)
class RecordSafetyIndexResults:
    """Each result is ``{area_id, period, feeling_safe, feeling_unsafe, respondents,
    invited}``, the shares in per cent."""

    strategy_id: str
    results: tuple[Mapping[str, Any], ...]


@dataclass(frozen=True)
class OpenSurveyWave(SurveyWaveDetails):
    opened_on: date  # type: ignore[assignment]


@dataclass(frozen=True)
class CloseSurveyWave:
    wave_id: str


@dataclass(frozen=True)
class RecordSurveyResponse(SurveyResponseDetails):
    """Each rating is ``{actor_id, intensity, trust: {openness, reliability,
    shared_mission}, value: {power_and_influence, resource_contribution,
    level_of_involvement}}``, every score from 1 to 4."""

    ratings: tuple[Mapping[str, Any], ...]  # type: ignore[assignment]

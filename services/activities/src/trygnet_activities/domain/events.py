"""The activities service's events: partnerships, fora, activities and safety walks (the
strategy's in ``strategy_events``, the relationship survey's in ``survey_events``,
the exchange's in ``exchange_events``). Dates are ISO text (``2026-03-14``). Where a
command asks for the same fields as its event, they are written once, in the
``...Details`` class above the event, which the command (and the state) inherit."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Self

from trygnet_activities.domain.exchange_events import EXCHANGE_EVENTS
from trygnet_activities.domain.model import (
    ActionStatus,
    ActivityStatus,
    Cadence,
    FindingKind,
    FollowUpStatus,
    Level,
    PartnerRole,
    Theme,
)
from trygnet_activities.domain.partner_roles import read_role
from trygnet_activities.domain.strategy_events import (  # read as events.X too
    STRATEGY_EVENTS,
)
from trygnet_activities.domain.strategy_events import FocusAreaAdded as FocusAreaAdded
from trygnet_activities.domain.strategy_events import IndicatorAdded as IndicatorAdded
from trygnet_activities.domain.strategy_events import MeasurementRecorded as MeasurementRecorded
from trygnet_activities.domain.strategy_events import (
    SafetyIndexResultRecorded as SafetyIndexResultRecorded,
)
from trygnet_activities.domain.strategy_events import StrategyAdopted as StrategyAdopted
from trygnet_activities.domain.survey_events import SURVEY_EVENTS
from trygnet_core.events import DomainEvent, EventCatalogue, personal


@dataclass(frozen=True)
class PartnershipDetails:
    """A partnership's details, written once: the fields of ``PartnershipEstablished``,
    of the command that establishes one (its day as a date) and of its state."""

    partnership_id: str
    name: str
    mandate: str
    authorised_by: str
    authorised_on: str
    coordinator_actor_id: str
    areas: tuple[str, ...] = ()
    hours_per_year: int | None = None
    budget_per_year: int | None = None


@dataclass(frozen=True)
class PartnershipEstablished(PartnershipDetails, DomainEvent):
    """A safety partnership authorised from the top, with a mandate, a coordinating
    actor and the resources to drive it (hours and budget per year)."""


@dataclass(frozen=True)
class PartnershipMember:
    """A member of a partnership: ``LeavePartnership`` and ``PartnershipMemberLeft``."""

    partnership_id: str
    actor_id: str


@dataclass(frozen=True)
class PartnershipMemberRole(PartnershipMember):
    """A member and its role: ``JoinPartnership`` and ``PartnershipMemberJoined``."""

    role: PartnerRole


@dataclass(frozen=True)
class PartnershipMemberJoined(PartnershipMemberRole, DomainEvent):
    """An actor joined the partnership, or a member's role changed. Events written
    before the role was one of these words hold the coordinator's own text: it is read
    as the role it names (`member`, `medlem`: `partner`), any other text as `other`."""

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> Self:
        return super().from_data({**data, "role": read_role(data["role"])})


@dataclass(frozen=True)
class PartnershipMemberLeft(PartnershipMember, DomainEvent):
    pass


@dataclass(frozen=True)
class ForumDetails:
    """A forum's details, written once: the fields of ``ForumEstablished``, of the command
    that establishes one and of its state."""

    forum_id: str
    name: str
    level: Level
    owner_actor_id: str
    cadence: Cadence
    partnership_id: str | None = None
    members: tuple[str, ...] = ()


@dataclass(frozen=True)
class ForumEstablished(ForumDetails, DomainEvent):
    """A coordinating forum on one level, with an owner who drives it."""


@dataclass(frozen=True)
class ForumMemberJoined(DomainEvent):
    forum_id: str
    actor_id: str


@dataclass(frozen=True)
class ForumMemberLeft(DomainEvent):
    forum_id: str
    actor_id: str


@dataclass(frozen=True)
class MeetingDetails:
    """A meeting's first fields, written once: ``MeetingRecorded`` and ``RecordMeeting``
    (its day as a date)."""

    forum_id: str
    meeting_id: str
    held_on: str
    attendees: tuple[str, ...] = ()


@dataclass(frozen=True)
class MeetingRecorded(MeetingDetails, DomainEvent):
    """A meeting of the forum. Each follow-up is ``{follow_up_id, description,
    actor_id, due}`` and starts open. Agenda and decisions may name people."""

    subject_field = "forum_id"
    follow_ups: tuple[dict[str, Any], ...] = ()
    agenda: str | None = personal(None)
    decisions: str | None = personal(None)


@dataclass(frozen=True)
class FollowUpStatusChanged(DomainEvent):
    forum_id: str
    meeting_id: str
    follow_up_id: str
    status: FollowUpStatus


@dataclass(frozen=True)
class ActivityDetails:
    """An activity's details as planned, written once: the fields of ``ActivityCreated``,
    of the command that creates one (``CreateActivity``, with its dates as dates) and of
    the activity's state (``activity.Activity``)."""

    activity_id: str
    title: str
    level: Level
    owner_actor_id: str
    description: str | None = None
    themes: tuple[Theme, ...] = ()
    target_age_from: int | None = None
    target_age_to: int | None = None
    target_group: str | None = None
    areas: tuple[str, ...] = ()
    start: str | None = None
    end: str | None = None
    hours: int | None = None
    budget: int | None = None
    focus_areas: tuple[str, ...] = ()
    incident_id: str | None = None


@dataclass(frozen=True)
class ActivityCreated(ActivityDetails, DomainEvent):
    """A collaborative prevention activity, planned; ``incident_id`` when an incident
    response started it."""


@dataclass(frozen=True)
class ActivityDetailsChanged(DomainEvent):
    """Only the details that changed, by field name, as JSON keeps them (lists for
    themes, areas and focus areas; enum values as text); ``None`` clears one."""

    activity_id: str
    changes: dict[str, Any]


@dataclass(frozen=True)
class ActivityPartner:
    """A partner of an activity: ``LeaveActivity`` and ``ActivityPartnerLeft``."""

    activity_id: str
    actor_id: str


@dataclass(frozen=True)
class ActivityPartnerRole(ActivityPartner):
    """A partner and its role: ``JoinActivity`` and ``ActivityPartnerJoined``."""

    role: PartnerRole


@dataclass(frozen=True)
class ActivityPartnerJoined(ActivityPartnerRole, DomainEvent):
    """An actor joined the activity as a partner, or a partner's role changed."""


@dataclass(frozen=True)
class ActivityPartnerLeft(ActivityPartner, DomainEvent):
    pass


@dataclass(frozen=True)
class ActivityStatusChange:
    """An activity's new status: ``ActivityStatusChanged`` and the first fields of
    ``ChangeActivityStatus``."""

    activity_id: str
    status: ActivityStatus


@dataclass(frozen=True)
class ActivityStatusChanged(ActivityStatusChange, DomainEvent):
    pass


@dataclass(frozen=True)
class ParticipantsReachedRecorded(DomainEvent):
    """How many people the activity has reached so far (a running total, recorded with
    its status or on its own); the latest replaces the earlier."""

    activity_id: str
    participants_reached: int


@dataclass(frozen=True)
class HourlyRateSet(DomainEvent):
    """What an hour of the partners' work costs in this municipality, in its currency
    (DKK or SEK); activities' hours are costed at it."""

    rate_id: str
    rate: float


@dataclass(frozen=True)
class WalkDetails:
    """A safety walk's details, written once: the first fields of ``SafetyWalkRecorded``,
    of ``RecordSafetyWalk`` (its day as a date) and of the walk's state
    (``safety_walk.SafetyWalk``)."""

    walk_id: str
    walked_on: str
    area_id: str
    participants: tuple[str, ...] = ()
    residents: int = 0
    follows_walk_id: str | None = None


@dataclass(frozen=True)
class SafetyWalkRecorded(WalkDetails, DomainEvent):
    """Partners and residents walked an area noting what makes it feel unsafe. The
    route is free text that may name people."""

    subject_field = "walk_id"
    route: str | None = personal(None)


@dataclass(frozen=True)
class FindingDetails:
    """A finding's fields, written once: ``FindingRecorded`` and ``RecordFinding`` (its
    coordinates as given)."""

    walk_id: str
    finding_id: str
    kind: FindingKind
    place: str
    description: str = personal()
    coordinates: dict[str, float] | None = None
    photo_url: str | None = None


@dataclass(frozen=True)
class FindingRecorded(FindingDetails, DomainEvent):
    """Something on the walk that makes the area feel unsafe; ``coordinates`` is
    ``{lat, lon}``. The description may name people."""

    subject_field = "walk_id"


@dataclass(frozen=True)
class FindingActionDetails:
    """An action's fields, written once: ``FindingActionAssigned`` and
    ``AssignFindingAction`` (its deadline as a date)."""

    walk_id: str
    finding_id: str
    action_id: str
    owner_actor_id: str
    deadline: str


@dataclass(frozen=True)
class FindingActionAssigned(FindingActionDetails, DomainEvent):
    """An actor owns doing something about a finding by the deadline; it starts open."""


@dataclass(frozen=True)
class FindingActionStatusChanged(DomainEvent):
    walk_id: str
    finding_id: str
    action_id: str
    status: ActionStatus
    reason: str | None = None


catalogue = EventCatalogue(
    "activities",
    [
        PartnershipEstablished,
        PartnershipMemberJoined,
        PartnershipMemberLeft,
        ForumEstablished,
        ForumMemberJoined,
        ForumMemberLeft,
        MeetingRecorded,
        FollowUpStatusChanged,
        ActivityCreated,
        ActivityDetailsChanged,
        ActivityPartnerJoined,
        ActivityPartnerLeft,
        ActivityStatusChanged,
        ParticipantsReachedRecorded,
        HourlyRateSet,
        SafetyWalkRecorded,
        FindingRecorded,
        FindingActionAssigned,
        FindingActionStatusChanged,
        *STRATEGY_EVENTS,
        *SURVEY_EVENTS,
        *EXCHANGE_EVENTS,
    ],
)


if __name__ == "__main__":  # the activities service's event catalogue, as Markdown
    print(catalogue.markdown(), end="")

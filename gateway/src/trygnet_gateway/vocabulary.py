"""The platform's words (``trygnet_core.vocabulary``) as GraphQL enums, each registered
once with its description. Every gateway module takes its enums from here, so the
schema has one definition of each, whatever imports what first."""

from __future__ import annotations

import strawberry

from trygnet_core.vocabulary import (
    ActionStatus,
    ActivityStatus,
    ActorStatus,
    AreaKind,
    Cadence,
    Direction,
    FindingKind,
    FollowUpStatus,
    IncidentKind,
    IncidentStatus,
    Intensity,
    LegalBasis,
    Level,
    LinkKind,
    PartnerRole,
    ResponseRole,
    Sector,
    Sensitivity,
    TaskPriority,
    TaskStatus,
    Theme,
    TimelineKind,
)

strawberry.enum(Cadence, description="How often a forum meets.")
strawberry.enum(FollowUpStatus, description="Where a forum's follow-up stands.")
strawberry.enum(PartnerRole, description="What an actor does in an activity.")
strawberry.enum(
    ActivityStatus, description="planned → active ⇄ paused, and from any of those to ended."
)
strawberry.enum(
    FindingKind, description="What a safety walk found that makes the area feel unsafe."
)
strawberry.enum(
    ActionStatus,
    name="FindingActionStatus",
    description="Where an action on a finding stands; a rejection has a reason.",
)
strawberry.enum(
    Direction,
    name="IndicatorDirection",
    description="Whether an indicator gets better as it goes up or down.",
)
strawberry.enum(
    Intensity,
    name="RelationshipIntensity",
    description="How closely two actors work together (the PARTNER tool's grades).",
)
strawberry.enum(Level, description="Where in the partnership the work happens.")
strawberry.enum(Sector, description="What kind of organisation an actor is.")
strawberry.enum(AreaKind, description="What kind of place an area is.")
strawberry.enum(ActorStatus, description="active, inactive, or merged into another actor.")
strawberry.enum(
    LegalBasis, description="Why Trygnet may keep a contact person's data (GDPR article 6)."
)
strawberry.enum(Theme, description="What the work is about.")
strawberry.enum(IncidentKind, description="What happened.")
strawberry.enum(
    Sensitivity,
    description="open: every partner reads it; restricted: the text "
    "only for coordinators and police.",
)
strawberry.enum(
    IncidentStatus, description="reported → active → stable → closed; reopened to active."
)
strawberry.enum(LinkKind, description="How an incident relates to an earlier one.")
strawberry.enum(ResponseRole, description="What an actor does in the joint response.")
strawberry.enum(TaskPriority)
strawberry.enum(TaskStatus)
strawberry.enum(TimelineKind, description="What a timeline entry records.")

__all__ = [
    "ActionStatus",
    "ActivityStatus",
    "ActorStatus",
    "AreaKind",
    "Cadence",
    "Direction",
    "FindingKind",
    "FollowUpStatus",
    "IncidentKind",
    "IncidentStatus",
    "Intensity",
    "LegalBasis",
    "Level",
    "LinkKind",
    "PartnerRole",
    "ResponseRole",
    "Sector",
    "Sensitivity",
    "TaskPriority",
    "TaskStatus",
    "Theme",
    "TimelineKind",
]

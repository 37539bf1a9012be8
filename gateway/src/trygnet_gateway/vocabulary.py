"""The platform's words (``trygnet_vocabulary``) as GraphQL enums, each registered
once. Every gateway module takes its enums from here, so the schema has one definition
of each, whatever imports what first. The descriptions of an enum and of each of its
values are the vocabulary's own (its docstring and each value's ``meaning``): the
words are written once, by the service that owns them. The incident status's description is written
from the status rule (``trygnet_vocabulary.incident_status``), so it names every move the
rule allows."""

from __future__ import annotations

import inspect

import strawberry

from trygnet_vocabulary import activities, actors, incident_status, incidents
from trygnet_vocabulary.words import Word

ActionStatus = activities.ActionStatus
ActivityStatus = activities.ActivityStatus
Cadence = activities.Cadence
Direction = activities.Direction
FindingKind = activities.FindingKind
FollowUpStatus = activities.FollowUpStatus
GroupKind = activities.GroupKind
Intensity = activities.Intensity
PartnerRole = activities.PartnerRole
ActorStatus = actors.ActorStatus
AreaKind = actors.AreaKind
ContactStatus = actors.ContactStatus
LegalBasis = actors.LegalBasis
Level = actors.Level
Sector = actors.Sector
Theme = actors.Theme
IncidentKind = incidents.IncidentKind
IncidentStatus = incidents.IncidentStatus
LinkKind = incidents.LinkKind
ObservationCategory = incidents.ObservationCategory
ResponseRole = incidents.ResponseRole
Sensitivity = incidents.Sensitivity
TaskPriority = incidents.TaskPriority
TaskStatus = incidents.TaskStatus
TimelineKind = incidents.TimelineKind


def _enum(words: type[Word], name: str | None = None, description: str | None = None) -> None:
    """Register ``words`` as a GraphQL enum described by the vocabulary itself."""
    about = description or " ".join(inspect.cleandoc(words.__doc__ or "").split())
    strawberry.enum(words, name=name, description=about)
    for value in words.__strawberry_definition__.values:  # type: ignore[attr-defined]
        value.description = words[value.name].meaning


for _words in (
    Cadence,
    FollowUpStatus,
    PartnerRole,
    ActivityStatus,
    FindingKind,
    GroupKind,
    Level,
    Sector,
    AreaKind,
    ActorStatus,
    ContactStatus,
    LegalBasis,
    Theme,
    IncidentKind,
    Sensitivity,
    LinkKind,
    ResponseRole,
    TaskPriority,
    TaskStatus,
    TimelineKind,
    ObservationCategory,
):
    _enum(_words)
_enum(ActionStatus, "FindingActionStatus")
_enum(Direction, "IndicatorDirection")
_enum(Intensity, "RelationshipIntensity")
_enum(IncidentStatus, description=incident_status.description())

__all__ = [
    "ActionStatus",
    "ActivityStatus",
    "ActorStatus",
    "AreaKind",
    "Cadence",
    "ContactStatus",
    "Direction",
    "FindingKind",
    "FollowUpStatus",
    "GroupKind",
    "IncidentKind",
    "IncidentStatus",
    "Intensity",
    "LegalBasis",
    "Level",
    "LinkKind",
    "ObservationCategory",
    "PartnerRole",
    "ResponseRole",
    "Sector",
    "Sensitivity",
    "TaskPriority",
    "TaskStatus",
    "Theme",
    "TimelineKind",
]

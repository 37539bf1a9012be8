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

from trygnet_vocabulary import incident_status
from trygnet_vocabulary.activities import (
    ActionStatus,
    ActivityStatus,
    Cadence,
    Direction,
    FindingKind,
    FollowUpStatus,
    GroupKind,
    Intensity,
    PartnerRole,
)
from trygnet_vocabulary.actors import (
    ActorStatus,
    AreaKind,
    ContactStatus,
    LegalBasis,
    Level,
    Sector,
    Theme,
)
from trygnet_vocabulary.incidents import (
    IncidentKind,
    IncidentStatus,
    LinkKind,
    ObservationCategory,
    ResponseRole,
    Sensitivity,
    TaskPriority,
    TaskStatus,
    TimelineKind,
)
from trygnet_vocabulary.words import Word


def _enum(words: type[Word], name: str | None = None, description: str | None = None) -> None:
    """Register ``words`` as a GraphQL enum described by the vocabulary itself."""
    about = description or " ".join(inspect.cleandoc(words.__doc__ or "").split())
    strawberry.enum(words, name=name, description=about)
    for value in words.__strawberry_definition__.values:  # type: ignore[attr-defined]
        value.description = words[value.name].meaning


_enum(Cadence)
_enum(FollowUpStatus)
_enum(PartnerRole)
_enum(ActivityStatus)
_enum(FindingKind)
_enum(ActionStatus, "FindingActionStatus")
_enum(Direction, "IndicatorDirection")
_enum(Intensity, "RelationshipIntensity")
_enum(GroupKind)
_enum(Level)
_enum(Sector)
_enum(AreaKind)
_enum(ActorStatus)
_enum(ContactStatus)
_enum(LegalBasis)
_enum(Theme)
_enum(IncidentKind)
_enum(Sensitivity)
_enum(IncidentStatus, description=incident_status.description())
_enum(LinkKind)
_enum(ResponseRole)
_enum(TaskPriority)
_enum(TaskStatus)
_enum(TimelineKind)
_enum(ObservationCategory)

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

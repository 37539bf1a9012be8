"""What users ask the incidents service to do, named as orders.

Ids of new incidents and of the records inside them (tasks, timeline entries,
escalation rules) are given by the caller. Moments are timezone-aware datetimes or
ISO text; each status change carries the moment it happened (``at``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from trygnet_incidents.domain import model
from trygnet_incidents.domain.events import (
    EscalationRuleDetails,
    FollowUpActivityDetails,
    IncidentLink,
    IncidentMoment,
    ObservationIncidentLink,
    ResponseRoleDetails,
    SituationDecisionDetails,
    SituationDecisionStatusChange,
    TaskStatusChange,
)


@dataclass(frozen=True)
class ReportIncident:
    """``coordinates`` is ``{lat, lon}`` in WGS 84 degrees; restricted details need a
    restricted incident."""

    incident_id: str
    kind: model.IncidentKind
    severity: int
    area_id: str
    place: str
    occurred_at: datetime | str
    reported_at: datetime | str
    reporting_actor_id: str
    summary: str
    sensitivity: model.Sensitivity = model.Sensitivity.OPEN
    restricted_details: str | None = None
    coordinates: Mapping[str, Any] | None = None


@dataclass(frozen=True)
class IncidentMomentCommand(IncidentMoment):
    """The first fields of the commands that move an incident (``ActivateIncident``...):
    the event's, with the moment as a datetime or ISO text."""

    at: datetime | str  # type: ignore[assignment]


@dataclass(frozen=True)
class ActivateIncident(IncidentMomentCommand):
    """Start (or resume, from stable) the joint response."""


@dataclass(frozen=True)
class StabiliseIncident(IncidentMomentCommand):
    pass


@dataclass(frozen=True)
class CloseIncident(IncidentMomentCommand):
    """Needs a reason, unless the incident's personal text was erased (then it takes none)."""

    reason: str | None = None


@dataclass(frozen=True)
class ReopenIncident(IncidentMomentCommand):
    reason: str | None = None


@dataclass(frozen=True)
class EraseIncidentPersonalData(IncidentMomentCommand):
    """Erase the incident's free text that may name people (place and coordinates,
    summary, restricted details, task titles, reasons, timeline text, tactical report):
    its key is deleted, so every copy reads as erased."""


@dataclass(frozen=True)
class LinkIncident(IncidentLink):
    """Link to an earlier incident at the same place or in the same series."""


@dataclass(frozen=True)
class AssignResponseRole(ResponseRoleDetails):
    """``contact_id`` names the person at the actor who holds the role, if known."""


@dataclass(frozen=True)
class ReleaseResponseRole:
    incident_id: str
    actor_id: str


@dataclass(frozen=True)
class AddTask:
    incident_id: str
    task_id: str
    title: str
    assignee_actor_id: str
    due: date | str
    priority: model.TaskPriority = model.TaskPriority.NORMAL


@dataclass(frozen=True)
class ChangeTaskStatus(TaskStatusChange):
    pass


@dataclass(frozen=True)
class RecordTimelineEntry:
    incident_id: str
    entry_id: str
    kind: model.TimelineKind
    text: str
    author_actor_id: str
    at: datetime | str


@dataclass(frozen=True)
class PinTimelineEntry:
    incident_id: str
    entry_id: str


@dataclass(frozen=True)
class UnpinTimelineEntry:
    incident_id: str
    entry_id: str


@dataclass(frozen=True)
class UpdateTacticalReport:
    """The whole report as it stands now; each update is the next version."""

    incident_id: str
    author_actor_id: str
    at: datetime | str
    conditions: str | None = None
    actions: str | None = None
    needs: str | None = None


@dataclass(frozen=True)
class RecordFollowUpActivity(FollowUpActivityDetails):
    """The activity that a decision in the timeline started (the activities service's
    ``CreateActivity`` with this ``incident_id``)."""


@dataclass(frozen=True)
class SetEscalationRule(EscalationRuleDetails):
    """Add a rule to the tenant's escalation matrix, or replace the rule of that id.
    ``kind`` and ``area_id`` may be ``any``."""

    kind: model.IncidentKind | str


@dataclass(frozen=True)
class RemoveEscalationRule:
    rule_id: str


@dataclass(frozen=True)
class FileObservation:
    """What a trained reporter saw, for the weekly situation picture. ``place`` names a
    public place (the underpass at Ruten), never a home; ``description`` may name people
    and is sealed under the observation's key; ``incident_id`` is the incident it led to."""

    observation_id: str
    category: model.ObservationCategory | str
    area_id: str
    place: str
    observed_at: datetime | str
    reporting_actor_id: str
    filed_at: datetime | str
    description: str | None = None
    coordinates: Mapping[str, Any] | None = None
    incident_id: str | None = None


@dataclass(frozen=True)
class LinkObservationToIncident(ObservationIncidentLink):
    """The incident an observation led to."""


@dataclass(frozen=True)
class EraseObservationDescription:
    """Erase the observation's description (its key is deleted); the rest stays."""

    observation_id: str
    at: datetime | str


@dataclass(frozen=True)
class RecordSituationDecision(SituationDecisionDetails):
    """An action the partnership decided on reading an area's weekly situation picture,
    owned by an actor and due by a date; it is followed up like a forum's follow-up."""

    due: date | str  # type: ignore[assignment]


@dataclass(frozen=True)
class ChangeSituationDecisionStatus(SituationDecisionStatusChange):
    pass

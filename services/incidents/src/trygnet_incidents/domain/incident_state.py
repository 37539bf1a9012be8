"""The Incident aggregate's state: what its rules (and who may change it) need, folded
from its events. The decisions are in ``incident`` (the incident's life: report and
status) and ``response`` (the partners' response on its stream)."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass

from trygnet_core.aggregate import folding
from trygnet_core.events import DomainEvent
from trygnet_incidents.domain import model
from trygnet_incidents.domain.events import (
    FollowUpActivityRecorded,
    IncidentActivated,
    IncidentClosed,
    IncidentLinked,
    IncidentPersonalDataErased,
    IncidentReopened,
    IncidentReported,
    IncidentStabilised,
    ResponseRoleAssigned,
    ResponseRoleReleased,
    TacticalReportUpdated,
    TaskAdded,
    TaskStatusChanged,
    TimelineEntryPinned,
    TimelineEntryRecorded,
    TimelineEntryUnpinned,
)
from trygnet_incidents.domain.model import (
    IncidentKind,
    IncidentStatus,
    LinkKind,
    ResponseRole,
    Sensitivity,
    TaskStatus,
    TimelineKind,
)
from trygnet_vocabulary import incident_status


@dataclass(frozen=True)
class Role:
    role: ResponseRole
    contact_id: str | None = None


@dataclass(frozen=True)
class Task:
    assignee_actor_id: str
    status: TaskStatus = TaskStatus.OPEN


@dataclass(frozen=True)
class Incident:
    """The incident as its rules (and who may change it) need it; the personal summary,
    details, timeline text and report stay in the events."""

    incident_id: str
    kind: IncidentKind
    severity: int
    area_id: str
    reported_at: str
    sensitivity: Sensitivity
    reporting_actor_id: str
    status: IncidentStatus = IncidentStatus.REPORTED
    status_at: str = ""
    links: Mapping[str, LinkKind] = dataclasses.field(default_factory=dict)
    roles: Mapping[str, Role] = dataclasses.field(default_factory=dict)
    tasks: Mapping[str, Task] = dataclasses.field(default_factory=dict)
    timeline: Mapping[str, TimelineKind] = dataclasses.field(default_factory=dict)
    pinned: frozenset[str] = frozenset()
    report_version: int = 0
    follow_up_activities: tuple[str, ...] = ()
    personal_data_erased: bool = False


def evolve(state: Incident | None, event: DomainEvent) -> Incident | None:
    match event:
        case IncidentReported():
            return Incident(
                event.incident_id,
                event.kind,
                event.severity,
                event.area_id,
                event.reported_at,
                event.sensitivity,
                event.reporting_actor_id,
                status_at=event.reported_at,
            )
        case IncidentActivated() | IncidentReopened() | IncidentStabilised() | IncidentClosed() if (
            state is not None
        ):
            status = incident_status.status_after(event.event_type()) or state.status
            return dataclasses.replace(state, status=status, status_at=event.at)
        case IncidentLinked() if state is not None:
            links = {**state.links, event.linked_incident_id: event.kind}
            return dataclasses.replace(state, links=links)
        case ResponseRoleAssigned() if state is not None:
            roles = {**state.roles, event.actor_id: Role(event.role, event.contact_id)}
            return dataclasses.replace(state, roles=roles)
        case ResponseRoleReleased() if state is not None:
            roles = {k: v for k, v in state.roles.items() if k != event.actor_id}
            return dataclasses.replace(state, roles=roles)
        case TaskAdded() if state is not None:
            task = Task(event.assignee_actor_id)
            return dataclasses.replace(state, tasks={**state.tasks, event.task_id: task})
        case TaskStatusChanged() if state is not None and event.task_id in state.tasks:
            task = dataclasses.replace(state.tasks[event.task_id], status=event.status)
            return dataclasses.replace(state, tasks={**state.tasks, event.task_id: task})
        case TimelineEntryRecorded() if state is not None:
            timeline = {**state.timeline, event.entry_id: event.kind}
            return dataclasses.replace(state, timeline=timeline)
        case TimelineEntryPinned() if state is not None:
            return dataclasses.replace(state, pinned=state.pinned | {event.entry_id})
        case TimelineEntryUnpinned() if state is not None:
            return dataclasses.replace(state, pinned=state.pinned - {event.entry_id})
        case TacticalReportUpdated() if state is not None:
            return dataclasses.replace(state, report_version=event.report_version)
        case IncidentPersonalDataErased() if state is not None:
            return dataclasses.replace(state, personal_data_erased=True)
        case FollowUpActivityRecorded() if state is not None:
            activities = model.unique((*state.follow_up_activities, event.activity_id))
            return dataclasses.replace(state, follow_up_activities=activities)
    return state


fold = folding(evolve)


def takes_part(state: Incident, actor_id: str | None) -> bool:
    """Whether the actor is in the incident's response: it reported the incident, holds a
    role in the response or has a task in it."""
    return actor_id is not None and (
        actor_id == state.reporting_actor_id
        or actor_id in state.roles
        or any(task.assignee_actor_id == actor_id for task in state.tasks.values())
    )


def lead_of(state: Incident) -> str | None:
    return next((a for a, r in state.roles.items() if r.role is ResponseRole.LEAD), None)

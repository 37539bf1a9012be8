"""The Incident aggregate: an acute incident and the partners' joint response to it.

Roles, tasks, timeline, tactical report and follow-up activities live on the
incident's stream. Rules: the area and every actor must be known (a merged actor is
recorded as its survivor); an incident occurs no later than it is reported;
restricted details need a restricted incident; the status moves by the status rule
(``trygnet_core.incident_status``: activate, stabilise, close with a reason, reopen),
which this module decides and folds by; a closed incident changes only by being
reopened (its personal text may still be erased); once its personal text is erased
an incident takes no new text (no task, timeline entry, report or reason: it closes
without one); every status change happens on or after the last; the response has
one lead; a task is due no earlier than the day of the report and, once done or
cancelled, stays so; a follow-up activity is started by a decision in the timeline.
That a linked incident exists is the handler's to check.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from trygnet_core import incident_status
from trygnet_core.errors import BadUserInput, Conflict, NotFound
from trygnet_core.events import DomainEvent
from trygnet_incidents.domain import model
from trygnet_incidents.domain.commands import (
    ActivateIncident,
    AddTask,
    AssignResponseRole,
    ChangeTaskStatus,
    CloseIncident,
    EraseIncidentPersonalData,
    LinkIncident,
    PinTimelineEntry,
    RecordFollowUpActivity,
    RecordTimelineEntry,
    ReleaseResponseRole,
    ReopenIncident,
    ReportIncident,
    StabiliseIncident,
    UnpinTimelineEntry,
    UpdateTacticalReport,
)
from trygnet_incidents.domain.escalation import EscalationMatrix, alerts
from trygnet_incidents.domain.events import (
    ActorsAlerted,
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
    NOTHING_KNOWN,
    IncidentKind,
    IncidentStatus,
    Known,
    LinkKind,
    ResponseRole,
    Sensitivity,
    TaskPriority,
    TaskStatus,
    TimelineKind,
)

IncidentCommand = (
    ReportIncident
    | ActivateIncident
    | StabiliseIncident
    | CloseIncident
    | ReopenIncident
    | LinkIncident
    | AssignResponseRole
    | ReleaseResponseRole
    | AddTask
    | ChangeTaskStatus
    | RecordTimelineEntry
    | PinTimelineEntry
    | UnpinTimelineEntry
    | UpdateTacticalReport
    | RecordFollowUpActivity
    | EraseIncidentPersonalData
)


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


def fold(events: Iterable[DomainEvent]) -> Incident | None:
    state: Incident | None = None
    for event in events:
        state = evolve(state, event)
    return state


def decide(
    command: IncidentCommand,
    state: Incident | None,
    *,
    known: Known = NOTHING_KNOWN,
    escalation: EscalationMatrix | None = None,
) -> list[DomainEvent]:
    """``escalation`` is the tenant's matrix, read by the handler to report an incident."""
    if isinstance(command, ReportIncident):
        if state is not None:
            raise Conflict("an incident with that id exists already", field="incidentId")
        return _report(command, known, escalation)
    if state is None:
        raise NotFound("no incident with that id", field="incidentId")
    if state.personal_data_erased and (field := _new_text(command)):
        raise Conflict(
            f"the personal text of incident {state.incident_id} was erased; "
            "no new text can be written to it",
            field=field,
        )
    if isinstance(command, ReopenIncident):
        return _reopen(command, state)
    if isinstance(command, EraseIncidentPersonalData):
        if state.personal_data_erased:
            return []
        at = model.moment(command.at, field="at")
        return [IncidentPersonalDataErased(incident_id=state.incident_id, at=at)]
    if state.status is IncidentStatus.CLOSED:
        raise Conflict(
            f"incident {state.incident_id} is closed; reopen it to change it", field="status"
        )
    incident_id = state.incident_id
    match command:
        case ActivateIncident():
            if state.status is IncidentStatus.ACTIVE:
                return []
            _may_move("activate", state)
            return [IncidentActivated(incident_id=incident_id, at=_status_at(command.at, state))]
        case StabiliseIncident():
            if state.status is IncidentStatus.STABLE:
                return []
            _may_move("stabilise", state)
            return [IncidentStabilised(incident_id=incident_id, at=_status_at(command.at, state))]
        case CloseIncident():
            _may_move("close", state)
            reason = model.optional_text(command.reason, field="reason", max_length=1000)
            if reason is None and not state.personal_data_erased:
                raise BadUserInput("closing an incident needs a reason", field="reason")
            at = _status_at(command.at, state)
            return [IncidentClosed(incident_id=incident_id, at=at, reason=reason)]
        case LinkIncident():
            return _link(command, state)
        case AssignResponseRole():
            return _assign(command, state, known)
        case ReleaseResponseRole():
            holder = known.member(state.roles, command.actor_id)
            if holder is None:
                raise NotFound("that actor holds no role", field="actorId")
            return [ResponseRoleReleased(incident_id=incident_id, actor_id=holder)]
        case AddTask():
            return [_task(command, state, known)]
        case ChangeTaskStatus():
            return _task_status(command, state)
        case RecordTimelineEntry():
            return [_entry(command, state, known)]
        case PinTimelineEntry() | UnpinTimelineEntry():
            return _pin(command, state)
        case UpdateTacticalReport():
            return [_report_update(command, state, known)]
        case RecordFollowUpActivity():
            return _follow_up(command, state)
    raise TypeError(f"not an incident command: {command!r}")


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


def _report(
    command: ReportIncident, known: Known, escalation: EscalationMatrix | None
) -> list[DomainEvent]:
    sensitivity = model.one_of(Sensitivity, command.sensitivity, field="sensitivity")
    details = model.optional_text(
        command.restricted_details, field="restrictedDetails", max_length=8000
    )
    if details is not None and sensitivity is not Sensitivity.RESTRICTED:
        raise BadUserInput(
            "restricted details need a restricted incident", field="restrictedDetails"
        )
    occurred_at = model.moment(command.occurred_at, field="occurredAt")
    reported_at = model.moment(command.reported_at, field="reportedAt")
    model.in_order(occurred_at, reported_at, field="reportedAt", what="the incident occurred")
    reported = IncidentReported(
        incident_id=model.required_text(command.incident_id, field="incidentId"),
        kind=model.one_of(IncidentKind, command.kind, field="kind"),
        severity=model.severity(command.severity),
        area_id=known.area(command.area_id),
        place=model.required_text(command.place, field="place", max_length=500),
        occurred_at=occurred_at,
        reported_at=reported_at,
        reporting_actor_id=known.actor(command.reporting_actor_id, field="reportingActorId"),
        sensitivity=sensitivity,
        coordinates=model.coordinates(command.coordinates),
        summary=model.required_text(command.summary, field="summary", max_length=4000),
        restricted_details=details,
    )
    rules = escalation.rules.values() if escalation is not None else ()
    found = alerts(rules, reported.kind, reported.severity, reported.area_id)
    # A rule set before a merge names the old actor: alert the survivor, once.
    survivors: dict[str, str] = {}
    for alert in found:
        survivors.setdefault(known.survivor(alert["actor_id"]), alert["rule_id"])
    if not survivors:
        return [reported]
    alerted = tuple({"actor_id": a, "rule_id": r} for a, r in survivors.items())
    return [reported, ActorsAlerted(incident_id=reported.incident_id, alerts=alerted)]


def _new_text(command: IncidentCommand) -> str | None:
    """The field of the personal text the command would write, if it writes any."""
    match command:
        case AddTask():
            return "title"
        case RecordTimelineEntry():
            return "text"
        case UpdateTacticalReport():
            given = [n for n in ("conditions", "actions", "needs") if getattr(command, n)]
            return given[0] if given else "conditions"
        case CloseIncident() | ReopenIncident() if command.reason:
            return "reason"
    return None


def _may_move(step: str, state: Incident, doing: str = "") -> None:
    """Conflict unless the status rule lets ``step`` start from the incident's status."""
    move = incident_status.by_step(step)
    if state.status not in move.sources:
        either = " or ".join(s for s in IncidentStatus if s in move.sources)
        article = "an" if either[:1] in tuple("aeiou") else "a"
        doing = doing or f"become {move.target}"
        raise Conflict(f"only {article} {either} incident can {doing}", field="status")


def _status_at(value: object, state: Incident) -> str:
    at = model.moment(value, field="at")
    model.in_order(state.status_at, at, field="at", what="the last status change")
    return at


def _reopen(command: ReopenIncident, state: Incident) -> list[DomainEvent]:
    _may_move("reopen", state, f"be reopened, not a {state.status} one")
    return [
        IncidentReopened(
            incident_id=state.incident_id,
            at=_status_at(command.at, state),
            reason=model.optional_text(command.reason, field="reason", max_length=1000),
        )
    ]


def _link(command: LinkIncident, state: Incident) -> list[DomainEvent]:
    linked = model.required_text(command.linked_incident_id, field="linkedIncidentId")
    if linked == state.incident_id:
        raise BadUserInput("an incident cannot be linked to itself", field="linkedIncidentId")
    kind = model.one_of(LinkKind, command.kind, field="kind")
    if state.links.get(linked) is kind:
        return []
    return [IncidentLinked(incident_id=state.incident_id, linked_incident_id=linked, kind=kind)]


def _assign(command: AssignResponseRole, state: Incident, known: Known) -> list[DomainEvent]:
    actor_id = known.actor(command.actor_id, field="actorId")
    role = model.one_of(ResponseRole, command.role, field="role")
    contact_id = model.optional_text(command.contact_id, field="contactId", max_length=200)
    if state.roles.get(actor_id) == Role(role, contact_id):
        return []
    lead = lead_of(state)
    if role is ResponseRole.LEAD and lead not in (None, actor_id):
        raise Conflict(f"actor {lead} leads the response; release it first", field="role")
    return [
        ResponseRoleAssigned(
            incident_id=state.incident_id, actor_id=actor_id, role=role, contact_id=contact_id
        )
    ]


def _task(command: AddTask, state: Incident, known: Known) -> TaskAdded:
    if command.task_id in state.tasks:
        raise Conflict("a task with that id exists already", field="taskId")
    due = model.day(command.due, field="due")
    model.in_order(state.reported_at[:10], due, field="due", what="the day of the report")
    return TaskAdded(
        incident_id=state.incident_id,
        task_id=model.required_text(command.task_id, field="taskId"),
        title=model.required_text(command.title, field="title", max_length=500),
        assignee_actor_id=known.actor(command.assignee_actor_id, field="assigneeActorId"),
        due=due,
        priority=model.one_of(TaskPriority, command.priority, field="priority"),
    )


def _task_status(command: ChangeTaskStatus, state: Incident) -> list[DomainEvent]:
    task = state.tasks.get(command.task_id)
    if task is None:
        raise NotFound("no task with that id", field="taskId")
    current = task.status
    status = model.one_of(TaskStatus, command.status, field="status")
    if status is current:
        return []
    if current is not TaskStatus.OPEN:
        raise Conflict(f"a task that is {current} cannot become {status}", field="status")
    return [
        TaskStatusChanged(incident_id=state.incident_id, task_id=command.task_id, status=status)
    ]


def _entry(command: RecordTimelineEntry, state: Incident, known: Known) -> TimelineEntryRecorded:
    if command.entry_id in state.timeline:
        raise Conflict("a timeline entry with that id exists already", field="entryId")
    return TimelineEntryRecorded(
        incident_id=state.incident_id,
        entry_id=model.required_text(command.entry_id, field="entryId"),
        kind=model.one_of(TimelineKind, command.kind, field="kind"),
        author_actor_id=known.actor(command.author_actor_id, field="authorActorId"),
        at=model.moment(command.at, field="at"),
        text=model.required_text(command.text, field="text", max_length=8000),
    )


def _pin(command: PinTimelineEntry | UnpinTimelineEntry, state: Incident) -> list[DomainEvent]:
    if command.entry_id not in state.timeline:
        raise NotFound("no timeline entry with that id", field="entryId")
    pin = isinstance(command, PinTimelineEntry)
    if (command.entry_id in state.pinned) is pin:
        return []
    event = TimelineEntryPinned if pin else TimelineEntryUnpinned
    return [event(incident_id=state.incident_id, entry_id=command.entry_id)]


def _report_update(
    command: UpdateTacticalReport, state: Incident, known: Known
) -> TacticalReportUpdated:
    texts = {
        name: model.optional_text(getattr(command, name), field=name, max_length=8000)
        for name in ("conditions", "actions", "needs")
    }
    if not any(texts.values()):
        raise BadUserInput("a tactical report says something", field="conditions")
    return TacticalReportUpdated(
        incident_id=state.incident_id,
        report_version=state.report_version + 1,
        author_actor_id=known.actor(command.author_actor_id, field="authorActorId"),
        at=model.moment(command.at, field="at"),
        **texts,
    )


def _follow_up(command: RecordFollowUpActivity, state: Incident) -> list[DomainEvent]:
    kind = state.timeline.get(command.decision_entry_id)
    if kind is None:
        raise NotFound("no timeline entry with that id", field="decisionEntryId")
    if kind is not TimelineKind.DECISION:
        raise BadUserInput("a follow-up activity is started by a decision", field="decisionEntryId")
    activity_id = model.required_text(command.activity_id, field="activityId")
    if activity_id in state.follow_up_activities:
        return []
    return [
        FollowUpActivityRecorded(
            incident_id=state.incident_id,
            activity_id=activity_id,
            decision_entry_id=command.decision_entry_id,
        )
    ]

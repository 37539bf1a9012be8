"""The partners' response on an incident's stream: links, roles, tasks, the timeline and
its pins, the tactical report and follow-up activities. Rules: every actor must be known
(a merged actor is recorded as its survivor); the response has one lead; a task is due
no earlier than the day of the report and, once done or cancelled, stays so; an incident
is not linked to itself; a follow-up activity is started by a decision in the timeline.
Each function decides one command on the incident's state (``incident.decide`` routes
them), answering the events it makes, none where it changes nothing."""

from __future__ import annotations

from trygnet_core.errors import BadUserInput, Conflict, NotFound
from trygnet_core.events import DomainEvent
from trygnet_incidents.domain import events, model
from trygnet_incidents.domain.commands import (
    AddTask,
    AssignResponseRole,
    ChangeTaskStatus,
    LinkIncident,
    PinTimelineEntry,
    RecordFollowUpActivity,
    RecordTimelineEntry,
    UnpinTimelineEntry,
    UpdateTacticalReport,
)
from trygnet_incidents.domain.incident_state import Incident, Role, lead_of
from trygnet_incidents.domain.model import (
    Known,
    LinkKind,
    ResponseRole,
    TaskPriority,
    TaskStatus,
    TimelineKind,
)


def link(command: LinkIncident, state: Incident) -> list[DomainEvent]:
    linked = model.required_text(command.linked_incident_id, field="linkedIncidentId")
    if linked == state.incident_id:
        raise BadUserInput("an incident cannot be linked to itself", field="linkedIncidentId")
    kind = model.one_of(LinkKind, command.kind, field="kind")
    if state.links.get(linked) is kind:
        return []
    return [
        events.IncidentLinked(incident_id=state.incident_id, linked_incident_id=linked, kind=kind)
    ]


def assign(command: AssignResponseRole, state: Incident, known: Known) -> list[DomainEvent]:
    actor_id = known.actor(command.actor_id, field="actorId")
    role = model.one_of(ResponseRole, command.role, field="role")
    contact_id = model.optional_text(command.contact_id, field="contactId", max_length=200)
    if state.roles.get(actor_id) == Role(role, contact_id):
        return []
    lead = lead_of(state)
    if role is ResponseRole.LEAD and lead not in (None, actor_id):
        raise Conflict(f"actor {lead} leads the response; release it first", field="role")
    return [
        events.ResponseRoleAssigned(
            incident_id=state.incident_id, actor_id=actor_id, role=role, contact_id=contact_id
        )
    ]


def add_task(command: AddTask, state: Incident, known: Known) -> events.TaskAdded:
    if command.task_id in state.tasks:
        raise Conflict("a task with that id exists already", field="taskId")
    due = model.day(command.due, field="due")
    model.in_order(state.reported_at[:10], due, field="due", what="the day of the report")
    return events.TaskAdded(
        incident_id=state.incident_id,
        task_id=model.required_text(command.task_id, field="taskId"),
        title=model.required_text(command.title, field="title", max_length=500),
        assignee_actor_id=known.actor(command.assignee_actor_id, field="assigneeActorId"),
        due=due,
        priority=model.one_of(TaskPriority, command.priority, field="priority"),
    )


def change_task_status(command: ChangeTaskStatus, state: Incident) -> list[DomainEvent]:
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
        events.TaskStatusChanged(
            incident_id=state.incident_id, task_id=command.task_id, status=status
        )
    ]


def record_entry(
    command: RecordTimelineEntry, state: Incident, known: Known
) -> events.TimelineEntryRecorded:
    if command.entry_id in state.timeline:
        raise Conflict("a timeline entry with that id exists already", field="entryId")
    return events.TimelineEntryRecorded(
        incident_id=state.incident_id,
        entry_id=model.required_text(command.entry_id, field="entryId"),
        kind=model.one_of(TimelineKind, command.kind, field="kind"),
        author_actor_id=known.actor(command.author_actor_id, field="authorActorId"),
        at=model.moment(command.at, field="at"),
        text=model.required_text(command.text, field="text", max_length=8000),
    )


def pin(command: PinTimelineEntry | UnpinTimelineEntry, state: Incident) -> list[DomainEvent]:
    if command.entry_id not in state.timeline:
        raise NotFound("no timeline entry with that id", field="entryId")
    pin = isinstance(command, PinTimelineEntry)
    if (command.entry_id in state.pinned) is pin:
        return []
    event = events.TimelineEntryPinned if pin else events.TimelineEntryUnpinned
    return [event(incident_id=state.incident_id, entry_id=command.entry_id)]


def update_report(
    command: UpdateTacticalReport, state: Incident, known: Known
) -> events.TacticalReportUpdated:
    texts = {
        name: model.optional_text(getattr(command, name), field=name, max_length=8000)
        for name in ("conditions", "actions", "needs")
    }
    if not any(texts.values()):
        raise BadUserInput("a tactical report says something", field="conditions")
    return events.TacticalReportUpdated(
        incident_id=state.incident_id,
        report_version=state.report_version + 1,
        author_actor_id=known.actor(command.author_actor_id, field="authorActorId"),
        at=model.moment(command.at, field="at"),
        **texts,
    )


def follow_up(command: RecordFollowUpActivity, state: Incident) -> list[DomainEvent]:
    kind = state.timeline.get(command.decision_entry_id)
    if kind is None:
        raise NotFound("no timeline entry with that id", field="decisionEntryId")
    if kind is not TimelineKind.DECISION:
        raise BadUserInput("a follow-up activity is started by a decision", field="decisionEntryId")
    activity_id = model.required_text(command.activity_id, field="activityId")
    if activity_id in state.follow_up_activities:
        return []
    return [
        events.FollowUpActivityRecorded(
            incident_id=state.incident_id,
            activity_id=activity_id,
            decision_entry_id=command.decision_entry_id,
        )
    ]

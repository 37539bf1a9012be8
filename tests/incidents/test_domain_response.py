"""The joint response on the Incident aggregate: roles, tasks, the timeline, the tactical
report and follow-up activities, given / when / then."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from tests.incidents.test_domain_incidents import CLOSED, REPORTED, SHOOTING
from tests.incidents.test_domain_known import FSB, KK, KNOWN, OLD_SSP, POLICE, SSP
from trygnet_core.errors import BadUserInput, Conflict, NotFound, TrygnetError
from trygnet_core.events import DomainEvent
from trygnet_incidents.domain import incident
from trygnet_incidents.domain.commands import (
    AddTask,
    AssignResponseRole,
    ChangeTaskStatus,
    PinTimelineEntry,
    RecordFollowUpActivity,
    RecordTimelineEntry,
    ReleaseResponseRole,
    UnpinTimelineEntry,
    UpdateTacticalReport,
)
from trygnet_incidents.domain.events import (
    FollowUpActivityRecorded,
    ResponseRoleAssigned,
    ResponseRoleReleased,
    TacticalReportUpdated,
    TaskAdded,
    TaskStatusChanged,
    TimelineEntryPinned,
    TimelineEntryRecorded,
    TimelineEntryUnpinned,
)
from trygnet_incidents.domain.incident import IncidentCommand
from trygnet_incidents.domain.model import ResponseRole, TaskPriority, TaskStatus, TimelineKind

LEADS = ResponseRoleAssigned(
    incident_id=SHOOTING, actor_id=KK, role=ResponseRole.LEAD, contact_id="contact-coordinator"
)
LIAISON = ResponseRoleAssigned(incident_id=SHOOTING, actor_id=POLICE, role=ResponseRole.LIAISON)
RELEASED = ResponseRoleReleased(incident_id=SHOOTING, actor_id=POLICE)
TASK = TaskAdded(
    incident_id=SHOOTING,
    task_id="task-walk",
    title="Walk the streets with residents tomorrow evening",
    assignee_actor_id=SSP,
    due="2026-03-15",
    priority=TaskPriority.URGENT,
)
DONE = TaskStatusChanged(incident_id=SHOOTING, task_id="task-walk", status=TaskStatus.DONE)
DECISION = TimelineEntryRecorded(
    incident_id=SHOOTING,
    entry_id="entry-decision",
    kind=TimelineKind.DECISION,
    author_actor_id=KK,
    at="2026-03-15T08:00:00+00:00",
    text="Municipality, SSP, police and housing staff walk the area tomorrow; coffee with residents.",
)
NOTE = TimelineEntryRecorded(
    incident_id=SHOOTING,
    entry_id="entry-note",
    kind=TimelineKind.POLICE_UPDATE,
    author_actor_id=POLICE,
    at="2026-03-15T09:00:00+00:00",
    text="Two arrests; the area is calmer.",
)
PINNED = TimelineEntryPinned(incident_id=SHOOTING, entry_id="entry-decision")
UNPINNED = TimelineEntryUnpinned(incident_id=SHOOTING, entry_id="entry-decision")
REPORT_1 = TacticalReportUpdated(
    incident_id=SHOOTING,
    report_version=1,
    author_actor_id=POLICE,
    at="2026-03-15T07:00:00+00:00",
    conditions="Tense; groups gathering at the square.",
    actions="Extra patrols tonight.",
    needs="Youth workers on the street.",
)
FOLLOW_UP = FollowUpActivityRecorded(
    incident_id=SHOOTING, activity_id="activity-street-walks", decision_entry_id="entry-decision"
)
RESPONSE_EVENTS: list[DomainEvent] = [
    LEADS,
    LIAISON,
    RELEASED,
    TASK,
    DONE,
    DECISION,
    NOTE,
    PINNED,
    UNPINNED,
    REPORT_1,
    FOLLOW_UP,
]


def when(command: IncidentCommand, *given: DomainEvent) -> list[DomainEvent]:
    return incident.decide(command, incident.fold((REPORTED, *given)), known=KNOWN)


def refused_field(
    error: type[TrygnetError], command: IncidentCommand, *given: DomainEvent
) -> str | None:
    with pytest.raises(error) as refused:
        when(command, *given)
    return refused.value.field


def task(**changes: Any) -> AddTask:
    fields: dict[str, Any] = {
        "incident_id": SHOOTING,
        "task_id": "task-walk",
        "title": " Walk the streets with residents tomorrow evening ",
        "assignee_actor_id": OLD_SSP,
        "due": date(2026, 3, 15),
        "priority": TaskPriority.URGENT,
    }
    return AddTask(**{**fields, **changes})


def entry(**changes: Any) -> RecordTimelineEntry:
    fields: dict[str, Any] = {
        "incident_id": SHOOTING,
        "entry_id": "entry-decision",
        "kind": TimelineKind.DECISION,
        "text": DECISION.text,
        "author_actor_id": KK,
        "at": "2026-03-15T09:00:00+01:00",
    }
    return RecordTimelineEntry(**{**fields, **changes})


def report_update(**changes: Any) -> UpdateTacticalReport:
    fields: dict[str, Any] = {
        "incident_id": SHOOTING,
        "author_actor_id": POLICE,
        "at": "2026-03-15T07:00:00Z",
        "conditions": REPORT_1.conditions,
        "actions": REPORT_1.actions,
        "needs": REPORT_1.needs,
    }
    return UpdateTacticalReport(**{**fields, **changes})


# Roles


def test_assigning_a_role_records_the_actor_and_its_contact() -> None:
    command = AssignResponseRole(SHOOTING, KK, ResponseRole.LEAD, contact_id="contact-coordinator")
    assert when(command) == [LEADS]


def test_a_merged_actor_takes_its_role_as_its_survivor() -> None:
    assert when(AssignResponseRole(SHOOTING, OLD_SSP, ResponseRole.SCRIBE)) == [
        ResponseRoleAssigned(incident_id=SHOOTING, actor_id=SSP, role=ResponseRole.SCRIBE)
    ]


def test_assigning_the_same_role_again_records_nothing_and_another_role_records_it() -> None:
    assert when(AssignResponseRole(SHOOTING, POLICE, ResponseRole.LIAISON), LIAISON) == []
    assert when(AssignResponseRole(SHOOTING, POLICE, ResponseRole.PARTICIPANT), LIAISON) == [
        ResponseRoleAssigned(incident_id=SHOOTING, actor_id=POLICE, role=ResponseRole.PARTICIPANT)
    ]


def test_the_response_has_one_lead() -> None:
    assert (
        refused_field(Conflict, AssignResponseRole(SHOOTING, POLICE, ResponseRole.LEAD), LEADS)
        == "role"
    )


def test_another_lead_may_take_over_once_the_lead_is_released() -> None:
    released = ResponseRoleReleased(incident_id=SHOOTING, actor_id=KK)
    assert when(AssignResponseRole(SHOOTING, POLICE, ResponseRole.LEAD), LEADS, released) == [
        ResponseRoleAssigned(incident_id=SHOOTING, actor_id=POLICE, role=ResponseRole.LEAD)
    ]


def test_a_bad_role_is_refused_naming_the_field() -> None:
    assert (
        refused_field(BadUserInput, AssignResponseRole(SHOOTING, "actor-nobody", ResponseRole.LEAD))
        == "actorId"
    )
    assert refused_field(BadUserInput, AssignResponseRole(SHOOTING, KK, "boss")) == "role"  # type: ignore[arg-type]


def test_releasing_a_role_records_it_and_an_actor_without_one_is_not_found() -> None:
    assert when(ReleaseResponseRole(SHOOTING, POLICE), LIAISON) == [RELEASED]
    assert refused_field(NotFound, ReleaseResponseRole(SHOOTING, FSB), LIAISON) == "actorId"


def test_a_role_is_released_by_a_merged_actors_old_id() -> None:
    scribe = ResponseRoleAssigned(incident_id=SHOOTING, actor_id=SSP, role=ResponseRole.SCRIBE)
    assert when(ReleaseResponseRole(SHOOTING, OLD_SSP), scribe) == [
        ResponseRoleReleased(incident_id=SHOOTING, actor_id=SSP)
    ]


# Tasks


def test_adding_a_task_records_it_open_for_the_survivor() -> None:
    assert when(task()) == [TASK]
    state = incident.fold([REPORTED, TASK])
    assert state is not None and incident.takes_part(state, SSP)
    assert not incident.takes_part(state, FSB)
    assert state is not None and state.tasks == {"task-walk": incident.Task(SSP, TaskStatus.OPEN)}


def test_a_task_is_normal_priority_unless_said() -> None:
    [added] = when(AddTask(SHOOTING, "task-x", "Call the housing office", FSB, "2026-03-16"))
    assert isinstance(added, TaskAdded) and added.priority is TaskPriority.NORMAL


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"title": ""}, "title"),
        ({"assignee_actor_id": "actor-nobody"}, "assigneeActorId"),
        ({"due": "soon"}, "due"),
        ({"due": date(2026, 3, 13)}, "due"),
        ({"priority": "whenever"}, "priority"),
    ],
)
def test_a_bad_task_is_refused_naming_the_field(changes: dict[str, Any], field: str) -> None:
    assert refused_field(BadUserInput, task(**changes)) == field


def test_adding_a_task_twice_is_a_conflict() -> None:
    assert refused_field(Conflict, task(), TASK) == "taskId"


def test_adding_a_task_to_a_closed_incident_is_a_conflict() -> None:
    assert refused_field(Conflict, task(), CLOSED) == "status"


def test_a_task_is_done_or_cancelled_once() -> None:
    assert when(ChangeTaskStatus(SHOOTING, "task-walk", TaskStatus.DONE), TASK) == [DONE]
    assert when(ChangeTaskStatus(SHOOTING, "task-walk", TaskStatus.DONE), TASK, DONE) == []
    cancel = ChangeTaskStatus(SHOOTING, "task-walk", TaskStatus.CANCELLED)
    assert refused_field(Conflict, cancel, TASK, DONE) == "status"
    assert (
        refused_field(
            Conflict, ChangeTaskStatus(SHOOTING, "task-walk", TaskStatus.OPEN), TASK, DONE
        )
        == "status"
    )


def test_changing_an_unknown_task_is_not_found() -> None:
    assert (
        refused_field(NotFound, ChangeTaskStatus(SHOOTING, "task-x", TaskStatus.DONE)) == "taskId"
    )


# Timeline


def test_recording_a_timeline_entry_records_what_when_and_by_whom() -> None:
    assert when(entry()) == [DECISION]


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"kind": "gossip"}, "kind"),
        ({"text": " "}, "text"),
        ({"author_actor_id": "actor-nobody"}, "authorActorId"),
        ({"at": "2026-03-15"}, "at"),
    ],
)
def test_a_bad_timeline_entry_is_refused_naming_the_field(
    changes: dict[str, Any], field: str
) -> None:
    assert refused_field(BadUserInput, entry(**changes)) == field


def test_recording_an_entry_twice_or_on_a_closed_incident_is_a_conflict() -> None:
    assert refused_field(Conflict, entry(), DECISION) == "entryId"
    assert refused_field(Conflict, entry(), CLOSED) == "status"


def test_an_entry_is_pinned_and_unpinned_once() -> None:
    assert when(PinTimelineEntry(SHOOTING, "entry-decision"), DECISION) == [PINNED]
    assert when(PinTimelineEntry(SHOOTING, "entry-decision"), DECISION, PINNED) == []
    assert when(UnpinTimelineEntry(SHOOTING, "entry-decision"), DECISION, PINNED) == [UNPINNED]
    assert when(UnpinTimelineEntry(SHOOTING, "entry-decision"), DECISION) == []


def test_pinning_an_unknown_entry_is_not_found() -> None:
    assert refused_field(NotFound, PinTimelineEntry(SHOOTING, "entry-x")) == "entryId"
    assert refused_field(NotFound, UnpinTimelineEntry(SHOOTING, "entry-x")) == "entryId"


# Tactical report


def test_the_first_tactical_report_is_version_1_and_each_update_the_next() -> None:
    assert when(report_update()) == [REPORT_1]
    [second] = when(report_update(needs=None, at="2026-03-16T07:00:00Z"), REPORT_1)
    assert second == TacticalReportUpdated(
        incident_id=SHOOTING,
        report_version=2,
        author_actor_id=POLICE,
        at="2026-03-16T07:00:00+00:00",
        conditions=REPORT_1.conditions,
        actions=REPORT_1.actions,
    )


def test_an_empty_tactical_report_or_an_unknown_author_is_refused() -> None:
    empty = report_update(conditions="", actions=None, needs=" ")
    assert refused_field(BadUserInput, empty) == "conditions"
    assert (
        refused_field(BadUserInput, report_update(author_actor_id="actor-nobody"))
        == "authorActorId"
    )


# Follow-up activities


def test_a_decision_records_the_follow_up_activity_it_started() -> None:
    command = RecordFollowUpActivity(SHOOTING, "activity-street-walks", "entry-decision")
    assert when(command, DECISION) == [FOLLOW_UP]
    assert when(command, DECISION, FOLLOW_UP) == []


def test_only_a_decision_starts_a_follow_up_activity() -> None:
    from_note = RecordFollowUpActivity(SHOOTING, "activity-street-walks", "entry-note")
    assert refused_field(BadUserInput, from_note, NOTE) == "decisionEntryId"
    unknown = RecordFollowUpActivity(SHOOTING, "activity-street-walks", "entry-x")
    assert refused_field(NotFound, unknown) == "decisionEntryId"

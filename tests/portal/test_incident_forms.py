"""Which of an incident's forms the page offers each person: the incidents service's
rules of who may do what, read from what the person sees of the incident, and checked
against the service's own rule."""

from __future__ import annotations

from dataclasses import replace
from typing import Any, Final

import pytest

from trygnet_core.auth import Principal
from trygnet_core.errors import Conflict, Forbidden
from trygnet_core.tenancy import TenantId
from trygnet_incidents.domain.commands import (
    ActivateIncident,
    AddTask,
    ChangeTaskStatus,
    CloseIncident,
    RecordTimelineEntry,
    ReopenIncident,
    StabiliseIncident,
)
from trygnet_incidents.domain.incident import Incident as DomainIncident
from trygnet_incidents.domain.incident import Role, Task, decide
from trygnet_incidents.domain.model import (
    IncidentKind,
    IncidentStatus,
    ResponseRole,
    Sensitivity,
    TaskStatus,
    TimelineKind,
)
from trygnet_incidents.handlers import authorize
from trygnet_portal.client.incident import IncidentIncident
from trygnet_portal.pages.incident import ALL, NEXT_STATUS, may_complete, offered
from trygnet_portal.sessions import Identity


def incident(**given: Any) -> IncidentIncident:
    return IncidentIncident.model_validate(
        {
            "id": "incident-1",
            "kind": "SHOOTING",
            "severity": 4,
            "place": None,
            "occurredAt": "2026-03-14T20:40:00Z",
            "reportedAt": "2026-03-14T21:05:00Z",
            "sensitivity": "OPEN",
            "summary": None,
            "restrictedDetails": None,
            "status": "ACTIVE",
            "statusAt": None,
            "redacted": False,
            "version": 3,
            "personalDataErased": False,
            "area": None,
            "reportingActor": {"id": "police", "name": "Politiet"},
            "statusHistory": [],
            "roles": [{"role": "LEAD", "actor": {"id": "ssp", "name": "SSP"}}],
            "tasks": [
                {
                    "id": "t1",
                    "title": "Besøg",
                    "due": "2026-03-16",
                    "priority": "NORMAL",
                    "status": "OPEN",
                    "assignee": {"id": "club", "name": "Klubben"},
                },
            ],
            "timeline": [],
            "tacticalReport": None,
            **given,
        }
    )


def test_coordinators_and_the_leads_staff_run_the_response() -> None:
    seen = incident()
    assert offered(Identity("c", "0101", ("coordinator",)), seen) == ALL
    assert offered(Identity("s", "0101", ("partner",), "ssp"), seen) == ALL
    assert may_complete(Identity("s", "0101", ("partner",), "ssp"), seen, "club")


def test_staff_of_an_actor_taking_part_add_to_it_and_complete_only_their_own_tasks() -> None:
    seen = incident()
    club = Identity("k", "0101", ("partner",), "club")
    police = Identity("p", "0101", ("police",), "police")
    assert offered(club, seen) == {"task", "timeline", "complete"}, "it has a task"
    assert offered(police, seen) == {"task", "timeline", "complete"}, "it reported it"
    assert may_complete(club, seen, "club") and not may_complete(police, seen, "club")
    school = Identity("s", "0101", ("partner",), "school")
    assert offered(school, seen) == {"complete"}, "an actor not taking part adds nothing"
    assert offered(Identity("n", "0000", ("national",)), seen) == frozenset()


# The page's offers against the incidents service's own rule (``authorize``), for every
# kind of person on incidents of every shape: the page restates the rule to choose its
# forms, so the two must agree wherever the page offers or withholds a form.
SHAPES: Final = {
    "led by ssp": ({"ssp": ResponseRole.LEAD, "youth": ResponseRole.PARTICIPANT}, {"t1": "club"}),
    "nobody leads": ({"youth": ResponseRole.SCRIBE}, {"t1": "club", "t2": "youth"}),
    "no response yet": ({}, {}),
}
ACTORS: Final = ("police", "ssp", "youth", "club", "school", None)
ROLE_SETS: Final = (
    ("coordinator",),
    ("partner",),
    ("police",),
    ("national",),
    ("partner", "coordinator"),
    ("police", "partner"),
)


def both_views(shape: str) -> tuple[DomainIncident, IncidentIncident]:
    roles, tasks = SHAPES[shape]
    state = DomainIncident(
        incident_id="incident-1",
        kind=IncidentKind.SHOOTING,
        severity=4,
        area_id="area",
        reported_at="2026-03-14T21:05:00Z",
        sensitivity=Sensitivity.OPEN,
        reporting_actor_id="police",
        status=IncidentStatus.ACTIVE,
        roles={actor: Role(role) for actor, role in roles.items()},
        tasks={task: Task(assignee) for task, assignee in tasks.items()},
    )
    seen = incident(
        roles=[
            {"role": role.name, "actor": {"id": actor, "name": actor}}
            for actor, role in roles.items()
        ],
        tasks=[
            {
                "id": task,
                "title": "Besøg",
                "due": "2026-03-16",
                "priority": "NORMAL",
                "status": "OPEN",
                "assignee": {"id": assignee, "name": assignee},
            }
            for task, assignee in tasks.items()
        ],
    )
    return state, seen


def service_allows(principal: Principal, command: object, state: DomainIncident) -> bool:
    try:
        authorize(principal, command, state)
    except Forbidden:
        return False
    return True


def service_forms(principal: Principal, state: DomainIncident) -> set[str]:
    """The forms a person has some use for, as the service decides: some actor to add a
    task for or to write as, and the status."""
    at = "2026-03-15T10:00:00Z"
    actors = [a for a in ACTORS if a]
    forms = set()
    if any(
        service_allows(principal, AddTask("incident-1", "t9", "Besøg", a, "2026-03-16"), state)
        for a in actors
    ):
        forms.add("task")
    if any(
        service_allows(
            principal,
            RecordTimelineEntry("incident-1", "e1", TimelineKind.NOTE, "Set", a, at),
            state,
        )
        for a in actors
    ):
        forms.add("timeline")
    if service_allows(principal, CloseIncident("incident-1", at, "Slut"), state):
        forms.add("status")
    return forms


@pytest.mark.parametrize("shape", SHAPES)
@pytest.mark.parametrize("roles", ROLE_SETS, ids="+".join)
def test_the_forms_offered_are_what_the_incidents_service_allows(
    shape: str, roles: tuple[str, ...]
) -> None:
    state, seen = both_views(shape)
    for actor in ACTORS:
        identity = Identity("someone", "0101", roles, actor)
        principal = Principal("someone", TenantId("0101"), frozenset(roles), actor)
        assert offered(identity, seen) - {"complete"} == service_forms(principal, state), actor
        for task_id, task in state.tasks.items():
            done = ChangeTaskStatus("incident-1", task_id, TaskStatus.DONE)
            assert may_complete(identity, seen, task.assignee_actor_id) == service_allows(
                principal, done, state
            ), (actor, task_id)


def test_the_status_moves_offered_are_the_ones_the_incident_allows() -> None:
    state, _seen = both_views("no response yet")
    at = "2026-03-15T10:00:00Z"
    moves = {
        "ACTIVE": lambda closed: (ReopenIncident if closed else ActivateIncident)("incident-1", at),
        "STABLE": lambda _closed: StabiliseIncident("incident-1", at),
        "CLOSED": lambda _closed: CloseIncident("incident-1", at, "Slut"),
    }
    for status, offered_moves in NEXT_STATUS.items():
        now = replace(state, status=IncidentStatus[status.name])
        allowed = set()
        for target, command in moves.items():
            try:
                if decide(command(status.name == "CLOSED"), now):
                    allowed.add(target)
            except Conflict:
                pass
        assert {move.name for move in offered_moves} == allowed, status

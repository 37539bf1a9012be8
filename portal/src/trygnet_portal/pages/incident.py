"""One incident (``/incidents/{id}``): its status and history, the roles in the joint
response, the tasks (overdue marked), the timeline (filtered by kind, pinned entries
first) and the latest tactical report; and the forms for what the person's role may
do: add a task, complete their own, add to the timeline, change the status.

What a person reads is what the gateway gives them: a partner reading a restricted
incident gets its outline and its own tasks, and the page shows that and says so.
Which forms are offered follows the incidents service's rules of who may do what
(``offered``); the API decides either way, and a refusal is shown on the form."""

from __future__ import annotations

from typing import Any, Final, Unpack

from fastapi import APIRouter, Request
from starlette.responses import Response

from trygnet_portal.client.enums import IncidentStatus, TaskPriority, TimelineKind
from trygnet_portal.client.gateway import Gateway
from trygnet_portal.client.incident import IncidentIncident, IncidentIncidentTimeline
from trygnet_portal.client.input_types import (
    AddIncidentTaskInput,
    AddTimelineEntryInput,
    ChangeIncidentStatusInput,
    CompleteIncidentTaskInput,
)
from trygnet_portal.gateway import Failure, ask
from trygnet_portal.page_forms import (
    FromPath,
    PageForm,
    RecordForms,
    Text,
    get_record,
    post_forms,
)
from trygnet_portal.pages.activities import NOT_FOUND
from trygnet_portal.pages.filters import enum_of
from trygnet_portal.sessions import Identity
from trygnet_portal.web import Person, PortalDep, Refusal

router = APIRouter()
KINDS: Final = tuple(TimelineKind)
NEXT_STATUS: Final = {
    IncidentStatus.REPORTED: (IncidentStatus.ACTIVE, IncidentStatus.CLOSED),
    IncidentStatus.ACTIVE: (IncidentStatus.STABLE, IncidentStatus.CLOSED),
    IncidentStatus.STABLE: (IncidentStatus.ACTIVE, IncidentStatus.CLOSED),
    IncidentStatus.CLOSED: (IncidentStatus.ACTIVE,),
}
"""The moves the incident's domain allows from each status (closing is always
possible; a closed incident is reopened as active)."""


ALL: Final = frozenset({"task", "timeline", "status", "complete"})
STAFF: Final = frozenset({"partner", "police"})
"""The roles whose staff act for their own actor (any role a person holds counts)."""


def _leads(incident: IncidentIncident, actor: str) -> bool:
    return any(r.role.value == "LEAD" and r.actor and r.actor.id == actor for r in incident.roles)


def _takes_part(incident: IncidentIncident, actor: str) -> bool:
    """It reported the incident, holds a role or has a task (as far as the reader sees)."""
    return (
        (incident.reporting_actor is not None and incident.reporting_actor.id == actor)
        or any(r.actor and r.actor.id == actor for r in incident.roles)
        or any(t.assignee and t.assignee.id == actor for t in incident.tasks)
    )


def offered(identity: Identity, incident: IncidentIncident) -> frozenset[str]:
    """The forms the page offers, as the incidents service decides who may do what: a
    coordinator runs any response, and so does the staff of the actor that leads it;
    staff (partner or police) of an actor taking part add tasks for their actor and
    write in the timeline as it, and complete their actor's tasks."""
    own = identity.actor_id
    if "coordinator" in identity.roles:
        return ALL
    if own is None or not STAFF.intersection(identity.roles):
        return frozenset()
    if _leads(incident, own):
        return ALL
    if _takes_part(incident, own):
        return frozenset({"task", "timeline", "complete"})
    return frozenset({"complete"})


def may_complete(identity: Identity, incident: IncidentIncident, assignee: str | None) -> bool:
    forms = offered(identity, incident)
    if forms == ALL:
        return True
    return "complete" in forms and assignee is not None and assignee == identity.actor_id


def timeline(
    incident: IncidentIncident, kind: TimelineKind | None
) -> list[IncidentIncidentTimeline]:
    """The entries of ``kind`` (all without), pinned first, then the newest first."""
    shown = [entry for entry in incident.timeline if kind is None or entry.kind == kind]
    return sorted(shown, key=lambda entry: (not entry.pinned, -entry.at.timestamp()))


async def _view(
    request: Request,
    portal: PortalDep,
    person: Person,
    incident_id: str,
    *,
    refused_form: str | None = None,
    **refusal: Unpack[Refusal],
) -> Response:
    found = await ask("part.incident", person.gateway.incident(id=incident_id), not_found=NOT_FOUND)
    kind = enum_of(TimelineKind, request.query_params.get("kind"))
    context: dict[str, Any] = {"found": found, "kind": kind, "kinds": KINDS}
    if not isinstance(found, Failure):
        incident = found.incident
        forms = offered(person.identity, incident)
        asks_actors = bool(forms - {"complete"})
        choices = await ask("part.choices", person.gateway.choices()) if asks_actors else None
        context |= {
            "incident": incident,
            "entries": timeline(incident, kind),
            "forms": forms,
            "acts": asks_actors,
            "may_complete": lambda task: may_complete(
                person.identity, incident, task.assignee.id if task.assignee else None
            ),
            "next_statuses": NEXT_STATUS[incident.status],
            "priorities": tuple(TaskPriority),
            "choices": choices,
            "own_actor": person.identity.actor_id,
        }
    return portal.render_form(
        request, "incident.html", refused_form=refused_form, **refusal, **context
    )


get_record(router, "/incidents/{incident_id}", "incident_id", _view)


FORMS: Final = (
    PageForm(
        "/incidents/{incident_id}/tasks",
        "task",
        AddIncidentTaskInput,
        Gateway.add_incident_task,
        (
            Text("title", required=True, limit=300),
            Text("assigneeActorId", required=True),
            Text("due", required=True, limit=10),
            Text("priority", default="NORMAL"),
        ),
    ),
    PageForm(
        "/incidents/{incident_id}/tasks/{task_id}/complete",
        "complete",
        CompleteIncidentTaskInput,
        Gateway.complete_incident_task,
        (FromPath("taskId", "task_id"),),
    ),
    PageForm(
        "/incidents/{incident_id}/timeline",
        "timeline",
        AddTimelineEntryInput,
        Gateway.add_timeline_entry,
        (
            Text("kind", required=True),
            Text("text", required=True),
            Text("authorActorId", required=True),
        ),
    ),
    PageForm(
        "/incidents/{incident_id}/status",
        "status",
        ChangeIncidentStatusInput,
        Gateway.change_incident_status,
        (
            FromPath("id", "incident_id"),
            Text("status", required=True),
            Text("reason", limit=1000),
        ),
    ),
)
"""The page's forms (``ALL``): each posted to its path, and back to the page."""


RECORD: Final = RecordForms(
    "incident_id",
    "incidentId",
    _view,
    lambda incident, form, _answer: f"/incidents/{incident}?done={form.name}#{form.name}",
)
"""Each form written for the incident of its path, and back to the page's section."""
post_forms(router, FORMS, RECORD.act)

"""One REST route per command of the incidents service, from one table.

The routes are built by the kernel (``trygnet_core.command_routes``): a body is
camelCase JSON holding the command's fields; ids in the path are the incident (and
the role's actor, the task, the timeline entry or the escalation rule). Reporting
an incident, adding a task and recording a timeline entry get their ids from the
server and answer 201 with them. Moments left out (``at``, ``reportedAt``) are the
time of the request. Every route answers ``{"id", "version", "position"}`` (and, with
``Prefer: return=representation``, the incident as the caller reads it); bad
input is 422 ``BAD_USER_INPUT`` naming the field, a rule broken 409 ``CONFLICT``
naming it, with nothing written.

The weekly situation picture's commands: filing an observation (``observedAt`` and
``filedAt`` default to the time of the request) answers 201 with its id; a decision
of an area's week (``/situation/{areaId}/2026-W38/decisions``) answers 201 with its
``decisionId``, and its status is changed under that path.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from fastapi import Request

from trygnet_core.auth import Principal
from trygnet_core.command_routes import CommandRoute, command_router
from trygnet_core.unit_of_work import Outcome
from trygnet_incidents.api.reads import read_incident
from trygnet_incidents.domain import commands as cmd
from trygnet_incidents.domain.incident import IncidentCommand

INCIDENT = "/incidents/{incident_id}"
OBSERVATION = "/observations/{observation_id}"
WEEK = "/situation/{area_id}/{week}"

TABLE = (
    CommandRoute(
        "POST",
        "/incidents",
        cmd.ReportIncident,
        ("incident_id", "incident"),
        now=("reported_at",),
    ),
    CommandRoute("POST", f"{INCIDENT}/activate", cmd.ActivateIncident, now=("at",)),
    CommandRoute("POST", f"{INCIDENT}/stabilise", cmd.StabiliseIncident, now=("at",)),
    CommandRoute("POST", f"{INCIDENT}/close", cmd.CloseIncident, now=("at",)),
    CommandRoute("POST", f"{INCIDENT}/reopen", cmd.ReopenIncident, now=("at",)),
    CommandRoute("POST", f"{INCIDENT}/links", cmd.LinkIncident),
    CommandRoute("DELETE", f"{INCIDENT}/personal-data", cmd.EraseIncidentPersonalData, now=("at",)),
    CommandRoute("PUT", f"{INCIDENT}/roles/{{actor_id}}", cmd.AssignResponseRole),
    CommandRoute("DELETE", f"{INCIDENT}/roles/{{actor_id}}", cmd.ReleaseResponseRole),
    CommandRoute("POST", f"{INCIDENT}/tasks", cmd.AddTask, ("task_id", "task")),
    CommandRoute("POST", f"{INCIDENT}/tasks/{{task_id}}/status", cmd.ChangeTaskStatus),
    CommandRoute(
        "POST", f"{INCIDENT}/timeline", cmd.RecordTimelineEntry, ("entry_id", "entry"), now=("at",)
    ),
    CommandRoute("POST", f"{INCIDENT}/timeline/{{entry_id}}/pin", cmd.PinTimelineEntry),
    CommandRoute("DELETE", f"{INCIDENT}/timeline/{{entry_id}}/pin", cmd.UnpinTimelineEntry),
    CommandRoute("POST", f"{INCIDENT}/tactical-report", cmd.UpdateTacticalReport, now=("at",)),
    CommandRoute("POST", f"{INCIDENT}/follow-up-activities", cmd.RecordFollowUpActivity),
    CommandRoute("PUT", "/escalation-matrix/rules/{rule_id}", cmd.SetEscalationRule),
    CommandRoute("DELETE", "/escalation-matrix/rules/{rule_id}", cmd.RemoveEscalationRule),
    CommandRoute(
        "POST",
        "/observations",
        cmd.FileObservation,
        ("observation_id", "observation"),
        now=("filed_at", "observed_at"),
    ),
    CommandRoute("POST", f"{OBSERVATION}/incident", cmd.LinkObservationToIncident),
    CommandRoute(
        "DELETE", f"{OBSERVATION}/description", cmd.EraseObservationDescription, now=("at",)
    ),
    CommandRoute(
        "POST", f"{WEEK}/decisions", cmd.RecordSituationDecision, ("decision_id", "decision")
    ),
    CommandRoute(
        "POST", f"{WEEK}/decisions/{{decision_id}}/status", cmd.ChangeSituationDecisionStatus
    ),
)


async def represent(
    request: Request, principal: Principal, command: Any, outcome: Outcome
) -> Mapping[str, Any] | None:
    """The incident a command on it changed, as the caller reads it (none for the
    escalation matrix and the situation picture's records)."""
    if not isinstance(command, IncidentCommand):
        return None
    return await read_incident(request.app.state.handlers, principal, outcome.id)


router = command_router(TABLE, represent=represent)

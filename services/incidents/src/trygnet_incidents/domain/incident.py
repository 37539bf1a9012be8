"""The Incident aggregate: an acute incident and the partners' joint response to it.

Roles, tasks, timeline, tactical report and follow-up activities live on the
incident's stream; their rules are in ``response``, the state they read in
``incident_state``. Rules here: the area and every actor must be known (a merged actor
is recorded as its survivor); an incident occurs no later than it is reported;
restricted details need a restricted incident; the status moves by the status rule
(``trygnet_vocabulary.incident_status``: activate, stabilise, close with a reason, reopen),
which this module decides and the state folds by; a closed incident changes only by
being reopened (its personal text may still be erased); once its personal text is
erased an incident takes no new text (no task, timeline entry, report or reason: it
closes without one); every status change happens on or after the last. That a linked
incident exists is the handler's to check.
"""

from __future__ import annotations

from trygnet_core.aggregate import must_be_new, must_exist
from trygnet_core.errors import BadUserInput, Conflict, NotFound
from trygnet_core.events import DomainEvent
from trygnet_incidents.domain import model, response
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
    IncidentActivated,
    IncidentClosed,
    IncidentPersonalDataErased,
    IncidentReopened,
    IncidentReported,
    IncidentStabilised,
    ResponseRoleReleased,
)
from trygnet_incidents.domain.incident_state import (
    Incident,
    Role,
    Task,
    evolve,
    fold,
    lead_of,
    takes_part,
)
from trygnet_incidents.domain.model import (
    NOTHING_KNOWN,
    IncidentKind,
    IncidentStatus,
    Known,
    Sensitivity,
)
from trygnet_vocabulary import incident_status

__all__ = [
    "Incident",
    "IncidentCommand",
    "Role",
    "Task",
    "decide",
    "evolve",
    "fold",
    "lead_of",
    "takes_part",
]

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


def decide(
    command: IncidentCommand,
    state: Incident | None,
    *,
    known: Known = NOTHING_KNOWN,
    escalation: EscalationMatrix | None = None,
) -> list[DomainEvent]:
    """``escalation`` is the tenant's matrix, read by the handler to report an incident."""
    if isinstance(command, ReportIncident):
        must_be_new(state, "an incident", field="incidentId")
        return _report(command, known, escalation)
    state = must_exist(state, "incident", field="incidentId")
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
            return response.link(command, state)
        case AssignResponseRole():
            return response.assign(command, state, known)
        case ReleaseResponseRole():
            holder = known.member(state.roles, command.actor_id)
            if holder is None:
                raise NotFound("that actor holds no role", field="actorId")
            return [ResponseRoleReleased(incident_id=incident_id, actor_id=holder)]
        case AddTask():
            return [response.add_task(command, state, known)]
        case ChangeTaskStatus():
            return response.change_task_status(command, state)
        case RecordTimelineEntry():
            return [response.record_entry(command, state, known)]
        case PinTimelineEntry() | UnpinTimelineEntry():
            return response.pin(command, state)
        case UpdateTacticalReport():
            return [response.update_report(command, state, known)]
        case RecordFollowUpActivity():
            return response.follow_up(command, state)
    raise TypeError(f"not an incident command: {command!r}")


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

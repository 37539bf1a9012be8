"""Incidents, their joint response and the escalation matrix: read from and written to
the incidents service, and followed live through ``incidentEvents``.

The incidents service decides what each caller may read of an incident (restricted
text only for coordinators and police); the gateway only ever passes on what the
service answered to the caller's own token, in queries, payloads and subscriptions.
"""

from __future__ import annotations

import contextlib
from collections.abc import AsyncGenerator
from datetime import date, datetime
from typing import Annotated, Any
from urllib.parse import quote

import strawberry
from strawberry.dataloader import DataLoader
from strawberry.scalars import JSON

from trygnet_core.errors import BadUserInput, NotFound, Unavailable
from trygnet_core.vocabulary import (
    IncidentKind,
    IncidentStatus,
    LinkKind,
    ResponseRole,
    Sensitivity,
    TaskPriority,
    TaskStatus,
    TimelineKind,
)
from trygnet_gateway.actors import Actor, Area, actor_by_id, area_by_id, found
from trygnet_gateway.context import Context, Info, forget
from trygnet_gateway.relay import Connection, connection
from trygnet_gateway.writes import Payload, Written, command, write

SERVICE = "incidents"
Since = Annotated[
    datetime | None, strawberry.argument(name="from", description="Occurred at or after.")
]

strawberry.enum(IncidentKind, description="What happened.")
strawberry.enum(
    Sensitivity,
    description="open: every partner reads it; restricted: the text "
    "only for coordinators and police.",
)
strawberry.enum(
    IncidentStatus, description="reported → active → stable → closed; reopened to active."
)
strawberry.enum(LinkKind, description="How an incident relates to an earlier one.")
strawberry.enum(ResponseRole, description="What an actor does in the joint response.")
strawberry.enum(TaskPriority)
strawberry.enum(TaskStatus)
strawberry.enum(TimelineKind, description="What a timeline entry records.")


def _moment(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value[:10]) if value else None


# -- loaders -------------------------------------------------------------------------


def _incidents(context: Context) -> DataLoader[str, Incident | None]:
    async def load(ids: list[str]) -> list[Incident | None]:
        params = [("id", i) for i in ids] + [("first", len(ids)), ("full", "true")]
        page = await context.call(SERVICE, "GET", "/incidents", params=params)
        known = {item["incidentId"]: Incident.of(item) for item in page["items"]}
        return [known.get(i) for i in ids]

    return context.loader("incidents", load)


async def incident_by_id(info: Info, incident_id: str, *, fresh: bool = False) -> Incident | None:
    """The incident as the caller may see it; ``fresh`` reads it again (after a write)."""
    loader = _incidents(info.context)
    if fresh:
        forget(loader, incident_id)
    return await loader.load(incident_id)


# -- types ---------------------------------------------------------------------------


@strawberry.type(description="A status the incident took, when, and why (if a reason was given).")
class StatusChange:
    status: IncidentStatus
    at: datetime
    reason: str | None = strawberry.field(
        description="Shown only to readers of the whole incident."
    )


@strawberry.type(description="An actor alerted by the escalation matrix, and by which rule.")
class Alert:
    actor_id: strawberry.Private[str]
    rule_id: str

    @strawberry.field
    async def actor(self, info: Info) -> Actor | None:
        return await actor_by_id(info, self.actor_id)


@strawberry.type(description="An actor's role in the joint response.")
class ResponseAssignment:
    actor_id: strawberry.Private[str]
    role: ResponseRole
    contact_id: strawberry.ID | None

    @strawberry.field
    async def actor(self, info: Info) -> Actor | None:
        return await actor_by_id(info, self.actor_id)


@strawberry.type(description="Something an actor is to do in the response, by a day.")
class IncidentTask:
    id: strawberry.ID
    title: str
    assignee_id: strawberry.Private[str]
    due: date | None
    priority: TaskPriority
    status: TaskStatus

    @strawberry.field
    async def assignee(self, info: Info) -> Actor | None:
        return await actor_by_id(info, self.assignee_id)


@strawberry.type(description="A note, decision, contact, press item, police update or meeting.")
class TimelineEntry:
    id: strawberry.ID
    kind: TimelineKind
    author_id: strawberry.Private[str]
    at: datetime
    text: str
    pinned: bool

    @strawberry.field
    async def author(self, info: Info) -> Actor | None:
        return await actor_by_id(info, self.author_id)


@strawberry.type(description="The latest tactical report: conditions, actions, needs.")
class TacticalReport:
    version: int
    author_id: strawberry.Private[str]
    at: datetime
    conditions: str | None
    actions: str | None
    needs: str | None

    @strawberry.field
    async def author(self, info: Info) -> Actor | None:
        return await actor_by_id(info, self.author_id)


@strawberry.type(description="An earlier incident this one is linked to.")
class IncidentLink:
    incident_id: strawberry.ID
    kind: LinkKind


@strawberry.type(description="An extra activity the response decided to start.")
class FollowUpActivity:
    activity_id: strawberry.ID
    decision_entry_id: strawberry.ID


@strawberry.type(
    description="An acute incident and the partners' joint response. Fields a reader may "
    "not see (the text of a restricted incident, for all but coordinators and police) "
    "are null, and `redacted` is true."
)
class Incident:
    id: strawberry.ID
    kind: IncidentKind
    severity: int = strawberry.field(description="1 (minor) to 4 (most serious).")
    area_id: strawberry.Private[str]
    place: str | None
    coordinates: JSON | None = strawberry.field(description="{lat, lon} in WGS 84, if given.")
    occurred_at: datetime
    reported_at: datetime
    reporting_actor_id: strawberry.Private[str | None]
    sensitivity: Sensitivity
    summary: str | None
    restricted_details: str | None
    status: IncidentStatus
    status_at: datetime | None
    status_history: list[StatusChange]
    links: list[IncidentLink]
    alerts: list[Alert]
    roles: list[ResponseAssignment]
    tasks: list[IncidentTask] = strawberry.field(
        description="A redacted reader sees only the tasks of its own actor."
    )
    timeline: list[TimelineEntry]
    tactical_report: TacticalReport | None
    follow_up_activities: list[FollowUpActivity]
    personal_data_erased: bool
    redacted: bool = strawberry.field(description="Whether fields were withheld from you.")
    version: int = strawberry.field(description="Pass it as `expectedVersion` to change it.")

    @classmethod
    def of(cls, item: dict[str, Any]) -> Incident:
        report = item.get("tacticalReport")
        return cls(
            id=strawberry.ID(item["incidentId"]),
            kind=IncidentKind(item["kind"]),
            severity=int(item["severity"]),
            area_id=item["areaId"],
            place=item.get("place"),
            coordinates=item.get("coordinates"),
            occurred_at=datetime.fromisoformat(item["occurredAt"]),
            reported_at=datetime.fromisoformat(item["reportedAt"]),
            reporting_actor_id=item.get("reportingActorId"),
            sensitivity=Sensitivity(item["sensitivity"]),
            summary=item.get("summary"),
            restricted_details=item.get("restrictedDetails"),
            status=IncidentStatus(item["status"]),
            status_at=_moment(item.get("statusAt")),
            status_history=[
                StatusChange(
                    status=IncidentStatus(change["status"]),
                    at=datetime.fromisoformat(change["at"]),
                    reason=change.get("reason"),
                )
                for change in item.get("statusHistory") or ()
            ],
            links=[
                IncidentLink(incident_id=link["incidentId"], kind=LinkKind(link["kind"]))
                for link in item.get("links") or ()
            ],
            alerts=[
                Alert(actor_id=a["actorId"], rule_id=a["ruleId"]) for a in item.get("alerts") or ()
            ],
            roles=[
                ResponseAssignment(
                    actor_id=r["actorId"],
                    role=ResponseRole(r["role"]),
                    contact_id=r.get("contactId"),
                )
                for r in item.get("roles") or ()
            ],
            tasks=[
                IncidentTask(
                    id=strawberry.ID(t["taskId"]),
                    title=t["title"],
                    assignee_id=t["assigneeActorId"],
                    due=_day(t.get("due")),
                    priority=TaskPriority(t["priority"]),
                    status=TaskStatus(t["status"]),
                )
                for t in item.get("tasks") or ()
            ],
            timeline=[
                TimelineEntry(
                    id=strawberry.ID(e["entryId"]),
                    kind=TimelineKind(e["kind"]),
                    author_id=e["authorActorId"],
                    at=datetime.fromisoformat(e["at"]),
                    text=e["text"],
                    pinned=bool(e["pinned"]),
                )
                for e in item.get("timeline") or ()
            ],
            tactical_report=TacticalReport(
                version=int(report["version"]),
                author_id=report["authorActorId"],
                at=datetime.fromisoformat(report["at"]),
                conditions=report.get("conditions"),
                actions=report.get("actions"),
                needs=report.get("needs"),
            )
            if report
            else None,
            follow_up_activities=[
                FollowUpActivity(
                    activity_id=f["activityId"], decision_entry_id=f["decisionEntryId"]
                )
                for f in item.get("followUpActivities") or ()
            ],
            personal_data_erased=bool(item.get("personalDataErased")),
            redacted=bool(item.get("redacted")),
            version=int(item["version"]),
        )

    @strawberry.field
    async def area(self, info: Info) -> Area | None:
        return await area_by_id(info, self.area_id)

    @strawberry.field(description="The actor that reported it (withheld when redacted).")
    async def reporting_actor(self, info: Info) -> Actor | None:
        return await actor_by_id(info, self.reporting_actor_id) if self.reporting_actor_id else None


@strawberry.type(
    description="Incidents of this kind, this severity or more, in this area (or "
    "any area), alert these actors."
)
class EscalationRule:
    id: strawberry.ID
    kind: IncidentKind
    minimum_severity: int
    area_id: strawberry.Private[str]
    actor_ids: strawberry.Private[list[str]]

    @strawberry.field(description="The area, or null for any area.")
    async def area(self, info: Info) -> Area | None:
        return await area_by_id(info, self.area_id) if self.area_id != "any" else None

    @strawberry.field
    async def actors(self, info: Info) -> list[Actor]:
        return [a for i in self.actor_ids if (a := await actor_by_id(info, i)) is not None]


@strawberry.type(description="The municipality's escalation matrix: whom to call.")
class EscalationMatrix:
    rules: list[EscalationRule]


@strawberry.type(description="A change of an incident the subscriber may see.")
class IncidentEvent:
    type: str = strawberry.field(description="The event: IncidentReported, TaskAdded, …")
    incident_id: strawberry.ID
    position: str = strawberry.field(description="Pass it as `atLeast` to a report.")
    incident: Incident


@strawberry.type
class IncidentPayload(Payload):
    incident: Incident


@strawberry.type
class IncidentTaskPayload(Payload):
    incident: Incident
    task: IncidentTask


@strawberry.type
class TimelineEntryPayload(Payload):
    incident: Incident
    entry: TimelineEntry | None = strawberry.field(description="Null when withheld from you.")


@strawberry.type
class EscalationMatrixPayload(Payload):
    matrix: EscalationMatrix


# -- inputs --------------------------------------------------------------------------


@strawberry.input
class ReportIncidentInput:
    kind: IncidentKind
    severity: int
    area_id: strawberry.ID
    place: str
    occurred_at: datetime
    reporting_actor_id: strawberry.ID
    summary: str
    reported_at: datetime | None = strawberry.UNSET
    sensitivity: Sensitivity = Sensitivity.OPEN
    restricted_details: str | None = strawberry.UNSET
    coordinates: JSON | None = strawberry.field(
        default=strawberry.UNSET, description="{lat, lon} in WGS 84 degrees."
    )


@strawberry.input(
    description="ACTIVE activates (or reopens a closed incident), STABLE "
    "stabilises, CLOSED closes (a reason is needed)."
)
class ChangeIncidentStatusInput:
    id: strawberry.ID
    status: IncidentStatus
    reason: str | None = strawberry.UNSET
    at: datetime | None = strawberry.UNSET
    expected_version: int | None = strawberry.UNSET


@strawberry.input
class LinkIncidentsInput:
    incident_id: strawberry.ID
    linked_incident_id: strawberry.ID
    kind: LinkKind
    expected_version: int | None = strawberry.UNSET


@strawberry.input
class EraseIncidentPersonalDataInput:
    incident_id: strawberry.ID


@strawberry.input
class AssignIncidentRoleInput:
    incident_id: strawberry.ID
    actor_id: strawberry.ID
    role: ResponseRole
    contact_id: strawberry.ID | None = strawberry.UNSET
    expected_version: int | None = strawberry.UNSET


@strawberry.input
class ReleaseIncidentRoleInput:
    incident_id: strawberry.ID
    actor_id: strawberry.ID
    expected_version: int | None = strawberry.UNSET


@strawberry.input
class AddIncidentTaskInput:
    incident_id: strawberry.ID
    title: str
    assignee_actor_id: strawberry.ID
    due: date
    priority: TaskPriority = TaskPriority.NORMAL
    expected_version: int | None = strawberry.UNSET


@strawberry.input
class ChangeIncidentTaskStatusInput:
    incident_id: strawberry.ID
    task_id: strawberry.ID
    status: TaskStatus
    expected_version: int | None = strawberry.UNSET


@strawberry.input
class CompleteIncidentTaskInput:
    incident_id: strawberry.ID
    task_id: strawberry.ID
    expected_version: int | None = strawberry.UNSET


@strawberry.input
class AddTimelineEntryInput:
    incident_id: strawberry.ID
    kind: TimelineKind
    text: str
    author_actor_id: strawberry.ID
    at: datetime | None = strawberry.UNSET
    expected_version: int | None = strawberry.UNSET


@strawberry.input
class TimelineEntryInput:
    incident_id: strawberry.ID
    entry_id: strawberry.ID
    expected_version: int | None = strawberry.UNSET


@strawberry.input
class UpdateTacticalReportInput:
    incident_id: strawberry.ID
    author_actor_id: strawberry.ID
    conditions: str | None = strawberry.UNSET
    actions: str | None = strawberry.UNSET
    needs: str | None = strawberry.UNSET
    at: datetime | None = strawberry.UNSET
    expected_version: int | None = strawberry.UNSET


@strawberry.input
class RecordFollowUpActivityInput:
    incident_id: strawberry.ID
    activity_id: strawberry.ID
    decision_entry_id: strawberry.ID = strawberry.field(
        description="The timeline's decision that started it."
    )
    expected_version: int | None = strawberry.UNSET


@strawberry.input
class EscalationRuleInput:
    id: strawberry.ID
    kind: IncidentKind
    minimum_severity: int
    area_id: strawberry.ID = strawberry.field(description='An area, or "any".')
    actor_ids: list[strawberry.ID]


@strawberry.input(description="The whole matrix: rules not given are removed.")
class SetEscalationRulesInput:
    rules: list[EscalationRuleInput]


@strawberry.input
class RemoveEscalationRuleInput:
    id: strawberry.ID


# -- writes --------------------------------------------------------------------------

_TRANSITIONS = {
    IncidentStatus.STABLE: "stabilise",
    IncidentStatus.CLOSED: "close",
}


async def _incident_payload(info: Info, written: Written) -> IncidentPayload:
    incident = found(await incident_by_id(info, written.id, fresh=True), "incident")
    return IncidentPayload(incident=incident, position=written.position)


async def _matrix(info: Info) -> EscalationMatrix:
    answer = await info.context.call(SERVICE, "GET", "/escalation-matrix")
    return EscalationMatrix(
        rules=[
            EscalationRule(
                id=strawberry.ID(rule["ruleId"]),
                kind=IncidentKind(rule["kind"]),
                minimum_severity=int(rule["minimumSeverity"]),
                area_id=rule["areaId"],
                actor_ids=list(rule["actorIds"]),
            )
            for rule in answer["rules"]
        ]
    )


# -- roots ---------------------------------------------------------------------------


@strawberry.type
class Query:
    @strawberry.field(description="Incidents, newest first, as the caller may see them.")
    async def incidents(
        self,
        info: Info,
        area_id: strawberry.ID | None = None,
        status: IncidentStatus | None = None,
        kind: IncidentKind | None = None,
        min_severity: int | None = None,
        from_: Since = None,
        to: datetime | None = None,
        first: int | None = None,
        after: str | None = None,
    ) -> Connection[Incident]:
        params = {
            "areaId": area_id,
            "status": status.value if status else None,
            "kind": kind.value if kind else None,
            "minSeverity": min_severity,
            "from": from_.isoformat() if from_ else None,
            "to": to.isoformat() if to else None,
            "first": info.context.page(first),
            "after": after,
            "full": "true",
        }
        page = await info.context.call(
            SERVICE, "GET", "/incidents", params={k: v for k, v in params.items() if v is not None}
        )
        return connection(page, Incident.of)

    @strawberry.field(description="One incident; NOT_FOUND for an id not in the municipality.")
    async def incident(self, info: Info, id: strawberry.ID) -> Incident:
        return found(await incident_by_id(info, id), "incident")

    @strawberry.field(description="The escalation matrix: which incidents alert whom.")
    async def escalation_matrix(self, info: Info) -> EscalationMatrix:
        return await _matrix(info)


@strawberry.type
class Mutation:
    report_incident: IncidentPayload = command(
        SERVICE,
        "POST",
        "/incidents",
        ReportIncidentInput,
        _incident_payload,
        description="Report an incident; the matrix alerts whom it names.",
    )

    @strawberry.mutation(description="Move an incident on: ACTIVE, STABLE or CLOSED.")
    async def change_incident_status(
        self, info: Info, input: ChangeIncidentStatusInput
    ) -> IncidentPayload:
        if input.status is IncidentStatus.REPORTED:
            raise BadUserInput("an incident cannot go back to reported", field="status")
        step = _TRANSITIONS.get(input.status)
        if step is None:  # ACTIVE: activate, or reopen a closed incident
            now = found(await incident_by_id(info, input.id), "incident")
            step = "reopen" if now.status is IncidentStatus.CLOSED else "activate"
        if step == "activate" or step == "stabilise":
            input.reason = strawberry.UNSET
        path = f"/incidents/{{id}}/{step}"
        return await _incident_payload(info, await write(info, SERVICE, "POST", path, input))

    link_incidents: IncidentPayload = command(
        SERVICE,
        "POST",
        "/incidents/{incident_id}/links",
        LinkIncidentsInput,
        _incident_payload,
        description="Link an incident to an earlier one (same place or series).",
    )

    erase_incident_personal_data: IncidentPayload = command(
        SERVICE,
        "DELETE",
        "/incidents/{incident_id}/personal-data",
        EraseIncidentPersonalDataInput,
        _incident_payload,
        description="Erase the incident's text that may name people (coordinators).",
    )

    assign_incident_role: IncidentPayload = command(
        SERVICE,
        "PUT",
        "/incidents/{incident_id}/roles/{actor_id}",
        AssignIncidentRoleInput,
        _incident_payload,
        description="Give an actor a role in the response (or change it).",
    )

    release_incident_role: IncidentPayload = command(
        SERVICE,
        "DELETE",
        "/incidents/{incident_id}/roles/{actor_id}",
        ReleaseIncidentRoleInput,
        _incident_payload,
        description="An actor leaves its role in the response.",
    )

    @strawberry.mutation(description="Give an actor a task in the response.")
    async def add_incident_task(
        self, info: Info, input: AddIncidentTaskInput
    ) -> IncidentTaskPayload:
        written = await write(info, SERVICE, "POST", "/incidents/{incident_id}/tasks", input)
        incident = (await _incident_payload(info, written)).incident
        task_id = written.made("taskId")
        task = found(next((t for t in incident.tasks if t.id == task_id), None), "task")
        return IncidentTaskPayload(incident=incident, task=task, position=written.position)

    change_incident_task_status: IncidentPayload = command(
        SERVICE,
        "POST",
        "/incidents/{incident_id}/tasks/{task_id}/status",
        ChangeIncidentTaskStatusInput,
        _incident_payload,
        description="A task is open, done or cancelled.",
    )

    @strawberry.mutation(description="Mark a task done (its assignee's staff, or the lead).")
    async def complete_incident_task(
        self, info: Info, input: CompleteIncidentTaskInput
    ) -> IncidentPayload:
        path = "/incidents/{incident_id}/tasks/{task_id}/status"
        written = await write(info, SERVICE, "POST", path, input, extra={"status": "done"})
        return await _incident_payload(info, written)

    @strawberry.mutation(description="Add a note, decision, contact, press item or update.")
    async def add_timeline_entry(
        self, info: Info, input: AddTimelineEntryInput
    ) -> TimelineEntryPayload:
        written = await write(info, SERVICE, "POST", "/incidents/{incident_id}/timeline", input)
        incident = (await _incident_payload(info, written)).incident
        entry_id = written.made("entryId")
        entry = next((e for e in incident.timeline if e.id == entry_id), None)
        return TimelineEntryPayload(incident=incident, entry=entry, position=written.position)

    pin_timeline_entry: IncidentPayload = command(
        SERVICE,
        "POST",
        "/incidents/{incident_id}/timeline/{entry_id}/pin",
        TimelineEntryInput,
        _incident_payload,
        description="Pin a timeline entry, so it shows first.",
    )

    unpin_timeline_entry: IncidentPayload = command(
        SERVICE,
        "DELETE",
        "/incidents/{incident_id}/timeline/{entry_id}/pin",
        TimelineEntryInput,
        _incident_payload,
        description="Unpin a timeline entry.",
    )

    update_tactical_report: IncidentPayload = command(
        SERVICE,
        "POST",
        "/incidents/{incident_id}/tactical-report",
        UpdateTacticalReportInput,
        _incident_payload,
        description="A new version of the tactical report.",
    )

    record_follow_up_activity: IncidentPayload = command(
        SERVICE,
        "POST",
        "/incidents/{incident_id}/follow-up-activities",
        RecordFollowUpActivityInput,
        _incident_payload,
        description="Record the extra activity a decision started.",
    )

    @strawberry.mutation(description="Set the whole escalation matrix (coordinators).")
    async def set_escalation_rules(
        self, info: Info, input: SetEscalationRulesInput
    ) -> EscalationMatrixPayload:
        given = {str(rule.id) for rule in input.rules}
        if len(given) < len(input.rules):
            raise BadUserInput("each rule needs its own id", field="rules")
        before = await _matrix(info)
        last: Written | None = None
        for rule in input.rules:
            last = await write(info, SERVICE, "PUT", "/escalation-matrix/rules/{id}", rule)
        for old in before.rules:
            if str(old.id) not in given:
                last = await write(
                    info,
                    SERVICE,
                    "DELETE",
                    "/escalation-matrix/rules/{id}",
                    RemoveEscalationRuleInput(id=old.id),
                )
        position = last.position if last else "incidents/escalation-matrix/0"
        return EscalationMatrixPayload(matrix=await _matrix(info), position=position)

    @strawberry.mutation(description="Remove one rule of the escalation matrix.")
    async def remove_escalation_rule(
        self, info: Info, input: RemoveEscalationRuleInput
    ) -> EscalationMatrixPayload:
        written = await write(info, SERVICE, "DELETE", "/escalation-matrix/rules/{id}", input)
        return EscalationMatrixPayload(matrix=await _matrix(info), position=written.position)


@strawberry.type
class Subscription:
    @strawberry.subscription(
        description="Changes of incidents (in an area, or all), as the caller may see them."
    )
    async def incident_events(
        self, info: Info, area_id: strawberry.ID | None = None
    ) -> AsyncGenerator[IncidentEvent, None]:
        context = info.context
        principal = context.principal
        hub = getattr(context.app_state, "hub", None)
        if hub is None:
            raise Unavailable("live incident changes need the broker")
        async with hub.subscribe(str(principal.tenant)) as subscriber:
            while True:
                change = await subscriber.queue.get()
                with contextlib.suppress(NotFound):
                    path = f"/incidents/{quote(change.incident_id, safe='')}"
                    answer = await context.call(SERVICE, "GET", path)
                    incident = Incident.of(answer)
                    if area_id is None or incident.area_id == area_id:
                        yield IncidentEvent(
                            type=change.type,
                            incident_id=strawberry.ID(change.incident_id),
                            position=change.position,
                            incident=incident,
                        )

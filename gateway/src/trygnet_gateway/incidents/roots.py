"""The incidents domain's root fields: queries, mutations (one command each) and subscriptions."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncGenerator
from datetime import datetime
from typing import Annotated, Any
from urllib.parse import quote

import strawberry

from trygnet_core.errors import BadUserInput, NotFound, Unavailable
from trygnet_gateway.actors import found
from trygnet_gateway.answers import of_answer
from trygnet_gateway.context import Info
from trygnet_gateway.hub import Change
from trygnet_gateway.incidents.escalation import (
    EscalationMatrix,
    EscalationMatrixPayload,
)
from trygnet_gateway.incidents.inputs import (
    AddIncidentTaskInput,
    AddTimelineEntryInput,
    AssignIncidentRoleInput,
    ChangeIncidentStatusInput,
    ChangeIncidentTaskStatusInput,
    CompleteIncidentTaskInput,
    EraseIncidentPersonalDataInput,
    LinkIncidentsInput,
    RecordFollowUpActivityInput,
    ReleaseIncidentRoleInput,
    RemoveEscalationRuleInput,
    ReportIncidentInput,
    SetEscalationRulesInput,
    TimelineEntryInput,
    UpdateTacticalReportInput,
)
from trygnet_gateway.incidents.status_move import status_move
from trygnet_gateway.incidents.types import (
    SERVICE,
    Incident,
    IncidentEvent,
    IncidentPayload,
    IncidentTaskPayload,
    Since,
    TimelineEntryPayload,
    incident_by_id,
)
from trygnet_gateway.relay import After, Connection, First, page
from trygnet_gateway.root_fields import one
from trygnet_gateway.subscription_cursor import cursor_of, parse_cursor
from trygnet_gateway.vocabulary import (
    IncidentKind,
    IncidentStatus,
)
from trygnet_gateway.writes import (
    Input,
    Written,
    answers,
    command,
    commands,
    mutation,
    read_back,
    read_back_part,
    write,
)

# -- writes --------------------------------------------------------------------------


_incident_payload = read_back(IncidentPayload, incident_by_id, "incident")


_task_added = read_back_part(
    IncidentTaskPayload, incident_by_id, "incident", among="tasks", made="taskId", part="task"
)

# an entry may be withheld from the writer (a restricted incident's, read in outline)
_entry_added = read_back_part(
    TimelineEntryPayload, incident_by_id, "incident", among="timeline", made="entryId"
)


@answers(EscalationMatrixPayload)
async def _matrix_payload(info: Info, written: Written) -> Any:
    return EscalationMatrixPayload(matrix=await _matrix(info), position=written.position)


async def _matrix(info: Info) -> EscalationMatrix:
    answer = await info.context.call(SERVICE, "GET", "/escalation-matrix")
    return of_answer(EscalationMatrix, answer)


# -- roots ---------------------------------------------------------------------------

_incident_command = commands(SERVICE, _incident_payload)


@strawberry.type
class Query:
    @strawberry.field(description="Incidents, newest first, as the caller may see them.")
    async def incidents(
        self,
        info: Info,
        area_id: Annotated[
            strawberry.ID | None, strawberry.argument(description="Only incidents in this area.")
        ] = None,
        status: Annotated[
            IncidentStatus | None,
            strawberry.argument(description="Only incidents with this status."),
        ] = None,
        kind: Annotated[
            IncidentKind | None, strawberry.argument(description="Only incidents of this kind.")
        ] = None,
        min_severity: Annotated[
            int | None,
            strawberry.argument(description="Only incidents of this severity or more (1 to 4)."),
        ] = None,
        from_: Since = None,
        to: Annotated[
            datetime | None,
            strawberry.argument(
                description="Occurred at or before this moment (ISO 8601 with offset)."
            ),
        ] = None,
        first: First = None,
        after: After = None,
        actor_id: Annotated[
            strawberry.ID | None,
            strawberry.argument(
                description="Only those whose response this actor took part in (reported, "
                "held a role, had a task, wrote in the timeline or the tactical report), as "
                "far as you may know: of a restricted incident you read only in outline, "
                "only your own actor's tasks count."
            ),
        ] = None,
    ) -> Connection[Incident]:
        filters: dict[str, Any] = {"areaId": area_id, "actorId": actor_id, "status": status}
        filters |= {"kind": kind, "minSeverity": min_severity, "from": from_, "to": to}
        filters["full"] = "true"  # each incident whole, not in outline
        return await page(info, SERVICE, "/incidents", Incident.of, first, after, **filters)

    incident = one(incident_by_id, Incident, "incident")

    @strawberry.field(description="The escalation matrix: which incidents alert whom.")
    async def escalation_matrix(self, info: Info) -> EscalationMatrix:
        return await _matrix(info)


@strawberry.type
class Mutation:
    report_incident = _incident_command(
        "POST /incidents",
        ReportIncidentInput,
        "Report an incident; the matrix alerts whom it names.",
    )
    link_incidents = _incident_command(
        "POST /incidents/{incident_id}/links",
        LinkIncidentsInput,
        "Link an incident to an earlier one (same place or series).",
    )
    erase_incident_personal_data = _incident_command(
        "DELETE /incidents/{incident_id}/personal-data",
        EraseIncidentPersonalDataInput,
        "Erase the incident's text that may name people (coordinators).",
    )
    assign_incident_role = _incident_command(
        "PUT /incidents/{incident_id}/roles/{actor_id}",
        AssignIncidentRoleInput,
        "Give an actor a role in the response (or change it).",
    )
    release_incident_role = _incident_command(
        "DELETE /incidents/{incident_id}/roles/{actor_id}",
        ReleaseIncidentRoleInput,
        "An actor leaves its role in the response.",
    )
    change_incident_task_status = _incident_command(
        "POST /incidents/{incident_id}/tasks/{task_id}/status",
        ChangeIncidentTaskStatusInput,
        "A task is open, done or cancelled.",
    )
    pin_timeline_entry = _incident_command(
        "POST /incidents/{incident_id}/timeline/{entry_id}/pin",
        TimelineEntryInput,
        "Pin a timeline entry, so it shows first.",
    )
    unpin_timeline_entry = _incident_command(
        "DELETE /incidents/{incident_id}/timeline/{entry_id}/pin",
        TimelineEntryInput,
        "Unpin a timeline entry.",
    )
    update_tactical_report = _incident_command(
        "POST /incidents/{incident_id}/tactical-report",
        UpdateTacticalReportInput,
        "A new version of the tactical report.",
    )
    record_follow_up_activity = _incident_command(
        "POST /incidents/{incident_id}/follow-up-activities",
        RecordFollowUpActivityInput,
        "Record the extra activity a decision started.",
    )

    @mutation(IncidentPayload, "Move an incident on: ACTIVE, STABLE or CLOSED.")
    async def change_incident_status(
        self, info: Info, input: Input[ChangeIncidentStatusInput]
    ) -> Any:
        async def now() -> IncidentStatus:
            return found(await incident_by_id(info, input.id), "incident").status

        move = await status_move(input.status, now)
        if not move.reason:
            input.reason = strawberry.UNSET
        path = f"/incidents/{{id}}/{move.step}"
        written = await write(info, SERVICE, "POST", path, input, leave_out=("status",))
        return await _incident_payload(info, written)

    add_incident_task = command(
        SERVICE,
        "POST /incidents/{incident_id}/tasks",
        AddIncidentTaskInput,
        _task_added,
        "Give an actor a task in the response.",
    )
    complete_incident_task = _incident_command(
        "POST /incidents/{incident_id}/tasks/{task_id}/status",
        CompleteIncidentTaskInput,
        "Mark a task done (its assignee's staff, or the lead).",
        extra={"status": "done"},
    )
    add_timeline_entry = command(
        SERVICE,
        "POST /incidents/{incident_id}/timeline",
        AddTimelineEntryInput,
        _entry_added,
        "Add a note, decision, contact, press item or update.",
    )

    @mutation(EscalationMatrixPayload, "Set the whole escalation matrix (coordinators).")
    async def set_escalation_rules(self, info: Info, input: Input[SetEscalationRulesInput]) -> Any:
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

    remove_escalation_rule = command(
        SERVICE,
        "DELETE /escalation-matrix/rules/{id}",
        RemoveEscalationRuleInput,
        _matrix_payload,
        "Remove one rule of the escalation matrix.",
    )


@strawberry.type
class Subscription:
    @strawberry.subscription(
        description="Changes of incidents (in an area, or all), as the caller may see them."
    )
    async def incident_events(
        self,
        info: Info,
        area_id: Annotated[
            strawberry.ID | None,
            strawberry.argument(
                description="Only incidents in this area; without it, all of the municipality's."
            ),
        ] = None,
        after: Annotated[
            str | None,
            strawberry.argument(
                description="The `cursor` of the last change received, on this gateway or "
                "another: every change since is sent first, then the live ones, none twice."
            ),
        ] = None,
    ) -> AsyncGenerator[IncidentEvent, None]:
        context = info.context
        tenant = str(context.principal.tenant)
        hub = getattr(context.app_state, "hub", None)
        # Once the hub reads every partition: a change published before that would
        # reach no one, though the client has already sent its subscription.
        if hub is None or not await hub.wait_ready():
            raise Unavailable("live incident changes need the broker")
        cursors = context.app_state.cursors
        start = None if after is None else parse_cursor(cursors, after, tenant, hub.positions())

        async def shown(change: Change) -> IncidentEvent | None:
            with contextlib.suppress(NotFound):
                path = f"/incidents/{quote(change.incident_id, safe='')}"
                incident = Incident.of(await context.call(SERVICE, "GET", path))
                if area_id is None or incident.area_id == area_id:
                    cursor = cursor_of(cursors, tenant, change.offsets)
                    return IncidentEvent.of(change.type, change.position, incident, cursor)
            return None

        async with hub.subscribe(tenant) as subscriber:
            # Added and measured with no wait between: the live changes start at ``end``.
            if start is not None:
                # Closed here, not when collected: its reader is let go with the subscription.
                async with contextlib.aclosing(hub.replay(tenant, start, hub.positions())) as old:
                    async for change in old:
                        if event := await shown(change):
                            yield event
            while True:
                change = await subscriber.queue.get()
                if start is not None and change.before(start):
                    continue
                if event := await shown(change):
                    yield event

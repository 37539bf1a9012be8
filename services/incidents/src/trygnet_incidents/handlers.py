"""Command handlers of the incidents service: one unit of work per command.

Every incident command goes to the incident's stream; the escalation rules go to
the tenant's one ``EscalationMatrix`` stream, which reporting an incident reads in
the same transaction to record whom it alerted. References to actors and areas are
checked against the service's replica of the actors service
(``trygnet_core.replica``); a linked incident must exist in the same tenant.

Who may do what:

- a ``coordinator`` (or an ``integration`` client with the scope ``incidents:write``)
  does everything in its tenant, the escalation matrix and erasure included;
- ``partner`` and ``police`` staff (of the actor in their token) report incidents for
  their actor; take a task for their actor and record timeline entries as their actor
  in an incident their actor takes part in (it reported it, holds a role or has a
  task); change the status of their actor's tasks;
- staff of the actor that leads the response run it as a coordinator would: status,
  roles, tasks, pins, links, the tactical report, follow-up activities;
- ``national`` bodies change nothing.

An incident that does not exist (or is another tenant's) is "not found" before any
question of permission, so a refusal never tells that an id exists.
"""

from __future__ import annotations

from typing import Any, get_args

from sqlalchemy.ext.asyncio import AsyncConnection

from trygnet_core.auth import Principal
from trygnet_core.errors import BadUserInput, Forbidden
from trygnet_core.events import DomainEvent
from trygnet_core.personal_data import PersonalData
from trygnet_core.replica import look_up, named
from trygnet_core.store import EventStore
from trygnet_core.tenancy import TenantId
from trygnet_core.unit_of_work import Outcome, ServiceHandlers, StreamRoute
from trygnet_incidents.domain import commands as cmd
from trygnet_incidents.domain import escalation, incident
from trygnet_incidents.domain.escalation import EscalationCommand, EscalationMatrix
from trygnet_incidents.domain.events import catalogue
from trygnet_incidents.domain.incident import Incident, IncidentCommand, lead_of, takes_part
from trygnet_incidents.situation_handlers import SITUATION_COMMANDS, SituationHandlers

ESCALATION_STREAM = "escalation-matrix"
"""A tenant has one escalation matrix; its stream id is the same in every tenant."""

INCIDENT = StreamRoute(
    incident, "Incident", "incident_id", cmd.ReportIncident, get_args(IncidentCommand)
)

_ACTOR_FIELDS = ("reporting_actor_id", "actor_id", "assignee_actor_id", "author_actor_id")


def authorize(principal: Principal, command: Any, state: Incident | None) -> None:
    """Raise ``Forbidden`` unless the principal may give this command on this state."""
    if principal.manages("incidents:write") or _staff_may(principal, command, state):
        return
    raise Forbidden("your role may not do this in this incident")


def _staff_may(principal: Principal, command: Any, state: Incident | None) -> bool:
    own = principal.actor_id
    if isinstance(command, cmd.ReportIncident):
        return principal.staff_of(command.reporting_actor_id)
    if state is None or isinstance(command, EscalationCommand | cmd.EraseIncidentPersonalData):
        return False
    if principal.staff_of(lead_of(state)):
        return True
    match command:
        case cmd.AddTask():
            return principal.staff_of(command.assignee_actor_id) and takes_part(state, own)
        case cmd.ChangeTaskStatus():
            task = state.tasks.get(command.task_id)
            return task is not None and principal.staff_of(task.assignee_actor_id)
        case cmd.RecordTimelineEntry():
            return principal.staff_of(command.author_actor_id) and takes_part(state, own)
    return False


class IncidentsHandlers(ServiceHandlers):
    catalogue = catalogue

    def __init__(self, store: EventStore, personal_data: PersonalData) -> None:
        super().__init__(store, personal_data)
        self.situation = SituationHandlers(self.writer, self._incident_exists)

    async def handle(
        self, principal: Principal, command: Any, *, expected_version: int | None = None
    ) -> Outcome:
        if isinstance(command, SITUATION_COMMANDS):
            return await self.situation.handle(principal, command, expected_version)
        if isinstance(command, EscalationCommand):
            return await self._escalation(principal, command, expected_version)
        return await self._incident(principal, command, expected_version)

    async def _incident(
        self, principal: Principal, command: IncidentCommand, expected_version: int | None
    ) -> Outcome:
        async def decide(state: Incident | None, tx: AsyncConnection) -> list[DomainEvent]:
            if isinstance(command, cmd.LinkIncident):
                await self._incident_exists(tx, principal.tenant, command.linked_incident_id)
            known = await look_up(
                tx,
                tenant=principal.tenant,
                area_ids=named(command, "area_id"),
                actor_ids=named(command, *_ACTOR_FIELDS),
            )
            matrix = None
            if isinstance(command, cmd.ReportIncident):
                matrix = await self.matrix(tx, principal.tenant)
            decided = incident.decide(command, state, known=known, escalation=matrix)
            if decided and isinstance(command, cmd.EraseIncidentPersonalData):
                await self.personal_data.erase(
                    tx, tenant=principal.tenant, subject_id=command.incident_id
                )
            return decided

        return await self.writer.run_routed(
            principal, INCIDENT, command, decide, authorize, expected_version=expected_version
        )

    async def _escalation(
        self, principal: Principal, command: EscalationCommand, expected_version: int | None
    ) -> Outcome:
        async def decide(state: EscalationMatrix | None, tx: AsyncConnection) -> list[DomainEvent]:
            known = None
            if isinstance(command, cmd.SetEscalationRule):
                areas = () if command.area_id == "any" else (command.area_id,)
                known = await look_up(
                    tx, tenant=principal.tenant, area_ids=areas, actor_ids=command.actor_ids
                )
                return escalation.decide(command, state, known=known)
            return escalation.decide(command, state)

        return await self.writer.run(
            principal,
            ESCALATION_STREAM,
            "EscalationMatrix",
            escalation.fold,
            decide,
            creating=True,
            authorize=lambda state: authorize(principal, command, None),
            expected_version=expected_version,
        )

    async def matrix(self, tx: AsyncConnection, tenant: TenantId) -> EscalationMatrix | None:
        return escalation.fold(await self.writer.history(tx, tenant, ESCALATION_STREAM))

    async def _incident_exists(
        self,
        tx: AsyncConnection,
        tenant: TenantId,
        incident_id: str,
        *,
        field: str = "linkedIncidentId",
    ) -> None:
        found = await self.store.existing_streams(
            tx, tenant=tenant, stream_type="Incident", ids=[incident_id]
        )
        if not found:
            raise BadUserInput("no incident with that id to link to", field=field)

"""Command handlers of the weekly situation picture: observations and the decisions of
an area's week, one unit of work per command (as the incidents' own handlers).

Who may do what:

- a ``coordinator`` (or an ``integration`` client with the scope ``incidents:write``)
  files observations for any actor, links them to incidents, erases descriptions,
  records the decisions of a week and follows every decision up;
- ``partner`` and ``police`` staff file observations for their own actor only, link
  their actor's observations to an incident, and change the status of the decisions
  their actor owns;
- ``national`` bodies change nothing.

An observation or a week that does not exist (or is another tenant's) is "not found"
before any question of permission, so a refusal never tells that an id exists.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any, get_args

from sqlalchemy.ext.asyncio import AsyncConnection

from trygnet_core.auth import Principal
from trygnet_core.errors import Forbidden
from trygnet_core.events import DomainEvent
from trygnet_core.replica import look_up, named
from trygnet_core.store import EventStore
from trygnet_core.unit_of_work import Outcome, StreamRoute, StreamWriter
from trygnet_core.weeks import iso_week
from trygnet_incidents.domain import commands as cmd
from trygnet_incidents.domain import observation, situation
from trygnet_incidents.domain.observation import Observation, ObservationCommand
from trygnet_incidents.domain.situation import SituationCommand, SituationWeek

SituationPictureCommand = ObservationCommand | SituationCommand
OBSERVATION = StreamRoute(
    observation, "Observation", "observation_id", cmd.FileObservation, get_args(ObservationCommand)
)
SITUATION_COMMANDS = (
    cmd.FileObservation,
    cmd.LinkObservationToIncident,
    cmd.EraseObservationDescription,
    cmd.RecordSituationDecision,
    cmd.ChangeSituationDecisionStatus,
)


def may_file_for(principal: Principal, actor_id: str | None) -> bool:
    """Whether the principal may file an observation as ``actor_id`` (``None``: as its
    own actor)."""
    return principal.manages("incidents:write") or principal.staff_of(actor_id)


def authorize(principal: Principal, command: Any, state: Any) -> None:
    """Raise ``Forbidden`` unless the principal may give this command on this state."""
    if principal.manages("incidents:write"):
        return
    match command:
        case cmd.FileObservation():
            allowed = principal.staff_of(command.reporting_actor_id)
        case cmd.LinkObservationToIncident():
            allowed = isinstance(state, Observation) and principal.staff_of(
                state.reporting_actor_id
            )
        case cmd.ChangeSituationDecisionStatus():
            decision = state.decisions.get(command.decision_id) if state else None
            allowed = decision is None or principal.staff_of(decision.owner_actor_id)
        case _:
            allowed = False
    if not allowed:
        raise Forbidden("your role may not do this in the situation picture")


class SituationHandlers:
    def __init__(self, writer: StreamWriter, incident_exists: Callable[..., Any]) -> None:
        self.writer = writer
        self.store: EventStore = writer.store
        self.incident_exists = incident_exists

    async def handle(
        self,
        principal: Principal,
        command: SituationPictureCommand,
        expected_version: int | None,
    ) -> Outcome:
        if isinstance(command, cmd.RecordSituationDecision | cmd.ChangeSituationDecisionStatus):
            return await self._week(principal, command, expected_version)
        return await self._observation(principal, command, expected_version)

    async def _observation(
        self, principal: Principal, command: ObservationCommand, expected_version: int | None
    ) -> Outcome:
        tenant = principal.tenant

        async def decide(state: Observation | None, tx: AsyncConnection) -> list[DomainEvent]:
            incident_id = getattr(command, "incident_id", None)
            if incident_id:
                await self.incident_exists(tx, tenant, incident_id, field="incidentId")
            known = await look_up(
                tx,
                tenant=tenant,
                area_ids=named(command, "area_id"),
                actor_ids=named(command, "reporting_actor_id"),
            )
            decided = observation.decide(command, state, known=known)
            if decided and isinstance(command, cmd.EraseObservationDescription):
                await self.writer.personal_data.erase(
                    tx, tenant=tenant, subject_id=command.observation_id
                )
            return decided

        return await self.writer.run_routed(
            principal, OBSERVATION, command, decide, authorize, expected_version=expected_version
        )

    async def _week(
        self, principal: Principal, command: SituationCommand, expected_version: int | None
    ) -> Outcome:
        command = dataclasses.replace(command, week=iso_week(command.week))

        async def decide(state: SituationWeek | None, tx: AsyncConnection) -> list[DomainEvent]:
            known = await look_up(
                tx,
                tenant=principal.tenant,
                area_ids={command.area_id},
                actor_ids=named(command, "owner_actor_id"),
            )
            return situation.decide(command, state, known=known)

        return await self.writer.run(
            principal,
            situation.situation_stream(command.area_id, command.week),
            "SituationWeek",
            situation.fold,
            decide,
            creating=isinstance(command, cmd.RecordSituationDecision),
            authorize=lambda state: authorize(principal, command, state),
            expected_version=expected_version,
        )

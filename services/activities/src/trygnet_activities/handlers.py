"""Command handlers of the activities service: one route per command, one unit of work each.

References to actors and areas are checked against this service's replica of the
actors service (``replica.py``), partnerships and the strategy's focus areas
against this service's own store; a merged actor resolves to its survivor.

Who may do what: a ``coordinator`` (or an ``integration`` client with the scope
``activities:write``) manages everything in its tenant. A ``partner`` or the
``police`` (police act as partners here) manage activities their actor owns (and
give the ``lead`` role in them), join others' activities only as their own actor
and never as ``lead``, leave activities for their actor, record safety walks and
findings their
actor takes part in, change the status of actions assigned to their actor, and
answer relationship surveys for their actor. The hourly rate is set by a
``coordinator`` only. ``national`` changes nothing.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import fields, is_dataclass
from typing import Any

from sqlalchemy.ext.asyncio import AsyncConnection

from trygnet_activities.domain import (
    activity,
    forum,
    hourly_rate,
    partnership,
    safety_walk,
    strategy,
    survey,
)
from trygnet_activities.domain import commands as cmd
from trygnet_activities.domain.events import catalogue
from trygnet_activities.domain.model import Known, PartnerRole
from trygnet_activities.domain.strategy import STRATEGY_ID
from trygnet_core.auth import Principal
from trygnet_core.errors import BadUserInput, Forbidden
from trygnet_core.events import DomainEvent
from trygnet_core.replica import look_up
from trygnet_core.tenancy import TenantId
from trygnet_core.unit_of_work import Outcome, ServiceHandlers, StreamRoute, routes_by_command

_ACTOR_FIELDS = {"actor_id", "owner_actor_id", "coordinator_actor_id", "respondent_actor_id"}
_ACTOR_LISTS = {"members", "participants", "attendees"}
_AREA_FIELDS = {"area_id"}
_AREA_LISTS = {"areas"}


ROUTES = routes_by_command(
    StreamRoute(
        partnership,
        "Partnership",
        "partnership_id",
        cmd.EstablishPartnership,
        (cmd.EstablishPartnership, cmd.JoinPartnership, cmd.LeavePartnership),
    ),
    StreamRoute(
        forum,
        "Forum",
        "forum_id",
        cmd.EstablishForum,
        (
            cmd.EstablishForum,
            cmd.JoinForum,
            cmd.LeaveForum,
            cmd.RecordMeeting,
            cmd.ChangeFollowUpStatus,
        ),
    ),
    StreamRoute(
        activity,
        "Activity",
        "activity_id",
        cmd.CreateActivity,
        (
            cmd.CreateActivity,
            cmd.ChangeActivityDetails,
            cmd.JoinActivity,
            cmd.LeaveActivity,
            cmd.ChangeActivityStatus,
        ),
    ),
    StreamRoute(
        safety_walk,
        "SafetyWalk",
        "walk_id",
        cmd.RecordSafetyWalk,
        (
            cmd.RecordSafetyWalk,
            cmd.RecordFinding,
            cmd.AssignFindingAction,
            cmd.ChangeFindingActionStatus,
        ),
    ),
    StreamRoute(
        strategy,
        "Strategy",
        "strategy_id",
        cmd.AdoptStrategy,
        (
            cmd.AdoptStrategy,
            cmd.AddFocusArea,
            cmd.AddIndicator,
            cmd.RecordMeasurement,
            cmd.RecordSafetyIndexResults,
        ),
    ),
    StreamRoute(
        survey,
        "SurveyWave",
        "wave_id",
        cmd.OpenSurveyWave,
        (cmd.OpenSurveyWave, cmd.CloseSurveyWave, cmd.RecordSurveyResponse),
    ),
    StreamRoute(hourly_rate, "HourlyRate", "rate_id", cmd.SetHourlyRate, (cmd.SetHourlyRate,)),
)


def authorize(principal: Principal, command: Any, state: Any) -> None:
    """Raise ``Forbidden`` unless the principal may give this command on this state."""
    if isinstance(command, cmd.SetHourlyRate):
        if not principal.has_role("coordinator"):
            raise Forbidden("only a coordinator sets the hourly rate", field="rate")
        return
    if principal.manages("activities:write"):
        return
    if _gives_lead(command) and not principal.staff_of(state.owner_actor_id):
        raise Forbidden(
            "only a coordinator or the activity's owner gives the lead role", field="role"
        )
    if not _staff_may(principal, command, state):
        raise Forbidden("your role may not change this")


def _gives_lead(command: Any) -> bool:
    return isinstance(command, cmd.JoinActivity) and command.role == PartnerRole.LEAD


def _staff_may(principal: Principal, command: Any, state: Any) -> bool:
    match command:
        case cmd.CreateActivity():
            return principal.staff_of(command.owner_actor_id)
        case cmd.ChangeActivityDetails() | cmd.ChangeActivityStatus():
            return principal.staff_of(state.owner_actor_id)
        case cmd.JoinActivity() | cmd.LeaveActivity():  # the lead role: ``authorize``
            return principal.staff_of(state.owner_actor_id, command.actor_id)
        case cmd.RecordSafetyWalk():
            return principal.staff_of(*command.participants)
        case cmd.RecordFinding() | cmd.AssignFindingAction():
            return principal.staff_of(*state.participants)
        case cmd.ChangeFindingActionStatus():
            action = state.actions.get(command.action_id)
            return action is not None and principal.staff_of(action.owner_actor_id)
        case cmd.RecordSurveyResponse():
            return principal.staff_of(command.respondent_actor_id)
    return False


def references(command: Any) -> dict[str, set[str]]:
    """Every actor, area, partnership and focus-area id a command names, nested ones too."""
    found: dict[str, set[str]] = {
        "actors": set(),
        "areas": set(),
        "partnerships": set(),
        "focus_areas": set(),
    }

    def walk(name: str, value: Any) -> None:
        if isinstance(value, Mapping):
            for key, item in value.items():
                walk(str(key), item)
        elif isinstance(value, tuple | list | frozenset | set):
            for item in value:
                if isinstance(item, str):
                    _collect(found, name, item)
                else:
                    walk(name, item)
        elif isinstance(value, str):
            _collect(found, name, value)

    if is_dataclass(command):
        for f in fields(command):
            walk(f.name, getattr(command, f.name))
    return found


def _collect(found: dict[str, set[str]], name: str, value: str) -> None:
    if name in _ACTOR_FIELDS or name in _ACTOR_LISTS:
        found["actors"].add(value)
    elif name in _AREA_FIELDS or name in _AREA_LISTS:
        found["areas"].add(value)
    elif name == "partnership_id":
        found["partnerships"].add(value)
    elif name in {"focus_areas", "focus_area_id"}:
        found["focus_areas"].add(value)


class ActivitiesHandlers(ServiceHandlers):
    catalogue = catalogue

    async def handle(
        self, principal: Principal, command: Any, *, expected_version: int | None = None
    ) -> Outcome:
        """Any activities command: route it, check its references, decide, append."""
        route = ROUTES[type(command)]

        async def decide(state: Any, tx: AsyncConnection) -> list[DomainEvent]:
            await self._earlier_walk_exists(tx, principal.tenant, command)
            known = await self.known(tx, principal.tenant, references(command))
            decided: list[DomainEvent] = route.rules.decide(command, state, known=known)
            return decided

        return await self.writer.run_routed(
            principal, route, command, decide, authorize, expected_version=expected_version
        )

    async def _earlier_walk_exists(
        self, tx: AsyncConnection, tenant: TenantId, command: Any
    ) -> None:
        """A follow-up walk links to an earlier walk of the same municipality."""
        earlier = getattr(command, "follows_walk_id", None)
        if not isinstance(command, cmd.RecordSafetyWalk) or not earlier:
            return
        found = await self.store.existing_streams(
            tx, tenant=tenant, stream_type="SafetyWalk", ids=[earlier]
        )
        if not found:
            raise BadUserInput("no safety walk with that id to follow up", field="followsWalkId")

    async def known(
        self, tx: AsyncConnection, tenant: TenantId, named: dict[str, set[str]]
    ) -> Known:
        replica = await look_up(
            tx, tenant=tenant, area_ids=named["areas"], actor_ids=named["actors"]
        )
        return Known(
            areas=replica.areas,
            actors=replica.actors,
            survivors=replica.survivors,
            partnerships=await self._partnerships(tx, tenant, named["partnerships"]),
            focus_areas=await self._focus_areas(tx, tenant, named["focus_areas"]),
        )

    async def _partnerships(
        self, tx: AsyncConnection, tenant: TenantId, ids: Iterable[str]
    ) -> frozenset[str]:
        return await self.store.existing_streams(
            tx, tenant=tenant, stream_type="Partnership", ids=ids
        )

    async def _focus_areas(
        self, tx: AsyncConnection, tenant: TenantId, ids: Iterable[str]
    ) -> frozenset[str]:
        wanted = set(ids)
        if not wanted:
            return frozenset()
        added = await self.store.read_stream(
            tx, tenant=tenant, stream_id=STRATEGY_ID, types=("FocusAreaAdded",)
        )
        return frozenset(e.data["focus_area_id"] for e in added) & frozenset(wanted)

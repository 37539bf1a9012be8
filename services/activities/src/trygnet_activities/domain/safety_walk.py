"""The SafetyWalk aggregate: a walk, its findings and the actions on them.

Findings and actions live on the walk's stream. Rules: the area, participants
and action owners must be known (a merged actor is recorded as its survivor); an
action's deadline is on or after the walk; a rejected action needs a reason. That
the earlier walk a follow-up walk names exists is the handler's to check.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from trygnet_activities.domain import model
from trygnet_activities.domain.commands import (
    AssignFindingAction,
    ChangeFindingActionStatus,
    RecordFinding,
    RecordSafetyWalk,
)
from trygnet_activities.domain.events import (
    FindingActionAssigned,
    FindingActionStatusChanged,
    FindingRecorded,
    SafetyWalkRecorded,
    WalkDetails,
)
from trygnet_activities.domain.model import NOTHING_KNOWN, ActionStatus, FindingKind, Known
from trygnet_core.aggregate import deciding, folding, started_by
from trygnet_core.errors import BadUserInput, Conflict, NotFound
from trygnet_core.events import DomainEvent

SafetyWalkChange = RecordFinding | AssignFindingAction | ChangeFindingActionStatus
SafetyWalkCommand = RecordSafetyWalk | SafetyWalkChange


@dataclass(frozen=True)
class Action:
    finding_id: str
    owner_actor_id: str
    deadline: str
    status: ActionStatus = ActionStatus.OPEN
    reason: str | None = None


@dataclass(frozen=True)
class SafetyWalk(WalkDetails):
    """The walk as its rules need it; the personal route and descriptions stay in the
    events."""

    findings: Mapping[str, FindingKind] = dataclasses.field(default_factory=dict)
    actions: Mapping[str, Action] = dataclasses.field(default_factory=dict)


def evolve(state: SafetyWalk | None, event: DomainEvent) -> SafetyWalk | None:
    match event:
        case SafetyWalkRecorded():  # the walk's details, not its personal route
            return started_by(SafetyWalk, event, details=WalkDetails)
        case FindingRecorded() if state is not None:
            findings = {**state.findings, event.finding_id: event.kind}
            return dataclasses.replace(state, findings=findings)
        case FindingActionAssigned() if state is not None:
            action = Action(event.finding_id, event.owner_actor_id, event.deadline)
            return dataclasses.replace(state, actions={**state.actions, event.action_id: action})
        case FindingActionStatusChanged() if state is not None:
            changed = dataclasses.replace(
                state.actions[event.action_id], status=event.status, reason=event.reason
            )
            return dataclasses.replace(state, actions={**state.actions, event.action_id: changed})
    return state


fold = folding(evolve)


def _change(command: SafetyWalkChange, state: SafetyWalk, known: Known) -> list[DomainEvent]:
    match command:
        case RecordFinding():
            return [_finding(command, state)]
        case AssignFindingAction():
            if command.finding_id not in state.findings:
                raise NotFound("no finding with that id", field="findingId")
            if command.action_id in state.actions:
                raise Conflict("an action with that id exists already", field="actionId")
            deadline = model.day(command.deadline, field="deadline")
            model.in_order(state.walked_on, deadline, field="deadline", what="the walk")
            return [
                FindingActionAssigned(
                    walk_id=state.walk_id,
                    finding_id=command.finding_id,
                    action_id=command.action_id,
                    owner_actor_id=known.actor(command.owner_actor_id, field="ownerActorId"),
                    deadline=deadline,
                )
            ]
        case ChangeFindingActionStatus():
            return _status(command, state)
    raise TypeError(f"not a safety walk command: {command!r}")


def _walk(command: RecordSafetyWalk, known: Known) -> SafetyWalkRecorded:
    follows = model.optional_text(command.follows_walk_id, field="followsWalkId", max_length=200)
    if follows == command.walk_id:
        raise BadUserInput("a safety walk cannot follow up itself", field="followsWalkId")
    return SafetyWalkRecorded(
        walk_id=command.walk_id,
        walked_on=model.day(command.walked_on, field="walkedOn"),
        area_id=known.area(command.area_id),
        participants=known.actor_ids(command.participants, field="participants"),
        residents=model.whole_number(command.residents, field="residents", high=100_000),
        follows_walk_id=follows,
        route=model.optional_text(command.route, field="route", max_length=2000),
    )


def _finding(command: RecordFinding, state: SafetyWalk) -> FindingRecorded:
    if command.finding_id in state.findings:
        raise Conflict("a finding with that id exists already", field="findingId")
    return FindingRecorded(
        walk_id=state.walk_id,
        finding_id=command.finding_id,
        kind=model.one_of(FindingKind, command.kind, field="kind"),
        place=model.required_text(command.place, field="place", max_length=500),
        description=model.required_text(command.description, field="description", max_length=4000),
        coordinates=_coordinates(command.coordinates),
        photo_url=model.web_link(command.photo_url, field="photoUrl"),
    )


def _coordinates(given: Mapping[str, Any] | None) -> dict[str, float] | None:
    if given is None:
        return None
    point = model.record(given, field="coordinates", keys=("lat", "lon"))
    return {
        "lat": model.number(point.get("lat"), field="coordinates.lat", low=-90, high=90),
        "lon": model.number(point.get("lon"), field="coordinates.lon", low=-180, high=180),
    }


def _status(command: ChangeFindingActionStatus, state: SafetyWalk) -> list[DomainEvent]:
    action = state.actions.get(command.action_id)
    if action is None:
        raise NotFound("no action with that id", field="actionId")
    status = model.one_of(ActionStatus, command.status, field="status")
    reason = model.optional_text(command.reason, field="reason", max_length=1000)
    if status is ActionStatus.REJECTED and reason is None:
        raise BadUserInput("a rejected action needs a reason", field="reason")
    if (status, reason) == (action.status, action.reason):
        return []
    return [
        FindingActionStatusChanged(
            walk_id=state.walk_id,
            finding_id=action.finding_id,
            action_id=command.action_id,
            status=status,
            reason=reason,
        )
    ]


decide = deciding(
    RecordSafetyWalk,
    "a safety walk",
    field="walkId",
    create=_walk,
    change=_change,
    nothing_known=NOTHING_KNOWN,
)

"""The safety walks' mutations: record a walk and what it found, and assign and update an
action on a finding."""

from __future__ import annotations

from typing import Any

import strawberry

from trygnet_gateway.activities.inputs.safety_walks import (
    AssignFindingActionInput,
    RecordFindingInput,
    RecordSafetyWalkInput,
    UpdateFindingActionInput,
)
from trygnet_gateway.activities.reads import SERVICE
from trygnet_gateway.activities.types.payloads import (
    FindingActionPayload,
    FindingPayload,
    SafetyWalkPayload,
)
from trygnet_gateway.activities.types.safety_walks import SafetyWalk, safety_walk_by_id
from trygnet_gateway.actors import found
from trygnet_gateway.context import Info
from trygnet_gateway.writes import Input, Written, answers, command, mutation, read_back, write


async def _walk(info: Info, written: Written) -> SafetyWalk:
    return found(await safety_walk_by_id(info, written.id, fresh=True), "safety walk")


async def _action_payload(info: Info, written: Written, action_id: str) -> Any:
    walk = await _walk(info, written)
    action = next(a for a in walk.actions if a.id == action_id)
    return FindingActionPayload(safety_walk=walk, action=action, position=written.position)


@answers(FindingPayload)
async def _finding_recorded(info: Info, written: Written) -> Any:
    walk = await _walk(info, written)
    finding_id = written.made("findingId")
    finding = next(f for f in walk.findings if f.id == finding_id)
    return FindingPayload(safety_walk=walk, finding=finding, position=written.position)


@answers(FindingActionPayload)
async def _action_assigned(info: Info, written: Written) -> Any:
    return await _action_payload(info, written, written.made("actionId"))


@strawberry.type
class Mutation:
    record_safety_walk = command(
        SERVICE,
        "POST /safety-walks",
        RecordSafetyWalkInput,
        read_back(SafetyWalkPayload, safety_walk_by_id, "safety walk"),
        "Record a safety walk (a follow-up names an earlier walk).",
    )
    record_finding = command(
        SERVICE,
        "POST /safety-walks/{walk_id}/findings",
        RecordFindingInput,
        _finding_recorded,
        "Record what a safety walk found.",
    )
    assign_finding_action = command(
        SERVICE,
        "POST /safety-walks/{walk_id}/actions",
        AssignFindingActionInput,
        _action_assigned,
        "An actor is to act on a finding by a deadline.",
    )

    @mutation(FindingActionPayload, "Where an action stands; a rejection needs a reason.")
    async def update_finding_action(
        self, info: Info, input: Input[UpdateFindingActionInput]
    ) -> Any:
        path = "/safety-walks/{walk_id}/actions/{action_id}/status"
        written = await write(info, SERVICE, "POST", path, input)
        return await _action_payload(info, written, str(input.action_id))

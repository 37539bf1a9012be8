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
from trygnet_gateway.writes import (
    Input,
    Written,
    command,
    mutation,
    part_of,
    read_back,
    read_back_part,
    write,
)


async def _walk(info: Info, written: Written) -> SafetyWalk:
    return found(await safety_walk_by_id(info, written.id, fresh=True), "safety walk")


_finding_recorded = read_back_part(
    FindingPayload,
    safety_walk_by_id,
    "safety walk",
    among="findings",
    made="findingId",
    part="finding",
)

_action_assigned = read_back_part(
    FindingActionPayload,
    safety_walk_by_id,
    "safety walk",
    among="actions",
    made="actionId",
    part="action",
)


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
        walk = await _walk(info, written)
        action = found(part_of(walk, "actions", str(input.action_id)), "action")
        return FindingActionPayload(safety_walk=walk, action=action, position=written.position)

"""The safety walks' mutations: record a walk and what it found, and assign and update an
action on a finding."""

from __future__ import annotations

from typing import Annotated

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
from trygnet_gateway.activities.types.safety_walks import safety_walk_by_id
from trygnet_gateway.actors import found
from trygnet_gateway.context import Info
from trygnet_gateway.writes import ABOUT_INPUT, Written, write


async def _action_payload(info: Info, written: Written, action_id: str) -> FindingActionPayload:
    walk = found(await safety_walk_by_id(info, written.id, fresh=True), "safety walk")
    action = next(a for a in walk.actions if a.id == action_id)
    return FindingActionPayload(safety_walk=walk, action=action, position=written.position)


@strawberry.type
class Mutation:
    @strawberry.mutation(description="Record a safety walk (a follow-up names an earlier walk).")
    async def record_safety_walk(
        self,
        info: Info,
        input: Annotated[RecordSafetyWalkInput, strawberry.argument(description=ABOUT_INPUT)],
    ) -> SafetyWalkPayload:
        written = await write(info, SERVICE, "POST", "/safety-walks", input)
        walk = found(await safety_walk_by_id(info, written.id, fresh=True), "safety walk")
        return SafetyWalkPayload(safety_walk=walk, position=written.position)

    @strawberry.mutation(description="Record what a safety walk found.")
    async def record_finding(
        self,
        info: Info,
        input: Annotated[RecordFindingInput, strawberry.argument(description=ABOUT_INPUT)],
    ) -> FindingPayload:
        path = "/safety-walks/{walk_id}/findings"
        written = await write(info, SERVICE, "POST", path, input)
        walk = found(await safety_walk_by_id(info, written.id, fresh=True), "safety walk")
        finding_id = written.made("findingId")
        finding = next(f for f in walk.findings if f.id == finding_id)
        return FindingPayload(safety_walk=walk, finding=finding, position=written.position)

    @strawberry.mutation(description="An actor is to act on a finding by a deadline.")
    async def assign_finding_action(
        self,
        info: Info,
        input: Annotated[AssignFindingActionInput, strawberry.argument(description=ABOUT_INPUT)],
    ) -> FindingActionPayload:
        path = "/safety-walks/{walk_id}/actions"
        written = await write(info, SERVICE, "POST", path, input)
        return await _action_payload(info, written, written.made("actionId"))

    @strawberry.mutation(description="Where an action stands; a rejection needs a reason.")
    async def update_finding_action(
        self,
        info: Info,
        input: Annotated[UpdateFindingActionInput, strawberry.argument(description=ABOUT_INPUT)],
    ) -> FindingActionPayload:
        path = "/safety-walks/{walk_id}/actions/{action_id}/status"
        written = await write(info, SERVICE, "POST", path, input)
        return await _action_payload(info, written, str(input.action_id))

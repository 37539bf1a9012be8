"""The activities' mutations: create one, change its details, an actor joins or leaves
it, and its status changes; each answers the activity as the service has it after the
write."""

from __future__ import annotations

from typing import Annotated

import strawberry

from trygnet_gateway.activities.inputs.activity import (
    ChangeActivityStatusInput,
    CreateActivityInput,
    JoinActivityInput,
    LeaveActivityInput,
    UpdateActivityInput,
)
from trygnet_gateway.activities.reads import SERVICE
from trygnet_gateway.activities.types.activity import activity_by_id
from trygnet_gateway.activities.types.payloads import ActivityPayload
from trygnet_gateway.actors import found
from trygnet_gateway.context import Info
from trygnet_gateway.writes import ABOUT_INPUT, Written, command, write


async def _activity_payload(info: Info, written: Written) -> ActivityPayload:
    activity = found(await activity_by_id(info, written.id, fresh=True), "activity")
    return ActivityPayload(activity=activity, position=written.position)


@strawberry.type
class Commands:
    create_activity: ActivityPayload = command(
        SERVICE,
        "POST",
        "/activities",
        CreateActivityInput,
        _activity_payload,
        description="Create an activity (its owner's staff or coordinators).",
    )

    update_activity: ActivityPayload = command(
        SERVICE,
        "PATCH",
        "/activities/{activity_id}",
        UpdateActivityInput,
        _activity_payload,
        description="Change an activity's details: only the fields given.",
    )

    join_activity: ActivityPayload = command(
        SERVICE,
        "POST",
        "/activities/{activity_id}/partners",
        JoinActivityInput,
        _activity_payload,
        description="An actor joins an activity, or changes its role there.",
    )

    leave_activity: ActivityPayload = command(
        SERVICE,
        "DELETE",
        "/activities/{activity_id}/partners/{actor_id}",
        LeaveActivityInput,
        _activity_payload,
        description="An actor leaves an activity.",
    )


@strawberry.type
class Mutation:
    @strawberry.mutation(description="planned → active ⇄ paused, and to ended, which is final.")
    async def change_activity_status(
        self,
        info: Info,
        input: Annotated[ChangeActivityStatusInput, strawberry.argument(description=ABOUT_INPUT)],
    ) -> ActivityPayload:
        path = "/activities/{activity_id}/status"
        written = await write(info, SERVICE, "POST", path, input)
        return await _activity_payload(info, written)

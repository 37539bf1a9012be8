"""The activities' mutations: create one, change its details, an actor joins or leaves
it, and its status changes; each answers the activity as the service has it after the
write."""

from __future__ import annotations

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
from trygnet_gateway.writes import commands, read_back

_activity_payload = read_back(ActivityPayload, activity_by_id, "activity")

_activity_command = commands(SERVICE, _activity_payload)


@strawberry.type
class Commands:
    create_activity = _activity_command(
        "POST /activities",
        CreateActivityInput,
        "Create an activity (its owner's staff or coordinators).",
    )
    update_activity = _activity_command(
        "PATCH /activities/{activity_id}",
        UpdateActivityInput,
        "Change an activity's details: only the fields given.",
    )
    join_activity = _activity_command(
        "POST /activities/{activity_id}/partners",
        JoinActivityInput,
        "An actor joins an activity, or changes its role there.",
    )
    leave_activity = _activity_command(
        "DELETE /activities/{activity_id}/partners/{actor_id}",
        LeaveActivityInput,
        "An actor leaves an activity.",
    )


@strawberry.type
class Mutation:
    change_activity_status = _activity_command(
        "POST /activities/{activity_id}/status",
        ChangeActivityStatusInput,
        "planned → active ⇄ paused, and to ended, which is final.",
    )

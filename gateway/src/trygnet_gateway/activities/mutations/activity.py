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
from trygnet_gateway.writes import command, read_back

_activity_payload = read_back(ActivityPayload, activity_by_id, "activity")


@strawberry.type
class Commands:
    create_activity = command(
        SERVICE,
        "POST",
        "/activities",
        CreateActivityInput,
        _activity_payload,
        description="Create an activity (its owner's staff or coordinators).",
    )

    update_activity = command(
        SERVICE,
        "PATCH",
        "/activities/{activity_id}",
        UpdateActivityInput,
        _activity_payload,
        description="Change an activity's details: only the fields given.",
    )

    join_activity = command(
        SERVICE,
        "POST",
        "/activities/{activity_id}/partners",
        JoinActivityInput,
        _activity_payload,
        description="An actor joins an activity, or changes its role there.",
    )

    leave_activity = command(
        SERVICE,
        "DELETE",
        "/activities/{activity_id}/partners/{actor_id}",
        LeaveActivityInput,
        _activity_payload,
        description="An actor leaves an activity.",
    )


@strawberry.type
class Mutation:
    change_activity_status = command(
        SERVICE,
        "POST",
        "/activities/{activity_id}/status",
        ChangeActivityStatusInput,
        _activity_payload,
        description="planned → active ⇄ paused, and to ended, which is final.",
    )

"""The fora's mutations: establish one, an actor joins or leaves it, a meeting is recorded
with its minutes and follow-ups (each follow-up gets an id here unless given), and a
follow-up's status changes."""

from __future__ import annotations

import uuid
from typing import Any

import strawberry

from trygnet_gateway.activities.inputs.fora import (
    ChangeFollowUpStatusInput,
    CreateForumInput,
    JoinForumInput,
    LeaveForumInput,
    RecordMeetingInput,
)
from trygnet_gateway.activities.reads import SERVICE
from trygnet_gateway.activities.types.fora import forum_by_id
from trygnet_gateway.activities.types.payloads import ForumPayload, MeetingPayload
from trygnet_gateway.context import Info
from trygnet_gateway.writes import Input, commands, mutation, read_back, read_back_part, write


def new_id(prefix: str) -> str:
    return f"{prefix}-{uuid.uuid4().hex}"


_forum_payload = read_back(ForumPayload, forum_by_id, "forum")

_forum_command = commands(SERVICE, _forum_payload)

_meeting_recorded = read_back_part(
    MeetingPayload, forum_by_id, "forum", among="meetings", made="meetingId", part="meeting"
)


@strawberry.type
class Commands:
    create_forum = _forum_command("POST /fora", CreateForumInput, "Establish a coordinating forum.")
    join_forum = _forum_command(
        "POST /fora/{forum_id}/members", JoinForumInput, "An actor joins a forum."
    )
    leave_forum = _forum_command(
        "DELETE /fora/{forum_id}/members/{actor_id}", LeaveForumInput, "An actor leaves a forum."
    )


@strawberry.type
class Mutation:
    @mutation(MeetingPayload, "Record a forum's meeting, its minutes and follow-ups.")
    async def record_meeting(self, info: Info, input: Input[RecordMeetingInput]) -> Any:
        follow_ups = [
            {
                "followUpId": f.follow_up_id if f.follow_up_id else new_id("follow-up"),
                "description": f.description,
                "actorId": f.actor_id,
                "due": f.due,
            }
            for f in input.follow_ups
        ]
        path = "/fora/{forum_id}/meetings"
        written = await write(info, SERVICE, "POST", path, input, extra={"followUps": follow_ups})
        return await _meeting_recorded(info, written)

    change_follow_up_status = _forum_command(
        "POST /fora/{forum_id}/follow-ups/{follow_up_id}/status",
        ChangeFollowUpStatusInput,
        "A follow-up is open, done or cancelled.",
    )

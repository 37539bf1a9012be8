"""The Forum aggregate: a coordinating forum, its members and its meetings.

Meetings live on the forum's stream. Rules: the owner, members, attendees and
follow-up actors must be known (a merged actor is recorded as its survivor), the
partnership too; meeting and follow-up ids are new in the forum; a follow-up is
due on or after the meeting.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from trygnet_activities.domain import model
from trygnet_activities.domain.commands import (
    ChangeFollowUpStatus,
    EstablishForum,
    JoinForum,
    LeaveForum,
    RecordMeeting,
)
from trygnet_activities.domain.events import (
    FollowUpStatusChanged,
    ForumDetails,
    ForumEstablished,
    ForumMemberJoined,
    ForumMemberLeft,
    MeetingRecorded,
)
from trygnet_activities.domain.model import NOTHING_KNOWN, Cadence, FollowUpStatus, Known, Level
from trygnet_core.aggregate import deciding, folding, started_by
from trygnet_core.errors import BadUserInput, Conflict, NotFound
from trygnet_core.events import DomainEvent
from trygnet_core.path_ids import well_formed_id

ForumChange = JoinForum | LeaveForum | RecordMeeting | ChangeFollowUpStatus
ForumCommand = EstablishForum | ForumChange

_FOLLOW_UP = ("follow_up_id", "description", "actor_id", "due")


@dataclass(frozen=True)
class FollowUp:
    meeting_id: str
    actor_id: str
    due: str
    status: FollowUpStatus = FollowUpStatus.OPEN


@dataclass(frozen=True)
class Forum(ForumDetails):
    meetings: tuple[str, ...] = ()
    follow_ups: Mapping[str, FollowUp] = dataclasses.field(default_factory=dict)
    minutes: Mapping[str, Mapping[str, Any]] = dataclasses.field(default_factory=dict)
    """Per meeting: held on, attendees, agenda and decisions (the last two as stored)."""


def evolve(state: Forum | None, event: DomainEvent) -> Forum | None:
    match event:
        case ForumEstablished():
            return started_by(Forum, event)
        case ForumMemberJoined() if state is not None:
            return dataclasses.replace(state, members=(*state.members, event.actor_id))
        case ForumMemberLeft() if state is not None:
            members = tuple(m for m in state.members if m != event.actor_id)
            return dataclasses.replace(state, members=members)
        case MeetingRecorded() if state is not None:
            follow_ups = {
                f["follow_up_id"]: FollowUp(event.meeting_id, f["actor_id"], f["due"])
                for f in event.follow_ups
            }
            minutes = {
                "held_on": event.held_on,
                "attendees": tuple(event.attendees),
                "agenda": event.agenda,
                "decisions": event.decisions,
            }
            return dataclasses.replace(
                state,
                meetings=(*state.meetings, event.meeting_id),
                follow_ups={**state.follow_ups, **follow_ups},
                minutes={**state.minutes, event.meeting_id: minutes},
            )
        case FollowUpStatusChanged() if state is not None:
            changed = dataclasses.replace(state.follow_ups[event.follow_up_id], status=event.status)
            return dataclasses.replace(
                state, follow_ups={**state.follow_ups, event.follow_up_id: changed}
            )
    return state


fold = folding(evolve)


def _change(command: ForumChange, state: Forum, known: Known) -> list[DomainEvent]:
    forum_id = state.forum_id
    match command:
        case JoinForum():
            actor_id = known.actor(command.actor_id, field="actorId")
            if actor_id in state.members:
                return []
            return [ForumMemberJoined(forum_id=forum_id, actor_id=actor_id)]
        case LeaveForum():
            member = known.leaving(state.members, command.actor_id, being="a member")
            return [ForumMemberLeft(forum_id=forum_id, actor_id=member)]
        case RecordMeeting():
            return [_meeting(command, state, known)]
        case ChangeFollowUpStatus():
            follow_up = state.follow_ups.get(command.follow_up_id)
            if follow_up is None:
                raise NotFound("no follow-up with that id", field="followUpId")
            status = model.one_of(FollowUpStatus, command.status, field="status")
            if status is follow_up.status:
                return []
            return [
                FollowUpStatusChanged(
                    forum_id=forum_id,
                    meeting_id=follow_up.meeting_id,
                    follow_up_id=command.follow_up_id,
                    status=status,
                )
            ]
    raise TypeError(f"not a forum command: {command!r}")


def _establish(command: EstablishForum, known: Known) -> ForumEstablished:
    partnership_id = command.partnership_id
    return ForumEstablished(
        forum_id=command.forum_id,
        name=model.required_text(command.name, field="name"),
        level=model.one_of(Level, command.level, field="level"),
        owner_actor_id=known.actor(command.owner_actor_id, field="ownerActorId"),
        cadence=model.one_of(Cadence, command.cadence, field="cadence"),
        partnership_id=known.partnership(partnership_id) if partnership_id else None,
        members=known.actor_ids(command.members, field="members"),
    )


def _meeting(command: RecordMeeting, state: Forum, known: Known) -> MeetingRecorded:
    if command.meeting_id in state.meetings:
        raise Conflict("a meeting with that id exists already", field="meetingId")
    held_on = model.day(command.held_on, field="heldOn")
    follow_ups: list[dict[str, Any]] = []
    for index, given in enumerate(command.follow_ups):
        field = f"followUps.{index}"
        item = model.record(given, field=field, keys=_FOLLOW_UP)
        follow_up_id = well_formed_id(  # it goes into paths: one segment, whole
            model.required_text(item.get("follow_up_id"), field=f"{field}.followUpId"),
            field=f"{field}.followUpId",
        )
        if follow_up_id in state.follow_ups:
            raise Conflict("a follow-up with that id exists already", field=f"{field}.followUpId")
        if any(f["follow_up_id"] == follow_up_id for f in follow_ups):
            raise BadUserInput(
                f"follow-up {follow_up_id} is given twice", field=f"{field}.followUpId"
            )
        due = model.day(item.get("due"), field=f"{field}.due")
        model.in_order(held_on, due, field=f"{field}.due", what="the meeting")
        follow_ups.append(
            {
                "follow_up_id": follow_up_id,
                "description": model.required_text(
                    item.get("description"), field=f"{field}.description", max_length=1000
                ),
                "actor_id": known.actor(
                    model.required_text(item.get("actor_id"), field=f"{field}.actorId"),
                    field=f"{field}.actorId",
                ),
                "due": due,
            }
        )
    return MeetingRecorded(
        forum_id=state.forum_id,
        meeting_id=command.meeting_id,
        held_on=held_on,
        attendees=known.actor_ids(command.attendees, field="attendees"),
        follow_ups=tuple(follow_ups),
        agenda=model.optional_text(command.agenda, field="agenda", max_length=10_000),
        decisions=model.optional_text(command.decisions, field="decisions", max_length=10_000),
    )


decide = deciding(
    EstablishForum,
    "a forum",
    field="forumId",
    create=_establish,
    change=_change,
    nothing_known=NOTHING_KNOWN,
)

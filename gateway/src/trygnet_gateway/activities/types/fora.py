"""Coordinating fora's GraphQL types: a forum, its meetings with their minutes and the
follow-ups they asked for, and ``forum_by_id``, its batched loader."""

from __future__ import annotations

from datetime import date
from typing import Any

import strawberry

from trygnet_gateway.activities.reads import by_id
from trygnet_gateway.activities.types.partnerships import Partnership, partnership_by_id
from trygnet_gateway.actors import actor_of, actors_of
from trygnet_gateway.answers import kept, of_answer
from trygnet_gateway.context import Info
from trygnet_gateway.vocabulary import Cadence, FollowUpStatus, Level
from trygnet_gateway.writes import ABOUT_VERSION


async def forum_by_id(info: Info, forum_id: str, *, fresh: bool = False) -> Forum | None:
    return await by_id(info, "fora", Forum.of, forum_id, fresh=fresh)


@strawberry.type(description="Something a forum's meeting asked an actor to do by a day.")
class ForumFollowUp:
    id: strawberry.ID = strawberry.field(description="Trygnet's id of the follow-up.")
    meeting_id: strawberry.ID = strawberry.field(description="The meeting that asked for it.")
    actor_id: strawberry.Private[str]
    due: date | None = strawberry.field(description="The day it is due.")
    status: FollowUpStatus = strawberry.field(description="Whether it is open, done or cancelled.")

    actor = strawberry.field(resolver=actor_of("actor_id"), description="Who is to do it.")


@strawberry.type(description="A meeting of a forum and its minutes.")
class Meeting:
    id: strawberry.ID = strawberry.field(description="Trygnet's id of the meeting.")
    held_on: date | None = strawberry.field(description="The day it was held.")
    attendee_ids: strawberry.Private[list[str]] = kept("attendees", many=True)
    agenda: str | None = strawberry.field(description="The agenda; null if not recorded.")
    decisions: str | None = strawberry.field(description="What was decided; null if not recorded.")
    follow_ups: list[ForumFollowUp] = strawberry.field(
        description="What the meeting asked actors to do."
    )

    attendees = strawberry.field(
        resolver=actors_of("attendee_ids"), description="The actors that attended."
    )


@strawberry.type(description="A coordinating forum on one level, with an owner who drives it.")
class Forum:
    id: strawberry.ID = strawberry.field(description="Trygnet's id of the forum.")
    name: str = strawberry.field(description="Its name.")
    level: Level = strawberry.field(description="The level it works on.")
    cadence: Cadence = strawberry.field(description="How often it meets.")
    owner_actor_id: strawberry.Private[str]
    partnership_id: strawberry.Private[str | None]
    member_ids: strawberry.Private[list[str]] = kept("members", many=True)
    meetings: list[Meeting] = strawberry.field(description="Its meetings, in the order recorded.")
    follow_ups: list[ForumFollowUp] = strawberry.field(
        description="The follow-ups of all its meetings."
    )
    version: int = strawberry.field(description=ABOUT_VERSION)

    @classmethod
    def of(cls, item: dict[str, Any]) -> Forum:
        follow_ups = [
            of_answer(ForumFollowUp, f, id=strawberry.ID(follow_up_id))
            for follow_up_id, f in (item.get("followUps") or {}).items()
        ]
        minutes = item.get("minutes") or {}
        meetings = [
            of_answer(
                Meeting,
                minutes.get(meeting_id, {}),
                id=strawberry.ID(meeting_id),
                follow_ups=[f for f in follow_ups if f.meeting_id == meeting_id],
            )
            for meeting_id in item.get("meetings") or ()
        ]
        return of_answer(cls, item, meetings=meetings, follow_ups=follow_ups)

    owner = strawberry.field(
        resolver=actor_of("owner_actor_id"), description="The actor that drives it."
    )
    members = strawberry.field(
        resolver=actors_of("member_ids"), description="The actors taking part."
    )

    @strawberry.field(description="The partnership it works under, if any.")
    async def partnership(self, info: Info) -> Partnership | None:
        return await partnership_by_id(info, self.partnership_id) if self.partnership_id else None

"""The inputs of the fora's mutations: a new forum, an actor joining or leaving it, a
meeting with its minutes and follow-ups, and where a follow-up stands now."""

from __future__ import annotations

from datetime import date

import strawberry

from trygnet_gateway.vocabulary import Cadence, FollowUpStatus, Level
from trygnet_gateway.writes import expected_version


@strawberry.input(description="A new coordinating forum.")
class CreateForumInput:
    name: str = strawberry.field(description="Its name.")
    level: Level = strawberry.field(description="The level it works on.")
    owner_actor_id: strawberry.ID = strawberry.field(description="The actor that drives it.")
    cadence: Cadence = strawberry.field(description="How often it meets.")
    partnership_id: strawberry.ID | None = strawberry.field(
        default=strawberry.UNSET, description="The partnership it works under, if any."
    )
    members: list[strawberry.ID] = strawberry.field(
        description="The ids of the actors taking part.", default_factory=list
    )


@strawberry.input(description="An actor joining a forum.")
class JoinForumInput:
    forum_id: strawberry.ID = strawberry.field(description="The forum.")
    actor_id: strawberry.ID = strawberry.field(description="The actor joining.")
    expected_version: int | None = expected_version()


@strawberry.input(description="An actor leaving a forum.")
class LeaveForumInput:
    forum_id: strawberry.ID = strawberry.field(description="The forum.")
    actor_id: strawberry.ID = strawberry.field(description="The actor leaving.")
    expected_version: int | None = expected_version()


@strawberry.input(description="Something the meeting asks an actor to do by a day.")
class FollowUpInput:
    description: str = strawberry.field(
        description="What is to be done (may name people: stored encrypted)."
    )
    actor_id: strawberry.ID = strawberry.field(description="The actor to do it.")
    due: date = strawberry.field(description="The day it is due: on or after the meeting.")
    follow_up_id: strawberry.ID | None = strawberry.field(
        default=strawberry.UNSET, description="Made by the gateway when left out."
    )


@strawberry.input(description="A meeting of a forum and its minutes.")
class RecordMeetingInput:
    forum_id: strawberry.ID = strawberry.field(description="The forum.")
    held_on: date = strawberry.field(description="The day it was held.")
    attendees: list[strawberry.ID] = strawberry.field(
        description="The ids of the actors that attended.", default_factory=list
    )
    agenda: str | None = strawberry.field(default=strawberry.UNSET, description="The agenda.")
    decisions: str | None = strawberry.field(
        default=strawberry.UNSET, description="What was decided."
    )
    follow_ups: list[FollowUpInput] = strawberry.field(
        description="What the meeting asks actors to do.", default_factory=list
    )
    expected_version: int | None = expected_version()


@strawberry.input(description="Where a forum's follow-up stands now.")
class ChangeFollowUpStatusInput:
    forum_id: strawberry.ID = strawberry.field(description="The forum.")
    follow_up_id: strawberry.ID = strawberry.field(description="The follow-up.")
    status: FollowUpStatus = strawberry.field(description="Its new status.")
    expected_version: int | None = expected_version()

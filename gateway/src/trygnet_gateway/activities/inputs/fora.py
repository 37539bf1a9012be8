"""The inputs of the fora's mutations: a new forum, an actor joining or leaving it, a
meeting with its minutes and follow-ups, and where a follow-up stands now."""

from __future__ import annotations

from datetime import date

import strawberry

from trygnet_gateway.activities.inputs.membership import Joining, Leaving
from trygnet_gateway.change_inputs import Target, change_of
from trygnet_gateway.vocabulary import Cadence, FollowUpStatus, Level
from trygnet_gateway.writes import empty_unless_given, optional

FORUM = Target("forum_id", "The forum.")


@strawberry.input(description="A new coordinating forum.")
class CreateForumInput:
    name: str = strawberry.field(description="Its name.")
    level: Level = strawberry.field(description="The level it works on.")
    owner_actor_id: strawberry.ID = strawberry.field(description="The actor that drives it.")
    cadence: Cadence = strawberry.field(description="How often it meets.")
    partnership_id: strawberry.ID | None = optional("The partnership it works under, if any.")
    members: list[strawberry.ID] = empty_unless_given("The ids of the actors taking part.")


@change_of(FORUM, "An actor joining a forum.")
class JoinForumInput(Joining): ...


@change_of(FORUM, "An actor leaving a forum.")
class LeaveForumInput(Leaving): ...


@strawberry.input(description="Something the meeting asks an actor to do by a day.")
class FollowUpInput:
    description: str = strawberry.field(
        description="What is to be done (may name people: stored encrypted)."
    )
    actor_id: strawberry.ID = strawberry.field(description="The actor to do it.")
    due: date = strawberry.field(description="The day it is due: on or after the meeting.")
    follow_up_id: strawberry.ID | None = optional("Made by the gateway when left out.")


@change_of(FORUM, "A meeting of a forum and its minutes.")
class RecordMeetingInput:
    held_on: date = strawberry.field(description="The day it was held.")
    attendees: list[strawberry.ID] = empty_unless_given("The ids of the actors that attended.")
    agenda: str | None = optional("The agenda.")
    decisions: str | None = optional("What was decided.")
    follow_ups: list[FollowUpInput] = empty_unless_given("What the meeting asks actors to do.")


@change_of(FORUM, "Where a forum's follow-up stands now.")
class ChangeFollowUpStatusInput:
    follow_up_id: strawberry.ID = strawberry.field(description="The follow-up.")
    status: FollowUpStatus = strawberry.field(description="Its new status.")

"""The inputs of the safety walks' mutations: a walk in an area, what it found (with its
coordinates), and an action on a finding, assigned and updated."""

from __future__ import annotations

from datetime import date

import strawberry

from trygnet_gateway.change_inputs import Target, change_of
from trygnet_gateway.vocabulary import ActionStatus, FindingKind
from trygnet_gateway.writes import empty_unless_given, optional

WALK = Target("walk_id", "The walk.")


@strawberry.input(description="A safety walk in an area.")
class RecordSafetyWalkInput:
    walked_on: date = strawberry.field(description="The day of the walk.")
    area_id: strawberry.ID = strawberry.field(description="The area walked.")
    route: str | None = optional("The route walked, in words (up to 2,000 characters).")
    participants: list[strawberry.ID] = empty_unless_given("The ids of the actors that walked.")
    residents: int = strawberry.field(
        default=0, description="How many residents came along (0 to 100,000)."
    )
    follows_walk_id: strawberry.ID | None = optional(
        "The earlier walk this one follows up, if any."
    )


@strawberry.input(description="WGS 84 degrees.")
class CoordinatesInput:
    lat: float = strawberry.field(description="Latitude, -90 to 90.")
    lon: float = strawberry.field(description="Longitude, -180 to 180.")


@change_of(WALK, "Something a safety walk found.")
class RecordFindingInput:
    kind: FindingKind = strawberry.field(description="What was found.")
    place: str = strawberry.field(description="Where, in words: the path behind block 4.")
    description: str = strawberry.field(description="What makes it feel unsafe.")
    coordinates: CoordinatesInput | None = optional("Where, as a point.")
    photo_url: str | None = optional("A link (https) to a photo of it.")


@change_of(WALK, "An actor is to act on a finding by a deadline.")
class AssignFindingActionInput:
    finding_id: strawberry.ID = strawberry.field(description="The finding.")
    owner_actor_id: strawberry.ID = strawberry.field(description="The actor to act.")
    deadline: date = strawberry.field(
        description="The day it is to be done by: on or after the walk."
    )


@change_of(WALK, "Where an action on a finding stands now.")
class UpdateFindingActionInput:
    action_id: strawberry.ID = strawberry.field(description="The action.")
    status: ActionStatus = strawberry.field(description="Its new status.")
    reason: str | None = optional("Why it is rejected: needed for REJECTED.")

"""The inputs of the safety walks' mutations: a walk in an area, what it found (with its
coordinates), and an action on a finding, assigned and updated."""

from __future__ import annotations

from datetime import date

import strawberry

from trygnet_gateway.vocabulary import ActionStatus, FindingKind
from trygnet_gateway.writes import expected_version


@strawberry.input(description="A safety walk in an area.")
class RecordSafetyWalkInput:
    walked_on: date = strawberry.field(description="The day of the walk.")
    area_id: strawberry.ID = strawberry.field(description="The area walked.")
    route: str | None = strawberry.field(
        default=strawberry.UNSET, description="The route walked, in words (up to 2,000 characters)."
    )
    participants: list[strawberry.ID] = strawberry.field(
        description="The ids of the actors that walked.", default_factory=list
    )
    residents: int = strawberry.field(
        default=0, description="How many residents came along (0 to 100,000)."
    )
    follows_walk_id: strawberry.ID | None = strawberry.field(
        default=strawberry.UNSET, description="The earlier walk this one follows up, if any."
    )


@strawberry.input(description="WGS 84 degrees.")
class CoordinatesInput:
    lat: float = strawberry.field(description="Latitude, -90 to 90.")
    lon: float = strawberry.field(description="Longitude, -180 to 180.")


@strawberry.input(description="Something a safety walk found.")
class RecordFindingInput:
    walk_id: strawberry.ID = strawberry.field(description="The walk.")
    kind: FindingKind = strawberry.field(description="What was found.")
    place: str = strawberry.field(description="Where, in words: the path behind block 4.")
    description: str = strawberry.field(description="What makes it feel unsafe.")
    coordinates: CoordinatesInput | None = strawberry.field(
        default=strawberry.UNSET, description="Where, as a point."
    )
    photo_url: str | None = strawberry.field(
        default=strawberry.UNSET, description="A link (https) to a photo of it."
    )
    expected_version: int | None = expected_version()


@strawberry.input(description="An actor is to act on a finding by a deadline.")
class AssignFindingActionInput:
    walk_id: strawberry.ID = strawberry.field(description="The walk.")
    finding_id: strawberry.ID = strawberry.field(description="The finding.")
    owner_actor_id: strawberry.ID = strawberry.field(description="The actor to act.")
    deadline: date = strawberry.field(
        description="The day it is to be done by: on or after the walk."
    )
    expected_version: int | None = expected_version()


@strawberry.input(description="Where an action on a finding stands now.")
class UpdateFindingActionInput:
    walk_id: strawberry.ID = strawberry.field(description="The walk.")
    action_id: strawberry.ID = strawberry.field(description="The action.")
    status: ActionStatus = strawberry.field(description="Its new status.")
    reason: str | None = strawberry.field(
        default=strawberry.UNSET, description="Why it is rejected: needed for REJECTED."
    )
    expected_version: int | None = expected_version()

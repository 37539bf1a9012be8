"""Partnerships' GraphQL types: a safety partnership authorised from the top, its members
with their roles and its resources, and ``partnership_by_id``, its batched loader."""

from __future__ import annotations

from datetime import date

import strawberry

from trygnet_gateway.activities.reads import by_id, in_role, in_roles
from trygnet_gateway.actors import actor_of, areas_of
from trygnet_gateway.answers import FromAnswer, answered_as, kept
from trygnet_gateway.context import Info
from trygnet_gateway.writes import ABOUT_VERSION


async def partnership_by_id(
    info: Info, partnership_id: str, *, fresh: bool = False
) -> Partnership | None:
    return await by_id(info, "partnerships", Partnership.of, partnership_id, fresh=fresh)


@in_role(
    "An actor in a partnership, and its role there.",
    role="Its role in the partnership (OTHER also for a role written in other words before "
    "roles were these words).",
    actor="The member (null only if the actors service lost it).",
)
class PartnershipMember: ...


@strawberry.type(description="A safety partnership authorised from the top, with its resources.")
class Partnership(FromAnswer):
    id: strawberry.ID = strawberry.field(description="Trygnet's id of the partnership.")
    name: str = strawberry.field(description="Its name.")
    mandate: str = strawberry.field(description="What it was authorised to do.")
    authorised_by: str = strawberry.field(
        description="Who authorised it: a council, a board, a police district."
    )
    authorised_on: date | None = strawberry.field(description="The day it was authorised.")
    coordinator_actor_id: strawberry.Private[str]
    area_ids: strawberry.Private[list[str]] = kept("areas", many=True)
    hours_per_year: int | None = strawberry.field(
        description="Hours of work a year set aside to drive it; null if not given."
    )
    budget_per_year: int | None = strawberry.field(
        description="Its budget a year, in whole units of the municipality's currency "
        "(DKK or SEK); null if not given."
    )
    members: list[PartnershipMember] = strawberry.field(
        description="The actors taking part, with their roles.",
        metadata=answered_as(read=in_roles(PartnershipMember)),
    )
    version: int = strawberry.field(description=ABOUT_VERSION)

    coordinator = strawberry.field(
        resolver=actor_of("coordinator_actor_id"), description="The actor that coordinates it."
    )
    areas = strawberry.field(resolver=areas_of("area_ids"), description="The areas it covers.")

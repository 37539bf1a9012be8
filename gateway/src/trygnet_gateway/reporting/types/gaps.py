"""The coordination gaps report's types: two active activities in one area that reach the
same young people (a theme and ages in common) while their actors share no activity or
forum."""

from __future__ import annotations

import strawberry

from trygnet_gateway.activities.types.activity import Activity
from trygnet_gateway.actors import actors_of, area_of
from trygnet_gateway.answers import FromAnswer, answered_as, kept
from trygnet_gateway.reporting import objects
from trygnet_gateway.vocabulary import Theme


@strawberry.type(description="One of the two activities of a coordination gap.")
class GapActivity:
    id: strawberry.ID = strawberry.field(
        description="The activity's id.", metadata=answered_as("activityId")
    )
    title: str = strawberry.field(description="Its title.")
    actor_ids: strawberry.Private[list[str]] = kept("actors")
    activity: Activity | None = strawberry.field(
        resolver=objects.activity, description="The activity as the activities service has it."
    )

    actors = strawberry.field(
        resolver=actors_of("actor_ids"), description="Its owner and partners."
    )


@strawberry.type(description="Target ages both activities reach; null is an open end.")
class GapAges:
    from_: int | None = strawberry.field(
        description="The youngest age both reach; null: no lower limit.", name="from"
    )
    to: int | None = strawberry.field(
        description="The oldest age both reach; null: no upper limit."
    )


@strawberry.type(
    description="Two active activities in one area, with a theme and ages in common, "
    "whose actors share no activity or forum."
)
class CoordinationGap(FromAnswer):
    area_id: strawberry.ID = strawberry.field(description="The area both activities work in.")
    activities: list[GapActivity] = strawberry.field(description="The two activities.")
    themes: list[Theme] = strawberry.field(description="The themes they share.")
    ages: GapAges = strawberry.field(description="The target ages they share.")
    reason: str = strawberry.field(description="What a coordinator can do about it.")

    area = strawberry.field(
        resolver=area_of("area_id"), description="The area both activities work in."
    )

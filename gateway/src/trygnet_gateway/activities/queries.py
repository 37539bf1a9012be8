"""The activities domain's queries: partnerships, fora, activities and safety walks (a page
of each, filtered, or one by id: NOT_FOUND outside the municipality), the joint strategy
and the relationship-survey waves."""

from __future__ import annotations

from typing import Annotated

import strawberry

from trygnet_gateway.activities.reads import SERVICE
from trygnet_gateway.activities.types.activity import Activity, activity_by_id
from trygnet_gateway.activities.types.fora import Forum, forum_by_id
from trygnet_gateway.activities.types.partnerships import Partnership, partnership_by_id
from trygnet_gateway.activities.types.safety_walks import SafetyWalk, safety_walk_by_id
from trygnet_gateway.activities.types.strategy import Strategy, strategy_of
from trygnet_gateway.activities.types.surveys import SurveyWave
from trygnet_gateway.context import Info
from trygnet_gateway.relay import After, Connection, First, page
from trygnet_gateway.root_fields import one, page_by_area
from trygnet_gateway.vocabulary import ActivityStatus, Level, Theme


@strawberry.type
class Query:
    partnerships = page_by_area(
        SERVICE,
        "/partnerships",
        Partnership,
        "Partnerships, by name.",
        area="Only partnerships covering this area.",
    )
    partnership = one(partnership_by_id, Partnership, "partnership")
    fora = page_by_area(
        SERVICE,
        "/fora",
        Forum,
        "Coordinating fora, by name.",
        area="Only fora of this area. Fora hold no area of their own, so today any area "
        "answers an empty list.",
    )
    forum = one(
        forum_by_id,
        Forum,
        "forum",
        description="One forum with its meetings; NOT_FOUND if not in the municipality.",
    )

    @strawberry.field(description="Activities, filtered, by title.")
    async def activities(
        self,
        info: Info,
        area_id: Annotated[
            strawberry.ID | None, strawberry.argument(description="Only activities in this area.")
        ] = None,
        theme: Annotated[
            Theme | None, strawberry.argument(description="Only activities with this theme.")
        ] = None,
        status: Annotated[
            ActivityStatus | None,
            strawberry.argument(description="Only activities with this status."),
        ] = None,
        level: Annotated[
            Level | None, strawberry.argument(description="Only activities on this level.")
        ] = None,
        focus_area_id: Annotated[
            strawberry.ID | None,
            strawberry.argument(
                description="Only activities serving this focus area of the strategy."
            ),
        ] = None,
        owner_actor_id: Annotated[
            strawberry.ID | None,
            strawberry.argument(description="Only activities this actor owns."),
        ] = None,
        first: First = None,
        after: After = None,
    ) -> Connection[Activity]:
        return await page(
            info,
            SERVICE,
            "/activities",
            Activity.of,
            first,
            after,
            areaId=area_id,
            theme=theme,
            status=status,
            level=level,
            focusAreaId=focus_area_id,
            ownerActorId=owner_actor_id,
        )

    activity = one(activity_by_id, Activity, "activity")
    safety_walks = page_by_area(
        SERVICE,
        "/safety-walks",
        SafetyWalk,
        "Safety walks, by area.",
        area="Only walks in this area.",
    )
    safety_walk = one(safety_walk_by_id, SafetyWalk, "safety walk", about_id="The walk's id.")

    @strawberry.field(description="The joint strategy, or null before it is adopted.")
    async def strategy(self, info: Info) -> Strategy | None:
        return await strategy_of(info)

    @strawberry.field(description="Relationship-survey waves, by title.")
    async def survey_waves(
        self, info: Info, first: First = None, after: After = None
    ) -> Connection[SurveyWave]:
        return await page(info, SERVICE, "/surveys", SurveyWave.of, first, after)

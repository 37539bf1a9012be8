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
from trygnet_gateway.actors import found
from trygnet_gateway.context import Info
from trygnet_gateway.relay import After, Connection, First, page
from trygnet_gateway.vocabulary import ActivityStatus, Level, Theme


@strawberry.type
class Query:
    @strawberry.field(description="Partnerships, by name.")
    async def partnerships(
        self,
        info: Info,
        area_id: Annotated[
            strawberry.ID | None,
            strawberry.argument(description="Only partnerships covering this area."),
        ] = None,
        first: First = None,
        after: After = None,
    ) -> Connection[Partnership]:
        return await page(
            info, SERVICE, "/partnerships", Partnership.of, first, after, areaId=area_id
        )

    @strawberry.field(description="One partnership; NOT_FOUND for an id not in the municipality.")
    async def partnership(
        self,
        info: Info,
        id: Annotated[strawberry.ID, strawberry.argument(description="The partnership's id.")],
    ) -> Partnership:
        return found(await partnership_by_id(info, id), "partnership")

    @strawberry.field(description="Coordinating fora, by name.")
    async def fora(
        self,
        info: Info,
        area_id: Annotated[
            strawberry.ID | None,
            strawberry.argument(
                description="Only fora of this area. Fora hold no area of their own, so today any"
                " area answers an empty list."
            ),
        ] = None,
        first: First = None,
        after: After = None,
    ) -> Connection[Forum]:
        return await page(info, SERVICE, "/fora", Forum.of, first, after, areaId=area_id)

    @strawberry.field(
        description="One forum with its meetings; NOT_FOUND if not in the municipality."
    )
    async def forum(
        self,
        info: Info,
        id: Annotated[strawberry.ID, strawberry.argument(description="The forum's id.")],
    ) -> Forum:
        return found(await forum_by_id(info, id), "forum")

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

    @strawberry.field(description="One activity; NOT_FOUND for an id not in the municipality.")
    async def activity(
        self,
        info: Info,
        id: Annotated[strawberry.ID, strawberry.argument(description="The activity's id.")],
    ) -> Activity:
        return found(await activity_by_id(info, id), "activity")

    @strawberry.field(description="Safety walks, by area.")
    async def safety_walks(
        self,
        info: Info,
        area_id: Annotated[
            strawberry.ID | None, strawberry.argument(description="Only walks in this area.")
        ] = None,
        first: First = None,
        after: After = None,
    ) -> Connection[SafetyWalk]:
        return await page(
            info, SERVICE, "/safety-walks", SafetyWalk.of, first, after, areaId=area_id
        )

    @strawberry.field(description="One safety walk; NOT_FOUND for an id not in the municipality.")
    async def safety_walk(
        self,
        info: Info,
        id: Annotated[strawberry.ID, strawberry.argument(description="The walk's id.")],
    ) -> SafetyWalk:
        return found(await safety_walk_by_id(info, id), "safety walk")

    @strawberry.field(description="The joint strategy, or null before it is adopted.")
    async def strategy(self, info: Info) -> Strategy | None:
        return await strategy_of(info)

    @strawberry.field(description="Relationship-survey waves, by title.")
    async def survey_waves(
        self, info: Info, first: First = None, after: After = None
    ) -> Connection[SurveyWave]:
        return await page(info, SERVICE, "/surveys", SurveyWave.of, first, after)

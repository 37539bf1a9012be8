"""Activities' GraphQL types: a collaborative prevention activity with its partners, the
strategy's focus areas it serves and the incident that started it (shown only to a
reader who may see that incident's response), and ``activity_by_id``, its batched loader."""

from __future__ import annotations

from datetime import date

import strawberry

from trygnet_gateway.activities.reads import by_id, in_role, in_roles
from trygnet_gateway.activities.types.strategy import FocusArea, strategy_of
from trygnet_gateway.actors import actor_of, areas_of
from trygnet_gateway.answers import FromAnswer, answered_as, kept
from trygnet_gateway.context import Info
from trygnet_gateway.vocabulary import ActivityStatus, Level, Theme
from trygnet_gateway.writes import ABOUT_VERSION


async def activity_by_id(info: Info, activity_id: str, *, fresh: bool = False) -> Activity | None:
    return await by_id(info, "activities", Activity.of, activity_id, fresh=fresh)


@in_role(
    "An actor taking part in an activity, and its role there.",
    role="Its role in the activity.",
    actor="The partner (null only if the actors service lost it).",
)
class ActivityPartner: ...


@strawberry.type(description="A collaborative prevention activity.")
class Activity(FromAnswer):
    id: strawberry.ID = strawberry.field(description="Trygnet's id of the activity.")
    title: str = strawberry.field(description="Its title.")
    level: Level = strawberry.field(description="The level it works on.")
    owner_actor_id: strawberry.Private[str]
    description: str | None = strawberry.field(description="What it does; null if not given.")
    themes: list[Theme] = strawberry.field(description="What it is about.")
    target_age_from: int | None = strawberry.field(
        description="The youngest age it is for (0-120); null: no lower limit."
    )
    target_age_to: int | None = strawberry.field(
        description="The oldest age it is for (0-120); null: no upper limit."
    )
    target_group: str | None = strawberry.field(
        description="Whom it is for, in words: young people not in school; null if not given."
    )
    area_ids: strawberry.Private[list[str]] = kept("areas", many=True)
    start: date | None = strawberry.field(description="The day it starts; null if not set.")
    end: date | None = strawberry.field(description="The day it ends; null if open-ended.")
    hours: int | None = strawberry.field(
        description="Hours of work put into it in all; null if not given."
    )
    budget: int | None = strawberry.field(
        description="Its budget, in whole units of the municipality's currency (DKK or "
        "SEK); null if not given."
    )
    focus_area_ids: strawberry.Private[list[str]] = kept("focusAreas", many=True)
    started_by_incident: strawberry.Private[str | None] = kept("incidentId")
    status: ActivityStatus = strawberry.field(
        description="Where it stands: planned, active, paused or ended."
    )
    participants_reached: int | None = strawberry.field(
        description="How many people it has reached so far (the latest count recorded "
        "with its status); null if none was recorded."
    )
    partners: list[ActivityPartner] = strawberry.field(
        description="The actors taking part besides the owner, with their roles.",
        metadata=answered_as(read=in_roles(ActivityPartner)),
    )
    version: int = strawberry.field(description=ABOUT_VERSION)

    @strawberry.field(
        description="The incident whose response started it, if one did and you may see "
        "that response: null for a reader who sees that incident only in outline "
        "(a restricted incident's follow-ups are withheld like the rest of its response)."
    )
    async def incident_id(self, info: Info) -> strawberry.ID | None:
        if self.started_by_incident is None:
            return None
        # Imported here: the incidents' types refer to activities (their follow-ups).
        from trygnet_gateway.incidents.types import incident_by_id

        incident = await incident_by_id(info, self.started_by_incident)
        if incident is None or incident.redacted:
            return None
        return strawberry.ID(self.started_by_incident)

    owner = strawberry.field(
        resolver=actor_of("owner_actor_id"), description="The actor that owns it."
    )
    areas = strawberry.field(resolver=areas_of("area_ids"), description="The areas it works in.")

    @strawberry.field(description="The strategy's focus areas it serves.")
    async def focus_areas(self, info: Info) -> list[FocusArea]:
        if not self.focus_area_ids:
            return []
        strategy = await strategy_of(info)
        known = {str(f.id): f for f in strategy.focus_areas} if strategy else {}
        return [known[i] for i in self.focus_area_ids if i in known]

"""The directory report's types: who is active (in an area), what each actor does and
works on, how to reach it, and how many actors work on each level and theme."""

from __future__ import annotations

from typing import Any

import strawberry

from trygnet_gateway.activities.types.activity import Activity
from trygnet_gateway.activities.types.fora import Forum
from trygnet_gateway.actors import Area, actor_of, area_by_id
from trygnet_gateway.answers import of_answer, of_counts
from trygnet_gateway.context import Info, each
from trygnet_gateway.reporting import objects
from trygnet_gateway.reporting.types.beside import AreaAsked
from trygnet_gateway.vocabulary import GroupKind, Level, Sector, Theme


@strawberry.type(description="An activity or forum an actor takes part in.")
class WorkingOn:
    id: strawberry.ID = strawberry.field(description="The activity's or forum's id.")
    kind: GroupKind = strawberry.field(description="Whether it is an activity or a forum.")
    title: str = strawberry.field(description="Its title or name.")
    activity: Activity | None = strawberry.field(
        resolver=objects.activity, description="The activity (null when it is a forum)."
    )
    forum: Forum | None = strawberry.field(
        resolver=objects.forum, description="The forum (null when it is an activity)."
    )


@strawberry.type(description="An active actor in the directory: what it does, how to reach it.")
class DirectoryEntry:
    actor_id: strawberry.ID = strawberry.field(description="The actor's id.")
    name: str = strawberry.field(description="The organisation's name.")
    sector: Sector = strawberry.field(description="What kind of organisation it is.")
    department: str | None = strawberry.field(description="Its department or unit; null if none.")
    levels: list[Level] = strawberry.field(description="The levels it works on.")
    themes: list[Theme] = strawberry.field(description="The themes it works with.")
    area_ids: strawberry.Private[list[str]]
    description: str | None = strawberry.field(
        description="What it does, in its own words; null if not given."
    )
    phone: str | None = strawberry.field(description="The organisation's public phone.")
    email: str | None = strawberry.field(description="The organisation's public email.")
    website: str | None = strawberry.field(description="The organisation's public website.")
    contact_persons: int = strawberry.field(
        description="How many contact persons it has (their details are on `actor`)."
    )
    working_on: list[WorkingOn] = strawberry.field(
        description="The activities and fora it takes part in (active ones)."
    )

    @classmethod
    def of(cls, item: dict[str, Any]) -> DirectoryEntry:
        return of_answer(cls, item, area_ids=[a["areaId"] for a in item["areas"]])

    actor = strawberry.field(
        resolver=actor_of("actor_id"), description="The actor as the actors service has it now."
    )

    @strawberry.field(description="The areas it works in.")
    async def areas(self, info: Info) -> list[Area]:
        return await each(info, self.area_ids, area_by_id)


@strawberry.type(description="How many actors of the directory work on one level.")
class LevelCount:
    level: Level = strawberry.field(description="The level.")
    actors: int = strawberry.field(
        description="How many actors work on it (an actor on two levels counts under both)."
    )


@strawberry.type(description="How many actors of the directory work with one theme.")
class ThemeCount:
    theme: Theme = strawberry.field(description="The theme.")
    actors: int = strawberry.field(
        description="How many actors work with it (an actor with two themes counts under both)."
    )


@strawberry.type(description="Who is active (in an area), on which levels and themes.")
class Directory(AreaAsked):
    actors: list[DirectoryEntry] = strawberry.field(description="The active actors, by name.")
    count: int = strawberry.field(description="How many actors are listed.")
    by_level: list[LevelCount] = strawberry.field(description="Actors per level.")
    by_theme: list[ThemeCount] = strawberry.field(description="Actors per theme.")
    without_level: int = strawberry.field(
        description="Actors who work on no level, which `byLevel` cannot show: with them "
        "every actor of `count` is counted (the two add up to `count` when each actor has at "
        "most one level; one on two levels counts under both)."
    )
    without_theme: int = strawberry.field(
        description="Actors who work with no theme, beside `byTheme`, as `withoutLevel`."
    )

    @classmethod
    def of(cls, item: dict[str, Any]) -> Directory:
        return of_answer(
            cls,
            item,
            actors=[DirectoryEntry.of(a) for a in item["actors"]],
            by_level=of_counts(LevelCount, item["byLevel"]),
            by_theme=of_counts(ThemeCount, item["byTheme"]),
        )

"""Areas, actors and their contacts: read from and written to the actors service.

The loaders here (``area_by_id``, ``actor_by_id``) are how every other module shows an
area or an actor: lookups made while one query runs go to the service as one batch.
"""

from __future__ import annotations

from typing import Any, TypeVar

import strawberry

from trygnet_core.errors import NotFound
from trygnet_core.vocabulary import Level, Theme
from trygnet_gateway.context import Info
from trygnet_gateway.relay import Connection, connection
from trygnet_gateway.writes import Payload, write

T = TypeVar("T")

strawberry.enum(Level, description="Where in the partnership the work happens.")
strawberry.enum(Theme, description="What the work is about.")


# -- loaders -------------------------------------------------------------------------


async def area_by_id(info: Info, area_id: str) -> Area | None:
    context = info.context

    async def load(ids: list[str]) -> list[Area | None]:
        found = await context.call("actors", "GET", "/areas", params={"includeRetired": "true"})
        known = {item["areaId"]: Area.of(item) for item in found}
        return [known.get(i) for i in ids]

    return await context.loader("areas", load).load(area_id)


async def actor_by_id(info: Info, actor_id: str) -> Actor | None:
    context = info.context

    async def load(ids: list[str]) -> list[Actor | None]:
        params = [("id", i) for i in ids] + [("first", len(ids))]
        page = await context.call("actors", "GET", "/actors", params=params)
        known = {item["actorId"]: Actor.of(item) for item in page["items"]}
        return [known.get(i) for i in ids]

    return await context.loader("actors", load).load(actor_id)


async def actors_by_id(info: Info, ids: list[str]) -> list[Actor]:
    """The actors of those ids that exist, in the order given."""
    return [actor for i in ids if (actor := await actor_by_id(info, i)) is not None]


def found(value: T | None, what: str, field: str = "id") -> T:
    """``NOT_FOUND`` for an id that is not the caller's municipality's (or does not exist)."""
    if value is None:
        raise NotFound(f"no {what} with that id", field=field)
    return value


# -- types ---------------------------------------------------------------------------


@strawberry.type(description="A neighbourhood or district the partners work in.")
class Area:
    id: strawberry.ID
    name: str
    kind: str = strawberry.field(
        description="housing_area, district, town_centre or municipality_wide."
    )
    population: int | None
    retired: bool
    version: int

    @classmethod
    def of(cls, item: dict[str, Any]) -> Area:
        return cls(
            id=strawberry.ID(item["areaId"]),
            name=item["name"],
            kind=item["kind"],
            population=item.get("population"),
            retired=bool(item.get("retired")),
            version=int(item["version"]),
        )


@strawberry.type(description="An organisation (or part of one) taking part in the work.")
class Actor:
    id: strawberry.ID
    name: str
    sector: str = strawberry.field(
        description="municipality, police, housing_association, school, ssp, health, "
        "civil_society, business, home_guard or other."
    )
    department: str | None
    parent_id: strawberry.Private[str | None]
    levels: list[Level]
    area_ids: strawberry.Private[list[str]]
    themes: list[Theme]
    description: str | None
    phone: str | None = strawberry.field(description="The organisation's public phone.")
    email: str | None = strawberry.field(description="The organisation's public email.")
    website: str | None
    external_id: str | None = strawberry.field(description="The id in the municipality's system.")
    status: str = strawberry.field(description="active, inactive or merged.")
    merged_into: strawberry.ID | None
    version: int

    @classmethod
    def of(cls, item: dict[str, Any]) -> Actor:
        return cls(
            id=strawberry.ID(item["actorId"]),
            name=item["name"],
            sector=item["sector"],
            department=item.get("department"),
            parent_id=item.get("parentActorId"),
            levels=[Level(v) for v in item.get("levels") or ()],
            area_ids=list(item.get("areas") or ()),
            themes=[Theme(v) for v in item.get("themes") or ()],
            description=item.get("description"),
            phone=item.get("phone"),
            email=item.get("email"),
            website=item.get("website"),
            external_id=item.get("externalId"),
            status=item["status"],
            merged_into=item.get("mergedInto"),
            version=int(item["version"]),
        )

    @strawberry.field(description="The areas it works in.")
    async def areas(self, info: Info) -> list[Area]:
        return [area for i in self.area_ids if (area := await area_by_id(info, i)) is not None]

    @strawberry.field(description="The organisation it is part of.")
    async def parent(self, info: Info) -> Actor | None:
        return await actor_by_id(info, self.parent_id) if self.parent_id else None


@strawberry.type
class ActorPayload(Payload):
    actor: Actor


@strawberry.type
class AreaPayload(Payload):
    area: Area


# -- inputs --------------------------------------------------------------------------


@strawberry.input
class DefineAreaInput:
    name: str
    kind: str
    population: int | None = strawberry.UNSET


@strawberry.input
class RegisterActorInput:
    name: str
    sector: str
    department: str | None = strawberry.UNSET
    parent_actor_id: strawberry.ID | None = strawberry.UNSET
    levels: list[Level] = strawberry.field(default_factory=list)
    areas: list[strawberry.ID] = strawberry.field(default_factory=list)
    themes: list[Theme] = strawberry.field(default_factory=list)
    description: str | None = strawberry.UNSET
    phone: str | None = strawberry.UNSET
    email: str | None = strawberry.UNSET
    website: str | None = strawberry.UNSET
    external_id: str | None = strawberry.UNSET


# -- roots ---------------------------------------------------------------------------


@strawberry.type
class Query:
    @strawberry.field(description="The municipality's areas.")
    async def areas(self, info: Info, include_retired: bool = False) -> list[Area]:
        params = {"includeRetired": "true" if include_retired else "false"}
        found_areas = await info.context.call("actors", "GET", "/areas", params=params)
        return [Area.of(item) for item in found_areas]

    @strawberry.field(description="Actors, filtered; newest first is not implied: by name.")
    async def actors(
        self,
        info: Info,
        area_id: strawberry.ID | None = None,
        sector: str | None = None,
        level: Level | None = None,
        theme: Theme | None = None,
        search: str | None = None,
        first: int | None = None,
        after: str | None = None,
    ) -> Connection[Actor]:
        params = {
            "areaId": area_id,
            "sector": sector,
            "level": level.value if level else None,
            "theme": theme.value if theme else None,
            "search": search,
            "first": info.context.page(first),
            "after": after,
        }
        page = await info.context.call(
            "actors", "GET", "/actors", params={k: v for k, v in params.items() if v is not None}
        )
        return connection(page, Actor.of)

    @strawberry.field(description="One actor; NOT_FOUND for an id not in the municipality.")
    async def actor(self, info: Info, id: strawberry.ID) -> Actor:
        return found(await actor_by_id(info, id), "actor")


@strawberry.type
class Mutation:
    @strawberry.mutation(description="Define an area (coordinators).")
    async def define_area(self, info: Info, input: DefineAreaInput) -> AreaPayload:
        written = await write(info, "actors", "POST", "/areas", input)
        area = found(await area_by_id(info, written.id), "area")
        return AreaPayload(area=area, position=written.position)

    @strawberry.mutation(description="Register an organisation as an actor.")
    async def register_actor(self, info: Info, input: RegisterActorInput) -> ActorPayload:
        written = await write(info, "actors", "POST", "/actors", input)
        actor = found(await actor_by_id(info, written.id), "actor")
        return ActorPayload(actor=actor, position=written.position)

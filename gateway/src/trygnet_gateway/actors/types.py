"""The actors domain's GraphQL types, their loaders and payloads."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import strawberry
from strawberry.dataloader import DataLoader

from trygnet_gateway.answers import FromAnswer, answered_as, kept, of_answer
from trygnet_gateway.context import Info, each, load_one
from trygnet_gateway.payloads import payload
from trygnet_gateway.vocabulary import (
    ActorStatus,
    AreaKind,
    ContactStatus,
    LegalBasis,
    Level,
    Sector,
    Theme,
)
from trygnet_gateway.writes import ABOUT_VERSION, import_positions

if TYPE_CHECKING:
    from trygnet_gateway.reporting.contributions import Contribution

T = TypeVar("T")

SERVICE = "actors"

SectorFilter = Annotated[
    Sector | None, strawberry.argument(description="Only actors of this sector.")
]
LevelFilter = Annotated[
    Level | None, strawberry.argument(description="Only actors working on this level.")
]
ThemeFilter = Annotated[
    Theme | None, strawberry.argument(description="Only actors working with this theme.")
]


# -- loaders -------------------------------------------------------------------------


def _areas(info: Info) -> DataLoader[str, Area | None]:
    context = info.context

    async def load(ids: list[str]) -> list[Area | None]:
        found = await context.call("actors", "GET", "/areas", params={"includeRetired": "true"})
        known = {item["areaId"]: Area.of(item) for item in found}
        return [known.get(i) for i in ids]

    return context.loader("areas", load)


def _actors(info: Info) -> DataLoader[str, Actor | None]:
    context = info.context

    async def some(ids: list[str], *status: str) -> dict[str, Actor]:
        params: list[tuple[str, Any]] = [("id", i) for i in ids] + [("first", len(ids))]
        params += [("status", s) for s in status]
        page = await context.call("actors", "GET", "/actors", params=params)
        return {item["actorId"]: Actor.of(item) for item in page["items"]}

    async def load(ids: list[str]) -> list[Actor | None]:
        known = await some(ids)
        # the service's lists leave merged actors out; an id kept from before a merge
        # still shows its actor (``status: merged``, ``mergedInto``): one more call,
        # only when some id was not found
        if missing := [i for i in ids if i not in known]:
            known |= await some(missing, "merged")
        return [known.get(i) for i in ids]

    return context.loader("actors", load)


async def actor_by_external_id(info: Info, external_id: str) -> Actor | None:
    """The actor holding that external id in the caller's municipality (at most one:
    the service keeps external ids unique), also kept in this request's loader by id."""
    params = {"externalId": external_id, "first": 1}
    page = await info.context.call(SERVICE, "GET", "/actors", params=params)
    if not page["items"]:
        return None
    actor = Actor.of(page["items"][0])
    _actors(info).prime(str(actor.id), actor)
    return actor


def _contacts_of_actors(info: Info) -> DataLoader[str, list[Contact]]:
    """An actor's current contacts; a page of actors asks for all theirs in one call."""
    context = info.context

    async def load(actor_ids: list[str]) -> list[list[Contact]]:
        params = [("actorId", i) for i in actor_ids]
        found = await context.call("actors", "GET", "/contacts", params=params)
        by_actor: dict[str, list[Contact]] = {i: [] for i in actor_ids}
        for item in found:
            by_actor.setdefault(item["actorId"], []).append(Contact.of(item))
        return [by_actor[i] for i in actor_ids]

    return context.loader("contacts_of_actors", load)


def _contacts(info: Info) -> DataLoader[str, Contact | None]:
    """Contacts by id, also once removed or erased (their ``status`` says so)."""
    context = info.context

    async def load(ids: list[str]) -> list[Contact | None]:
        found = await context.call("actors", "GET", "/contacts", params=[("id", i) for i in ids])
        known = {item["contactId"]: Contact.of(item) for item in found}
        return [known.get(i) for i in ids]

    return context.loader("contacts_by_id", load)


async def area_by_id(info: Info, area_id: str, *, fresh: bool = False) -> Area | None:
    if fresh:  # after a write: every area read again (one call answers them all)
        _areas(info).clear_all()
    return await load_one(info.context, _areas(info), area_id, Area.of, fresh=fresh)


async def actor_by_id(info: Info, actor_id: str, *, fresh: bool = False) -> Actor | None:
    return await load_one(info.context, _actors(info), actor_id, Actor.of, fresh=fresh)


async def actors_by_id(info: Info, ids: Iterable[str]) -> list[Actor]:
    """The actors of those ids that exist, in the order given, as one batch."""
    return await each(info, ids, actor_by_id)


async def areas_by_id(info: Info, ids: Iterable[str]) -> list[Area]:
    """The areas of those ids that exist, in the order given, as one batch."""
    return await each(info, ids, area_by_id)


async def contact_by_id(info: Info, contact_id: str, *, fresh: bool = False) -> Contact | None:
    return await load_one(info.context, _contacts(info), contact_id, Contact.of, fresh=fresh)


# -- the objects beside an id ----------------------------------------------------------
# A type keeps the ids its service answered (``owner_actor_id``) and shows the objects
# beside them (``owner``): each resolver below reads them through the request's loaders.


def _beside(load: Any, returns: str) -> Any:
    """The maker of one kind of resolver: ``maker(attribute)`` reads with ``load`` the
    object (or objects) whose id (ids) the type keeps in ``attribute``; null where it
    keeps none. ``returns`` is the resolver's GraphQL type, named as in this module."""

    def beside(attribute: str) -> Any:
        async def resolve(root: Any, info: Info) -> Any:
            kept = getattr(root, attribute)
            return await load(info, kept) if kept or kept == [] else None

        resolve.__annotations__ = {"root": Any, "info": Info, "return": returns}
        return resolve

    return beside


actor_of = _beside(actor_by_id, "Actor | None")
"""``actor_of(attribute)``: the actor whose id the object keeps there (null if none)."""
actors_of = _beside(actors_by_id, "list[Actor]")
"""``actors_of(attribute)``: the actors whose ids the object keeps there, those that exist."""
area_of = _beside(area_by_id, "Area | None")
"""``area_of(attribute)``: the area whose id the object keeps there (null if none)."""
areas_of = _beside(areas_by_id, "list[Area]")
"""``areas_of(attribute)``: the areas whose ids the object keeps there, those that exist."""


# -- types ---------------------------------------------------------------------------


@strawberry.type(description="A neighbourhood or district the partners work in.")
class Area(FromAnswer):
    id: strawberry.ID = strawberry.field(
        description="Trygnet's id of the area.", metadata=answered_as("areaId")
    )
    name: str = strawberry.field(
        description="The area's name, unique in the municipality: Tingbjerg-Husum."
    )
    kind: AreaKind = strawberry.field(description="What kind of place it is.")
    population: int | None = strawberry.field(
        description="How many people live there; null if not given."
    )
    retired: bool = strawberry.field(
        description="True once retired: its history stays, no new work is placed there."
    )
    version: int = strawberry.field(description=ABOUT_VERSION)


@strawberry.type(description="An organisation (or part of one) taking part in the work.")
class Actor(FromAnswer):
    id: strawberry.ID = strawberry.field(
        description="Trygnet's id of the actor.", metadata=answered_as("actorId")
    )
    name: str = strawberry.field(description="The organisation's name.")
    sector: Sector = strawberry.field(description="What kind of organisation it is.")
    department: str | None = strawberry.field(
        description="The department or unit within the organisation, if any."
    )
    parent_id: strawberry.Private[str | None] = kept("parentActorId")
    levels: list[Level] = strawberry.field(
        description="The levels it works on (strategic, frontline, civil society)."
    )
    area_ids: strawberry.Private[list[str]] = kept("areas", many=True)
    themes: list[Theme] = strawberry.field(description="The themes it works with.")
    description: str | None = strawberry.field(
        description="What it does, in its own words; null if not given."
    )
    phone: str | None = strawberry.field(description="The organisation's public phone.")
    email: str | None = strawberry.field(description="The organisation's public email.")
    website: str | None = strawberry.field(description="The organisation's public website.")
    external_id: str | None = strawberry.field(description="The id in the municipality's system.")
    status: ActorStatus = strawberry.field(
        description="Whether it takes part: active, inactive or merged."
    )
    merged_into: strawberry.ID | None = strawberry.field(
        description="The actor it was folded into, when `status` is MERGED; null otherwise."
    )
    version: int = strawberry.field(description=ABOUT_VERSION)

    @strawberry.field(description="The areas it works in.")
    async def areas(self, info: Info) -> list[Area]:
        return [area for i in self.area_ids if (area := await area_by_id(info, i)) is not None]

    parent = strawberry.field(
        resolver=actor_of("parent_id"), description="The organisation it is part of."
    )
    merged_into_actor = strawberry.field(
        resolver=actor_of("merged_into"),
        description="The actor it was folded into (`mergedInto`); null unless merged.",
    )

    @strawberry.field(
        description="Its contact persons. Phone, e-mail and legal basis only for "
        "coordinators and the actor's own staff; others see name and title."
    )
    async def contacts(self, info: Info) -> list[Contact]:
        return await _contacts_of_actors(info).load(self.id)

    @strawberry.field(
        description="What it put into the partnership in the period, and its effect: its "
        "row of `contributions` (null unless it is active). One read for every actor asked."
    )
    async def contribution(
        self,
        info: Info,
        from_: Annotated[
            date | None,
            strawberry.argument(name="from", description="The first day counted."),
        ] = None,
        to: Annotated[date | None, strawberry.argument(description="The last day counted.")] = None,
    ) -> Annotated[Contribution, strawberry.lazy("trygnet_gateway.reporting.contributions")] | None:
        from trygnet_gateway.reporting.contributions import contribution_of  # reads actors

        return await contribution_of(info, self.id, from_, to)


@strawberry.type(description="A person to call at an actor; all of it personal data.")
class Contact:
    id: strawberry.ID = strawberry.field(description="Trygnet's id of the contact person.")
    actor_id: strawberry.ID = strawberry.field(description="The actor the person works at.")
    name: str = strawberry.field(description="`[erased]` once the person is erased.")
    title: str | None = strawberry.field(description="The person's job title; null if not given.")
    phone: str | None = strawberry.field(description="Null where the caller may not see it.")
    email: str | None = strawberry.field(description="Null where the caller may not see it.")
    legal_basis: LegalBasis | None = strawberry.field(
        description="Null where the caller may not see it."
    )
    status: ContactStatus = strawberry.field(
        description="Whether the person is on the list, removed or erased."
    )
    version: int = strawberry.field(description=ABOUT_VERSION)

    @classmethod
    def of(cls, item: dict[str, Any]) -> Contact:
        return of_answer(
            cls,
            item,
            id=strawberry.ID(item["contactId"]),
            name=str(item.get("name") or "[erased]"),
            status=ContactStatus(item.get("status") or "active"),
        )

    actor = strawberry.field(
        resolver=actor_of("actor_id"), description="The actor the person works at (`actorId`)."
    )


AS_IT_IS = "The %s as it is after the write (null if only `position` was asked for)."
ActorPayload = payload(
    "ActorPayload", "What a write to an actor answers.", actor=(Actor, AS_IT_IS % "actor")
)
AreaPayload = payload(
    "AreaPayload", "What a write to an area answers.", area=(Area, AS_IT_IS % "area")
)
ContactPayload = payload(
    "ContactPayload",
    "What a write to a contact person answers.",
    contact=(Contact, "The contact as it is now (its status says if it was removed or erased)."),
    actor=(Actor, "The actor the contact belongs to."),
)


@strawberry.type(description="A row of an import that cannot be taken as it is.")
class ImportRowError:
    line: int = strawberry.field(description="As a spreadsheet counts it (the header is 1).")
    column: str = strawberry.field(
        description="The column whose value is wrong (as named in the header row)."
    )
    reason: str = strawberry.field(
        description="What is wrong and what is expected; the value itself is not repeated."
    )


@strawberry.type(description="What an import did, or would do (a dry run).")
class ImportActorsPayload(FromAnswer):
    rows: int = strawberry.field(
        description="How many rows the file has, the header row not counted."
    )
    actors_created: int = strawberry.field(description="Actors the import made (or would make).")
    actors_changed: int = strawberry.field(
        description="Existing actors (matched by external id) it changed."
    )
    contacts_added: int = strawberry.field(description="Contact persons it added.")
    contacts_changed: int = strawberry.field(description="Existing contact persons it changed.")
    unchanged_rows: int = strawberry.field(
        description="Rows that matched what Trygnet already holds."
    )
    written: bool = strawberry.field(description="False for a dry run or a file with bad rows.")
    errors: list[ImportRowError] = strawberry.field(
        description="Every bad row; a file with any is not imported."
    )
    positions: list[str] = import_positions("actors")

"""Areas, actors and their contacts: read from and written to the actors service.

The loaders here (``area_by_id``, ``actor_by_id``) are how every other module shows an
area or an actor: lookups made while one query runs go to the service as one batch.
A mutation forgets what its request's loaders hold of the thing it changed before it
reads it back, so two mutations in one request never answer a stale entity.

The actors service decides who sees what (a contact's phone and e-mail only for
coordinators and the actor's own staff) and who may change what; the gateway only
forwards the caller's token.
"""

from __future__ import annotations

from typing import Any, TypeVar

import strawberry
from strawberry.dataloader import DataLoader

from trygnet_core.errors import NotFound
from trygnet_core.vocabulary import ActorStatus, AreaKind, LegalBasis, Level, Sector, Theme
from trygnet_gateway.context import Info, forget
from trygnet_gateway.relay import Connection, connection
from trygnet_gateway.writes import Payload, Written, command, write

T = TypeVar("T")
SERVICE = "actors"

strawberry.enum(Level, description="Where in the partnership the work happens.")
strawberry.enum(Sector, description="What kind of organisation an actor is.")
strawberry.enum(AreaKind, description="What kind of place an area is.")
strawberry.enum(ActorStatus, description="active, inactive, or merged into another actor.")
strawberry.enum(
    LegalBasis, description="Why Trygnet may keep a contact person's data (GDPR article 6)."
)
strawberry.enum(Theme, description="What the work is about.")


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


async def area_by_id(info: Info, area_id: str) -> Area | None:
    return await _areas(info).load(area_id)


async def actor_by_id(info: Info, actor_id: str) -> Actor | None:
    return await _actors(info).load(actor_id)


async def actors_by_id(info: Info, ids: list[str]) -> list[Actor]:
    """The actors of those ids that exist, in the order given."""
    return [actor for i in ids if (actor := await actor_by_id(info, i)) is not None]


async def contact_by_id(info: Info, contact_id: str) -> Contact | None:
    return await _contacts(info).load(contact_id)


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
    kind: AreaKind
    population: int | None
    retired: bool
    version: int

    @classmethod
    def of(cls, item: dict[str, Any]) -> Area:
        return cls(
            id=strawberry.ID(item["areaId"]),
            name=item["name"],
            kind=AreaKind(item["kind"]),
            population=item.get("population"),
            retired=bool(item.get("retired")),
            version=int(item["version"]),
        )


@strawberry.type(description="An organisation (or part of one) taking part in the work.")
class Actor:
    id: strawberry.ID
    name: str
    sector: Sector
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
    status: ActorStatus
    merged_into: strawberry.ID | None
    version: int

    @classmethod
    def of(cls, item: dict[str, Any]) -> Actor:
        return cls(
            id=strawberry.ID(item["actorId"]),
            name=item["name"],
            sector=Sector(item["sector"]),
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
            status=ActorStatus(item["status"]),
            merged_into=item.get("mergedInto"),
            version=int(item["version"]),
        )

    @strawberry.field(description="The areas it works in.")
    async def areas(self, info: Info) -> list[Area]:
        return [area for i in self.area_ids if (area := await area_by_id(info, i)) is not None]

    @strawberry.field(description="The organisation it is part of.")
    async def parent(self, info: Info) -> Actor | None:
        return await actor_by_id(info, self.parent_id) if self.parent_id else None

    @strawberry.field(
        description="Its contact persons. Phone, e-mail and legal basis only for "
        "coordinators and the actor's own staff; others see name and title."
    )
    async def contacts(self, info: Info) -> list[Contact]:
        return await _contacts_of_actors(info).load(self.id)


@strawberry.type(description="A person to call at an actor; all of it personal data.")
class Contact:
    id: strawberry.ID
    actor_id: strawberry.ID = strawberry.field(description="The actor the person works at.")
    name: str = strawberry.field(description="`[erased]` once the person is erased.")
    title: str | None
    phone: str | None = strawberry.field(description="Null where the caller may not see it.")
    email: str | None = strawberry.field(description="Null where the caller may not see it.")
    legal_basis: LegalBasis | None = strawberry.field(
        description="Null where the caller may not see it."
    )
    status: str = strawberry.field(description="active, removed or erased.")
    version: int

    @classmethod
    def of(cls, item: dict[str, Any]) -> Contact:
        return cls(
            id=strawberry.ID(item["contactId"]),
            actor_id=strawberry.ID(item["actorId"]),
            name=str(item.get("name") or "[erased]"),
            title=item.get("title"),
            phone=item.get("phone"),
            email=item.get("email"),
            legal_basis=LegalBasis(item["legalBasis"]) if item.get("legalBasis") else None,
            status=str(item.get("status") or "active"),
            version=int(item["version"]),
        )


@strawberry.type
class ActorPayload(Payload):
    actor: Actor


@strawberry.type
class AreaPayload(Payload):
    area: Area


@strawberry.type
class ContactPayload(Payload):
    contact: Contact = strawberry.field(
        description="The contact as it is now (its status says if it was removed or erased)."
    )
    actor: Actor = strawberry.field(description="The actor the contact belongs to.")


@strawberry.type(description="A row of an import that cannot be taken as it is.")
class ImportRowError:
    line: int = strawberry.field(description="As a spreadsheet counts it (the header is 1).")
    column: str
    reason: str


@strawberry.type(description="What an import did, or would do (a dry run).")
class ImportActorsPayload:
    rows: int
    actors_created: int
    actors_changed: int
    contacts_added: int
    contacts_changed: int
    unchanged_rows: int
    written: bool = strawberry.field(description="False for a dry run or a file with bad rows.")
    errors: list[ImportRowError] = strawberry.field(
        description="Every bad row; a file with any is not imported."
    )

    @classmethod
    def of(cls, report: dict[str, Any]) -> ImportActorsPayload:
        return cls(
            rows=int(report["rows"]),
            actors_created=int(report["actorsCreated"]),
            actors_changed=int(report["actorsChanged"]),
            contacts_added=int(report["contactsAdded"]),
            contacts_changed=int(report["contactsChanged"]),
            unchanged_rows=int(report["unchangedRows"]),
            written=bool(report["written"]),
            errors=[
                ImportRowError(line=int(e["line"]), column=str(e["column"]), reason=e["reason"])
                for e in report.get("errors") or ()
            ],
        )


# -- inputs --------------------------------------------------------------------------


@strawberry.input
class DefineAreaInput:
    name: str
    kind: AreaKind
    population: int | None = strawberry.UNSET


@strawberry.input
class RegisterActorInput:
    name: str
    sector: Sector
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


@strawberry.input
class RenameAreaInput:
    id: strawberry.ID
    name: str


@strawberry.input
class RetireAreaInput:
    id: strawberry.ID


@strawberry.input(description="Only the fields given change; `null` clears one.")
class UpdateActorInput:
    id: strawberry.ID
    name: str | None = strawberry.UNSET
    sector: Sector | None = strawberry.UNSET
    department: str | None = strawberry.UNSET
    parent_actor_id: strawberry.ID | None = strawberry.UNSET
    description: str | None = strawberry.UNSET
    phone: str | None = strawberry.UNSET
    email: str | None = strawberry.UNSET
    website: str | None = strawberry.UNSET
    external_id: str | None = strawberry.UNSET


@strawberry.input(description="The whole list of areas the actor works in.")
class SetActorAreasInput:
    id: strawberry.ID
    areas: list[strawberry.ID]


@strawberry.input(description="The whole list of levels the actor works on.")
class SetActorLevelsInput:
    id: strawberry.ID
    levels: list[Level]


@strawberry.input(description="The whole list of themes the actor works with.")
class SetActorThemesInput:
    id: strawberry.ID
    themes: list[Theme]


@strawberry.input
class DeactivateActorInput:
    id: strawberry.ID
    reason: str | None = strawberry.UNSET


@strawberry.input
class ReactivateActorInput:
    id: strawberry.ID


@strawberry.input(
    description="`mergedId` is the same organisation as `id`: it folds into `id`, which "
    "takes over its areas, levels, themes and contacts."
)
class MergeActorsInput:
    id: strawberry.ID
    merged_id: strawberry.ID


@strawberry.input
class AddContactInput:
    actor_id: strawberry.ID
    name: str
    legal_basis: LegalBasis = strawberry.field(
        description="Why Trygnet may keep the person's data (GDPR article 6)."
    )
    title: str | None = strawberry.UNSET
    phone: str | None = strawberry.UNSET
    email: str | None = strawberry.UNSET


@strawberry.input(description="Only the fields given change; `null` clears one.")
class UpdateContactInput:
    id: strawberry.ID
    name: str | None = strawberry.UNSET
    title: str | None = strawberry.UNSET
    phone: str | None = strawberry.UNSET
    email: str | None = strawberry.UNSET
    legal_basis: LegalBasis | None = strawberry.UNSET


@strawberry.input(description="Take a contact off the list; the data stays until erased.")
class RemoveContactInput:
    id: strawberry.ID


@strawberry.input(description="Erase the person: their data reads as erased everywhere, for good.")
class EraseContactInput:
    id: strawberry.ID


@strawberry.input(
    description="A list of actors as CSV text (docs/actors.md: the header row, one actor or "
    "one more contact a row, matched by external_id)."
)
class ImportActorsInput:
    csv: str
    dry_run: bool = strawberry.field(
        default=False, description="Check every row and write nothing."
    )


# -- writes --------------------------------------------------------------------------


async def _area_written(info: Info, written: Written) -> AreaPayload:
    _areas(info).clear_all()
    area = found(await area_by_id(info, written.id), "area")
    return AreaPayload(area=area, position=written.position)


async def _actor_written(info: Info, written: Written) -> ActorPayload:
    forget(_actors(info), written.id)
    actor = found(await actor_by_id(info, written.id), "actor")
    return ActorPayload(actor=actor, position=written.position)


async def _contact_written(info: Info, written: Written) -> ContactPayload:
    forget(_contacts(info), written.id)
    contact = found(await contact_by_id(info, written.id), "contact")
    forget(_contacts_of_actors(info), contact.actor_id)
    actor = found(await actor_by_id(info, contact.actor_id), "actor", "actorId")
    return ContactPayload(contact=contact, actor=actor, position=written.position)


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
        sector: Sector | None = None,
        level: Level | None = None,
        theme: Theme | None = None,
        search: str | None = None,
        first: int | None = None,
        after: str | None = None,
    ) -> Connection[Actor]:
        params = {
            "areaId": area_id,
            "sector": sector.value if sector else None,
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
    define_area: AreaPayload = command(
        SERVICE,
        "POST",
        "/areas",
        DefineAreaInput,
        _area_written,
        description="Define an area (coordinators).",
    )

    rename_area: AreaPayload = command(
        SERVICE,
        "POST",
        "/areas/{id}/rename",
        RenameAreaInput,
        _area_written,
        description="Rename an area (coordinators).",
    )

    @strawberry.mutation(description="Retire an area: its history stays, no new work there.")
    async def retire_area(self, info: Info, input: RetireAreaInput) -> AreaPayload:
        return await _area_written(
            info, await write(info, SERVICE, "POST", "/areas/{id}/retire", input)
        )

    register_actor: ActorPayload = command(
        SERVICE,
        "POST",
        "/actors",
        RegisterActorInput,
        _actor_written,
        description="Register an organisation as an actor.",
    )

    update_actor: ActorPayload = command(
        SERVICE,
        "PATCH",
        "/actors/{id}",
        UpdateActorInput,
        _actor_written,
        description="Change an actor's details: only the fields given.",
    )

    set_actor_areas: ActorPayload = command(
        SERVICE,
        "PUT",
        "/actors/{id}/areas",
        SetActorAreasInput,
        _actor_written,
        description="Set the areas an actor works in (the whole list).",
    )

    set_actor_levels: ActorPayload = command(
        SERVICE,
        "PUT",
        "/actors/{id}/levels",
        SetActorLevelsInput,
        _actor_written,
        description="Set the levels an actor works on (the whole list).",
    )

    set_actor_themes: ActorPayload = command(
        SERVICE,
        "PUT",
        "/actors/{id}/themes",
        SetActorThemesInput,
        _actor_written,
        description="Set the themes an actor works with (the whole list).",
    )

    deactivate_actor: ActorPayload = command(
        SERVICE,
        "POST",
        "/actors/{id}/deactivate",
        DeactivateActorInput,
        _actor_written,
        description="Mark an actor inactive (it stays in the history).",
    )

    reactivate_actor: ActorPayload = command(
        SERVICE,
        "POST",
        "/actors/{id}/reactivate",
        ReactivateActorInput,
        _actor_written,
        description="Make an inactive actor active again.",
    )

    @strawberry.mutation(
        description="Fold a duplicate into an actor (coordinators); answers the survivor."
    )
    async def merge_actors(self, info: Info, input: MergeActorsInput) -> ActorPayload:
        written = await write(info, SERVICE, "POST", "/actors/{id}/merge", input)
        forget(_actors(info), input.merged_id)
        forget(_contacts_of_actors(info), input.id, input.merged_id)
        return await _actor_written(info, written)

    add_contact: ContactPayload = command(
        SERVICE,
        "POST",
        "/actors/{actor_id}/contacts",
        AddContactInput,
        _contact_written,
        description="Add a contact person to an actor.",
    )

    update_contact: ContactPayload = command(
        SERVICE,
        "PATCH",
        "/contacts/{id}",
        UpdateContactInput,
        _contact_written,
        description="Change a contact: only the fields given.",
    )

    remove_contact: ContactPayload = command(
        SERVICE,
        "DELETE",
        "/contacts/{id}",
        RemoveContactInput,
        _contact_written,
        description="Take a contact off its actor's list (not erased).",
    )

    erase_contact: ContactPayload = command(
        SERVICE,
        "POST",
        "/contacts/{id}/erase",
        EraseContactInput,
        _contact_written,
        description="Erase a contact person: their data reads as erased everywhere, for good.",
    )

    @strawberry.mutation(
        description="Import a list of actors and their contacts (coordinators), all or "
        "nothing: a file with a bad row writes nothing."
    )
    async def import_actors(self, info: Info, input: ImportActorsInput) -> ImportActorsPayload:
        report = await info.context.call(
            "actors",
            "POST",
            "/imports/actors",
            params={"dryRun": "true" if input.dry_run else "false"},
            headers={"Content-Type": "text/csv; charset=utf-8"},
            content=input.csv.encode(),
            answers=(422,),
        )
        _actors(info).clear_all()
        _contacts_of_actors(info).clear_all()
        return ImportActorsPayload.of(report)

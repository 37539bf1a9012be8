"""The actors domain's root fields: queries, mutations (one command each) and subscriptions."""

from __future__ import annotations

from typing import Annotated, Any

import strawberry

from trygnet_core.errors import BadUserInput
from trygnet_gateway.actors.inputs import (
    AddContactInput,
    DeactivateActorInput,
    DefineAreaInput,
    EraseContactInput,
    ImportActorsInput,
    MergeActorsInput,
    ReactivateActorInput,
    RegisterActorInput,
    RemoveContactInput,
    RenameAreaInput,
    RetireAreaInput,
    SetActorAreasInput,
    SetActorLevelsInput,
    SetActorThemesInput,
    UpdateActorInput,
    UpdateContactInput,
)
from trygnet_gateway.actors.types import (
    SERVICE,
    Actor,
    ActorPayload,
    Area,
    AreaPayload,
    ContactPayload,
    ImportActorsPayload,
    LevelFilter,
    SectorFilter,
    ThemeFilter,
    _actors,
    _contacts_of_actors,
    actor_by_external_id,
    actor_by_id,
    area_by_id,
    contact_by_id,
)
from trygnet_gateway.context import Info, forget, found
from trygnet_gateway.relay import After, Connection, First, page
from trygnet_gateway.writes import (
    Input,
    Written,
    answers,
    commands,
    import_file,
    mutation,
    read_back,
    write,
)

# -- writes --------------------------------------------------------------------------


_area_written = read_back(AreaPayload, area_by_id, "area")

_actor_written = read_back(ActorPayload, actor_by_id, "actor")


@answers(ContactPayload)
async def _contact_written(info: Info, written: Written) -> Any:
    contact = found(await contact_by_id(info, written.id, fresh=True), "contact")
    forget(_contacts_of_actors(info), contact.actor_id)
    actor = found(await actor_by_id(info, contact.actor_id), "actor", "actorId")
    return ContactPayload(contact=contact, actor=actor, position=written.position)


# -- roots ---------------------------------------------------------------------------

_area_command = commands(SERVICE, _area_written)

_actor_command = commands(SERVICE, _actor_written)

_contact_command = commands(SERVICE, _contact_written)


@strawberry.type
class Query:
    @strawberry.field(description="The municipality's areas.")
    async def areas(
        self,
        info: Info,
        include_retired: Annotated[
            bool, strawberry.argument(description="Also the retired areas (default false).")
        ] = False,
    ) -> list[Area]:
        params = {"includeRetired": "true" if include_retired else "false"}
        found_areas = await info.context.call("actors", "GET", "/areas", params=params)
        return [Area.of(item) for item in found_areas]

    @strawberry.field(description="Actors, filtered; newest first is not implied: by name.")
    async def actors(
        self,
        info: Info,
        area_id: Annotated[
            strawberry.ID | None,
            strawberry.argument(description="Only actors working in this area."),
        ] = None,
        sector: SectorFilter = None,
        level: LevelFilter = None,
        theme: ThemeFilter = None,
        search: Annotated[
            str | None,
            strawberry.argument(
                description="Only actors whose name, department and description hold every word "
                "of this text (case ignored; the first 8 words count)."
            ),
        ] = None,
        first: First = None,
        after: After = None,
        external_id: Annotated[
            str | None,
            strawberry.argument(
                description="Only the actor holding this external id (your own system's "
                "key for it, unique in the municipality)."
            ),
        ] = None,
    ) -> Connection[Actor]:
        return await page(
            info,
            SERVICE,
            "/actors",
            Actor.of,
            first,
            after,
            areaId=area_id,
            sector=sector,
            level=level,
            theme=theme,
            search=search,
            externalId=external_id,
        )

    @strawberry.field(
        description="One actor, by its id or by its external id (exactly one of them: "
        "BAD_USER_INPUT naming the field otherwise); NOT_FOUND for one not in the "
        "municipality."
    )
    async def actor(
        self,
        info: Info,
        id: Annotated[
            strawberry.ID | None, strawberry.argument(description="The actor's Trygnet id.")
        ] = None,
        external_id: Annotated[
            str | None,
            strawberry.argument(
                description="The actor's external id: your own system's key for it."
            ),
        ] = None,
    ) -> Actor:
        if (id is None) == (external_id is None):
            field = "externalId" if id is not None else "id"
            raise BadUserInput("give either id or externalId, not both or neither", field=field)
        if id is not None:
            return found(await actor_by_id(info, id), "actor")
        return found(await actor_by_external_id(info, str(external_id)), "actor", "externalId")


@strawberry.type
class Mutation:
    define_area = _area_command("POST /areas", DefineAreaInput, "Define an area (coordinators).")
    rename_area = _area_command(
        "POST /areas/{id}/rename", RenameAreaInput, "Rename an area (coordinators)."
    )
    register_actor = _actor_command(
        "POST /actors", RegisterActorInput, "Register an organisation as an actor."
    )
    update_actor = _actor_command(
        "PATCH /actors/{id}", UpdateActorInput, "Change an actor's details: only the fields given."
    )
    set_actor_areas = _actor_command(
        "PUT /actors/{id}/areas",
        SetActorAreasInput,
        "Set the areas an actor works in (the whole list).",
    )
    set_actor_levels = _actor_command(
        "PUT /actors/{id}/levels",
        SetActorLevelsInput,
        "Set the levels an actor works on (the whole list).",
    )
    set_actor_themes = _actor_command(
        "PUT /actors/{id}/themes",
        SetActorThemesInput,
        "Set the themes an actor works with (the whole list).",
    )
    deactivate_actor = _actor_command(
        "POST /actors/{id}/deactivate",
        DeactivateActorInput,
        "Mark an actor inactive (it stays in the history).",
    )
    reactivate_actor = _actor_command(
        "POST /actors/{id}/reactivate", ReactivateActorInput, "Make an inactive actor active again."
    )
    add_contact = _contact_command(
        "POST /actors/{actor_id}/contacts", AddContactInput, "Add a contact person to an actor."
    )
    update_contact = _contact_command(
        "PATCH /contacts/{id}", UpdateContactInput, "Change a contact: only the fields given."
    )
    remove_contact = _contact_command(
        "DELETE /contacts/{id}",
        RemoveContactInput,
        "Take a contact off its actor's list (not erased).",
    )
    erase_contact = _contact_command(
        "POST /contacts/{id}/erase",
        EraseContactInput,
        "Erase a contact person: their data reads as erased everywhere, for good.",
    )
    retire_area = _area_command(
        "POST /areas/{id}/retire",
        RetireAreaInput,
        "Retire an area: its history stays, no new work there.",
    )

    @mutation(ActorPayload, "Fold a duplicate into an actor (coordinators); answers the survivor.")
    async def merge_actors(self, info: Info, input: Input[MergeActorsInput]) -> Any:
        written = await write(info, SERVICE, "POST", "/actors/{id}/merge", input)
        forget(_actors(info), input.merged_id)
        forget(_contacts_of_actors(info), input.id, input.merged_id)
        return await _actor_written(info, written)

    @strawberry.mutation(
        description="Import a list of actors and their contacts (coordinators), all or "
        "nothing: a file with a bad row writes nothing."
    )
    async def import_actors(
        self, info: Info, input: Input[ImportActorsInput]
    ) -> ImportActorsPayload:
        report = await import_file(info, "actors", "/imports/actors", input)
        _actors(info).clear_all()
        _contacts_of_actors(info).clear_all()
        return ImportActorsPayload.of(report)

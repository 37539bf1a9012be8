"""The actors service's REST API: one route per command, and the reads.

Commands answer ``{"id", "version", "position"}``: the stream written, its
version now, and the global position of its last event (``null`` when nothing
changed), which the gateway hands on as the consistency token.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request, status

from trygnet_actors.api import schemas as body
from trygnet_actors.domain import commands as cmd
from trygnet_actors.handlers import ActorsHandlers, new_id
from trygnet_actors.queries import ActorFilter, ActorsQueries
from trygnet_core.auth import CurrentPrincipal
from trygnet_core.service import PageCursors
from trygnet_core.unit_of_work import Outcome

router = APIRouter()


def _handlers(request: Request) -> ActorsHandlers:
    handlers: ActorsHandlers = request.app.state.handlers
    return handlers


def _queries(request: Request) -> ActorsQueries:
    queries: ActorsQueries = request.app.state.queries
    return queries


Handlers = Annotated[ActorsHandlers, Depends(_handlers)]
Queries = Annotated[ActorsQueries, Depends(_queries)]


def _written(outcome: Outcome) -> dict[str, Any]:
    return {"id": outcome.id, "version": outcome.version, "position": outcome.position}


# -- areas ---------------------------------------------------------------------------


@router.get("/areas")
async def list_areas(
    principal: CurrentPrincipal,
    queries: Queries,
    include_retired: Annotated[bool, Query(alias="includeRetired")] = False,
) -> list[dict[str, Any]]:
    return await queries.areas(principal, include_retired=include_retired)


@router.get("/areas/{area_id}")
async def get_area(area_id: str, principal: CurrentPrincipal, queries: Queries) -> dict[str, Any]:
    return await queries.area(principal, area_id)


@router.post("/areas", status_code=status.HTTP_201_CREATED)
async def define_area(
    data: body.DefineAreaBody, principal: CurrentPrincipal, handlers: Handlers
) -> dict[str, Any]:
    command = cmd.DefineArea(
        area_id=new_id("area"),
        name=data.name,
        kind=data.kind,
        outline=data.outline,
        population=data.population,
    )
    return _written(await handlers.area_command(principal, command))


@router.post("/areas/{area_id}/rename")
async def rename_area(
    area_id: str, data: body.RenameAreaBody, principal: CurrentPrincipal, handlers: Handlers
) -> dict[str, Any]:
    return _written(
        await handlers.area_command(principal, cmd.RenameArea(area_id=area_id, name=data.name))
    )


@router.post("/areas/{area_id}/retire")
async def retire_area(
    area_id: str, principal: CurrentPrincipal, handlers: Handlers
) -> dict[str, Any]:
    return _written(await handlers.area_command(principal, cmd.RetireArea(area_id=area_id)))


# -- actors --------------------------------------------------------------------------


@router.get("/actors")
async def list_actors(
    principal: CurrentPrincipal,
    queries: Queries,
    cursors: PageCursors,
    area: Annotated[str | None, Query(alias="areaId")] = None,
    sector: str | None = None,
    level: str | None = None,
    theme: str | None = None,
    actor_status: Annotated[str | None, Query(alias="status")] = None,
    search: str | None = None,
    ids: Annotated[list[str] | None, Query(alias="id", max_length=200)] = None,
    external_ids: Annotated[list[str] | None, Query(alias="externalId", max_length=200)] = None,
    first: Annotated[int, Query(ge=1, le=200)] = 50,
    after: str | None = None,
) -> dict[str, Any]:
    where = ActorFilter(
        area=area,
        sector=sector,
        level=level,
        theme=theme,
        status=actor_status,
        search=search,
        ids=tuple(ids or ()),
        external_ids=tuple(external_ids or ()),
    )
    return await queries.actors(principal, where=where, cursors=cursors, first=first, after=after)


@router.get("/actors/{actor_id}")
async def get_actor(actor_id: str, principal: CurrentPrincipal, queries: Queries) -> dict[str, Any]:
    return await queries.actor(principal, actor_id)


@router.post("/actors", status_code=status.HTTP_201_CREATED)
async def register_actor(
    data: body.RegisterActorBody, principal: CurrentPrincipal, handlers: Handlers
) -> dict[str, Any]:
    fields = data.model_dump(exclude={"levels", "areas", "themes"})
    command = cmd.RegisterActor(
        actor_id=new_id("actor"),
        levels=tuple(data.levels),
        areas=tuple(data.areas),
        themes=tuple(data.themes),
        **fields,
    )
    return _written(await handlers.actor_command(principal, command))


@router.patch("/actors/{actor_id}")
async def change_actor(
    actor_id: str, data: body.ChangeActorBody, principal: CurrentPrincipal, handlers: Handlers
) -> dict[str, Any]:
    changes = data.model_dump(exclude_unset=True)
    return _written(
        await handlers.actor_command(
            principal, cmd.ChangeActorDetails(actor_id=actor_id, changes=changes)
        )
    )


@router.put("/actors/{actor_id}/areas")
async def set_areas(
    actor_id: str, data: body.AreasBody, principal: CurrentPrincipal, handlers: Handlers
) -> dict[str, Any]:
    return _written(
        await handlers.actor_command(principal, cmd.SetActorAreas(actor_id, tuple(data.areas)))
    )


@router.put("/actors/{actor_id}/levels")
async def set_levels(
    actor_id: str, data: body.LevelsBody, principal: CurrentPrincipal, handlers: Handlers
) -> dict[str, Any]:
    return _written(
        await handlers.actor_command(principal, cmd.SetActorLevels(actor_id, tuple(data.levels)))
    )


@router.put("/actors/{actor_id}/themes")
async def set_themes(
    actor_id: str, data: body.ThemesBody, principal: CurrentPrincipal, handlers: Handlers
) -> dict[str, Any]:
    return _written(
        await handlers.actor_command(principal, cmd.SetActorThemes(actor_id, tuple(data.themes)))
    )


@router.post("/actors/{actor_id}/deactivate")
async def deactivate_actor(
    actor_id: str,
    principal: CurrentPrincipal,
    handlers: Handlers,
    data: body.DeactivateBody | None = None,
) -> dict[str, Any]:
    reason = data.reason if data else None
    return _written(await handlers.actor_command(principal, cmd.DeactivateActor(actor_id, reason)))


@router.post("/actors/{actor_id}/reactivate")
async def reactivate_actor(
    actor_id: str, principal: CurrentPrincipal, handlers: Handlers
) -> dict[str, Any]:
    return _written(await handlers.actor_command(principal, cmd.ReactivateActor(actor_id)))


@router.post("/actors/{actor_id}/merge")
async def merge_actors(
    actor_id: str, data: body.MergeBody, principal: CurrentPrincipal, handlers: Handlers
) -> dict[str, Any]:
    command = cmd.MergeActors(survivor_id=actor_id, merged_id=data.merged_id)
    return _written(await handlers.merge_actors(principal, command))


# -- contacts ------------------------------------------------------------------------


@router.get("/actors/{actor_id}/contacts")
async def list_contacts(
    actor_id: str, principal: CurrentPrincipal, queries: Queries
) -> list[dict[str, Any]]:
    return await queries.contacts(principal, actor_id)


@router.get("/contacts")
async def find_contacts(
    principal: CurrentPrincipal,
    queries: Queries,
    actor_ids: Annotated[list[str] | None, Query(alias="actorId", max_length=200)] = None,
    ids: Annotated[list[str] | None, Query(alias="id", max_length=200)] = None,
) -> list[dict[str, Any]]:
    """The contacts of many actors (``actorId=`` repeated) or of those ids (``id=``) at once."""
    return await queries.contacts_batch(
        principal, actor_ids=tuple(actor_ids or ()), contact_ids=tuple(ids or ())
    )


@router.post("/actors/{actor_id}/contacts", status_code=status.HTTP_201_CREATED)
async def add_contact(
    actor_id: str, data: body.AddContactBody, principal: CurrentPrincipal, handlers: Handlers
) -> dict[str, Any]:
    command = cmd.AddContact(contact_id=new_id("contact"), actor_id=actor_id, **data.model_dump())
    return _written(await handlers.contact_command(principal, command))


@router.patch("/contacts/{contact_id}")
async def change_contact(
    contact_id: str, data: body.ChangeContactBody, principal: CurrentPrincipal, handlers: Handlers
) -> dict[str, Any]:
    changes = data.model_dump(exclude_unset=True)
    return _written(
        await handlers.contact_command(principal, cmd.ChangeContact(contact_id, changes))
    )


@router.delete("/contacts/{contact_id}")
async def remove_contact(
    contact_id: str, principal: CurrentPrincipal, handlers: Handlers
) -> dict[str, Any]:
    return _written(await handlers.contact_command(principal, cmd.RemoveContact(contact_id)))


@router.post("/contacts/{contact_id}/erase")
async def erase_contact(
    contact_id: str, principal: CurrentPrincipal, handlers: Handlers
) -> dict[str, Any]:
    return _written(await handlers.contact_command(principal, cmd.EraseContact(contact_id)))

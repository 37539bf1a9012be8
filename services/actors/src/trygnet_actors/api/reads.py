"""The actors service's reads: areas, actors (filtered, paged) and contacts, as the
reader may see them (``queries``). The commands are in ``api/commands.py``."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request

from trygnet_actors.queries import ActorFilter, ActorsQueries
from trygnet_core.auth import CurrentPrincipal
from trygnet_core.service import PageCursors, PageSize

router = APIRouter()


def _queries(request: Request) -> ActorsQueries:
    queries: ActorsQueries = request.app.state.queries
    return queries


Queries = Annotated[ActorsQueries, Depends(_queries)]


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
    first: PageSize = 50,
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

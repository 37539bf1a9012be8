"""Reads of the activities service: lists per kind (filtered, paged) and single items.

``GET /activities?areaId=&theme=&status=&level=&focusAreaId=&ownerActorId=&first=50&after=``
and the same for ``/partnerships``, ``/fora``, ``/safety-walks`` and ``/surveys``;
``GET /<kind>/{id}`` and ``GET /strategy``; the strategy's records (``GET
/strategy/indicators``, ``/strategy/measurements``, ``/strategy/safety-index-results``)
come from its stream, as the strategy's document holds only what its rules need.
Lists are ordered by title and paged with an opaque cursor: ``{items, totalCount,
pageInfo: {endCursor, hasNextPage}}``. Items are answered camelCase like every wire
(``ownerActorId``; ids that key a map, ``partners: {actorId: role}``, as they are);
the stored documents keep the domain's names, which the tags and filters use.
Coordinators, partners, police and integration clients with an ``activities:``
scope read; national bodies read nothing here.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from sqlalchemy import and_, bindparam, exists, select

from trygnet_activities.domain.events import catalogue
from trygnet_activities.domain.hourly_rate import HOURLY_RATE
from trygnet_activities.domain.strategy import STRATEGY_ID
from trygnet_activities.read_model import STATES, document_tags, documents, plain
from trygnet_core.auth import CurrentPrincipal, Principal
from trygnet_core.database import read_only
from trygnet_core.errors import Forbidden, NotFound
from trygnet_core.paging import fetch_page
from trygnet_core.personal_data import readable
from trygnet_core.service import PageSize
from trygnet_core.store import EventStore
from trygnet_core.wire import camel_json

router = APIRouter()
KINDS = {
    "partnerships": "Partnership",
    "fora": "Forum",
    "activities": "Activity",
    "safety-walks": "SafetyWalk",
    "surveys": "SurveyWave",
}


READ_KINDS = (*KINDS.values(), "Strategy")
"""The documents the reads answer: those of the lists, and the strategy."""


def require_read(principal: Principal) -> None:
    if not (
        principal.has_role("coordinator", "partner", "police")
        or any(scope.startswith("activities:") for scope in principal.scopes)
    ):
        raise Forbidden("your role does not read the activities service")


async def _opened(request: Request, principal: Principal, rows: list[Any]) -> list[dict[str, Any]]:
    store: EventStore = request.app.state.store
    async with read_only(store.engine) as conn:
        bodies = await request.app.state.personal_data.reveal(
            conn, tenant=principal.tenant, documents=[row.body for row in rows]
        )
    return [
        {
            "id": row.stream_id,
            "version": row.version,
            **camel_json(STATES[row.kind], readable(body)),
        }
        for row, body in zip(rows, bodies, strict=True)
    ]


def _list_route(kind: str, stream_type: str) -> None:
    async def list_kind(
        request: Request,
        principal: CurrentPrincipal,
        area: Annotated[str | None, Query(alias="areaId")] = None,
        theme: str | None = None,
        status: str | None = None,
        level: str | None = None,
        focus_area: Annotated[str | None, Query(alias="focusAreaId")] = None,
        owner: Annotated[str | None, Query(alias="ownerActorId")] = None,
        ids: Annotated[list[str] | None, Query(alias="id", max_length=200)] = None,
        first: PageSize = 50,
        after: str | None = None,
    ) -> dict[str, Any]:
        require_read(principal)
        conditions: list[Any] = [
            documents.c.tenant_id == principal.tenant,
            documents.c.kind == stream_type,
        ]
        if ids:
            conditions.append(documents.c.stream_id.in_(sorted(set(ids))))
        for tag, value in (
            ("area", area),
            ("theme", theme),
            ("status", status),
            ("level", level),
            ("focus_area", focus_area),
            ("owner", owner),
        ):
            if value:
                conditions.append(
                    exists().where(
                        and_(
                            document_tags.c.tenant_id == principal.tenant,
                            document_tags.c.stream_id == documents.c.stream_id,
                            document_tags.c.tag == tag,
                            document_tags.c.value == value,
                        )
                    )
                )
        store: EventStore = request.app.state.store
        async with read_only(store.engine) as conn:
            page = await fetch_page(
                conn,
                documents,
                conditions,
                key=(documents.c.title, documents.c.stream_id),
                first=first,
                after=after,
                cursors=request.app.state.cursors,
            )
        return page.answer(await _opened(request, principal, page.rows))

    async def get_one(
        request: Request, item_id: str, principal: CurrentPrincipal
    ) -> dict[str, Any]:
        return await _one(request, principal, stream_type, item_id)

    list_kind.__name__, get_one.__name__ = (
        f"list_{kind.replace('-', '_')}",
        f"get_{kind.replace('-', '_')}",
    )
    router.add_api_route(f"/{kind}", list_kind, methods=["GET"])
    router.add_api_route(f"/{kind}/{{item_id}}", get_one, methods=["GET"])


async def _one(
    request: Request, principal: Principal, stream_type: str, item_id: str
) -> dict[str, Any]:
    found = await read_document(request, principal, item_id, kind=stream_type)
    if found is None:
        raise NotFound(f"no {stream_type} with that id", field="id")
    return found


async def read_document(
    request: Request, principal: Principal, stream_id: str, *, kind: str | None = None
) -> dict[str, Any] | None:
    """One partnership, forum, activity, safety walk, strategy or survey wave (of
    ``kind``, where given; never a document no read answers) as the reader may see it,
    as its list answers it; ``None`` if the municipality has none of that id. What a
    command answers with ``Prefer: return=representation``."""
    require_read(principal)
    store: EventStore = request.app.state.store
    given = {"tenant": principal.tenant, "stream": stream_id, "kind": kind}
    async with read_only(store.engine) as conn:
        row = (await conn.execute(_OF_KIND if kind else _READ_ONE, given)).first()
    if row is None:
        return None
    [opened] = await _opened(request, principal, [row])
    return opened


_ONE = select(documents).where(
    documents.c.tenant_id == bindparam("tenant"), documents.c.stream_id == bindparam("stream")
)
_OF_KIND = _ONE.where(documents.c.kind == bindparam("kind"))
_READ_ONE = _ONE.where(documents.c.kind.in_(READ_KINDS))
"""``read_document``'s statements, built once: every command answers with its document."""


for _kind, _stream_type in KINDS.items():
    _list_route(_kind, _stream_type)


@router.get("/strategy")
async def get_strategy(request: Request, principal: CurrentPrincipal) -> dict[str, Any]:
    return await _one(request, principal, "Strategy", STRATEGY_ID)


@router.get("/hourly-rate")
async def get_hourly_rate(request: Request, principal: CurrentPrincipal) -> dict[str, Any]:
    """The municipality's hourly rate; 404 until a coordinator has set one."""
    return await _one(request, principal, "HourlyRate", HOURLY_RATE)


STRATEGY_RECORDS = {
    "indicators": "IndicatorAdded",
    "measurements": "MeasurementRecorded",
    "safety-index-results": "SafetyIndexResultRecorded",
}


@router.get("/strategy/{record}")
async def get_strategy_records(
    request: Request, record: str, principal: CurrentPrincipal
) -> dict[str, Any]:
    """The strategy's indicators, measurements or safety-index results, in the order
    recorded; a later safety-index result for an area and period replaces the earlier."""
    require_read(principal)
    event_type = STRATEGY_RECORDS.get(record)
    if event_type is None:
        raise NotFound(f"the strategy has no {record}", field="record")
    store: EventStore = request.app.state.store
    recorded = await store.read_stream(
        tenant=principal.tenant, stream_id=STRATEGY_ID, types=(event_type,)
    )
    decoded = [catalogue.decode(e.type, e.data) for e in recorded]
    items = [camel_json(type(event), plain(event)) for event in decoded]
    if record == "safety-index-results":
        latest = {(item["areaId"], item["period"]): item for item in items}
        items = list(latest.values())
    return {"items": items}

"""The reporting service's query API (the gateway calls it; so may a partner portal).

Every route of one municipality takes its tenant from the caller's token. Any
route may name writes it must reflect (read-your-writes): ``consistentWith`` is
repeated, each ``<service>/<streamId>/<version>``, what a command answered
(``incidents/incident-3f.../4``), looked up in the caller's municipality only; the
answer waits until the projections have applied them, at most ``wait`` seconds
(default 5), else 504 ``TIMEOUT``. A topic's offset is no position a caller may name:
offsets count every municipality's events, so waiting for one would tell a tenant
how busy the others are.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Annotated, Any, TypeVar

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from sqlalchemy import bindparam, select

from trygnet_core.auth import CurrentPrincipal, Principal
from trygnet_core.consumer import Consumer
from trygnet_core.database import read_only
from trygnet_core.errors import BadUserInput, Forbidden, NotFound, Timeout, Unavailable
from trygnet_core.platform_admin import CurrentAdministrator
from trygnet_core.tenancy import TenantId, tenant_id
from trygnet_reporting import contributions as contribution_rows
from trygnet_reporting import (
    cost,
    incident_response_report,
    network_report,
    outcomes_report,
    queries,
)
from trygnet_reporting import national as national_figures
from trygnet_reporting.national_periods import MONTH, published
from trygnet_reporting.rebuild import Rebuilds
from trygnet_reporting.report_documents import report_docs

router = APIRouter()

_STREAM_TOKEN = re.compile(r"^(actors|activities|incidents)/([^/]{1,300})/([0-9]{1,18})$")

Tokens = Annotated[list[str] | None, Query(alias="consistentWith")]
Wait = Annotated[float, Query(ge=0, le=30)]


async def _known_area(
    request: Request,
    principal: CurrentPrincipal,
    area: Annotated[str | None, Query(alias="areaId", max_length=300)] = None,
) -> str | None:
    """An area of the caller's municipality, else ``NOT_FOUND``: a report is never
    computed, nor a network cached, for an id nobody defined."""
    if area is None:
        return None
    async with read_only(request.app.state.engine) as conn:
        found = await conn.execute(_AREA, {"tenant": principal.tenant, "area": area})
        if found.first() is None:
            raise NotFound("no such area in your municipality", field="areaId")
    return area


_AREA = (
    select(report_docs.c.doc_id)
    .where(
        report_docs.c.tenant_id == bindparam("tenant"),
        report_docs.c.kind == "area",
        report_docs.c.doc_id == bindparam("area"),
    )
    .limit(1)
)


Area = Annotated[str | None, Depends(_known_area)]
"""``areaId``: checked after the caller's named writes were waited for."""


def require_municipal(principal: Principal) -> None:
    if principal.has_role("national"):
        raise Forbidden("national bodies read the national figures only")
    if not (
        principal.has_role("coordinator", "partner", "police")
        or any(scope.startswith("reporting:") for scope in principal.scopes)
    ):
        raise Forbidden("your role does not read the reports")


Position = tuple[str, str, int]
"""A write's position, parsed: its service, stream and version."""


def positions_of(tokens: list[str]) -> list[Position]:
    """The positions named, every one checked before any is waited for."""
    found = []
    for token in tokens:
        stream = _STREAM_TOKEN.match(token)
        if stream is None:
            raise BadUserInput(
                "consistentWith is the position a write answered: service/streamId/version",
                field="consistentWith",
            )
        service, stream_id, version = stream.groups()
        found.append((service, stream_id, int(version)))
    return found


async def consistent(
    request: Request, tenant: TenantId, tokens: list[str] | None, wait: float
) -> None:
    """Wait until every named write of ``tenant`` is applied, or raise ``Timeout`` (the
    ``wait`` is for them all)."""
    if tokens:
        await applied_in(request, {tenant: positions_of(tokens)}, wait)


async def applied_in(
    request: Request, positions: dict[TenantId, list[Position]], wait: float
) -> None:
    """Wait until every position of each tenant is applied, or raise ``Timeout`` naming
    the first that is not after ``wait`` seconds in all."""
    consumer: Consumer | None = request.app.state.consumer
    if consumer is None:
        raise Unavailable("this reporting service consumes no topics", field="consistentWith")
    deadline = time.monotonic() + wait
    for tenant, named in positions.items():
        left = max(0.0, deadline - time.monotonic())
        first = await consumer.wait_for_streams(tenant=tenant, wanted=named, timeout=left)
        if first is not None:
            token = "/".join(map(str, first))
            raise Timeout(f"the reports have not reached {token} yet", field="consistentWith")


Since = Annotated[str | None, Query(alias="from")]
Until = Annotated[str | None, Query(alias="to")]


def _check_months(since: str | None, until: str | None) -> None:
    for name, month in (("from", since), ("to", until)):
        if month is not None and not MONTH.fullmatch(month):
            raise BadUserInput(f"{name} is a month: 2026-03", field=name)


def _today(as_of: date | None) -> date:
    return as_of or datetime.now(UTC).date()


Ordered = TypeVar("Ordered", str, date)


def _in_order(since: Ordered | None, until: Ordered | None) -> None:
    """A period's ``from`` no later than its ``to`` (months or days)."""
    if since is not None and until is not None and since > until:
        raise BadUserInput("from must be on or before to", field="from")


def _months(since: Since = None, until: Until = None) -> tuple[str | None, str | None]:
    _check_months(since, until)
    _in_order(since, until)
    return since, until


@dataclass(frozen=True)
class Reading:
    """A municipal caller whose named writes the reports have applied."""

    principal: Principal
    fresh: bool
    """The caller named writes to see (``consistentWith``): cached reports are recomputed."""

    @property
    def tenant(self) -> TenantId:
        return self.principal.tenant


async def _reading(
    request: Request, principal: CurrentPrincipal, tokens: Tokens = None, wait: Wait = 5.0
) -> Reading:
    require_municipal(principal)
    await consistent(request, principal.tenant, tokens, wait)
    return Reading(principal, fresh=bool(tokens))


Months = Annotated[tuple[str | None, str | None], Depends(_months)]
"""``from`` and ``to`` (months), checked before any waiting."""
Reader = Annotated[Reading, Depends(_reading)]
"""Every municipal report: its reader, once the reports show what it named."""
AsOf = Annotated[date | None, Query(alias="asOf")]


@router.get("/directory")
async def directory(
    request: Request,
    reading: Reader,
    area: Area = None,
    level: str | None = None,
    theme: str | None = None,
    sector: str | None = None,
) -> dict[str, Any]:
    async with read_only(request.app.state.engine) as conn:
        return await queries.directory(
            conn, reading.tenant, area=area, level=level, theme=theme, sector=sector
        )


@router.get("/network")
async def network(request: Request, reading: Reader, area: Area = None) -> dict[str, Any]:
    return await network_report.network(
        request.app.state.engine,
        reading.tenant,
        area=area,
        interval=request.app.state.network_interval,
        fresh=reading.fresh,
        shared=request.app.state.network_recomputations,
    )


@router.get("/gaps")
async def gaps(request: Request, reading: Reader, area: Area = None) -> dict[str, Any]:
    async with read_only(request.app.state.engine) as conn:
        return await network_report.coordination_gaps(conn, reading.tenant, area=area)


@router.get("/incident-response")
async def incident_response(
    request: Request, months: Months, reading: Reader, area: Area = None, as_of: AsOf = None
) -> dict[str, Any]:
    since, until = months
    async with read_only(request.app.state.engine) as conn:
        return await incident_response_report.incident_response(
            conn, reading.principal, area=area, today=_today(as_of), since=since, until=until
        )


@router.get("/safety-walks")
async def safety_walks(
    request: Request, reading: Reader, area: Area = None, as_of: AsOf = None
) -> dict[str, Any]:
    async with read_only(request.app.state.engine) as conn:
        return await queries.safety_walks(conn, reading.tenant, area=area, today=_today(as_of))


@router.get("/outcomes")
async def outcomes(
    request: Request, months: Months, reading: Reader, area: Area = None
) -> dict[str, Any]:
    since, until = months
    async with read_only(request.app.state.engine) as conn:
        found = await outcomes_report.outcomes(
            conn, reading.tenant, area=area, since=since, until=until
        )
        found["cost"] = await cost.costs(
            conn, reading.tenant, area=area, since=since, until=until, outcomes=found
        )
        return found


FromDay = Annotated[date | None, Query(alias="from")]
ToDay = Annotated[date | None, Query(alias="to")]


@router.get("/contributions")
async def contributions(
    request: Request,
    reading: Reader,
    area: Area = None,
    since: FromDay = None,
    until: ToDay = None,
    actor: Annotated[str | None, Query(alias="actorId", max_length=300)] = None,
    as_of: AsOf = None,
) -> dict[str, Any]:
    """Each actor's contribution and its effect (``contributions``); ``actorId``: one."""
    _in_order(since, until)
    window = contribution_rows.window_of(since, until, _today(as_of))
    async with read_only(request.app.state.engine) as conn:
        rows = await contribution_rows.contributions(
            conn, reading.principal, area=area, window=window, actor=actor
        )
    return {"areaId": area, "from": window.since, "to": window.until, "contributions": rows}


@router.get("/national")
async def national_tables(principal: CurrentPrincipal) -> dict[str, Any]:
    _require_national(principal)
    tables = national_figures.NATIONAL_TABLES.items()
    return {"tables": [{"table": name, "title": table.title} for name, table in tables]}


@router.get("/national/{table}")
async def national(
    request: Request,
    table: str,
    principal: CurrentPrincipal,
    since: Since = None,
    until: Until = None,
) -> dict[str, Any]:
    """One national table for one quarter that is over (``from``/``to`` name it)."""
    _require_national(principal)
    if table not in national_figures.NATIONAL_TABLES:
        raise NotFound("no such national table", field="table")
    quarter = published(since, until, today=national_figures.today())
    kept: national_figures.NationalFigures = request.app.state.national_figures
    async with read_only(request.app.state.engine) as conn:
        generation = await national_figures.projections_generation(conn, national_figures.CONSUMER)
        found: dict[str, Any] | None = kept.get((table, quarter.label), generation)
        if found is None:
            found = await national_figures.national(conn, table, quarter)
            kept.put((table, quarter.label), generation, found)
    return found


def _require_national(principal: Principal) -> None:
    if not principal.has_role("national"):
        raise Forbidden("the national figures are for national bodies")


# A rebuild drops every municipality's projections: the platform administrator's alone
# (``trygnet_core.platform_admin``), never a municipality's token, whatever its scopes.


@router.post("/admin/rebuild", status_code=202)
async def start_rebuild(request: Request, _administrator: CurrentAdministrator) -> JSONResponse:
    rebuilds: Rebuilds | None = request.app.state.rebuilds
    if rebuilds is None:
        raise Unavailable("this reporting service consumes no topics")
    await rebuilds.start()
    return JSONResponse(await rebuilds.progress(), status_code=202)


@router.get("/admin/rebuild")
async def rebuild_progress(
    request: Request, _administrator: CurrentAdministrator
) -> dict[str, Any]:
    rebuilds: Rebuilds | None = request.app.state.rebuilds
    if rebuilds is None:
        raise Unavailable("this reporting service consumes no topics")
    return await rebuilds.progress()


MOST_ASKED = 20_000
"""Positions one ``POST /admin/applied`` may name (``make run`` with 98 municipalities
names some thousands)."""


class WritesAsked(BaseModel):
    """Writes to look for in the reports, by municipality: the positions mutations
    answered (``service/streamId/version``)."""

    positions: dict[str, list[str]]
    wait: float = Field(default=5.0, ge=0, le=30)


@router.post("/admin/applied")
async def applied(
    request: Request, asked: WritesAsked, _administrator: CurrentAdministrator
) -> dict[str, Any]:
    """Once the reports show every write named (``make run`` waits for its demo data so):
    how many; ``TIMEOUT`` naming the first not applied after ``wait`` seconds in all.
    Every municipality and position is checked before any is waited for."""
    if sum(len(tokens) for tokens in asked.positions.values()) > MOST_ASKED:
        raise BadUserInput(f"positions: at most {MOST_ASKED:,} in one ask", field="positions")
    named = {tenant_id(t): positions_of(tokens) for t, tokens in asked.positions.items()}
    await applied_in(request, named, asked.wait)
    return {"applied": sum(len(positions) for positions in named.values())}

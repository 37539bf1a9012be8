"""``POST /imports/safety-index``: safety-index results from the police's CSV export.

The body is the file (``Content-Type: text/csv``); ``?dryRun=true`` checks every
row and writes nothing. The answer lists every bad row as ``{line, column,
reason}`` (422), or records every result in one command (200).

Permission comes first: a caller who may not record results gets 403 before the
file is read, so it learns nothing of what the file would have done. The file is
checked on read-only connections (on SQLite they never take the write lock); only
a good file that is not a dry run opens a write transaction, the command's own.
"""

from __future__ import annotations

import dataclasses
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncConnection

from trygnet_activities import safety_index_import
from trygnet_activities.api.commands import STRATEGY_ID
from trygnet_activities.domain import strategy
from trygnet_activities.domain.commands import RecordSafetyIndexResults
from trygnet_activities.handlers import ActivitiesHandlers, authorize
from trygnet_core.auth import CurrentPrincipal, Principal
from trygnet_core.database import read_only
from trygnet_core.errors import BadUserInput, NotFound
from trygnet_core.replica import known_areas

router = APIRouter()


@router.post("/imports/safety-index", response_model=None)
async def import_safety_index(
    request: Request,
    principal: CurrentPrincipal,
    dry_run: Annotated[bool, Query(alias="dryRun")] = False,
) -> JSONResponse:
    handlers: ActivitiesHandlers = request.app.state.handlers
    authorize(principal, RecordSafetyIndexResults(strategy_id=STRATEGY_ID, results=()), None)
    try:
        text = (await request.body()).decode("utf-8")
    except UnicodeDecodeError:
        raise BadUserInput("the file is not UTF-8 text", field="file") from None
    async with read_only(handlers.store.engine) as conn:
        state = strategy.fold(await handlers.writer.history(conn, principal.tenant, STRATEGY_ID))
        if state is None:
            raise NotFound("adopt the strategy before importing its results", field="strategyId")
        area_ids = await _area_ids(conn, principal)
        known = await handlers.known(
            conn,
            principal.tenant,
            {
                "areas": set(area_ids.values()),
                "actors": set(),
                "partnerships": set(),
                "focus_areas": set(),
            },
        )
    plan = safety_index_import.plan(text, state=state, known=known, area_ids=area_ids)
    report: dict[str, Any] = {
        "rows": plan.rows,
        "written": False,
        "position": None,
        "errors": [dataclasses.asdict(e) for e in plan.errors],
    }
    if plan.errors:
        return JSONResponse(report, status_code=422)
    if plan.command is not None and not dry_run:
        outcome = await handlers.handle(principal, plan.command)
        report |= {"written": True, "position": outcome.position}
    return JSONResponse(report)


async def _area_ids(conn: AsyncConnection, principal: Principal) -> dict[str, str]:
    """Lower-case area names and ids to ids, for the areas in use."""
    rows = await conn.execute(
        select(known_areas.c.area_id, known_areas.c.name).where(
            known_areas.c.tenant_id == principal.tenant, known_areas.c.retired.is_(False)
        )
    )
    area_ids: dict[str, str] = {}
    for row in rows:
        area_ids[row.name.lower()] = row.area_id
        area_ids[row.area_id.lower()] = row.area_id
    return area_ids

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
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from trygnet_activities import safety_index_import
from trygnet_activities.domain import strategy
from trygnet_activities.domain.commands import RecordSafetyIndexResults
from trygnet_activities.domain.strategy import STRATEGY_ID
from trygnet_activities.handlers import ActivitiesHandlers, authorize
from trygnet_core.auth import CurrentPrincipal
from trygnet_core.database import read_only
from trygnet_core.errors import NotFound
from trygnet_core.replica import area_ids_by_name
from trygnet_core.spreadsheets import DryRun, file_text

router = APIRouter()


@router.post("/imports/safety-index", response_model=None)
async def import_safety_index(
    request: Request,
    principal: CurrentPrincipal,
    dry_run: DryRun = False,
) -> JSONResponse:
    handlers: ActivitiesHandlers = request.app.state.handlers
    authorize(principal, RecordSafetyIndexResults(strategy_id=STRATEGY_ID, results=()), None)
    text = file_text(await request.body())
    async with read_only(handlers.store.engine) as conn:
        state = strategy.fold(await handlers.writer.history(conn, principal.tenant, STRATEGY_ID))
        if state is None:
            raise NotFound("adopt the strategy before importing its results", field="strategyId")
        area_ids = await area_ids_by_name(conn, tenant=principal.tenant)
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

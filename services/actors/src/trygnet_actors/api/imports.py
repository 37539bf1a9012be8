"""``POST /imports/actors``: the CSV import over HTTP, with a dry run and progress.

Send the file as the request body (``Content-Type: text/csv``). ``?dryRun=true``
checks every row and writes nothing. With ``Accept: application/x-ndjson`` the
answer streams one JSON line of progress per 100 rows, then the report.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, StreamingResponse

from trygnet_actors.handlers import require_write
from trygnet_actors.imports import ActorImport
from trygnet_core.auth import CurrentPrincipal
from trygnet_core.errors import TrygnetError
from trygnet_core.spreadsheets import DryRun, file_text

router = APIRouter()


@router.post("/imports/actors", response_model=None)
async def import_actors(
    request: Request,
    principal: CurrentPrincipal,
    dry_run: DryRun = False,
) -> JSONResponse | StreamingResponse:
    require_write(principal)  # before the file is read: a refused caller learns nothing of it
    text = file_text(await request.body())
    importer: ActorImport = request.app.state.importer
    if "application/x-ndjson" not in request.headers.get("accept", ""):
        report = await importer.run(principal, text, dry_run=dry_run)
        return JSONResponse(report.as_json(), status_code=422 if report.errors else 200)
    return StreamingResponse(
        _streamed(importer, principal, text, dry_run), media_type="application/x-ndjson"
    )


async def _streamed(
    importer: ActorImport, principal: Any, text: str, dry_run: bool
) -> AsyncIterator[bytes]:
    lines: asyncio.Queue[dict[str, Any] | None] = asyncio.Queue()

    async def progress(stage: str, done: int, total: int) -> None:
        await lines.put({"progress": stage, "done": done, "total": total})

    async def run() -> None:
        try:
            report = await importer.run(principal, text, dry_run=dry_run, progress=progress)
            await lines.put({"report": report.as_json()})
        except TrygnetError as error:
            await lines.put(
                {"error": {"code": error.code, "field": error.field, "detail": error.detail}}
            )
        finally:
            await lines.put(None)

    task = asyncio.create_task(run())
    while (line := await lines.get()) is not None:
        yield (json.dumps(line) + "\n").encode()
    await task

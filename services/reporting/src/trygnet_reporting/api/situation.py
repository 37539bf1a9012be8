"""``GET /situation-picture?areaId=&week=2026-W38&asOf=``: an area's weekly situation
picture (``trygnet_reporting.situation_picture``). ``areaId`` and ``week`` are required;
a week that is not an ISO week is 422 ``BAD_USER_INPUT`` naming ``week``. Overdue is
as of ``asOf`` (today). Takes ``consistentWith`` like every report."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request

from trygnet_core.database import read_only
from trygnet_core.errors import BadUserInput
from trygnet_core.weeks import iso_week
from trygnet_reporting.api.routes import Area, AsOf, Reader, _today
from trygnet_reporting.situation_picture import situation_picture

router = APIRouter()


@router.get("/situation-picture")
async def get_situation_picture(
    request: Request, reading: Reader, week: str = "", area: Area = None, as_of: AsOf = None
) -> dict[str, Any]:
    checked = iso_week(week)
    if area is None:
        raise BadUserInput("areaId names the area of the picture", field="areaId")
    async with read_only(request.app.state.engine) as conn:
        return await situation_picture(
            conn, reading.principal, area=area, week=checked, today=_today(as_of)
        )

"""The weekly situation picture (``/situation``): an area's week as the partnership reads it
before deciding what to do (observations by category against the four weeks before and
the same week last year, hot spots, the week's incidents, open and overdue actions and
tasks, and the decisions recorded for the week). ``week`` is an ISO week (``2026-W48``;
the browser's week picker sends that form); without one, last week. Without an area,
the municipality's first. Everything shown is the gateway's answer to the person's own
token; a week the gateway refuses is its refusal, shown as such."""

from __future__ import annotations

import datetime as dt

from fastapi import APIRouter, Request
from starlette.responses import Response

from trygnet_portal.gateway import Failure, ask
from trygnet_portal.pages.filters import Filters
from trygnet_portal.web import PortalDep, SignedIn

router = APIRouter()


def week_of(day: dt.date) -> str:
    year, number, _ = day.isocalendar()
    return f"{year:04d}-W{number:02d}"


def shifted(week: str, weeks: int) -> str:
    """The ISO week ``weeks`` after ``week`` (one the gateway accepted)."""
    year, number = week.split("-W")
    return week_of(dt.date.fromisocalendar(int(year), int(number), 1) + dt.timedelta(weeks=weeks))


def week_asked(request: Request, today: dt.date) -> str:
    """The week in the query string as sent (the gateway judges it), else last week."""
    return (request.query_params.get("week") or "").strip()[:10] or shifted(week_of(today), -1)


@router.get("/situation")
async def situation_page(request: Request, portal: PortalDep, person: SignedIn) -> Response:
    filters = Filters.of(request)
    week = week_asked(request, dt.date.today())
    areas = await ask("part.areas", person.gateway.areas())
    area = filters.area
    if area is None and not isinstance(areas, Failure) and areas.areas:
        area = areas.areas[0].id
    found = None
    if area is not None:
        call = person.gateway.situation_picture(area_id=area, week=week)
        found = await ask("part.situation", call)
    neighbours: dict[str, str] = {}
    if found is not None and not isinstance(found, Failure):
        neighbours = {"before": shifted(week, -1), "after": shifted(week, 1)}
    return portal.render(
        request,
        "situation.html",
        areas=areas,
        filters=Filters(area=area),
        week=week,
        found=found,
        picture=None if found is None or isinstance(found, Failure) else found.situation_picture,
        neighbours=neighbours,
    )

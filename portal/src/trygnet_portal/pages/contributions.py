"""Each party's contribution (``/contributions``): one row per actor of what it put into
the partnership in a period (activities, hours and budget, fora and meetings, follow-ups,
incident-response roles and tasks, safety-walk actions, how others rated it) and its
effect (the indicators of the focus areas its activities serve, the safety-index trend
of its areas), filtered by area and period. Restricted incidents count as the person may
see them: the gateway decides, the portal only shows what it is given."""

from __future__ import annotations

import datetime as dt

from fastapi import APIRouter, Request
from starlette.responses import Response

from trygnet_portal.gateway import Failure
from trygnet_portal.pages.filters import Filters, with_areas
from trygnet_portal.web import PortalDep, SignedIn

router = APIRouter()


def day_of(raw: str | None) -> dt.date | None:
    """A day from the query string (``2026-03-01``); anything else is no filter."""
    try:
        return dt.date.fromisoformat(raw) if raw and len(raw) == 10 else None
    except ValueError:
        return None


def period_of(request: Request) -> tuple[dt.date | None, dt.date | None]:
    """The period asked for, its ends in order (a reversed one is turned around)."""
    since = day_of(request.query_params.get("from"))
    until = day_of(request.query_params.get("to"))
    if since and until and since > until:
        since, until = until, since
    return since, until


@router.get("/contributions")
async def contributions_page(request: Request, portal: PortalDep, person: SignedIn) -> Response:
    filters = Filters.of(request)
    since, until = period_of(request)
    asked = person.gateway.contributions(area_id=filters.area, from_=since, to=until)
    areas, found = await with_areas(person.gateway, "part.contributions", asked)
    rows = [] if isinstance(found, Failure) else found.contributions
    return portal.render(
        request,
        "contributions.html",
        areas=areas,
        filters=filters,
        since=since,
        until=until,
        found=found,
        rows=rows,
    )

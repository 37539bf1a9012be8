"""The area overview (``/``): who is active in the area and on what, by level and
theme, and whom to call; filtered by area, sector, level, theme and free text."""

from __future__ import annotations

from fastapi import APIRouter, Request
from starlette.responses import RedirectResponse, Response

from trygnet_portal.client.overview import OverviewDirectory, OverviewDirectoryActors
from trygnet_portal.gateway import Failure
from trygnet_portal.pages.filters import LEVELS, SECTORS, THEMES, Filters, with_areas
from trygnet_portal.signin import demo_identities
from trygnet_portal.web import Person, PortalDep, SignInFirst, signed_in

router = APIRouter()


def _found(directory: OverviewDirectory, filters: Filters) -> list[OverviewDirectoryActors]:
    return [
        entry
        for entry in directory.actors
        if filters.matches(
            entry.name,
            entry.department,
            entry.description,
            *(work.title for work in entry.working_on),
        )
    ]


@router.get("/")
async def overview(request: Request, portal: PortalDep) -> Response:
    try:
        person: Person = signed_in(request)
    except SignInFirst:
        if portal.settings.dev_mode:
            return portal.render(
                request, "sign_in.html", identities=demo_identities(portal), next="/"
            )
        return RedirectResponse("/sign-in", status_code=303)
    if person.identity.role == "national":
        return RedirectResponse("/national", status_code=303)
    filters = Filters.of(request)
    asked = person.gateway.overview(
        area_id=filters.area, sector=filters.sector, level=filters.level, theme=filters.theme
    )
    areas, directory = await with_areas(person.gateway, "part.directory", asked)
    found = _found(directory.directory, filters) if not isinstance(directory, Failure) else []
    return portal.render_page(
        request,
        "overview",
        areas=areas,
        directory=directory,
        found=found,
        filters=filters,
        sectors=SECTORS,
        levels=LEVELS,
        themes=THEMES,
    )

"""Practices (``/practices``): what other municipalities shared of their work, searched
and filtered by theme and age, and the support offers that match this municipality.

The one page that shows other municipalities' work: only what each chose to share, with
its name (the API reads it across municipalities on purpose and audits each read).
Coordinators and national bodies see it (a national body's one page besides the
national tables); anyone else gets the API's refusal as a part that could not be
shown."""

from __future__ import annotations

import asyncio
from typing import Annotated, Final

from fastapi import APIRouter, Depends, Request
from starlette.responses import Response

from trygnet_portal.gateway import ask
from trygnet_portal.pages.filters import THEMES, Filters, whole
from trygnet_portal.web import Person, PortalDep, signed_in

router = APIRouter()
Reader = Annotated[Person, Depends(signed_in)]
"""Anyone signed in, a national body too (the API decides who reads what)."""
AGES: Final = range(0, 121)


@router.get("/practices")
async def practices_page(request: Request, portal: PortalDep, person: Reader) -> Response:
    filters = Filters.of(request)
    age = whole(request.query_params.get("age"), AGES)  # else no filter: a stale link opens
    after = request.query_params.get("after") or None
    found, offers = await asyncio.gather(
        ask(
            "part.practices",
            person.gateway.practices(
                theme=filters.theme, target_age=age, search=filters.search or None, after=after
            ),
        ),
        ask("part.support_offers", person.gateway.support_offers(theme=filters.theme)),
    )
    return portal.render_page(
        request,
        "practices",
        found=found,
        offers=offers,
        filters=filters,
        age=age,
        themes=THEMES,
    )

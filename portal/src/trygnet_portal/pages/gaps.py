"""Coordination gaps (``/gaps``): two active activities in one area that reach the same
young people, whose actors share no activity or forum; each told in the person's own
language with the names of the area, activities and actors, never an id."""

from __future__ import annotations

from typing import Final

from fastapi import APIRouter, Request
from starlette.responses import Response

from trygnet_portal.client.gaps import GapsCoordinationGaps, GapsCoordinationGapsActivities
from trygnet_portal.gateway import Failure
from trygnet_portal.i18n import Words
from trygnet_portal.pages.filters import Filters, whole, with_areas
from trygnet_portal.web import PortalDep, SignedIn

router = APIRouter()
PAGE_SIZE: Final = 20
PAGES: Final = range(1, 100_000)
"""The pages a link may ask for; anything else is the first."""


def listing(words: Words, items: list[str]) -> str:
    """'a', 'a and b', 'a, b and c' (og in Danish)."""
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {words('and')} {items[-1]}"


def _ages(words: Words, low: int | None, high: int | None) -> str:
    if low is None and high is None:
        return words("gaps.for_all")
    if low is None:
        return words("gaps.for_up_to", high=high)
    if high is None:
        return words("gaps.for_over", low=low)
    if low == high:
        return words("gaps.for_age", low=low)
    return words("gaps.for_range", low=low, high=high)


def _run_by(words: Words, activity: GapsCoordinationGapsActivities) -> str:
    names = sorted(actor.name for actor in activity.actors)
    if not names:
        return words("gaps.title_only", title=activity.title)
    return words("gaps.run_by", title=activity.title, actors=listing(words, names))


def reason(words: Words, gap: GapsCoordinationGaps) -> str:
    """Why it is a gap, in words: the API's own ``reason`` names the area by its id."""
    one, other = gap.activities[0], gap.activities[-1]
    return words(
        "gaps.sentence",
        one=_run_by(words, one),
        other=_run_by(words, other),
        area=gap.area.name if gap.area else words("gaps.one_area"),
        themes=listing(words, [words.label("theme", theme).lower() for theme in gap.themes]),
        ages=_ages(words, gap.ages.from_, gap.ages.to),
    )


@router.get("/gaps")
async def gaps_page(request: Request, portal: PortalDep, person: SignedIn) -> Response:
    filters = Filters.of(request)
    asked = person.gateway.gaps(area_id=filters.area)
    areas, gaps = await with_areas(person.gateway, "part.gaps", asked)
    if isinstance(gaps, Failure):
        return portal.render(request, "gaps.html", gaps=gaps, areas=areas, filters=filters)
    total = len(gaps.coordination_gaps)
    last_page = max(1, -(-total // PAGE_SIZE))
    page = min(max(_page(request), 1), last_page)
    shown = gaps.coordination_gaps[(page - 1) * PAGE_SIZE : page * PAGE_SIZE]
    return portal.render(
        request,
        "gaps.html",
        gaps=[(gap, reason(person.words, gap)) for gap in shown],
        total=total,
        page=page,
        last_page=last_page,
        first=(page - 1) * PAGE_SIZE + 1,
        areas=areas,
        filters=filters,
    )


def _page(request: Request) -> int:
    return whole(request.query_params.get("page"), PAGES) or 1

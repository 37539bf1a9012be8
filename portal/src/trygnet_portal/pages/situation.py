"""The weekly situation picture (``/situation``): an area's week as the partnership reads it
before deciding what to do (observations by category against the four weeks before and
the same week last year, hot spots, the week's incidents, open and overdue actions and
tasks, and the decisions recorded for the week). ``week`` is an ISO week (``2026-W48``;
the browser's week picker sends that form); without one, last week. Without an area,
the municipality's first. Everything shown is the gateway's answer to the person's own
token; a week the gateway refuses is its refusal, shown as such.

A coordinator records a decision for the area's week; a coordinator, and the staff
(partner or police) of a decision's owner, follow it up (open, done, cancelled). Which
forms are offered follows the incidents service's rule of who may do what; the API
decides either way, and its refusal is shown on the form. After a write the picture is
asked at least at the write's position, so the decision shows at once."""

from __future__ import annotations

import asyncio
import datetime as dt
from typing import Any, Final, Unpack
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from pydantic import BaseModel
from starlette.responses import Response

from trygnet_portal.client.choices import Choices
from trygnet_portal.client.enums import FollowUpStatus
from trygnet_portal.client.gateway import Gateway
from trygnet_portal.client.input_types import (
    ChangeSituationDecisionStatusInput,
    RecordSituationDecisionInput,
)
from trygnet_portal.client.situation_picture import (
    SituationPicture,
    SituationPictureSituationPictureDecisions,
)
from trygnet_portal.forms import Reader
from trygnet_portal.gateway import Failure, ask
from trygnet_portal.page_forms import FromPath, PageForm, Text, post_forms, written_at
from trygnet_portal.pages.filters import Filters
from trygnet_portal.pages.incident import STAFF
from trygnet_portal.sessions import Identity
from trygnet_portal.web import Person, PortalDep, Refusal, SignedIn

router = APIRouter()
STATUSES: Final = tuple(FollowUpStatus)


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


def records(identity: Identity) -> bool:
    """Only a coordinator records a decision for the week."""
    return "coordinator" in identity.roles


def follows_up(identity: Identity, decision: SituationPictureSituationPictureDecisions) -> bool:
    """A coordinator follows any decision up; staff follow up their own actor's."""
    if records(identity):
        return True
    staff = identity.actor_id is not None and bool(STAFF.intersection(identity.roles))
    return staff and decision.owner is not None and decision.owner.id == identity.actor_id


async def _view(
    request: Request,
    portal: PortalDep,
    person: Person,
    *,
    area: str | None = None,
    week: str | None = None,
    refused_form: str | None = None,
    **refusal: Unpack[Refusal],
) -> Response:
    week = week or week_asked(request, dt.date.today())
    area = area or Filters.of(request).area
    at = (request.query_params.get("at") or "").strip()[:300]
    deciding = records(person.identity)

    async def picture(area: str | None) -> SituationPicture | Failure | None:
        if area is None:
            return None
        call = person.gateway.situation_picture(
            area_id=area, week=week, at_least=[at] if at else None
        )
        return await ask("part.situation", call)

    async def choices() -> Choices | Failure | None:
        return await ask("part.choices", person.gateway.choices()) if deciding else None

    areas_asked = ask("part.areas", person.gateway.areas())
    if area is None:  # the municipality's first area: the picture waits for the list
        areas, chosen = await asyncio.gather(areas_asked, choices())
        if not isinstance(areas, Failure) and areas.areas:
            area = areas.areas[0].id
        found = await picture(area)
    else:
        areas, found, chosen = await asyncio.gather(areas_asked, picture(area), choices())
    neighbours: dict[str, str] = {}
    context: dict[str, Any] = {}
    if found is not None and not isinstance(found, Failure):
        neighbours = {"before": shifted(week, -1), "after": shifted(week, 1)}
        decisions = found.situation_picture.decisions
        followed = {d.id for d in decisions if follows_up(person.identity, d)}
        context = {"records": deciding, "followed": followed, "choices": chosen}
    return portal.render_form(
        request,
        "situation.html",
        areas=areas,
        filters=Filters(area=area),
        week=week,
        found=found,
        picture=None if found is None or isinstance(found, Failure) else found.situation_picture,
        neighbours=neighbours,
        statuses=STATUSES,
        refused_form=refused_form,
        **refusal,
        **context,
    )


@router.get("/situation")
async def situation_page(request: Request, portal: PortalDep, person: SignedIn) -> Response:
    return await _view(request, portal, person)


async def _act(request: Request, portal: PortalDep, person: Person, form: PageForm) -> Response:
    """One of the page's forms: read, write, and back to the picture of the area and
    week the form was for (the form again with its errors when refused)."""
    name = form.name
    picture: dict[str, str | None] = {}  # the area and week, read first

    def read_picture(reader: Reader) -> dict[str, Any]:
        picture["area"] = reader.text("areaId", required=True, limit=100)
        picture["week"] = reader.text("week", required=True, limit=10)
        return {"areaId": picture["area"], "week": picture["week"]}

    async def again(**refused: Any) -> Response:
        area, week = picture["area"], picture["week"]
        return await _view(
            request, portal, person, area=area, week=week, refused_form=name, **refused
        )

    def then(answer: BaseModel) -> str:
        at = written_at(answer)
        return f"/situation?{urlencode({**picture, 'done': name, 'at': at})}#decisions"

    return await form.post(request, portal, person, first=read_picture, again=again, then=then)


FORMS: Final = (
    PageForm(
        "/situation/decisions",
        "decision",
        RecordSituationDecisionInput,
        Gateway.record_situation_decision,
        (
            Text("action", required=True, limit=500),
            Text("ownerActorId", required=True),
            Text("due", required=True, limit=10),
        ),
    ),
    PageForm(
        "/situation/decisions/{decision_id}/status",
        "status",
        ChangeSituationDecisionStatusInput,
        Gateway.change_situation_decision_status,
        (FromPath("decisionId", "decision_id"), Text("status", required=True)),
    ),
)
"""The page's forms: a decision recorded for the area's week, and its follow-up."""

post_forms(router, FORMS, _act)

"""Activities (``/activities``, ``/activities/{id}``): the municipality's collaborative
activities listed and filtered, one activity with its partners, and the forms that
create, edit and join one, and share it as a practice (``pages/practice_sharing.py``).
The fora are listed here too; a forum has its own page
(``pages/fora.py``)."""

from __future__ import annotations

import asyncio
from typing import Any, Final, Unpack
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from pydantic import BaseModel
from starlette.responses import Response

from trygnet_portal.client.activity import Activity
from trygnet_portal.client.choices import Choices
from trygnet_portal.client.enums import ActivityStatus, Level, PartnerRole, Theme
from trygnet_portal.client.fragments import ActivityDetail
from trygnet_portal.client.gateway import Gateway
from trygnet_portal.client.input_types import (
    CreateActivityInput,
    JoinActivityInput,
    SharePracticeInput,
    UpdateActivityInput,
    WithdrawPracticeInput,
)
from trygnet_portal.client.shared_practices import SharedPracticesPracticesEdgesNode
from trygnet_portal.forms import Reader, Refused
from trygnet_portal.gateway import Failure, ask
from trygnet_portal.page_forms import (
    Flag,
    PageForm,
    RecordForms,
    Text,
    get_record,
    post_forms,
    written_at,
)
from trygnet_portal.pages.filters import LEVELS, THEMES, Filters, enum_of
from trygnet_portal.pages.practice_sharing import shared_as, shares
from trygnet_portal.web import Person, PortalDep, Refusal, SignedIn, posted

router = APIRouter()
STATUSES: Final = tuple(ActivityStatus)
ROLES: Final = tuple(PartnerRole)
NOT_FOUND: Final = ("NOT_FOUND", "BAD_USER_INPUT")


@router.get("/activities")
async def activities_page(request: Request, portal: PortalDep, person: SignedIn) -> Response:
    filters = Filters.of(request)
    status = enum_of(ActivityStatus, request.query_params.get("status"))
    after = request.query_params.get("after") or None
    areas, found, fora = await asyncio.gather(
        ask("part.areas", person.gateway.areas()),
        ask(
            "part.activities",
            person.gateway.activities(
                area_id=filters.area,
                theme=filters.theme,
                status=status,
                level=filters.level,
                after=after,
            ),
        ),
        ask("part.fora", person.gateway.fora()),
    )
    return portal.render_page(
        request,
        "activities",
        areas=areas,
        found=found,
        fora=fora,
        filters=filters,
        status=status,
        statuses=STATUSES,
        levels=LEVELS,
        themes=THEMES,
    )


async def _choices(person: Person) -> Choices | Failure:
    return await ask("part.choices", person.gateway.choices())


async def _activity(person: Person, activity_id: str) -> Activity | Failure:
    """The activity (one not there is the page's 404)."""
    return await ask("part.activity", person.gateway.activity(id=activity_id), not_found=NOT_FOUND)


def _activity_data(reader: Reader) -> dict[str, Any]:
    """The form's values as the API's activity input names them."""
    return {
        "title": reader.text("title", required=True, limit=200),
        "level": reader.text("level", required=True),
        "ownerActorId": reader.text("ownerActorId", required=True),
        "description": reader.text("description"),
        "themes": reader.texts("themes"),
        "targetAgeFrom": reader.text("targetAgeFrom", limit=3),
        "targetAgeTo": reader.text("targetAgeTo", limit=3),
        "targetGroup": reader.text("targetGroup", limit=200),
        "areas": reader.texts("areas"),
        "start": reader.text("start", limit=10),
        "end": reader.text("end", limit=10),
    }


def _form(
    request: Request,
    portal: PortalDep,
    person: Person,
    choices: Choices | Failure,
    *,
    activity: ActivityDetail | None = None,
    refused: Refused | None = None,
    given: dict[str, list[str]] | None = None,
    status_code: int = 200,
) -> Response:
    return portal.render(
        request,
        "activity_form.html",
        status_code=status_code,
        activity=activity,
        choices=choices,
        refused=refused,
        given=given,
        own_actor=person.identity.actor_id,
        levels=tuple(Level),
        themes=tuple(Theme),
    )


@router.get("/activities/new")
async def new_activity(request: Request, portal: PortalDep, person: SignedIn) -> Response:
    return _form(request, portal, person, await _choices(person))


@router.post("/activities/new")
async def create_activity(request: Request, portal: PortalDep, person: SignedIn) -> Response:
    async def again(**refused: Any) -> Response:
        return _form(request, portal, person, await _choices(person), status_code=422, **refused)

    return await posted(
        request,
        portal,
        person,
        CreateActivityInput,
        _activity_data,
        person.gateway.create_activity,
        again=again,
        then=lambda answer: f"/activities/{answer.create_activity.activity.id}",
    )


async def _activity_view(
    request: Request,
    portal: PortalDep,
    person: Person,
    activity_id: str,
    *,
    refused_form: str = "join",
    **refusal: Unpack[Refusal],
) -> Response:
    at = (request.query_params.get("at") or "").strip()[:300] or None
    sharing = shares(person.identity)

    async def practice_of() -> SharedPracticesPracticesEdgesNode | Failure | None:
        return await shared_as(person, activity_id, at) if sharing else None

    found, choices, practice = await asyncio.gather(
        _activity(person, activity_id),
        _choices(person),
        practice_of(),
    )
    return portal.render_form(
        request,
        "activity.html",
        found=found,
        choices=choices,
        roles=ROLES,
        own_actor=person.identity.actor_id,
        refused_form=refused_form,
        sharing=sharing,
        practice=practice,
        **refusal,
    )


get_record(router, "/activities/{activity_id}", "activity_id", _activity_view)

FORMS: Final = (
    PageForm(
        "/activities/{activity_id}/join",
        "join",
        JoinActivityInput,
        Gateway.join_activity,
        (Text("actorId", required=True), Text("role", required=True)),
        done="joined",
    ),
    PageForm(
        "/activities/{activity_id}/practice",
        "practice",
        SharePracticeInput,
        Gateway.share_practice,
        (Flag("namePartners"), Text("contactActorId")),
        done="shared",
    ),
    PageForm(
        "/activities/{activity_id}/practice/withdraw",
        "practice",
        WithdrawPracticeInput,
        Gateway.withdraw_practice,
        done="withdrawn",
    ),
)
"""The activity page's forms, each posted to its path (``name``, also its section's id)."""


def _then(activity: str, form: PageForm, answer: BaseModel) -> str:
    """Back to the page saying ``done``, read at least at the write's position."""
    saying = urlencode({form.done: 1, "at": written_at(answer)})
    return f"/activities/{activity}?{saying}#{form.name}"


RECORD: Final = RecordForms("activity_id", "activityId", _activity_view, _then)
"""Each form written for the activity of its path, and back to the page's section."""
post_forms(router, FORMS, RECORD.act)


@router.get("/activities/{activity_id}/edit")
async def edit_activity(
    activity_id: str, request: Request, portal: PortalDep, person: SignedIn
) -> Response:
    found, choices = await asyncio.gather(
        _activity(person, activity_id),
        _choices(person),
    )
    if isinstance(found, Failure):
        return portal.render(request, "error.html", status_code=503, failure=found)
    return _form(request, portal, person, choices, activity=found.activity)


@router.post("/activities/{activity_id}/edit")
async def update_activity(
    activity_id: str, request: Request, portal: PortalDep, person: SignedIn
) -> Response:

    def read(reader: Reader) -> dict[str, Any]:
        return {
            **_activity_data(reader),
            "activityId": activity_id,
            "expectedVersion": reader.text("expectedVersion", limit=12),
        }

    async def again(**refused: Any) -> Response:
        found = await _activity(person, activity_id)
        activity = None if isinstance(found, Failure) else found.activity
        choices = await _choices(person)
        return _form(
            request, portal, person, choices, activity=activity, status_code=422, **refused
        )

    return await posted(
        request,
        portal,
        person,
        UpdateActivityInput,
        read,
        person.gateway.update_activity,
        again=again,
        then=lambda _answer: f"/activities/{activity_id}?saved=1",
    )

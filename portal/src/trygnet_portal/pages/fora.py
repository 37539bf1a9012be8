"""A coordinating forum (``/fora/{id}``): who takes part, its meetings with their
agenda and decisions, and the follow-ups each meeting gave an actor, with their
status and day (overdue marked); an actor joins it here."""

from __future__ import annotations

from typing import Final, Unpack

from fastapi import APIRouter, Request
from starlette.responses import Response

from trygnet_portal.client.gateway import Gateway
from trygnet_portal.client.input_types import JoinForumInput
from trygnet_portal.page_forms import PageForm, RecordForms, Text, get_record, post_forms
from trygnet_portal.pages.record import record_page
from trygnet_portal.web import Person, PortalDep, Refusal

router = APIRouter()


async def _forum_view(
    request: Request,
    portal: PortalDep,
    person: Person,
    forum_id: str,
    *,
    refused_form: str | None = None,
    **refusal: Unpack[Refusal],
) -> Response:
    forum = ("part.forum", person.gateway.forum(id=forum_id))
    return await record_page(
        request, portal, person, "forum.html", forum, refusal, refused_form=refused_form
    )


get_record(router, "/fora/{forum_id}", "forum_id", _forum_view)


FORMS: Final = (
    PageForm(
        "/fora/{forum_id}/join",
        "join",
        JoinForumInput,
        Gateway.join_forum,
        (Text("actorId", required=True),),
        done="joined",
    ),
)
"""An actor joining the forum."""


RECORD: Final = RecordForms(
    "forum_id", "forumId", _forum_view, lambda forum, form, _answer: f"/fora/{forum}?{form.done}=1"
)
post_forms(router, FORMS, RECORD.act)

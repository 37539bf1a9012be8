"""A record's page with forms (a forum, a safety walk): the record, the actors its
forms offer, and a refused form shown again as it was sent."""

from __future__ import annotations

from collections.abc import Awaitable
from typing import Any

from fastapi import Request
from starlette.responses import Response

from trygnet_portal.gateway import ask
from trygnet_portal.pages.activities import NOT_FOUND
from trygnet_portal.web import Person, Portal, Refusal


async def record_page(
    request: Request,
    portal: Portal,
    person: Person,
    template: str,
    record: tuple[str, Awaitable[Any]],
    refusal: Refusal,
    **context: Any,
) -> Response:
    """``template`` with the record (``record``: its part's name and the gateway's call;
    a record that is not there is the page's 404) as ``found``."""
    part, call = record
    found = await ask(part, call, not_found=NOT_FOUND)
    choices = await ask("part.choices", person.gateway.choices())
    own_actor = person.identity.actor_id
    return portal.render_form(
        request, template, found=found, choices=choices, own_actor=own_actor, **refusal, **context
    )

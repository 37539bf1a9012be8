"""The actor page (``/actors/{id}``): profile, contact persons (as much of them as the
API shows this person), the activities and fora it works in, and the incident
responses it took part in (as far as this person may know of them). An id of another
municipality, or no actor at all, is the portal's 404 page."""

from __future__ import annotations

import asyncio

from fastapi import APIRouter, Request
from starlette.responses import Response

from trygnet_portal.client.actor_work import ActorWork, ActorWorkDirectoryActorsWorkingOn
from trygnet_portal.client.enums import GroupKind
from trygnet_portal.gateway import Failure, ask
from trygnet_portal.web import PortalDep, SignedIn

router = APIRouter()


def _work_of(
    work: ActorWork | Failure, actor_id: str
) -> dict[str, list[ActorWorkDirectoryActorsWorkingOn]] | Failure:
    if isinstance(work, Failure):
        return work
    items = next((e.working_on for e in work.directory.actors if e.actor_id == actor_id), [])
    return {
        kind.value.lower(): sorted((i for i in items if i.kind == kind), key=lambda i: i.title)
        for kind in (GroupKind.ACTIVITY, GroupKind.FORUM)
    }


@router.get("/actors/{actor_id}")
async def actor_page(
    actor_id: str, request: Request, portal: PortalDep, person: SignedIn
) -> Response:
    profile, work, incidents = await asyncio.gather(
        ask(
            "part.actor",
            person.gateway.actor_profile(id=actor_id),
            not_found=("NOT_FOUND", "BAD_USER_INPUT"),
        ),
        ask("part.work", person.gateway.actor_work()),
        ask("part.actor_incidents", person.gateway.actor_incidents(actor_id=actor_id)),
    )
    return portal.render(
        request,
        "actor.html",
        profile=profile,
        work=_work_of(work, actor_id),
        incidents=incidents,
    )

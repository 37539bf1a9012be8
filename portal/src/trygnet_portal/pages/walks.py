"""Safety walks (``/safety-walks``, ``/safety-walks/{id}``): the walks with what they
found, and each finding's actions with their owner, deadline and status (overdue
marked); a finding is recorded here with the action it calls for and who owns it."""

from __future__ import annotations

from typing import Any, Final, Unpack

from fastapi import APIRouter, Request
from starlette.responses import RedirectResponse, Response

from trygnet_portal.client.enums import FindingKind
from trygnet_portal.client.input_types import AssignFindingActionInput, RecordFindingInput
from trygnet_portal.forms import Reader, Refused, built, write
from trygnet_portal.gateway import ask
from trygnet_portal.page_forms import get_record
from trygnet_portal.pages.filters import Filters
from trygnet_portal.pages.record import record_page
from trygnet_portal.web import Person, PortalDep, Refusal, SignedIn

router = APIRouter()
KINDS: Final = tuple(FindingKind)


@router.get("/safety-walks")
async def walks_page(request: Request, portal: PortalDep, person: SignedIn) -> Response:
    filters = Filters.of(request)
    areas = await ask("part.areas", person.gateway.areas())
    walks = await ask("part.walks", person.gateway.safety_walks(area_id=filters.area))
    return portal.render(request, "walks.html", areas=areas, walks=walks, filters=filters)


async def _view(
    request: Request,
    portal: PortalDep,
    person: Person,
    walk_id: str,
    **refusal: Unpack[Refusal],
) -> Response:
    walk = ("part.walk", person.gateway.safety_walk(id=walk_id))
    return await record_page(request, portal, person, "walk.html", walk, refusal, kinds=KINDS)


get_record(router, "/safety-walks/{walk_id}", "walk_id", _view)


@router.post("/safety-walks/{walk_id}/findings")
async def record_finding(
    walk_id: str, request: Request, portal: PortalDep, person: SignedIn
) -> Response:
    """The finding and its action: both read and checked before either is written."""
    form = await portal.checked_form(request)
    reader = Reader(form, person.words.zone)
    finding: dict[str, Any] = {
        "walkId": walk_id,
        "kind": reader.text("kind", required=True),
        "place": reader.text("place", required=True, limit=300),
        "description": reader.text("description", required=True),
    }
    action: dict[str, Any] = {
        "walkId": walk_id,
        "findingId": "-",
        "ownerActorId": reader.text("ownerActorId", required=True),
        "deadline": reader.text("deadline", required=True, limit=10),
    }
    made = built(RecordFindingInput, finding, reader.refused)
    assigned = built(AssignFindingActionInput, action, reader.refused)
    if made is None or assigned is None:
        return await _view(
            request, portal, person, walk_id, refused=reader.refused, given=reader.values()
        )
    recorded = await write(person.gateway.record_finding(made))
    if isinstance(recorded, Refused):
        given = reader.values()
        return await _view(request, portal, person, walk_id, refused=recorded, given=given)
    assigned.finding_id = recorded.record_finding.finding.id
    owned = await write(person.gateway.assign_finding_action(assigned))
    if isinstance(owned, Refused):
        owned.reason = owned.reason or "walk.action_not_saved"
        return await _view(request, portal, person, walk_id, refused=owned, given=reader.values())
    return RedirectResponse(
        f"/safety-walks/{walk_id}?recorded={recorded.record_finding.finding.id}#findings",
        status_code=303,
    )

"""The incident board (``/incidents``): the open incidents by status, live (``live.py``
relays the person's own subscription; ``static/js/board.js`` asks the board again on
each change, or every 30 seconds if the stream is down), and the form that reports an
incident (``/incidents/new``). One incident is ``pages/incident.py``."""

from __future__ import annotations

from functools import partial
from typing import Any, Final, Unpack

from fastapi import APIRouter, Request
from starlette.responses import Response, StreamingResponse

from trygnet_portal.client.board import Board
from trygnet_portal.client.enums import IncidentKind, IncidentStatus, Sensitivity
from trygnet_portal.client.fragments import BoardCard
from trygnet_portal.client.input_types import ReportIncidentInput
from trygnet_portal.forms import Reader
from trygnet_portal.gateway import Failure, ask
from trygnet_portal.live import relayed, subscriber
from trygnet_portal.web import Person, PortalDep, Refusal, SignedIn, posted

router = APIRouter()
OPEN: Final = (IncidentStatus.REPORTED, IncidentStatus.ACTIVE, IncidentStatus.STABLE)
KINDS: Final = tuple(IncidentKind)
SEVERITIES: Final = (1, 2, 3, 4)


def columns(board: Board) -> dict[IncidentStatus, list[BoardCard]]:
    """The open incidents by status (each asked apart, so closed ones are never read),
    the most severe and newest first."""
    asked = {
        IncidentStatus.REPORTED: board.reported,
        IncidentStatus.ACTIVE: board.active,
        IncidentStatus.STABLE: board.stable,
    }
    return {
        status: sorted(
            (edge.node for edge in asked[status].edges),
            key=lambda card: (-card.severity, -card.occurred_at.timestamp()),
        )
        for status in OPEN
    }


async def _board(person: Person) -> dict[IncidentStatus, list[BoardCard]] | Failure:
    found = await ask("part.incidents", person.gateway.board())
    return found if isinstance(found, Failure) else columns(found)


@router.get("/incidents")
async def board_page(request: Request, portal: PortalDep, person: SignedIn) -> Response:
    return portal.render(request, "incidents.html", board=await _board(person))


@router.get("/incidents/board")
async def board_part(request: Request, portal: PortalDep, person: SignedIn) -> Response:
    """The board alone, for the live page to swap in."""
    return portal.render(request, "incidents_board.html", board=await _board(person))


@router.get("/incidents/live")
async def live(request: Request, portal: PortalDep, person: SignedIn) -> Response:
    session = person.session
    token = session.token or ""

    def still_signed_in() -> bool:
        return portal.store.get(session.id, use=False) is session and session.token == token

    who = (person.identity.tenant, person.identity.subject)
    if portal.live.full(who):
        return portal.render(request, "error.html", status_code=429, message="error.title")
    gateway = subscriber(portal.settings.graphql_url, token)
    stream = relayed(gateway, still_signed_in, portal.live.held(who))
    return StreamingResponse(
        stream,
        media_type="text/event-stream",
        headers={"Cache-Control": "no-store", "X-Accel-Buffering": "no"},
    )


async def _report_form(
    request: Request,
    portal: PortalDep,
    person: Person,
    **refusal: Unpack[Refusal],
) -> Response:
    choices = await ask("part.choices", person.gateway.choices())
    return portal.render_form(
        request,
        "incident_report.html",
        choices=choices,
        kinds=KINDS,
        severities=SEVERITIES,
        sensitivities=tuple(Sensitivity),
        own_actor=person.identity.actor_id,
        **refusal,
    )


@router.get("/incidents/new")
async def new_incident(request: Request, portal: PortalDep, person: SignedIn) -> Response:
    return await _report_form(request, portal, person)


@router.post("/incidents/new")
async def report_incident(request: Request, portal: PortalDep, person: SignedIn) -> Response:

    def read(reader: Reader) -> dict[str, Any]:
        return {
            "kind": reader.text("kind", required=True),
            "severity": reader.text("severity", required=True, limit=1),
            "areaId": reader.text("areaId", required=True),
            "place": reader.text("place", required=True, limit=300),
            "occurredAt": reader.moment("occurredAt", required=True),
            "reportingActorId": reader.text("reportingActorId", required=True),
            "summary": reader.text("summary", required=True),
            "sensitivity": reader.text("sensitivity") or "OPEN",
            "restrictedDetails": reader.text("restrictedDetails"),
        }

    return await posted(
        request,
        portal,
        person,
        ReportIncidentInput,
        read,
        person.gateway.report_incident,
        again=partial(_report_form, request, portal, person),
        then=lambda answer: f"/incidents/{answer.report_incident.incident.id}",
    )

"""Reads and the CSV import of the weekly situation picture.

- ``GET /observations/{id}``: one observation as filed, with the incident it led to.
  Its description may name people: coordinators, police and the reporting actor's
  own staff read it; every other reader gets ``description: null`` and
  ``descriptionWithheld: true``, and the sealed text is not even opened for them.
  Erased, it reads ``[erased]``. ``ETag`` is its version, for ``If-Match``.
- ``GET /situation/{areaId}/{week}``: the decisions recorded for an area's week.
- ``POST /imports/observations``: the file as the body (``Content-Type: text/csv``),
  ``?dryRun=true`` to check it only; 422 with every bad row ``{line, column,
  reason}`` and nothing written, else 200 (``observation_import``).
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request, Response
from fastapi.responses import JSONResponse

from trygnet_core.auth import CurrentPrincipal, Principal
from trygnet_core.database import read_only
from trygnet_core.errors import Forbidden, NotFound
from trygnet_core.personal_data import readable
from trygnet_core.spreadsheets import DryRun, file_text
from trygnet_core.weeks import iso_week
from trygnet_incidents.api.reads import require_read
from trygnet_incidents.domain import observation, situation
from trygnet_incidents.domain.events import catalogue
from trygnet_incidents.domain.situation import situation_stream
from trygnet_incidents.handlers import IncidentsHandlers
from trygnet_incidents.observation_import import import_observations
from trygnet_incidents.situation_handlers import may_file_for

router = APIRouter()


def _handlers(request: Request) -> IncidentsHandlers:
    handlers: IncidentsHandlers = request.app.state.handlers
    return handlers


def reads_description(principal: Principal, reporting_actor_id: str) -> bool:
    """Coordinators, police and the reporting actor's staff read the description."""
    return (
        principal.has_role("coordinator", "police")
        or "incidents:write" in principal.scopes
        or (principal.has_role("partner") and principal.actor_id == reporting_actor_id)
    )


@router.get("/observations/{observation_id}")
async def get_observation(
    request: Request, response: Response, observation_id: str, principal: CurrentPrincipal
) -> dict[str, Any]:
    require_read(principal)
    handlers = _handlers(request)
    async with read_only(handlers.store.engine) as conn:
        recorded = await handlers.store.read_stream(
            conn, tenant=principal.tenant, stream_id=observation_id
        )
        # Decoded, not revealed: the description is opened below, for its readers only.
        state = observation.fold(catalogue.decode(e.type, e.data) for e in recorded)
        if state is None:
            raise NotFound("no observation with that id", field="observationId")
        data = dict(recorded[0].data)
        body: dict[str, Any] = {
            "observationId": data["observation_id"],
            "category": data["category"],
            "areaId": data["area_id"],
            "place": data["place"],
            "coordinates": data.get("coordinates"),
            "observedAt": data["observed_at"],
            "filedAt": data["filed_at"],
            "reportingActorId": data["reporting_actor_id"],
            "incidentId": state.incident_id,
            "description": data.get("description"),
            "descriptionWithheld": False,
            "descriptionErased": state.description_erased,
            "version": len(recorded),
        }
        if not reads_description(principal, body["reportingActorId"]):
            body |= {"description": None, "descriptionWithheld": True}
        [opened] = await handlers.personal_data.reveal(
            conn, tenant=principal.tenant, documents=[body]
        )
    result: dict[str, Any] = readable(opened)
    response.headers["ETag"] = f'"{result["version"]}"'
    return result


@router.get("/situation/{area_id}/{week}")
async def get_situation_week(
    request: Request, response: Response, area_id: str, week: str, principal: CurrentPrincipal
) -> dict[str, Any]:
    require_read(principal)
    week = iso_week(week)
    handlers = _handlers(request)
    async with read_only(handlers.store.engine) as conn:
        recorded = await handlers.store.read_stream(
            conn, tenant=principal.tenant, stream_id=situation_stream(area_id, week)
        )
    state = situation.fold(catalogue.decode(e.type, e.data) for e in recorded)
    decisions = state.decisions if state is not None else {}
    response.headers["ETag"] = f'"{len(recorded)}"'
    return {
        "areaId": area_id,
        "week": week,
        "version": len(recorded),
        "decisions": [
            {
                "decisionId": decision_id,
                "action": decision.action,
                "ownerActorId": decision.owner_actor_id,
                "due": decision.due,
                "status": decision.status.value,
            }
            for decision_id, decision in decisions.items()
        ],
    }


@router.post("/imports/observations", response_model=None)
async def import_observations_route(
    request: Request,
    principal: CurrentPrincipal,
    dry_run: DryRun = False,
) -> JSONResponse:
    if not may_file_for(principal, principal.actor_id):  # before the file is read
        raise Forbidden("your role may not file observations")
    handlers = _handlers(request)
    text = file_text(await request.body())
    report = await import_observations(handlers.situation, principal, text, dry_run=dry_run)
    return JSONResponse(report.as_json(), status_code=422 if report.errors else 200)

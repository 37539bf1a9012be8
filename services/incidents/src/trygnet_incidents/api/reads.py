"""Reads of the incidents service, redacted for the reader before anything is opened.

- ``GET /incidents?status=&areaId=&kind=&severity=&minSeverity=&sensitivity=&from=&to=
  &id=&actorId=&first=50&after=``: newest first by when they occurred (``from``/``to`` bound
  that moment; ``id``, repeated, looks up a batch; ``actorId``, those whose response the
  actor took part in, as far as the reader may know), paged with an opaque cursor:
  ``{items, cursors, totalCount, pageInfo}``.
- ``GET /incidents/{id}``: the incident with its status history, alerts, links, and
  the response: roles, tasks, timeline, latest tactical report, follow-up activities.
- ``GET /escalation-matrix``: the tenant's rules; ``GET /escalation-matrix/alerts?kind=
  &severity=&areaId=``: whom an incident like that would alert, and by which rule.

Coordinators, partners, police and integration clients with an ``incidents:`` scope
read; national bodies read nothing here. What each sees of a restricted incident
is in ``trygnet_vocabulary.incident_redaction``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request, Response
from sqlalchemy import bindparam, select

from trygnet_core.auth import CurrentPrincipal, Principal
from trygnet_core.database import read_only
from trygnet_core.errors import Forbidden, NotFound
from trygnet_core.paging import fetch_page
from trygnet_core.personal_data import readable
from trygnet_core.service import PageSize
from trygnet_incidents.domain import model
from trygnet_incidents.domain.escalation import EscalationRule, alerts
from trygnet_incidents.domain.model import IncidentKind, IncidentStatus, Sensitivity
from trygnet_incidents.handlers import IncidentsHandlers
from trygnet_incidents.participation import took_part
from trygnet_incidents.read_model import incidents
from trygnet_vocabulary.incident_redaction import listed, redacted

router = APIRouter()


def require_read(principal: Principal) -> None:
    if not (
        principal.has_role("coordinator", "partner", "police")
        or any(scope.startswith("incidents:") for scope in principal.scopes)
    ):
        raise Forbidden("your role does not read the incidents service")


def _handlers(request: Request) -> IncidentsHandlers:
    handlers: IncidentsHandlers = request.app.state.handlers
    return handlers


@router.get("/incidents")
async def list_incidents(
    request: Request,
    principal: CurrentPrincipal,
    status: IncidentStatus | None = None,
    area: Annotated[str | None, Query(alias="areaId")] = None,
    kind: IncidentKind | None = None,
    severity: Annotated[int | None, Query(ge=1, le=4)] = None,
    minimum_severity: Annotated[int | None, Query(alias="minSeverity", ge=1, le=4)] = None,
    sensitivity: Sensitivity | None = None,
    occurred_from: Annotated[str | None, Query(alias="from")] = None,
    occurred_to: Annotated[str | None, Query(alias="to")] = None,
    ids: Annotated[list[str] | None, Query(alias="id", max_length=200)] = None,
    actor: Annotated[str | None, Query(alias="actorId", max_length=200)] = None,
    first: PageSize = 50,
    after: str | None = None,
    whole: Annotated[bool, Query(alias="full")] = False,
) -> dict[str, Any]:
    """``full=true`` answers each incident whole (as ``GET /incidents/{id}`` would, redacted
    for the reader), so a client reading the response of many incidents makes one call."""
    require_read(principal)
    conditions: list[Any] = [incidents.c.tenant_id == principal.tenant]
    for column, value in (
        (incidents.c.status, status),
        (incidents.c.area_id, area),
        (incidents.c.kind, kind),
        (incidents.c.severity, severity),
        (incidents.c.sensitivity, sensitivity),
    ):
        if value is not None:
            conditions.append(column == value)
    if ids:
        conditions.append(incidents.c.incident_id.in_(sorted(set(ids))))
    if actor is not None:
        conditions.append(took_part(incidents, actor, principal))
    if minimum_severity is not None:
        conditions.append(incidents.c.severity >= minimum_severity)
    if occurred_from:
        conditions.append(incidents.c.occurred_at >= model.moment(occurred_from, field="from"))
    if occurred_to:
        conditions.append(incidents.c.occurred_at <= model.moment(occurred_to, field="to"))
    handlers = _handlers(request)
    async with read_only(handlers.store.engine) as conn:
        page = await fetch_page(
            conn,
            incidents,
            conditions,
            key=(incidents.c.occurred_at, incidents.c.incident_id),
            first=first,
            after=after,
            cursors=request.app.state.cursors,
            descending=True,
        )
        shown = [redacted(row.body, principal) for row in page.rows]
        if not whole:
            shown = [listed(body) for body in shown]
        opened = await handlers.personal_data.reveal(conn, tenant=principal.tenant, documents=shown)
    return page.answer(readable(opened))


@router.get("/incidents/{incident_id}")
async def get_incident(
    request: Request, response: Response, incident_id: str, principal: CurrentPrincipal
) -> dict[str, Any]:
    """The incident as the reader may see it; ``ETag`` is its version, for ``If-Match``."""
    result = await read_incident(_handlers(request), principal, incident_id)
    response.headers["ETag"] = f'"{result["version"]}"'
    return result


_ONE = select(incidents.c.body).where(
    incidents.c.tenant_id == bindparam("tenant"), incidents.c.incident_id == bindparam("incident")
)
"""``read_incident``'s statement, built once: every command answers with its incident."""


async def read_incident(
    handlers: IncidentsHandlers, principal: Principal, incident_id: str
) -> dict[str, Any]:
    """One incident as the reader may see it: ``GET /incidents/{id}``'s answer, and what
    a command on it answers with ``Prefer: return=representation``."""
    require_read(principal)
    async with read_only(handlers.store.engine) as conn:
        given = {"tenant": principal.tenant, "incident": incident_id}
        row = (await conn.execute(_ONE, given)).first()
        if row is None:
            raise NotFound("no incident with that id", field="incidentId")
        [opened] = await handlers.personal_data.reveal(
            conn, tenant=principal.tenant, documents=[redacted(row.body, principal)]
        )
    result: dict[str, Any] = readable(opened)
    return result


async def _matrix_rules(request: Request, principal: Principal) -> Iterable[EscalationRule]:
    """The municipality's escalation rules (none before its matrix is set)."""
    require_read(principal)
    handlers = _handlers(request)
    async with read_only(handlers.store.engine) as conn:
        matrix = await handlers.matrix(conn, principal.tenant)
    return matrix.rules.values() if matrix is not None else ()


@router.get("/escalation-matrix")
async def get_escalation_matrix(request: Request, principal: CurrentPrincipal) -> dict[str, Any]:
    rules = await _matrix_rules(request, principal)
    return {
        "rules": [
            {
                "ruleId": rule.rule_id,
                "kind": rule.kind,
                "minimumSeverity": rule.minimum_severity,
                "areaId": rule.area_id,
                "actorIds": list(rule.actor_ids),
            }
            for rule in rules
        ]
    }


@router.get("/escalation-matrix/alerts")
async def preview_alerts(
    request: Request,
    principal: CurrentPrincipal,
    kind: IncidentKind,
    severity: Annotated[int, Query(ge=1, le=4)],
    area: Annotated[str, Query(alias="areaId")],
) -> dict[str, Any]:
    """Whom an incident of this kind, severity and area would alert: "whom to call"."""
    rules = await _matrix_rules(request, principal)
    return {
        "alerts": [
            {"actorId": alert["actor_id"], "ruleId": alert["rule_id"]}
            for alert in alerts(rules, kind, severity, area)
        ]
    }

"""Observations filed in bulk from a CSV file, as reporters keep them in a spreadsheet.

Columns (header row required, any order, UTF-8, comma- or semicolon-separated):

    category*, area*, place*, observed_at*, reporting_actor, description, lat, lon,
    incident_id

``category`` is a situation-picture category (``graffiti``, ``drug dealing``...);
``area`` an area's name or id; ``observed_at`` a moment with its time zone
(``2026-09-14T21:40:00+02:00``) or a day (taken as noon UTC, today's as no later
than the filing); ``reporting_actor`` an
actor's id, left empty for the caller's own actor (partner and police staff may
file for their own actor only). Every row is checked with the same rules as the API
(``observation.filed``), so the report names the line and column of every bad row;
a file with any bad row writes nothing. Otherwise the whole file is one transaction,
every observation its own stream, through the kernel's batched append of imports.
The report answers each observation's id in the file's order (``observationIds``):
the only way to find an imported observation again, to link it to an incident or
to erase its description.
"""

from __future__ import annotations

import dataclasses
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from trygnet_core.auth import Principal
from trygnet_core.checks import name_key
from trygnet_core.errors import BadUserInput, Forbidden, TrygnetError
from trygnet_core.events import DomainEvent
from trygnet_core.replica import area_ids_by_name, look_up
from trygnet_core.spreadsheets import RowError, read_csv
from trygnet_incidents.domain.commands import FileObservation
from trygnet_incidents.domain.observation import filed
from trygnet_incidents.situation_handlers import SituationHandlers, may_file_for

COLUMNS = (
    "category",
    "area",
    "place",
    "observed_at",
    "reporting_actor",
    "description",
    "lat",
    "lon",
    "incident_id",
)
_REQUIRED = ("category", "area", "place", "observed_at")
#: The domain's field names (as errors name them) to the file's columns.
_COLUMN_OF = {
    "category": "category",
    "areaId": "area",
    "place": "place",
    "observedAt": "observed_at",
    "reportingActorId": "reporting_actor",
    "description": "description",
    "coordinates": "lat",
    "coordinates.lat": "lat",
    "coordinates.lon": "lon",
    "incidentId": "incident_id",
}


@dataclass
class ObservationImportReport:
    rows: int = 0
    errors: list[RowError] = field(default_factory=list)
    written: bool = False
    position: int | None = None
    versions: dict[str, int] = field(default_factory=dict)
    """The version each observation written reached (``{streamId: version}``)."""
    observation_ids: list[str] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        return {
            "rows": self.rows,
            "observationsFiled": len(self.observation_ids) if self.written else 0,
            "written": self.written,
            "position": self.position,
            "versions": self.versions,
            "errors": [dataclasses.asdict(e) for e in self.errors],
            "observationIds": self.observation_ids,
        }


async def import_observations(
    handlers: SituationHandlers, principal: Principal, text: str, *, dry_run: bool
) -> ObservationImportReport:
    if not may_file_for(principal, principal.actor_id):
        raise Forbidden("your role may not file observations")
    rows = read_csv(text, columns=COLUMNS, required=_REQUIRED)
    report = ObservationImportReport(rows=len(rows))
    filed_at = datetime.now(UTC).isoformat(timespec="seconds")
    async with handlers.store.transaction() as tx:
        tenant = principal.tenant
        areas = await area_ids_by_name(tx, tenant=tenant)
        commands = [(line, _command(row, areas, principal, filed_at)) for line, row in rows]
        known = await look_up(
            tx,
            tenant=tenant,
            area_ids={c.area_id for _, c in commands},
            actor_ids={c.reporting_actor_id for _, c in commands},
        )
        incidents = {c.incident_id for _, c in commands if c.incident_id}
        existing = await handlers.store.existing_streams(
            tx, tenant=tenant, stream_type="Incident", ids=sorted(incidents)
        )
        plan: list[tuple[str, str, int, Sequence[DomainEvent]]] = []
        for line, command in commands:
            try:
                _allowed(principal, command)
                if command.incident_id and command.incident_id not in existing:
                    raise BadUserInput("no incident with that id", field="incidentId")
                plan.append((command.observation_id, "Observation", 0, [filed(command, known)]))
            except TrygnetError as error:
                column = _COLUMN_OF.get(error.field or "", error.field or "")
                report.errors.append(RowError(line=line, column=column, reason=error.detail))
        if report.errors or dry_run:
            return report
        planned = await handlers.writer.append_planned(tx, principal, plan)
        report.position, report.versions = planned.position, planned.versions
        report.observation_ids = [stream_id for stream_id, *_ in plan]
        report.written = True
    return report


def _command(
    row: Mapping[str, str], areas: Mapping[str, str], principal: Principal, filed_at: str
) -> FileObservation:
    """The row as the API's command; what is wrong in it is for ``filed`` to name."""
    lat, lon = row.get("lat", ""), row.get("lon", "")
    coordinates: dict[str, Any] | None = None
    if lat or lon:
        coordinates = {"lat": _number(lat), "lon": _number(lon)}
    area = row.get("area", "")
    observed_at = row.get("observed_at", "")
    if len(observed_at) == 10:  # a day alone: noon UTC, so it stays that day in Europe,
        # but today's no later than its filing (a morning's import of today's rounds)
        noon = f"{observed_at}T12:00:00+00:00"
        observed_at = min(noon, filed_at) if observed_at == filed_at[:10] else noon
    return FileObservation(
        observation_id=f"observation-{uuid.uuid4().hex}",
        category=row.get("category", "").strip().lower().replace(" ", "_").replace("-", "_"),
        area_id=areas.get(name_key(area), area),
        place=row.get("place", ""),
        observed_at=observed_at,
        reporting_actor_id=row.get("reporting_actor") or principal.actor_id or "",
        filed_at=filed_at,
        description=row.get("description") or None,
        coordinates=coordinates,
        incident_id=row.get("incident_id") or None,
    )


def _allowed(principal: Principal, command: FileObservation) -> None:
    if not command.reporting_actor_id:
        raise BadUserInput("name the reporting actor (an actor's id)", field="reportingActorId")
    if not may_file_for(principal, command.reporting_actor_id):
        raise BadUserInput(
            "you may file observations for your own actor only", field="reportingActorId"
        )


def _number(text: str) -> float | str:
    """A decimal number (a decimal comma is read too); anything else is left for the
    domain to refuse."""
    try:
        return float(text.replace(",", "."))
    except ValueError:
        return text

"""The incidents as users read them: one row per incident, changed in the append's transaction.

The row holds what lists filter and sort by (status, area, kind, severity,
sensitivity, when it occurred) as columns, and the whole incident as one JSON
document in the words of the API (camelCase): the report, the status history, the
alerts, the response's roles, tasks, timeline, latest tactical report and
follow-up activities. Personal fields (place, coordinates, summary, restricted
details, task titles, reasons, timeline text, report text) stay sealed in the
document, and the reads decide who sees them before anything is opened
(``trygnet_vocabulary.incident_redaction``). Text that events stored before it was sealed
carry in clear is replaced by ``[erased]`` when the incident's personal data is erased.

The updater applies only the newly appended events to the stored document: a long
response costs one read and one write per append, not a refold of its history.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import (
    JSON,
    Column,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    insert,
    select,
    update,
)
from sqlalchemy.ext.asyncio import AsyncConnection

from trygnet_core.envelope import RecordedEvent
from trygnet_core.personal_data import Erased, is_sealed, readable
from trygnet_incidents.participation import record_participants
from trygnet_vocabulary import incident_status

metadata = MetaData()

incidents = Table(
    "incidents",
    metadata,
    Column("tenant_id", String(64), primary_key=True),
    Column("incident_id", String(200), primary_key=True),
    Column("kind", String(40), nullable=False),
    Column("severity", Integer, nullable=False),
    Column("area_id", String(80), nullable=False),
    Column("status", String(20), nullable=False),
    Column("sensitivity", String(20), nullable=False),
    Column("occurred_at", String(40), nullable=False),
    Column("reported_at", String(40), nullable=False),
    Column("version", Integer, nullable=False),
    Column("body", JSON, nullable=False),
    Index("ix_incidents_occurred", "tenant_id", "occurred_at", "incident_id"),
)

_COLUMNS = {
    "kind": "kind",
    "severity": "severity",
    "area_id": "areaId",
    "status": "status",
    "sensitivity": "sensitivity",
    "occurred_at": "occurredAt",
    "reported_at": "reportedAt",
}


async def update_incidents(conn: AsyncConnection, recorded: Sequence[RecordedEvent]) -> None:
    """The store's state updater: apply the appended events to each incident's document."""
    appended = [event for event in recorded if event.stream_type == "Incident"]
    if not appended:
        return
    by_tenant: dict[str, set[str]] = {}
    for event in appended:
        by_tenant.setdefault(event.tenant_id, set()).add(event.stream_id)
    stored: dict[tuple[str, str], dict[str, Any]] = {}
    for tenant, ids in by_tenant.items():
        rows = await conn.execute(
            select(incidents.c.incident_id, incidents.c.body).where(
                incidents.c.tenant_id == tenant, incidents.c.incident_id.in_(sorted(ids))
            )
        )
        stored.update({(tenant, row.incident_id): copy.deepcopy(row.body) for row in rows})
    new = [
        key
        for key in dict.fromkeys((str(e.tenant_id), e.stream_id) for e in appended)
        if key not in stored
    ]
    versions: dict[tuple[str, str], int] = {}
    for event in appended:
        stream = (str(event.tenant_id), event.stream_id)
        stored[stream] = apply(stored.get(stream), event.type, event.data)
        versions[stream] = event.version
    if new:
        await conn.execute(
            insert(incidents), [_row(key, stored[key], versions[key]) for key in new]
        )
    for key, version in versions.items():
        if key not in new:
            row = _row(key, stored[key], version)
            await conn.execute(
                update(incidents)
                .where(incidents.c.tenant_id == key[0], incidents.c.incident_id == key[1])
                .values({name: value for name, value in row.items() if name not in _KEYS})
            )
    await record_participants(conn, [(key, stored[key]) for key in versions])


_KEYS = ("tenant_id", "incident_id")


def _row(key: tuple[str, str], body: Mapping[str, Any], version: int) -> dict[str, Any]:
    return {
        "tenant_id": key[0],
        "incident_id": key[1],
        **{column: body[name] for column, name in _COLUMNS.items()},
        "version": version,
        "body": dict(body, version=version),
    }


def apply(body: dict[str, Any] | None, event_type: str, data: Mapping[str, Any]) -> dict[str, Any]:
    """The document after one event (with its personal values still sealed)."""
    if event_type == "IncidentReported":
        return {
            "incidentId": data["incident_id"],
            "kind": data["kind"],
            "severity": data["severity"],
            "areaId": data["area_id"],
            "place": data["place"],
            "coordinates": data.get("coordinates"),
            "occurredAt": data["occurred_at"],
            "reportedAt": data["reported_at"],
            "reportingActorId": data["reporting_actor_id"],
            "sensitivity": data["sensitivity"],
            "summary": data["summary"],
            "restrictedDetails": data.get("restricted_details"),
            "status": incident_status.FIRST.value,
            "statusAt": data["reported_at"],
            "statusHistory": [
                {"status": incident_status.FIRST.value, "at": data["reported_at"], "reason": None}
            ],
            "links": [],
            "alerts": [],
            "roles": [],
            "tasks": [],
            "timeline": [],
            "tacticalReport": None,
            "followUpActivities": [],
            "personalDataErased": False,
        }
    if body is None:  # an event before the report cannot be; nothing to apply it to
        raise ValueError(f"{event_type} for an incident that was never reported")
    moved = incident_status.status_after(event_type)
    if moved is not None:
        body["status"], body["statusAt"] = moved.value, data["at"]
        body["statusHistory"].append(
            {"status": moved.value, "at": data["at"], "reason": data.get("reason")}
        )
        return body
    match event_type:
        case "ActorsAlerted":
            body["alerts"] = [
                {"actorId": alert["actor_id"], "ruleId": alert["rule_id"]}
                for alert in data["alerts"]
            ]
        case "IncidentLinked":
            link = {"incidentId": data["linked_incident_id"], "kind": data["kind"]}
            body["links"] = [*_without(body["links"], "incidentId", link["incidentId"]), link]
        case "ResponseRoleAssigned":
            role = {
                "actorId": data["actor_id"],
                "role": data["role"],
                "contactId": data.get("contact_id"),
            }
            body["roles"] = [*_without(body["roles"], "actorId", role["actorId"]), role]
        case "ResponseRoleReleased":
            body["roles"] = _without(body["roles"], "actorId", data["actor_id"])
        case "TaskAdded":
            body["tasks"].append(
                {
                    "taskId": data["task_id"],
                    "title": data["title"],
                    "assigneeActorId": data["assignee_actor_id"],
                    "due": data["due"],
                    "priority": data["priority"],
                    "status": "open",
                }
            )
        case "TaskStatusChanged":
            for task in body["tasks"]:
                if task["taskId"] == data["task_id"]:
                    task["status"] = data["status"]
        case "TimelineEntryRecorded":
            body["timeline"].append(
                {
                    "entryId": data["entry_id"],
                    "kind": data["kind"],
                    "authorActorId": data["author_actor_id"],
                    "at": data["at"],
                    "text": data["text"],
                    "pinned": False,
                }
            )
            body["timeline"].sort(key=lambda entry: (entry["at"], entry["entryId"]))
        case "TimelineEntryPinned" | "TimelineEntryUnpinned":
            for entry in body["timeline"]:
                if entry["entryId"] == data["entry_id"]:
                    entry["pinned"] = event_type == "TimelineEntryPinned"
        case "TacticalReportUpdated":
            body["tacticalReport"] = {
                "version": data["report_version"],
                "authorActorId": data["author_actor_id"],
                "at": data["at"],
                "conditions": data.get("conditions"),
                "actions": data.get("actions"),
                "needs": data.get("needs"),
            }
        case "IncidentPersonalDataErased":
            body["personalDataErased"] = True
            _erase_clear_text(body)
        case "FollowUpActivityRecorded":
            body["followUpActivities"].append(
                {"activityId": data["activity_id"], "decisionEntryId": data["decision_entry_id"]}
            )
    return body


def _erase_clear_text(body: dict[str, Any]) -> None:
    """Erase what is still in clear text in the document: the place, coordinates, task
    titles and reasons of events stored before those were sealed. Sealed text needs
    nothing here: its key is gone, so it reads as erased wherever it is."""
    erased = readable(Erased(subject_id=body["incidentId"]))
    report = body["tacticalReport"] or {}
    for holder, name in (
        (body, "place"),
        (body, "coordinates"),
        (body, "summary"),
        (body, "restrictedDetails"),
        *((task, "title") for task in body["tasks"]),
        *((change, "reason") for change in body["statusHistory"]),
        *((entry, "text") for entry in body["timeline"]),
        *((report, name) for name in ("conditions", "actions", "needs")),
    ):
        if holder.get(name) is not None and not is_sealed(holder[name]):
            holder[name] = erased


def _without(items: list[dict[str, Any]], key: str, value: str) -> list[dict[str, Any]]:
    return [item for item in items if item[key] != value]

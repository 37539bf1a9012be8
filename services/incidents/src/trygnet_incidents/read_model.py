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
response costs one read and one write per append, not a refold of its history. It
applies the domain's own typed events (``domain/events.py``), upcast as every reader
of the store gets them and decoded by the service's catalogue, one ``case`` per event
class; a personal field is a sealed value or, in events stored before it was sealed,
clear text, and passes into the document as it is. Which status an event leads to is
the status rule's (``trygnet_vocabulary.incident_status``).
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
    bindparam,
    insert,
    select,
    update,
)
from sqlalchemy.ext.asyncio import AsyncConnection

from trygnet_core.checks import camel
from trygnet_core.envelope import RecordedEvent
from trygnet_core.events import DomainEvent
from trygnet_core.keys_in import key_chunks, keys_in
from trygnet_core.personal_data import Erased, is_sealed, readable
from trygnet_core.store import EventStore, StateUpdater
from trygnet_core.tenancy import tenant_table
from trygnet_incidents.domain import events
from trygnet_incidents.domain.model import TaskStatus
from trygnet_incidents.participation import record_participants
from trygnet_vocabulary import incident_status

metadata = MetaData()

incidents = tenant_table(
    "incidents",
    metadata,
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
    column.name: camel(column.name)
    for column in incidents.columns
    if column.name not in {"tenant_id", "incident_id", "version", "body"}
}
"""Each column lists filter and sort by, and the document's field it copies."""


def incidents_of(store: EventStore) -> StateUpdater:
    """The store's state updater: each incident appended to moves on from its stored
    document by the new events, as the domain's typed events (upcast as every reader
    of the store gets them, then decoded by the events.catalogue)."""

    async def update_incidents(conn: AsyncConnection, recorded: Sequence[RecordedEvent]) -> None:
        appended = [event for event in recorded if event.stream_type == "Incident"]
        if appended:
            await _update(conn, [store.upcasters.upcast(event) for event in appended])

    return update_incidents


async def _update(conn: AsyncConnection, appended: Sequence[RecordedEvent]) -> None:
    keys = sorted({(str(e.tenant_id), e.stream_id) for e in appended})
    stored: dict[tuple[str, str], dict[str, Any]] = {}
    for chunk in key_chunks(keys):
        rows = (await conn.execute(_STORED, {"keys": chunk})).all()
        stored.update({(r.tenant_id, r.incident_id): copy.deepcopy(r.body) for r in rows})
    new = [
        key
        for key in dict.fromkeys((str(e.tenant_id), e.stream_id) for e in appended)
        if key not in stored
    ]
    versions: dict[tuple[str, str], int] = {}
    for event in appended:
        stream = (str(event.tenant_id), event.stream_id)
        stored[stream] = apply(stored.get(stream), events.catalogue.decode(event.type, event.data))
        versions[stream] = event.version
    if new:
        await conn.execute(
            insert(incidents), [_row(key, stored[key], versions[key]) for key in new]
        )
    changed = [
        {**_values(stored[key], version), "t": key[0], "i": key[1]}
        for key, version in versions.items()
        if key not in new
    ]
    if changed:
        await conn.execute(_UPDATE, changed)
    await record_participants(conn, [(key, stored[key]) for key in versions])


# Built once; ``keys_in`` finds the incidents through the key's index on SQLite too.
_STORED = select(incidents.c.tenant_id, incidents.c.incident_id, incidents.c.body).where(
    keys_in((incidents.c.tenant_id, incidents.c.incident_id))
)
_UPDATE = update(incidents).where(
    incidents.c.tenant_id == bindparam("t"), incidents.c.incident_id == bindparam("i")
)


def _row(key: tuple[str, str], body: Mapping[str, Any], version: int) -> dict[str, Any]:
    return {"tenant_id": key[0], "incident_id": key[1], **_values(body, version)}


def _values(body: Mapping[str, Any], version: int) -> dict[str, Any]:
    """An incident's row but its key."""
    return {
        **{column: body[name] for column, name in _COLUMNS.items()},
        "version": version,
        "body": dict(body, version=version),
    }


def apply(body: dict[str, Any] | None, event: DomainEvent) -> dict[str, Any]:
    """The document after one event of the domain's (with its personal values still
    sealed, or in clear text as events stored before they were sealed carry them)."""
    if isinstance(event, events.IncidentReported):
        return _reported(event)
    if body is None:  # an event before the report cannot be; nothing to apply it to
        raise ValueError(f"{event.event_type()} for an incident that was never reported")
    match event:
        case events.IncidentActivated(at=at) | events.IncidentStabilised(at=at):
            _moved(body, event, at, reason=None)
        case (
            events.IncidentClosed(at=at, reason=reason)
            | events.IncidentReopened(at=at, reason=reason)
        ):
            _moved(body, event, at, reason)
        case events.ActorsAlerted(alerts=alerts):
            body["alerts"] = [{"actorId": a["actor_id"], "ruleId": a["rule_id"]} for a in alerts]
        case events.IncidentLinked(linked_incident_id=linked, kind=kind):
            link = {"incidentId": linked, "kind": str(kind)}
            body["links"] = [*_without(body["links"], "incidentId", linked), link]
        case events.ResponseRoleAssigned(actor_id=actor, role=role, contact_id=contact):
            role_held = {"actorId": actor, "role": str(role), "contactId": contact}
            body["roles"] = [*_without(body["roles"], "actorId", actor), role_held]
        case events.ResponseRoleReleased(actor_id=actor):
            body["roles"] = _without(body["roles"], "actorId", actor)
        case events.TaskAdded():
            body["tasks"].append(
                {
                    "taskId": event.task_id,
                    "title": event.title,
                    "assigneeActorId": event.assignee_actor_id,
                    "due": event.due,
                    "priority": str(event.priority),
                    "status": str(TaskStatus.OPEN),
                }
            )
        case events.TaskStatusChanged(task_id=task_id, status=status):
            for task in _having(body["tasks"], "taskId", task_id):
                task["status"] = str(status)
        case events.TimelineEntryRecorded():
            body["timeline"].append(
                {
                    "entryId": event.entry_id,
                    "kind": str(event.kind),
                    "authorActorId": event.author_actor_id,
                    "at": event.at,
                    "text": event.text,
                    "pinned": False,
                }
            )
            body["timeline"].sort(key=lambda entry: (entry["at"], entry["entryId"]))
        case (
            events.TimelineEntryPinned(entry_id=entry_id)
            | events.TimelineEntryUnpinned(entry_id=entry_id)
        ):
            for entry in _having(body["timeline"], "entryId", entry_id):
                entry["pinned"] = isinstance(event, events.TimelineEntryPinned)
        case events.TacticalReportUpdated():
            body["tacticalReport"] = {
                "version": event.report_version,
                "authorActorId": event.author_actor_id,
                "at": event.at,
                "conditions": event.conditions,
                "actions": event.actions,
                "needs": event.needs,
            }
        case events.FollowUpActivityRecorded(activity_id=activity, decision_entry_id=decision):
            body["followUpActivities"].append({"activityId": activity, "decisionEntryId": decision})
        case events.IncidentPersonalDataErased():
            body["personalDataErased"] = True
            _erase_clear_text(body)
    return body


def _reported(event: events.IncidentReported) -> dict[str, Any]:
    """The document an incident starts as: its report, ``reported``, nothing else yet."""
    first = str(incident_status.FIRST)
    return {
        "incidentId": event.incident_id,
        "kind": str(event.kind),
        "severity": event.severity,
        "areaId": event.area_id,
        "place": event.place,
        "coordinates": event.coordinates,
        "occurredAt": event.occurred_at,
        "reportedAt": event.reported_at,
        "reportingActorId": event.reporting_actor_id,
        "sensitivity": str(event.sensitivity),
        "summary": event.summary,
        "restrictedDetails": event.restricted_details,
        "status": first,
        "statusAt": event.reported_at,
        "statusHistory": [{"status": first, "at": event.reported_at, "reason": None}],
        "links": [],
        "alerts": [],
        "roles": [],
        "tasks": [],
        "timeline": [],
        "tacticalReport": None,
        "followUpActivities": [],
        "personalDataErased": False,
    }


def _moved(body: dict[str, Any], event: DomainEvent, at: str, reason: str | None) -> None:
    """The status the rule says ``event`` leads to, from ``at``, and its history."""
    moved = incident_status.status_after(event.event_type())
    if moved is not None:
        body["status"], body["statusAt"] = str(moved), at
        body["statusHistory"].append({"status": str(moved), "at": at, "reason": reason})


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


def _having(items: list[dict[str, Any]], key: str, value: str) -> list[dict[str, Any]]:
    return [item for item in items if item[key] == value]

"""Events as the events table holds them: the columns read, a row into a recorded
event, an append's events as recorded, and the metadata every appended event carries
(the caller's, with the correlation id and the trace context).
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any, Final

from sqlalchemy import Text, cast

from trygnet_core import telemetry
from trygnet_core.envelope import RecordedEvent
from trygnet_core.json_text import StoredJson
from trygnet_core.schema import events as event_table
from trygnet_core.store.backends import PendingAppend, Positions
from trygnet_core.store.types import StreamAppend
from trygnet_core.tenancy import TenantId, require_tenant

COLUMNS: Final = (
    event_table.c.position,
    event_table.c.tenant_id,
    event_table.c.stream_id,
    event_table.c.stream_type,
    event_table.c.version,
    event_table.c.event_id,
    event_table.c.type,
    event_table.c.schema_version,
    event_table.c.data,
    event_table.c.metadata,
    event_table.c.recorded_at,
)


def recorded_events(pending: PendingAppend, positions: Positions) -> list[RecordedEvent]:
    return [
        RecordedEvent(
            position=positions[version],
            tenant_id=pending.tenant,
            stream_id=pending.stream_id,
            stream_type=pending.stream_type,
            version=version,
            event_id=event.event_id,
            type=event.type,
            schema_version=event.schema_version,
            data=dict(event.data),
            metadata=pending.metadata,
            recorded_at=pending.recorded_at,
        )
        for version, event in enumerate(pending.events, start=pending.expected_version + 1)
    ]


def event_metadata(given: Mapping[str, Any] | None) -> dict[str, Any]:
    """Caller's metadata (actor, causation id) plus correlation id and trace context."""
    meta: dict[str, Any] = {}
    correlation_id = telemetry.current_correlation_id()
    if correlation_id:
        meta["correlation_id"] = correlation_id
    meta.update(telemetry.trace_context())
    if given:
        meta.update({key: value for key, value in given.items() if value is not None})
    return meta


def pending_append(append: StreamAppend, recorded_at: datetime) -> PendingAppend:
    """An append as the store hands it to its backend: its tenant required, its events'
    metadata (``event_metadata``) and the time they are recorded."""
    return PendingAppend(
        tenant=require_tenant(append.tenant),
        stream_id=append.stream_id,
        stream_type=append.stream_type,
        expected_version=append.expected_version,
        events=append.events,
        metadata=event_metadata(append.metadata),
        recorded_at=recorded_at,
    )


UNPUBLISHED_COLUMNS: Final = tuple(
    cast(column, Text).label("data") if column is event_table.c.data else column
    for column in COLUMNS
)
"""``COLUMNS`` with the data as the text stored: the relay sends it as it is."""


def row_to_event(row: Any) -> RecordedEvent:
    recorded_at: datetime = row.recorded_at
    if recorded_at.tzinfo is None:
        recorded_at = recorded_at.replace(tzinfo=UTC)
    event_id = row.event_id if isinstance(row.event_id, uuid.UUID) else uuid.UUID(str(row.event_id))
    return RecordedEvent(
        position=row.position,
        tenant_id=TenantId(row.tenant_id),
        stream_id=row.stream_id,
        stream_type=row.stream_type,
        version=row.version,
        event_id=event_id,
        type=row.type,
        schema_version=row.schema_version,
        data=row.data if not isinstance(row.data, str) else StoredJson(row.data),
        metadata=row.metadata,
        recorded_at=recorded_at,
    )

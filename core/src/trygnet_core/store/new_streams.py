"""Many new streams stored at once (``EventStore.append_many``: imports, rebuilds).

All their stream rows are claimed in one multi-row ``INSERT ... ON CONFLICT DO
NOTHING RETURNING``, and all their events inserted in multi-row inserts (SQLAlchemy
pages them); a stream that existed already is a ``ConcurrencyConflict``, and the
caller's transaction then writes nothing.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncConnection

from trygnet_core.errors import Conflict
from trygnet_core.schema import events as event_table
from trygnet_core.schema import streams
from trygnet_core.store.backends import PendingAppend, Positions
from trygnet_core.store.types import ConcurrencyConflict


async def store_new_streams(
    conn: AsyncConnection, pendings: Sequence[PendingAppend]
) -> dict[tuple[str, str], Positions]:
    """Store the appends (each at expected version 0); each stream's event positions."""
    if not pendings:
        return {}
    dialect = postgresql if conn.dialect.name == "postgresql" else sqlite
    claim = (
        dialect.insert(streams)
        .on_conflict_do_nothing()
        .returning(streams.c.tenant_id, streams.c.stream_id)
    )
    claimed = await conn.execute(
        claim,
        [
            {
                "tenant_id": p.tenant,
                "stream_id": p.stream_id,
                "stream_type": p.stream_type,
                "version": p.new_version,
            }
            for p in pendings
        ],
    )
    taken = {(row.tenant_id, row.stream_id) for row in claimed}
    for pending in pendings:
        if (pending.tenant, pending.stream_id) not in taken:
            raise ConcurrencyConflict(
                stream_id=pending.stream_id, expected_version=0, actual_version=None
            )
    rows = [
        {
            "tenant_id": p.tenant,
            "stream_id": p.stream_id,
            "stream_type": p.stream_type,
            "version": version,
            "event_id": event.event_id,
            "type": event.type,
            "schema_version": event.schema_version,
            "data": dict(event.data),
            "metadata": p.metadata,
            "recorded_at": p.recorded_at,
        }
        for p in pendings
        for version, event in enumerate(p.events, start=1)
    ]
    try:
        inserted = await conn.execute(
            event_table.insert().returning(
                event_table.c.tenant_id,
                event_table.c.stream_id,
                event_table.c.version,
                event_table.c.position,
            ),
            rows,
        )
    except IntegrityError as exc:
        raise Conflict("an event with this id is stored already", field="eventId") from exc
    positions: dict[tuple[str, str], Positions] = {}
    for row in inserted:
        positions.setdefault((row.tenant_id, row.stream_id), {})[row.version] = row.position
    return positions

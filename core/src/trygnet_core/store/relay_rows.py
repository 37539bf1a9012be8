"""The relay's own read of committed events: only the columns it sends, as plain values.

``EventStore.read_unpublished`` gives ``RecordedEvent``\\ s, and each costs what the relay
has no use for: a UUID made from the stored id (to be written back as text), a datetime
parsed from the stored time (to be formatted again), the data wrapped, the rows built
by SQLAlchemy's result machinery. ``EventStore.read_for_relay`` reads the same rows, in
the same order past the same checkpoint (the backend's ``published_after`` and
``publish_order``, see ``backends.py``), as a plain tuple each (``RelayRow``):

====  ===============  =============================================================
 0    transaction id   (always 0 on SQLite)
 1    position
 2    tenant id
 3    stream id
 4    stream type
 5    version
 6    event id         text: 32 hex digits as SQLite stores it, or PostgreSQL's
                       canonical text of the uuid
 7    type
 8    schema version
 9    data             the stored JSON text's UTF-8 bytes: the message value as it is
10    metadata         the stored JSON text
11    recorded at      ``YYYY-MM-DD HH:MM:SS.ffffff`` in UTC: SQLite's stored text,
                       PostgreSQL's ``to_char`` of the same
====  ===============  =============================================================

``trygnet_core.relay_messages`` turns them into messages byte for byte those
``envelope.to_kafka`` makes of the recorded events.

On SQLite the statement goes straight to ``sqlite3`` on the connection's own driver
connection (as the backend's appends do: ``sqlite_dialect``), its rows the driver's
tuples. On PostgreSQL it goes through ``exec_driver_sql`` (SQLAlchemy's error handling
and transaction kept, its typed result processing skipped; asyncpg decodes the values).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Final

from sqlalchemy.ext.asyncio import AsyncConnection

from trygnet_core.sqlite_dialect import driver_of
from trygnet_core.store.types import Checkpoint

RelayRow = Sequence[Any]
"""One committed event as the relay reads it: the columns the module doc lists."""

_SQLITE: Final = """
SELECT transaction_id, position, tenant_id, stream_id, stream_type, version, event_id, type,
       schema_version, CAST(data AS BLOB), metadata, recorded_at
FROM events WHERE position > ? ORDER BY position LIMIT ?
"""
# The transaction id is always 0 on SQLite: by position alone is the relay's order there.

PG_HORIZON: Final = "pg_snapshot_xmin(pg_current_snapshot())::text::bigint"
"""The oldest transaction still running: the relay reads only events written before it
(the guard in ``backends.py``), here and in ``PostgresBackend.published_after``."""

_POSTGRES: Final = f"""
SELECT transaction_id, "position", tenant_id, stream_id, stream_type, version,
       CAST(event_id AS text), type, schema_version, convert_to(CAST(data AS text), 'UTF8'),
       CAST(metadata AS text),
       to_char(recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US')
FROM events
WHERE (transaction_id, "position") > ($1, $2)
  AND transaction_id < {PG_HORIZON}
ORDER BY transaction_id, "position"
LIMIT $3
"""  # noqa: S608


async def sqlite_relay_rows(
    conn: AsyncConnection, after: Checkpoint, limit: int
) -> Sequence[RelayRow]:
    return driver_of(conn).execute(_SQLITE, (after.position, limit)).fetchall()


async def postgres_relay_rows(
    conn: AsyncConnection, after: Checkpoint, limit: int
) -> Sequence[RelayRow]:
    result = await conn.exec_driver_sql(_POSTGRES, (after.transaction_id, after.position, limit))
    return result.all()


def checkpoint_of(row: RelayRow) -> Checkpoint:
    """The relay's checkpoint once ``row`` is published."""
    return Checkpoint(transaction_id=row[0], position=row[1])

"""A prototype of the append path proposed for ``core/``, to measure what it would gain.

It is *not* used by the platform. It subclasses the kernel's ``EventStore`` and
changes only how an append talks to the database, keeping what the append
stores (tenant, stream, version, event id, type, schema version, JSON data,
JSON metadata, time, transaction id), its expected-version check, its errors
and its state updaters. The profile (``bench/diagnosis.py``) showed that the
time goes to trips between Python and the database, not to SQL work, so each
change removes trips:

SQLite (aiosqlite runs each driver call on the connection's thread and hands
the result back to the event loop: one thread hop each, about 0.1 ms here):

- events are inserted with one multi-row ``INSERT ... RETURNING position,
  event_id`` and matched to their rows by event id. The kernel asks SQLAlchemy
  for ``sort_by_parameter_order=True``, which SQLite cannot honour in one
  statement, so SQLAlchemy inserts the rows one by one: 2 hops per event.
- the pool does not roll back a connection that was just committed
  (``pool_reset_on_return=None``; ``Connection.close()`` still rolls back any
  transaction left open): 1 hop per command.
- writers of one process take an ``asyncio.Lock`` before ``BEGIN IMMEDIATE``.
  SQLite admits one writer anyway; without the lock the others wait in
  SQLite's busy handler, which sleeps in growing steps instead of waking when
  the lock is free.

PostgreSQL (each statement is a round trip to the server):

- no ``pool_pre_ping``: on asyncpg SQLAlchemy pings with ``BEGIN; ;
  ROLLBACK`` (three round trips) at every checkout. A dropped connection is
  then found by the first statement instead, which fails the command with a
  retryable error (``pool_recycle`` keeps connections fresh).
- the stream move and the event insert are one statement: a data-modifying
  CTE moves the stream row and the ``INSERT ... SELECT`` joins it, so a stream
  at another version inserts nothing and the append raises the same conflict.
- with ``autocommit=True``, an append that is its own transaction and has no
  state updater to run sends that one statement without ``BEGIN`` and
  ``COMMIT``: a single statement is atomic by itself, so one round trip is the
  whole command. A service whose current-state tables change with the append
  (a state updater) keeps the transaction, and with it two more round trips.
"""

from __future__ import annotations

import asyncio
import json
import uuid
from collections.abc import AsyncIterator, Mapping, Sequence
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from typing import Any, Final

from sqlalchemy import TextClause, text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from trygnet_core.envelope import NewEvent, RecordedEvent
from trygnet_core.errors import BadUserInput, Conflict
from trygnet_core.schema import events as event_table
from trygnet_core.store import ConcurrencyConflict, EventStore
from trygnet_core.store.event_store import _event_metadata
from trygnet_core.tenancy import TenantId, require_tenant

#: Engine options the proposal adds to ``create_engine`` per backend.
ENGINE_OPTIONS: Final[dict[str, dict[str, Any]]] = {
    "sqlite": {"pool_reset_on_return": None},
    "postgresql": {"pool_pre_ping": False, "pool_recycle": 1800},
}

_XID: Final = "pg_current_xact_id()::text::bigint"
_EVENTS_FROM_MOVED: Final = f"""
INSERT INTO events (tenant_id, stream_id, stream_type, version, event_id, "type",
                    schema_version, data, "metadata", recorded_at, transaction_id)
SELECT CAST(:tenant AS varchar), CAST(:stream_id AS varchar), CAST(:stream_type AS varchar),
       e.version, e.event_id, e.type, e.schema_version, CAST(e.data AS json),
       CAST(CAST(:metadata AS text) AS json), CAST(:recorded_at AS timestamptz), {_XID}
FROM moved,
     unnest(CAST(:versions AS int[]), CAST(:event_ids AS uuid[]), CAST(:types AS text[]),
            CAST(:schema_versions AS int[]), CAST(:datas AS text[]))
     WITH ORDINALITY AS e(version, event_id, type, schema_version, data, n)
ORDER BY e.n
RETURNING "position", event_id
"""
_PG_NEW_STREAM: Final = text(
    f"""
WITH moved AS (
    INSERT INTO streams (tenant_id, stream_id, stream_type, version, transaction_id)
    VALUES (:tenant, :stream_id, :stream_type, :new_version, {_XID})
    ON CONFLICT DO NOTHING
    RETURNING 1
)
{_EVENTS_FROM_MOVED}"""
)
_PG_NEXT_EVENTS: Final = text(
    f"""
WITH moved AS (
    UPDATE streams SET version = :new_version, transaction_id = {_XID}
    WHERE tenant_id = :tenant AND stream_id = :stream_id AND version = :expected_version
      AND transaction_id <= {_XID}
    RETURNING 1
)
{_EVENTS_FROM_MOVED}"""
)


class ProposedEventStore(EventStore):
    """``EventStore`` with the append path proposed for ``core/`` (see the module doc)."""

    def __init__(self, engine: AsyncEngine, *, autocommit: bool = False) -> None:
        super().__init__(engine)
        self._postgres = engine.dialect.name == "postgresql"
        self._writer_lock = None if self._postgres else asyncio.Lock()
        self._autocommit = (
            engine.execution_options(isolation_level="AUTOCOMMIT")
            if autocommit and self._postgres
            else None
        )

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[AsyncConnection]:
        if self._writer_lock is None:
            async with super().transaction() as conn:
                yield conn
            return
        async with self._writer_lock, super().transaction() as conn:
            yield conn

    async def append(
        self,
        conn: AsyncConnection | None = None,
        *,
        tenant: TenantId,
        stream_id: str,
        stream_type: str,
        expected_version: int,
        events: Sequence[NewEvent],
        metadata: Mapping[str, Any] | None = None,
    ) -> list[RecordedEvent]:
        if conn is None and self._autocommit is not None and not self._state_updaters:
            async with self._autocommit.connect() as single:
                recorded = await self.append(
                    single,
                    tenant=tenant,
                    stream_id=stream_id,
                    stream_type=stream_type,
                    expected_version=expected_version,
                    events=events,
                    metadata=metadata,
                )
            for callback in self._appended:
                callback()
            return recorded
        if conn is None:
            async with self.transaction() as own:
                return await self.append(
                    own,
                    tenant=tenant,
                    stream_id=stream_id,
                    stream_type=stream_type,
                    expected_version=expected_version,
                    events=events,
                    metadata=metadata,
                )
        require_tenant(tenant)
        if not events:
            raise BadUserInput("nothing to append", field="events")
        if expected_version < 0:
            raise BadUserInput("expected version must be 0 or more", field="expectedVersion")
        now = datetime.now(UTC)
        meta = _event_metadata(metadata)
        try:
            if self._postgres:
                positions = await self._insert_postgres(
                    conn, tenant, stream_id, stream_type, expected_version, events, meta, now
                )
            else:
                positions = await self._insert_sqlite(
                    conn, tenant, stream_id, stream_type, expected_version, events, meta, now
                )
        except IntegrityError as exc:
            raise Conflict("an event with this id is stored already", field="eventId") from exc
        if positions is None:
            actual = await self.stream_version(conn, tenant=tenant, stream_id=stream_id)
            raise ConcurrencyConflict(
                stream_id=stream_id, expected_version=expected_version, actual_version=actual
            )
        recorded = [
            RecordedEvent(
                position=positions[event.event_id],
                tenant_id=tenant,
                stream_id=stream_id,
                stream_type=stream_type,
                version=expected_version + index,
                event_id=event.event_id,
                type=event.type,
                schema_version=event.schema_version,
                data=dict(event.data),
                metadata=meta,
                recorded_at=now,
            )
            for index, event in enumerate(events, start=1)
        ]
        for updater in self._state_updaters:
            await updater(conn, recorded)
        return recorded

    async def _insert_sqlite(
        self,
        conn: AsyncConnection,
        tenant: TenantId,
        stream_id: str,
        stream_type: str,
        expected_version: int,
        events: Sequence[NewEvent],
        meta: dict[str, Any],
        now: datetime,
    ) -> dict[uuid.UUID, int] | None:
        new_version = expected_version + len(events)
        if not await self._move_stream(
            conn, tenant, stream_id, stream_type, expected_version, new_version
        ):
            return None
        rows = [
            {
                "tenant_id": tenant,
                "stream_id": stream_id,
                "stream_type": stream_type,
                "version": expected_version + index,
                "event_id": event.event_id,
                "type": event.type,
                "schema_version": event.schema_version,
                "data": dict(event.data),
                "metadata": meta,
                "recorded_at": now,
            }
            for index, event in enumerate(events, start=1)
        ]
        # Without sort_by_parameter_order SQLAlchemy sends the rows as one
        # multi-row statement; rows are matched to events by event id instead.
        statement = event_table.insert().returning(event_table.c.position, event_table.c.event_id)
        result = await conn.execute(statement, rows)
        return {row.event_id: row.position for row in result}

    async def _insert_postgres(
        self,
        conn: AsyncConnection,
        tenant: TenantId,
        stream_id: str,
        stream_type: str,
        expected_version: int,
        events: Sequence[NewEvent],
        meta: dict[str, Any],
        now: datetime,
    ) -> dict[uuid.UUID, int] | None:
        statement: TextClause = _PG_NEW_STREAM if expected_version == 0 else _PG_NEXT_EVENTS
        params = {
            "tenant": tenant,
            "stream_id": stream_id,
            "stream_type": stream_type,
            "new_version": expected_version + len(events),
            "expected_version": expected_version,
            "metadata": _compact(meta),
            "recorded_at": now,
            "versions": [expected_version + i for i in range(1, len(events) + 1)],
            "event_ids": [event.event_id for event in events],
            "types": [event.type for event in events],
            "schema_versions": [event.schema_version for event in events],
            "datas": [_compact(event.data) for event in events],
        }
        if expected_version == 0:
            del params["expected_version"]
        rows = (await conn.execute(statement, params)).all()
        if not rows:
            return None
        return {row.event_id: row.position for row in rows}


def _compact(value: Mapping[str, Any]) -> str:
    return json.dumps(value, separators=(",", ":"))

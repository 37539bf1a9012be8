"""A prototype for SQLite: each append is one job on one writer thread (one hop).

It is *not* used by the platform; it shows what a SQLite append can cost in
Python when the event loop hands the driver the whole transaction at once.
Through SQLAlchemy's asyncio layer and aiosqlite, driver calls (cursor,
execute, fetch, close, commit) are round trips from the event loop to the
connection's thread and back: 9 per append in the kernel, whatever the number
of events (``bench/diagnosis.py`` counts them). Here the loop builds the rows
(JSON, ids, time, through SQLAlchemy's own type processors, so the stored bytes
are the same) and one ``run_in_executor`` call runs ``BEGIN IMMEDIATE``, the
stream move, one multi-row ``INSERT ... RETURNING`` and ``COMMIT`` with
``sqlite3``. One thread per database also serialises writers in the process,
as SQLite admits one writer anyway.

What it leaves out, which a real change to ``core/`` would have to settle:
state updaters run on an ``AsyncConnection`` inside the append's transaction, so
with this path they would become sync functions of a ``Connection`` (the same
function could run on PostgreSQL through ``AsyncConnection.run_sync``). An
append inside a caller's transaction (``conn`` given) or with state updaters
takes the kernel's path here.
"""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Final

from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from trygnet_core.envelope import NewEvent, RecordedEvent
from trygnet_core.errors import BadUserInput, Conflict
from trygnet_core.schema import events as event_table
from trygnet_core.store import ConcurrencyConflict, EventStore
from trygnet_core.store.event_store import _event_metadata
from trygnet_core.tenancy import TenantId, require_tenant

_PRAGMAS: Final = (
    "PRAGMA journal_mode=WAL",
    "PRAGMA synchronous=NORMAL",
    "PRAGMA busy_timeout=30000",
    "PRAGMA foreign_keys=ON",
)
_NEW_STREAM: Final = (
    "INSERT INTO streams (tenant_id, stream_id, stream_type, version, transaction_id) "
    "VALUES (?, ?, ?, ?, 0) ON CONFLICT DO NOTHING"
)
_MOVE_STREAM: Final = (
    "UPDATE streams SET version = ?, transaction_id = 0 "
    "WHERE tenant_id = ? AND stream_id = ? AND version = ?"
)
_EVENT_COLUMNS: Final = (
    "tenant_id, stream_id, stream_type, version, event_id, type, schema_version, "
    "data, metadata, recorded_at"
)


def _insert_events(count: int) -> str:
    values = ", ".join(["(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"] * count)
    return f"INSERT INTO events ({_EVENT_COLUMNS}) VALUES {values} RETURNING position, event_id"


class SQLiteWriterStore(EventStore):
    """``EventStore`` whose own-transaction appends run whole on one writer thread."""

    def __init__(self, engine: AsyncEngine, path: Path) -> None:
        if engine.dialect.name != "sqlite":
            raise ValueError("the writer-thread prototype is for SQLite")
        super().__init__(engine)
        self._path = path
        self._writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="sqlite-writer")
        self._db: sqlite3.Connection | None = None  # used on the writer thread only
        dialect = engine.dialect
        self._uuid = event_table.c.event_id.type.dialect_impl(dialect).bind_processor(dialect)
        self._time = event_table.c.recorded_at.type.dialect_impl(dialect).bind_processor(dialect)
        self._json = event_table.c.data.type.dialect_impl(dialect).bind_processor(dialect)

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
        if conn is not None or self._state_updaters:
            return await super().append(
                conn,
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
        stored_meta, stored_time = self._bind(self._json, meta), self._bind(self._time, now)
        rows = [
            (
                tenant,
                stream_id,
                stream_type,
                expected_version + index,
                self._bind(self._uuid, event.event_id),
                event.type,
                event.schema_version,
                self._bind(self._json, dict(event.data)),
                stored_meta,
                stored_time,
            )
            for index, event in enumerate(events, start=1)
        ]
        loop = asyncio.get_running_loop()
        positions = await loop.run_in_executor(
            self._writer, self._write, tenant, stream_id, stream_type, expected_version, rows
        )
        if positions is None:
            actual = await self.stream_version(tenant=tenant, stream_id=stream_id)
            raise ConcurrencyConflict(
                stream_id=stream_id, expected_version=expected_version, actual_version=actual
            )
        for callback in self._appended:
            callback()
        return [
            RecordedEvent(
                position=positions[str(row[4])],
                tenant_id=tenant,
                stream_id=stream_id,
                stream_type=stream_type,
                version=row[3],
                event_id=event.event_id,
                type=event.type,
                schema_version=event.schema_version,
                data=dict(event.data),
                metadata=meta,
                recorded_at=now,
            )
            for row, event in zip(rows, events, strict=True)
        ]

    async def close(self) -> None:
        loop = asyncio.get_running_loop()
        await loop.run_in_executor(self._writer, self._close_db)
        self._writer.shutdown(wait=True)

    # -- on the writer thread --------------------------------------------------------

    def _write(
        self,
        tenant: str,
        stream_id: str,
        stream_type: str,
        expected_version: int,
        rows: list[tuple[Any, ...]],
    ) -> dict[str, int] | None:
        db = self._db or self._open()
        new_version = expected_version + len(rows)
        db.execute("BEGIN IMMEDIATE")
        try:
            if expected_version == 0:
                moved = db.execute(_NEW_STREAM, (tenant, stream_id, stream_type, new_version))
            else:
                moved = db.execute(_MOVE_STREAM, (new_version, tenant, stream_id, expected_version))
            if moved.rowcount != 1:
                db.execute("ROLLBACK")
                return None
            flat = [value for row in rows for value in row]
            # RETURNING order is not defined: match rows by event id.
            positions = {
                str(event_id): position
                for position, event_id in db.execute(_insert_events(len(rows)), flat)
            }
            db.execute("COMMIT")
        except sqlite3.IntegrityError as exc:
            db.execute("ROLLBACK")
            raise Conflict("an event with this id is stored already", field="eventId") from exc
        except BaseException:
            if db.in_transaction:
                db.execute("ROLLBACK")
            raise
        return positions

    def _open(self) -> sqlite3.Connection:
        db = sqlite3.connect(self._path, isolation_level=None, check_same_thread=True)
        for pragma in _PRAGMAS:
            db.execute(pragma)
        self._db = db
        return db

    def _close_db(self) -> None:
        db, self._db = self._db, None
        if db is not None:
            db.close()

    @staticmethod
    def _bind(processor: Any, value: Any) -> Any:
        return processor(value) if processor is not None else value

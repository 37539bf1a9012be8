"""What differs between SQLite and PostgreSQL in the event store, and nothing else.

The relay must publish every committed event and never skip one. A position
(the global sequence) is drawn when a row is inserted, not when its transaction
commits, so on PostgreSQL a transaction holding position 41 may commit *after*
one holding 42. A relay that had already published 42 and then read
``position > 42`` would skip 41 forever.

PostgreSQL: each event row stores the id of the transaction that wrote it
(``pg_current_xact_id()``, column ``transaction_id``). The relay reads only rows
whose transaction id is below the xmin of its snapshot
(``pg_snapshot_xmin(pg_current_snapshot())``): every transaction with a lower id
has finished, so no row with a lower id can still appear. It reads them in
``(transaction_id, position)`` order and keeps that pair as its checkpoint. A row
that commits late belonged to a transaction still running when the relay read,
whose id was therefore at or above that xmin, so it sorts after the checkpoint
and is read on a later pass: late commits are delayed, never skipped. The price:
a transaction left open anywhere in the cluster holds the relay back until it ends.

Stream order on the wire then follows transaction-id order, which must agree with
version order within each stream. It would not if a transaction got its id (by
writing something) *before* it read the stream, and then appended after a
younger transaction's append to the same stream had committed. So the append's
``UPDATE streams`` also demands ``streams.transaction_id <= pg_current_xact_id()``:
such an out-of-order writer finds no row to update and gets a conflict, and its
retry runs in a new transaction with a newer id. Appends that read and write in
one transaction never meet this.

Within one append, positions must follow versions too (the relay orders a
transaction's rows by position). Both backends insert the events in version
order in one statement and draw their positions in that order (see each
``append``).

SQLite: one writer at a time, holding the write lock from its first insert to its
commit, so positions commit in order; the relay reads ``position > checkpoint``
and the transaction id is always 0.
"""

from __future__ import annotations

import functools
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Final, Protocol

from sqlalchemy import ColumnElement, and_, literal_column, text, tuple_
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncConnection

from trygnet_core.database import compact_json
from trygnet_core.envelope import NewEvent
from trygnet_core.schema import events
from trygnet_core.sqlite_dialect import driver_of
from trygnet_core.store.relay_rows import (
    PG_HORIZON,
    RelayRow,
    postgres_relay_rows,
    sqlite_relay_rows,
)
from trygnet_core.store.types import Checkpoint
from trygnet_core.tenancy import TenantId


@dataclass(frozen=True, slots=True)
class PendingAppend:
    """One append as the store hands it to a backend: validated, not yet stored."""

    tenant: TenantId
    stream_id: str
    stream_type: str
    expected_version: int
    events: Sequence[NewEvent]
    metadata: dict[str, Any]
    recorded_at: datetime

    @property
    def new_version(self) -> int:
        return self.expected_version + len(self.events)


Positions = dict[int, int]
"""Each appended event's position, by its stream version."""


class Backend(Protocol):
    append_is_one_statement: bool
    """True when ``append`` is a single statement, atomic without a transaction."""

    async def append(self, conn: AsyncConnection, pending: PendingAppend) -> Positions | None:
        """Move the stream from the expected version and insert the events.

        ``None`` when the stream is not at the expected version; then nothing
        was written. A repeated event id raises ``IntegrityError``.
        """
        ...

    def published_after(self, transaction_id: int, position: int) -> ColumnElement[bool]: ...

    def publish_order(self) -> tuple[ColumnElement[Any], ...]:
        """The order the relay reads committed events in."""
        ...

    async def relay_rows(
        self, conn: AsyncConnection, after: Checkpoint, limit: int
    ) -> Sequence[RelayRow]:
        """What ``published_after`` and ``publish_order`` select, as the relay sends it
        (``relay_rows``)."""
        ...


_SQLITE_NEW_STREAM: Final = (
    "INSERT INTO streams (tenant_id, stream_id, stream_type, version, transaction_id) "
    "VALUES (?, ?, ?, ?, 0) ON CONFLICT DO NOTHING"
)
_SQLITE_MOVE_STREAM: Final = (
    "UPDATE streams SET version = ? WHERE tenant_id = ? AND stream_id = ? AND version = ?"
)
_SQLITE_EVENT_COLUMNS: Final = (
    "tenant_id, stream_id, stream_type, version, event_id, type, schema_version, "
    "data, metadata, recorded_at"
)
_SQLITE_ROWS_PER_INSERT: Final = 1000  # 10 parameters a row, far below SQLite's limit


@functools.lru_cache(maxsize=64)
def _sqlite_insert_events(rows: int) -> str:
    values = ", ".join(["(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"] * rows)
    return (
        f"INSERT INTO events ({_SQLITE_EVENT_COLUMNS}) VALUES {values} "  # noqa: S608
        "RETURNING version, position"
    )


class SQLiteBackend:
    append_is_one_statement = False

    def __init__(self) -> None:
        self._stored: tuple[Any, Any] | None = None

    async def append(self, conn: AsyncConnection, pending: PendingAppend) -> Positions | None:
        """Two statements under the write lock: move the stream row, insert the events.

        They go straight to ``sqlite3`` on the transaction's own connection (which
        runs on the event loop's thread, ``sqlite_dialect``): SQLAlchemy's statement
        and result handling cost more than SQLite's work for an append. The values
        are stored exactly as SQLAlchemy stores them (its own type processors for
        the event id and the time; JSON as the engine serialises it), so every
        other read and write of the table goes on through SQLAlchemy.

        The events go in as one multi-row ``INSERT ... RETURNING``. SQLite does
        not promise the order of ``RETURNING`` rows, so positions are matched to
        events by version, which is unique within the append. Positions follow
        versions: the rows of a ``VALUES`` list are inserted in their order, and
        each new row gets the largest rowid in the table plus one; nobody else
        inserts meanwhile, since this connection holds the write lock (``BEGIN
        IMMEDIATE``).
        """
        driver = driver_of(conn)
        if pending.expected_version == 0:
            moved = driver.execute(
                _SQLITE_NEW_STREAM,
                (pending.tenant, pending.stream_id, pending.stream_type, pending.new_version),
            )
        else:
            moved = driver.execute(
                _SQLITE_MOVE_STREAM,
                (pending.new_version, pending.tenant, pending.stream_id, pending.expected_version),
            )
        if moved.rowcount != 1:
            return None
        event_id, time = self._processors(conn)
        common = (pending.tenant, pending.stream_id, pending.stream_type)
        metadata, recorded_at = compact_json(pending.metadata), time(pending.recorded_at)
        values = [
            (
                *common,
                version,
                event_id(event.event_id),
                event.type,
                event.schema_version,
                compact_json(dict(event.data)),
                metadata,
                recorded_at,
            )
            for version, event in enumerate(pending.events, start=pending.expected_version + 1)
        ]
        positions: Positions = {}
        for start in range(0, len(values), _SQLITE_ROWS_PER_INSERT):
            chunk = values[start : start + _SQLITE_ROWS_PER_INSERT]
            statement = _sqlite_insert_events(len(chunk))
            try:
                inserted = driver.execute(statement, [value for row in chunk for value in row])
                positions.update(inserted.fetchall())
            except sqlite3.IntegrityError as error:
                raise IntegrityError(statement, None, error) from error
        return positions

    def _processors(self, conn: AsyncConnection) -> tuple[Any, Any]:
        """How SQLAlchemy stores an event id and a time on this dialect."""
        if self._stored is None:
            dialect = conn.dialect
            self._stored = (
                events.c.event_id.type.dialect_impl(dialect).bind_processor(dialect),
                events.c.recorded_at.type.dialect_impl(dialect).bind_processor(dialect),
            )
        return self._stored

    def published_after(self, transaction_id: int, position: int) -> ColumnElement[bool]:
        return events.c.position > position

    def publish_order(self) -> tuple[ColumnElement[Any], ...]:
        # The transaction id is always 0 here: by position alone is the same order,
        # and a search of the rowid (kernel_0004 dropped the index it would need).
        return (events.c.position,)

    async def relay_rows(
        self, conn: AsyncConnection, after: Checkpoint, limit: int
    ) -> Sequence[RelayRow]:
        return await sqlite_relay_rows(conn, after, limit)


# The statements are put together from these constants only (hence the noqa);
# every value is a bound parameter.
_XID: Final = "pg_current_xact_id()::text::bigint"
_PG_EVENTS_OF_MOVED_STREAM: Final = f"""
INSERT INTO events (tenant_id, stream_id, stream_type, version, event_id, type,
                    schema_version, data, metadata, recorded_at, transaction_id)
SELECT CAST(:tenant AS varchar), CAST(:stream AS varchar), CAST(:type AS varchar),
       e.version, e.event_id, e.type, e.schema_version, CAST(e.data AS json),
       CAST(CAST(:metadata AS text) AS json), CAST(:recorded_at AS timestamptz), {_XID}
FROM moved,
     unnest(CAST(:versions AS int[]), CAST(:event_ids AS uuid[]), CAST(:types AS text[]),
            CAST(:schema_versions AS int[]), CAST(:data AS text[]))
         AS e(version, event_id, type, schema_version, data)
ORDER BY e.version
RETURNING version, "position"
"""  # noqa: S608
# A new stream: its row is inserted unless another writer's is there already.
_PG_APPEND_TO_NEW_STREAM: Final = text(f"""
WITH moved AS (
    INSERT INTO streams (tenant_id, stream_id, stream_type, version, transaction_id)
    VALUES (:tenant, :stream, :type, :new_version, {_XID})
    ON CONFLICT DO NOTHING
    RETURNING 1
){_PG_EVENTS_OF_MOVED_STREAM}""")  # noqa: S608
# An existing stream: moved only from the expected version, and only by a
# transaction no older than the stream's last writer (the guard in the module doc).
_PG_APPEND_TO_STREAM: Final = text(f"""
WITH moved AS (
    UPDATE streams SET version = :new_version, transaction_id = {_XID}
    WHERE tenant_id = :tenant AND stream_id = :stream AND version = :expected_version
      AND transaction_id <= {_XID}
    RETURNING 1
){_PG_EVENTS_OF_MOVED_STREAM}""")  # noqa: S608


class PostgresBackend:
    append_is_one_statement = True

    _horizon: ColumnElement[int] = literal_column(f"({PG_HORIZON})")

    async def append(self, conn: AsyncConnection, pending: PendingAppend) -> Positions | None:
        """One statement: a data-modifying CTE moves the stream row, and the events
        are inserted from ``moved``, so a stream at another version gets no row
        and no event; an empty result is the conflict.

        The events are selected ``ORDER BY version`` and PostgreSQL draws each
        row's ``nextval`` as it inserts the rows in that order, so positions
        follow versions (SQLAlchemy relies on the same for its ordered bulk
        inserts). They are still matched by version, not by ``RETURNING`` order.
        """
        first = pending.expected_version + 1
        params: dict[str, Any] = {
            "tenant": pending.tenant,
            "stream": pending.stream_id,
            "type": pending.stream_type,
            "new_version": pending.new_version,
            "metadata": compact_json(pending.metadata),
            "recorded_at": pending.recorded_at,
            "versions": list(range(first, first + len(pending.events))),
            "event_ids": [event.event_id for event in pending.events],
            "types": [event.type for event in pending.events],
            "schema_versions": [event.schema_version for event in pending.events],
            "data": [compact_json(event.data) for event in pending.events],
        }
        if pending.expected_version == 0:
            statement = _PG_APPEND_TO_NEW_STREAM
        else:
            statement = _PG_APPEND_TO_STREAM
            params["expected_version"] = pending.expected_version
        rows = (await conn.execute(statement, params)).all()
        return {version: position for version, position in rows} or None

    def published_after(self, transaction_id: int, position: int) -> ColumnElement[bool]:
        return and_(
            tuple_(events.c.transaction_id, events.c.position) > tuple_(transaction_id, position),
            events.c.transaction_id < self._horizon,
        )

    def publish_order(self) -> tuple[ColumnElement[Any], ...]:
        return (events.c.transaction_id, events.c.position)

    async def relay_rows(
        self, conn: AsyncConnection, after: Checkpoint, limit: int
    ) -> Sequence[RelayRow]:
        return await postgres_relay_rows(conn, after, limit)


def backend_for(dialect: str) -> Backend:
    if dialect == "sqlite":
        return SQLiteBackend()
    if dialect == "postgresql":
        return PostgresBackend()
    raise ValueError(f"Trygnet's event store runs on SQLite or PostgreSQL, not {dialect}")


__all__ = [
    "Backend",
    "PendingAppend",
    "Positions",
    "PostgresBackend",
    "SQLiteBackend",
    "backend_for",
]

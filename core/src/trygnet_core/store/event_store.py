"""The event store: atomic appends with expected-version concurrency, reads, pages.

A command handler is short::

    async with store.transaction() as tx:
        history = await store.read_stream(tx, tenant=t, stream_id=s)
        new_events = decide(command, fold(history))
        await store.append(tx, tenant=t, stream_id=s, stream_type="Incident",
                           expected_version=len(history), events=new_events)

``append`` moves the stream's version, inserts the events, and calls every
registered ``StateUpdater`` with the recorded events on the same connection, so
a service's current-state tables change in the same transaction as its events.
How the stream moves and the events are stored is the backend's (``backends.py``):
one statement on PostgreSQL, two under the write lock on SQLite.
Nothing is sent to Kafka here: the outbox relay publishes what was committed.
The values it takes and gives are in ``types.py``, the rows it reads in
``records.py``, the batched new streams of ``append_many`` in ``new_streams.py``.
"""

from __future__ import annotations

import functools
from collections.abc import AsyncIterator, Callable, Collection, Iterable, Mapping, Sequence
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import Select, bindparam, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from trygnet_core import idempotency
from trygnet_core.database import read_only, writing
from trygnet_core.envelope import NewEvent, RecordedEvent
from trygnet_core.errors import BadUserInput, Conflict
from trygnet_core.schema import events as event_table
from trygnet_core.schema import streams
from trygnet_core.store.backends import Backend, PendingAppend, backend_for
from trygnet_core.store.new_streams import store_new_streams
from trygnet_core.store.records import (
    COLUMNS,
    UNPUBLISHED_COLUMNS,
    pending_append,
    recorded_events,
    row_to_event,
)
from trygnet_core.store.relay_rows import RelayRow
from trygnet_core.store.types import AllTenants, Checkpoint, ConcurrencyConflict, Page, StreamAppend
from trygnet_core.store.upcasting import Upcasters
from trygnet_core.tenancy import TenantId, require_tenant

if TYPE_CHECKING:
    from trygnet_core.store.types import StateUpdater


class EventStore:
    def __init__(
        self,
        engine: AsyncEngine,
        *,
        upcasters: Upcasters | None = None,
        state_updaters: Sequence[StateUpdater] = (),
    ) -> None:
        self.engine = engine
        self.upcasters = upcasters or Upcasters()
        self._state_updaters = list(state_updaters)
        self._backend: Backend = backend_for(engine.dialect.name)
        self._appended: list[Callable[[], None]] = []
        # Same pool; connections from it run each statement as its own transaction.
        self._autocommit = (
            engine.execution_options(isolation_level="AUTOCOMMIT")
            if self._backend.append_is_one_statement
            else None
        )

    def add_state_updater(self, updater: StateUpdater) -> None:
        self._state_updaters.append(updater)

    def on_appended(self, callback: Callable[[], None]) -> None:
        """Call ``callback`` after each committed append (the relay's wake-up)."""
        self._appended.append(callback)

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[AsyncConnection]:
        """The unit of work: commits on success, rolls back on any error.

        A request carrying an ``Idempotency-Key`` claims the key first thing and
        records what it wrote last, in this same transaction (``idempotency``): a
        retry can never find the events without the key, nor the key without them.
        """
        call = idempotency.current()
        async with writing(self.engine) as conn:
            if call is not None:
                await call.claim(conn)
            yield conn
            if call is not None:
                await call.settle(conn)
        if call is not None:
            call.claimed = True
        self._wake_followers()

    def _wake_followers(self) -> None:
        for callback in self._appended:
            callback()

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
        """Append ``events`` to a stream at ``expected_version`` (0: a new stream).

        Raises ``ConcurrencyConflict`` when the stream is not at that version,
        and then writes nothing. With ``conn`` the append joins the caller's
        transaction. Without it the append is its own: on PostgreSQL, when no
        state updater has to share it, that is the append's one statement in
        autocommit mode (a single statement is atomic, so ``BEGIN`` and
        ``COMMIT`` would only add two round trips); otherwise a transaction.
        Either way the ``on_appended`` callbacks run after the commit.
        """
        pending = pending_append(
            StreamAppend(tenant, stream_id, stream_type, expected_version, events, metadata),
            datetime.now(UTC),
        )
        if not events:
            raise BadUserInput("nothing to append", field="events")
        if expected_version < 0:
            raise BadUserInput("expected version must be 0 or more", field="expectedVersion")
        if conn is not None:
            return await self._append(conn, pending)
        if idempotency.current() is not None:
            async with self.transaction() as own:
                return await self._append(own, pending)
        if self._autocommit is not None and not self._state_updaters:
            unit: AbstractAsyncContextManager[AsyncConnection] = self._autocommit.connect()
        else:
            unit = writing(self.engine)  # ``transaction()`` without a key to claim
        async with unit as own:
            recorded = await self._append(own, pending)
        self._wake_followers()
        return recorded

    async def append_many(
        self, conn: AsyncConnection, appends: Sequence[StreamAppend]
    ) -> list[list[RecordedEvent]]:
        """Many appends in the caller's transaction, batched: for imports and rebuilds.

        Appends that start new streams (expected version 0) claim all their stream
        rows in one multi-row ``INSERT ... ON CONFLICT DO NOTHING RETURNING`` and
        insert all their events in multi-row inserts (SQLAlchemy pages them);
        a stream that existed already is a ``ConcurrencyConflict``, and the
        caller's transaction then writes nothing. Appends to existing streams go
        one by one, as ``append`` would. State updaters run once, on everything.
        """
        now = datetime.now(UTC)
        pendings = [pending_append(a, now) for a in appends if a.events]
        if any(p.expected_version < 0 for p in pendings):
            raise BadUserInput("expected version must be 0 or more", field="expectedVersion")
        fresh = [p for p in pendings if p.expected_version == 0]
        positions = await store_new_streams(conn, fresh)
        recorded: list[list[RecordedEvent]] = []
        for pending in pendings:
            if pending.expected_version == 0:
                recorded.append(
                    recorded_events(pending, positions[(pending.tenant, pending.stream_id)])
                )
            else:
                recorded.append(await self._store(conn, pending))
        everything = [event for batch in recorded for event in batch]
        for updater in self._state_updaters:
            await updater(conn, everything)
        return recorded

    async def _append(self, conn: AsyncConnection, pending: PendingAppend) -> list[RecordedEvent]:
        recorded = await self._store(conn, pending)
        for updater in self._state_updaters:
            await updater(conn, recorded)
        return recorded

    async def _store(self, conn: AsyncConnection, pending: PendingAppend) -> list[RecordedEvent]:
        try:
            positions = await self._backend.append(conn, pending)
        except IntegrityError as exc:
            # The stream row guards the versions, so only a repeated event id can collide.
            raise Conflict("an event with this id is stored already", field="eventId") from exc
        if positions is None:
            actual = await self.stream_version(
                conn, tenant=pending.tenant, stream_id=pending.stream_id
            )
            raise ConcurrencyConflict(
                stream_id=pending.stream_id,
                expected_version=pending.expected_version,
                actual_version=actual,
            )
        return recorded_events(pending, positions)

    async def stream_version(
        self, conn: AsyncConnection | None = None, *, tenant: TenantId, stream_id: str
    ) -> int:
        """The stream's current version; 0 for a stream that does not exist."""
        query = select(streams.c.version).where(
            streams.c.tenant_id == require_tenant(tenant), streams.c.stream_id == stream_id
        )
        async with self._connection(conn) as c:
            found = (await c.execute(query)).scalar_one_or_none()
        return int(found or 0)

    async def existing_streams(
        self,
        conn: AsyncConnection | None = None,
        *,
        tenant: TenantId,
        stream_type: str,
        ids: Iterable[str],
    ) -> frozenset[str]:
        """Those of ``ids`` that are streams of that type in the tenant (one query)."""
        wanted = sorted(set(ids))
        if not wanted:
            return frozenset()
        given = {"tenant": require_tenant(tenant), "type": stream_type, "ids": wanted}
        async with self._connection(conn) as c:
            return frozenset((await c.execute(_EXISTING_STREAMS, given)).scalars())

    async def read_stream(
        self,
        conn: AsyncConnection | None = None,
        *,
        tenant: TenantId,
        stream_id: str,
        from_version: int = 1,
        to_version: int | None = None,
        types: Collection[str] | None = None,
    ) -> list[RecordedEvent]:
        """A stream's events in version order, upcast to their newest schema; of
        ``types`` only, where given (a record of many kinds read for one of them)."""
        values: dict[str, Any] = {
            "tenant": require_tenant(tenant),
            "stream": stream_id,
            "first": from_version,
        }
        if to_version is not None:
            values["last"] = to_version
        if types is not None:
            values["types"] = sorted(types)
        query = _stream_query(to_version is not None, types is not None)
        async with self._connection(conn) as c:
            rows = (await c.execute(query, values)).all()
        return [self._recorded(row) for row in rows]

    async def read_all(
        self, *, tenant: TenantId | AllTenants, after: int = 0, limit: int = 1000
    ) -> Page:
        """Events by position after ``after``, of one tenant or (explicitly) of all.

        Positions order events as they were appended; on PostgreSQL a page may
        not yet hold an event that is still being committed with a lower position,
        so followers that must see every event use the relay's checkpoint instead.
        """
        query = select(*COLUMNS).where(event_table.c.position > after)
        if not isinstance(tenant, AllTenants):
            query = query.where(event_table.c.tenant_id == require_tenant(tenant))
        query = query.order_by(event_table.c.position).limit(limit)
        async with read_only(self.engine) as conn:
            rows = (await conn.execute(query)).all()
        found = [self._recorded(row) for row in rows]
        return Page(events=found, next_after=found[-1].position if found else after)

    async def read_unpublished(
        self, conn: AsyncConnection, *, after: Checkpoint, limit: int
    ) -> list[tuple[RecordedEvent, Checkpoint]]:
        """Committed events past the relay's checkpoint, in the order to publish them.

        Events go out as they were stored (not upcast): consumers upcast on read. Their
        data stays the stored JSON text (``StoredJson``), sent as it is.
        """
        query = (
            select(*UNPUBLISHED_COLUMNS, event_table.c.transaction_id)
            .where(self._backend.published_after(after.transaction_id, after.position))
            .order_by(*self._backend.publish_order())
            .limit(limit)
        )
        rows = (await conn.execute(query)).all()
        return [
            (
                row_to_event(row),
                Checkpoint(transaction_id=row.transaction_id, position=row.position),
            )
            for row in rows
        ]

    async def read_for_relay(self, *, after: Checkpoint, limit: int) -> Sequence[RelayRow]:
        """``read_unpublished``'s events as the relay sends them: a plain row each, only
        the columns a message carries, as stored (``relay_rows``). One statement, which
        sees one snapshot: on PostgreSQL in autocommit (no ``BEGIN`` and ``ROLLBACK``
        round trips around it), on SQLite on a reader's connection."""
        reader = (
            self._autocommit.connect() if self._autocommit is not None else read_only(self.engine)
        )
        async with reader as conn:
            return await self._backend.relay_rows(conn, after, limit)

    async def count_unpublished(self, conn: AsyncConnection, *, after: Checkpoint) -> int:
        query = (
            select(func.count())
            .select_from(event_table)
            .where(self._backend.published_after(after.transaction_id, after.position))
        )
        return int((await conn.execute(query)).scalar_one())

    def _recorded(self, row: Any) -> RecordedEvent:
        return self.upcasters.upcast(row_to_event(row))

    @asynccontextmanager
    async def _connection(self, conn: AsyncConnection | None) -> AsyncIterator[AsyncConnection]:
        if conn is not None:
            yield conn
            return
        async with read_only(self.engine) as own:
            yield own


@functools.cache
def _stream_query(bounded: bool, typed: bool) -> Select[Any]:
    """``read_stream``'s statement, built once for each of its four shapes: a unit of
    work reads its stream at every command, and building the statement cost more than
    SQLite's work for the read."""
    query = (
        select(*COLUMNS)
        .where(
            event_table.c.tenant_id == bindparam("tenant"),
            event_table.c.stream_id == bindparam("stream"),
            event_table.c.version >= bindparam("first"),
        )
        .order_by(event_table.c.version)
    )
    if bounded:
        query = query.where(event_table.c.version <= bindparam("last"))
    if typed:
        query = query.where(event_table.c.type.in_(bindparam("types", expanding=True)))
    return query


_EXISTING_STREAMS = select(streams.c.stream_id).where(
    streams.c.tenant_id == bindparam("tenant"),
    streams.c.stream_type == bindparam("type"),
    streams.c.stream_id.in_(bindparam("ids", expanding=True)),
)
"""``existing_streams``' statement, built once."""

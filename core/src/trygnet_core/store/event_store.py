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
"""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable, Mapping, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Final

from sqlalchemy import func, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from trygnet_core import idempotency, telemetry
from trygnet_core.database import read_only, writing
from trygnet_core.envelope import NewEvent, RecordedEvent
from trygnet_core.errors import BadUserInput, Conflict
from trygnet_core.schema import events as event_table
from trygnet_core.schema import streams
from trygnet_core.store.backends import Backend, PendingAppend, Positions, backend_for
from trygnet_core.store.upcasting import Upcasters
from trygnet_core.tenancy import TenantId, require_tenant

StateUpdater = Callable[[AsyncConnection, Sequence[RecordedEvent]], Awaitable[None]]


class ConcurrencyConflict(Conflict):
    """Another command changed the stream since the caller read it."""

    def __init__(
        self, *, stream_id: str, expected_version: int, actual_version: int | None
    ) -> None:
        actual = "unknown" if actual_version is None else str(actual_version)
        super().__init__(
            f"stream {stream_id} is at version {actual}, not {expected_version}: "
            "read it again and retry",
            field="expectedVersion",
        )
        self.stream_id = stream_id
        self.expected_version = expected_version
        self.actual_version = actual_version


class AllTenants:
    """Explicit marker for the few readers that span tenants (relay, rebuild, national)."""

    def __repr__(self) -> str:
        return "ALL_TENANTS"


ALL_TENANTS: Final = AllTenants()


@dataclass(frozen=True, slots=True)
class Page:
    events: Sequence[RecordedEvent]
    next_after: int
    """Pass as ``after`` to read the next page; equal to the input when the page is empty."""


@dataclass(frozen=True, slots=True)
class Checkpoint:
    """How far the relay has published: ``(transaction_id, position)`` (see backends.py)."""

    transaction_id: int = 0
    position: int = 0


_COLUMNS: Final = (
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
        require_tenant(tenant)
        if not events:
            raise BadUserInput("nothing to append", field="events")
        if expected_version < 0:
            raise BadUserInput("expected version must be 0 or more", field="expectedVersion")
        pending = PendingAppend(
            tenant=tenant,
            stream_id=stream_id,
            stream_type=stream_type,
            expected_version=expected_version,
            events=events,
            metadata=_event_metadata(metadata),
            recorded_at=datetime.now(UTC),
        )
        if conn is not None:
            return await self._append(conn, pending)
        if self._autocommit is not None and not self._state_updaters and not idempotency.current():
            async with self._autocommit.connect() as own:
                recorded = await self._append(own, pending)
            self._wake_followers()
            return recorded
        async with self.transaction() as own:
            return await self._append(own, pending)

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
        pendings = [
            PendingAppend(
                tenant=require_tenant(a.tenant),
                stream_id=a.stream_id,
                stream_type=a.stream_type,
                expected_version=a.expected_version,
                events=a.events,
                metadata=_event_metadata(a.metadata),
                recorded_at=now,
            )
            for a in appends
            if a.events
        ]
        if any(p.expected_version < 0 for p in pendings):
            raise BadUserInput("expected version must be 0 or more", field="expectedVersion")
        fresh = [p for p in pendings if p.expected_version == 0]
        positions = await self._store_new_streams(conn, fresh)
        recorded: list[list[RecordedEvent]] = []
        for pending in pendings:
            if pending.expected_version == 0:
                recorded.append(_recorded(pending, positions[(pending.tenant, pending.stream_id)]))
            else:
                recorded.append(await self._store(conn, pending))
        everything = [event for batch in recorded for event in batch]
        for updater in self._state_updaters:
            await updater(conn, everything)
        return recorded

    async def _store_new_streams(
        self, conn: AsyncConnection, pendings: Sequence[PendingAppend]
    ) -> dict[tuple[str, str], Positions]:
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
        return _recorded(pending, positions)

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
        query = select(streams.c.stream_id).where(
            streams.c.tenant_id == require_tenant(tenant),
            streams.c.stream_type == stream_type,
            streams.c.stream_id.in_(wanted),
        )
        async with self._connection(conn) as c:
            return frozenset((await c.execute(query)).scalars())

    async def read_stream(
        self,
        conn: AsyncConnection | None = None,
        *,
        tenant: TenantId,
        stream_id: str,
        from_version: int = 1,
        to_version: int | None = None,
    ) -> list[RecordedEvent]:
        """A stream's events in version order, upcast to their newest schema."""
        query = (
            select(*_COLUMNS)
            .where(
                event_table.c.tenant_id == require_tenant(tenant),
                event_table.c.stream_id == stream_id,
                event_table.c.version >= from_version,
            )
            .order_by(event_table.c.version)
        )
        if to_version is not None:
            query = query.where(event_table.c.version <= to_version)
        async with self._connection(conn) as c:
            rows = (await c.execute(query)).all()
        return [self._recorded(row) for row in rows]

    async def read_all(
        self, *, tenant: TenantId | AllTenants, after: int = 0, limit: int = 1000
    ) -> Page:
        """Events by position after ``after``, of one tenant or (explicitly) of all.

        Positions order events as they were appended; on PostgreSQL a page may
        not yet hold an event that is still being committed with a lower position,
        so followers that must see every event use the relay's checkpoint instead.
        """
        query = select(*_COLUMNS).where(event_table.c.position > after)
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

        Events go out as they were stored (not upcast): consumers upcast on read.
        """
        query = (
            select(*_COLUMNS, event_table.c.transaction_id)
            .where(self._backend.published_after(after.transaction_id, after.position))
            .order_by(*self._backend.publish_order())
            .limit(limit)
        )
        rows = (await conn.execute(query)).all()
        return [
            (
                _row_to_event(row),
                Checkpoint(transaction_id=row.transaction_id, position=row.position),
            )
            for row in rows
        ]

    async def count_unpublished(self, conn: AsyncConnection, *, after: Checkpoint) -> int:
        query = (
            select(func.count())
            .select_from(event_table)
            .where(self._backend.published_after(after.transaction_id, after.position))
        )
        return int((await conn.execute(query)).scalar_one())

    def _recorded(self, row: Any) -> RecordedEvent:
        return self.upcasters.upcast(_row_to_event(row))

    @asynccontextmanager
    async def _connection(self, conn: AsyncConnection | None) -> AsyncIterator[AsyncConnection]:
        if conn is not None:
            yield conn
            return
        async with read_only(self.engine) as own:
            yield own


def _recorded(pending: PendingAppend, positions: Positions) -> list[RecordedEvent]:
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


@dataclass(frozen=True, slots=True)
class StreamAppend:
    """One append of a batch for ``EventStore.append_many``."""

    tenant: TenantId
    stream_id: str
    stream_type: str
    expected_version: int
    events: Sequence[NewEvent]
    metadata: Mapping[str, Any] | None = None


def _event_metadata(given: Mapping[str, Any] | None) -> dict[str, Any]:
    """Caller's metadata (actor, causation id) plus correlation id and trace context."""
    meta: dict[str, Any] = {}
    correlation_id = telemetry.current_correlation_id()
    if correlation_id:
        meta["correlation_id"] = correlation_id
    meta.update(telemetry.trace_context())
    if given:
        meta.update({key: value for key, value in given.items() if value is not None})
    return meta


def _row_to_event(row: Any) -> RecordedEvent:
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
        data=row.data,
        metadata=row.metadata,
        recorded_at=recorded_at,
    )

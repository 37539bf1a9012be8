"""The event-store contract on SQLite and on PostgreSQL, and what only one backend has."""

from __future__ import annotations

import asyncio
import contextlib
import sqlite3
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event, func, select, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncEngine

from tests.conftest import (
    POSTGRES_URL,
    drop_postgres_schema,
    needs_postgres,
    postgres_engine,
    sqlite_engine,
)
from tests.contract.event_store_contract import (
    COPENHAGEN,
    BatchAppendContract,
    EventStoreContract,
    append,
)
from trygnet_core.database import create_engine
from trygnet_core.envelope import NewEvent
from trygnet_core.schema import events as event_rows
from trygnet_core.store import ConcurrencyConflict, EventStore


class TestSQLiteEventStore(EventStoreContract, BatchAppendContract):
    def committed(self, engine: AsyncEngine) -> bool:
        """The writers' connection stays open while they keep coming; what shows
        the commit is that another connection gets the write lock at once."""
        assert engine.url.database is not None
        with contextlib.closing(sqlite3.connect(engine.url.database, timeout=0)) as other:
            try:
                other.execute("BEGIN IMMEDIATE")
            except sqlite3.OperationalError:
                return False
            other.rollback()
            return True

    @pytest.fixture
    async def engine(self, tmp_path: Path) -> AsyncIterator[AsyncEngine]:
        built = await sqlite_engine(tmp_path / "store.db")
        yield built
        await built.dispose()

    async def test_a_connection_never_goes_back_to_the_pool_inside_a_transaction(
        self, store: EventStore, engine: AsyncEngine
    ) -> None:
        """The pool does not roll back every connection it takes back (one more
        statement per unit of work); one still holding a transaction, and so the
        write lock, is."""
        conn = await engine.connect()
        driver = (await conn.get_raw_connection()).driver_connection
        driver.execute("BEGIN IMMEDIATE")  # behind SQLAlchemy's back
        assert driver.in_transaction
        await conn.close()
        assert engine.sync_engine.pool.checkedin() == 1
        async with engine.connect() as again:
            assert (await again.get_raw_connection()).driver_connection is driver
            assert not driver.in_transaction
        await append(store)  # would wait out the busy timeout behind the lock
        assert await store.stream_version(tenant=COPENHAGEN, stream_id="incident-1") == 1

    async def test_the_writers_of_a_process_take_turns_instead_of_meeting_the_lock(
        self, store: EventStore, engine: AsyncEngine
    ) -> None:
        """With no busy timeout at all, twenty commands at once all commit through
        ``writing`` (each waits for the one before it); plain ``engine.begin()``
        transactions, as another process's writers would be, wait for the write lock
        asleep: the event loop keeps running meanwhile and every one commits."""

        @event.listens_for(engine.sync_engine, "connect")
        def _no_busy_wait(dbapi_connection: Any, _record: Any) -> None:
            dbapi_connection.cursor().execute("PRAGMA busy_timeout=0")

        await engine.dispose()  # the pool's connections are opened again, without the wait
        sequence = [f"walk-{n}" for n in range(20)]

        async def appended(stream: str) -> None:
            async with store.transaction() as conn:
                await store.append(
                    conn,
                    tenant=COPENHAGEN,
                    stream_id=stream,
                    stream_type="safety_walk",
                    expected_version=0,
                    events=[NewEvent("walk_planned", {"n": 1})],
                )
                await asyncio.sleep(0.005)  # the write lock is held across an await

        await asyncio.gather(*(appended(stream) for stream in sequence))
        versions = [await store.stream_version(tenant=COPENHAGEN, stream_id=s) for s in sequence]
        assert versions == [1] * 20

        async def bypassing(n: int) -> None:
            async with engine.begin() as conn:
                await conn.execute(text("UPDATE streams SET version = version WHERE 0"))
                await asyncio.sleep(0.005)

        ticks = 0

        async def ticking() -> None:
            nonlocal ticks
            while True:
                ticks += 1
                await asyncio.sleep(0)

        ticker = asyncio.create_task(ticking())
        outcomes = await asyncio.gather(*(bypassing(n) for n in range(20)), return_exceptions=True)
        ticker.cancel()
        assert outcomes == [None] * 20
        assert ticks > 20


@needs_postgres
@pytest.mark.postgres
class TestPostgresEventStore(EventStoreContract, BatchAppendContract):
    @pytest.fixture
    async def engine(self, unique: str) -> AsyncIterator[AsyncEngine]:
        built = await postgres_engine(f"c_{unique}")
        yield built
        await built.dispose()
        await drop_postgres_schema(f"c_{unique}")

    async def test_an_append_older_than_its_stream_writes_nothing(
        self, store: EventStore, engine: AsyncEngine
    ) -> None:
        """The single statement keeps the transaction-id guard (see store/backends.py)."""
        await append(store)
        async with engine.connect() as old:
            transaction = await old.begin()
            await old.execute(text("SELECT pg_current_xact_id()"))  # takes its id now
            await append(store, expected=1)  # a younger transaction moves the stream
            late = NewEvent(type="TaskAdded", data={})
            with pytest.raises(ConcurrencyConflict) as raised:
                await store.append(
                    old,
                    tenant=COPENHAGEN,
                    stream_id="incident-1",
                    stream_type="Incident",
                    expected_version=2,
                    events=[late],
                )
            assert raised.value.actual_version == 2
            await transaction.commit()
        async with engine.connect() as conn:
            stored = (await conn.execute(select(event_rows.c.event_id))).scalars().all()
        assert len(stored) == 2 and late.event_id not in stored

    async def test_a_connection_the_server_dropped_fails_once_and_a_retry_succeeds(
        self, store: EventStore, engine: AsyncEngine
    ) -> None:
        """No pre-ping: the dropped connection's first statement fails, retryably."""
        await append(store)
        async with engine.connect() as conn:
            pid = (await conn.execute(text("SELECT pg_backend_pid()"))).scalar_one()
        assert engine.sync_engine.pool.checkedin() == 1
        assert POSTGRES_URL
        admin = create_engine(POSTGRES_URL, pool_size=1)
        async with admin.begin() as conn:
            await conn.execute(select(func.pg_terminate_backend(pid)))
        await admin.dispose()
        with pytest.raises(DBAPIError) as raised:
            await append(store, expected=1)
        assert raised.value.connection_invalidated
        await append(store, expected=1)
        assert await store.stream_version(tenant=COPENHAGEN, stream_id="incident-1") == 2

"""An idle relay waits for commits instead of polling (``trygnet_core.relay_wakeups``)."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from sqlalchemy import event, text
from sqlalchemy.ext.asyncio import AsyncEngine

from tests.conftest import POSTGRES_URL, sqlite_engine
from tests.integration.test_relay import HUDDINGE, append_many, has_all
from tests.support.components import quick_relay
from tests.support.topics import read_topic
from trygnet_core.database import create_engine
from trygnet_core.relay import OutboxRelay
from trygnet_core.relay_wakeups import APPLICATION_NAME, LINGER_SECONDS, listens
from trygnet_core.store import EventStore

QUIET_SECONDS = 1.0


async def until(condition: Any) -> None:
    for _ in range(400):
        if condition():
            return
        await asyncio.sleep(0.05)
    raise AssertionError("not within 20 s")


def sweeping_hourly(store: EventStore, topic: str, bootstrap_servers: str) -> OutboxRelay:
    """A relay whose sweep never comes within a test: only a wake-up makes it look.
    (The sweep renews the lease, so the lease and a batch's send time are long too.)"""
    return quick_relay(
        store,
        topic=topic,
        bootstrap_servers=bootstrap_servers,
        sweep_interval=3600.0,
        request_timeout=600.0,
        lease_seconds=3600.0,
    )


async def idle_relay(
    store: EventStore, topic: str, bootstrap_servers: str, start: Any
) -> tuple[OutboxRelay, set[str]]:
    """A relay that published an event of its own and has waited since (past its
    linger on PostgreSQL), so only a wake-up makes it look again; and that event."""
    relay = await start(sweeping_hourly(store, topic, bootstrap_servers))
    first = await append_many(store, streams=1, per_stream=1, tenant=HUDDINGE)
    await read_topic(bootstrap_servers, topic, until=has_all(first))
    await until(lambda: relay.health().detail["published"] == 1)
    await asyncio.sleep(0.2 + (LINGER_SECONDS if listens(store.engine) else 0.0))
    return relay, first


async def append_elsewhere(schema: str) -> set[str]:
    """Events committed by another replica of the service: its own engine and store on
    the same database, whose commits the relay's process never sees."""
    assert POSTGRES_URL
    other = create_engine(POSTGRES_URL, connect_args={"server_settings": {"search_path": schema}})
    try:
        return await append_many(EventStore(other), streams=2, per_stream=2)
    finally:
        await other.dispose()


async def test_on_sqlite_an_idle_relay_reads_nothing_until_a_commit_wakes_it(
    tmp_path, bootstrap_servers: str, start, unique: str
) -> None:
    engine = await sqlite_engine(tmp_path / "incidents.db")
    store = EventStore(engine)
    topic = f"trygnet.incidents.{unique}"
    _, first = await idle_relay(store, topic, bootstrap_servers, start)

    statements: list[str] = []

    def count(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        statements.append(statement)

    event.listen(engine.sync_engine, "before_cursor_execute", count)
    try:
        await asyncio.sleep(QUIET_SECONDS)
        assert statements == []
        second = await append_many(store, streams=1, per_stream=1)
        messages = await read_topic(bootstrap_servers, topic, until=has_all(first | second))
    finally:
        event.remove(engine.sync_engine, "before_cursor_execute", count)
        await engine.dispose()
    assert len(messages) == 2
    assert any("FROM events" in statement for statement in statements)


@pytest.mark.parametrize("listening", ["from the start", "again once its connection dropped"])
async def test_on_postgres_an_event_another_writer_commits_is_published_without_a_sweep(
    postgres_only_engine: AsyncEngine, bootstrap_servers: str, start, unique: str, listening: str
) -> None:
    store = EventStore(postgres_only_engine)
    topic = f"trygnet.incidents.{unique}"
    _, first = await idle_relay(store, topic, bootstrap_servers, start)
    if listening != "from the start":
        assert await drop_listening_connection(postgres_only_engine) == 1
    ids = await append_elsewhere(f"p_{unique}")
    messages = await read_topic(bootstrap_servers, topic, until=has_all(first | ids), timeout=30)
    assert len(messages) == 5


async def drop_listening_connection(engine: AsyncEngine) -> int:
    """The database server ends the relay's listening connection (once it is open)."""
    for _ in range(200):
        async with engine.connect() as conn:
            dropped = (
                await conn.execute(
                    text(
                        "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                        "WHERE application_name = :name AND datname = current_database()"
                    ),
                    {"name": APPLICATION_NAME},
                )
            ).scalar_one()
        if dropped:
            return int(dropped)
        await asyncio.sleep(0.05)
    return 0

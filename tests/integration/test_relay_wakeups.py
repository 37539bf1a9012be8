"""An idle relay waits for commits instead of polling (``trygnet_core.relay_wakeups``)."""

from __future__ import annotations

import asyncio
from typing import Any

from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncEngine

from tests.conftest import POSTGRES_URL, sqlite_engine
from tests.integration.test_relay import HUDDINGE, append_many, has_all
from tests.support.components import quick_relay
from tests.support.topics import read_topic
from trygnet_core.database import create_engine
from trygnet_core.relay import OutboxRelay
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


async def test_on_sqlite_an_idle_relay_reads_nothing_until_a_commit_wakes_it(
    tmp_path, bootstrap_servers: str, start, unique: str
) -> None:
    engine = await sqlite_engine(tmp_path / "incidents.db")
    store = EventStore(engine)
    topic = f"trygnet.incidents.{unique}"
    relay = await start(sweeping_hourly(store, topic, bootstrap_servers))
    first = await append_many(store, streams=1, per_stream=1)
    await read_topic(bootstrap_servers, topic, until=has_all(first))
    await until(lambda: relay.health().detail["published"] == 1)
    await asyncio.sleep(0.2)  # the pass that found nothing more ends

    statements: list[str] = []

    def count(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        statements.append(statement)

    event.listen(engine.sync_engine, "before_cursor_execute", count)
    try:
        await asyncio.sleep(QUIET_SECONDS)
        assert statements == []
        second = await append_many(store, streams=1, per_stream=1, tenant=HUDDINGE)
        messages = await read_topic(bootstrap_servers, topic, until=has_all(first | second))
    finally:
        event.remove(engine.sync_engine, "before_cursor_execute", count)
        await engine.dispose()
    assert len(messages) == 2
    assert any("FROM events" in statement for statement in statements)


async def test_on_postgres_an_event_another_writer_commits_is_published_without_a_sweep(
    postgres_only_engine: AsyncEngine, bootstrap_servers: str, start, unique: str
) -> None:
    store = EventStore(postgres_only_engine)
    topic = f"trygnet.incidents.{unique}"
    relay = await start(sweeping_hourly(store, topic, bootstrap_servers))
    await until(lambda: relay.lease.held)
    await asyncio.sleep(0.5)  # its first pass found nothing: it waits for a wake-up
    # Another replica of the service: its own engine and store on the same database,
    # whose commits this relay's process never sees.
    assert POSTGRES_URL
    other = create_engine(
        POSTGRES_URL, connect_args={"server_settings": {"search_path": f"p_{unique}"}}
    )
    try:
        ids = await append_many(EventStore(other), streams=2, per_stream=2)
    finally:
        await other.dispose()
    messages = await read_topic(bootstrap_servers, topic, until=has_all(ids), timeout=30)
    assert len(messages) == 4

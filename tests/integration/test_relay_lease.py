"""The relay lease: replicas of one service on one database, one relay publishing.

On the session's broker (the embedded one under ``make test``, Apache Kafka's
three-node cluster under ``make test-kafka``) and on SQLite and PostgreSQL (with
``TEST_POSTGRES_URL``): two relays started together publish every event once; the
holder killed (SIGKILL, as a crashed replica) hands over to the other once its lease
lapses; a holder whose lease was taken while it was frozen publishes nothing more and
cannot move the checkpoint.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import subprocess
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncEngine

from tests.conftest import POSTGRES_URL
from tests.integration.test_relay import HUDDINGE, append_many, has_all, ids_of
from tests.support.components import quick_relay
from tests.support.databases import service_databases
from tests.support.topics import read_topic
from trygnet_core.database import create_engine, migrate
from trygnet_core.relay import OutboxRelay
from trygnet_core.relay_lease import LeaseLost, RelayLease
from trygnet_core.schema import outbox_checkpoints
from trygnet_core.service_settings import migrations_of
from trygnet_core.store import EventStore

LEASE_SECONDS = 4.0
"""Short, so a takeover after a crash comes within seconds."""


def leased_relay(store: EventStore, topic: str, bootstrap: str, holder: str) -> OutboxRelay:
    return quick_relay(
        store,
        topic=topic,
        bootstrap_servers=bootstrap,
        lease_seconds=LEASE_SECONDS,
        holder=holder,
        standby_interval=0.2,
    )


async def until(condition, what: str, timeout: float = 60.0) -> None:  # type: ignore[no-untyped-def]
    """Wait for ``condition()`` (a recovery is given a minute; none asserts a time)."""
    deadline = asyncio.get_running_loop().time() + timeout
    while not await condition():
        assert asyncio.get_running_loop().time() < deadline, f"{what} within {timeout} s"
        await asyncio.sleep(0.1)


async def holder_of(engine: AsyncEngine, topic: str) -> str | None:
    async with engine.connect() as conn:
        return (
            await conn.execute(
                select(outbox_checkpoints.c.lease_holder).where(outbox_checkpoints.c.topic == topic)
            )
        ).scalar_one_or_none()


async def test_two_relays_started_together_publish_every_event_once(
    engine: AsyncEngine, bootstrap_servers: str, start, unique: str
) -> None:
    store = EventStore(engine)
    topic = f"trygnet.incidents.{unique}"
    relays = await asyncio.gather(
        start(leased_relay(store, topic, bootstrap_servers, "replica-1")),
        start(leased_relay(store, topic, bootstrap_servers, "replica-2")),
    )
    ids = await append_many(store, streams=10, per_stream=5)
    messages = await read_topic(bootstrap_servers, topic, until=has_all(ids), timeout=40)
    assert sorted(ids_of(messages)) == sorted(i.replace("-", "") for i in ids), "each once"
    leases = sorted(relay.health().detail["lease"] for relay in relays)
    assert leases == ["held", "standing by"]
    [standby] = [r for r in relays if r.health().detail["lease"] == "standing by"]
    assert standby.health().detail["sent"] == 0
    assert standby.health().ok, "a replica standing by is ready: it serves HTTP"


async def test_a_holder_fenced_while_frozen_publishes_nothing_more(
    engine: AsyncEngine, bootstrap_servers: str, start, unique: str
) -> None:
    """The first holder is frozen longer than its lease and replica-2 takes the lease
    meanwhile (its term written here, as its relay would): replica-2's relay publishes,
    and the former holder sends nothing more, though its own clock says its lease
    still runs."""
    store = EventStore(engine)
    topic = f"trygnet.incidents.{unique}"
    first = await start(leased_relay(store, topic, bootstrap_servers, "replica-1"))
    ids = await append_many(store, streams=3, per_stream=2)
    await read_topic(bootstrap_servers, topic, until=has_all(ids), timeout=40)

    async def first_counted_its_acks() -> bool:  # the topic may show them a moment before
        return first.health().detail["sent"] >= len(ids)

    await until(first_counted_its_acks, "the holder counted the acks of what it sent")
    second = await start(leased_relay(store, topic, bootstrap_servers, "replica-2"))
    published_before = first.health().detail["sent"]
    async with engine.begin() as conn:  # replica-2's term began while the holder was frozen
        await conn.execute(
            update(outbox_checkpoints)
            .where(outbox_checkpoints.c.topic == topic)
            .values(
                lease_holder="replica-2",
                lease_token=outbox_checkpoints.c.lease_token + 1,
                lease_expires=outbox_checkpoints.c.lease_expires + 3600,
            )
        )

    async def second_holds() -> bool:
        return second.health().detail["lease"] == "held"

    await until(second_holds, "replica-2's relay holds the lease")
    later = await append_many(store, streams=3, per_stream=2, tenant=HUDDINGE)
    # every id, the holder's too: on several partitions a read may meet the later ones first
    messages = await read_topic(bootstrap_servers, topic, until=has_all(ids | later), timeout=40)

    async def second_counted_its_acks() -> bool:
        return second.health().detail["sent"] >= len(later)

    await until(second_counted_its_acks, "the new holder counted the acks of what it sent")
    assert first.health().detail["sent"] == published_before, "the fenced relay sent"
    assert first.health().detail["lease"] == "standing by"
    assert await holder_of(engine, topic) == "replica-2"
    assert {i.replace("-", "") for i in ids | later} <= set(ids_of(messages))


async def test_a_former_holders_writes_change_nothing(engine: AsyncEngine, unique: str) -> None:
    """The fence: a write conditional on the former token matches no row, and the former
    holder learns it lost the lease when it next checks."""
    topic = f"trygnet.incidents.{unique}"
    former = RelayLease(engine, topic=topic, holder="replica-1", seconds=LEASE_SECONDS)
    assert await former.acquire()
    fence = former.fence()
    later = RelayLease(engine, topic=topic, holder="replica-2", seconds=LEASE_SECONDS)
    assert not await later.acquire(), "a lease that runs cannot be taken"
    async with engine.begin() as conn:
        await conn.execute(update(outbox_checkpoints).values(lease_expires=0.0))
    assert await later.acquire()
    assert later.token == (former.token or 0) + 1
    async with engine.begin() as conn:
        moved = await conn.execute(update(outbox_checkpoints).where(fence).values(position=99))
    assert moved.rowcount == 0
    with pytest.raises(LeaseLost):
        await former.remaining(needed=1.0)
    assert not former.held
    with pytest.raises(LeaseLost):
        former.fence()


@contextlib.asynccontextmanager
async def incidents_database(kind: str, tmp_path: Path) -> AsyncIterator[str]:
    """A database URL a ``trygnet-relay`` process can open, at the incidents revisions."""
    if kind == "sqlite":
        url = f"sqlite:///{tmp_path / 'incidents.db'}"
    else:
        if not POSTGRES_URL:
            pytest.skip("TEST_POSTGRES_URL is not set: PostgreSQL tests skipped")
        async with service_databases("lease", ["incidents"]) as urls:
            yield urls["incidents"]
            return
    yield url


@pytest.mark.parametrize("kind", ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
async def test_the_holder_killed_the_other_replica_takes_over(
    kind: str, tmp_path: Path, bootstrap_servers: str, unique: str
) -> None:
    """Replica 1's relay is a process (``trygnet-relay``) killed with SIGKILL: it never
    releases its lease, which lapses; replica 2, standing by, takes it and publishes
    what was committed after the crash."""
    topic = f"trygnet.incidents.{unique}"
    async with incidents_database(kind, tmp_path) as url:
        engine = create_engine(url)
        await migrate(engine, version_locations=[migrations_of("trygnet_incidents")])
        store = EventStore(engine)
        env = {k: v for k, v in os.environ.items() if not k.startswith("OTEL_")}
        env |= {"TRYGNET_RELAY_HOLDER": "replica-1", "TRYGNET_RELAY_LEASE_SECONDS": "4"}
        command = [
            *(sys.executable, "-m", "trygnet_core.relay_command", "--service", "incidents"),
            *("--database-url", url, "--topic", topic, "--bootstrap-servers", bootstrap_servers),
        ]
        process = subprocess.Popen(command, env=env, stderr=subprocess.DEVNULL)
        second = leased_relay(store, topic, bootstrap_servers, "replica-2")
        try:

            async def first_holds() -> bool:
                return await holder_of(engine, topic) == "replica-1"

            await until(first_holds, "the relay process took the lease")
            await second.start()
            ids = await append_many(store, streams=5, per_stream=2)
            await read_topic(bootstrap_servers, topic, until=has_all(ids), timeout=40)
            assert second.health().detail["sent"] == 0, "only the holder publishes"
            process.send_signal(signal.SIGKILL)
            process.wait(timeout=10)
            later = await append_many(store, streams=5, per_stream=2, tenant=HUDDINGE)
            messages = await read_topic(bootstrap_servers, topic, until=has_all(later), timeout=60)

            async def second_counted_its_acks() -> bool:
                return second.health().detail["sent"] >= len(later)

            await until(second_counted_its_acks, "the new holder counted its acks")
            assert second.health().detail["lease"] == "held"
            assert await holder_of(engine, topic) == "replica-2"
            assert {i.replace("-", "") for i in ids | later} <= set(ids_of(messages))
        finally:
            if process.poll() is None:
                process.kill()
                process.wait(timeout=10)
            await second.stop()
            await engine.dispose()

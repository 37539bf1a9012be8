"""Two replicas of one consumer (one group, one database), as reporting runs scaled out:
together they apply every event once, and a partition handed from one to the other is
read on from where the first stopped."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Sequence
from typing import Any

import pytest
from sqlalchemy import Column, Integer, MetaData, String, Table, select, update
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from tests.integration.test_consumer import eventually, produce, recorded
from tests.support.components import quick_consumer
from trygnet_core.consumer import Consumer
from trygnet_core.envelope import ReceivedEvent
from trygnet_core.kafka import ensure_topic

totals = Table(
    "replica_totals",
    MetaData(),
    Column("name", String(20), primary_key=True),
    Column("events", Integer, nullable=False),
)
STREAMS = 24
VERSIONS = 5


class Tally:
    """A projection that reads a document and writes it back changed (as reporting's
    do), pausing in between as a slower projection would: two replicas applying at
    once would each write over the other's change."""

    async def __call__(self, conn: AsyncConnection, events: Sequence[ReceivedEvent]) -> None:
        found = (
            await conn.execute(select(totals.c.events).where(totals.c.name == "all"))
        ).scalar_one()
        await asyncio.sleep(0.02)
        await conn.execute(
            update(totals).where(totals.c.name == "all").values(events=found + len(events))
        )


async def counted(engine: AsyncEngine) -> int:
    async with engine.connect() as conn:
        found = (
            await conn.execute(select(totals.c.events).where(totals.c.name == "all"))
        ).scalar_one()
        return int(found)


@pytest.fixture
async def shared(postgres_only_engine: AsyncEngine) -> AsyncEngine:
    async with postgres_only_engine.begin() as conn:
        await conn.run_sync(totals.create)
        await conn.execute(totals.insert().values(name="all", events=0))
    return postgres_only_engine


async def test_two_replicas_apply_every_event_once(
    shared: AsyncEngine,
    bootstrap_servers: str,
    unique: str,
    start: Callable[[Consumer], Awaitable[Consumer]],
) -> None:
    topic = f"replicas-{unique}"
    await ensure_topic(bootstrap_servers, topic, partitions=4)
    replicas = [
        await start(
            quick_consumer(
                shared,
                topics=[topic],
                bootstrap_servers=bootstrap_servers,
                handler=Tally(),
                name=f"reporting-{unique}",
                batch_size=3,
            )
        )
        for _ in range(2)
    ]
    await _until_both_assigned(replicas)
    events = [recorded(f"s{s}", v) for v in range(1, VERSIONS + 1) for s in range(STREAMS)]
    await produce(bootstrap_servers, topic, events)

    async def every_one_applied() -> bool:
        keys = [("0101", "incidents", f"s{s}") for s in range(STREAMS)]
        versions = await replicas[0].tracking.stream_versions(keys)
        return all(v == VERSIONS for v in versions.values())

    await eventually(every_one_applied, timeout=60)
    assert await counted(shared) == len(events), "no replica wrote over the other's change"
    applied = sum(r.health().detail["applied"] for r in replicas)
    assert applied == len(events)


async def test_a_partition_handed_over_is_read_on_from_where_the_other_replica_stopped(
    shared: AsyncEngine,
    bootstrap_servers: str,
    unique: str,
    start: Callable[[Consumer], Awaitable[Consumer]],
) -> None:
    topic = f"handover-{unique}"
    await ensure_topic(bootstrap_servers, topic, partitions=4)
    first, second = [
        await start(
            quick_consumer(
                shared,
                topics=[topic],
                bootstrap_servers=bootstrap_servers,
                handler=Tally(),
                name=f"reporting-{unique}",
                # Long enough that a busy machine's slow heartbeat hands nothing over early.
                session_timeout_ms=6000,
                heartbeat_interval_ms=1000,
            )
        )
        for _ in range(2)
    ]
    await _until_both_assigned([first, second])
    events = [recorded(f"s{s}", 1) for s in range(STREAMS)]
    await produce(bootstrap_servers, topic, events)

    async def all_counted() -> Any:
        return await counted(shared) == len(events)

    await eventually(all_counted, timeout=60)
    handed = len(first.positions())
    assert handed > 0, "the first replica applied some partitions"
    await first.stop()
    await produce(bootstrap_servers, topic, [recorded(f"s{s}", 2) for s in range(STREAMS)])

    async def all_again() -> Any:
        return await counted(shared) == 2 * len(events)

    await eventually(all_again, timeout=60)
    await asyncio.sleep(1)  # nothing applied twice: the count stays
    assert await counted(shared) == 2 * len(events)
    assert second.health().detail["duplicates"] == 0, "nothing the first applied read again"


async def _until_both_assigned(replicas: Sequence[Consumer]) -> None:
    async def assigned() -> bool:
        return all(r._kafka is not None and r._kafka.assignment() for r in replicas)

    await eventually(assigned, timeout=60)

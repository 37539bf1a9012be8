"""A consumer that reads every partition itself (``trygnet-reporting rebuild``): no
consumer group joined, and still each event applied once, from the stored positions."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence

import pytest
from aiokafka import AIOKafkaConsumer, TopicPartition
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from tests.integration import test_consumer
from tests.integration.test_consumer import (
    Recorder,
    _count,
    eventually,
    produce,
    recorded,
)
from tests.support.components import quick_consumer
from trygnet_core.consumer import Consumer
from trygnet_core.consumer_partitions import Share, partitions_of
from trygnet_core.envelope import ReceivedEvent
from trygnet_core.kafka import ensure_topic

projection_db = test_consumer.projection_db


def alone(
    engine: AsyncEngine,
    topics: Sequence[str],
    bootstrap_servers: str,
    name: str,
    share: Share | None = None,
) -> Consumer:
    return quick_consumer(
        engine,
        topics=topics,
        bootstrap_servers=bootstrap_servers,
        handler=Recorder(),
        name=name,
        every_partition=True,
        share=share,
    )


async def test_it_reads_every_partition_and_goes_on_from_its_stored_positions(
    projection_db, bootstrap_servers, start, unique
) -> None:
    topic = f"t.{unique}"
    await ensure_topic(bootstrap_servers, topic, partitions=3)
    await produce(
        bootstrap_servers, topic, [recorded(f"s{s}", v) for s in range(6) for v in (1, 2)]
    )
    first = await start(alone(projection_db, [topic], bootstrap_servers, f"g-{unique}"))
    await eventually(lambda: _count(projection_db, 12))
    assert sum(first.positions().values()) == 12
    assert (await first.progress())["end"] == 12, "a partition was left out"
    await first.stop()

    await produce(bootstrap_servers, topic, [recorded(f"s{s}", 3) for s in range(6)])
    again = await start(alone(projection_db, [topic], bootstrap_servers, f"g-{unique}"))
    await eventually(lambda: _count(projection_db, 18))
    assert again.health().detail["duplicates"] == 0, "it re-read what its database says it applied"
    assert again.health().detail["applied"] == 6


async def test_a_topic_made_after_it_started_is_read_once_it_is_there(
    projection_db, bootstrap_servers, start, unique
) -> None:
    early, late = f"t.{unique}.early", f"t.{unique}.late"
    await ensure_topic(bootstrap_servers, early, partitions=2)
    await produce(bootstrap_servers, early, [recorded(f"e{s}", 1) for s in range(4)])
    consumer = await start(alone(projection_db, [early, late], bootstrap_servers, f"g-{unique}"))
    await eventually(lambda: _count(projection_db, 4))
    await ensure_topic(bootstrap_servers, late, partitions=2)
    await produce(bootstrap_servers, late, [recorded(f"l{s}", 1) for s in range(4)])
    await eventually(lambda: _count(projection_db, 8))
    assert consumer.health().detail["applied"] == 8
    assert {topic for topic, _partition in consumer.positions()} == {early, late}


class Held(Recorder):
    """Applies a batch only once ``release`` is set; ``entered`` once it holds one."""

    def __init__(self) -> None:
        super().__init__()
        self.entered, self.release = asyncio.Event(), asyncio.Event()

    async def __call__(self, conn: AsyncConnection, events: Sequence[ReceivedEvent]) -> None:
        self.entered.set()
        await self.release.wait()
        await super().__call__(conn, events)


async def test_a_consumer_applying_a_batch_is_not_idle_however_long_the_batch_takes(
    projection_db, bootstrap_servers, start, unique
) -> None:
    # A rebuild is done (``caughtUp``) when nothing was applied for a while; a batch that
    # takes long is work under way, whatever the lag reads meanwhile.
    topic = f"t.{unique}"
    await ensure_topic(bootstrap_servers, topic, partitions=1)
    held = Held()
    consumer = quick_consumer(
        projection_db,
        topics=[topic],
        bootstrap_servers=bootstrap_servers,
        handler=held,
        name=f"g-{unique}",
        every_partition=True,
    )
    await start(consumer)
    await produce(bootstrap_servers, topic, [recorded("s", 1)])
    await asyncio.wait_for(held.entered.wait(), 30)
    await asyncio.sleep(1.5)
    assert (await consumer.progress())["idle_seconds"] == 0
    held.release.set()
    await eventually(lambda: _count(projection_db, 1))
    await asyncio.sleep(0.3)
    after = await consumer.progress()
    assert after["lag"] == 0 and 0.2 <= after["idle_seconds"] < 1.5, after


async def test_consumers_taking_shares_read_every_partition_once_between_them(
    projection_db, bootstrap_servers, start, unique
) -> None:
    # ``trygnet-reporting rebuild --workers 2``: each process reads every second
    # partition, in topic and partition order, and their batches share one database.
    first, second = f"t.{unique}.a", f"t.{unique}.b"
    await ensure_topic(bootstrap_servers, first, partitions=3)
    await ensure_topic(bootstrap_servers, second, partitions=2)
    for topic, prefix in ((first, "a"), (second, "b")):  # fixed keys: fixed partitions
        await produce(bootstrap_servers, topic, [recorded(f"{prefix}{s}", 1) for s in range(8)])
    every = await partitions_of(bootstrap_servers, [first, second])
    assert len(every) == 5
    name = f"g-{unique}"
    shares = [
        await start(alone(projection_db, [first, second], bootstrap_servers, name, Share(k, 2)))
        for k in range(2)
    ]
    await eventually(lambda: _count(projection_db, 16))
    ends = await end_offsets(bootstrap_servers, every)
    for k, share in enumerate(shares):  # each holds its share: its messages and no others
        mine = Share(k, 2).pick(every)
        assert (await share.progress())["end"] == sum(ends[tp] for tp in mine)
    applied = [share.health().detail["applied"] for share in shares]
    assert sum(applied) == 16 and all(applied), applied
    assert all(share.health().detail["duplicates"] == 0 for share in shares)


def test_a_share_is_one_of_its_number_and_only_for_a_consumer_reading_every_partition(
    projection_db,
) -> None:
    with pytest.raises(ValueError, match="0 <= index < of"):
        Share(2, 2)
    with pytest.raises(ValueError, match="0 <= index < of"):
        Share(0, 0)
    with pytest.raises(ValueError, match="reading every partition itself"):
        Consumer(
            projection_db,
            name="g",
            topics=["t"],
            bootstrap_servers="localhost:1",
            handler=Recorder(),
            share=Share(1, 2),
        )


async def end_offsets(bootstrap_servers: str, partitions: list[TopicPartition]) -> dict:
    reader = AIOKafkaConsumer(bootstrap_servers=bootstrap_servers)
    await reader.start()
    try:
        return await reader.end_offsets(partitions)
    finally:
        await reader.stop()

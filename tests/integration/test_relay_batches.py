"""The relay's record batches (``trygnet_core.relay_batches``) against the embedded broker:
every message on the partition the default partitioner picks for its key, each stream
in version order there, and the acked offsets the relay keeps those of the messages."""

from __future__ import annotations

import asyncio
from collections import defaultdict
from typing import Any

from aiokafka.partitioner import murmur2
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncEngine

from tests.support.components import quick_relay
from tests.support.topics import Message, read_topic
from trygnet_core.envelope import NewEvent
from trygnet_core.relay import OutboxRelay
from trygnet_core.relay_batches import Flight
from trygnet_core.schema import outbox_partitions
from trygnet_core.store import EventStore
from trygnet_core.tenancy import TenantId

TENANT = TenantId("0101")
PARTITIONS = 4


async def append_streams(
    store: EventStore, *, streams: int, commands: int, events: int, size: int = 10
) -> int:
    """``commands`` rounds over ``streams`` streams, ``events`` events a command, each
    carrying ``size`` characters; the number of events appended."""
    for command in range(commands):
        for stream in range(streams):
            await store.append(
                tenant=TENANT,
                stream_id=f"incident-{stream}",
                stream_type="Incident",
                expected_version=command * events,
                events=[
                    NewEvent(type="TimelineEntryAdded", data={"n": n, "text": "x" * size})
                    for n in range(events)
                ],
            )
    return streams * commands * events


def default_partition(key: bytes) -> int:
    """What Kafka's default partitioner picks: murmur2 of the key over the partitions."""
    return (murmur2(key) & 0x7FFFFFFF) % PARTITIONS


async def relay_everything(
    store: EventStore, topic: str, bootstrap_servers: str, *, batch_size: int, count: int
) -> list[Message]:
    """One ``publish_pending`` (every event acked and the progress saved when it
    returns), then the topic as a consumer reads it."""
    relay = quick_relay(
        store,
        topic=topic,
        bootstrap_servers=bootstrap_servers,
        partitions=PARTITIONS,
        batch_size=batch_size,
    )
    try:
        assert await relay.publish_pending() == count
    finally:
        await relay.stop()
    return await read_topic(bootstrap_servers, topic, until=lambda found: len(found) >= count)


def assert_partitioned_in_order(messages: list[Message], count: int) -> None:
    assert len(messages) == count, "each event exactly once"
    versions: dict[bytes, list[int]] = defaultdict(list)
    for message in sorted(messages, key=lambda m: (m.partition, m.offset)):
        assert message.key is not None
        assert message.partition == default_partition(message.key), (
            "a message on another partition than the default partitioner's"
        )
        versions[message.key].append(message.event().event.version)
    for key, seen in versions.items():
        assert seen == list(range(1, len(seen) + 1)), f"{key!r} out of order: {seen}"
    for partition in {m.partition for m in messages}:
        offsets = sorted(m.offset for m in messages if m.partition == partition)
        assert offsets == list(range(offsets[0], offsets[0] + len(offsets))), "offsets unique"


async def assert_saved_offsets(
    engine: AsyncEngine, topic: str, messages: list[Message], *, batch_size: int
) -> None:
    """The saved progress holds, per partition, the last message's offset and the
    lowest offset of the last relay batch that reached it (what the lost-log checks
    compare with), as if each message's own ack had been counted."""
    ordered = sorted(messages, key=lambda m: m.event().event.position)
    acked: dict[int, int] = {}
    floor: dict[int, int] = {}
    for start in range(0, len(ordered), batch_size):
        chunk = ordered[start : start + batch_size]
        for partition in {m.partition for m in chunk}:
            offsets = [m.offset for m in chunk if m.partition == partition]
            acked[partition], floor[partition] = max(offsets), min(offsets)
    async with engine.connect() as conn:
        rows = await conn.execute(
            select(outbox_partitions).where(outbox_partitions.c.topic == topic)
        )
        saved = {row.partition: (row.acked_offset, row.floor_offset) for row in rows}
    assert saved == {p: (acked[p], floor[p]) for p in acked}


async def test_many_streams_land_on_the_default_partitioners_partition_in_version_order(
    engine: AsyncEngine, bootstrap_servers: str, unique: str
) -> None:
    store = EventStore(engine)
    topic = f"trygnet.incidents.{unique}"
    count = await append_streams(store, streams=23, commands=4, events=3)
    messages = await relay_everything(store, topic, bootstrap_servers, batch_size=50, count=count)
    assert {m.partition for m in messages} == set(range(PARTITIONS))
    assert_partitioned_in_order(messages, count)
    await assert_saved_offsets(engine, topic, messages, batch_size=50)


async def test_a_partition_outgrowing_one_record_batch_keeps_its_order_and_offsets(
    engine: AsyncEngine, bootstrap_servers: str, unique: str
) -> None:
    """Events of 100 KB: a relay batch's messages for one partition fill several record
    batches (512 KB each), sent one after another."""
    store = EventStore(engine)
    topic = f"trygnet.incidents.{unique}"
    count = await append_streams(store, streams=3, commands=4, events=4, size=100_000)
    messages = await relay_everything(store, topic, bootstrap_servers, batch_size=30, count=count)
    assert_partitioned_in_order(messages, count)
    await assert_saved_offsets(engine, topic, messages, batch_size=30)


class CountingRelay(OutboxRelay):
    """The relay, keeping how many events each batch it sent held."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.flights: list[int] = []

    async def _send(self, producer: Any, progress: Any, rows: Any) -> Flight:
        flight = await super()._send(producer, progress, rows)
        self.flights.append(flight.count)
        return flight


async def test_under_load_the_relay_lingers_so_commits_leave_together(
    engine: AsyncEngine, bootstrap_servers: str, unique: str, start
) -> None:
    """A lone commit leaves alone; commits arriving one after another while the relay
    lingers leave together, in a few batches rather than one a commit."""
    store = EventStore(engine)
    topic = f"trygnet.incidents.{unique}"
    relay = await start(
        CountingRelay(
            store,
            service="incidents",
            topic=topic,
            bootstrap_servers=bootstrap_servers,
            idle_interval=0.05,
            request_timeout=1.5,
            linger=1.0,
        )
    )
    first = await append_streams(store, streams=1, commands=1, events=1)
    await read_topic(bootstrap_servers, topic, until=lambda found: len(found) == first)
    assert relay.flights == [1]
    await asyncio.sleep(2.1)  # at rest again: past twice the linger since that batch
    for n in range(30):  # a commit every 20 ms: without a linger, each would leave alone
        await store.append(
            tenant=TENANT,
            stream_id=f"walk-{n}",
            stream_type="SafetyWalk",
            expected_version=0,
            events=[NewEvent(type="TimelineEntryAdded", data={"n": n})],
        )
        await asyncio.sleep(0.02)
    messages = await read_topic(bootstrap_servers, topic, until=lambda found: len(found) == 31)
    assert len(messages) == 31
    burst = relay.flights[1:]
    assert sum(burst) == 30
    assert burst[0] == 1  # the first commit of the burst found the relay at rest
    assert len(burst) <= 5, burst  # the others waited for one another

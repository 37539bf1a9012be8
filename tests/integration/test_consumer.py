"""The idempotent consumer against the real broker and real databases."""

from __future__ import annotations

import asyncio
import dataclasses
import uuid
from collections.abc import Sequence
from datetime import UTC, datetime

import pytest
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, TopicPartition
from sqlalchemy import Column, Integer, MetaData, String, Table, func, select
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from tests.support.components import quick_consumer, quick_relay
from trygnet_core import consumer_assignment
from trygnet_core.broker import EmbeddedBroker
from trygnet_core.consumer import Consumer, Unprocessable
from trygnet_core.consumer_assignment import reset_logs
from trygnet_core.consumer_tracking import Tracking
from trygnet_core.envelope import NewEvent, ReceivedEvent, RecordedEvent, to_kafka
from trygnet_core.kafka import ensure_topic
from trygnet_core.schema import dead_letters
from trygnet_core.store import EventStore
from trygnet_core.tenancy import TenantId

applications = Table(
    "applications",
    MetaData(),
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("event_id", String(64), nullable=False),
    Column("stream_id", String(200), nullable=False),
    Column("version", Integer, nullable=False),
)


class Recorder:
    """A projection that writes one row per application, so a duplicate shows."""

    def __init__(self, poison: set[str] = frozenset(), unknown: set[str] = frozenset()) -> None:
        self.poison, self.unknown, self.calls = poison, unknown, 0

    async def __call__(self, conn: AsyncConnection, events: Sequence[ReceivedEvent]) -> None:
        self.calls += 1
        await conn.execute(
            applications.insert(),
            [
                {
                    "event_id": str(e.event.event_id),
                    "stream_id": e.event.stream_id,
                    "version": e.event.version,
                }
                for e in events
            ],
        )
        for e in events:
            if e.event.type in self.unknown:
                raise Unprocessable(f"unknown event type {e.event.type}")
            if str(e.event.event_id) in self.poison:
                raise RuntimeError("projection bug")


def recorded(stream: str, version: int, *, tenant: str = "0101") -> RecordedEvent:
    return RecordedEvent(
        position=version,
        tenant_id=TenantId(tenant),
        stream_id=stream,
        stream_type="Incident",
        version=version,
        event_id=uuid.uuid4(),
        type="TaskAdded",
        schema_version=1,
        data={"v": version},
        metadata={},
        recorded_at=datetime.now(UTC),
    )


async def produce(
    bootstrap_servers: str,
    topic: str,
    events: Sequence[RecordedEvent],
    *,
    raw: Sequence[tuple[bytes, bytes, list]] = (),
) -> None:
    producer = AIOKafkaProducer(bootstrap_servers=bootstrap_servers, acks="all")
    await producer.start()
    try:
        for event in events:
            record = to_kafka(event, service="incidents")
            await producer.send_and_wait(
                topic, record.value, key=record.key, headers=list(record.headers)
            )
        for key, value, headers in raw:
            await producer.send_and_wait(topic, value, key=key, headers=headers)
    finally:
        await producer.stop()


async def applied(engine: AsyncEngine) -> list[tuple[str, int]]:
    async with engine.connect() as conn:
        rows = await conn.execute(
            select(applications.c.stream_id, applications.c.version).order_by(applications.c.id)
        )
        return [(r.stream_id, r.version) for r in rows]


async def eventually(check, timeout: float = 30.0) -> None:
    deadline = asyncio.get_running_loop().time() + timeout
    while True:
        outcome = await check()
        if outcome:
            return
        if asyncio.get_running_loop().time() > deadline:
            raise AssertionError(f"not reached within {timeout}s: {outcome!r}")
        await asyncio.sleep(0.1)


@pytest.fixture
async def projection_db(engine: AsyncEngine) -> AsyncEngine:
    async with engine.begin() as conn:
        await conn.run_sync(applications.create)
    return engine


@pytest.fixture
def consumers(bootstrap_servers: str, start):
    async def make(
        engine: AsyncEngine, topic: str, handler, name: str, group: str | None = None
    ) -> Consumer:
        return await start(
            quick_consumer(
                engine,
                topics=[topic],
                bootstrap_servers=bootstrap_servers,
                handler=handler,
                name=name,
                group_id=group,
            )
        )

    return make


async def test_a_duplicate_delivery_is_applied_once(
    projection_db, bootstrap_servers, consumers, unique
) -> None:
    topic = f"t.{unique}"
    await ensure_topic(bootstrap_servers, topic, partitions=4)
    events = [recorded(f"s{s}", v) for s in range(3) for v in range(1, 4)]
    await produce(bootstrap_servers, topic, events)
    await produce(bootstrap_servers, topic, events[2:7])  # delivered again
    await produce(bootstrap_servers, topic, events)  # and again, whole
    consumer = await consumers(projection_db, topic, Recorder(), f"g-{unique}")

    async def all_seen() -> bool:
        return consumer.health().detail["duplicates"] >= 14

    await eventually(all_seen)
    rows = await applied(projection_db)
    assert sorted(rows) == sorted((e.stream_id, e.version) for e in events)
    assert consumer.health().detail["applied"] == 9


async def test_an_early_copy_is_skipped_and_the_stream_applied_in_order(
    projection_db, bootstrap_servers, consumers, unique
) -> None:
    topic = f"t.{unique}"
    await ensure_topic(bootstrap_servers, topic, partitions=1)
    v1, v2, v3 = (recorded("s", v) for v in (1, 2, 3))
    await produce(bootstrap_servers, topic, [v2, v1, v2, v3])  # v2 got through early, then resent
    consumer = await consumers(projection_db, topic, Recorder(), f"g-{unique}")
    assert await consumer.wait_for_stream(
        tenant="0101", source="incidents", stream_id="s", version=3, timeout=30
    )
    assert await applied(projection_db) == [("s", 1), ("s", 2), ("s", 3)]
    assert consumer.health().detail["early"] == 1


async def test_stored_positions_are_used_after_a_restart(
    projection_db, bootstrap_servers, consumers, unique
) -> None:
    topic = f"t.{unique}"
    await ensure_topic(bootstrap_servers, topic, partitions=2)
    first = [recorded(f"s{s}", v) for s in range(4) for v in (1, 2)]
    await produce(bootstrap_servers, topic, first)
    consumer = await consumers(projection_db, topic, Recorder(), f"g-{unique}")
    await eventually(lambda: _count(projection_db, 8))
    positions = consumer.positions()
    assert sum(positions.values()) == 8
    await consumer.stop()

    later = [recorded(f"s{s}", 3) for s in range(4)]
    await produce(bootstrap_servers, topic, later)
    again = await consumers(
        projection_db, topic, Recorder(), f"g-{unique}", group=f"new-{unique}"
    )  # Kafka knows nothing
    await eventually(lambda: _count(projection_db, 12))
    await asyncio.sleep(0.5)
    assert again.health().detail["duplicates"] == 0, "it re-read what its database says it applied"
    assert again.health().detail["applied"] == 4


class _SlowToRefresh(Tracking):
    """Positions read slowly on assignment, as from a database under load: the window in
    which Kafka's own starting point (the earliest offset, no offset being committed)
    would be read from before the seek to the stored positions."""

    async def refresh(self) -> None:
        await asyncio.sleep(1.5)
        await super().refresh()


class _FailsToRefreshOnce(Tracking):
    """The database away the first time the positions are read on assignment."""

    failed = False

    async def refresh(self) -> None:
        if not self.failed:
            self.failed = True
            raise ConnectionRefusedError("the database is away")
        await super().refresh()


@pytest.mark.parametrize("tracking", [_SlowToRefresh, _FailsToRefreshOnce])
async def test_nothing_is_read_from_before_the_stored_positions_while_they_are_read(
    projection_db, bootstrap_servers, consumers, start, unique, tracking
) -> None:
    topic = f"t.{unique}"
    await ensure_topic(bootstrap_servers, topic, partitions=2)
    await produce(
        bootstrap_servers, topic, [recorded(f"s{s}", v) for s in range(4) for v in (1, 2)]
    )
    first = await consumers(projection_db, topic, Recorder(), f"g-{unique}")
    await eventually(lambda: _count(projection_db, 8))
    await first.stop()

    await produce(bootstrap_servers, topic, [recorded(f"s{s}", 3) for s in range(4)])
    again = quick_consumer(
        projection_db,
        topics=[topic],
        bootstrap_servers=bootstrap_servers,
        handler=Recorder(),
        name=f"g-{unique}",
        group_id=f"new-{unique}",
    )
    again.tracking = tracking(projection_db, consumer=f"g-{unique}")
    await start(again)
    await eventually(lambda: _count(projection_db, 12))
    assert again.health().detail["duplicates"] == 0, "it read from before its stored positions"
    assert again.health().detail["applied"] == 4


async def _count(engine: AsyncEngine, n: int) -> bool:
    async with engine.connect() as conn:
        return (
            await conn.execute(select(func.count()).select_from(applications))
        ).scalar_one() >= n


async def test_a_reset_log_is_detected_and_read_again(
    projection_db, embedded_broker: EmbeddedBroker, bootstrap_servers, consumers, unique, tmp_path
) -> None:
    """The broker restarts empty; the relay republishes; the consumer re-reads, applying nothing twice."""
    from tests.conftest import sqlite_engine

    source = await sqlite_engine(tmp_path / "incidents.db")
    store = EventStore(source)
    topic = f"trygnet.incidents.{unique}"
    relay = quick_relay(store, topic=topic, bootstrap_servers=bootstrap_servers)
    await relay.start()
    try:
        for s in range(6):
            await store.append(
                tenant=TenantId("0101"),
                stream_id=f"s{s}",
                stream_type="Incident",
                expected_version=0,
                events=[
                    NewEvent(type="IncidentReported", data={}),
                    NewEvent(type="TaskAdded", data={}),
                ],
            )
        consumer = await consumers(projection_db, topic, Recorder(), f"g-{unique}")
        await eventually(lambda: _count(projection_db, 12))
        await consumer.stop()
        embedded_broker.restart()  # consumer away: on its return its stored positions are past the new log
        await store.append(
            tenant=TenantId("0101"),
            stream_id="s0",
            stream_type="Incident",
            expected_version=2,
            events=[NewEvent(type="TaskAdded", data={})],
        )
        again = await consumers(projection_db, topic, Recorder(), f"g-{unique}")
        await eventually(lambda: _count(projection_db, 13))
        embedded_broker.restart()  # consumer connected this time
        await store.append(
            tenant=TenantId("0101"),
            stream_id="s9",
            stream_type="Incident",
            expected_version=0,
            events=[NewEvent(type="IncidentReported", data={})],
        )
        await eventually(lambda: _count(projection_db, 14), timeout=40)
        await asyncio.sleep(1.0)
    finally:
        await relay.stop()
        await source.dispose()
    rows = await applied(projection_db)
    assert len(rows) == len(set(rows)) == 14, "every event applied exactly once"
    assert again.health().detail["resets"] >= 1, "the consumer noticed the reset log itself"
    assert relay.health().detail["epoch"] == 2


async def test_a_log_that_ends_short_of_its_batch_is_not_taken_for_reset_nor_waited_on(
    projection_db, bootstrap_servers, consumers, unique, caplog, monkeypatch
) -> None:
    """The embedded broker answers a partition's end as the start of its last batch plus
    one: a consumer that read the whole batch has a stored position past that end. Its
    last message carries the stored epoch, so the log is taken as it is at once: not reset,
    and no second look at the partition's end a second later; asked again while its end
    has not moved, its last message is not read again."""
    topic = f"t.{unique}"
    await ensure_topic(bootstrap_servers, topic, partitions=1)
    producer = AIOKafkaProducer(bootstrap_servers=bootstrap_servers, linger_ms=200)
    await producer.start()
    try:
        sent = []
        for v in range(1, 7):
            record = to_kafka(recorded("s0", v), service="incidents")
            sent.append(
                await producer.send(
                    topic, record.value, key=record.key, headers=list(record.headers)
                )
            )
        await asyncio.gather(*sent)
    finally:
        await producer.stop()
    first = await consumers(projection_db, topic, Recorder(), f"g-{unique}")
    await eventually(lambda: _count(projection_db, 6))
    await first.stop()

    tracking = Tracking(projection_db, consumer=f"g-{unique}")
    await tracking.load()
    tp = TopicPartition(topic, 0)
    assert tracking.positions[(topic, 0)].next_offset == 6
    caplog.set_level("INFO", logger="trygnet_core.consumer")
    kafka = AIOKafkaConsumer(bootstrap_servers=bootstrap_servers, enable_auto_commit=False)
    await kafka.start()
    try:
        if (await kafka.end_offsets([tp]))[tp] >= 6:
            pytest.skip("this broker (Apache Kafka) answers the end of the batch, not short")
        reset = await reset_logs(
            kafka, [tp], tracking=tracking, bootstrap_servers=bootstrap_servers
        )
        probes = []
        real_probe = consumer_assignment._epochs_at

        async def counted(*args: object) -> dict[TopicPartition, int | None]:
            probes.append(args)
            return await real_probe(*args)  # type: ignore[arg-type]

        monkeypatch.setattr(consumer_assignment, "_epochs_at", counted)
        again = await reset_logs(
            kafka, [tp], tracking=tracking, bootstrap_servers=bootstrap_servers
        )
    finally:
        await kafka.stop()
    assert reset == set() and again == set()
    assert probes == [], "the log's end had not moved: its last message was not read again"
    # other consumers of the session (other tests' platforms) may look again at theirs
    looked = [r for r in caplog.records if "looking again" in r.getMessage()]
    assert not [r for r in looked if topic in getattr(r, "topics", ())]


async def test_a_poison_message_lands_in_dead_letters_and_the_consumer_goes_on(
    projection_db, bootstrap_servers, consumers, unique
) -> None:
    topic = f"t.{unique}"
    await ensure_topic(bootstrap_servers, topic, partitions=1)
    good = [recorded("s", v) for v in (1, 2, 3, 4)]
    unknown = dataclasses.replace(recorded("u", 1), type="SomethingNew")
    await produce(
        bootstrap_servers,
        topic,
        good[:2],
        raw=[(b"0101:x", b"not json", [("ce_specversion", b"1.0")])],
    )
    await produce(bootstrap_servers, topic, [unknown, *good[2:]])
    handler = Recorder(poison={str(good[1].event_id)}, unknown={"SomethingNew"})
    consumer = await consumers(projection_db, topic, handler, f"g-{unique}")
    assert await consumer.wait_for_stream(
        tenant="0101", source="incidents", stream_id="s", version=4, timeout=30
    )

    async def three_letters() -> bool:
        return consumer.health().detail["dead_letters"] == 3

    await eventually(three_letters)
    assert [v for _, v in await applied(projection_db)] == [1, 3, 4], (
        "the poison's partial work was rolled back"
    )
    async with projection_db.connect() as conn:
        letters = (await conn.execute(select(dead_letters).order_by(dead_letters.c.id))).all()
    by_event = {letter.event_id: letter for letter in letters}
    assert len(letters) == 3 and len({letter.offset for letter in letters}) == 3
    poison = by_event[str(good[1].event_id)]
    assert poison.attempts == 3 and "projection bug" in poison.error
    assert by_event[str(unknown.event_id)].error.startswith("unprocessable: unknown event type")
    assert by_event[str(unknown.event_id)].attempts == 1
    malformed = by_event[None]
    assert (
        malformed.error.startswith("malformed: missing header") and malformed.value == b"not json"
    )
    assert consumer.health().detail["dead_letters"] == 3
    assert consumer.metrics()["consumer_dead_letters"] == 3

    # The partition read again from its start (as a seek back or a replica's hand-over
    # does): the malformed and the unknown message are met again, and still one letter each.
    assert consumer._kafka is not None
    consumer._kafka.seek(TopicPartition(topic, 0), 0)
    await produce(bootstrap_servers, topic, [recorded("s", 5)])
    assert await consumer.wait_for_stream(
        tenant="0101", source="incidents", stream_id="s", version=5, timeout=30
    )
    async with projection_db.connect() as conn:
        again = (await conn.execute(select(func.count()).select_from(dead_letters))).scalar()
    assert again == 3 and consumer.health().detail["dead_letters"] == 3


async def test_read_your_writes_waits_for_a_version_and_times_out_clearly(
    projection_db, bootstrap_servers, consumers, unique
) -> None:
    topic = f"t.{unique}"
    await ensure_topic(bootstrap_servers, topic, partitions=1)
    consumer = await consumers(projection_db, topic, Recorder(), f"g-{unique}")
    waiting = asyncio.create_task(
        consumer.wait_for_stream(
            tenant="0101", source="incidents", stream_id="w", version=2, timeout=30
        )
    )
    await asyncio.sleep(0.3)
    assert not waiting.done()
    await produce(bootstrap_servers, topic, [recorded("w", 1), recorded("w", 2)])
    assert await waiting
    assert not await consumer.wait_for_stream(
        tenant="0101", source="incidents", stream_id="w", version=3, timeout=0.5
    )
    assert not await consumer.wait_for_stream(
        tenant="0851", source="incidents", stream_id="w", version=1, timeout=0.3
    )

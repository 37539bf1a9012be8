"""A consumer at rest stops asking the broker, and wakes for a reader or after a while."""

from __future__ import annotations

import asyncio

import pytest

from tests.integration import test_consumer
from tests.integration.test_consumer import Recorder, applied, eventually, produce, recorded
from tests.support.components import quick_consumer
from trygnet_core.consumer import Consumer
from trygnet_core.kafka import ensure_topic

projection_db = test_consumer.projection_db


@pytest.fixture
def applying(bootstrap_servers: str, start, projection_db, unique):
    """A consumer with the rest settings given that has applied one event."""

    async def make(**rest: int) -> tuple[Consumer, str]:
        topic = f"t.{unique}"
        await ensure_topic(bootstrap_servers, topic, partitions=2)
        consumer = await start(
            quick_consumer(
                projection_db,
                topics=[topic],
                bootstrap_servers=bootstrap_servers,
                handler=Recorder(),
                name=f"g-{unique}",
                **rest,
            )
        )
        await produce(bootstrap_servers, topic, [recorded("s", 1)])
        assert await consumer.wait_for_stream(
            tenant="0101", source="incidents", stream_id="s", version=1, timeout=30
        )
        return consumer, topic

    return make


@pytest.fixture
def resting(applying):
    async def make(*, rest_poll_ms: int) -> tuple[Consumer, str]:
        consumer, topic = await applying(rest_after_ms=200, rest_poll_ms=rest_poll_ms)

        async def rests() -> bool:
            return consumer.metrics()["consumer_rests"] >= 2

        await eventually(rests)  # nothing more arrived: it rests, time and again
        return consumer, topic

    return make


async def test_a_reader_waiting_for_a_write_wakes_a_resting_consumer(
    resting, bootstrap_servers, projection_db
) -> None:
    consumer, topic = await resting(rest_poll_ms=120_000)  # a rest would outlast the wait
    await produce(bootstrap_servers, topic, [recorded("s", 2)])
    assert await consumer.wait_for_stream(
        tenant="0101", source="incidents", stream_id="s", version=2, timeout=30
    )
    assert await applied(projection_db) == [("s", 1), ("s", 2)]


async def test_a_resting_consumer_looks_again_after_its_rest(
    resting, bootstrap_servers, projection_db
) -> None:
    consumer, topic = await resting(rest_poll_ms=300)
    await produce(bootstrap_servers, topic, [recorded("s", 2), recorded("t", 1)])

    async def both() -> bool:
        return len(await applied(projection_db)) == 3

    await eventually(both)  # no reader asked: the rest ended by itself
    assert consumer.health().ok


async def test_a_consumer_without_rest_after_never_rests(applying) -> None:
    consumer, _ = await applying()
    await asyncio.sleep(1.0)  # idle: one that took 0 for "at once" would have rested by now
    assert consumer.metrics()["consumer_rests"] == 0


async def test_no_rest_begins_while_a_reader_waits_for_a_write() -> None:
    """A reader woken once used to wait out a whole rest that began after its wake-up,
    while its write had not arrived yet (a 30 s wait for an event already produced)."""
    from trygnet_core.consumer_fetching import Rest

    rest = Rest(rest_after=0.05, rest_poll=60)
    with rest.waiting():
        await asyncio.sleep(0.1)
        assert not rest.due, "a reader waits: no rest"
    assert not rest.due, "awake for rest_after once the reader is done"
    await asyncio.sleep(0.1)
    assert rest.due


async def test_a_rest_resumes_only_what_it_paused_when_no_assignment_came_between(
    bootstrap_servers, unique
) -> None:
    from aiokafka import AIOKafkaConsumer, TopicPartition

    from trygnet_core.consumer_fetching import Rest

    topic = f"t.{unique}"
    await ensure_topic(bootstrap_servers, topic, partitions=2)
    kafka = AIOKafkaConsumer(bootstrap_servers=bootstrap_servers, enable_auto_commit=False)
    await kafka.start()
    try:
        parts = {TopicPartition(topic, 0), TopicPartition(topic, 1)}
        kafka.assign(list(parts))
        rest = Rest(rest_after=0.1, rest_poll=0.2)
        assert not await rest.take(kafka, lambda: 0), "it ran out: only a look follows"
        assert kafka.paused() == set(), "a rest with nothing between resumes what it paused"
        asyncio.get_running_loop().call_later(0.05, rest.wake)
        assert await rest.take(kafka, lambda: 0), "cut short by a reader: a batch's wait"

        assignments = iter(range(2))  # the group assigned again during the rest
        await rest.take(kafka, lambda: next(assignments))
        assert kafka.paused() == parts, "the listener's to resume once it has sought them"
    finally:
        await kafka.stop()

"""The relay and the consumer on Apache Kafka's three-node cluster (the production shape).

These need Java and the jars ``make kafka`` fetches: without Java they are skipped,
saying so (on CI, where ``CI`` is set, that is a failure). ``TRYGNET_TEST_KAFKA=cluster`` runs them
on the session's cluster; ``make test`` starts one for them.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from aiokafka.admin import AIOKafkaAdminClient
from aiokafka.admin.config_resource import ConfigResource, ConfigResourceType
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncEngine

from tests.conftest import sqlite_engine
from tests.integration.test_consumer import Recorder, applications, applied
from tests.integration.test_relay import COPENHAGEN, append_many, has_all
from tests.support.components import quick_consumer, quick_relay
from tests.support.kafka import KafkaCluster
from tests.support.topics import read_topic
from trygnet_core.broker import EmbeddedBroker
from trygnet_core.envelope import NewEvent
from trygnet_core.relay import OutboxRelay
from trygnet_core.store import EventStore

pytestmark = pytest.mark.broker


async def describe(bootstrap_servers: str, topic: str) -> tuple[list[dict], dict[str, str]]:
    """The topic's partitions (replicas, in-sync replicas) and its retention."""
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap_servers)
    await admin.start()
    try:
        [described] = await admin.describe_topics([topic])
        [answer] = await admin.describe_configs(
            [ConfigResource(ConfigResourceType.TOPIC, topic, {"retention.ms": None})]
        )
        [(*_, entries)] = answer.resources
        return described["partitions"], {entry[0]: entry[1] for entry in entries}
    finally:
        await admin.close()


async def a_relay_that_published(
    bootstrap_servers: str, tmp_path: Path, start, unique: str
) -> tuple[OutboxRelay, str]:
    """A relay on a store of its own, once its topic holds the six events it published."""
    engine = await sqlite_engine(tmp_path / "incidents.db")
    store = EventStore(engine)
    topic = f"trygnet.incidents.{unique}"
    relay = await start(quick_relay(store, topic=topic, bootstrap_servers=bootstrap_servers))
    ids = await append_many(store, streams=3, per_stream=2)
    messages = await read_topic(bootstrap_servers, topic, until=has_all(ids))
    await engine.dispose()
    assert len(messages) == len(ids)
    return relay, topic


async def test_a_relay_makes_its_topic_with_a_replica_on_every_node(
    kafka_cluster: KafkaCluster, tmp_path: Path, start, unique: str
) -> None:
    """As the compose file's topics: three replicas, kept forever (it used to be one)."""
    bootstrap = kafka_cluster.bootstrap_servers
    _, topic = await a_relay_that_published(bootstrap, tmp_path, start, unique)
    partitions, configs = await describe(bootstrap, topic)
    assert len(partitions) == 4
    assert all(sorted(p["replicas"]) == [1, 2, 3] for p in partitions), partitions
    assert configs["retention.ms"] == "-1"


async def test_on_kafka_the_relay_publishes_idempotently(
    kafka_cluster: KafkaCluster, tmp_path: Path, start, unique: str
) -> None:
    bootstrap = kafka_cluster.bootstrap_servers
    relay, _ = await a_relay_that_published(bootstrap, tmp_path, start, unique)
    assert relay.health().detail["idempotent"] is True


async def test_on_the_embedded_broker_the_relay_publishes_without_idempotence(
    embedded_broker: EmbeddedBroker, tmp_path: Path, start, unique: str
) -> None:
    """The embedded broker grants no producer id: the relay notices and publishes plain."""
    bootstrap = embedded_broker.bootstrap_servers
    relay, _ = await a_relay_that_published(bootstrap, tmp_path, start, unique)
    assert relay.health().detail["idempotent"] is False


async def _rows(engine: AsyncEngine) -> int:
    async with engine.connect() as conn:
        return int(
            (await conn.execute(select(func.count()).select_from(applications))).scalar_one()
        )


async def test_nodes_killed_and_restarted_under_load_raise_no_false_alarm(
    kafka_cluster: KafkaCluster, tmp_path: Path, start, unique: str
) -> None:
    """Two nodes in turn die (SIGKILL) and come back on their data while events flow: a
    log is never lost on Kafka, so the relay starts no new epoch (no republish) and the
    consumer reads no partition again from its start, and every event is applied once."""
    bootstrap = kafka_cluster.bootstrap_servers
    source = await sqlite_engine(tmp_path / "incidents.db")
    projection = await sqlite_engine(tmp_path / "reporting.db")
    async with projection.begin() as conn:
        await conn.run_sync(applications.create)
    store = EventStore(source)
    topic = f"trygnet.incidents.{unique}"
    relay = await start(quick_relay(store, topic=topic, bootstrap_servers=bootstrap))
    consumer = await start(
        quick_consumer(
            projection, topics=[topic], bootstrap_servers=bootstrap, handler=Recorder(), name=unique
        )
    )
    streams, version = 10, 0

    async def write(rounds: int) -> None:
        nonlocal version
        for _ in range(rounds):
            for s in range(streams):
                await store.append(
                    tenant=COPENHAGEN,
                    stream_id=f"incident-{s}",
                    stream_type="Incident",
                    expected_version=version,
                    events=[NewEvent(type="TimelineEntryAdded", data={"n": version})],
                )
            version += 1
            await asyncio.sleep(0.1)

    await write(5)
    for victim in (0, 2):
        kafka_cluster.kill(victim)
        await write(20)
        await asyncio.to_thread(kafka_cluster.restart, victim)
        await write(5)
    written = streams * version
    deadline = asyncio.get_running_loop().time() + 120
    while await _rows(projection) < written:
        assert asyncio.get_running_loop().time() < deadline, "not applied within 120 s"
        await asyncio.sleep(0.2)
    rows = await applied(projection)
    await source.dispose()
    await projection.dispose()
    assert len(rows) == len(set(rows)) == written, "every event applied exactly once"
    assert relay.health().detail["epoch"] == 0, "the relay republished: a false alarm"
    assert consumer.health().detail["resets"] == 0, "the consumer re-read a log: a false alarm"

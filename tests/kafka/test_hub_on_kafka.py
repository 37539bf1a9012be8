"""The gateway's subscription hub on Apache Kafka's three-node cluster.

A consumer there learns of no topic when it starts (its first metadata request names
none), unlike on the embedded broker: a hub that looked for its topic only in the
consumer's own view never found one made after it started, and no gateway of
``make test-kafka``'s scenarios became ready.
"""

from __future__ import annotations

import asyncio

import pytest

from tests.gateway.test_hub import publish, resumes_after_a_stop
from tests.support.kafka import KafkaCluster
from trygnet_core.kafka import ensure_topic
from trygnet_gateway.hub import IncidentHub

pytestmark = pytest.mark.broker


async def test_on_kafka_a_hub_started_before_its_topic_reads_it_and_resumes_there(
    kafka_cluster: KafkaCluster, unique: str
) -> None:
    bootstrap = kafka_cluster.bootstrap_servers
    topic = f"trygnet.incidents.hub{unique}"
    hub = IncidentHub(bootstrap, topic)
    await hub.start()
    try:
        assert not await hub.wait_ready(1.5), "no topic yet: not ready"
        await ensure_topic(bootstrap, topic, partitions=2)
        assert await hub.wait_ready(60), "the topic made later is read"
        async with hub.subscribe("0101") as ours, hub.subscribe("0851") as theirs:
            await publish(bootstrap, topic, "0101", "incident-1", 1)
            first = await asyncio.wait_for(ours.queue.get(), 30)
            assert (first.incident_id, first.position) == ("incident-1", "incidents/incident-1/1")
            await resumes_after_a_stop(hub, bootstrap, topic, ours, theirs)
    finally:
        await hub.stop()

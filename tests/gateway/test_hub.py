"""The subscription hub against the real broker: it starts at the end of the topic,
hands each incident change to the subscribers of its municipality only, and after a
lost connection goes on where it stopped."""

from __future__ import annotations

import asyncio

from aiokafka import AIOKafkaProducer

from trygnet_core.kafka import ensure_topic
from trygnet_gateway.hub import IncidentHub, Subscriber, change_of


async def publish(
    bootstrap_servers: str, topic: str, tenant: str, incident: str, version: int
) -> None:
    producer = AIOKafkaProducer(bootstrap_servers=bootstrap_servers)
    await producer.start()
    try:
        await producer.send_and_wait(
            topic,
            b"{}",
            key=f"{tenant}:{incident}".encode(),
            headers=[
                ("ce_type", b"trygnet.incidents.TaskAdded.v1"),
                ("ce_streamtype", b"Incident"),
                ("ce_streamversion", str(version).encode()),
            ],
        )
    finally:
        await producer.stop()


async def resumes_after_a_stop(
    hub: IncidentHub, bootstrap_servers: str, topic: str, ours: Subscriber, theirs: Subscriber
) -> None:
    """Stopped (as when the broker goes away) and started again, the hub hands its
    subscriber of 0101 the change published meanwhile, and nothing to the other's."""
    await hub.stop()
    await publish(bootstrap_servers, topic, "0101", "incident-2", 1)
    await hub.start()
    second = await asyncio.wait_for(ours.queue.get(), 30)
    assert second.incident_id == "incident-2", "a change while away is not lost"
    assert ours.queue.empty() and theirs.queue.empty()


async def test_the_hub_starts_at_the_end_and_resumes_where_it_stopped(
    bootstrap_servers: str, unique: str
) -> None:
    topic = f"trygnet.incidents.hub{unique}"
    await publish(bootstrap_servers, topic, "0101", "incident-before", 1)  # before the hub
    hub = IncidentHub(bootstrap_servers, topic)
    await hub.start()
    try:
        assert await hub.wait_ready(30)
        async with hub.subscribe("0101") as ours, hub.subscribe("0851") as theirs:
            await publish(bootstrap_servers, topic, "0101", "incident-1", 2)
            first = await asyncio.wait_for(ours.queue.get(), 30)
            assert (first.incident_id, first.type, first.position) == (
                "incident-1",
                "TaskAdded",
                "incidents/incident-1/2",
            )
            await resumes_after_a_stop(hub, bootstrap_servers, topic, ours, theirs)
    finally:
        await hub.stop()


async def test_a_hub_started_before_its_topic_exists_reads_it_once_it_does(
    bootstrap_servers: str, unique: str
) -> None:
    """A gateway may start before any incident was published (the topic is made by the
    first): the hub is not ready until then, and is once the topic appears."""
    topic = f"trygnet.incidents.late{unique}"
    hub = IncidentHub(bootstrap_servers, topic)
    await hub.start()
    try:
        assert not await hub.wait_ready(1.5)
        await ensure_topic(bootstrap_servers, topic, partitions=2)
        assert await hub.wait_ready(30), "the topic made later is read"
        async with hub.subscribe("0101") as ours:
            await publish(bootstrap_servers, topic, "0101", "incident-1", 1)
            change = await asyncio.wait_for(ours.queue.get(), 30)
            assert change.incident_id == "incident-1"
    finally:
        await hub.stop()


def test_a_change_knows_whether_a_resumed_client_has_had_it() -> None:
    """A gateway behind the one that sent a cursor reads, live, changes the client had
    before it resumed: each change carries its own message's place, so they are left out."""
    headers = [
        ("ce_type", b"trygnet.incidents.TaskAdded.v1"),
        ("ce_streamtype", b"Incident"),
        ("ce_streamversion", b"2"),
    ]
    change = change_of(b"0101:incident-1", headers, 2, 41)
    assert change is not None
    assert (change.tenant, change.incident_id, change.version) == ("0101", "incident-1", 2)
    assert change.before({0: 100, 2: 42})  # the cursor stood after it
    assert not change.before({0: 100, 2: 41})  # the cursor stood at it: not yet had
    assert not change.before({0: 100})  # a partition the cursor does not name

"""How a consumer comes by its partitions: from its consumer group, or every one itself.

A consumer normally subscribes as a member of its group (``group_id``): the broker
shares the partitions among the replicas of a service and moves them when one comes
or goes (``SeekToStored`` seeks each to its stored position as it arrives). Joining
costs time on purpose: a broker waits ``group.initial.rebalance.delay.ms`` (3 s by
default) for more members before the first assignment.

A consumer made with ``every_partition`` (``trygnet-reporting rebuild``, which runs
alone and reads everything from the start) joins no group: it is assigned every
partition of its topics at once and seeks each to its stored position, as a member
does. Nothing else changes, because nothing else ever came from the group: the
positions are those in the consumer's own database (Kafka's committed offsets are not
used), written in the transaction that applies the batch, and a stream's events are
applied once by the stream version check. Beside running replicas of the same
consumer it would read the partitions they read too: their applying still takes
turns and skips what the other applied, but each would do the work twice, which is
why the rebuild is run with the service stopped.

Such a consumer may take a ``Share`` of the partitions instead of all of them: the
rebuild split over processes (``trygnet-reporting rebuild --workers``), each reading
every ``of``-th partition in topic and partition order. A stream's events are on one
partition, so each stream is applied by one process; the processes' batches take
turns at the database as replicas' do (``replicas_take_turns``), while their fetching
and parsing, most of a rebuild's work, run side by side.

Which partitions there are is asked of an admin client (every topic described, never
one by name, which would create it on a broker that creates topics on demand). When
idle, the consumer looks again and takes up a topic made since, and now and then
(``DISCOVER_EVERY`` looks) a partition added to a topic it reads.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from aiokafka import AIOKafkaConsumer, TopicPartition
from aiokafka.admin import AIOKafkaAdminClient

from trygnet_core.consumer_assignment import Seeking, SeekToStored

DISCOVER_EVERY = 10
"""Of a consumer's looks while idle (every ``reset_check_interval``), how often one
asks for partitions added to the topics it reads."""


@dataclass(frozen=True)
class Share:
    """Which partitions a consumer reading every partition itself takes: the
    ``index``-th of every ``of`` (from 0), in topic and partition order."""

    index: int = 0
    of: int = 1

    def __post_init__(self) -> None:
        if self.of < 1 or not 0 <= self.index < self.of:
            raise ValueError(f"a share is index/of with 0 <= index < of, not {self}")

    def __str__(self) -> str:
        return f"{self.index}/{self.of}"

    def pick(self, partitions: Sequence[TopicPartition]) -> list[TopicPartition]:
        return list(partitions[self.index :: self.of])


class Reading(Seeking, Protocol):
    """What this module needs of its consumer."""

    @property
    def topics(self) -> list[str]: ...

    @property
    def bootstrap_servers(self) -> str: ...

    @property
    def every_partition(self) -> bool: ...

    @property
    def share(self) -> Share: ...


async def take_partitions(
    consumer: Reading, kafka: AIOKafkaConsumer, listener: SeekToStored
) -> None:
    """Start ``kafka`` with its partitions: a member of the group, or every partition."""
    if not consumer.every_partition:
        kafka.subscribe(consumer.topics, listener=listener)
        await kafka.start()
        return
    await kafka.start()
    found = consumer.share.pick(await partitions_of(consumer.bootstrap_servers, consumer.topics))
    if not found:  # the consumer tries again after a pause, as after any failure
        raise LookupError("none of the consumer's topics exists yet, or none of its share")
    await _assign(consumer, kafka, found)


async def look_again(consumer: Reading, kafka: AIOKafkaConsumer, *, discover: bool) -> None:
    """While idle: each partition sought to its stored position again (a reset log is
    read from the start, ``seek_stored``), and, reading every partition, new ones taken:
    those of a topic it reads none of yet, every time; else when asked to ``discover``
    (an admin client's round trips: the consumer asks for that seldom)."""
    taken = {tp.topic for tp in kafka.assignment()}
    if consumer.every_partition and (discover or not taken.issuperset(consumer.topics)):
        found = consumer.share.pick(
            await partitions_of(consumer.bootstrap_servers, consumer.topics)
        )
        if found and set(found) != kafka.assignment():
            await _assign(consumer, kafka, found)
            return
    await consumer.seek_assigned(kafka, kafka.assignment())


async def _assign(consumer: Reading, kafka: AIOKafkaConsumer, parts: list[TopicPartition]) -> None:
    # As ``SeekToStored`` does for a member: paused before any await, so nothing is
    # fetched from before the stored positions while they are read and sought.
    kafka.assign(parts)
    kafka.pause(*parts)
    await consumer.tracking.refresh()
    await consumer.seek_assigned(kafka, set(parts))
    kafka.resume(*parts)


async def partitions_of(bootstrap_servers: str, topics: Sequence[str]) -> list[TopicPartition]:
    """Every partition of those of ``topics`` that exist, in topic and partition order."""
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap_servers, request_timeout_ms=5000)
    await admin.start()
    try:
        described = await admin.describe_topics()
    finally:
        await admin.close()
    wanted = set(topics)
    return sorted(
        TopicPartition(topic["topic"], part["partition"])
        for topic in described
        if topic["topic"] in wanted and not topic.get("error_code")
        for part in topic["partitions"]
    )

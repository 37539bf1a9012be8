"""Where a consumer reads each partition it is assigned: its stored position.

Kafka's committed offsets are not used: on assignment the consumer seeks to the
positions in its database. A log that was reset (the broker lost its data and
the relay republished under a new epoch) is re-read from the start, which the
dedupe makes safe. Here it is recognised when a partition is empty but a position
is stored, or when the last message of a partition carries another epoch than the
stored one (a message of a newer epoch arriving mid-log: ``consumer_parsing``).
"""

from __future__ import annotations

import contextlib
import logging
from typing import Any, Protocol

from aiokafka import AIOKafkaConsumer, ConsumerRebalanceListener, TopicPartition

from trygnet_core.consumer_tracking import Tracking
from trygnet_core.envelope import MalformedMessage, from_kafka

log = logging.getLogger("trygnet_core.consumer")
"""The consumer's log: a reset partition is logged where the rest of its story is."""


class Seeking(Protocol):
    """What the listener needs of its consumer."""

    @property
    def tracking(self) -> Tracking: ...

    async def seek_assigned(
        self, kafka: AIOKafkaConsumer, assigned: set[TopicPartition] | frozenset[TopicPartition]
    ) -> None: ...


async def seek_stored(
    kafka: AIOKafkaConsumer,
    assigned: set[TopicPartition] | frozenset[TopicPartition],
    *,
    tracking: Tracking,
    bootstrap_servers: str,
) -> int:
    """Seek each partition to its stored position, or to 0 where its log was reset;
    how many were reset."""
    if not assigned:
        return 0
    resets = 0
    parts = sorted(assigned, key=lambda tp: (tp.topic, tp.partition))
    ends = await kafka.end_offsets(parts)
    for tp in parts:
        stored = tracking.positions.get((tp.topic, tp.partition))
        if stored is None:
            kafka.seek(tp, 0)
            continue
        end = ends.get(tp, 0)
        reset = end == 0 and stored.next_offset > 0
        if not reset and 0 < end < stored.next_offset:
            reset = await _epoch_at(bootstrap_servers, tp, end - 1) not in (None, stored.epoch)
        if reset:
            resets += 1
            log.warning(
                "partition log was reset; reading it again from the start",
                extra={"topic": tp.topic, "partition": tp.partition},
            )
            kafka.seek(tp, 0)
        elif (await kafka.position(tp)) != stored.next_offset:
            kafka.seek(tp, stored.next_offset)
    return resets


async def _epoch_at(bootstrap_servers: str, tp: TopicPartition, offset: int) -> int | None:
    """The relay epoch of the message at ``offset`` (a throwaway consumer reads it)."""
    probe = AIOKafkaConsumer(bootstrap_servers=bootstrap_servers, enable_auto_commit=False)
    try:
        await probe.start()
        probe.assign([tp])
        probe.seek(tp, offset)
        batch = await probe.getmany(tp, timeout_ms=2000, max_records=1)
        for record in batch.get(tp, []):
            with contextlib.suppress(MalformedMessage):
                return from_kafka(record.key, record.value, record.headers).epoch
        return None
    finally:
        await probe.stop()


class SeekToStored(ConsumerRebalanceListener):  # type: ignore[misc]
    """Each partition assigned is read from its stored position, never from before it.

    aiokafka hands out records as soon as an assignment is set, while this listener still
    runs: without a pause, what the broker would start from (the earliest offset, no offset
    being committed) is fetched and read while the stored positions are being read and the
    end offsets asked for. The partitions stay paused until the seek; should the positions
    not be read (database away), they stay paused and ``failure`` makes the consumer
    reconnect, as for any other failure, rather than read from the start."""

    def __init__(self, consumer: Seeking, kafka: AIOKafkaConsumer) -> None:
        self._consumer = consumer
        self._kafka = kafka
        self.failure: Exception | None = None

    async def on_partitions_revoked(self, revoked: Any) -> None:
        return None

    async def on_partitions_assigned(self, assigned: Any) -> None:
        parts = set(assigned)
        self._kafka.pause(*parts)  # before any await: nothing is fetched from elsewhere
        try:
            await self._consumer.tracking.refresh()
            await self._consumer.seek_assigned(self._kafka, parts)
        except Exception as exc:
            self.failure = exc
            raise
        self._kafka.resume(*parts)

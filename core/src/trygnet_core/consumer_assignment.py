"""Where a consumer reads each partition it is assigned: its stored position.

Kafka's committed offsets are not used: on assignment the consumer seeks to the
positions in its database. A log that was reset (the broker lost its data and
the relay republished under a new epoch) is re-read from the start, which the
dedupe makes safe. Here it is recognised when a partition is empty but a position
is stored, or when the last message of a partition carries another epoch than the
stored one (a message of a newer epoch arriving mid-log: ``consumer_parsing``).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from typing import Any, Final, Protocol

from aiokafka import AIOKafkaConsumer, ConsumerRebalanceListener, TopicPartition

from trygnet_core.consumer_tracking import Tracking
from trygnet_core.envelope import MalformedMessage, from_kafka

log = logging.getLogger("trygnet_core.consumer")
"""The consumer's log: a reset partition is logged where the rest of its story is."""

RESET_SIGHTINGS: Final = 3
"""How many reads of a partition's end, a second apart, must see its log empty while a
position is stored before the consumer takes the log for reset (``reset_logs``)."""
RESET_SIGHTING_PAUSE = 1.0


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
    parts = sorted(assigned, key=lambda tp: (tp.topic, tp.partition))
    reset = await reset_logs(kafka, parts, tracking=tracking, bootstrap_servers=bootstrap_servers)
    for tp in parts:
        stored = tracking.positions.get((tp.topic, tp.partition))
        if stored is None:
            kafka.seek(tp, 0)
        elif tp in reset:
            log.warning(
                "partition log was reset; reading it again from the start",
                extra={"topic": tp.topic, "partition": tp.partition},
            )
            kafka.seek(tp, 0)
        elif (await kafka.position(tp)) != stored.next_offset:
            kafka.seek(tp, stored.next_offset)
    return len(reset)


async def reset_logs(
    kafka: AIOKafkaConsumer,
    parts: list[TopicPartition],
    *,
    tracking: Tracking,
    bootstrap_servers: str,
) -> set[TopicPartition]:
    """The partitions whose log was reset: it ends before the stored position and its last
    message carries another relay epoch than the stored one, or it stays empty on every
    one of ``RESET_SIGHTINGS`` reads of its end, a second apart.

    An end below the stored position alone proves nothing. The embedded broker answers
    the start of its last batch plus one, not the end of it; a node of a Kafka cluster
    restarted and made leader again answers, until its followers have fetched, an end
    from its last checkpoint (0 for a young topic). Where the log holds messages, the
    epoch of its last one decides at once (one probe for all such partitions); an empty
    log is only believed once it stays empty. A log whose end has not moved since its
    last message was found in the stored epoch is not read again (the embedded broker's
    short end would have a consumer at rest probe it every few seconds)."""
    ends = await kafka.end_offsets(parts)
    pending = [
        tp
        for tp in parts
        if _ends_early(tracking, tp, ends.get(tp, 0))
        and not _known_end(tracking, tp, ends.get(tp, 0))
    ]
    reset: set[TopicPartition] = set()
    for sighting in range(1, RESET_SIGHTINGS + 1):
        if not pending:
            break
        written = {tp: ends[tp] - 1 for tp in pending if ends.get(tp, 0) > 0}
        epochs = await _epochs_at(bootstrap_servers, written) if written else {}
        for tp, epoch in epochs.items():
            stored_epoch = tracking.positions[(tp.topic, tp.partition)].epoch
            if epoch == stored_epoch:
                tracking.log_ends[tp] = (ends[tp], stored_epoch)
            elif epoch is not None:
                reset.add(tp)
        pending = [tp for tp in pending if tp not in written]
        if not pending:
            break
        if sighting == RESET_SIGHTINGS:
            reset |= set(pending)
            break
        log.info(
            "partition empty below the stored position; looking again",
            extra={
                "partitions": len(pending),
                "topics": sorted({tp.topic for tp in pending}),
                "sighting": sighting,
            },
        )
        await asyncio.sleep(RESET_SIGHTING_PAUSE)
        ends = await kafka.end_offsets(pending)
        pending = [tp for tp in pending if _ends_early(tracking, tp, ends.get(tp, 0))]
    return reset


def _known_end(tracking: Tracking, tp: TopicPartition, end: int) -> bool:
    """Whether the log ends where it ended when its last message was last found in the
    stored epoch."""
    return tracking.log_ends.get(tp) == (end, tracking.positions[(tp.topic, tp.partition)].epoch)


def _ends_early(tracking: Tracking, tp: TopicPartition, end: int) -> bool:
    stored = tracking.positions.get((tp.topic, tp.partition))
    return stored is not None and 0 <= end < stored.next_offset


async def _epochs_at(
    bootstrap_servers: str, offsets: dict[TopicPartition, int]
) -> dict[TopicPartition, int | None]:
    """The relay epoch of the message at each partition's offset, read by one throwaway
    consumer (``None`` where none is read)."""
    probe = AIOKafkaConsumer(bootstrap_servers=bootstrap_servers, enable_auto_commit=False)
    epochs: dict[TopicPartition, int | None] = dict.fromkeys(offsets)
    try:
        await probe.start()
        probe.assign(list(offsets))
        for tp, offset in offsets.items():
            probe.seek(tp, offset)
        waiting = set(offsets)
        deadline = asyncio.get_running_loop().time() + 2.0
        while waiting and asyncio.get_running_loop().time() < deadline:
            batch = await probe.getmany(*waiting, timeout_ms=500, max_records=len(waiting))
            for tp, records in batch.items():
                for record in records[:1]:
                    with contextlib.suppress(MalformedMessage):
                        epochs[tp] = from_kafka(record.key, record.value, record.headers).epoch
                    waiting.discard(tp)
                    probe.pause(tp)
        return epochs
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
        self.assignments = 0
        """How many assignments the group has made (a resting consumer resumes only
        what it paused itself: ``consumer_fetching.Rest``)."""

    async def on_partitions_revoked(self, revoked: Any) -> None:
        return None

    async def on_partitions_assigned(self, assigned: Any) -> None:
        parts = set(assigned)
        self.assignments += 1
        self._kafka.pause(*parts)  # before any await: nothing is fetched from elsewhere
        try:
            await self._consumer.tracking.refresh()
            await self._consumer.seek_assigned(self._kafka, parts)
        except Exception as exc:
            self.failure = exc
            raise
        self._kafka.resume(*parts)

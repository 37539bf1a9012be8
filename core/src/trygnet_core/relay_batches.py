"""How the relay hands a batch of events to the producer: one record batch per
partition, with one future for its ack, rather than a send and a future per message.

``producer.send`` costs each message a partitioner call (a pure-Python murmur2), a
future and a trip through the accumulator; the relay paid that for every event. Here
the relay builds Kafka record batches itself (``producer.create_batch``) and submits
each whole (``producer.send_batch``):

- a message goes to the partition the default partitioner picks for its key
  (``DefaultPartitioner``, murmur2 over the topic's partitions, as ``producer.send``
  would: ``trygnet_core.kafka.new_producer`` keeps the default), remembered per key,
  so one stream's events share a partition and consumers find them there;
- messages keep their order within a partition: a partition's batches are submitted
  in order and the producer sends a partition's batches one after another;
- a batch that fills up (``max_batch_size``) is submitted at once and the next one
  started;
- each batch is closed before it is submitted, so the producer sends it without
  lingering for messages that will not come;
- the broker acks a batch with its base offset: message ``i`` of the batch is at
  base + ``i``, so the acked offsets of every message are known (``acked_offsets``)
  for the relay's lost-log check.

The idempotent producer sets its producer id and sequence on a submitted batch as on
its own, so Apache Kafka's deduplication holds.
"""

from __future__ import annotations

import asyncio
import functools
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Final

from aiokafka import AIOKafkaProducer
from aiokafka.partitioner import DefaultPartitioner
from aiokafka.structs import RecordMetadata
from opentelemetry import trace

from trygnet_core.store import Checkpoint

_PARTITIONER: Final = DefaultPartitioner()

WireMessage = tuple[bytes, bytes, list[tuple[str, bytes]]]
"""A message as the relay hands it over: key, value, headers (``relay_messages``)."""


@dataclass(frozen=True, slots=True)
class Submitted:
    """One record batch handed to the producer: where it goes and how many messages."""

    partition: int
    count: int


@dataclass(slots=True)
class Flight:
    """A batch of events handed to the producer, its acks not yet waited for."""

    checkpoint: Checkpoint
    """The relay's checkpoint once the batch is acked: its last event's."""
    count: int
    metadata: list[Mapping[str, Any]]
    """Each event's metadata, for the batch's trace links."""
    submitted: list[Submitted]
    acks: asyncio.Future[list[RecordMetadata]]
    """One ack per record batch, in the order of ``submitted``."""
    span: trace.Span

    def abandon(self) -> None:
        """The batch will be sent again from the checkpoint: its acks are not wanted
        (and an error among them is not reported as never retrieved)."""
        self.acks.cancel()
        if self.acks.done() and not self.acks.cancelled():
            self.acks.exception()

    def acked_offsets(self, acks: Sequence[RecordMetadata]) -> dict[int, list[int]]:
        """Per partition, the first and last offset of each record batch acked (what
        the lost-log check and the progress compare: the lowest and the highest)."""
        offsets: dict[int, list[int]] = defaultdict(list)
        for batch, ack in zip(self.submitted, acks, strict=True):
            offsets[batch.partition] += (ack.offset, ack.offset + batch.count - 1)
        return offsets


@functools.lru_cache(maxsize=65536)
def partition_for(key: bytes, partitions: tuple[int, ...]) -> int:
    """The partition the producer's default partitioner picks for ``key``, worked out
    once per key (murmur2 in pure Python costs microseconds; a stream's events repeat
    the key)."""
    every = list(partitions)
    return int(_PARTITIONER(key, every, every))


async def send_records(
    producer: AIOKafkaProducer, topic: str, messages: Iterable[WireMessage]
) -> tuple[list[Submitted], asyncio.Future[list[RecordMetadata]]]:
    """Submit ``messages`` in record batches, one per partition unless it fills; return
    the batches and one future for all their acks."""
    partitions = tuple(sorted(await producer.partitions_for(topic)))
    open_batches: dict[int, Any] = {}
    submitted: list[Submitted] = []
    acks: list[asyncio.Future[RecordMetadata]] = []

    async def submit(partition: int) -> None:
        batch = open_batches.pop(partition)
        batch.close()
        acks.append(await producer.send_batch(batch, topic, partition=partition))
        submitted.append(Submitted(partition, batch.record_count()))

    try:
        for key, value, headers in messages:
            partition = partition_for(key, partitions)
            batch = open_batches.get(partition)
            if batch is not None and _appended(batch, key, value, headers):
                continue
            if batch is not None:  # full: sent now, the partition's next batch started
                await submit(partition)
            open_batches[partition] = batch = producer.create_batch()
            _appended(batch, key, value, headers)  # an empty batch takes any message
        for partition in list(open_batches):
            await submit(partition)
    except BaseException:  # resent from the checkpoint: the acks so far are not wanted
        for ack in acks:
            ack.cancel()
        raise
    return submitted, asyncio.gather(*acks)


def _appended(batch: Any, key: bytes, value: bytes, headers: list[tuple[str, bytes]]) -> bool:
    """Whether the message fitted in ``batch`` (a full batch refuses it)."""
    return batch.append(key=key, value=value, timestamp=None, headers=headers) is not None

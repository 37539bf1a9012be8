"""Reading a topic back as a test would check it: every message, from the start."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from aiokafka import AIOKafkaConsumer, TopicPartition

from trygnet_core.envelope import ReceivedEvent, from_kafka


@dataclass(frozen=True)
class Message:
    partition: int
    offset: int
    key: bytes | None
    value: bytes | None
    headers: tuple[tuple[str, bytes], ...]

    def event(self) -> ReceivedEvent:
        return from_kafka(self.key, self.value, self.headers)


async def read_topic(
    bootstrap_servers: str,
    topic: str,
    *,
    until: Callable[[Sequence[Message]], bool],
    timeout: float = 20.0,
) -> list[Message]:
    """All messages of ``topic`` from offset 0, once ``until`` holds (or the timeout)."""
    consumer = AIOKafkaConsumer(bootstrap_servers=bootstrap_servers, enable_auto_commit=False)
    await consumer.start()
    try:
        deadline = asyncio.get_running_loop().time() + timeout
        partitions: set[int] | None = None
        while not partitions:
            partitions = consumer.partitions_for_topic(topic)
            if not partitions:
                await consumer._client.force_metadata_update()
                if asyncio.get_running_loop().time() > deadline:
                    return []
                await asyncio.sleep(0.1)
        assigned = [TopicPartition(topic, p) for p in sorted(partitions)]
        consumer.assign(assigned)
        for tp in assigned:
            consumer.seek(tp, 0)
        messages: list[Message] = []
        while asyncio.get_running_loop().time() < deadline:
            batch = await consumer.getmany(timeout_ms=200, max_records=10_000)
            for tp, records in batch.items():
                messages += [
                    Message(tp.partition, r.offset, r.key, r.value, tuple(r.headers))
                    for r in records
                ]
            if until(messages):
                break
        return messages
    finally:
        await consumer.stop()


def applied_in_order(messages: Sequence[Message]) -> dict[tuple[str, str], int]:
    """Per stream, how far a consumer that applies versions strictly in order gets."""
    applied: dict[tuple[str, str], int] = {}
    for message in sorted(messages, key=lambda m: (m.partition, m.offset)):
        event = message.event().event
        stream = (event.tenant_id, event.stream_id)
        if event.version == applied.get(stream, 0) + 1:
            applied[stream] = event.version
    return applied

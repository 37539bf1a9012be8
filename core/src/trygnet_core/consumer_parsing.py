"""A consumer's batch read into events: parsed, checked against what the handler reads,
upcast; a newer relay epoch met mid-log sends the partition back to its start.

A handler that declares what it reads (``reads``: per source service, its event
types; the newest schema version of each is the one ``upcasters`` reach) also has
every other type, and every newer version, dead-lettered by the consumer with the
reason, before the message is admitted. Why there and not in the handler: a handler
that passes over what it does not know (as projections do) would let an unknown
type at a stream's next version take that version, so the real event would be
skipped as a duplicate; and a known type in a newer schema would be read as the old
one. Not admitted, such a message changes neither a projection nor the versions
applied: a forged message naming a real stream cannot displace its real events.
The price is that a stream whose real next event this consumer cannot read waits
(its later events count as early) until the consumer reads that type or version
and replays; the dead letter names the type and version needed.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass

from aiokafka import AIOKafkaConsumer, ConsumerRecord, TopicPartition

from trygnet_core.consumer_tracking import Tracking
from trygnet_core.envelope import MalformedMessage, ReceivedEvent, cloudevent_type, from_kafka
from trygnet_core.store.upcasting import Upcasters

Reads = Mapping[str, Collection[str]]
"""Per source service (``actors``...), the event types a handler reads."""


@dataclass(frozen=True, slots=True)
class Parsed:
    """One record of a batch: its event, or why it goes to dead letters."""

    record: ConsumerRecord[bytes, bytes]
    event: ReceivedEvent | None
    error: str | None


def parse(
    kafka: AIOKafkaConsumer,
    records: list[ConsumerRecord[bytes, bytes]],
    *,
    tracking: Tracking,
    reads: Reads | None,
    upcasters: Upcasters,
) -> tuple[list[Parsed], int]:
    """The batch's records parsed, and how many partitions were found reset (each sought
    back to its start, its records dropped from the batch)."""
    parsed: list[Parsed] = []
    reset: set[tuple[str, int]] = set()
    positions = tracking.positions
    for record in records:
        where = (record.topic, record.partition)
        if reset and where in reset:
            continue
        try:
            event = from_kafka(record.key, record.value, record.headers)
        except MalformedMessage as exc:
            parsed.append(Parsed(record, None, f"malformed: {exc}"))
            continue
        stored = positions.get(where)
        if stored is not None and event.epoch > stored.epoch and record.offset > 0:
            # The relay republished this topic into a new log: read it from the start.
            tracking.start_epoch(record.topic, record.partition, event.epoch)
            kafka.seek(TopicPartition(*where), 0)
            reset.add(where)
            parsed = [
                p
                for p in parsed
                if (p.record.topic, p.record.partition) != (record.topic, record.partition)
            ]
            continue
        why = unread(event, reads, upcasters)
        if why is not None:  # dead-lettered before it is admitted: see the module doc
            parsed.append(Parsed(record, None, why))
            continue
        parsed.append(Parsed(record, upcast(event, upcasters), None))
    return parsed, len(reset)


def unread(received: ReceivedEvent, reads: Reads | None, upcasters: Upcasters) -> str | None:
    """Why the handler cannot read this event (a type or schema version it does not
    know), or None. The reason names the type, never what the message carries."""
    if reads is None:
        return None
    event = received.event
    known = event.type in reads.get(received.service, ())
    newest = upcasters.latest_version(event.type) if known else 0
    if known and event.schema_version <= newest:
        return None  # the common case: no name built
    name = cloudevent_type(received.service, event.type, event.schema_version)
    if not known:
        return f"unknown event type: {name} is not one this consumer reads"
    return f"unknown schema version: {name}; this consumer reads up to v{newest}"


def upcast(received: ReceivedEvent, upcasters: Upcasters) -> ReceivedEvent:
    """``received`` with its event in the newest schema version ``upcasters`` reach."""
    upcast = upcasters.upcast(received.event)
    if upcast is received.event:
        return received
    return ReceivedEvent(service=received.service, event=upcast, epoch=received.epoch)

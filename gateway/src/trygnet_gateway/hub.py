"""The incident changes for live subscriptions: one Kafka reader per gateway process.

The hub reads the incidents topic with no consumer group (every gateway replica reads
every partition, from the end: a subscription shows what happens from now on) and
hands each change to the subscribers of that municipality. It reads only the message
key (``{tenant}:{incidentId}``) and the CloudEvents headers (type, version): never the
event's data, so no personal data passes through it. Each subscriber then reads the
incident again from the incidents service with its own token, and sees only what it
may see, down to the event's type: of an incident the incidents service redacts for
the subscriber, only that it changed (``IncidentChanged``, in the subscription root).

If the broker goes away, the hub reconnects and goes on from where it stopped, so
subscribers lose no change. A subscriber's queue is bounded: one that does not keep
up loses its oldest changes (counted in its ``dropped``), never slowing the others or
the hub.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Mapping
from dataclasses import dataclass, field, replace

from aiokafka import AIOKafkaConsumer, TopicPartition

from trygnet_core.components import BackgroundComponent, Health
from trygnet_core.consumer_partitions import partitions_of

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Change:
    tenant: str
    incident_id: str
    type: str
    """The event's name (``IncidentReported``, ``TaskAdded``, …)."""
    version: int
    partition: int = 0
    offset: int = 0
    """The change's own message: its partition of the topic and offset there."""
    offsets: tuple[int, ...] = ()
    """Where the reader stood just after this change: the next offset on every partition
    of the topic, in partition order (a subscriber's cursor: ``subscription_cursor``)."""

    def before(self, start: Mapping[int, int]) -> bool:
        """Whether the change comes before a cursor's offsets (``start``): a client that
        resumed there has had it. A gateway behind the one that sent the cursor reads
        such changes live after the client resumed."""
        return self.offset < start.get(self.partition, 0)

    @property
    def position(self) -> str:
        return f"incidents/{self.incident_id}/{self.version}"


@dataclass(eq=False)
class Subscriber:
    tenant: str
    queue: asyncio.Queue[Change]
    dropped: int = field(default=0)

    def offer(self, change: Change) -> None:
        if self.queue.full():
            self.queue.get_nowait()
            self.dropped += 1
        self.queue.put_nowait(change)


def change_of(
    key: bytes | None,
    headers: list[tuple[str, bytes]] | tuple[tuple[str, bytes], ...],
    partition: int,
    offset: int,
) -> Change | None:
    """The change a message announces, or None for one that is not an incident's event."""
    if not key or b":" not in key:
        return None
    tenant, stream = key.decode(errors="replace").split(":", 1)
    found = {name: value.decode(errors="replace") for name, value in headers}
    if found.get("ce_streamtype") != "Incident":
        return None
    kind = found.get("ce_type", "")  # trygnet.incidents.TaskAdded.v1
    parts = kind.split(".")
    name = parts[2] if len(parts) >= 4 else kind
    try:
        version = int(found.get("ce_streamversion", "0"))
    except ValueError:
        return None
    return Change(tenant, stream, name, version, partition, offset)


class IncidentHub(BackgroundComponent):
    name = "incident-hub"

    def __init__(self, bootstrap_servers: str, topic: str, *, queue_size: int = 256) -> None:
        self.bootstrap_servers = bootstrap_servers
        self.topic = topic
        self.queue_size = queue_size
        self._subscribers: set[Subscriber] = set()
        self._ready = asyncio.Event()
        self._next: dict[int, int] = {}
        """The next offset to read per partition: a reconnect loses no change."""
        self._error: str | None = None
        self.delivered = 0

    @contextlib.asynccontextmanager
    async def subscribe(self, tenant: str) -> AsyncIterator[Subscriber]:
        subscriber = Subscriber(tenant, asyncio.Queue(self.queue_size))
        self._subscribers.add(subscriber)
        try:
            yield subscriber
        finally:
            self._subscribers.discard(subscriber)

    async def wait_ready(self, timeout: float = 30) -> bool:
        """True once the hub reads every partition (changes from then on reach subscribers)."""
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._ready.wait(), timeout)
        return self._ready.is_set()

    async def run(self) -> None:
        while True:
            consumer = AIOKafkaConsumer(
                bootstrap_servers=self.bootstrap_servers, enable_auto_commit=False
            )
            try:
                await consumer.start()
                await self._read(consumer)
            except asyncio.CancelledError:
                raise
            except Exception as error:  # the broker away: try again, subscribers wait
                self._ready.clear()
                self._error = type(error).__name__
                log.warning("incident hub lost the broker", extra={"error": self._error})
                await asyncio.sleep(1)
            finally:
                with contextlib.suppress(Exception):
                    await consumer.stop()

    async def _partitions(self) -> list[int]:
        """The topic's partitions, once it exists: the topic appears when the first
        incident is published, and a gateway may start before that.

        Asked of an admin client (``partitions_of``), for the consumer's own view of
        the cluster is not refreshed by any public call (``topics()`` answers without
        it, and a consumer started anew learns no topic on Apache Kafka). Every topic
        is described, never the one by name: naming it would create it on a broker
        that creates topics on demand, with the broker's partitions rather than the
        platform's."""
        while True:
            found = await partitions_of(self.bootstrap_servers, [self.topic])
            if found:
                return [tp.partition for tp in found]
            await asyncio.sleep(0.5)

    async def _read(self, consumer: AIOKafkaConsumer) -> None:
        partitions = await self._partitions()
        assigned = [TopicPartition(self.topic, p) for p in partitions]
        consumer.assign(assigned)
        fresh = [tp for tp in assigned if tp.partition not in self._next]
        for tp in assigned:  # after a lost broker, go on where the hub left off
            if tp.partition in self._next:
                consumer.seek(tp, self._next[tp.partition])
        if fresh:
            await consumer.seek_to_end(*fresh)
        for tp in fresh:  # resolve the end now, so "from now on" is now
            self._next[tp.partition] = await consumer.position(tp)
        self._error = None
        self._ready.set()
        while True:
            batch = await consumer.getmany(timeout_ms=500, max_records=1000)
            for tp, records in batch.items():
                for record in records:
                    self._next[tp.partition] = record.offset + 1
                    change = change_of(record.key, record.headers, tp.partition, record.offset)
                    if change is not None:
                        self._deliver(change)

    async def replay(
        self, tenant: str, start: Mapping[int, int], end: Mapping[int, int]
    ) -> AsyncIterator[Change]:
        """The municipality's changes from ``start`` (a cursor's offsets) up to ``end``
        (``positions()`` when the subscriber was added), read from the topic by a reader
        of their own. A partition the cursor does not name is not read again; of one the
        broker no longer holds from there (past its retention), what it still holds."""
        wanted = {p: start[p] for p, stop in end.items() if start.get(p, stop) < stop}
        if not wanted:
            return
        reader = AIOKafkaConsumer(
            bootstrap_servers=self.bootstrap_servers,
            enable_auto_commit=False,
            auto_offset_reset="earliest",
        )
        await reader.start()
        try:
            reader.assign([TopicPartition(self.topic, p) for p in sorted(wanted)])
            for partition, offset in wanted.items():
                reader.seek(TopicPartition(self.topic, partition), offset)
            position = {**end, **wanted}
            while wanted:
                batch = await reader.getmany(timeout_ms=500, max_records=1000)
                for tp, records in batch.items():
                    for record in records:
                        if record.offset >= end[tp.partition]:
                            break
                        position[tp.partition] = record.offset + 1
                        change = change_of(record.key, record.headers, tp.partition, record.offset)
                        if change is not None and change.tenant == tenant:
                            yield replace(change, offsets=_in_order(position))
                # Every partition, not only those that gave records: one whose range
                # holds none to give (retention moved its start) would be read for ever.
                for partition in list(wanted):
                    tp = TopicPartition(self.topic, partition)
                    if await reader.position(tp) >= end[partition]:
                        wanted.pop(partition)
                        reader.pause(tp)
        finally:
            await reader.stop()

    def positions(self) -> dict[int, int]:
        """The next offset the hub reads, per partition: every change before it has been
        handed to the subscribers there were."""
        return dict(self._next)

    def _deliver(self, change: Change) -> None:
        delivered = None  # the positions, taken only for a change someone receives
        for subscriber in self._subscribers:
            if subscriber.tenant == change.tenant:
                delivered = delivered or replace(change, offsets=_in_order(self._next))
                subscriber.offer(delivered)
                self.delivered += 1

    def health(self) -> Health:
        detail: dict[str, object] = {
            "assigned": self._ready.is_set(),
            "subscribers": len(self._subscribers),
        }
        if self._error:
            detail["error"] = self._error
        return Health(ok=self._ready.is_set(), detail=detail)

    def metrics(self) -> dict[str, float]:
        return {
            "subscription_subscribers": float(len(self._subscribers)),
            "subscription_changes_delivered": float(self.delivered),
        }


def _in_order(positions: Mapping[int, int]) -> tuple[int, ...]:
    return tuple(offset for _, offset in sorted(positions.items()))

"""The outbox relay: committed events to Kafka, in order, none lost.

Nothing is sent to Kafka in a request. The relay reads committed events past its
checkpoint (``EventStore.read_for_relay``: plain rows, turned straight into messages by
``relay_messages``; on PostgreSQL the checkpoint is a
``(transaction_id, position)`` pair so that an event committing late with a lower
position is read later, never skipped: see ``store/backends.py``), sends a batch
with acks=all (as one Kafka record batch per partition, each message on the partition
the default partitioner picks for its key: ``relay_batches``), waits for every ack,
and only then moves the checkpoint (meanwhile it reads and sends the next batch, so two
are in flight at most and the checkpoint still moves batch by batch, in order): in
memory at once, in the database at most every ``save_interval`` (0.2 s), and once that
has passed after the last batch. Under load it lingers (``linger``) before looking again.
A crash before the checkpoint is written means those batches are sent again: at worst
twice, never lost; consumers apply each event once.

Any failure (broker away, paused, timing out) resends the whole batch from the
checkpoint after an exponential back-off, so a message that got through early
is always followed by a fresh copy after its predecessors.

A broker that lost its data (the embedded one keeps nothing across a restart) is
noticed two ways: an ack at an offset not above the last acked offset of that
partition (offsets never go back in a log that still exists; a record batch's ack
gives its first offset, the others follow one by one), and, while idle,
a partition whose end offset is at or below the lowest offset acked in the last
batch sent to it. The relay then starts a new *epoch*: it resets its checkpoint
and republishes everything from the start, stamping each message with the epoch
(header ``trygnet-epoch``) so consumers recognise the new log.

The producer is idempotent where the broker grants producer ids (Apache Kafka): its
own retries then never write a message twice nor out of order. The embedded broker
refuses them (``InitProducerId`` fails), so by default the relay asks once and, refused,
publishes with a plain producer for the rest of its life; ``idempotence`` (from
``TRYGNET_RELAY_IDEMPOTENCE=on|off``, ``RelaySettings``) fixes the choice instead.

Only the holder of the topic's lease publishes (``trygnet_core.relay_lease``): every
replica of a service runs a relay, one publishes, the others stand by and take over
when its lease lapses or is released. Before each batch the holder checks its token
and that the lease outlasts the batch's send (an idle holder renews it at each check
for a lost log, not at each look for new events); its progress is written only while
the token is still its own.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Mapping, Sequence
from typing import Any

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, TopicPartition
from opentelemetry import trace

from trygnet_core import relay_progress
from trygnet_core.components import BackgroundComponent, Health
from trygnet_core.database import read_only
from trygnet_core.kafka import ensure_topic, started_producer, stop_quietly
from trygnet_core.relay_batches import Flight, send_records
from trygnet_core.relay_lease import LeaseLost, RelayLease
from trygnet_core.relay_messages import relay_messages
from trygnet_core.relay_progress import Progress
from trygnet_core.relay_settings import default_holder
from trygnet_core.store import EventStore, RelayRow, checkpoint_of
from trygnet_core.telemetry import trace_batch, trace_messages

log = logging.getLogger(__name__)
_tracer = trace.get_tracer("trygnet_core.relay")


class LostLog(Exception):
    """The broker no longer holds what the relay published."""


class OutboxRelay(BackgroundComponent):
    """Publishes one service's committed events to its topic. A ``Component``."""

    name = "relay"

    def __init__(
        self,
        store: EventStore,
        *,
        service: str,
        topic: str,
        bootstrap_servers: str,
        partitions: int = 4,
        batch_size: int = 1000,
        idle_interval: float = 0.25,
        loss_check_interval: float = 2.0,
        max_backoff: float = 5.0,
        request_timeout: float = 5.0,
        save_interval: float = 0.2,
        idempotence: bool | None = None,
        lease_seconds: float = 15.0,
        holder: str | None = None,
        standby_interval: float = 1.0,
        linger: float = 0.0,
    ) -> None:
        self.store = store
        self.service = service
        self.topic = topic
        self.bootstrap_servers = bootstrap_servers
        self.partitions = partitions
        self.batch_size = batch_size
        self.idle_interval = idle_interval
        self.loss_check_interval = loss_check_interval
        self.max_backoff = max_backoff
        self.request_timeout = request_timeout
        self.save_interval = save_interval
        self.idempotence = idempotence
        """True: required; False: never; None: used when the broker grants it."""
        if lease_seconds < 2:
            raise ValueError("a relay lease lasts at least 2 seconds")
        self.send_timeout = min(request_timeout * 2, lease_seconds - 1)
        """How long a batch's acks are waited for: a batch starts only with this much
        of the lease left and a second to spare, so it ends within the lease."""
        self.lease = RelayLease(
            store.engine, topic=topic, holder=holder or default_holder(), seconds=lease_seconds
        )
        self.standby_interval = standby_interval
        self.linger = linger
        self._published_at = 0.0
        self._idempotent: bool | None = None
        self._wake = asyncio.Event()
        self._producer: AIOKafkaProducer | None = None
        self._offsets: AIOKafkaConsumer | None = None
        self._progress: Progress | None = None
        self._last_error: str | None = None
        self._failures = 0
        self._sent = 0
        """Events this relay (this process) had acked, under any lease it held."""
        self._backlog = 0
        self._last_loss_check = 0.0
        store.on_appended(self.wake)

    # -- Component -------------------------------------------------------------------

    async def stop(self) -> None:
        await super().stop()
        await self._close_producer()
        if self._progress is not None and self._progress.dirty:
            try:  # what was acked since the last write, so that a restart resends none of it
                await self._save_progress(self._progress)
            except Exception as exc:  # the database is away: the next start resends instead
                log.warning(
                    "relay progress not saved at stop",
                    extra={"topic": self.topic, "error": type(exc).__name__},
                )
        try:  # a standby takes over now rather than when the lease lapses
            await self.lease.release()
        except Exception as exc:
            log.warning(
                "relay lease not released at stop; it lapses instead",
                extra={"topic": self.topic, "error": type(exc).__name__},
            )

    def health(self) -> Health:
        running = self.running
        progress = self._progress or Progress()
        return Health(
            ok=running and self._failures == 0,
            detail={
                "running": running,
                "topic": self.topic,
                "epoch": progress.epoch,
                "idempotent": self._idempotent,
                "lease": "held" if self.lease.held else "standing by",
                "lease_holder": self.lease.holder,
                "published": progress.published,
                "sent": self._sent,
                "backlog": self._backlog,
                "consecutive_failures": self._failures,
                "last_error": self._last_error,
            },
        )

    def metrics(self) -> dict[str, float]:
        progress = self._progress or Progress()
        return {
            "outbox_backlog": float(self._backlog),
            "outbox_published": float(progress.published),
            "outbox_epoch": float(progress.epoch),
            "outbox_lease_held": 1.0 if self.lease.held else 0.0,
        }

    def wake(self) -> None:
        """Publish now rather than at the next poll (called after each commit)."""
        self._wake.set()

    # -- the loop --------------------------------------------------------------------

    async def run(self) -> None:
        """Publish until stopped; any failure backs off and retries, never ends the loop."""
        backoff = 0.1
        lost: str | None = None
        while True:
            try:
                if not await self.lease.acquire():  # another replica publishes
                    self._failures, self._last_error, backoff = 0, None, 0.1
                    await asyncio.sleep(self.standby_interval)
                    continue
                if lost is not None:
                    await self._start_new_epoch(lost)
                    lost = None
                await self._connect()
                if time.monotonic() - self._last_loss_check >= self.loss_check_interval:
                    await self._check_for_lost_log()
                published = await self.publish_pending()
                self._failures, self._last_error, backoff = 0, None, 0.1
                await self._rest(published)
            except LostLog as exc:
                lost = str(exc)
            except LeaseLost:  # fenced: another relay publishes from the saved checkpoint
                await self._close_producer()
                self._progress, self._backlog = None, 0
            except (
                Exception
            ) as exc:  # broker or database away: wait, then resend from the checkpoint
                self._failures += 1
                self._last_error = f"{type(exc).__name__}: {exc}"
                log.warning(
                    "relay could not publish; retrying",
                    extra={"topic": self.topic, "error": self._last_error, "retry_in_s": backoff},
                )
                await self._close_producer()
                await asyncio.sleep(backoff)
                backoff = min(backoff * 2, self.max_backoff)

    async def publish_pending(self) -> int:
        """Publish everything committed past the checkpoint; return how many (none
        while another relay holds the lease).

        Two batches are in flight at most: the next one is read and sent while the
        broker acknowledges the one before, and the checkpoint moves batch by batch, in
        order, once each is acked. A failure resends from the checkpoint, so both
        batches again, in order."""
        if not await self.lease.acquire():
            return 0
        producer = await self._connect()
        progress = await self._load_progress()
        total = 0
        read_after = progress.checkpoint
        in_flight: Flight | None = None
        try:
            while True:
                self._wake.clear()
                rows = await self.store.read_for_relay(after=read_after, limit=self.batch_size)
                if rows:  # an idle look asks nothing of the lease (the loss check renews it)
                    await self.lease.remaining(needed=self.send_timeout + 1)
                previous = in_flight
                in_flight = await self._send(producer, progress, rows) if rows else None
                if previous is not None:
                    total += await self._settle(progress, previous)
                if in_flight is None:
                    self._backlog = 0
                    if progress.dirty and progress.due(self.save_interval):
                        await self._save_progress(progress)
                    return total
                read_after = in_flight.checkpoint
        finally:
            if in_flight is not None:  # failed before its acks were waited for
                in_flight.abandon()

    async def _send(
        self,
        producer: AIOKafkaProducer,
        progress: Progress,
        rows: Sequence[RelayRow],
    ) -> Flight:
        """Hand the batch to the producer (acks=all) in a record batch per partition
        (``relay_batches``), each message made as it goes in (``relay_messages``); its
        acks are waited for by ``_settle``."""
        with _tracer.start_as_current_span(
            f"{self.topic} publish", kind=trace.SpanKind.PRODUCER
        ) as span:
            metadata: list[Mapping[str, Any]] = []
            messages = relay_messages(
                rows, service=self.service, epoch=progress.epoch, metadata=metadata
            )
            submitted, acks = await send_records(producer, self.topic, messages)
            if span.is_recording():
                trace_batch(span, self.topic, metadata)
        return Flight(
            checkpoint=checkpoint_of(rows[-1]),
            count=len(rows),
            metadata=metadata,
            submitted=submitted,
            acks=acks,
            span=span,
        )

    async def _settle(self, progress: Progress, flight: Flight) -> int:
        """Wait for every ack of ``flight``, check them against the partitions' last
        acked offsets, and move the checkpoint past it."""
        try:
            acks = await asyncio.wait_for(flight.acks, timeout=self.send_timeout)
        except BaseException:
            flight.abandon()
            raise
        trace_messages(
            _tracer, flight.span, f"{self.topic} publish", trace.SpanKind.PRODUCER, flight.metadata
        )
        offsets = flight.acked_offsets(acks)
        for partition, acked in offsets.items():
            previous = progress.acked.get(partition)
            if previous is not None and min(acked) <= previous:
                raise LostLog(f"partition {partition} acked offset {min(acked)} after {previous}")
        progress.advance(checkpoint=flight.checkpoint, count=flight.count, offsets=offsets)
        self._sent += flight.count
        if progress.due(self.save_interval):
            await self._save_progress(progress)
        return flight.count

    # -- progress in the service database ----------------------------------------------

    async def _load_progress(self) -> Progress:
        if self._progress is None:
            self._progress = await relay_progress.load_progress(self.store.engine, self.topic)
        return self._progress

    async def _save_progress(self, progress: Progress) -> None:
        await relay_progress.save_progress(self.store.engine, self.lease, progress)

    async def _start_new_epoch(self, reason: str) -> None:
        progress = await self._load_progress()
        log.warning(
            "the broker lost the topic's messages; republishing from the start",
            extra={"topic": self.topic, "reason": reason, "epoch": progress.epoch + 1},
        )
        await relay_progress.restart_progress(self.store.engine, self.lease, progress)
        await self._ensure_topic()

    # -- the broker -------------------------------------------------------------------

    async def _connect(self) -> AIOKafkaProducer:
        if self._producer is None:
            await self._ensure_topic()
            # Once refused, a broker is not asked for producer ids again.
            wanted = False if self._idempotent is False else self.idempotence
            self._producer, self._idempotent = await started_producer(
                self.bootstrap_servers,
                idempotence=wanted,
                timeout=self.request_timeout,
                request_timeout_ms=int(self.request_timeout * 1000),
            )
        return self._producer

    async def _ensure_topic(self) -> None:
        topic = ensure_topic(self.bootstrap_servers, self.topic, partitions=self.partitions)
        await asyncio.wait_for(topic, timeout=self.request_timeout)

    async def _close_producer(self) -> None:
        """Drop the broker clients, both at once (a stop within a pod's grace period);
        the next pass connects afresh."""
        clients, self._producer, self._offsets = (self._producer, self._offsets), None, None
        await stop_quietly(*clients)

    async def _check_for_lost_log(self) -> None:
        """While idle: the lease renewed, the backlog counted, and every partition's end
        compared with the lowest offset last acked there."""
        await self.lease.remaining(needed=self.send_timeout + 1)
        progress = await self._load_progress()
        self._last_loss_check = time.monotonic()
        async with read_only(self.store.engine) as conn:
            self._backlog = await self.store.count_unpublished(conn, after=progress.checkpoint)
        if not progress.floor:
            return
        if self._offsets is None:
            offsets = AIOKafkaConsumer(
                bootstrap_servers=self.bootstrap_servers,
                request_timeout_ms=int(self.request_timeout * 1000),
            )
            await asyncio.wait_for(offsets.start(), timeout=self.request_timeout)
            self._offsets = offsets
        asked = self._offsets.end_offsets([TopicPartition(self.topic, p) for p in progress.floor])
        ends = await asyncio.wait_for(asked, self.request_timeout)
        if lost := relay_progress.below_floor(ends, progress):
            raise LostLog(lost)

    async def _rest(self, published: int) -> None:
        """Idle after a look that found nothing; under load (this look and the one before
        published within ``2 * linger``) wait ``linger``, so the commits of that time leave
        as one record batch a partition; at rest an event leaves at once."""
        if published == 0:
            return await self._idle()
        now, before = time.monotonic(), self._published_at
        self._published_at = now
        if now - before < 2 * self.linger:
            await asyncio.sleep(self.linger)

    async def _idle(self) -> None:
        """Until woken, or the poll; progress not written yet is written once its
        ``save_interval`` has passed (the loop's next look finds nothing, and saves)."""
        wait = self.idle_interval
        if self._progress is not None and self._progress.dirty:
            wait = min(wait, self._progress.saved_at + self.save_interval - time.monotonic())
        with contextlib.suppress(asyncio.TimeoutError):
            await asyncio.wait_for(self._wake.wait(), timeout=max(0.0, wait))

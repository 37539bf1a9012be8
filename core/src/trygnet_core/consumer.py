"""The idempotent consumer: each event applied once, in stream order, positions kept.

For every batch of messages the consumer opens one transaction in its own database,
and in it: applies the handler to the new events, records per stream the version and
event id it has applied (``consumer_streams``), and records per partition the next
offset to read and the relay epoch (``consumer_positions``). So a projection change,
its dedupe record and its read position commit together or not at all.

Why per-stream versions rather than a set of seen event ids: an event is
identified in its source by (tenant, stream, version), and applying version
``n`` only after ``n - 1`` is also what keeps each stream in order when the relay
resends after a failure (a copy that got through early is skipped; the relay
always sends it again after its predecessor). A version at or below the applied
one is a duplicate; a version beyond the next is early and skipped.

Kafka's committed offsets are not used: on assignment the consumer seeks to the
positions in its database. A log that was reset (the broker lost its data and
the relay republished under a new epoch) is re-read from the start, which the
dedupe makes safe. It is recognised when a partition is empty but a position
is stored, when the last message of a partition carries another epoch than the
stored one (``consumer_assignment``), or when a message of a newer epoch arrives
mid-log (``consumer_parsing``).

A message that cannot be parsed, or whose handler raises ``Unprocessable`` (or fails
``max_attempts`` times on its own), goes to ``dead_letters`` and the consumer goes on;
so does every event a handler's ``reads`` leaves out (``consumer_parsing``).

This module keeps the loop (fetch, apply, confirm); readers wait in ``consumer_waits``,
lag and progress are counted in ``consumer_progress``, batches are fetched (and an idle
consumer rests) in ``consumer_fetching``."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections import Counter
from collections.abc import Awaitable, Callable, Sequence
from typing import Protocol

from aiokafka import AIOKafkaConsumer, ConsumerRecord, TopicPartition
from opentelemetry import trace
from sqlalchemy import delete
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from trygnet_core import batch_collection, consumer_dead_letters, consumer_progress
from trygnet_core.components import BackgroundComponent, Health
from trygnet_core.consumer_assignment import SeekToStored, seek_stored
from trygnet_core.consumer_fetching import BATCH_WAIT_MS, LOOK_MARGIN_MS, Rest, fetch_batch
from trygnet_core.consumer_parsing import Parsed, Reads, parse
from trygnet_core.consumer_partitions import DISCOVER_EVERY, Share, look_again, take_partitions
from trygnet_core.consumer_settings import ConsumerSettings
from trygnet_core.consumer_tracking import Tracking, replicas_take_turns
from trygnet_core.consumer_waits import StreamWaits
from trygnet_core.database import writing
from trygnet_core.envelope import ReceivedEvent
from trygnet_core.kafka import FETCHER_LOOK_MS, stop_quietly
from trygnet_core.schema import consumer_positions, consumer_streams, dead_letters
from trygnet_core.store.upcasting import Upcasters
from trygnet_core.telemetry import trace_batch, trace_messages

log = logging.getLogger(__name__)
_tracer = trace.get_tracer("trygnet_core.consumer")


class Unprocessable(Exception):
    """Raised by a handler for an event it can never apply (unknown type or version)."""


class Handler(Protocol):
    async def __call__(self, conn: AsyncConnection, events: Sequence[ReceivedEvent]) -> None:
        """Apply ``events`` (new, in order per stream) on ``conn``; never commit."""


class Consumer(BackgroundComponent):
    """Consumes Trygnet topics into a service's database. A ``Component``."""

    name = "consumer"

    def __init__(
        self,
        engine: AsyncEngine,
        *,
        name: str,
        topics: Sequence[str],
        bootstrap_servers: str,
        handler: Handler,
        upcasters: Upcasters | None = None,
        max_attempts: int = 3,
        batch_size: int = 1000,
        session_timeout_ms: int = ConsumerSettings.session_timeout_ms,
        heartbeat_interval_ms: int | None = None,
        fetch_max_wait_ms: int = ConsumerSettings.fetch_max_wait_ms,
        rest_after_ms: int = ConsumerSettings.rest_after_ms,
        rest_poll_ms: int = ConsumerSettings.rest_poll_ms,
        reset_check_interval: float = 3.0,
        group_id: str | None = None,
        reads: Reads | None = None,
        every_partition: bool = False,
        share: Share | None = None,
    ) -> None:
        self.engine = engine
        self.consumer_name = name
        self.topics = list(topics)
        self.bootstrap_servers = bootstrap_servers
        self.handler = handler
        self.upcasters = upcasters or Upcasters()
        # What the handler reads (its ``reads`` attribute unless given); None: every type.
        self.reads: Reads | None = reads if reads is not None else getattr(handler, "reads", None)
        self.max_attempts = max_attempts
        self.batch_size = batch_size
        # The timeouts are the service's ``ConsumerSettings`` (read from the environment
        # at its bootstrap); the heartbeat is a quarter of the session, at most a second.
        self.session_timeout_ms = session_timeout_ms
        self.heartbeat_interval_ms = heartbeat_interval_ms or min(1_000, session_timeout_ms // 4)
        self.fetch_max_wait_ms = fetch_max_wait_ms
        self.rest = Rest(rest_after=rest_after_ms / 1000, rest_poll=rest_poll_ms / 1000)
        self.reset_check_interval = reset_check_interval
        self.group_id = group_id or name
        self.every_partition = every_partition  # no group: see ``consumer_partitions``
        self.share = share or Share()
        if self.share.of > 1 and not every_partition:
            raise ValueError("only a consumer reading every partition itself takes a share")
        self.tracking = Tracking(engine, consumer=name)
        self._kafka: AIOKafkaConsumer | None = None
        self._looks = 0
        """Looks while idle: every ``DISCOVER_EVERY``th asks for new partitions."""
        self._waits = StreamWaits(lambda: self.tracking)
        self._counts = {"applied": 0, "duplicates": 0, "early": 0, "dead_letters": 0, "resets": 0}
        self._staged_counts: Counter[str] = Counter()
        self.generation = 0
        """Counts the changes to what this consumer built (a batch committed, a replay):
        a result computed from it stays true while this is unchanged."""
        self._last_error: str | None = None
        self.idle = consumer_progress.Idle()

    # -- Component -------------------------------------------------------------------

    def health(self) -> Health:
        running = self.running
        detail = {"running": running, "last_error": self._last_error, "rests": self.rest.rests}
        return Health(ok=running and self._last_error is None, detail={**detail, **self._counts})

    def metrics(self) -> dict[str, float]:
        return {
            "consumer_lag": consumer_progress.lag(self._kafka, self.tracking),
            "consumer_applied": float(self._counts["applied"]),
            "consumer_dead_letters": float(self._counts["dead_letters"]),
            "consumer_rests": float(self.rest.rests),
        }

    # -- read-your-writes --------------------------------------------------------------

    def positions(self) -> dict[tuple[str, int], int]:
        """The next offset to apply, per (topic, partition)."""
        return {key: pos.next_offset for key, pos in self.tracking.positions.items()}

    async def wait_for_stream(
        self, *, tenant: str, source: str, stream_id: str, version: int, timeout: float
    ) -> bool:
        """True once the stream's ``version`` has been applied; False on timeout."""
        asked = [(source, stream_id, version)]
        return await self.wait_for_streams(tenant=tenant, wanted=asked, timeout=timeout) is None

    async def wait_for_streams(
        self, *, tenant: str, wanted: Sequence[tuple[str, str, int]], timeout: float
    ) -> tuple[str, str, int] | None:
        """None once each ``(source, stream id, version)`` is applied, else the first not."""
        with self.rest.waiting():
            return await self._waits.wait_for_streams(tenant=tenant, wanted=wanted, timeout=timeout)

    async def replay(self, reset: Callable[[AsyncConnection], Awaitable[None]]) -> None:
        """Forget everything applied and read every topic again from its first message.

        Consuming stops; one transaction lets ``reset`` drop what the handler built and
        deletes this consumer's positions, stream versions and dead letters; consuming
        starts again (if it was running) from offset 0. A crash in between leaves either
        the old state whole or an empty one that fills again: never a mix.
        """
        was_running = self.running
        await self.stop()
        async with writing(self.engine) as conn:
            await reset(conn)
            for table in (consumer_positions, consumer_streams, dead_letters):
                await conn.execute(delete(table).where(table.c.consumer == self.consumer_name))
        self.tracking = Tracking(self.engine, consumer=self.consumer_name)
        self.generation += 1
        self._counts["applied"] = 0
        self.idle.reset()
        if was_running:
            await self.start()

    async def progress(self) -> dict[str, float]:
        """How far the consumer has read (``consumer_progress.progress``)."""
        return await consumer_progress.progress(self._kafka, self.positions, self.idle.seconds)

    # -- the loop --------------------------------------------------------------------

    async def run(self) -> None:
        backoff = 0.2
        while True:
            try:
                await self._consume()
            except asyncio.CancelledError:
                raise
            except Exception as exc:  # broker or database away: reconnect after a pause
                self._last_error = f"{type(exc).__name__}: {exc}"
                log.warning(
                    "consumer failed; reconnecting",
                    extra={"consumer": self.consumer_name, "error": self._last_error},
                )
                await asyncio.sleep(backoff)
                backoff = min(backoff * 2, 5.0)

    async def _consume(self) -> None:
        await self.tracking.load()
        kafka = AIOKafkaConsumer(
            bootstrap_servers=self.bootstrap_servers,
            group_id=None if self.every_partition else self.group_id,
            enable_auto_commit=False,
            auto_offset_reset="earliest",
            session_timeout_ms=self.session_timeout_ms,
            heartbeat_interval_ms=self.heartbeat_interval_ms,
            max_poll_records=self.batch_size,
            metadata_max_age_ms=5000,
            fetch_max_wait_ms=self.fetch_max_wait_ms,
            consumer_timeout_ms=FETCHER_LOOK_MS,
        )
        listener = SeekToStored(self, kafka)
        try:
            await take_partitions(self, kafka, listener)
            self._kafka = kafka
            idle_since = asyncio.get_running_loop().time()
            while True:
                wait_ms = BATCH_WAIT_MS
                if self.rest.due and not await self.rest.take(kafka, lambda: listener.assignments):
                    wait_ms = self.fetch_max_wait_ms + LOOK_MARGIN_MS
                records = await fetch_batch(kafka, self.batch_size, wait_ms=wait_ms)
                if listener.failure is not None:
                    raise listener.failure
                self._last_error = None
                if records:
                    self.rest.active()
                    with self.idle.busy():
                        await self._process(kafka, records)
                    idle_since = asyncio.get_running_loop().time()
                elif asyncio.get_running_loop().time() - idle_since > self.reset_check_interval:
                    self._looks += 1
                    await look_again(self, kafka, discover=self._looks % DISCOVER_EVERY == 0)
                    idle_since = asyncio.get_running_loop().time()
        finally:
            self._kafka = None
            await stop_quietly(kafka)

    async def seek_assigned(
        self, kafka: AIOKafkaConsumer, assigned: set[TopicPartition] | frozenset[TopicPartition]
    ) -> None:
        """Seek each partition to its stored position, or to 0 where its log was reset."""
        self._counts["resets"] += await seek_stored(
            kafka, assigned, tracking=self.tracking, bootstrap_servers=self.bootstrap_servers
        )

    async def _process(
        self, kafka: AIOKafkaConsumer, records: list[ConsumerRecord[bytes, bytes]]
    ) -> None:
        with batch_collection.held_off():
            parsed, resets = parse(
                kafka, records, tracking=self.tracking, reads=self.reads, upcasters=self.upcasters
            )
            records.clear()  # what the batch needs is in ``parsed``, dropped before the hold ends
            self._counts["resets"] += resets
            if not parsed:
                return
            try:
                async with writing(self.engine) as conn:
                    await self._apply(conn, parsed, give_up=False)
                failed = None
            except Exception as exc:
                failed = type(exc).__name__
            else:
                self._confirm()
                parsed = []
        if failed is not None:
            log.warning(
                "batch failed; applying its messages one by one",
                extra={"consumer": self.consumer_name, "error": failed},
            )
            self._forget_pending()
            for one in parsed:
                await self._apply_alone(one)
        await self._waits.applied()

    async def _apply(
        self, conn: AsyncConnection, parsed: Sequence[Parsed], *, give_up: bool
    ) -> None:
        """Dedupe, apply, record versions, dead letters and positions, all on ``conn``.

        A lone message's handler runs in a savepoint: when it fails on a message that goes
        to dead letters, none of its partial work stays. A larger batch needs none: its
        failure rolls the whole transaction back, and its messages go one by one.
        """
        candidates = [p.event for p in parsed if p.event is not None]
        await replicas_take_turns(conn, self.consumer_name)
        await self.tracking.load_streams(conn, candidates)
        fresh: list[ReceivedEvent] = []
        for one in parsed:
            if one.error is not None:
                await self._dead_letter(conn, one, one.error, attempts=1)
                continue
            assert one.event is not None
            verdict = self.tracking.admit(one.event)
            if verdict == "apply":
                fresh.append(one.event)
            else:
                self._staged_counts["duplicates" if verdict == "duplicate" else "early"] += 1
        if fresh:
            try:
                with _tracer.start_as_current_span(
                    f"{self.consumer_name} process", kind=trace.SpanKind.CONSUMER
                ) as span:
                    if span.is_recording():
                        trace_batch(span, parsed[0].record.topic, [e.event.metadata for e in fresh])
                    alone = conn.begin_nested() if len(parsed) == 1 else contextlib.nullcontext()
                    async with alone:
                        await self.handler(conn, fresh)
                trace_messages(
                    _tracer,
                    span,
                    f"{self.consumer_name} process",
                    trace.SpanKind.CONSUMER,
                    [e.event.metadata for e in fresh],
                )
            except Unprocessable as exc:
                if len(parsed) > 1:
                    raise
                await self._dead_letter(conn, parsed[0], f"unprocessable: {exc}", attempts=1)
            except Exception as exc:
                if not give_up or len(parsed) > 1:
                    raise
                await self._dead_letter(
                    conn, parsed[0], f"{type(exc).__name__}: {exc}", attempts=self.max_attempts
                )
            else:
                self._staged_counts["applied"] += len(fresh)
        await self.tracking.save(conn, [(p.record, p.event) for p in parsed])

    async def _apply_alone(self, one: Parsed) -> None:
        """One message in its own transaction, retried; the last attempt dead-letters it."""
        for attempt in range(1, self.max_attempts + 1):
            try:
                async with writing(self.engine) as conn:
                    await self._apply(conn, [one], give_up=attempt == self.max_attempts)
                self._confirm()
                return
            except Exception as exc:
                self._forget_pending()
                log.warning(
                    "message failed",
                    extra={
                        "consumer": self.consumer_name,
                        "attempt": attempt,
                        "error": type(exc).__name__,
                    },
                )
                await asyncio.sleep(0.05 * attempt)
        raise RuntimeError("a message could neither be applied nor dead-lettered")

    def _confirm(self) -> None:
        """After a commit: what the transaction recorded becomes what the consumer reports."""
        self.tracking.confirm()
        self._counts.update({n: self._counts[n] + c for n, c in self._staged_counts.items()})
        self._staged_counts.clear()
        self.generation += 1

    def _forget_pending(self) -> None:
        self.tracking.forget_pending()
        self._staged_counts.clear()

    async def _dead_letter(
        self, conn: AsyncConnection, one: Parsed, error: str, *, attempts: int
    ) -> None:
        if await consumer_dead_letters.dead_letter(
            conn,
            consumer=self.consumer_name,
            record=one.record,
            event=one.event,
            error=error,
            attempts=attempts,
        ):
            self._staged_counts["dead_letters"] += 1

    async def dead_letter_count(self) -> int:
        return await consumer_dead_letters.dead_letter_count(self.engine, self.consumer_name)


__all__ = ["Consumer", "Handler", "Reads", "Unprocessable"]

"""The idempotent consumer: each event applied once, in stream order, positions kept.

For every batch of messages the consumer opens one transaction in its own
database, and in it: applies the handler to the new events, records per stream
the version and event id it has applied (``consumer_streams``), and records per
partition the next offset to read and the relay epoch (``consumer_positions``).
So a projection change, its dedupe record and its read position commit together
or not at all.

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
stored one, or when a message of a newer epoch arrives mid-log.

A message that cannot be parsed, or whose handler raises ``Unprocessable``, goes
straight to ``dead_letters``; one whose handler fails otherwise is retried
``max_attempts`` times on its own and then dead-lettered, and the consumer goes on.

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

import asyncio
import contextlib
import logging
import os
import time
from collections import Counter
from collections.abc import Awaitable, Callable, Collection, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Final, Protocol

from aiokafka import AIOKafkaConsumer, ConsumerRebalanceListener, ConsumerRecord, TopicPartition
from opentelemetry import trace
from sqlalchemy import delete, func, select
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from trygnet_core.components import BackgroundComponent, Health
from trygnet_core.consumer_tracking import Tracking, replicas_take_turns
from trygnet_core.database import read_only, writing
from trygnet_core.envelope import MalformedMessage, ReceivedEvent, cloudevent_type, from_kafka
from trygnet_core.schema import consumer_positions, consumer_streams, dead_letters
from trygnet_core.store.upcasting import Upcasters
from trygnet_core.telemetry import trace_batch, trace_messages

log = logging.getLogger(__name__)
_tracer = trace.get_tracer("trygnet_core.consumer")


class Unprocessable(Exception):
    """Raised by a handler for an event it can never apply (unknown type or version)."""


Reads = Mapping[str, Collection[str]]
"""Per source service (``actors``...), the event types a handler reads."""


class Handler(Protocol):
    async def __call__(self, conn: AsyncConnection, events: Sequence[ReceivedEvent]) -> None:
        """Apply ``events`` (new, in order per stream) on ``conn``; never commit."""


@dataclass(frozen=True, slots=True)
class _Parsed:
    record: ConsumerRecord[bytes, bytes]
    event: ReceivedEvent | None
    error: str | None


RESET_SIGHTINGS: Final = 3
"""How many reads of a partition's end, a second apart, must see its log shorter than the
stored position before the consumer takes the log for reset (``Consumer._reset_logs``)."""
RESET_SIGHTING_PAUSE = 1.0


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
        session_timeout_ms: int | None = None,
        heartbeat_interval_ms: int | None = None,
        fetch_max_wait_ms: int | None = None,
        reset_check_interval: float = 3.0,
        group_id: str | None = None,
        reads: Reads | None = None,
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
        # Joining a group takes about half the session timeout: 10 s suits a cluster
        # whose consumers come and go; one machine's run (``make run``) sets it short.
        self.session_timeout_ms = session_timeout_ms or int(
            os.environ.get("TRYGNET_CONSUMER_SESSION_TIMEOUT_MS", "10000")
        )
        self.heartbeat_interval_ms = heartbeat_interval_ms or min(
            1_000, self.session_timeout_ms // 4
        )
        # The embedded broker holds a fetch to this limit even when messages arrive, so it
        # is how soon an event reaches a projection; Kafka answers as soon as there is data.
        self.fetch_max_wait_ms = fetch_max_wait_ms or int(
            os.environ.get("TRYGNET_CONSUMER_FETCH_WAIT_MS", "50")
        )
        self.reset_check_interval = reset_check_interval
        self.group_id = group_id or name
        self.tracking = Tracking(engine, consumer=name)
        self._kafka: AIOKafkaConsumer | None = None
        self._applied = asyncio.Condition()
        self._counts = {"applied": 0, "duplicates": 0, "early": 0, "dead_letters": 0, "resets": 0}
        self._staged_counts: Counter[str] = Counter()
        self.generation = 0
        """Counts the changes to what this consumer built (a batch committed, a replay):
        a result computed from it stays true while this is unchanged."""
        self._last_error: str | None = None
        self._last_batch_at = time.monotonic()

    # -- Component -------------------------------------------------------------------

    def health(self) -> Health:
        running = self.running
        return Health(
            ok=running and self._last_error is None,
            detail={"running": running, "last_error": self._last_error, **self._counts},
        )

    def metrics(self) -> dict[str, float]:
        lag = 0.0
        if self._kafka is not None:
            for tp in self._kafka.assignment():
                end = self._kafka.highwater(tp)
                position = self.tracking.positions.get((tp.topic, tp.partition))
                if end is not None and position is not None:
                    lag += max(0, end - position.next_offset)
        return {
            "consumer_lag": lag,
            "consumer_applied": float(self._counts["applied"]),
            "consumer_dead_letters": float(self._counts["dead_letters"]),
        }

    # -- read-your-writes --------------------------------------------------------------

    def positions(self) -> dict[tuple[str, int], int]:
        """The next offset to apply, per (topic, partition)."""
        return {key: pos.next_offset for key, pos in self.tracking.positions.items()}

    async def wait_for_stream(
        self, *, tenant: str, source: str, stream_id: str, version: int, timeout: float
    ) -> bool:
        """True once the stream's ``version`` has been applied; False on timeout.

        Each committed batch's versions, kept in memory, answer every waiter at once;
        the database is asked only for a stream not among them (once, and again each
        second should it have dropped out of the kept ones).
        """
        key = (tenant, source, stream_id)

        def applied() -> bool:
            return self.tracking.recent_version(key) >= version

        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while not applied():
            stored = await self.tracking.stream_version(
                tenant=tenant, source=source, stream_id=stream_id
            )
            remaining = deadline - loop.time()
            if stored >= version:
                return True
            if remaining <= 0:
                return False
            async with self._applied:
                with contextlib.suppress(asyncio.TimeoutError):
                    await asyncio.wait_for(
                        self._applied.wait_for(applied), timeout=min(remaining, 1.0)
                    )
        return True

    # -- the loop --------------------------------------------------------------------

    # -- replay --------------------------------------------------------------------------

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
        self._last_batch_at = time.monotonic()
        if was_running:
            await self.start()

    async def progress(self) -> dict[str, float]:
        """How far the consumer has read: ``{"applied", "end", "lag", "idle_seconds"}`` in
        messages over the partitions it holds, ``end`` being each partition's end offset
        now, and the seconds since a batch was last applied. As exact as the broker's
        end offsets: Kafka's are; the embedded broker may report the last batch's first
        offset, so there ``lag`` reaches 0 early. Caught up means no lag and idle."""
        kafka = self._kafka
        idle = round(time.monotonic() - self._last_batch_at, 2)
        if kafka is None or not kafka.assignment():
            return {"applied": 0, "end": 0, "lag": 0, "idle_seconds": idle}
        parts = sorted(kafka.assignment(), key=lambda tp: (tp.topic, tp.partition))
        ends = await kafka.end_offsets(parts)
        positions = self.positions()
        applied = end = 0
        for tp in parts:
            partition_end = ends.get(tp, 0)
            end += partition_end
            applied += min(positions.get((tp.topic, tp.partition), 0), partition_end)
        idle = round(time.monotonic() - self._last_batch_at, 2)
        return {"applied": applied, "end": end, "lag": end - applied, "idle_seconds": idle}

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
            group_id=self.group_id,
            enable_auto_commit=False,
            auto_offset_reset="earliest",
            session_timeout_ms=self.session_timeout_ms,
            heartbeat_interval_ms=self.heartbeat_interval_ms,
            max_poll_records=self.batch_size,
            metadata_max_age_ms=5000,
            fetch_max_wait_ms=self.fetch_max_wait_ms,
        )
        listener = _SeekToStored(self, kafka)
        kafka.subscribe(self.topics, listener=listener)
        try:
            await kafka.start()
            self._kafka = kafka
            idle_since = asyncio.get_running_loop().time()
            while True:
                records = await self._fetch(kafka)
                if listener.failure is not None:
                    raise listener.failure
                self._last_error = None
                if records:
                    await self._process(kafka, records)
                    idle_since = asyncio.get_running_loop().time()
                elif asyncio.get_running_loop().time() - idle_since > self.reset_check_interval:
                    await self.seek_assigned(kafka, kafka.assignment())
                    idle_since = asyncio.get_running_loop().time()
        finally:
            self._kafka = None
            with contextlib.suppress(Exception):
                await asyncio.wait_for(kafka.stop(), timeout=5)

    async def _fetch(self, kafka: AIOKafkaConsumer) -> list[ConsumerRecord[bytes, bytes]]:
        """Up to ``batch_size`` records: what arrives within 200 ms, then whatever else is
        already fetched, so that a backlog is applied in large transactions rather than
        one small fetch at a time."""
        records: list[ConsumerRecord[bytes, bytes]] = []
        timeout_ms = 200
        while len(records) < self.batch_size:
            batch = await kafka.getmany(
                timeout_ms=timeout_ms, max_records=self.batch_size - len(records)
            )
            if not batch:
                break
            records += [
                r for tp in sorted(batch, key=lambda t: (t.topic, t.partition)) for r in batch[tp]
            ]
            timeout_ms = 0
        return records

    async def seek_assigned(
        self, kafka: AIOKafkaConsumer, assigned: set[TopicPartition] | frozenset[TopicPartition]
    ) -> None:
        """Seek each partition to its stored position, or to 0 where its log was reset."""
        if not assigned:
            return
        parts = sorted(assigned, key=lambda tp: (tp.topic, tp.partition))
        reset = await self._reset_logs(kafka, parts)
        for tp in parts:
            stored = self.tracking.positions.get((tp.topic, tp.partition))
            if stored is None:
                kafka.seek(tp, 0)
                continue
            if tp in reset:
                self._counts["resets"] += 1
                log.warning(
                    "partition log was reset; reading it again from the start",
                    extra={"topic": tp.topic, "partition": tp.partition},
                )
                kafka.seek(tp, 0)
            elif (await kafka.position(tp)) != stored.next_offset:
                kafka.seek(tp, stored.next_offset)

    async def _reset_logs(
        self, kafka: AIOKafkaConsumer, parts: list[TopicPartition]
    ) -> set[TopicPartition]:
        """The partitions whose log ends before the stored position on every one of
        ``RESET_SIGHTINGS`` reads of its end, a second apart, and (when not empty) with a
        message of another relay epoch there. A node of a Kafka cluster restarted and made
        leader again answers, until its followers have fetched, an end from its last
        checkpoint (0 for a young topic): seen once, that is a leader catching up, not a
        log that was lost, which stays short."""
        suspects = parts
        for sighting in range(RESET_SIGHTINGS):
            if sighting:
                await asyncio.sleep(RESET_SIGHTING_PAUSE)
            ends = await kafka.end_offsets(suspects)
            suspects = [tp for tp in suspects if self._ends_early(tp, ends.get(tp, 0))]
            if not suspects:
                return set()
        reset = set()
        for tp in suspects:
            end = ends.get(tp, 0)
            stored = self.tracking.positions[(tp.topic, tp.partition)]
            if end == 0 or await self._epoch_at(kafka, tp, end - 1) not in (None, stored.epoch):
                reset.add(tp)
        return reset

    def _ends_early(self, tp: TopicPartition, end: int) -> bool:
        stored = self.tracking.positions.get((tp.topic, tp.partition))
        return stored is not None and 0 <= end < stored.next_offset

    async def _epoch_at(
        self, kafka: AIOKafkaConsumer, tp: TopicPartition, offset: int
    ) -> int | None:
        """The relay epoch of the message at ``offset`` (a throwaway consumer reads it)."""
        probe = AIOKafkaConsumer(bootstrap_servers=self.bootstrap_servers, enable_auto_commit=False)
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

    async def _process(
        self, kafka: AIOKafkaConsumer, records: list[ConsumerRecord[bytes, bytes]]
    ) -> None:
        self._last_batch_at = time.monotonic()
        parsed = self._parse(kafka, records)
        if not parsed:
            return
        try:
            async with writing(self.engine) as conn:
                await self._apply(conn, parsed, give_up=False)
        except Exception as exc:
            log.warning(
                "batch failed; applying its messages one by one",
                extra={"consumer": self.consumer_name, "error": type(exc).__name__},
            )
            self._forget_pending()
            for one in parsed:
                await self._apply_alone(one)
        else:
            self._confirm()
        async with self._applied:
            self._applied.notify_all()

    def _parse(
        self, kafka: AIOKafkaConsumer, records: list[ConsumerRecord[bytes, bytes]]
    ) -> list[_Parsed]:
        parsed: list[_Parsed] = []
        reset: set[TopicPartition] = set()
        for record in records:
            tp = TopicPartition(record.topic, record.partition)
            if tp in reset:
                continue
            try:
                event = from_kafka(record.key, record.value, record.headers)
            except MalformedMessage as exc:
                parsed.append(_Parsed(record, None, f"malformed: {exc}"))
                continue
            stored = self.tracking.positions.get((record.topic, record.partition))
            if stored is not None and event.epoch > stored.epoch and record.offset > 0:
                # The relay republished this topic into a new log: read it from the start.
                self._counts["resets"] += 1
                self.tracking.start_epoch(record.topic, record.partition, event.epoch)
                kafka.seek(tp, 0)
                reset.add(tp)
                parsed = [
                    p
                    for p in parsed
                    if (p.record.topic, p.record.partition) != (record.topic, record.partition)
                ]
                continue
            unread = self._unread(event)
            if unread is not None:  # dead-lettered before it is admitted: see the module doc
                parsed.append(_Parsed(record, None, unread))
                continue
            parsed.append(_Parsed(record, self._upcast(event), None))
        return parsed

    def _unread(self, received: ReceivedEvent) -> str | None:
        """Why the handler cannot read this event (a type or schema version it does not
        know), or None. The reason names the type, never what the message carries."""
        if self.reads is None:
            return None
        event = received.event
        name = cloudevent_type(received.service, event.type, event.schema_version)
        if event.type not in self.reads.get(received.service, ()):
            return f"unknown event type: {name} is not one this consumer reads"
        newest = self.upcasters.latest_version(event.type)
        if event.schema_version > newest:
            return f"unknown schema version: {name}; this consumer reads up to v{newest}"
        return None

    def _upcast(self, received: ReceivedEvent) -> ReceivedEvent:
        upcast = self.upcasters.upcast(received.event)
        if upcast is received.event:
            return received
        return ReceivedEvent(service=received.service, event=upcast, epoch=received.epoch)

    async def _apply(
        self, conn: AsyncConnection, parsed: Sequence[_Parsed], *, give_up: bool
    ) -> None:
        """Dedupe, apply, record versions, dead letters and positions, all on ``conn``.

        The handler runs in a savepoint: when it fails on a message that goes to
        dead letters, none of its partial work stays.
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
                    async with conn.begin_nested():
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

    async def _apply_alone(self, one: _Parsed) -> None:
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
        for name, count in self._staged_counts.items():
            self._counts[name] += count
        self._staged_counts.clear()
        self.generation += 1

    def _forget_pending(self) -> None:
        self.tracking.forget_pending()
        self._staged_counts.clear()

    async def _dead_letter(
        self, conn: AsyncConnection, one: _Parsed, error: str, *, attempts: int
    ) -> None:
        record, event = one.record, one.event
        headers = {name: value.decode(errors="replace") for name, value in record.headers}
        event_id = str(event.event.event_id) if event else headers.get("ce_id")
        if await self._dead_lettered_already(conn, record, event_id):
            return  # read again (a seek back, a replica's hand-over): one letter a message
        await conn.execute(
            dead_letters.insert().values(
                consumer=self.consumer_name,
                topic=record.topic,
                partition=record.partition,
                offset=record.offset,
                tenant_id=event.event.tenant_id if event else headers.get("ce_tenantid"),
                event_id=event_id,
                event_type=headers.get("ce_type"),
                key=record.key,
                value=record.value,
                headers=headers,
                error=error[:2000],
                attempts=attempts,
                created_at=datetime.now(UTC),
            )
        )
        self._staged_counts["dead_letters"] += 1
        log.error(
            "message moved to dead letters",
            extra={
                "consumer": self.consumer_name,
                "topic": record.topic,
                "partition": record.partition,
                "offset": record.offset,
                "reason": error.split(":")[0],
            },
        )

    async def _dead_lettered_already(
        self, conn: AsyncConnection, record: ConsumerRecord[bytes, bytes], event_id: str | None
    ) -> bool:
        """Whether this consumer holds a letter of this very message (same offset, same
        event id; a log read again after a reset holds other messages at those offsets)."""
        query = select(dead_letters.c.id).where(
            dead_letters.c.consumer == self.consumer_name,
            dead_letters.c.topic == record.topic,
            dead_letters.c.partition == record.partition,
            dead_letters.c.offset == record.offset,
            dead_letters.c.event_id.is_not_distinct_from(event_id),
        )
        return (await conn.execute(query.limit(1))).first() is not None

    async def dead_letter_count(self) -> int:
        async with read_only(self.engine) as conn:
            query = (
                select(func.count())
                .select_from(dead_letters)
                .where(dead_letters.c.consumer == self.consumer_name)
            )
            return int((await conn.execute(query)).scalar_one())


class _SeekToStored(ConsumerRebalanceListener):  # type: ignore[misc]
    """Each partition assigned is read from its stored position, never from before it.

    aiokafka hands out records as soon as an assignment is set, while this listener still
    runs: without a pause, what the broker would start from (the earliest offset, no offset
    being committed) is fetched and read while the stored positions are being read and the
    end offsets asked for. The partitions stay paused until the seek; should the positions
    not be read (database away), they stay paused and ``failure`` makes the consumer
    reconnect, as for any other failure, rather than read from the start."""

    def __init__(self, consumer: Consumer, kafka: AIOKafkaConsumer) -> None:
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


__all__ = ["Consumer", "Handler", "Reads", "Unprocessable"]

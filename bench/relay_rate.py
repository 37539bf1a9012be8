"""Relay rate: committed events to broker acks, against a bare producer.

The store is filled first with the relay stopped (``events`` events in
10-event commands from 4 writers), after a warm-up that connects the relay and
creates its topic. Then one ``publish_pending()`` is timed from its start until
every event is acked (acks=all) and the checkpoint is saved: it reads batches
of 1,000 committed events, turns each into a binary-mode CloudEvent, sends the
batch and waits for all its acks before it moves the checkpoint past it (reading and
sending the next batch meanwhile).

The yardstick is a bare aiokafka producer, with the relay's own settings
(``trygnet_core.kafka.new_producer``, idempotent when the relay's producer was),
sending the same messages (same keys, values and headers, built before the clock
starts) in batches of 1,000 futures, each batch waited for in full, to a topic with
the same partitions. It sends them
three times (it is quick, and the broker's pace varies from run to run); the median
counts.
"""

from __future__ import annotations

import asyncio
import cProfile
import statistics
import time
from dataclasses import dataclass
from typing import Final

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from bench.databases import Site
from bench.trygnet_writers import run_trygnet_writers
from bench.workload import Shape
from trygnet_core.envelope import KafkaRecord, to_kafka
from trygnet_core.kafka import ensure_topic, new_producer
from trygnet_core.relay import OutboxRelay
from trygnet_core.store import ALL_TENANTS, EventStore

SERVICE: Final = "incidents"
BATCH: Final = 1000
PARTITIONS: Final = 4
_WRITERS: Final = 4
_EVENTS_PER_COMMAND: Final = 10
_BARE_RUNS: Final = 3
_HORIZON_POLLS: Final = 1200


@dataclass(slots=True)
class RelayLine:
    backend: str
    events: int
    relay_seconds: float
    bare_seconds: float
    idempotent: bool = False
    """Whether the relay's producer was idempotent (Apache Kafka grants it; the
    embedded broker does not), and so the bare producer too."""
    topic: str = ""
    """The topic the relay published to."""
    relay_cpu_seconds: float = 0.0
    """CPU time of the relay's process while it published (the broker's not counted):
    the figure a shared machine moves least."""

    @property
    def relay_rate(self) -> float:
        return self.events / self.relay_seconds

    @property
    def bare_rate(self) -> float:
        return self.events / self.bare_seconds

    @property
    def ratio(self) -> float:
        return self.relay_rate / self.bare_rate


async def measure_relay(
    site: Site,
    *,
    bootstrap_servers: str,
    events: int,
    run_id: str,
    profiler: cProfile.Profile | None = None,
) -> RelayLine:
    """Fill, then time one ``publish_pending`` (under ``profiler`` when one is given)."""
    name = "relay_profiled" if profiler else "relay"
    engine = await site.trygnet_engine(name, writers=_WRITERS)
    store = EventStore(engine)
    topic = f"bench.{name}.{site.backend}.{run_id}"
    relay = OutboxRelay(
        store,
        service=SERVICE,
        topic=topic,
        bootstrap_servers=bootstrap_servers,
        partitions=PARTITIONS,
        batch_size=BATCH,
    )
    try:
        shape = Shape(site.backend, _WRITERS, _EVENTS_PER_COMMAND)
        await run_trygnet_writers(store, shape, commands_per_writer=1, tag="warm")
        await relay.publish_pending()
        warmed = (await store.read_all(tenant=ALL_TENANTS, limit=BATCH)).next_after
        commands_per_writer = events // (_WRITERS * _EVENTS_PER_COMMAND)
        await run_trygnet_writers(store, shape, commands_per_writer=commands_per_writer, tag="fill")
        await _below_the_horizon(engine)
        if profiler:
            profiler.enable()
        start, cpu = time.perf_counter(), time.process_time()
        published = await relay.publish_pending()
        relay_seconds = time.perf_counter() - start
        relay_cpu_seconds = time.process_time() - cpu
        if profiler:
            profiler.disable()
        records = await _records(store, after=warmed)
        idempotent = bool(relay.health().detail["idempotent"])
    finally:
        await relay.stop()
        await engine.dispose()
    if published != len(records):
        raise RuntimeError(
            f"the relay published {published} events, the store holds {len(records)}"
        )
    bare_seconds = await _bare_producer(
        bootstrap_servers, f"{topic}.bare", records, idempotent=idempotent
    )
    return RelayLine(
        backend=site.backend,
        events=published,
        relay_seconds=relay_seconds,
        bare_seconds=bare_seconds,
        idempotent=idempotent,
        topic=topic,
        relay_cpu_seconds=relay_cpu_seconds,
    )


async def _below_the_horizon(engine: AsyncEngine) -> None:
    """Wait until the relay may read every stored event.

    On PostgreSQL the relay reads only rows of transactions older than the
    oldest one still running anywhere on the server (see ``store/backends.py``),
    so another client's open transaction (a test run, say) holds it back. The
    clock should time the relay, not that wait.
    """
    if engine.dialect.name != "postgresql":
        return
    query = text(
        "SELECT coalesce(max(transaction_id), 0)"
        " < pg_snapshot_xmin(pg_current_snapshot())::text::bigint FROM events"
    )
    for _ in range(_HORIZON_POLLS):
        async with engine.connect() as conn:
            if (await conn.execute(query)).scalar_one():
                return
        await asyncio.sleep(0.05)
    raise RuntimeError("a transaction on the server kept the relay's horizon back for 60 s")


async def _records(store: EventStore, *, after: int) -> list[KafkaRecord]:
    records: list[KafkaRecord] = []
    while True:
        page = await store.read_all(tenant=ALL_TENANTS, after=after, limit=BATCH)
        if not page.events:
            return records
        records.extend(to_kafka(event, service=SERVICE) for event in page.events)
        after = page.next_after


async def _bare_producer(
    bootstrap_servers: str, topic: str, records: list[KafkaRecord], *, idempotent: bool
) -> float:
    await ensure_topic(bootstrap_servers, topic, partitions=PARTITIONS)
    producer = new_producer(bootstrap_servers, enable_idempotence=idempotent)
    await producer.start()
    try:
        first = records[0]
        await producer.send_and_wait(
            topic, value=first.value, key=first.key, headers=list(first.headers)
        )
        timings = []
        for _ in range(_BARE_RUNS):
            start = time.perf_counter()
            for offset in range(0, len(records), BATCH):
                acks = [
                    await producer.send(
                        topic, value=record.value, key=record.key, headers=list(record.headers)
                    )
                    for record in records[offset : offset + BATCH]
                ]
                await asyncio.gather(*acks)
            timings.append(time.perf_counter() - start)
        return statistics.median(timings)
    finally:
        await producer.stop()

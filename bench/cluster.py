"""The relay, the consumer and the platform on Apache Kafka: three nodes, as operators run it.

    uv run python -m bench.cluster              # relay, consumer, platform (~5 minutes)
    uv run python -m bench.cluster --quick      # shorter, not saved
    uv run python -m bench.cluster --no-platform   # relay and consumer only

Starts Apache Kafka 4.1 as three combined KRaft nodes (``tests/support/kafka.py``:
replication 3, ``min.insync.replicas=2``, the jars of ``make kafka``), then on it:

- **relay**: ``bench.relay_rate.measure_relay`` as the kernel's benchmark runs it on the
  embedded broker: 20,000 committed events relayed (commit to ``acks=all``), against a
  bare aiokafka producer with the relay's settings sending the same messages. On
  Apache Kafka the relay's producer is idempotent, and so is the bare one then.
- **consumer**: the kernel's ``Consumer`` reading the relay's topic (the events just
  relayed) from the start into a fresh database, with a handler that applies nothing:
  what the consumer itself costs (parsing the CloudEvents, the batch's transaction, its
  positions stored). Against a bare aiokafka consumer with the same client settings,
  in a group of its own, reading the same topic (three times; the median counts), both
  timed from their start to the last message (a group joined, then the reading). A
  first, untimed read makes the cluster's ``__consumer_offsets`` topic.
- **platform**: the production shape (``tests/support/topology.py``) on the same
  cluster: PostgreSQL, two replicas of every service, two gateways behind round-robin
  proxies; ``bench.platform``'s lag rounds at its rates (50, 200, 500 commands/s).

A full run keeps its figures in ``bench/cluster.json`` and ``bench/results.json`` and
writes them beside the embedded broker's in ``docs/benchmarks.md``. Nothing here asserts
a time.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Final

from aiokafka import AIOKafkaConsumer, TopicPartition
from sqlalchemy.ext.asyncio import AsyncConnection

from bench.databases import PostgresSite, SQLiteSite
from bench.kernel import relay_record
from bench.machine import machine_facts
from bench.platform import RATES, highest, lag_rounds
from bench.relay_rate import measure_relay
from bench.reporting import rebuild
from tests.support.kafka import LIB, KafkaCluster
from tests.support.topology import Topology
from trygnet_core.envelope import ReceivedEvent
from trygnet_platform.tokens import DemoTokens

BENCH: Final = Path(__file__).resolve().parent
CONSUMER_BATCH: Final = 5000
"""``bench.reporting.rebuild``'s batch, the bare consumer's ``max_poll_records`` too."""
_BARE_RUNS: Final = 3


async def applies_nothing(conn: AsyncConnection, events: Sequence[ReceivedEvent]) -> None:
    """A handler with no projection: the consumer's own cost is what is timed."""


@dataclass
class Production:
    """``bench.platform.Target``: the topology's proxies and processes."""

    topology: Topology
    gateway: str
    reporting: str
    tokens: DemoTokens

    def pids(self) -> dict[str, int]:
        found = {
            name: replica.process.pid
            for name, replica in self.topology.replicas.items()
            if replica.process is not None and replica.running
        }
        assert self.topology.kafka is not None
        for node in self.topology.kafka.nodes:
            if node.pid is not None:
                found[f"kafka-{node.node_id}"] = node.pid
        return found


def load_average() -> str:
    return " ".join(f"{n:.1f}" for n in os.getloadavg())


def kafka_version() -> str:
    jars = sorted(LIB.glob("kafka_2.13-*.jar"))
    return jars[0].stem.split("-", 1)[1] if jars else "?"


async def total_messages(bootstrap_servers: str, topic: str) -> int:
    probe = AIOKafkaConsumer(topic, bootstrap_servers=bootstrap_servers, enable_auto_commit=False)
    await probe.start()
    try:
        partitions = [TopicPartition(topic, p) for p in probe.partitions_for_topic(topic) or ()]
        if not partitions:
            raise RuntimeError(f"{topic}: no partitions in the cluster's metadata")
        return sum((await probe.end_offsets(partitions)).values())
    finally:
        await probe.stop()


async def bare_consumer(bootstrap_servers: str, topic: str, total: int) -> float:
    """Seconds one aiokafka consumer, in a group of its own, takes from its start to
    the last of ``total`` messages of ``topic``, read from the start."""
    consumer = AIOKafkaConsumer(
        topic,
        bootstrap_servers=bootstrap_servers,
        group_id=f"bench-bare-{uuid.uuid4().hex[:6]}",
        enable_auto_commit=False,
        auto_offset_reset="earliest",
        session_timeout_ms=6000,
        heartbeat_interval_ms=1000,
        max_poll_records=CONSUMER_BATCH,
        metadata_max_age_ms=5000,
        fetch_max_wait_ms=50,
    )
    started = time.perf_counter()
    await consumer.start()
    try:
        received = 0
        while received < total:
            batch = await consumer.getmany(timeout_ms=1000, max_records=CONSUMER_BATCH)
            received += sum(len(records) for records in batch.values())
        return time.perf_counter() - started
    finally:
        await consumer.stop()


async def measure_consumer(site: Any, bootstrap_servers: str, topic: str) -> dict[str, Any]:
    total = await total_messages(bootstrap_servers, topic)
    # A first group on the cluster makes __consumer_offsets: not timed.
    await bare_consumer(bootstrap_servers, topic, total)
    engine = await site.trygnet_engine("consumer", writers=1)
    try:
        whole, _ = await rebuild(
            engine, bootstrap_servers, {"relay": topic}, total, handler=applies_nothing
        )
    finally:
        await engine.dispose()
    bare = statistics.median(
        [await bare_consumer(bootstrap_servers, topic, total) for _ in range(_BARE_RUNS)]
    )
    found = {
        "backend": site.backend,
        "events": total,
        "consumer_seconds": round(whole, 3),
        "consumer_events_per_second": round(total / whole),
        "bare_seconds": round(bare, 3),
        "bare_events_per_second": round(total / bare),
        "ratio": round(bare / whole, 3),
    }
    print(f"consumer on {site.backend}: {found}", flush=True)
    return found


async def kernel_on(cluster: KafkaCluster, folder: Path, events: int) -> dict[str, Any]:
    run_id = uuid.uuid4().hex[:8]
    sites: list[Any] = [SQLiteSite(folder)]
    if os.environ.get("TEST_POSTGRES_URL"):
        sites.append(PostgresSite(os.environ["TEST_POSTGRES_URL"], run_id))
    found: dict[str, Any] = {"relay": [], "consumer": []}
    for site in sites:
        try:
            line = await measure_relay(
                site, bootstrap_servers=cluster.bootstrap_servers, events=events, run_id=run_id
            )
            found["relay"].append(relay_record(line))
            print(f"relay on {site.backend}: {found['relay'][-1]}", flush=True)
            found["consumer"].append(
                await measure_consumer(site, cluster.bootstrap_servers, line.topic)
            )
        finally:
            await site.close()
    return found


async def platform_on(
    cluster: KafkaCluster, folder: Path, rates: list[int], seconds: float, replicas: int
) -> dict[str, Any]:
    began = time.monotonic()
    topology = Topology(folder, kafka=cluster, replicas_per_service=replicas)
    await topology.start()
    try:
        started = round(time.monotonic() - began, 1)
        print(f"topology ready after {started} s; load average {load_average()}", flush=True)
        target = Production(
            topology, topology.urls["gateway"], topology.urls["reporting"], topology.tokens
        )
        lag = await lag_rounds(target, rates, seconds)
    finally:
        await topology.stop()
    best, carried = highest(lag)
    return {
        "replicas_per_service": replicas,
        "startup_seconds": started,
        "seconds_per_rate": seconds,
        "lag": lag,
        "highest_rate_held": best["rate"] if best else None,
        "platform_events_per_second": carried,
    }


async def measure(
    events: int, rates: list[int], seconds: float, platform: bool, replicas: int = 2
) -> dict[str, Any]:
    results: dict[str, Any] = {
        "generated_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "command": " ".join(["uv run python -m bench.cluster", *sys.argv[1:]]),
        "machine": machine_facts()
        | {"broker": f"Apache Kafka {kafka_version()}, three combined KRaft nodes"},
        "load_average": {"start": load_average()},
    }
    with tempfile.TemporaryDirectory(prefix="trygnet-bench-cluster-") as where:
        folder = Path(where)
        began = time.monotonic()
        with KafkaCluster(folder / "kafka", size=3) as cluster:
            results["kafka_startup_seconds"] = round(time.monotonic() - began, 1)
            results.update(await kernel_on(cluster, folder, events))
            results["load_average"]["after_kernel"] = load_average()
            if platform:
                results["platform"] = await platform_on(
                    cluster, folder / "topology", rates, seconds, replicas
                )
    results["load_average"]["end"] = load_average()
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="5,000 events, 3 s rounds")
    parser.add_argument("--no-platform", action="store_true", help="relay and consumer only")
    parser.add_argument("--replicas", type=int, default=2, help="of each service (default 2)")
    args = parser.parse_args()
    events, rates, seconds = (5000, [50, 200], 3.0) if args.quick else (20_000, RATES, 10.0)
    results = asyncio.run(
        measure(events, rates, seconds, not args.no_platform, replicas=args.replicas)
    )
    print(json.dumps({k: results[k] for k in ("relay", "consumer", "load_average")}, indent=2))
    if not args.quick:
        from bench import report

        report.keep("cluster", results)


def section(embedded_relay: list[dict[str, Any]]) -> str:
    """The section of ``docs/benchmarks.md`` from ``bench/cluster.json``, beside the
    embedded broker's relay lines."""
    path = BENCH / "cluster.json"
    if not path.exists():
        return ""
    from bench.cluster_section import render

    return render(json.loads(path.read_text()), embedded_relay)


if __name__ == "__main__":
    main()

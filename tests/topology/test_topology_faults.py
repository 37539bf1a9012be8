"""Faults under load on the production shape (``tests/support/topology.py``): three
Apache Kafka nodes, a PostgreSQL server, two replicas of every service and gateways
behind round-robin proxies.

Each scenario runs through ``tests/faults``' ``under_load``: steady commands from
concurrent clients to the services' proxies; the fault; then per municipality every
stored event applied by reporting exactly once, the projections equal to a fresh
rebuild, no log read as lost. Beside those figures: the share of commands taken while
the fault lasted, the longest time no write succeeded, how long reporting took to catch
up, and the share of GraphQL reads the gateways answered meanwhile.

Run by ``make test-kafka`` (``TRYGNET_TEST_KAFKA=cluster``); skipped otherwise. The
figures go to ``$TRYGNET_TOPOLOGY_RESULTS`` (``bench/topology_faults.json``, rendered
into ``docs/reliability.md``). Nothing here asserts a time.
"""

from __future__ import annotations

import asyncio
import json
import os
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import text

from bench.machine import machine_facts
from tests.faults.platform import TENANTS, Ledger, share_within
from tests.faults.test_platform_faults import Platform, _towns, under_load
from tests.support.kafka import missing as kafka_missing
from tests.support.own_postgres import missing as postgres_missing
from tests.support.topology import SERVICES, Topology
from trygnet_core.database import read_only

RESULTS: list[dict[str, Any]] = []
AREAS = "{ areas { id } }"


class Logs:
    """What ``under_load`` reads of a run: every replica's log lines, and the tokens."""

    def __init__(self, topology: Topology) -> None:
        self.topology = topology

    @property
    def lines(self) -> list[str]:
        found: list[str] = []
        for replica in self.topology.replicas.values():
            if replica.log.exists():
                found += replica.log.read_text(errors="replace").splitlines()
        return found

    def tokens(self) -> dict[str, dict[str, str]]:
        return {t: {"coordinator": self.topology.tokens.coordinator(t)} for t in TENANTS}


@pytest.fixture(scope="module")
async def topology(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[Topology]:
    if os.environ.get("TRYGNET_TEST_KAFKA") != "cluster":
        pytest.skip("the production-shape rehearsal runs under make test-kafka")
    if problem := postgres_missing() or kafka_missing(fetch=True):
        if os.environ.get("CI"):
            pytest.fail(f"{problem} (CI runs every Kafka test)")
        pytest.skip(problem)
    # A cluster of its own: its brokers are killed and restarted here.
    folder = tmp_path_factory.mktemp("topology")
    started = Topology(folder / "trygnet")
    began = time.monotonic()
    await started.start()
    RESULTS.append({"scenario": "topology started", "seconds": round(time.monotonic() - began)})
    try:
        yield started
    finally:
        await started.stop()


@pytest.fixture(scope="module")
async def platform(topology: Topology) -> AsyncIterator[Platform]:
    logs = Logs(topology)
    ledger = Ledger(topology.databases)
    towns = await _towns(logs, topology.urls)  # type: ignore[arg-type]
    yield Platform(
        logs,  # type: ignore[arg-type]
        "topology",
        topology.urls,
        topology.kafka.bootstrap_servers,
        ledger,
        towns,
        topology.folder,
        topology.kafka,
    )
    await ledger.close()


@pytest.fixture(scope="session", autouse=True)
def _write_results() -> Any:
    yield
    where = os.environ.get("TRYGNET_TOPOLOGY_RESULTS")
    if where and len(RESULTS) > 1:
        found = {
            "generated_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "machine": machine_facts(),
        }
        Path(where).write_text(json.dumps({**found, "scenarios": RESULTS}, indent=2) + "\n")


async def rehearse(
    platform: Platform,
    topology: Topology,
    scenario: str,
    fault: Callable[[], Awaitable[dict[str, Any] | None]],
) -> dict[str, Any]:
    """``under_load``, with GraphQL reads through the gateways' proxy meanwhile."""
    reads: list[tuple[float, bool]] = []
    reading = asyncio.create_task(_read_through_gateways(topology, reads))
    began = time.monotonic()
    window: dict[str, float] = {}

    async def timed() -> dict[str, Any] | None:
        window["began"] = time.monotonic()
        try:
            return await fault()
        finally:
            window["ended"] = time.monotonic()

    try:
        found = await under_load(platform, scenario, timed)
    finally:
        reading.cancel()
    found["gateway_reads_answered_during_fault_share"] = share_within(
        reads, window["began"], window["ended"]
    )
    found["wall_seconds"] = round(time.monotonic() - began, 1)
    found["load_average"] = round(os.getloadavg()[0], 1)  # the machine is shared
    RESULTS.append(found)
    return found


async def _read_through_gateways(topology: Topology, reads: list[tuple[float, bool]]) -> None:
    """Ten GraphQL reads a second, as a portal would send them, each counted answered
    when it came back with data and no error."""
    auth = {"Authorization": f"Bearer {topology.tokens.coordinator(TENANTS[0])}"}
    limits = httpx.Limits(keepalive_expiry=4.0)
    async with httpx.AsyncClient(timeout=10, headers=auth, limits=limits) as http:
        while True:
            try:
                answer = await http.post(
                    f"{topology.urls['gateway']}/graphql", json={"query": AREAS}
                )
                body = answer.json()
                ok = answer.status_code == 200 and not body.get("errors")
            except (httpx.HTTPError, ValueError):
                ok = False
            reads.append((time.monotonic(), ok))
            await asyncio.sleep(0.1)


async def test_one_broker_killed_and_restarted_with_its_data(
    platform: Platform, topology: Topology
) -> None:
    async def crash() -> None:
        topology.kafka.kill(0)
        await asyncio.sleep(10)
        await topology.restart_broker(0)

    found = await rehearse(platform, topology, "one broker of three killed (SIGKILL)", crash)
    assert found["commands_accepted"] > 0


async def test_a_rolling_restart_of_the_brokers(platform: Platform, topology: Topology) -> None:
    async def rolling() -> None:
        for index in range(topology.kafka.size):
            await topology.restart_broker(index)

    await rehearse(platform, topology, "rolling restart of the three brokers", rolling)


async def test_the_replica_holding_the_relay_lease_killed(
    platform: Platform, topology: Topology
) -> None:
    async def crash() -> dict[str, Any]:
        holder = await _lease_holder(platform, "actors")
        topology.kill(holder)
        killed = time.monotonic()
        for _ in range(3000):  # the lease lapses (15 s) and the other replica takes it
            if (taken := await _lease_holder(platform, "actors")) != holder:
                break
            await asyncio.sleep(0.2)
        took_over = time.monotonic() - killed
        await topology.start_replica(holder)
        return {"lease_taken_over_after_seconds": round(took_over, 1), "new_holder": taken}

    found = await rehearse(platform, topology, "the relay lease holder killed (SIGKILL)", crash)
    assert found["new_holder"] != "" and found["lease_taken_over_after_seconds"] > 0


async def _lease_holder(platform: Platform, service: str) -> str:
    """The replica holding the service's relay lease, as its database says."""
    async with read_only(platform.ledger.engines[service]) as conn:
        found = await conn.execute(
            text("SELECT lease_holder FROM outbox_checkpoints WHERE topic = :topic"),
            {"topic": f"trygnet.{service}"},
        )
        return str(found.scalar_one() or "")


async def test_a_reporting_replica_killed(platform: Platform, topology: Topology) -> None:
    async def crash() -> None:
        topology.kill("reporting-1")
        await asyncio.sleep(10)  # the group gives its partitions to the other replica
        await topology.start_replica("reporting-1")

    await rehearse(platform, topology, "a reporting replica killed (SIGKILL)", crash)


async def test_a_rolling_restart_of_every_service(platform: Platform, topology: Topology) -> None:
    async def one_at_a_time(service: str) -> None:
        for replica in topology.of(service):
            await topology.restart(replica.name)

    async def rolling() -> None:  # every Deployment rolled at once, as a release does
        await asyncio.gather(*(one_at_a_time(s) for s in (*SERVICES, "gateway")))

    await rehearse(platform, topology, "rolling restart of every service", rolling)


async def test_postgresql_restarted(platform: Platform, topology: Topology) -> None:
    async def restart() -> None:
        await asyncio.to_thread(topology.postgres.restart, "fast")
        for engine in platform.ledger.engines.values():  # its connections were ended
            await engine.dispose()

    await rehearse(platform, topology, "PostgreSQL restarted (fast shutdown)", restart)

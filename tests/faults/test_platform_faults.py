"""Faults under load on the whole platform, as ``make run`` runs it (``make faults``).

One ``trygnet-run`` (its own embedded broker, the four services and the gateway as
separate processes, on SQLite, and on PostgreSQL when ``TEST_POSTGRES_URL`` is set)
takes steady load from concurrent clients while each fault happens; then, per
municipality, every event in every service's store must have been applied by
reporting exactly once (its applied version of each stream is the store's), and
reporting's projections must equal a fresh rebuild from the topics. The figures of
each scenario go to ``$TRYGNET_FAULTS_RESULTS`` (``make faults`` writes them to
``bench/faults.json`` and the table of ``docs/reliability.md``).

Under ``TRYGNET_TEST_KAFKA=cluster`` the platform runs on Apache
Kafka's three-node cluster instead: "the broker paused" pauses every node, the empty
restart (which only the memory-only broker has) is skipped, and no relay may republish
nor any consumer read a partition again from its start, since nothing loses a log there.

Nothing here asserts a time: a recovery is given minutes, and how long it took is a
figure, not a test.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import signal
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.conftest import POSTGRES_URL, Broker
from tests.faults.platform import (
    TENANTS,
    WRITERS,
    Ledger,
    Load,
    Town,
    deliver_again,
    delivered_more_than_once,
    rebuilt_projections,
)
from tests.platform.runs import Run, trygnet_run
from tests.support.databases import service_databases
from tests.support.kafka import KafkaCluster

RATE = int(os.environ.get("TRYGNET_FAULTS_RATE", "100"))
"""Commands a second the clients offer during each scenario."""
CONVERGE_TIMEOUT = 120.0
"""Recoveries take seconds; this is only how long a failing one is waited for."""
RESULTS: list[dict[str, Any]] = []
SERVICES = ("actors", "activities", "incidents", "reporting")
LOG_RESTARTED = ("republishing from the start", "partition log was reset")
"""What a relay and a consumer say when they find a log the broker lost."""


@dataclass
class Platform:
    run: Run
    backend: str
    urls: dict[str, str]
    bootstrap: str
    ledger: Ledger
    towns: list[Town]
    folder: Path
    kafka: KafkaCluster | None

    def pid(self, name: str) -> int:
        document = self.run.run_file()
        return int(document["broker_pid"] if name == "broker" else document["pids"][name])

    def signal_broker(self, number: signal.Signals) -> None:
        """Signal the embedded broker, or every node of Apache Kafka (SIGSTOP: paused)."""
        if self.kafka is None:
            os.kill(self.pid("broker"), number)
            return
        for index in range(self.kafka.size):
            self.kafka.signal(index, number)


async def _towns(run: Run, urls: dict[str, str]) -> list[Town]:
    """An area and an actor per municipality, known to every service that needs them."""
    tokens = run.tokens()
    towns = [Town(tenant, tokens[tenant]["coordinator"]) for tenant in TENANTS]
    async with httpx.AsyncClient(timeout=30) as http:
        for town in towns:
            auth = {"Authorization": f"Bearer {town.token}"}
            area = await http.post(
                f"{urls['actors']}/areas",
                json={"name": "Ruten", "kind": "housing_area"},
                headers=auth,
            )
            assert area.status_code == 201, area.text
            town.area = area.json()["id"]
            actor = await http.post(
                f"{urls['actors']}/actors",
                json={"name": "SSP", "sector": "municipality", "areas": [town.area]},
                headers=auth,
            )
            assert actor.status_code == 201, actor.text
            town.actor = actor.json()["id"]
        deadline = time.monotonic() + 60
        for town in towns:  # the other services learn the actor from the actors topic
            auth = {"Authorization": f"Bearer {town.token}"}
            for service, (path, body) in Load(urls, [town], 1).first_commands().items():
                while True:
                    made = await http.post(f"{urls[service]}{path}", json=body, headers=auth)
                    if made.status_code == 201:
                        break
                    assert made.status_code in (404, 422), made.text
                    assert time.monotonic() < deadline, f"{service} never learnt {town.actor}"
                    await asyncio.sleep(0.2)
    return towns


@pytest.fixture(
    scope="module",
    params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)],
)
async def platform(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> AsyncIterator[Platform]:
    backend = request.param
    if backend == "postgresql" and not POSTGRES_URL:
        pytest.skip("TEST_POSTGRES_URL is not set")
    kafka = None
    if os.environ.get("TRYGNET_TEST_KAFKA") == "cluster":
        broker: Broker = request.getfixturevalue("broker")
        assert isinstance(broker, KafkaCluster)
        kafka = broker
        await kafka.recreate_topics()  # none of the platform before this one's events
    folder = tmp_path_factory.mktemp(f"faults-{backend}") / "trygnet"
    # Fifty clients with one coordinator's token: the per-person budgets out of the way.
    env = {
        "TRYGNET_GATEWAY_RATE_PER_MINUTE": "1000000",
        "TRYGNET_GATEWAY_COST_PER_MINUTE": str(10**12),
        "TRYGNET_GATEWAY_CLIENT_COST_PER_MINUTE": str(10**12),
    }
    async with contextlib.AsyncExitStack() as stack:
        databases: dict[str, str] = {}
        if backend == "postgresql":
            databases = await stack.enter_async_context(service_databases("faults", SERVICES))
            env |= {f"{service.upper()}_DATABASE_URL": url for service, url in databases.items()}
        bootstrap = kafka.bootstrap_servers if kafka else None
        run = await stack.enter_async_context(
            trygnet_run(folder, "--no-demo", env=env, bootstrap_servers=bootstrap)
        )
        await run.wait_for("Trygnet is ready")
        started = run.run_file()
        urls = dict(started["urls"])
        stores = {
            service: databases.get(service) or f"sqlite:///{folder / f'{service}.db'}"
            for service in SERVICES
        }
        ledger = Ledger(stores)
        towns = await _towns(run, urls)
        yield Platform(
            run, backend, urls, started["bootstrap_servers"], ledger, towns, folder, kafka
        )
        await ledger.close()
        assert await run.interrupt() == 0


@pytest.fixture(scope="session", autouse=True)
def _write_results() -> Any:
    yield
    where = os.environ.get("TRYGNET_FAULTS_RESULTS")
    if where and RESULTS:
        found = {
            "generated_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "rate": RATE,
            "scenarios": RESULTS,
        }
        Path(where).write_text(json.dumps(found, indent=2) + "\n")


async def under_load(
    platform: Platform,
    scenario: str,
    fault: Callable[[], Awaitable[dict[str, Any] | None]],
    *,
    before: float = 3.0,
    after: float = 5.0,
) -> dict[str, Any]:
    """Load, the fault, more load, then the recovery checked and its figures kept."""
    _, settled = await platform.ledger.converge(30)
    assert settled.converged, "the platform had not settled after the scenario before"
    stored_before = sum((await platform.ledger.tally()).stored.values())
    lines_before = len(platform.run.lines)
    load = Load(platform.urls, platform.towns, RATE)
    sending = asyncio.create_task(load.run())
    try:
        await asyncio.sleep(before)
        fault_began = time.monotonic()
        extra = await fault() or {}
        fault_ended = time.monotonic()
        # What was stored by the end of the fault, reached by reporting while the load goes on.
        catching_up = asyncio.create_task(
            platform.ledger.catch_up(await platform.ledger.stored_versions(), CONVERGE_TIMEOUT)
        )
        await asyncio.sleep(after)
    finally:  # a failed fault must not leave its clients sending to a platform stopping
        load.stop()
    figures = await sending
    seconds, tally = await platform.ledger.converge(CONVERGE_TIMEOUT)
    story = "\n".join(platform.run.lines[lines_before:][-80:])
    try:
        caught_up = await catching_up
    except AssertionError as exc:  # what the platform said since the load began
        raise AssertionError(f"{scenario}: {exc}; the platform said:\n{story}") from None
    assert tally.converged, (
        f"{scenario}: not applied {dict(+tally.lost)}, applied beyond the store "
        f"{dict(+tally.beyond)}; the platform said:\n{story}"
    )
    for tenant in TENANTS:
        assert tally.stored[tenant] > 0 and tally.lost[tenant] == 0 == tally.beyond[tenant]
    live = await platform.ledger.live_projections()
    rebuilt = await rebuilt_projections(platform.bootstrap, platform.folder.parent, platform.ledger)
    differing = sorted(
        key for key in live.keys() | rebuilt.keys() if live.get(key) != rebuilt.get(key)
    )
    assert not differing, f"{scenario}: projections differ from a rebuild: {differing[:5]}"
    twice = await delivered_more_than_once(platform.bootstrap)
    restarted = [
        line
        for line in platform.run.lines[lines_before:]
        if any(said in line for said in LOG_RESTARTED)
    ]
    if platform.kafka is not None:
        assert not restarted, f"{scenario}: a log read as lost on Kafka: {restarted[:3]}"
    found = {
        "scenario": scenario,
        "backend": platform.backend,
        "offered_per_second": RATE,
        "accepted_per_second": figures.accepted_per_second,
        "commands_accepted": figures.accepted,
        "commands_refused": dict(figures.refused),
        "events_stored": sum(tally.stored.values()) - stored_before,
        "events_stored_in_all": sum(tally.stored.values()),
        "lost": sum(tally.lost.values()),
        "applied_twice": sum(tally.beyond.values()) + len(differing),
        "delivered_more_than_once": twice,
        "logs_found_lost": len(restarted),
        "fault_seconds": round(fault_ended - fault_began, 2),
        "taken_during_fault_share": figures.taken_share(fault_began, fault_ended),
        "longest_without_a_write_seconds": figures.longest_gap(),
        "caught_up_after_fault_seconds": round(caught_up, 2),
        "converged_seconds": round(seconds, 2),
        **extra,
    }
    RESULTS.append(found)
    print(json.dumps(found))
    return found


async def test_the_broker_paused_for_ten_seconds(platform: Platform) -> None:
    async def pause() -> None:
        platform.signal_broker(signal.SIGSTOP)
        try:
            await asyncio.sleep(10)
        finally:
            platform.signal_broker(signal.SIGCONT)

    found = await under_load(platform, "broker paused (SIGSTOP) for 10 s", pause)
    assert found["commands_accepted"] > 0


async def test_the_reporting_service_killed_mid_stream(platform: Platform) -> None:
    async def kill() -> None:
        seen = len(platform.run.lines)
        os.kill(platform.pid("reporting"), signal.SIGKILL)
        await platform.run.wait_for(r"reporting started again", after=seen)

    await under_load(platform, "reporting killed (SIGKILL) and restarted", kill)


async def test_a_service_killed_while_its_relay_has_unpublished_events(
    platform: Platform,
) -> None:
    async def kill() -> dict[str, Any]:
        platform.signal_broker(signal.SIGSTOP)  # the relay cannot publish what is committed
        try:
            await asyncio.sleep(3)
            waiting = await platform.ledger.unpublished("actors")
            assert waiting > 0, "the actors relay has nothing unpublished"
            seen = len(platform.run.lines)
            os.kill(platform.pid("actors"), signal.SIGKILL)
        finally:
            platform.signal_broker(signal.SIGCONT)
        await platform.run.wait_for(r"actors started again", after=seen)
        return {"unpublished_when_killed": waiting}

    found = await under_load(platform, "actors killed (SIGKILL) with unpublished events", kill)
    assert found["unpublished_when_killed"] > 0


async def test_every_message_delivered_twice(platform: Platform) -> None:
    copied: dict[str, int] = {}

    async def again() -> dict[str, Any]:
        for service in WRITERS:
            copied[service] = await deliver_again(platform.bootstrap, f"trygnet.{service}")
        return {"delivered_again": sum(copied.values())}

    found = await under_load(platform, "messages delivered twice (a slice re-produced)", again)
    assert all(copied.values()), copied
    assert found["delivered_more_than_once"] >= found["delivered_again"]


async def test_the_broker_killed_and_restarted_empty(platform: Platform) -> None:
    if platform.kafka is not None:
        pytest.skip("Apache Kafka keeps its data: only the embedded broker restarts empty")

    async def kill() -> None:
        seen = len(platform.run.lines)
        os.kill(platform.pid("broker"), signal.SIGKILL)
        await platform.run.wait_for(r"the broker exited .* starting a new empty one", after=seen)

    await under_load(platform, "broker killed (SIGKILL), restarted empty", kill, after=8.0)


ADD_ENTRY = """
mutation($input: AddTimelineEntryInput!) {
  addTimelineEntry(input: $input) { position incident { version } }
}"""
INCIDENT = "query($id: ID!) { incident(id: $id) { version timeline { text } } }"
REPORT = "mutation($input: ReportIncidentInput!) { reportIncident(input: $input) { incident { id version } } }"
CLIENTS = 50


async def test_fifty_clients_changing_one_incident(platform: Platform) -> None:
    """Each client sends its entry with the version it read; a loser is told CONFLICT,
    reads again and retries, until every entry is in: none lost, none twice.

    Each client does what docs/api.md asks of an integration that retries: one
    ``Idempotency-Key`` per change it sends, sent again with the same request when the
    answer did not come (``UNAVAILABLE``: on two shared cores, fifty writers on one row
    can keep a call past the gateway's deadline) or while the first is still being
    written. So a retried entry is written once, whatever happened to the first answer."""
    town = platform.towns[0]
    graphql = f"{platform.urls['gateway']}/graphql"
    auth = {"Authorization": f"Bearer {town.token}"}
    limits = httpx.Limits(max_connections=CLIENTS, keepalive_expiry=4.0)
    conflicts: list[int] = []  # the client numbers told CONFLICT, once per answer
    unanswered: list[int] = []  # the client numbers that sent a request again

    async with httpx.AsyncClient(timeout=60, headers=auth, limits=limits) as http:

        async def ask(query: str, key: str | None = None, **variables: Any) -> dict[str, Any]:
            """The answer, sent again (with the same key) until it is one."""
            headers = {"Idempotency-Key": key} if key else {}
            for _ in range(20):
                answer = await http.post(
                    graphql, json={"query": query, "variables": variables}, headers=headers
                )
                body: dict[str, Any] = answer.json()
                if not any(_unanswered(e) for e in body.get("errors", ())):
                    return body
                unanswered.append(1)
                await asyncio.sleep(0.2)
            raise AssertionError(f"never answered: {body}")

        made = await ask(
            REPORT,
            input={
                "kind": "SHOOTING",
                "severity": 4,
                "areaId": town.area,
                "place": "Ruten",
                "occurredAt": "2026-11-14T21:40:00+01:00",
                "reportingActorId": town.actor,
                "summary": "Shots fired at a car; no one hurt",
            },
        )
        incident = made["data"]["reportIncident"]["incident"]
        start = incident["version"]

        async def client(number: int) -> None:
            version = start
            for attempt in range(CLIENTS * 4):
                body = await ask(
                    ADD_ENTRY,
                    f"entry-{number}-{attempt}",
                    input={
                        "incidentId": incident["id"],
                        "kind": "NOTE",
                        "text": f"client {number}",
                        "authorActorId": town.actor,
                        "expectedVersion": version,
                    },
                )
                if not body.get("errors"):
                    return
                codes = [e["extensions"]["code"] for e in body["errors"]]
                assert codes == ["CONFLICT"], body
                conflicts.append(number)
                read = await ask(INCIDENT, id=incident["id"])
                version = read["data"]["incident"]["version"]
            raise AssertionError(f"client {number} never got its entry in")

        async def race() -> dict[str, Any]:
            await asyncio.gather(*(client(n) for n in range(CLIENTS)))
            return {"conflicts_told": len(conflicts), "sent_again": len(unanswered)}

        await under_load(platform, "50 clients changing one incident (If-Match)", race, before=2.0)
        read = await ask(INCIDENT, id=incident["id"])
    texts = sorted(entry["text"] for entry in read["data"]["incident"]["timeline"])
    assert texts == sorted(f"client {n}" for n in range(CLIENTS)), "no entry lost, none twice"
    assert read["data"]["incident"]["version"] == start + CLIENTS
    assert len(conflicts) >= CLIENTS - 1, "every loser was told CONFLICT"


def _unanswered(error: dict[str, Any]) -> bool:
    """No answer came (the service past the gateway's deadline), or the same key's first
    request is still being written: either way, the same request again."""
    extensions = error.get("extensions", {})
    return extensions.get("code") == "UNAVAILABLE" or (
        extensions.get("code") == "CONFLICT" and extensions.get("field") == "Idempotency-Key"
    )

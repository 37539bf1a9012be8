"""The reporting service: how fast it rebuilds, how fast its heaviest reports answer.

    uv run python -m bench.reporting              # 100,000+ events (~2 minutes on 2 cores)
    uv run python -m bench.reporting --quick      # a smoke run with 10,000 events

Generates a realistic mix of the three services' events for many municipalities
(actors and contacts, activities with partners, fora and meetings, incidents with
their whole response, safety walks, the strategy and its measurements, survey
answers), publishes it to the embedded broker (or ``KAFKA_BOOTSTRAP_SERVERS``) as the
relays would, then times a rebuild: an empty database, the consumer from offset 0,
until every message is applied. On SQLite, and on PostgreSQL when
``TEST_POSTGRES_URL`` is set. Then it times the network (recomputed and cached) and
the national table at demo scale. A full run writes ``bench/reporting.json`` and the
"Reporting" section of ``docs/benchmarks.md``. Nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import resource
import statistics
import sys
import tempfile
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, Final

from sqlalchemy import text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncEngine

from bench.databases import PostgresSite
from bench.machine import machine_facts
from bench.platform import cpu_seconds
from tests.support.feed import Feed, publish
from trygnet_activities.domain import events as act
from trygnet_activities.domain import survey_events as surveys
from trygnet_actors.domain import events as ac
from trygnet_core.broker import EmbeddedBroker, external_bootstrap_servers
from trygnet_core.consumer import Consumer, Handler
from trygnet_core.database import create_engine, migrate, read_only
from trygnet_core.kafka import ensure_topic
from trygnet_incidents.domain import events as inc
from trygnet_reporting import national as national_tables
from trygnet_reporting import network_report
from trygnet_reporting.bootstrap import migrations
from trygnet_reporting.national_periods import latest_ended
from trygnet_reporting.projections import Projector

LAST_QUARTER = latest_ended(datetime.now(UTC).date())
"""The quarter the national table is read for: the last one over."""

BENCH: Final = Path(__file__).resolve().parent
SECTORS = ("municipality", "police", "housing_association", "school", "ssp", "civil_society")
THEMES = ("youth", "employment", "education", "nightlife", "alcohol_and_drugs", "integration")
LEVELS = ("strategic", "frontline", "civil_society")
KINDS = ("shooting", "stabbing", "explosion", "arson", "extortion", "threat", "vandalism")
FINDINGS = ("lighting", "vegetation", "litter", "vandalism", "meeting_place", "traffic")


def municipality(feed: Feed, tenant: str, rng: random.Random) -> None:
    """One municipality's year, in the proportions of the Tingbjerg-Husum mapping."""
    areas = [f"area-{n}" for n in range(4)]
    for area in areas:
        feed.add("actors", "Area", area, ac.AreaDefined(area, area, "housing_area"), tenant=tenant)
    actors = [f"actor-{n}" for n in range(60)]
    for n, actor in enumerate(actors):
        feed.add(
            "actors",
            "Actor",
            actor,
            ac.ActorRegistered(
                actor_id=actor,
                name=f"Organisation {n}",
                sector=rng.choice(SECTORS),
                levels=tuple(rng.sample(LEVELS, rng.randint(1, 2))),
                areas=tuple(rng.sample(areas, rng.randint(1, 3))),
                themes=tuple(rng.sample(THEMES, 2)),
                phone="+45 33 33 33 33",
            ),
            tenant=tenant,
        )
        feed.add(
            "actors",
            "Contact",
            f"contact-{n}",
            ac.ContactAdded(f"contact-{n}", actor, "public_task", f"Person {n}"),
            tenant=tenant,
        )
    for n in range(37):
        activity = f"activity-{n}"
        low = rng.randint(6, 18)
        feed.add(
            "activities",
            "Activity",
            activity,
            act.ActivityCreated(
                activity_id=activity,
                title=f"Activity {n}",
                level=rng.choice(LEVELS),
                owner_actor_id=rng.choice(actors),
                themes=tuple(rng.sample(THEMES, 2)),
                target_age_from=low,
                target_age_to=low + rng.randint(2, 8),
                areas=(rng.choice(areas),),
                focus_areas=(f"focus-{n % 5}",),
            ),
            *(
                act.ActivityPartnerJoined(activity, partner, "partner")
                for partner in rng.sample(actors, rng.randint(1, 4))
            ),
            act.ActivityStatusChanged(activity, "active"),
            tenant=tenant,
        )
    for n in range(7):
        forum = f"forum-{n}"
        members = tuple(rng.sample(actors, 8))
        feed.add(
            "activities",
            "Forum",
            forum,
            act.ForumEstablished(
                forum, f"Forum {n}", rng.choice(LEVELS), members[0], "monthly", None, members[1:]
            ),
            *(
                act.MeetingRecorded(forum, f"meeting-{n}-{m}", f"2026-{m + 1:02d}-10", members[:4])
                for m in range(8)
            ),
            tenant=tenant,
        )
    start = datetime(2026, 1, 1, tzinfo=UTC)
    for n in range(60):
        incident = f"incident-{n}"
        reported = start + timedelta(days=rng.randint(0, 300), hours=rng.randint(0, 23))
        reporter, *team = rng.sample(actors, 5)
        events: list[Any] = [
            inc.IncidentReported(
                incident_id=incident,
                kind=rng.choice(KINDS),
                severity=rng.randint(1, 4),
                area_id=rng.choice(areas),
                place="Somewhere",
                occurred_at=(reported - timedelta(minutes=30)).isoformat(),
                reported_at=reported.isoformat(),
                reporting_actor_id=reporter,
                sensitivity=rng.choice(("open", "restricted")),
                summary="Text",
            ),
            inc.ActorsAlerted(
                incident, tuple({"actor_id": a, "rule_id": "rule"} for a in team[:2])
            ),
            inc.IncidentActivated(incident, (reported + timedelta(minutes=20)).isoformat()),
            *(inc.ResponseRoleAssigned(incident, a, "participant") for a in team[:2]),
            *(
                inc.TaskAdded(
                    incident_id=incident,
                    task_id=f"task-{t}",
                    title="Task",
                    assignee_actor_id=team[t % 4],
                    due="2026-12-01",
                    priority="normal",
                )
                for t in range(4)
            ),
            *(
                inc.TimelineEntryRecorded(
                    incident,
                    f"entry-{t}",
                    "note",
                    team[t % 4],
                    (reported + timedelta(minutes=10 * t)).isoformat(),
                    "Text",
                )
                for t in range(8)
            ),
            inc.TaskStatusChanged(incident, "task-0", "done"),
            inc.IncidentStabilised(incident, (reported + timedelta(days=1)).isoformat()),
            inc.IncidentClosed(incident, (reported + timedelta(days=9)).isoformat(), "Calm"),
        ]
        feed.add("incidents", "Incident", incident, *events, at=reported, tenant=tenant)
    for n in range(12):
        walk = f"walk-{n}"
        feed.add(
            "activities",
            "SafetyWalk",
            walk,
            act.SafetyWalkRecorded(
                walk,
                f"2026-{n % 12 + 1:02d}-05",
                rng.choice(areas),
                tuple(rng.sample(actors, 4)),
                10,
            ),
            *(
                act.FindingRecorded(walk, f"f-{f}", rng.choice(FINDINGS), "Place", "Text")
                for f in range(6)
            ),
            *(
                act.FindingActionAssigned(
                    walk, f"f-{f}", f"a-{f}", rng.choice(actors), "2026-12-01"
                )
                for f in range(6)
            ),
            *(act.FindingActionStatusChanged(walk, f"f-{f}", f"a-{f}", "done") for f in range(3)),
            tenant=tenant,
        )
    feed.add(
        "activities",
        "Strategy",
        "strategy",
        act.StrategyAdopted("strategy", "Strategy"),
        *(act.FocusAreaAdded("strategy", f"focus-{f}", f"Focus {f}") for f in range(5)),
        *(
            act.IndicatorAdded(
                "strategy", f"ind-{i}", f"focus-{i % 5}", f"Indicator {i}", "%", "increase", 80.0
            )
            for i in range(10)
        ),
        *(
            act.MeasurementRecorded(
                "strategy", f"ind-{i % 10}", 70.0 + i % 20, f"2026-{i % 12 + 1:02d}", "Survey"
            )
            for i in range(40)
        ),
        *(
            act.SafetyIndexResultRecorded("strategy", area, str(year), 80.0, 10.0, 400, 1000)
            for area in areas
            for year in (2025, 2026)
        ),
        tenant=tenant,
    )
    rating = {"openness": 3, "reliability": 3, "shared_mission": 3}
    feed.add(
        "activities",
        "SurveyWave",
        "wave-1",
        surveys.SurveyWaveOpened("wave-1", "Survey", "2026-02-01"),
        *(
            surveys.SurveyResponseRecorded(
                "wave-1",
                respondent,
                tuple(
                    {
                        "actor_id": other,
                        "intensity": "cooperation",
                        "trust": rating,
                        "value": rating,
                    }
                    for other in rng.sample(actors, 5)
                    if other != respondent
                ),
            )
            for respondent in actors[:40]
        ),
        tenant=tenant,
    )


def generate(events: int, seed: int = 7) -> Feed:
    """Municipalities until there are at least ``events`` events."""
    rng = random.Random(seed)
    feed = Feed()
    n = 0
    while len(feed.events) < events:
        municipality(feed, f"{1000 + n:04d}", rng)
        n += 1
    return feed


async def rebuild(
    engine: AsyncEngine,
    bootstrap_servers: str,
    topics: dict[str, str],
    total: int,
    handler: Handler | None = None,
    *,
    every_partition: bool = False,
) -> tuple[float, float]:
    """Seconds from an empty database to every message applied, and of those the
    seconds from the first message applied (the rest is starting: joining the consumer
    group, which the broker delays on purpose, Kafka's ``group.initial.rebalance.delay.ms``,
    unless the consumer reads ``every_partition`` itself as ``trygnet-reporting rebuild``
    does). Reporting's projections apply them, unless another ``handler`` is given (on a
    database the kernel's migrations made)."""
    if handler is None:
        await migrate(engine, version_locations=[migrations()])
    consumer = Consumer(
        engine,
        name=f"reporting-bench-{uuid.uuid4().hex[:6]}",
        topics=list(topics.values()),
        bootstrap_servers=bootstrap_servers,
        handler=handler or Projector(),
        batch_size=5000,
        session_timeout_ms=6000,
        heartbeat_interval_ms=1000,
        every_partition=every_partition,
    )
    started = time.perf_counter()
    first: float | None = None
    await consumer.start()
    try:
        while (applied := sum(consumer.positions().values())) < total:
            if applied and first is None:
                first = time.perf_counter()
            await asyncio.sleep(0.01)
        done = time.perf_counter()
        return done - started, done - (first or started)
    finally:
        await consumer.stop()


async def latency(engine: AsyncEngine, tenant: str, rounds: int) -> dict[str, dict[str, float]]:
    """Milliseconds (median, 95th percentile) of the heaviest reads."""

    async def network_fresh() -> None:
        async with read_only(engine) as conn:
            await network_report.compute_network(conn, tenant, None)

    async def network_cached() -> None:
        await network_report.network(engine, tenant, area=None, interval=3600)

    async def national() -> None:
        async with read_only(engine) as conn:
            await national_tables.national(conn, "incidents-by-kind", LAST_QUARTER)

    async def gaps() -> None:
        async with read_only(engine) as conn:
            await network_report.coordination_gaps(conn, tenant, area=None)

    found = {}
    for name, call in (
        ("network, recomputed", network_fresh),
        ("network, cached", network_cached),
        ("coordination gaps", gaps),
        ("national incidents by kind", national),
    ):
        times = []
        for _ in range(rounds):
            started = time.perf_counter()
            await call()
            times.append((time.perf_counter() - started) * 1000)
        times.sort()
        found[name] = {
            "median_ms": round(statistics.median(times), 2),
            "p95_ms": round(times[int(0.95 * (len(times) - 1))], 2),
        }
    return found


async def run(events: int, rounds: int) -> dict[str, Any]:
    feed = generate(events)
    tenants = len({e.event.tenant_id for e in feed.events})
    print(f"generated {len(feed.events):,} events for {tenants} municipalities", flush=True)
    results: dict[str, Any] = {
        "generated_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "events": len(feed.events),
        "municipalities": tenants,
        "machine": machine_facts(),
        "rebuild": [],
        "latency": {},
    }
    with tempfile.TemporaryDirectory() as folder:
        bootstrap_servers = external_bootstrap_servers()
        broker = None
        if not bootstrap_servers:
            broker = EmbeddedBroker(log_path=Path(folder) / "tansu.log")
            broker.start()
            bootstrap_servers = broker.bootstrap_servers
        try:
            run_id = uuid.uuid4().hex[:8]
            topics = {s: f"bench.{s}.{run_id}" for s in ("actors", "activities", "incidents")}
            for topic in topics.values():
                await ensure_topic(bootstrap_servers, topic, partitions=PARTITIONS)
            started = time.perf_counter()
            await publish(bootstrap_servers, topics, feed.events)
            print(f"published in {time.perf_counter() - started:.1f} s", flush=True)
            await _rebuilds(feed, folder, bootstrap_servers, topics, run_id, rounds, results)
        finally:
            if broker is not None:
                broker.stop()
    return results


async def _rebuilds(
    feed: Feed,
    folder: str,
    bootstrap_servers: str,
    topics: dict[str, str],
    run_id: str,
    rounds: int,
    results: dict[str, Any],
) -> None:
    postgres = (
        PostgresSite(os.environ["TEST_POSTGRES_URL"], run_id)
        if os.environ.get("TEST_POSTGRES_URL")
        else None
    )
    try:
        for label in ("SQLite", "PostgreSQL"):
            if label == "PostgreSQL" and postgres is None:
                print("PostgreSQL skipped: TEST_POSTGRES_URL is not set")
                continue
            for n, workers in enumerate(WORKERS):  # each into a database of its own
                if postgres is not None and label == "PostgreSQL":
                    url = await postgres.new_database(f"reporting_{n}")
                else:
                    url = f"sqlite:///{Path(folder) / f'reporting-{n}.db'}"
                total = len(feed.events)
                found = await rebuild_command(url, bootstrap_servers, topics, total, workers)
                line = {"database": label, "workers": workers, **found}
                print(f"{label:10} rebuild, {workers} process(es): {line}", flush=True)
                results["rebuild"].append(line)
                if label == "SQLite" and workers == 1:
                    engine = create_engine(url)
                    try:
                        results["latency"] = await latency(engine, "1000", rounds)
                    finally:
                        await engine.dispose()
                    for name, figures in results["latency"].items():
                        print(
                            f"{name:28} median {figures['median_ms']:8.2f} ms"
                            f"  p95 {figures['p95_ms']:8.2f} ms"
                        )
    finally:
        if postgres is not None:
            await postgres.close()


WORKERS: Final = (1, 2)
"""``trygnet-reporting rebuild --workers``: one process, and as many as the cores."""
PARTITIONS: Final = 4
"""Each topic's partitions, as the relay makes them (``TRYGNET_RELAY_PARTITIONS``)."""


async def rebuild_command(
    url: str, bootstrap_servers: str, topics: dict[str, str], total: int, workers: int
) -> dict[str, Any]:
    """``trygnet-reporting rebuild --workers N`` (``bench.rebuild_run``) into the empty
    database at ``url``: the seconds from the command's start (once imported) until every
    message is applied (its positions, looked at every 10 ms), of those the seconds from
    the first batch committed, and the CPU seconds of its processes from its start."""
    watcher = create_engine(url)
    before = _children_cpu()
    command = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bench.rebuild_run",
        url,
        bootstrap_servers,
        json.dumps(topics),
        str(workers),
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.DEVNULL,  # its progress lines
    )
    assert command.stdout is not None
    await command.stdout.readline()  # ready: imported
    importing = cpu_seconds(command.pid)
    started = time.perf_counter()
    first: float | None = None
    try:
        while (applied := await _applied(watcher)) < total:
            if command.returncode is not None:
                raise RuntimeError(f"the rebuild ended at {applied} of {total} messages")
            if applied and first is None:
                first = time.perf_counter()
            await asyncio.sleep(0.01)
        done = time.perf_counter()
        if await command.wait() != 0:
            raise RuntimeError("the rebuild failed")
    finally:
        if command.returncode is None:
            command.kill()
            await command.wait()
        await watcher.dispose()
    cpu = _children_cpu() - before - importing
    seconds, applying = done - started, done - (first or started)
    return {
        "seconds": round(seconds, 2),
        "events_per_second": round(total / seconds),
        "applying_seconds": round(applying, 2),
        "applying_events_per_second": round(total / applying),
        "cpu_seconds": round(cpu, 2),
        "events_per_cpu_second": round(total / cpu),
    }


def _children_cpu() -> float:
    """CPU seconds of the processes this one started and waited for (and theirs)."""
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


async def _applied(engine: AsyncEngine) -> int:
    """Messages the reporting consumer has applied, by its stored positions (0 before the
    command has made its tables)."""
    try:
        async with engine.connect() as conn:
            found = await conn.execute(
                text("SELECT coalesce(sum(next_offset), 0) FROM consumer_positions")
            )
            return int(found.scalar_one())
    except DBAPIError:
        return 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="10,000 events, results not saved")
    parser.add_argument("--events", type=int, default=None)
    args = parser.parse_args()
    events = args.events or (10_000 if args.quick else 100_000)
    results = asyncio.run(run(events, rounds=5 if args.quick else 30))
    if not args.quick:
        (BENCH / "reporting.json").write_text(json.dumps(results, indent=2) + "\n")
        from bench import report

        report.main()


if __name__ == "__main__":
    main()

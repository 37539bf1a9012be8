"""The whole platform as ``make run`` runs it, under steady load, and the checks that
nothing was lost or applied twice once it has recovered from a fault.

- ``Load`` sends commands straight to the three writing services over REST (actors
  registered, activities created, incidents reported, in turn, for two
  municipalities) at a steady rate from concurrent clients, and counts what was
  accepted.
- ``Ledger`` reads every service's event store and reporting's applied versions: per
  municipality, the events stored, those reporting has not applied (lost), and the
  streams reporting holds at a version its store never had (applied twice or
  invented).
- ``rebuilt_projections`` builds reporting's projections afresh from the topics with a
  consumer of its own (its own group, its own SQLite file) and ``live_projections``
  reads the running service's: after a recovery they must be equal.
- ``delivered_more_than_once`` reads every topic from its start: the messages that
  carry an event id already seen.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import time
import uuid
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
from aiokafka import AIOKafkaConsumer, TopicPartition
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from trygnet_core.consumer import Consumer
from trygnet_core.database import create_engine, migrate, read_only
from trygnet_core.kafka import new_producer
from trygnet_reporting.bootstrap import migrations as reporting_migrations
from trygnet_reporting.projections import Projector

WRITERS = ("actors", "activities", "incidents")
TOPICS = tuple(f"trygnet.{service}" for service in WRITERS)
TENANTS = ("0101", "0851")


@dataclass
class Town:
    """What one municipality's commands refer to: an area and an owning actor."""

    tenant: str
    token: str
    area: str = ""
    actor: str = ""


@dataclass
class LoadFigures:
    offered: int = 0
    accepted: int = 0
    refused: Counter[str] = field(default_factory=Counter)
    seconds: float = 0.0
    answers: list[tuple[float, bool]] = field(default_factory=list)
    """Each command's answer: when it came (``time.monotonic()``) and whether it was taken."""

    @property
    def accepted_per_second(self) -> float:
        return round(self.accepted / self.seconds, 1) if self.seconds else 0.0

    def taken_share(self, began: float, ended: float) -> float | None:
        """Of the commands answered from ``began`` to ``ended``, the share taken."""
        return share_within(self.answers, began, ended)

    def longest_gap(self) -> float:
        """The longest time between two commands taken (the first and last answers
        bound it): how long no write succeeded."""
        marks = sorted(at for at, taken in self.answers if taken)
        bounds = [self.answers[0][0], *marks, self.answers[-1][0]] if self.answers else []
        return round(max((b - a for a, b in itertools.pairwise(bounds)), default=0.0), 2)


def share_within(answers: list[tuple[float, bool]], began: float, ended: float) -> float | None:
    """Of the answers (``(time.monotonic(), ok)``) from ``began`` to ``ended``, the share ok."""
    window = [ok for at, ok in answers if began <= at <= ended]
    return round(sum(window) / len(window), 3) if window else None


class Load:
    """Commands at ``rate`` a second until stopped; a command the platform could not
    take (a service restarting) is counted as refused, not retried."""

    def __init__(self, urls: Mapping[str, str], towns: list[Town], rate: int) -> None:
        self.urls = urls
        self.towns = towns
        self.rate = rate
        self.figures = LoadFigures()
        self._stop = asyncio.Event()

    def _command(self, n: int) -> tuple[str, str, dict[str, Any], Town]:
        town = self.towns[n % len(self.towns)]
        kind = (n // len(self.towns)) % 3
        name = f"{uuid.uuid4().hex[:10]}"
        if kind == 0:
            return (
                "actors",
                "/actors",
                {"name": f"Forening {name}", "sector": "civil_society"},
                town,
            )
        if kind == 1:
            body = {
                "title": f"Lektiecafé {name}",
                "level": "frontline",
                "ownerActorId": town.actor,
                "areas": [town.area],
            }
            return "activities", "/activities", body, town
        body = {
            "kind": "vandalism",
            "severity": 2,
            "areaId": town.area,
            "place": "Ruten",
            "occurredAt": "2026-11-14T21:40:00+01:00",
            "reportingActorId": town.actor,
            "summary": f"Smashed lamp {name}",
        }
        return "incidents", "/incidents", body, town

    def first_commands(self) -> dict[str, tuple[str, dict[str, Any]]]:
        """One command of each service that names the first town's area and actor."""
        made = [self._command(n * len(self.towns)) for n in range(3)]
        return {service: (path, body) for service, path, body, _town in made}

    async def run(self) -> LoadFigures:
        # Idle connections dropped before uvicorn drops them (5 s), so that a command is
        # never sent on a connection the service is closing.
        limits = httpx.Limits(
            max_connections=64, max_keepalive_connections=64, keepalive_expiry=4.0
        )
        clients = {
            service: httpx.AsyncClient(base_url=self.urls[service], timeout=15, limits=limits)
            for service in WRITERS
        }
        began = time.monotonic()
        pending: set[asyncio.Task[None]] = set()
        # Commands beyond the connections wait their turn here, in order, rather than in
        # httpx's pool, which looks through every waiting request at each step: with
        # thousands waiting (a platform slowed by a fault) it held this process's loop.
        turns = asyncio.Semaphore(64)

        async def one(n: int) -> None:
            service, path, body, town = self._command(n)
            try:
                async with turns:
                    answer = await clients[service].post(
                        path, json=body, headers={"Authorization": f"Bearer {town.token}"}
                    )
            except httpx.HTTPError as error:
                self.figures.refused[f"{service}: {type(error).__name__}"] += 1
                self.figures.answers.append((time.monotonic(), False))
                return
            taken = answer.status_code == 201
            self.figures.answers.append((time.monotonic(), taken))
            if taken:
                self.figures.accepted += 1
            else:
                self.figures.refused[f"{service}: {answer.status_code}"] += 1

        try:
            n = 0
            while not self._stop.is_set():
                due = began + n / self.rate
                delay = due - time.monotonic()
                if delay > 0:
                    try:
                        await asyncio.wait_for(self._stop.wait(), delay)
                        break
                    except TimeoutError:
                        pass
                task = asyncio.create_task(one(n))
                pending.add(task)
                task.add_done_callback(pending.discard)
                n += 1
            self.figures.offered = n
            if pending:
                await asyncio.wait(pending, timeout=30)
        finally:
            self.figures.seconds = time.monotonic() - began
            for client in clients.values():
                await client.aclose()
        return self.figures

    def stop(self) -> None:
        self._stop.set()


@dataclass
class Tally:
    """Per municipality: events stored, not applied by reporting, applied beyond the store."""

    stored: Counter[str] = field(default_factory=Counter)
    lost: Counter[str] = field(default_factory=Counter)
    beyond: Counter[str] = field(default_factory=Counter)

    @property
    def converged(self) -> bool:
        return not +self.lost and not +self.beyond


class Ledger:
    """The stores and reporting's applied versions, read from their databases."""

    def __init__(self, urls: Mapping[str, str]) -> None:
        self.engines: dict[str, AsyncEngine] = {
            service: create_engine(url, pool_size=1) if "postgresql" in url else create_engine(url)
            for service, url in urls.items()
        }

    async def tally(self) -> Tally:
        tally = Tally()
        applied = await self.applied_versions()
        stored = await self.stored_streams()
        for key, (version, events) in stored.items():
            tenant = key[0]
            assert events == version, f"the store has a gap in {key}"
            tally.stored[tenant] += events
            seen = applied.get(key, 0)
            tally.lost[tenant] += max(0, version - seen)
            tally.beyond[tenant] += max(0, seen - version)
        for key, version in applied.items():
            if key not in stored:
                tally.beyond[key[0]] += version
        return tally

    async def converge(self, timeout: float) -> tuple[float, Tally]:
        """Seconds until reporting has applied every stored event (and nothing else)."""
        began = time.monotonic()
        while True:
            tally = await self.tally()
            if tally.converged or time.monotonic() - began > timeout:
                return time.monotonic() - began, tally
            await asyncio.sleep(0.25)

    async def applied_versions(self) -> dict[tuple[str, str, str], int]:
        """Reporting's applied version of every stream it has."""
        return await _applied_versions(self.engines["reporting"])

    async def stored_streams(self) -> dict[tuple[str, str, str], tuple[int, int]]:
        """Every stream of every writing service: its version and how many events it has."""
        streams: dict[tuple[str, str, str], tuple[int, int]] = {}
        for service in WRITERS:
            async with read_only(self.engines[service]) as conn:
                rows = await conn.execute(
                    text(
                        "SELECT tenant_id, stream_id, max(version) AS version, count(*) AS n"
                        " FROM events GROUP BY tenant_id, stream_id"
                    )
                )
                streams.update(
                    {(r.tenant_id, service, r.stream_id): (r.version, r.n) for r in rows}
                )
        return streams

    async def stored_versions(self) -> dict[tuple[str, str, str], int]:
        return {key: version for key, (version, _n) in (await self.stored_streams()).items()}

    async def catch_up(self, want: Mapping[tuple[str, str, str], int], timeout: float) -> float:
        """Seconds until reporting has applied at least ``want`` (stream versions)."""
        began = time.monotonic()
        while time.monotonic() - began < timeout:
            applied = await self.applied_versions()
            if all(applied.get(key, 0) >= version for key, version in want.items()):
                return time.monotonic() - began
            await asyncio.sleep(0.1)
        raise AssertionError(f"reporting did not catch up within {timeout} s")

    async def live_projections(self) -> dict[tuple[str, str, str], Any]:
        return await _projections(self.engines["reporting"])

    async def unpublished(self, service: str) -> int:
        """Events committed in ``service``'s store that its relay has not yet acked."""
        async with read_only(self.engines[service]) as conn:
            stored = (await conn.execute(text("SELECT count(*) FROM events"))).scalar_one()
            published = (
                await conn.execute(
                    text("SELECT coalesce(sum(published), 0) FROM outbox_checkpoints")
                )
            ).scalar_one()
        return int(stored) - int(published)

    async def close(self) -> None:
        for engine in self.engines.values():
            await engine.dispose()


async def _projections(engine: AsyncEngine) -> dict[tuple[str, str, str], Any]:
    async with read_only(engine) as conn:
        rows = await conn.execute(text("SELECT tenant_id, kind, doc_id, body FROM report_docs"))
        return {(r.tenant_id, r.kind, r.doc_id): _json(r.body) for r in rows}


def _json(body: Any) -> Any:
    return json.loads(body) if isinstance(body, str) else body


async def rebuilt_projections(
    bootstrap: str, folder: Path, ledger: Ledger, timeout: float = 120
) -> dict[tuple[str, str, str], Any]:
    """Reporting's projections built afresh from the topics, once they hold every
    stored event (a consumer in a group of its own, on a SQLite file of its own)."""
    engine = create_engine(f"sqlite:///{folder / f'rebuild-{uuid.uuid4().hex[:8]}.db'}")
    await migrate(engine, version_locations=[reporting_migrations()])
    fresh = Consumer(
        engine,
        name="reporting",
        group_id=f"rebuild-{uuid.uuid4().hex[:8]}",
        topics=list(TOPICS),
        bootstrap_servers=bootstrap,
        handler=Projector(),
        session_timeout_ms=3000,
    )
    await fresh.start()
    try:
        want = await ledger.stored_versions()
        deadline = time.monotonic() + timeout
        while await _applied_versions(engine) != want:
            assert time.monotonic() < deadline, "the rebuild did not reach every stored event"
            await asyncio.sleep(0.5)
        return await _projections(engine)
    finally:
        await fresh.stop()
        await engine.dispose()


async def _applied_versions(engine: AsyncEngine) -> dict[tuple[str, str, str], int]:
    """The version of every stream a reporting consumer has applied, from its database."""
    async with read_only(engine) as conn:
        rows = await conn.execute(
            text(
                "SELECT tenant_id, source, stream_id, version FROM consumer_streams"
                " WHERE consumer = 'reporting'"
            )
        )
        return {(r.tenant_id, r.source, r.stream_id): r.version for r in rows}


async def delivered_more_than_once(bootstrap: str) -> int:
    """Messages on the topics whose event id an earlier message already carried."""
    consumer = AIOKafkaConsumer(
        bootstrap_servers=bootstrap, group_id=None, enable_auto_commit=False
    )
    await consumer.start()
    try:
        partitions = [
            TopicPartition(topic, p)
            for topic in TOPICS
            for p in sorted(
                consumer.partitions_for_topic(topic) or await _partitions(consumer, topic)
            )
        ]
        consumer.assign(partitions)
        await consumer.seek_to_beginning(*partitions)
        ends = await consumer.end_offsets(partitions)
        seen: Counter[bytes] = Counter()
        remaining = {tp for tp in partitions if ends[tp] > 0}
        while remaining:
            batch = await consumer.getmany(timeout_ms=1000)
            for tp, records in batch.items():
                for record in records:
                    event_id = dict(record.headers).get("ce_id", b"")
                    seen[event_id] += 1
                if records and records[-1].offset + 1 >= ends[tp]:
                    remaining.discard(tp)
        return sum(count - 1 for count in seen.values())
    finally:
        await consumer.stop()


async def _partitions(consumer: AIOKafkaConsumer, topic: str) -> set[int]:
    await consumer._client.force_metadata_update()
    return consumer.partitions_for_topic(topic) or set()


async def deliver_again(bootstrap: str, topic: str, share: float = 0.5) -> int:
    """Produce the last ``share`` of every partition of ``topic`` again, unchanged (key,
    value, headers), as a producer retrying after a lost ack would: answers how many."""
    consumer = AIOKafkaConsumer(bootstrap_servers=bootstrap, group_id=None)
    producer = new_producer(bootstrap)
    await consumer.start()
    await producer.start()
    try:
        partitions = [TopicPartition(topic, p) for p in sorted(await _partitions(consumer, topic))]
        consumer.assign(partitions)
        ends = await consumer.end_offsets(partitions)
        again = 0
        for tp in partitions:
            start = int(ends[tp] * (1 - share))
            if ends[tp] == 0:
                continue
            consumer.seek(tp, start)
            copied: list[Any] = []
            while len(copied) < ends[tp] - start:
                batch = await consumer.getmany(tp, timeout_ms=1000)
                copied += batch.get(tp, [])
            sends = [
                await producer.send(
                    topic, r.value, key=r.key, headers=list(r.headers), partition=tp.partition
                )
                for r in copied
            ]
            await asyncio.gather(*sends)
            again += len(copied)
        return again
    finally:
        await producer.stop()
        await consumer.stop()

"""Malformed messages on every topic, against the whole platform on the real broker.

Two municipalities write through the gateway; then a raw producer (not the relay)
puts bad messages on ``trygnet.actors``, ``.activities`` and ``.incidents``, each one
modelled on a real message of the platform and claiming its stream's next version:
a value that is not JSON, no CloudEvents headers, a missing ``ce_type``,
``ce_tenantid`` or ``ce_id``, an unknown event type, a known type in schema ``v99``,
a key naming the other municipality (both ways round), and a valid event far ahead
of its stream. Then the gateway writes the real next version of each stream.

Each bad message lands in the dead letters of every consumer of its topic (the
reporting service and, for ``trygnet.actors``, the activities and incidents services'
actor replicas) with a reason that says what was wrong and holds nothing of the
payload; the early one is skipped and counted; the real writes after them are
applied and shown; nothing else in any projection or replica changed.
"""

from __future__ import annotations

import asyncio
import json
import time
import uuid
from collections.abc import AsyncIterator, Callable
from contextlib import AsyncExitStack
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
from aiokafka import AIOKafkaProducer
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncEngine

from tests.gateway.conftest import GraphQL, token
from tests.support.platform import Platform, running_platform
from tests.support.topics import Message, read_topic
from trygnet_core.database import create_engine
from trygnet_core.event_docs import catalogues
from trygnet_core.replica import ActorReplica, known_actors, known_areas
from trygnet_core.schema import dead_letters
from trygnet_reporting.projections import Projector
from trygnet_reporting.report_documents import report_docs

FORGED = "Forged by another producer"
DEFINE = "mutation($input: DefineAreaInput!) { defineArea(input: $input) { area { id } } }"
DIRECTORY = """
query($atLeast: [String!]) {
  directory(atLeast: $atLeast) { count actors { actorId name areas { id } } }
}"""
NETWORK = """
query($atLeast: [String!]) {
  collaborationNetwork(atLeast: $atLeast) {
    density components nodes { actor { id name } degree } edges { source target weight }
  }
}"""
RESPONSE = """
query($atLeast: [String!]) {
  incidentResponse(atLeast: $atLeast) { incidents { incidentId kind severity status } }
}"""
REPORTS = {"directory": DIRECTORY, "collaborationNetwork": NETWORK, "incidentResponse": RESPONSE}


@dataclass
class Town:
    tenant: str
    coordinator: str
    actor: str
    activity: str | None = None
    incident: str | None = None


@pytest.fixture
async def platform(
    bootstrap_servers: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> AsyncIterator[tuple[Platform, dict[str, Any], Path]]:
    # The actor replicas' consumers are made by the kernel: short timeouts come from here.
    monkeypatch.setenv("TRYGNET_CONSUMER_SESSION_TIMEOUT_MS", "2000")
    apps: dict[str, Any] = {}

    def keep(name: str, app: Any) -> None:
        apps[name] = app

    async with running_platform(bootstrap_servers, tmp_path, prepare=keep) as started:
        yield started, apps, tmp_path


async def mutate(graphql: GraphQL, caller: str, mutation: str, fields: str, **input: Any) -> Any:
    kind = mutation[0].upper() + mutation[1:]
    query = (
        f"mutation($input: {kind}Input!) {{ {mutation}(input: $input) {{ position {fields} }} }}"
    )
    return (await graphql.settled(query, caller, input=input))[mutation]


async def town(graphql: GraphQL, *, full: bool) -> Town:
    """A municipality with an area and an actor; ``full``: also an activity and an incident."""
    tenant = f"t{uuid.uuid4().hex[:10]}"
    coordinator = token(tenant, "coordinator")
    area = (
        await graphql.ok(DEFINE, coordinator, input={"name": "Tingbjerg", "kind": "HOUSING_AREA"})
    )["defineArea"]["area"]["id"]
    actor = (
        await mutate(
            graphql,
            coordinator,
            "registerActor",
            "actor { id }",
            name="Tingbjerg Klubben",
            sector="CIVIL_SOCIETY",
            levels=["FRONTLINE"],
            areas=[area],
        )
    )["actor"]["id"]
    made = Town(tenant, coordinator, actor)
    if full:
        made.activity = (
            await mutate(
                graphql,
                coordinator,
                "createActivity",
                "activity { id }",
                title="After-school jobs",
                level="FRONTLINE",
                ownerActorId=actor,
                areas=[area],
            )
        )["activity"]["id"]
        made.incident = (
            await mutate(
                graphql,
                coordinator,
                "reportIncident",
                "incident { id }",
                kind="VANDALISM",
                severity=2,
                areaId=area,
                place="Ruten",
                occurredAt="2026-03-14T21:40:00+01:00",
                reportedAt="2026-03-14T22:05:00+01:00",
                reportingActorId=actor,
                summary="Windows broken at the club",
            )
        )["incident"]["id"]
    return made


async def reports(graphql: GraphQL, who: Town, at_least: list[str] | None = None) -> dict:
    return {
        name: (await graphql.ok(query, who.coordinator, atLeast=at_least))[name]
        for name, query in REPORTS.items()
    }


async def rows(engine: AsyncEngine, table: Any, tenants: set[str]) -> dict[tuple, Any]:
    async with engine.connect() as conn:
        found = (await conn.execute(select(table).where(table.c.tenant_id.in_(tenants)))).all()
    key = [c.name for c in table.primary_key.columns]
    return {tuple(getattr(r, k) for k in key): r._asdict() for r in found}


# -- the bad messages --------------------------------------------------------------------


@dataclass
class Bad:
    what: str
    key: bytes | None
    value: bytes
    headers: list[tuple[str, bytes]]
    reason: str | None
    """How the dead letter's reason starts; None: not a dead letter (skipped as early)."""


def forged_value(template: Message) -> bytes:
    """The real message's data with its name or title forged: read as v1, it would show."""
    data = json.loads(template.value or b"{}")
    for field in ("name", "title", "summary"):
        if field in data:
            data[field] = FORGED
    data.setdefault("changes", {"name": FORGED})
    return json.dumps(data).encode()


def bad_messages(template: Message, other: Town) -> list[Bad]:
    """Bad copies of ``template`` (a real message), each claiming its stream's next version."""
    head = {name: value for name, value in template.headers}
    tenant, subject = head["ce_tenantid"].decode(), head["ce_subject"].decode()
    version = int(head["ce_streamversion"])
    service, event_type, _ = head["ce_type"].decode().split(".")[1:]
    key = template.key
    assert key == f"{tenant}:{subject}".encode()

    def headers(*, drop: tuple[str, ...] = (), ahead: int = 1, **changes: str) -> list:
        values = {**head, "ce_id": str(uuid.uuid4()).encode()}
        values["ce_streamversion"] = str(version + ahead).encode()
        values.update({f"ce_{n}": v.encode() for n, v in changes.items()})
        return [(n, v) for n, v in values.items() if n not in drop]

    value = forged_value(template)
    other_key = f"{other.tenant}:{other.actor}".encode()
    return [
        Bad("not JSON", key, b"{not json \xff", headers(), "malformed: value is not JSON"),
        Bad("no CloudEvents headers", key, value, [], "malformed: missing header ce_specversion"),
        *(
            Bad(f"no {h}", key, value, headers(drop=(h,)), f"malformed: missing header {h}")
            for h in ("ce_type", "ce_tenantid", "ce_id")
        ),
        Bad(
            "a stream version that is no number",
            key,
            value,
            headers(ahead=0, streamversion="next"),
            "malformed: ce_streamversion is not an integer",
        ),
        Bad(
            "unknown type",
            key,
            value,
            headers(type=f"trygnet.{service}.{event_type}Teleported.v1"),
            f"unknown event type: trygnet.{service}.{event_type}Teleported.v1",
        ),
        Bad(
            "unknown version",
            key,
            value,
            headers(type=f"trygnet.{service}.{event_type}.v99"),
            f"unknown schema version: trygnet.{service}.{event_type}.v99",
        ),
        Bad(
            "another municipality's key",
            other_key,
            value,
            headers(),
            "malformed: message key does not match ce_tenantid and ce_subject",
        ),
        Bad(
            "another municipality's tenant id under this key",
            key,
            value,
            headers(tenantid=other.tenant),
            "malformed: message key does not match ce_tenantid and ce_subject",
        ),
        Bad("far ahead of its stream", key, value, headers(ahead=50), None),
    ]


async def put(bootstrap_servers: str, topic: str, bad: list[Bad]) -> dict[tuple, Bad]:
    """Each bad message on ``topic``; by (topic, partition, offset)."""
    producer = AIOKafkaProducer(bootstrap_servers=bootstrap_servers, acks="all")
    await producer.start()
    try:
        placed = {}
        for one in bad:
            sent = await producer.send_and_wait(topic, one.value, key=one.key, headers=one.headers)
            placed[(topic, sent.partition, sent.offset)] = one
        return placed
    finally:
        await producer.stop()


async def letters(engine: AsyncEngine, consumer: str) -> dict[tuple, Any]:
    async with engine.connect() as conn:
        found = await conn.execute(select(dead_letters).where(dead_letters.c.consumer == consumer))
    return {(r.topic, r.partition, r.offset): r for r in found}


async def eventually(check: Callable[[], Any], timeout: float = 30.0) -> Any:
    deadline = time.monotonic() + timeout
    while True:
        outcome = await check()
        if outcome or time.monotonic() > deadline:
            return outcome
        await asyncio.sleep(0.1)


def last_of(messages: list[Message], who: Town, stream: str) -> Message:
    mine = [m for m in messages if m.key == f"{who.tenant}:{stream}".encode()]
    return max(mine, key=lambda m: int(dict(m.headers)["ce_streamversion"]))


# -- the tests -----------------------------------------------------------------------------


def test_every_event_of_the_platform_is_one_its_consumers_read() -> None:
    """Else a new event type would be dead-lettered as unknown: add it to ``PASSED_OVER``
    in the reporting service (or give it a rule), and to ``ActorReplica.reads``."""
    reporting = Projector().reads
    for catalogue in catalogues():
        published = {event.event_type() for event in catalogue}
        assert set(reporting[catalogue.service]) == published, catalogue.service
        if catalogue.service == "actors":
            assert set(ActorReplica.reads["actors"]) == published


async def test_bad_messages_on_every_topic_are_dead_letters_and_change_no_projection(
    platform: tuple[Platform, dict[str, Any], Path],
) -> None:
    started, apps, folder = platform
    engines = {
        s: create_engine(f"sqlite:///{folder / f'{s}.db'}")
        for s in ("reporting", "activities", "incidents")
    }
    async with AsyncExitStack() as stack:
        for engine in engines.values():
            stack.push_async_callback(engine.dispose)
        http = await stack.enter_async_context(
            httpx.AsyncClient(base_url=started.gateway, timeout=30)
        )
        graphql = GraphQL(http)
        here, other = await town(graphql, full=True), await town(graphql, full=False)
        tenants = {here.tenant, other.tenant}
        assert here.activity and here.incident

        async def shown() -> bool:
            now = await reports(graphql, here)
            theirs = await reports(graphql, other)  # the other municipality's actor too
            return (
                bool(now["incidentResponse"]["incidents"])
                and now["directory"]["count"] == 1
                and theirs["directory"]["count"] == 1
            )

        assert await eventually(shown), "the platform's own events reached the reports"
        before = {t.tenant: await reports(graphql, t) for t in (here, other)}
        docs_before = await rows(engines["reporting"], report_docs, tenants)
        replicas_before = {
            s: (
                await rows(engines[s], known_actors, tenants),
                await rows(engines[s], known_areas, tenants),
            )
            for s in ("activities", "incidents")
        }

        # Bad copies of each topic's latest real message of ``here``'s streams.
        streams = {"actors": here.actor, "activities": here.activity, "incidents": here.incident}
        placed: dict[tuple, Bad] = {}
        for service, stream in streams.items():
            topic = started.topics[service]
            messages = await read_topic(
                started.bootstrap_servers,
                topic,
                until=lambda ms, s=stream: any(m.key == f"{here.tenant}:{s}".encode() for m in ms),
            )
            bad = bad_messages(last_of(messages, here, stream), other)
            assert len(bad) == 11
            placed |= await put(started.bootstrap_servers, topic, bad)

        # Then the real next version of each stream, written through the gateway.
        renamed = await mutate(
            graphql, here.coordinator, "updateActor", "", id=here.actor, name="Klubben"
        )
        retitled = await mutate(
            graphql, here.coordinator, "updateActivity", "", activityId=here.activity, title="Jobs"
        )
        active = await mutate(
            graphql, here.coordinator, "changeIncidentStatus", "", id=here.incident, status="ACTIVE"
        )
        written = [renamed["position"], retitled["position"], active["position"]]
        after = {
            here.tenant: await reports(graphql, here, written),
            other.tenant: await reports(graphql, other),
        }

        # The consumer went on: the real writes after the bad messages are shown ...
        assert [a["name"] for a in after[here.tenant]["directory"]["actors"]] == ["Klubben"]
        assert [i["status"] for i in after[here.tenant]["incidentResponse"]["incidents"]] == [
            "ACTIVE"
        ]
        # ... and nothing else changed, in either municipality.
        assert after[other.tenant] == before[other.tenant]
        expected = json.loads(
            json.dumps(before[here.tenant]).replace("Tingbjerg Klubben", "Klubben")
        )
        expected["incidentResponse"]["incidents"][0]["status"] = "ACTIVE"
        assert after[here.tenant] == expected
        docs_after = await rows(engines["reporting"], report_docs, tenants)
        assert FORGED not in json.dumps(list(docs_after.values()), default=str)
        changed = {
            k
            for k in docs_after.keys() | docs_before.keys()
            if docs_after.get(k) != docs_before.get(k)
        }
        assert {k[0] for k in changed} <= {here.tenant}, "the other municipality's documents"
        assert {k[2] for k in changed} <= {here.actor, here.activity, here.incident}, changed
        titles = [
            d["body"].get("title") for d in docs_after.values() if d["doc_id"] == here.activity
        ]
        assert titles == ["Jobs"]

        # Every bad message is a dead letter of each consumer of its topic, with its reason.
        expected_letters = {where: bad for where, bad in placed.items() if bad.reason}
        consumers = {"reporting": expected_letters} | {
            f"{s}-actor-replica": {
                where: bad
                for where, bad in expected_letters.items()
                if where[0] == started.topics["actors"]
            }
            for s in ("activities", "incidents")
        }
        for consumer, wanted in consumers.items():
            engine = engines[consumer.split("-")[0]]

            async def all_in(engine=engine, consumer=consumer, wanted=wanted) -> dict:
                found = await letters(engine, consumer)
                return found if found.keys() >= wanted.keys() else {}

            found = await eventually(all_in)
            assert found.keys() == wanted.keys(), consumer
            for where, bad in wanted.items():
                letter = found[where]
                assert letter.error.startswith(bad.reason), (consumer, bad.what, letter.error)
                assert letter.attempts == 1 and letter.value == bad.value
                assert FORGED not in letter.error and "Tingbjerg" not in letter.error
                assert len(letter.error) < 160, letter.error

        # The replicas of the actors changed only by the real rename.
        for s in ("activities", "incidents"):
            actors_before, areas_before = replicas_before[s]

            async def renamed_here(s=s) -> bool:
                now = await rows(engines[s], known_actors, tenants)
                return now[(here.tenant, here.actor)]["name"] == "Klubben"

            assert await eventually(renamed_here), s
            actors_now = await rows(engines[s], known_actors, tenants)
            actors_before[(here.tenant, here.actor)]["name"] = "Klubben"
            assert actors_now == actors_before, s
            assert await rows(engines[s], known_areas, tenants) == areas_before, s

        health = apps["reporting"].state.consumer.health()
        assert health.ok and health.detail["dead_letters"] == len(expected_letters) == 30
        assert health.detail["early"] >= 3, "the message far ahead was skipped as early"

"""The outbox relay against the real broker and real databases."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from cloudevents.core.bindings.kafka import KafkaMessage, from_binary_event
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from tests.conftest import needs_postgres, sqlite_engine
from tests.support.components import quick_relay
from tests.support.topics import Message, applied_in_order, read_topic
from trygnet_core.broker import EmbeddedBroker
from trygnet_core.database import create_engine, migrate
from trygnet_core.envelope import NewEvent
from trygnet_core.relay import OutboxRelay
from trygnet_core.service import publishing
from trygnet_core.service_settings import migrations_of
from trygnet_core.store import ConcurrencyConflict, EventStore
from trygnet_core.tenancy import TenantId

COPENHAGEN = TenantId("0101")
HUDDINGE = TenantId("0126")


async def append_many(
    store: EventStore, *, streams: int, per_stream: int, tenant: TenantId = COPENHAGEN
) -> set[str]:
    ids: set[str] = set()
    for version in range(per_stream):
        for s in range(streams):
            [event] = await store.append(
                tenant=tenant,
                stream_id=f"incident-{s}",
                stream_type="Incident",
                expected_version=version,
                events=[NewEvent(type="TimelineEntryAdded", data={"n": version})],
                metadata={
                    "actor": "actor-1",
                    "causation_id": "cmd-1",
                    "traceparent": "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01",
                },
            )
            ids.add(str(event.event_id))
    return ids


def ids_of(messages: list[Message]) -> list[str]:
    return [m.event().event.event_id.hex for m in messages]


def has_all(ids: set[str]):
    wanted = {i.replace("-", "") for i in ids}
    return lambda messages: wanted <= set(ids_of(messages))


@pytest.fixture
def relay_for(bootstrap_servers: str, start):
    async def make(store: EventStore, topic: str) -> OutboxRelay:
        return await start(quick_relay(store, topic=topic, bootstrap_servers=bootstrap_servers))

    return make


async def test_every_committed_event_reaches_the_broker_once_in_stream_order(
    engine: AsyncEngine, bootstrap_servers: str, relay_for, unique: str
) -> None:
    store = EventStore(engine)
    topic = f"trygnet.incidents.{unique}"
    ids = await append_many(store, streams=7, per_stream=6)
    ids |= await append_many(store, streams=2, per_stream=3, tenant=HUDDINGE)
    await relay_for(store, topic)
    messages = await read_topic(bootstrap_servers, topic, until=has_all(ids))
    assert sorted(ids_of(messages)) == sorted(i.replace("-", "") for i in ids)  # each exactly once
    for partition in {m.partition for m in messages}:
        seen: dict[str, int] = {}
        for m in sorted((m for m in messages if m.partition == partition), key=lambda m: m.offset):
            event = m.event().event
            assert event.version == seen.get(event.key, 0) + 1, (
                "a stream's events arrived out of order"
            )
            seen[event.key] = event.version
    assert messages[0].key is not None and messages[0].key.decode().startswith(
        ("0101:incident-", "0126:incident-")
    )


async def test_every_message_is_a_cloudevent_the_official_sdk_reads(
    engine: AsyncEngine, bootstrap_servers: str, relay_for, unique: str
) -> None:
    store = EventStore(engine)
    topic = f"trygnet.incidents.{unique}"
    ids = await append_many(store, streams=2, per_stream=2)
    await relay_for(store, topic)
    messages = await read_topic(bootstrap_servers, topic, until=has_all(ids))
    assert len(messages) == 4
    for m in messages:
        event = from_binary_event(KafkaMessage(headers=dict(m.headers), key=m.key, value=m.value))
        ours = m.event().event
        assert event.get_specversion() == "1.0"
        assert event.get_id() == str(ours.event_id)
        assert event.get_source() == "/trygnet/incidents"
        assert event.get_type() == "trygnet.incidents.TimelineEntryAdded.v1"
        assert event.get_subject() == ours.stream_id
        assert event.get_time() is not None and event.get_datacontenttype() == "application/json"
        assert event.get_data() == {"n": ours.version - 1}
        assert event.get_extension("tenantid") == "0101"
        assert event.get_extension("streamversion") == str(ours.version)
        assert int(event.get_extension("position")) == ours.position
        assert event.get_extension("causationid") == "cmd-1"
        assert event.get_extension("traceparent").startswith("00-0af7651916cd43dd8448eb211c80319c-")
        assert event.get_extension("correlationid") is None  # no request, so none was stored
        headers = dict(m.headers)
        assert headers["traceparent"] == headers["ce_traceparent"]


async def test_the_message_value_is_the_data_as_stored_byte_for_byte(
    engine: AsyncEngine, bootstrap_servers: str, relay_for, unique: str
) -> None:
    store = EventStore(engine)
    topic = f"trygnet.incidents.{unique}"
    data = {"place": "Mjølnerparken", "count": 12345678901234567890123, "nested": {"a": [1.5]}}
    [event] = await store.append(
        tenant=COPENHAGEN,
        stream_id="incident-stored",
        stream_type="Incident",
        expected_version=0,
        events=[NewEvent(type="TimelineEntryAdded", data=data)],
    )
    async with engine.connect() as conn:
        stored = (
            await conn.execute(
                text("SELECT CAST(data AS TEXT) FROM events WHERE stream_id = 'incident-stored'")
            )
        ).scalar_one()
    await relay_for(store, topic)
    [message] = await read_topic(bootstrap_servers, topic, until=has_all({str(event.event_id)}))
    assert message.value == stored.encode()  # not decoded and encoded again
    assert message.event().event.data == data


async def test_the_broker_paused_under_load_loses_nothing(
    engine: AsyncEngine,
    embedded_broker: EmbeddedBroker,
    bootstrap_servers: str,
    relay_for,
    unique: str,
) -> None:
    store = EventStore(engine)
    topic = f"trygnet.incidents.{unique}"
    relay = await relay_for(store, topic)
    ids = await append_many(store, streams=5, per_stream=4)
    embedded_broker.pause()
    try:
        ids |= await append_many(
            store, streams=10, per_stream=5, tenant=HUDDINGE
        )  # written while paused
        await asyncio.sleep(4)
        assert not relay.health().ok, "a relay that cannot reach the broker must not report ready"
    finally:
        embedded_broker.resume()
    ids |= await append_many(store, streams=3, per_stream=2, tenant=TenantId("0851"))
    messages = await read_topic(bootstrap_servers, topic, until=has_all(ids), timeout=40)
    assert set(ids_of(messages)) == {i.replace("-", "") for i in ids}
    applied = applied_in_order(messages)
    assert sum(applied.values()) == len(ids), "every stream can be applied in order to its end"


async def test_the_broker_restarted_empty_gets_everything_republished(
    engine: AsyncEngine,
    embedded_broker: EmbeddedBroker,
    bootstrap_servers: str,
    relay_for,
    unique: str,
) -> None:
    store = EventStore(engine)
    topic = f"trygnet.incidents.{unique}"
    relay = await relay_for(store, topic)
    ids = await append_many(store, streams=4, per_stream=3)
    await read_topic(bootstrap_servers, topic, until=has_all(ids))
    embedded_broker.restart()
    messages = await read_topic(bootstrap_servers, topic, until=has_all(ids), timeout=30)
    assert set(ids_of(messages)) == {i.replace("-", "") for i in ids}
    assert {m.event().epoch for m in messages} == {1}
    assert relay.health().detail["epoch"] == 1
    more = await append_many(store, streams=1, per_stream=2, tenant=HUDDINGE)
    messages = await read_topic(bootstrap_servers, topic, until=has_all(ids | more), timeout=30)
    assert set(ids_of(messages)) == {i.replace("-", "") for i in ids | more}


def relay_command(database: Path, topic: str, bootstrap_servers: str, *options: str) -> list[str]:
    """``trygnet-relay`` publishing the incidents database at ``database`` to ``topic``."""
    return [
        sys.executable,
        "-m",
        "trygnet_core.relay_command",
        "--service",
        "incidents",
        "--database-url",
        f"sqlite:///{database}",
        "--topic",
        topic,
        "--bootstrap-servers",
        bootstrap_servers,
        *options,
    ]


async def test_a_relay_killed_mid_stream_resumes_with_nothing_lost(
    tmp_path: Path, bootstrap_servers: str, unique: str
) -> None:
    """The relay as its own command, killed with SIGKILL while events keep coming."""
    database = tmp_path / "incidents.db"
    engine = await sqlite_engine(database)
    store = EventStore(engine)
    topic = f"trygnet.incidents.{unique}"
    command = relay_command(database, topic, bootstrap_servers, "--batch-size", "50")
    env = {k: v for k, v in os.environ.items() if not k.startswith("OTEL_")}
    # Restarted under its own name, as a supervisor or its pod restarts it: it takes its
    # relay lease back at once rather than waiting for the killed one's to lapse.
    env["TRYGNET_RELAY_HOLDER"] = "incidents-relay"
    relay = subprocess.Popen(command, env=env, stderr=subprocess.DEVNULL)
    try:
        ids = await append_many(store, streams=20, per_stream=10)
        relay.send_signal(signal.SIGKILL)
        relay.wait(timeout=10)
        ids |= await append_many(store, streams=5, per_stream=4, tenant=HUDDINGE)
        relay = subprocess.Popen(command, env=env, stderr=subprocess.DEVNULL)
        messages = await read_topic(bootstrap_servers, topic, until=has_all(ids), timeout=40)
    finally:
        relay.terminate()
        relay.wait(timeout=30)  # a pod's grace period: on a loaded cluster a stop takes seconds
        await engine.dispose()
    assert set(ids_of(messages)) == {i.replace("-", "") for i in ids}
    assert sum(applied_in_order(messages).values()) == len(ids)


@needs_postgres
@pytest.mark.postgres
async def test_on_postgres_a_lower_position_committing_late_is_not_skipped(
    postgres_only_engine: AsyncEngine, bootstrap_servers: str, relay_for, unique: str
) -> None:
    engine = postgres_only_engine
    store = EventStore(engine)
    topic = f"trygnet.incidents.{unique}"
    relay = await relay_for(store, topic)
    early = await append_many(store, streams=1, per_stream=1)
    await read_topic(bootstrap_servers, topic, until=has_all(early))
    async with engine.connect() as slow:
        transaction = await slow.begin()
        [late] = await store.append(
            slow,
            tenant=COPENHAGEN,
            stream_id="slow",
            stream_type="Incident",
            expected_version=0,
            events=[NewEvent(type="IncidentReported", data={})],
        )
        [quick] = await store.append(
            tenant=COPENHAGEN,
            stream_id="quick",
            stream_type="Incident",
            expected_version=0,
            events=[NewEvent(type="IncidentReported", data={})],
        )
        assert late.position < quick.position
        await asyncio.sleep(
            1.0
        )  # the relay runs many passes while the lower position is uncommitted
        await transaction.commit()
    wanted = early | {str(late.event_id), str(quick.event_id)}
    messages = await read_topic(bootstrap_servers, topic, until=has_all(wanted), timeout=20)
    assert set(ids_of(messages)) == {i.replace("-", "") for i in wanted}
    for _ in range(100):  # the checkpoint is saved just after the acks arrive
        if relay.health().detail["published"] == 3:
            break
        await asyncio.sleep(0.05)
    assert relay.health().detail["published"] == 3


@needs_postgres
@pytest.mark.postgres
async def test_on_postgres_an_append_older_than_its_stream_is_a_conflict(
    postgres_only_engine: AsyncEngine,
) -> None:
    """A transaction that got its id before a younger one appended must not append after it."""
    engine = postgres_only_engine
    store = EventStore(engine)
    await store.append(
        tenant=COPENHAGEN,
        stream_id="s",
        stream_type="Incident",
        expected_version=0,
        events=[NewEvent(type="IncidentReported", data={})],
    )
    async with engine.connect() as old:
        transaction = await old.begin()
        await old.execute(text("SELECT pg_current_xact_id()"))  # takes its transaction id now
        await store.append(
            tenant=COPENHAGEN,
            stream_id="s",
            stream_type="Incident",
            expected_version=1,
            events=[NewEvent(type="TaskAdded", data={})],
        )
        with pytest.raises(ConcurrencyConflict):
            await store.append(
                old,
                tenant=COPENHAGEN,
                stream_id="s",
                stream_type="Incident",
                expected_version=2,
                events=[NewEvent(type="TaskAdded", data={})],
            )
        await transaction.rollback()
    assert await store.stream_version(tenant=COPENHAGEN, stream_id="s") == 2


async def test_the_relay_command_publishes_a_service_database_the_service_migrated(
    tmp_path: Path, bootstrap_servers: str, unique: str
) -> None:
    """A service running with ``TRYGNET_RELAY=separate`` leaves its topic to
    ``trygnet-relay``, which must accept the database at the service's revisions."""
    database = tmp_path / "incidents.db"
    engine = create_engine(f"sqlite:///{database}")
    await migrate(engine, version_locations=[migrations_of("trygnet_incidents")])
    store = EventStore(engine)
    topic = f"trygnet.incidents.{unique}"
    env = {k: v for k, v in os.environ.items() if not k.startswith("OTEL_")}
    relay = subprocess.Popen(
        relay_command(database, topic, bootstrap_servers), env=env, stderr=subprocess.PIPE
    )
    try:
        ids = await append_many(store, streams=3, per_stream=2)
        messages = await read_topic(bootstrap_servers, topic, until=has_all(ids), timeout=40)
        assert relay.poll() is None, relay.stderr.read().decode()[-2000:] if relay.stderr else ""
    finally:
        relay.terminate()
        relay.wait(timeout=30)  # a pod's grace period: on a loaded cluster a stop takes seconds
        await engine.dispose()
    assert set(ids_of(messages)) == {i.replace("-", "") for i in ids}


def test_a_service_set_to_a_separate_relay_runs_none_itself(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    store = EventStore(create_engine(f"sqlite:///{tmp_path / 'actors.db'}"))
    running = publishing(store, service="actors", topic="t", bootstrap_servers="127.0.0.1:9")
    assert [type(c) for c in running] == [OutboxRelay]
    monkeypatch.setenv("TRYGNET_RELAY", "separate")
    assert publishing(store, service="actors", topic="t", bootstrap_servers="127.0.0.1:9") == []
    monkeypatch.setenv("TRYGNET_RELAY", "elsewhere")
    with pytest.raises(ValueError, match="TRYGNET_RELAY"):
        publishing(store, service="actors", topic="t", bootstrap_servers="127.0.0.1:9")

"""``make run`` until the services exist: append, relay and consume, and say what happened.

Starts the embedded broker (or uses ``KAFKA_BOOTSTRAP_SERVERS``), a demonstration
incidents database and a demonstration reporting database under ``.trygnet/``, and
walks one acute incident in Copenhagen (tenant 0101) through the kernel: appended
with a contact's personal data sealed, published by the outbox relay as CloudEvents,
applied once by the consumer even when delivered twice, and a contact erased.
Then it serves a small service app on http://127.0.0.1:8000 (``/healthz``,
``/readyz``, ``/events`` for a bearer token's tenant) until Ctrl-C.
``trygnet-demo --once`` stops after the walk-through.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import sys
import uuid
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import uvicorn
from aiokafka import AIOKafkaProducer
from fastapi import FastAPI
from sqlalchemy import Column, Integer, MetaData, String, Table, select
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from trygnet_core.app import create_service_app
from trygnet_core.auth import AuthSettings, CurrentPrincipal, TokenVerifier, issue_dev_token
from trygnet_core.broker import EmbeddedBroker, external_bootstrap_servers
from trygnet_core.consumer import Consumer
from trygnet_core.database import create_engine, migrate
from trygnet_core.envelope import NewEvent, ReceivedEvent, to_kafka
from trygnet_core.personal_data import PersonalData
from trygnet_core.relay import OutboxRelay
from trygnet_core.store import EventStore
from trygnet_core.tenancy import TenantId

COPENHAGEN = TenantId("0101")
TOPIC = "trygnet.incidents"
DEV_SECRET = "trygnet-development-secret-not-for-production"  # noqa: S105 - development mode only

incident_log = Table(
    "demo_incident_log",
    MetaData(),
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("tenant_id", String(64), nullable=False),
    Column("stream_id", String(200), nullable=False),
    Column("version", Integer, nullable=False),
    Column("type", String(200), nullable=False),
)


def say(line: str) -> None:
    print(f"  {line}", flush=True)


class IncidentLog:
    """The demonstration projection: one row per applied event, printed as it lands."""

    async def __call__(self, conn: AsyncConnection, events: Sequence[ReceivedEvent]) -> None:
        await conn.execute(
            incident_log.insert(),
            [
                {
                    "tenant_id": e.event.tenant_id,
                    "stream_id": e.event.stream_id,
                    "version": e.event.version,
                    "type": e.event.type,
                }
                for e in events
            ],
        )
        for e in events:
            say(
                f"consumer applied  {e.event.type} v{e.event.version} of {e.event.stream_id}"
                f" (tenant {e.event.tenant_id})"
            )


async def walk_through(
    store: EventStore, relay: OutboxRelay, consumer: Consumer, bootstrap: str
) -> None:
    personal = PersonalData.from_env()
    incident = f"incident-{uuid.uuid4().hex[:8]}"
    print("\n1. An acute incident is reported in Tingbjerg (tenant 0101, Copenhagen)")
    async with store.transaction() as tx:
        contact = await personal.seal(
            tx,
            tenant=COPENHAGEN,
            subject_id=f"{incident}-witness",
            values={"name": "Jens Hansen", "phone": "+45 20 30 40 50"},
        )
        events = await store.append(
            tx,
            tenant=COPENHAGEN,
            stream_id=incident,
            stream_type="Incident",
            expected_version=0,
            events=[
                NewEvent(
                    type="IncidentReported",
                    data={
                        "kind": "shooting",
                        "severity": 3,
                        "area": "tingbjerg",
                        "witness": contact,
                    },
                ),
                NewEvent(
                    type="ActorsAlerted",
                    data={"actors": ["police-copenhagen", "ssp-bronshoj", "fsb-housing"]},
                ),
            ],
            metadata={"actor": "police-copenhagen"},
        )
    for e in events:
        say(f"appended          {e.type} v{e.version} at position {e.position}")
    say("the witness's name and phone are sealed in the event: no clear text in the store")

    print("\n2. The partners respond: a task and a timeline entry")
    more = await store.append(
        tenant=COPENHAGEN,
        stream_id=incident,
        stream_type="Incident",
        expected_version=2,
        events=[
            NewEvent(
                type="TaskAdded",
                data={"title": "Walk the area tomorrow", "assignee": "ssp-bronshoj"},
            ),
            NewEvent(type="TimelineEntryAdded", data={"kind": "meeting"}),
        ],
    )
    for e in more:
        say(f"appended          {e.type} v{e.version} at position {e.position}")
    print("\n3. A stale writer is refused")
    try:
        await store.append(
            tenant=COPENHAGEN,
            stream_id=incident,
            stream_type="Incident",
            expected_version=2,
            events=[NewEvent(type="TaskAdded", data={"title": "late"})],
        )
    except Exception as exc:
        say(f"refused           {type(exc).__name__}: {exc}")

    print("\n4. The outbox relay publishes what was committed; the consumer applies it")
    await _until(
        lambda: consumer.wait_for_stream(
            tenant=COPENHAGEN, source="incidents", stream_id=incident, version=4, timeout=30
        )
    )
    say(
        f"relay published   {relay.health().detail['published']} events to {TOPIC}"
        " (CloudEvents, binary mode)"
    )

    print("\n5. Kafka delivers the first event twice; the consumer applies it once")
    producer = AIOKafkaProducer(bootstrap_servers=bootstrap, acks="all")
    await producer.start()
    try:
        record = to_kafka(events[0], service="incidents", epoch=int(relay.health().detail["epoch"]))  # type: ignore[call-overload]
        await producer.send_and_wait(
            TOPIC, record.value, key=record.key, headers=list(record.headers)
        )
    finally:
        await producer.stop()
    await asyncio.sleep(1.0)
    say(f"duplicates skipped so far: {consumer.health().detail['duplicates']}")

    print("\n6. The witness asks to be forgotten: the key is deleted (crypto-shredding)")
    async with store.transaction() as tx:
        before = await personal.reveal(tx, tenant=COPENHAGEN, documents=[events[0].data])
        say(f"before erasure    witness = {before[0]['witness']['name']}")
        await personal.erase(tx, tenant=COPENHAGEN, subject_id=f"{incident}-witness")
        after = await personal.reveal(tx, tenant=COPENHAGEN, documents=[events[0].data])
    say(
        f"after erasure     witness = {after[0]['witness']['name']};"
        " the events themselves are unchanged"
    )


async def _until(wait: Any) -> None:
    if not await wait():
        raise SystemExit("the consumer did not catch up within 30 s: is the broker running?")


def build_app(
    store: EventStore, engine: AsyncEngine, relay: OutboxRelay, consumer: Consumer
) -> FastAPI:
    os.environ.setdefault("TRYGNET_DEV_MODE", "1")
    os.environ.setdefault("TRYGNET_DEV_JWT_SECRET", DEV_SECRET)
    app = create_service_app(
        service="incidents-demo",
        components=[relay, consumer],
        engine=engine,
        token_verifier=TokenVerifier(AuthSettings.from_env()),
    )

    @app.get("/events")
    async def recent_events(principal: CurrentPrincipal) -> list[dict[str, Any]]:
        """The caller's tenant's last 50 events (never another tenant's)."""
        page = await store.read_all(tenant=principal.tenant, limit=50)
        return [
            {"position": e.position, "stream": e.stream_id, "version": e.version, "type": e.type}
            for e in page.events
        ]

    return app


async def main_async(once: bool, port: int) -> None:
    state = Path(os.environ.get("TRYGNET_STATE_DIR", ".trygnet"))
    state.mkdir(parents=True, exist_ok=True)  # noqa: ASYNC240 - once, before anything runs
    external = external_bootstrap_servers()
    broker = None if external else EmbeddedBroker(log_path=state / "broker.log")
    if broker is not None:
        broker.start()
    bootstrap = external or broker.bootstrap_servers  # type: ignore[union-attr]
    print(f"Trygnet kernel demonstration: broker at {bootstrap}, databases in {state}/")
    incidents_db = create_engine(f"sqlite:///{state / 'demo-incidents.db'}")
    reporting_db = create_engine(f"sqlite:///{state / 'demo-reporting.db'}")
    for engine in (incidents_db, reporting_db):
        await migrate(engine)
    async with reporting_db.begin() as conn:
        await conn.run_sync(incident_log.create, checkfirst=True)
    store = EventStore(incidents_db)
    relay = OutboxRelay(
        store,
        service="incidents",
        topic=TOPIC,
        bootstrap_servers=bootstrap,
        loss_check_interval=1.0,
    )
    consumer = Consumer(
        reporting_db,
        name="demo-reporting",
        topics=[TOPIC],
        bootstrap_servers=bootstrap,
        handler=IncidentLog(),
        session_timeout_ms=3000,
        heartbeat_interval_ms=500,
    )
    try:
        if once:
            await relay.start()
            await consumer.start()
            await walk_through(store, relay, consumer, bootstrap)
            async with reporting_db.connect() as conn:
                rows = (await conn.execute(select(incident_log.c.type))).all()
            print(
                f"\nThe reporting database holds {len(rows)} applied events"
                " in all runs so far. Done."
            )
            return
        app = build_app(store, incidents_db, relay, consumer)
        server = uvicorn.Server(
            uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning")
        )
        serving = asyncio.create_task(server.serve())
        while not server.started:
            await asyncio.sleep(0.05)
            if serving.done():
                await serving
                return
        await walk_through(store, relay, consumer, bootstrap)
        token = issue_dev_token(
            secret=DEV_SECRET, subject="demo-coordinator", tenant=COPENHAGEN, roles=["coordinator"]
        )
        print(
            f"\nThe demonstration service runs at http://127.0.0.1:{port}"
            " (Ctrl-C stops everything):"
        )
        print(f"  curl http://127.0.0.1:{port}/readyz")
        print(f"  curl -H 'Authorization: Bearer {token}' http://127.0.0.1:{port}/events")
        await serving
    finally:
        try:
            with contextlib.suppress(Exception):
                await consumer.stop()
                await relay.stop()
            await incidents_db.dispose()
            await reporting_db.dispose()
        finally:
            if broker is not None:
                broker.stop()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="trygnet-demo", description=__doc__.splitlines()[0])
    parser.add_argument("--once", action="store_true", help="stop after the walk-through")
    parser.add_argument("--port", type=int, default=int(os.environ.get("TRYGNET_PORT", "8000")))
    args = parser.parse_args(argv if argv is not None else sys.argv[1:])
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(main_async(args.once, args.port))


if __name__ == "__main__":
    main()

"""The activities service's replica of actors and areas, fed by the actors service's real stream."""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
from sqlalchemy.ext.asyncio import AsyncEngine

from tests.actors.conftest import make_settings, token
from tests.conftest import sqlite_engine
from tests.support.components import quick_consumer
from trygnet_activities.bootstrap import migrations
from trygnet_actors.bootstrap import create_app
from trygnet_core.consumer import Consumer
from trygnet_core.database import migrate
from trygnet_core.replica import ActorReplica, look_up, wake_on_unknown
from trygnet_core.tenancy import TenantId


async def test_actors_registered_in_the_actors_service_are_known_here_and_merges_resolve(
    engine: AsyncEngine, bootstrap_servers: str, unique: str, start, tmp_path: Path
) -> None:
    async with beside_the_actors(engine, bootstrap_servers, unique, start, tmp_path) as (
        activities_db,
        replica,
        http,
    ):

        async def ok(path: str, body: dict) -> dict:
            response = await http.post(path, json=body, headers=token())
            assert response.status_code in (200, 201), response.text
            return response.json()

        area = (await ok("/areas", {"name": "Tingbjerg", "kind": "housing_area"}))["id"]
        retired = (await ok("/areas", {"name": "Old district", "kind": "district"}))["id"]
        await ok(f"/areas/{retired}/retire", {})
        ssp = (await ok("/actors", {"name": "SSP Brønshøj", "sector": "ssp"}))["id"]
        twin = (await ok("/actors", {"name": "SSP Bronshoj", "sector": "ssp"}))["id"]
        merged = await ok(f"/actors/{ssp}/merge", {"mergedId": twin})
        assert await replica.wait_for_stream(
            tenant="0101", source="actors", stream_id=ssp, version=merged["version"], timeout=30
        )
        assert await replica.wait_for_stream(
            tenant="0101", source="actors", stream_id=twin, version=2, timeout=30
        )
        async with activities_db.connect() as conn:
            known = await look_up(
                conn,
                tenant=TenantId("0101"),
                area_ids=[area, retired, "area-nowhere"],
                actor_ids=[ssp, twin, "actor-nobody"],
            )
            elsewhere = await look_up(
                conn, tenant=TenantId("0851"), area_ids=[area], actor_ids=[ssp]
            )
    assert known.areas == {area}, "a retired area and an unknown one are not in use"
    assert known.actors == {ssp, twin}
    assert known.survivors == {twin: ssp}
    assert elsewhere.areas == frozenset() and elsewhere.actors == frozenset(), (
        "another tenant knows none of it"
    )


async def test_an_actor_named_before_the_resting_replica_has_it_wakes_the_replica(
    engine: AsyncEngine, bootstrap_servers: str, unique: str, start, tmp_path: Path
) -> None:
    """The replica's consumer rests (for a minute here); a command naming an actor it does
    not hold yet wakes it, so the client's retry finds the actor in moments, not after the
    rest runs out."""
    async with beside_the_actors(
        engine, bootstrap_servers, unique, start, tmp_path, rest_after_ms=200, rest_poll_ms=60_000
    ) as (activities_db, replica, http):
        wake_on_unknown(activities_db, replica.rest.wake)
        for _ in range(100):
            if replica.metrics()["consumer_rests"] >= 1:
                break
            await asyncio.sleep(0.05)
        response = await http.post(
            "/actors",
            json={"name": "Boligsocial", "sector": "housing_association"},
            headers=token(),
        )
        assert response.status_code == 201, response.text
        actor = response.json()["id"]

        async def known() -> bool:
            async with activities_db.connect() as conn:
                found = await look_up(conn, tenant=TenantId("0101"), area_ids=[], actor_ids=[actor])
            return actor in found.actors

        for _ in range(100):  # a client retrying its refused command
            if await known():
                break
            await asyncio.sleep(0.1)
        else:
            raise AssertionError("the resting replica was not woken by the unknown actor")


@contextlib.asynccontextmanager
async def beside_the_actors(
    engine: AsyncEngine,
    bootstrap_servers: str,
    unique: str,
    start,
    tmp_path: Path,
    **rest: int,
) -> AsyncIterator[tuple[AsyncEngine, Consumer, httpx.AsyncClient]]:
    """The activities service's replica (its database and consumer, ``rest`` its rest
    settings) beside a running actors service publishing to its topic, and a client of
    that service."""
    topic = f"trygnet.actors.{unique}"
    activities_db = await sqlite_engine(tmp_path / "activities.db")
    await migrate(activities_db, version_locations=[migrations()])
    replica = await start(
        quick_consumer(
            activities_db,
            topics=[topic],
            bootstrap_servers=bootstrap_servers,
            handler=ActorReplica(),
            name=f"replica-{unique}",
            **rest,
        )
    )
    actors_app = create_app(
        dataclasses.replace(make_settings(bootstrap_servers), topic=topic), engine=engine
    )
    try:
        async with actors_app.router.lifespan_context(actors_app):
            transport = httpx.ASGITransport(app=actors_app)
            async with httpx.AsyncClient(transport=transport, base_url="http://actors") as http:
                yield activities_db, replica, http
    finally:
        await activities_db.dispose()

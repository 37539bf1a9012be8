"""Actors and activities on the real broker: an actor registered there is accepted here."""

from __future__ import annotations

import asyncio
import dataclasses

import httpx
from cloudevents.core.bindings.kafka import KafkaMessage, from_binary_event
from sqlalchemy.ext.asyncio import AsyncEngine

from tests.actors.conftest import SECRET, make_settings, token
from tests.support.topics import read_topic
from trygnet_activities.bootstrap import Settings, create_app
from trygnet_actors.bootstrap import create_app as create_actors_app
from trygnet_core.auth import AuthSettings


async def test_an_actor_registered_in_the_actors_service_is_accepted_here(
    engine: AsyncEngine, bootstrap_servers: str, unique: str, tmp_path
) -> None:
    from tests.conftest import sqlite_engine

    actors_topic, activities_topic = f"trygnet.actors.{unique}", f"trygnet.activities.{unique}"
    actors_db = await sqlite_engine(tmp_path / "actors.db")
    actors_app = create_actors_app(
        dataclasses.replace(make_settings(bootstrap_servers), topic=actors_topic), engine=actors_db
    )
    activities_app = create_app(
        Settings(
            database_url="unused",
            bootstrap_servers=bootstrap_servers,
            auth=AuthSettings(dev_mode=True, dev_secret=SECRET),
            topic=activities_topic,
            actors_topic=actors_topic,
        ),
        engine=engine,
    )
    async with (
        actors_app.router.lifespan_context(actors_app),
        activities_app.router.lifespan_context(activities_app),
    ):
        actors = httpx.AsyncClient(
            transport=httpx.ASGITransport(app=actors_app), base_url="http://actors"
        )
        activities = httpx.AsyncClient(
            transport=httpx.ASGITransport(app=activities_app), base_url="http://act"
        )
        async with actors, activities:
            area = (
                await actors.post(
                    "/areas", headers=token(), json={"name": "Tingbjerg", "kind": "housing_area"}
                )
            ).json()["id"]
            ssp = (
                await actors.post("/actors", headers=token(), json={"name": "SSP", "sector": "ssp"})
            ).json()["id"]
            body = {
                "title": "Night walks",
                "level": "frontline",
                "ownerActorId": ssp,
                "areas": [area],
            }
            for _ in range(150):  # until the replica has consumed the actors service's events
                created = await activities.post("/activities", headers=token(), json=body)
                if created.status_code == 201:
                    break
                assert created.status_code == 422, created.text
                await asyncio.sleep(0.2)
            assert created.status_code == 201, created.text
            messages = await read_topic(
                bootstrap_servers, activities_topic, until=lambda found: len(found) >= 1
            )
    await actors_db.dispose()
    [message] = messages
    event = from_binary_event(
        KafkaMessage(headers=dict(message.headers), key=message.key, value=message.value)
    )
    assert event.get_type() == "trygnet.activities.ActivityCreated.v1"
    assert event.get_data()["owner_actor_id"] == ssp and event.get_extension("tenantid") == "0101"

"""The actors service with the real broker: CloudEvents out, nothing personal readable after erasure."""

from __future__ import annotations

import dataclasses
import json

import httpx
from cloudevents.core.bindings.kafka import KafkaMessage, from_binary_event
from sqlalchemy import MetaData, select
from sqlalchemy.ext.asyncio import AsyncEngine

from tests.actors.conftest import make_settings, token
from tests.support.topics import read_topic
from trygnet_actors.bootstrap import create_app
from trygnet_core.personal_data import Erased, PersonalData

SECRETS = ("Jens", "Hansen", "20 30 40 50", "jens@example.dk", "Ny Titel")


async def test_events_arrive_as_cloudevents_and_an_erased_contact_is_unreadable_everywhere(
    engine: AsyncEngine, bootstrap_servers: str, unique: str
) -> None:
    topic = f"trygnet.actors.{unique}"
    settings = dataclasses.replace(make_settings(bootstrap_servers), topic=topic)
    app = create_app(settings, engine=engine)
    async with app.router.lifespan_context(app):
        async with httpx.AsyncClient(
            transport=httpx.ASGITransport(app=app), base_url="http://actors"
        ) as http:

            async def ok(method: str, path: str, body: dict | None = None) -> dict:
                response = await http.request(method, path, json=body, headers=token())
                assert response.status_code in (200, 201), response.text
                return response.json()

            area = (await ok("POST", "/areas", {"name": "Tingbjerg", "kind": "housing_area"}))["id"]
            actor = (
                await ok(
                    "POST", "/actors", {"name": "SSP Brønshøj", "sector": "ssp", "areas": [area]}
                )
            )["id"]
            contact = (
                await ok(
                    "POST",
                    f"/actors/{actor}/contacts",
                    {
                        "name": "Jens Hansen",
                        "title": "SSP consultant",
                        "phone": "+45 20 30 40 50",
                        "email": "jens@example.dk",
                        "legalBasis": "public_task",
                    },
                )
            )["id"]
            await ok("PATCH", f"/contacts/{contact}", {"title": "Ny Titel"})
            await ok("POST", f"/contacts/{contact}/erase")

            expected = [
                "AreaDefined",
                "ActorRegistered",
                "ContactAdded",
                "ContactChanged",
                "ContactErased",
            ]
            messages = await read_topic(
                bootstrap_servers, topic, until=lambda found: len(found) >= 5
            )

    types = sorted(m.event().event.type for m in messages)
    assert types == sorted(expected)
    personal = PersonalData()
    for message in messages:
        cloud = from_binary_event(
            KafkaMessage(headers=dict(message.headers), key=message.key, value=message.value)
        )
        assert (
            cloud.get_type().startswith("trygnet.actors.")
            and cloud.get_extension("tenantid") == "0101"
        )
        raw = message.value.decode() + json.dumps([(k, v.decode()) for k, v in message.headers])
        assert not any(secret in raw for secret in SECRETS), (
            f"clear personal data in {cloud.get_type()}"
        )

    added = next(m.event().event for m in messages if m.event().event.type == "ContactAdded")
    async with engine.connect() as conn:
        [opened] = await personal.reveal(conn, tenant="0101", documents=[added.data])
    assert opened["name"] == Erased(contact) and opened["phone"] == Erased(contact)

    tables = MetaData()
    async with engine.connect() as conn:
        await conn.run_sync(tables.reflect)
        for table in tables.sorted_tables:
            dump = json.dumps(
                [list(map(str, row)) for row in (await conn.execute(select(table))).all()]
            )
            assert not any(secret in dump for secret in SECRETS), (
                f"clear personal data in table {table.name}"
            )

"""Actors and incidents on the real broker: the incidents service knows the actors
service's areas and actors through its replica, and publishes its own events, with
the personal text sealed on the wire."""

from __future__ import annotations

import asyncio
import dataclasses

import httpx
from sqlalchemy.ext.asyncio import AsyncEngine

from tests.actors.conftest import make_settings, token
from tests.incidents.conftest import report, settings
from tests.support.topics import read_topic
from trygnet_actors.bootstrap import create_app as create_actors_app
from trygnet_incidents.bootstrap import create_app

SUMMARY = "Shots at Ruten; Ahmed's car hit"


async def test_an_incident_names_actors_from_the_actors_service_and_reaches_the_topic(
    engine: AsyncEngine, bootstrap_servers: str, unique: str, tmp_path
) -> None:
    from tests.conftest import sqlite_engine

    actors_topic, incidents_topic = f"trygnet.actors.{unique}", f"trygnet.incidents.{unique}"
    actors_db = await sqlite_engine(tmp_path / "actors.db")
    actors_app = create_actors_app(
        dataclasses.replace(make_settings(bootstrap_servers), topic=actors_topic), engine=actors_db
    )
    incidents_app = create_app(
        settings(bootstrap_servers, topic=incidents_topic, actors_topic=actors_topic),
        engine=engine,
    )
    async with (
        actors_app.router.lifespan_context(actors_app),
        incidents_app.router.lifespan_context(incidents_app),
    ):
        actors = httpx.AsyncClient(
            transport=httpx.ASGITransport(app=actors_app), base_url="http://actors"
        )
        incidents = httpx.AsyncClient(
            transport=httpx.ASGITransport(app=incidents_app), base_url="http://incidents"
        )
        async with actors, incidents:
            area = (
                await actors.post(
                    "/areas", headers=token(), json={"name": "Tingbjerg", "kind": "housing_area"}
                )
            ).json()["id"]
            police, ssp = [
                (
                    await actors.post(
                        "/actors", headers=token(), json={"name": name, "sector": sector}
                    )
                ).json()["id"]
                for name, sector in (("Københavns Politi", "police"), ("SSP Brønshøj", "ssp"))
            ]
            rule = {"kind": "shooting", "minimumSeverity": 3, "areaId": area, "actorIds": [ssp]}
            for _ in range(
                300
            ):  # until the replica has consumed the actors service's events (60 s)
                set_rule = await incidents.put(
                    "/escalation-matrix/rules/rule-shootings", headers=token(), json=rule
                )
                if set_rule.status_code == 200:
                    break
                assert set_rule.status_code == 422, set_rule.text
                await asyncio.sleep(0.2)
            assert set_rule.status_code == 200, set_rule.text
            police_staff = token(roles=("police",), actor=police)
            created = await incidents.post(
                "/incidents",
                headers=police_staff,
                json=report(areaId=area, reportingActorId=police, summary=SUMMARY),
            )
            assert created.status_code == 201, created.text
            messages = await read_topic(
                bootstrap_servers, incidents_topic, until=lambda found: len(found) >= 3
            )
    await actors_db.dispose()
    # messages of different streams sit on different partitions: order them as stored
    events = sorted((message.event() for message in messages), key=lambda r: r.event.position)
    assert [received.event.type for received in events] == [
        "EscalationRuleSet",
        "IncidentReported",
        "ActorsAlerted",
    ]
    reported, alerted = events[1].event, events[2].event
    assert reported.stream_id == created.json()["id"] and reported.tenant_id == "0101"
    assert reported.data["reporting_actor_id"] == police and reported.data["area_id"] == area
    assert alerted.data["alerts"] == [{"actor_id": ssp, "rule_id": "rule-shootings"}]
    wire = b"".join((message.value or b"") for message in messages)
    assert SUMMARY.encode() not in wire and b"Ahmed" not in wire

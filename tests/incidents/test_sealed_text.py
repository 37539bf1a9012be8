"""The incident's place, task titles and the reasons given are personal text: sealed with
the incident's key in every event (so on the topic too, and never in clear in the
reporting service), erased with the incident's other text, and read as erased after.
Events written in clear text before they were sealed still read, and erasure takes
their text out of the read model too."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncEngine

from tests.actors.conftest import COPENHAGEN
from tests.incidents.conftest import KK, POLICE, SSP, TINGBJERG, Incidents
from trygnet_core.envelope import NewEvent
from trygnet_core.personal_data import is_sealed
from trygnet_core.store import EventStore
from trygnet_core.tenancy import TenantId
from trygnet_incidents.read_model import incidents as incident_rows
from trygnet_incidents.read_model import incidents_of

PLACE = "Outside the Hansen family's door, Ruten 12"
TITLE = "Drive Jonas's sister home"
CLOSED = "Jonas was arrested"
REOPENED = "Threats against Fatima"
TEXTS = (PLACE, TITLE, CLOSED, REOPENED)

SEALED_FIELDS = {
    "IncidentReported": ("place", "coordinates"),
    "TaskAdded": ("title",),
    "IncidentClosed": ("reason",),
    "IncidentReopened": ("reason",),
}


async def _responded(incidents: Incidents) -> str:
    incident = await incidents.report(place=PLACE, coordinates={"lat": 55.7, "lon": 12.5})
    path = f"/incidents/{incident}"
    task = {"title": TITLE, "assigneeActorId": SSP, "due": "2026-03-20"}
    await incidents.ok("POST", f"{path}/tasks", json=task)
    await incidents.ok("POST", f"{path}/close", json={"reason": CLOSED})
    await incidents.ok("POST", f"{path}/reopen", json={"reason": REOPENED})
    return incident


async def _stored(engine: AsyncEngine, incident: str) -> list[Any]:
    page = await EventStore(engine).read_all(tenant=TenantId(COPENHAGEN), limit=1000)
    return [event for event in page.events if event.stream_id == incident]


async def _row_text(engine: AsyncEngine, incident: str) -> str:
    async with engine.connect() as conn:
        body = (
            await conn.execute(
                select(incident_rows.c.body).where(incident_rows.c.incident_id == incident)
            )
        ).scalar_one()
    return str(body)


async def test_place_task_titles_and_reasons_are_sealed_in_every_event_and_row(
    incidents: Incidents, engine: AsyncEngine
) -> None:
    incident = await _responded(incidents)
    events = await _stored(engine, incident)
    checked = 0
    for event in events:
        for name in SEALED_FIELDS.get(event.type, ()):
            assert is_sealed(event.data[name]), (event.type, name, event.data[name])
            checked += 1
    assert checked == 5
    published = str([event.data for event in events])  # what the relay puts on the topic
    assert not [text for text in TEXTS if text in published]
    assert not [text for text in TEXTS if text in await _row_text(engine, incident)]
    read = await incidents.get(incident)
    assert read["place"] == PLACE and read["coordinates"] == {"lat": 55.7, "lon": 12.5}
    assert [task["title"] for task in read["tasks"]] == [TITLE]
    assert [change["reason"] for change in read["statusHistory"]] == [None, CLOSED, REOPENED]


async def test_erasure_erases_the_place_task_titles_and_reasons(incidents: Incidents) -> None:
    incident = await _responded(incidents)
    await incidents.ok("DELETE", f"/incidents/{incident}/personal-data")
    read = await incidents.get(incident)
    listed = await incidents.ok("GET", "/incidents")
    assert not [text for text in TEXTS if text in str(read) + str(listed)]
    assert read["place"] == "[erased]" and read["coordinates"] == "[erased]"
    assert [task["title"] for task in read["tasks"]] == ["[erased]"]
    assert [change["reason"] for change in read["statusHistory"]] == [
        None,
        "[erased]",
        "[erased]",
    ]


async def test_an_erased_incident_takes_no_new_text_but_still_closes_and_reopens(
    incidents: Incidents,
) -> None:
    incident = await _responded(incidents)
    path = f"/incidents/{incident}"
    await incidents.ok("DELETE", f"{path}/personal-data")
    task = {"title": "Call the mother", "assigneeActorId": SSP, "due": "2026-03-20"}
    for method, where, body, field in (
        ("POST", f"{path}/tasks", task, "title"),
        ("POST", f"{path}/close", {"reason": "Calm again"}, "reason"),
        ("POST", f"{path}/timeline", {"kind": "note", "text": "x", "authorActorId": KK}, "text"),
    ):
        refused = await incidents.call(method, where, json=body)
        assert refused.status_code == 409, refused.text
        assert refused.json()["field"] == field and "erased" in refused.json()["detail"]
    await incidents.ok("POST", f"{path}/close", json={})
    refused = await incidents.call("POST", f"{path}/reopen", json={"reason": "Again"})
    assert refused.status_code == 409 and refused.json()["field"] == "reason", refused.text
    await incidents.ok("POST", f"{path}/reopen", json={})
    read = await incidents.get(incident)
    assert [change["status"] for change in read["statusHistory"]][-2:] == ["closed", "active"]
    assert read["statusHistory"][-2]["reason"] is None
    assert "Calm again" not in str(read)


async def test_events_written_in_clear_text_still_read_and_are_erased_from_the_read_model(
    incidents: Incidents, engine: AsyncEngine
) -> None:
    """As an earlier release stored them: place, title and reason in clear text."""
    incident = "incident-written-in-clear"
    old = [
        NewEvent(
            "IncidentReported",
            {
                "incident_id": incident,
                "kind": "shooting",
                "severity": 3,
                "area_id": TINGBJERG,
                "place": PLACE,
                "occurred_at": "2026-03-14T20:40:00+00:00",
                "reported_at": "2026-03-14T21:05:00+00:00",
                "reporting_actor_id": POLICE,
                "sensitivity": "open",
                "summary": "Shots fired",
                "coordinates": {"lat": 55.7, "lon": 12.5},
                "restricted_details": None,
            },
        ),
        NewEvent(
            "TaskAdded",
            {
                "incident_id": incident,
                "task_id": "task-old",
                "title": TITLE,
                "assignee_actor_id": SSP,
                "due": "2026-03-20",
                "priority": "normal",
            },
        ),
        NewEvent(
            "IncidentClosed",
            {"incident_id": incident, "at": "2026-03-15T10:00:00+00:00", "reason": CLOSED},
        ),
    ]
    store = EventStore(engine)
    store.add_state_updater(incidents_of(store))
    await store.append(
        tenant=TenantId(COPENHAGEN),
        stream_id=incident,
        stream_type="Incident",
        expected_version=0,
        events=old,
    )
    read = await incidents.get(incident)
    assert read["place"] == PLACE and [t["title"] for t in read["tasks"]] == [TITLE]
    assert read["statusHistory"][-1]["reason"] == CLOSED
    path = f"/incidents/{incident}"
    await incidents.ok("POST", f"{path}/reopen", json={"reason": REOPENED})  # its stream folds
    assert (await incidents.get(incident))["statusHistory"][-1]["reason"] == REOPENED
    await incidents.ok("DELETE", f"{path}/personal-data")
    erased = await incidents.get(incident)
    assert not [text for text in TEXTS if text in str(erased)]
    assert not [text for text in TEXTS if text in await _row_text(engine, incident)]
    assert erased["place"] == "[erased]" and erased["tasks"][0]["title"] == "[erased]"
    assert [change["reason"] for change in erased["statusHistory"]] == [
        None,
        "[erased]",
        "[erased]",
    ]

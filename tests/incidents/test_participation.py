"""The incidents an actor took part in (``GET /incidents?actorId=``): reported, held a
role, had a task, wrote in the timeline or the tactical report; and, of a restricted
incident, a reader who sees it only in outline learns of no one's part but its own
actor's tasks."""

from __future__ import annotations

import shutil
from pathlib import Path

from sqlalchemy import insert, select
from sqlalchemy.ext.asyncio import AsyncEngine

from tests.incidents.conftest import (
    AALBORG_COORDINATOR,
    CLUB,
    CLUB_STAFF,
    HOUSING,
    KK,
    POLICE,
    POLICE_OFFICER,
    SSP,
    SSP_STAFF,
    Incidents,
)
from trygnet_core.database import migrate
from trygnet_core.service_settings import migrations_of
from trygnet_incidents.domain.events import catalogue
from trygnet_incidents.participation import incident_actors
from trygnet_incidents.read_model import apply, incidents


async def _ids(incidents: Incidents, actor: str, as_: dict[str, str] | None = None) -> set[str]:
    page = await incidents.ok("GET", "/incidents", params={"actorId": actor}, as_=as_)
    return {item["incidentId"] for item in page["items"]}


async def test_the_list_by_actor_holds_the_responses_it_took_part_in(
    incidents: Incidents,
) -> None:
    open_one = await incidents.report(kind="vandalism", severity=1)
    restricted = await incidents.report(sensitivity="restricted", restrictedDetails="Names")
    untouched = await incidents.report(kind="threat", severity=2)
    await incidents.ok("PUT", f"/incidents/{restricted}/roles/{SSP}", json={"role": "liaison"})
    await incidents.ok(
        "POST",
        f"/incidents/{restricted}/tasks",
        json={"title": "Talk to the club", "assigneeActorId": CLUB, "due": "2026-03-20"},
    )
    await incidents.ok(
        "POST",
        f"/incidents/{open_one}/timeline",
        json={"kind": "note", "text": "Walls cleaned", "authorActorId": HOUSING},
    )
    await incidents.ok(
        "POST",
        f"/incidents/{open_one}/tactical-report",
        json={"authorActorId": KK, "conditions": "Calm"},
    )

    assert await _ids(incidents, POLICE) == {open_one, restricted, untouched}, "reported them"
    assert await _ids(incidents, SSP) == {restricted}, "a role"
    assert await _ids(incidents, CLUB) == {restricted}, "a task"
    assert await _ids(incidents, HOUSING) == {open_one}, "the timeline"
    assert await _ids(incidents, KK) == {open_one}, "the tactical report"
    assert await _ids(incidents, "actor-nobody") == set()
    assert await _ids(incidents, SSP, as_=POLICE_OFFICER) == {restricted}, "police read it whole"

    # a partner reads the restricted incident in outline: whose role it was stays withheld
    assert await _ids(incidents, SSP, as_=SSP_STAFF) == set()
    assert await _ids(incidents, POLICE, as_=CLUB_STAFF) == {open_one, untouched}
    # its own actor's task it sees anyway, so the filter finds it by that
    assert await _ids(incidents, CLUB, as_=CLUB_STAFF) == {restricted}
    assert await _ids(incidents, CLUB, as_=SSP_STAFF) == set()
    # another municipality finds nothing of it
    assert await _ids(incidents, POLICE, as_=AALBORG_COORDINATOR) == set()


async def test_an_actor_that_leaves_its_role_leaves_the_list(incidents: Incidents) -> None:
    incident = await incidents.report()
    await incidents.ok("PUT", f"/incidents/{incident}/roles/{SSP}", json={"role": "participant"})
    assert await _ids(incidents, SSP) == {incident}
    await incidents.ok("DELETE", f"/incidents/{incident}/roles/{SSP}")
    assert await _ids(incidents, SSP) == set()


async def test_an_actor_id_over_the_bound_is_a_422_naming_it(incidents: Incidents) -> None:
    answer = await incidents.call("GET", "/incidents", params={"actorId": "a" * 201})
    assert answer.status_code == 422
    assert "actorId" in answer.text


async def test_the_migration_fills_the_participants_of_incidents_already_there(
    engine: AsyncEngine, tmp_path: Path
) -> None:
    """A database migrated before the list by actor existed gets it filled from the
    incidents' documents when it moves to the revision that adds it."""
    versions = Path(migrations_of("trygnet_incidents"))
    first = tmp_path / "first"
    first.mkdir()
    shutil.copy(versions / "incidents_0001.py", first)
    await migrate(engine, version_locations=[str(first)])
    body = apply(
        None,
        catalogue.decode(
            "IncidentReported",
            {
                "incident_id": "incident-old",
                "kind": "shooting",
                "severity": 4,
                "area_id": "area-1",
                "place": "x",
                "occurred_at": "2026-01-01T00:00:00+00:00",
                "reported_at": "2026-01-01T00:10:00+00:00",
                "reporting_actor_id": POLICE,
                "sensitivity": "open",
                "summary": "x",
            },
        ),
    )
    body["roles"] = [{"actorId": SSP, "role": "lead", "contactId": None}]
    async with engine.begin() as conn:
        await conn.execute(
            insert(incidents),
            [
                {
                    "tenant_id": "0101",
                    "incident_id": "incident-old",
                    "kind": "shooting",
                    "severity": 4,
                    "area_id": "area-1",
                    "status": "reported",
                    "sensitivity": "open",
                    "occurred_at": body["occurredAt"],
                    "reported_at": body["reportedAt"],
                    "version": 1,
                    "body": body,
                }
            ],
        )
    await migrate(engine, version_locations=[str(versions)])
    async with engine.connect() as conn:
        rows = (await conn.execute(select(incident_actors))).all()
    assert {(row.incident_id, row.actor_id, row.part) for row in rows} >= {
        ("incident-old", POLICE, "reported"),
        ("incident-old", SSP, "role"),
    }

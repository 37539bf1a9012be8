"""The weekly situation picture over HTTP: observations and the decisions of a week, the
role matrix, tenancy, erasure of a description and the CSV import (SQLite and PostgreSQL)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from tests.actors.conftest import token
from tests.incidents.conftest import (
    AALBORG_COORDINATOR,
    CLUB_STAFF,
    COORDINATOR,
    HOUSING,
    INTEGRATION,
    NATIONAL,
    POLICE,
    POLICE_OFFICER,
    SSP,
    SSP_STAFF,
    TINGBJERG,
    Incidents,
)

DESCRIPTION = "Two boys, one of them Ahmed from no. 12, spraying tags"
HOUSING_STAFF = token(roles=("partner",), actor=HOUSING)
WRITER = token(roles=("integration",), scopes=("incidents:write",))


def observation(**changes: Any) -> dict[str, Any]:
    return {
        "category": "graffiti",
        "areaId": TINGBJERG,
        "place": "The underpass at Ruten",
        "observedAt": "2026-09-14T21:40:00+02:00",
        "reportingActorId": HOUSING,
        "description": DESCRIPTION,
        **changes,
    }


async def file(incidents: Incidents, as_: dict[str, str] = HOUSING_STAFF, **changes: Any) -> str:
    return str(
        (await incidents.ok("POST", "/observations", as_=as_, json=observation(**changes)))["id"]
    )


# -- role matrix -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("who", "actor", "status"),
    [
        (COORDINATOR, HOUSING, 201),
        (WRITER, HOUSING, 201),
        (HOUSING_STAFF, HOUSING, 201),
        (POLICE_OFFICER, POLICE, 201),
        (HOUSING_STAFF, SSP, 403),  # staff file for their own actor only
        (POLICE_OFFICER, HOUSING, 403),
        (INTEGRATION, HOUSING, 403),  # a read scope files nothing
        (NATIONAL, HOUSING, 403),
    ],
)
async def test_who_may_file_an_observation(
    incidents: Incidents, who: dict[str, str], actor: str, status: int
) -> None:
    filed = await incidents.call(
        "POST", "/observations", as_=who, json=observation(reportingActorId=actor)
    )
    assert filed.status_code == status, filed.text
    if status == 403:
        assert filed.json()["code"] == "FORBIDDEN"


@pytest.mark.parametrize(
    ("who", "status"),
    [
        (COORDINATOR, 200),
        (HOUSING_STAFF, 200),  # the owner's staff follow their decision up
        (SSP_STAFF, 403),
        (POLICE_OFFICER, 403),
        (NATIONAL, 403),
    ],
)
async def test_who_may_follow_a_decision_up(
    incidents: Incidents, who: dict[str, str], status: int
) -> None:
    week = f"/situation/{TINGBJERG}/2026-W38"
    body = {"action": "Light the underpass", "ownerActorId": HOUSING, "due": "2026-09-30"}
    decided = await incidents.ok("POST", f"{week}/decisions", json=body)
    changed = await incidents.call(
        "POST", f"{week}/decisions/{decided['decisionId']}/status", as_=who, json={"status": "done"}
    )
    assert changed.status_code == status, changed.text


@pytest.mark.parametrize("who", [HOUSING_STAFF, POLICE_OFFICER, NATIONAL])
async def test_only_coordinators_record_decisions_and_erase_descriptions(
    incidents: Incidents, who: dict[str, str]
) -> None:
    body = {"action": "Light the underpass", "ownerActorId": HOUSING, "due": "2026-09-30"}
    decided = await incidents.call(
        "POST", f"/situation/{TINGBJERG}/2026-W38/decisions", as_=who, json=body
    )
    assert decided.status_code == 403
    observation_id = await file(incidents)
    erased = await incidents.call("DELETE", f"/observations/{observation_id}/description", as_=who)
    assert erased.status_code == 403


# -- decisions: a week, followed up, with If-Match ----------------------------------------


async def test_a_weeks_decisions_are_recorded_and_followed_up_at_the_version_read(
    incidents: Incidents,
) -> None:
    week = f"/situation/{TINGBJERG}/2026-W38"
    body = {"action": "Light the underpass", "ownerActorId": HOUSING, "due": "2026-09-30"}
    first = await incidents.call("POST", f"{week}/decisions", json=body)
    assert first.status_code == 201 and first.headers["ETag"] == '"1"'
    decision = first.json()["decisionId"]
    path = f"{week}/decisions/{decision}/status"
    stale = await incidents.call(
        "POST", path, json={"status": "done"}, as_={**COORDINATOR, "If-Match": '"0"'}
    )
    assert stale.status_code == 409 and stale.json()["code"] == "CONFLICT"
    done = await incidents.call(
        "POST", path, json={"status": "done"}, as_={**COORDINATOR, "If-Match": '"1"'}
    )
    assert done.status_code == 200, done.text
    read = await incidents.ok("GET", week)
    assert read["decisions"] == [
        {
            "decisionId": decision,
            "action": "Light the underpass",
            "ownerActorId": HOUSING,
            "due": "2026-09-30",
            "status": "done",
        }
    ]


@pytest.mark.parametrize("week", ["2026-38", "2026-W54", "W38"])
async def test_a_bad_week_is_refused_naming_week_and_writes_nothing(
    incidents: Incidents, week: str, engine: AsyncEngine
) -> None:
    body = {"action": "Light the underpass", "ownerActorId": HOUSING, "due": "2026-09-30"}
    refused = await incidents.call("POST", f"/situation/{TINGBJERG}/{week}/decisions", json=body)
    assert refused.status_code == 422
    assert refused.json()["code"] == "BAD_USER_INPUT" and refused.json()["field"] == "week"
    assert await _events(engine) == 0


# -- reading and erasing the description --------------------------------------------------


async def test_the_description_is_sealed_read_by_whom_may_and_erased(
    incidents: Incidents, engine: AsyncEngine
) -> None:
    observation_id = await file(incidents)
    async with engine.connect() as conn:
        stored = (await conn.execute(text("SELECT data FROM events"))).scalars().all()
    assert stored and not any("Ahmed" in str(data) for data in stored)

    for reader in (COORDINATOR, POLICE_OFFICER, HOUSING_STAFF):
        read = await incidents.ok("GET", f"/observations/{observation_id}", as_=reader)
        assert read["description"] == DESCRIPTION
    other = await incidents.ok("GET", f"/observations/{observation_id}", as_=CLUB_STAFF)
    assert other["description"] is None and other["descriptionWithheld"] is True
    assert other["place"] == "The underpass at Ruten" and other["category"] == "graffiti"

    erased = await incidents.call("DELETE", f"/observations/{observation_id}/description")
    assert erased.status_code == 200, erased.text
    read = await incidents.ok("GET", f"/observations/{observation_id}")
    assert read["description"] == "[erased]" and read["descriptionErased"] is True
    assert read["place"] == "The underpass at Ruten"  # the rest stays


async def test_an_observation_leads_to_an_incident_that_exists(incidents: Incidents) -> None:
    observation_id = await file(incidents)
    missing = await incidents.call(
        "POST",
        f"/observations/{observation_id}/incident",
        as_=HOUSING_STAFF,
        json={"incidentId": "incident-nowhere"},
    )
    assert missing.status_code == 422 and missing.json()["field"] == "incidentId"
    incident = await incidents.report()
    linked = await incidents.call(
        "POST",
        f"/observations/{observation_id}/incident",
        as_=HOUSING_STAFF,
        json={"incidentId": incident},
    )
    assert linked.status_code == 200, linked.text
    assert (await incidents.ok("GET", f"/observations/{observation_id}"))["incidentId"] == incident
    not_one = await incidents.call("GET", f"/observations/{incident}")  # an incident's stream
    assert not_one.status_code == 404 and not_one.json()["field"] == "observationId"
    not_theirs = await incidents.call(
        "POST",
        f"/observations/{observation_id}/incident",
        as_=CLUB_STAFF,
        json={"incidentId": incident},
    )
    assert not_theirs.status_code == 403


# -- tenancy ------------------------------------------------------------------------------


async def test_another_municipality_finds_nothing_and_changes_nothing(
    incidents: Incidents, engine: AsyncEngine
) -> None:
    observation_id = await file(incidents)
    week = f"/situation/{TINGBJERG}/2026-W38"
    body = {"action": "Light the underpass", "ownerActorId": HOUSING, "due": "2026-09-30"}
    decision = (await incidents.ok("POST", f"{week}/decisions", json=body))["decisionId"]
    before = await _events(engine)
    for method, path, sent in (
        ("GET", f"/observations/{observation_id}", None),
        ("DELETE", f"/observations/{observation_id}/description", None),
        ("POST", f"/observations/{observation_id}/incident", {"incidentId": "x"}),
        ("POST", f"{week}/decisions/{decision}/status", {"status": "done"}),
    ):
        answer = await incidents.call(method, path, as_=AALBORG_COORDINATOR, json=sent)
        assert answer.status_code == 404, (path, answer.text)
    assert (await incidents.ok("GET", week, as_=AALBORG_COORDINATOR))["decisions"] == []
    assert await _events(engine) == before


# -- the CSV import -----------------------------------------------------------------------

GOOD = (
    "category;area;place;observed_at;description;lat;lon\n"
    "graffiti;area-tingbjerg;The underpass at Ruten;2026-09-14T21:40:00+02:00;Tags;55,68;12,47\n"
    "Drug dealing;AREA-TINGBJERG;Ruten 5, the stairwell;2026-09-15;;;\n"
)


async def test_a_good_file_files_every_row_for_the_callers_actor(
    incidents: Incidents, engine: AsyncEngine
) -> None:
    dry = await incidents.call(
        "POST", "/imports/observations?dryRun=true", as_=HOUSING_STAFF, content=GOOD.encode()
    )
    assert dry.status_code == 200 and dry.json()["written"] is False
    assert await _events(engine) == 0
    done = await incidents.call(
        "POST", "/imports/observations", as_=HOUSING_STAFF, content=GOOD.encode()
    )
    assert done.status_code == 200, done.text
    ids = done.json()["observationIds"]
    assert done.json() | {"position": None} == {
        "rows": 2,
        "observationsFiled": 2,
        "written": True,
        "position": None,
        "errors": [],
        "observationIds": ids,
        "versions": dict.fromkeys(ids, 1),
    }
    assert await _events(engine) == 2
    read = [await incidents.ok("GET", f"/observations/{i}", as_=HOUSING_STAFF) for i in ids]
    assert [o["place"] for o in read] == [
        "The underpass at Ruten",
        "Ruten 5, the stairwell",
    ]  # in the file's order


async def test_an_imported_description_is_sealed_and_erased_by_the_id_the_import_answers(
    incidents: Incidents, engine: AsyncEngine
) -> None:
    """A person named in an imported row can be erased: the import answers each
    observation's id (no list of observations would find it otherwise)."""
    sent = (
        "category,area,place,observed_at,description\n"
        f'graffiti,{TINGBJERG},The underpass at Ruten,2026-09-14,"{DESCRIPTION}"\n'
    )
    done = await incidents.call(
        "POST", "/imports/observations", as_=HOUSING_STAFF, content=sent.encode()
    )
    assert done.status_code == 200, done.text
    [observation_id] = done.json()["observationIds"]
    async with engine.connect() as conn:
        stored = (await conn.execute(text("SELECT data FROM events"))).scalars().all()
    assert stored and not any("Ahmed" in str(data) for data in stored)
    read = await incidents.ok("GET", f"/observations/{observation_id}", as_=HOUSING_STAFF)
    assert read["description"] == DESCRIPTION
    erased = await incidents.call("DELETE", f"/observations/{observation_id}/description")
    assert erased.status_code == 200, erased.text
    read = await incidents.ok("GET", f"/observations/{observation_id}", as_=POLICE_OFFICER)
    assert read["description"] == "[erased]"


async def test_a_file_with_bad_rows_names_each_and_writes_nothing(
    incidents: Incidents, engine: AsyncEngine
) -> None:
    bad = (
        "category,area,place,observed_at,reporting_actor,lat,lon,incident_id\n"
        f"graffiti,area-tingbjerg,Ruten,2026-09-14T21:40:00+02:00,{HOUSING},,,\n"
        f"noise,area-tingbjerg,Ruten,2026-09-14T21:40:00+02:00,{HOUSING},,,\n"
        f"fire,Nowhere,Ruten,2026-09-14T21:40:00+02:00,{HOUSING},,,\n"
        f"fire,area-tingbjerg,,2026-09-14T21:40:00+02:00,{HOUSING},,,\n"
        f"fire,area-tingbjerg,Ruten,last week,{HOUSING},,,\n"
        f"fire,area-tingbjerg,Ruten,2026-09-14T21:40:00+02:00,{SSP},,,\n"
        f"fire,area-tingbjerg,Ruten,2026-09-14T21:40:00+02:00,{HOUSING},north,12,\n"
        f"fire,area-tingbjerg,Ruten,2026-09-14T21:40:00+02:00,{HOUSING},,,incident-nowhere\n"
    )
    answer = await incidents.call(
        "POST", "/imports/observations", as_=HOUSING_STAFF, content=bad.encode()
    )
    assert answer.status_code == 422
    found = [(e["line"], e["column"]) for e in answer.json()["errors"]]
    assert found == [
        (3, "category"),
        (4, "area"),
        (5, "place"),
        (6, "observed_at"),
        (7, "reporting_actor"),  # staff file for their own actor only
        (8, "lat"),
        (9, "incident_id"),
    ]
    assert answer.json()["written"] is False
    assert await _events(engine) == 0


async def test_an_observation_of_today_given_as_a_day_is_filed_at_any_hour(
    incidents: Incidents, engine: AsyncEngine
) -> None:
    """A day alone is read as noon UTC; today's, imported in the morning, was refused
    as seen after its filing."""
    today = datetime.now(UTC).date().isoformat()
    sent = f"category,area,place,observed_at\ngraffiti,{TINGBJERG},Ruten,{today}\n"
    done = await incidents.call(
        "POST", "/imports/observations", as_=HOUSING_STAFF, content=sent.encode()
    )
    assert done.status_code == 200, done.text
    [observation_id] = done.json()["observationIds"]
    read = await incidents.ok("GET", f"/observations/{observation_id}", as_=HOUSING_STAFF)
    assert read["observedAt"][:10] == today and read["observedAt"] <= read["filedAt"]


async def test_a_file_with_a_field_past_the_csv_limit_is_refused_naming_its_line(
    incidents: Incidents, engine: AsyncEngine
) -> None:
    """A field longer than the CSV reader takes (128 KiB) was a 500 with a traceback."""
    huge = f'"{"x" * 200_000}"'
    text = (
        "category,area,place,observed_at,description\n"
        f"graffiti,{TINGBJERG},Ruten,2026-09-14,Tags\n"
        f"graffiti,{TINGBJERG},Ruten,2026-09-14,{huge}\n"
    )
    answer = await incidents.call(
        "POST", "/imports/observations", as_=HOUSING_STAFF, content=text.encode()
    )
    assert answer.status_code == 422, answer.text
    assert answer.json()["code"] == "BAD_USER_INPUT" and answer.json()["field"] == "file"
    assert "line 3" in answer.json()["detail"] and "xxx" not in answer.text
    assert await _events(engine) == 0


@pytest.mark.parametrize("who", [NATIONAL, INTEGRATION])
async def test_who_may_not_file_may_not_import(incidents: Incidents, who: dict[str, str]) -> None:
    answer = await incidents.call("POST", "/imports/observations", as_=who, content=GOOD.encode())
    assert answer.status_code == 403


async def _events(engine: AsyncEngine) -> int:
    async with engine.connect() as conn:
        return int((await conn.execute(text("SELECT count(*) FROM events"))).scalar_one())

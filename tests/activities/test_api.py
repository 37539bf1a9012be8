"""The activities API over HTTP: commands, validation, roles, tenancy, the safety-index CSV."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncEngine

from tests.actors.conftest import SECRET, token
from trygnet_activities.bootstrap import Settings, create_app
from trygnet_activities.replica import known_actors, known_areas, migrations
from trygnet_core.auth import AuthSettings
from trygnet_core.database import migrate, upsert

SSP, HOUSING, CLUB = "actor-ssp", "actor-housing", "actor-club"
TINGBJERG = "area-tingbjerg"


@pytest.fixture
async def http(engine: AsyncEngine) -> AsyncIterator[httpx.AsyncClient]:
    await migrate(engine, version_locations=[migrations()])
    async with engine.begin() as conn:
        await upsert(
            conn,
            known_areas,
            [{"tenant_id": "0101", "area_id": TINGBJERG, "name": "Tingbjerg", "retired": False}],
            keys=("tenant_id", "area_id"),
        )
        await upsert(
            conn,
            known_actors,
            [
                {
                    "tenant_id": "0101",
                    "actor_id": a,
                    "name": a,
                    "sector": "other",
                    "status": "active",
                    "merged_into": None,
                }
                for a in (SSP, HOUSING, CLUB)
            ],
            keys=("tenant_id", "actor_id"),
        )
    settings = Settings(
        database_url="unused",
        bootstrap_servers=None,
        auth=AuthSettings(dev_mode=True, dev_secret=SECRET),
    )
    app = create_app(settings, engine=engine)
    async with app.router.lifespan_context(app):
        async with httpx.AsyncClient(
            transport=httpx.ASGITransport(app=app), base_url="http://activities"
        ) as client:
            yield client


ACTIVITY = {
    "title": "After-school jobs",
    "level": "frontline",
    "ownerActorId": SSP,
    "areas": [TINGBJERG],
    "themes": ["youth", "employment"],
    "targetAgeFrom": 13,
    "targetAgeTo": 17,
    "targetGroup": "young people 13-17 without a leisure job",
    "start": "2026-09-01",
    "end": "2027-06-30",
}


async def test_a_coordinator_runs_a_partnership_and_its_activities(http: httpx.AsyncClient) -> None:
    created = await http.post(
        "/partnerships",
        headers=token(),
        json={
            "name": "Tryghedspartnerskab Tingbjerg-Husum",
            "mandate": "Coordinate prevention",
            "authorisedBy": "Borgerrepræsentationen",
            "authorisedOn": "2025-03-01",
            "coordinatorActorId": HOUSING,
            "areas": [TINGBJERG],
        },
    )
    assert created.status_code == 201, created.text
    partnership = created.json()["id"]
    joined = await http.post(
        f"/partnerships/{partnership}/members",
        headers=token(),
        json={"actorId": SSP, "role": "member"},
    )
    assert joined.json()["version"] == 2
    left = await http.delete(f"/partnerships/{partnership}/members/{SSP}", headers=token())
    assert left.status_code == 200 and left.json()["version"] == 3
    activity = await http.post("/activities", headers=token(), json=ACTIVITY)
    assert activity.status_code == 201, activity.text
    status = await http.post(
        f"/activities/{activity.json()['id']}/status", headers=token(), json={"status": "active"}
    )
    assert status.status_code == 200 and status.json()["version"] == 2


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"targetAgeFrom": 17, "targetAgeTo": 13}, "targetAgeTo"),
        ({"areas": ["area-nowhere"]}, "areas"),
        ({"level": "galactic"}, "level"),
        ({"start": "2027-01-01", "end": "2026-01-01"}, "end"),
        ({"ownerActorId": "actor-nobody"}, "ownerActorId"),
    ],
)
async def test_bad_input_is_a_422_naming_the_field(
    http: httpx.AsyncClient, change: dict, field: str
) -> None:
    response = await http.post("/activities", headers=token(), json={**ACTIVITY, **change})
    assert response.status_code == 422, response.text
    assert response.json()["code"] == "BAD_USER_INPUT" and response.json()["field"] == field


async def test_a_body_that_is_not_json_is_refused(http: httpx.AsyncClient) -> None:
    response = await http.post(
        "/activities", headers={**token(), "Content-Type": "application/json"}, content=b"{not json"
    )
    assert response.status_code == 422 and response.json()["field"] == "body"


async def test_roles_and_tenants(http: httpx.AsyncClient) -> None:
    own = await http.post(
        "/activities", headers=token(roles=("partner",), actor=SSP), json=ACTIVITY
    )
    assert own.status_code == 201
    activity = own.json()["id"]
    assert (
        await http.post("/activities", headers=token(roles=("partner",), actor=CLUB), json=ACTIVITY)
    ).status_code == 403
    assert (
        await http.post(
            "/strategy", headers=token(roles=("partner",), actor=SSP), json={"title": "X"}
        )
    ).status_code == 403
    assert (
        await http.post("/activities", headers=token(roles=("national",)), json=ACTIVITY)
    ).status_code == 403
    aalborg = token(tenant="0851")
    for method, path, body in (
        ("POST", f"/activities/{activity}/status", {"status": "active"}),
        ("PATCH", f"/activities/{activity}", {"title": "Ours"}),
        ("DELETE", f"/activities/{activity}/partners/{SSP}", None),
    ):
        response = await http.request(method, path, headers=aalborg, json=body)
        assert response.status_code == 404, (path, response.text)
    assert (await http.post("/activities", json=ACTIVITY)).status_code == 401


async def test_safety_index_results_are_imported_from_csv_with_every_bad_row_reported(
    http: httpx.AsyncClient,
) -> None:
    csv_headers = {**token(), "Content-Type": "text/csv"}
    header = "area,period,feeling_safe,feeling_unsafe,respondents,invited\n"
    assert (
        await http.post("/imports/safety-index", headers=csv_headers, content=header.encode())
    ).status_code == 404
    assert (
        await http.post("/strategy", headers=token(), json={"title": "Safe in Copenhagen"})
    ).status_code == 201
    bad = (
        header
        + "Tingbjerg,2026,89,5,400,1000\nAtlantis,2026,80,10,10,20\nTingbjerg,2025,70,40,10,20\n"
    )
    refused = await http.post("/imports/safety-index", headers=csv_headers, content=bad.encode())
    assert refused.status_code == 422
    assert [(e["line"], e["column"]) for e in refused.json()["errors"]] == [
        (3, "area"),
        (4, "feeling_unsafe"),
    ]
    good = header + "Tingbjerg,2026,89,5,400,1000\nTingbjerg,2025,87.5,6,380,1000\n"
    dry = await http.post(
        "/imports/safety-index",
        headers=csv_headers,
        params={"dryRun": "true"},
        content=good.encode(),
    )
    assert dry.status_code == 200 and dry.json()["written"] is False
    done = await http.post("/imports/safety-index", headers=csv_headers, content=good.encode())
    assert (
        done.status_code == 200
        and done.json()["written"] is True
        and done.json()["position"] is not None
    )

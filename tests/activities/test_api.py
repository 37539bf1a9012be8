"""The activities API over HTTP: commands, validation, roles, tenancy, the safety-index CSV."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncEngine

from tests.actors.conftest import SECRET, token
from tests.support.replica import seed_replica
from trygnet_activities.bootstrap import Settings, create_app, migrations
from trygnet_core.auth import AuthSettings
from trygnet_core.database import migrate

SSP, HOUSING, CLUB = "actor-ssp", "actor-housing", "actor-club"
TINGBJERG = "area-tingbjerg"


@pytest.fixture
async def http(engine: AsyncEngine) -> AsyncIterator[httpx.AsyncClient]:
    await migrate(engine, version_locations=[migrations()])
    await seed_replica(
        engine, tenant="0101", areas={TINGBJERG: "Tingbjerg"}, actors=[SSP, HOUSING, CLUB]
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


PARTNERSHIP = {
    "name": "Tryghedspartnerskab Tingbjerg-Husum",
    "mandate": "Coordinate prevention",
    "authorisedBy": "Borgerrepræsentationen",
    "authorisedOn": "2025-03-01",
    "coordinatorActorId": HOUSING,
    "areas": [TINGBJERG],
}


async def test_a_coordinator_runs_a_partnership_and_its_activities(http: httpx.AsyncClient) -> None:
    created = await http.post("/partnerships", headers=token(), json=PARTNERSHIP)
    assert created.status_code == 201, created.text
    partnership = created.json()["id"]
    joined = await http.post(
        f"/partnerships/{partnership}/members",
        headers=token(),
        json={"actorId": SSP, "role": "partner"},
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


async def test_a_partnership_role_is_one_of_the_partner_roles(http: httpx.AsyncClient) -> None:
    partnership = (await http.post("/partnerships", headers=token(), json=PARTNERSHIP)).json()
    members = f"/partnerships/{partnership['id']}/members"
    for role in ("politi", "PARTNER", "Partner", " partner"):
        refused = await http.post(members, headers=token(), json={"actorId": SSP, "role": role})
        assert refused.status_code == 422, (role, refused.text)
        assert refused.json()["code"] == "BAD_USER_INPUT" and refused.json()["field"] == "role"
        assert "politi" not in refused.text, "the value sent is not repeated"
    read = await http.get(f"/partnerships/{partnership['id']}", headers=token())
    assert read.json()["version"] == 1 and read.json()["members"] == {}
    joined = await http.post(members, headers=token(), json={"actorId": SSP, "role": "funder"})
    assert joined.status_code == 200, joined.text
    read = await http.get(f"/partnerships/{partnership['id']}", headers=token())
    assert read.json()["members"] == {SSP: "funder"}


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


async def test_lists_are_filtered_and_paged_and_items_read_back(http: httpx.AsyncClient) -> None:
    for n, (owner, themes, status) in enumerate(
        [
            (SSP, ["youth"], None),
            (CLUB, ["youth", "nightlife"], "active"),
            (HOUSING, ["elderly"], None),
        ]
    ):
        created = await http.post(
            "/activities",
            headers=token(),
            json={**ACTIVITY, "title": f"Activity {n}", "ownerActorId": owner, "themes": themes},
        )
        if status:
            await http.post(
                f"/activities/{created.json()['id']}/status",
                headers=token(),
                json={"status": status},
            )
    youth = (await http.get("/activities", headers=token(), params={"theme": "youth"})).json()
    assert [a["title"] for a in youth["items"]] == ["Activity 0", "Activity 1"] and youth[
        "totalCount"
    ] == 2
    active = (
        await http.get(
            "/activities", headers=token(), params={"status": "active", "areaId": TINGBJERG}
        )
    ).json()
    assert [a["title"] for a in active["items"]] == ["Activity 1"]
    owned = (
        await http.get("/activities", headers=token(), params={"ownerActorId": HOUSING})
    ).json()
    assert [
        a["ownerActorId" if "ownerActorId" in a else "owner_actor_id"] for a in owned["items"]
    ] == [HOUSING]
    page = (await http.get("/activities", headers=token(), params={"first": 2})).json()
    assert len(page["items"]) == 2 and page["pageInfo"]["hasNextPage"]
    rest = (
        await http.get(
            "/activities",
            headers=token(),
            params={"first": 2, "after": page["pageInfo"]["endCursor"]},
        )
    ).json()
    assert [a["title"] for a in rest["items"]] == ["Activity 2"]
    one = (
        await http.get(
            f"/activities/{page['items'][0]['id']}", headers=token(roles=("police",), actor=SSP)
        )
    ).json()
    assert one["title"] == "Activity 0" and one["targetAgeFrom"] == 13 and one["version"] == 1
    assert (await http.get("/activities", headers=token(roles=("national",)))).status_code == 403
    elsewhere = await http.get("/activities", headers=token(tenant="0851"))
    assert elsewhere.json()["totalCount"] == 0
    assert (
        await http.get(f"/activities/{one['id']}", headers=token(tenant="0851"))
    ).status_code == 404


async def test_a_meetings_agenda_is_sealed_in_the_store_and_opened_on_read(
    http: httpx.AsyncClient, engine
) -> None:
    forum = (
        await http.post(
            "/fora",
            headers=token(),
            json={
                "name": "Frontline forum Tingbjerg",
                "level": "frontline",
                "ownerActorId": SSP,
                "cadence": "monthly",
                "members": [SSP, CLUB],
            },
        )
    ).json()["id"]
    meeting = await http.post(
        f"/fora/{forum}/meetings",
        headers=token(),
        json={
            "heldOn": "2026-10-05",
            "attendees": [SSP, CLUB],
            "agenda": "Shooting at Ruten; Jens Hansen's idea",
            "decisions": "Night walks from Friday",
            "followUps": [
                {
                    "followUpId": "fu_1",
                    "description": "Book the hall",
                    "actorId": CLUB,
                    "due": "2026-10-12",
                }
            ],
        },
    )
    assert meeting.status_code == 201, meeting.text
    from sqlalchemy import text as sql

    async with engine.connect() as conn:
        stored = " ".join(
            str(r) for r in (await conn.execute(sql("SELECT data FROM events"))).all()
        )
        body = " ".join(
            str(r) for r in (await conn.execute(sql("SELECT body FROM documents"))).all()
        )
    assert "Jens Hansen" not in stored and "Jens Hansen" not in body
    read = (await http.get(f"/fora/{forum}", headers=token())).json()
    [minutes] = read["minutes"].values()
    assert minutes["agenda"] == "Shooting at Ruten; Jens Hansen's idea"
    assert minutes["decisions"] == "Night walks from Friday" and minutes["heldOn"] == "2026-10-05"
    # Names are camelCase; an id keying a map (``fu_1``) is kept as it is.
    assert read["followUps"]["fu_1"] == {
        "meetingId": read["meetings"][0],
        "actorId": CLUB,
        "due": "2026-10-12",
        "status": "open",
    }
    strategy = await http.post("/strategy", headers=token(), json={"title": "Safe in Copenhagen"})
    assert strategy.status_code == 201
    assert (await http.get("/strategy", headers=token())).json()["title"] == "Safe in Copenhagen"


async def test_activities_are_looked_up_by_id_in_one_call(http: httpx.AsyncClient) -> None:
    made = [
        (
            await http.post("/activities", headers=token(), json={**ACTIVITY, "title": f"A {n}"})
        ).json()["id"]
        for n in range(3)
    ]
    page = (
        await http.get("/activities", headers=token(), params=[("id", made[0]), ("id", made[2])])
    ).json()
    assert sorted(a["id"] for a in page["items"]) == sorted([made[0], made[2]])
    assert len(page["cursors"]) == 2


async def test_the_strategys_records_are_read_back_the_latest_result_per_area_and_period(
    http: httpx.AsyncClient,
) -> None:
    assert (
        await http.post("/strategy", headers=token(), json={"title": "Safe"})
    ).status_code == 201
    focus = (
        await http.post("/strategy/focus-areas", headers=token(), json={"title": "Youth"})
    ).json()["focusAreaId"]
    indicator = (
        await http.post(
            "/strategy/indicators",
            headers=token(),
            json={"focusAreaId": focus, "name": "Feel safe", "unit": "%", "direction": "increase"},
        )
    ).json()["indicatorId"]
    measured = {"indicatorId": indicator, "value": 81.5, "period": "2026", "source": "Police"}
    assert (
        await http.post("/strategy/measurements", headers=token(), json=measured)
    ).status_code == 200
    result = {
        "areaId": TINGBJERG,
        "period": "2026",
        "feelingSafe": 80,
        "feelingUnsafe": 10,
        "respondents": 300,
        "invited": 1000,
    }
    for safe in (80, 84):
        recorded = await http.post(
            "/strategy/safety-index-results",
            headers=token(),
            json={"results": [{**result, "feelingSafe": safe}]},
        )
        assert recorded.status_code == 200, recorded.text
    read = (await http.get("/strategy/safety-index-results", headers=token())).json()["items"]
    assert [(r["areaId"], r["period"], r["feelingSafe"]) for r in read] == [(TINGBJERG, "2026", 84)]
    [added] = (await http.get("/strategy/indicators", headers=token())).json()["items"]
    assert added["name"] == "Feel safe" and added["focusAreaId"] == focus
    [value] = (await http.get("/strategy/measurements", headers=token())).json()["items"]
    assert value["value"] == 81.5 and value["indicatorId"] == indicator
    assert (await http.get("/strategy/minutes", headers=token())).status_code == 404
    elsewhere = await http.get("/strategy/safety-index-results", headers=token(tenant="0851"))
    assert elsewhere.json()["items"] == []

"""The actors API: commands and reads, validation, roles, tenancy."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from tests.actors.conftest import AALBORG, Actors, token
from trygnet_core.schema import events


async def event_count(service: Actors) -> int:
    async with service.engine.connect() as conn:
        return (await conn.execute(select(func.count()).select_from(events))).scalar_one()


async def test_a_coordinator_builds_the_overview_of_an_area(service: Actors) -> None:
    tingbjerg = await service.area("Tingbjerg", population=6500)
    husum = await service.area("Husum")
    ssp = await service.actor(
        "SSP Brønshøj",
        "ssp",
        areas=[tingbjerg],
        levels=["frontline"],
        themes=["youth"],
        phone="+45 33 66 33 66",
        externalId="ssp-1",
    )
    await service.actor(
        "Tingbjerg Boligselskab",
        "housing_association",
        areas=[tingbjerg, husum],
        levels=["strategic", "frontline"],
        themes=["housing_environment"],
    )
    await service.actor(
        "Husum Boldklub",
        "civil_society",
        areas=[husum],
        levels=["civil_society"],
        themes=["youth"],
        description="Football for young people 13-17",
    )

    actor = await service.ok("GET", f"/actors/{ssp}")
    assert (
        actor["name"] == "SSP Brønshøj"
        and actor["areas"] == [tingbjerg]
        and actor["status"] == "active"
    )
    assert actor["externalId"] == "ssp-1" and actor["version"] == 1

    in_tingbjerg = await service.ok("GET", "/actors", params={"areaId": tingbjerg})
    assert [a["name"] for a in in_tingbjerg["items"]] == ["SSP Brønshøj", "Tingbjerg Boligselskab"]
    assert in_tingbjerg["totalCount"] == 2
    youth = await service.ok("GET", "/actors", params={"theme": "youth", "level": "civil_society"})
    assert [a["name"] for a in youth["items"]] == ["Husum Boldklub"]
    assert (await service.ok("GET", "/actors", params={"sector": "ssp"}))["totalCount"] == 1
    assert [
        a["name"]
        for a in (await service.ok("GET", "/actors", params={"search": "FOOTBALL young"}))["items"]
    ] == ["Husum Boldklub"]

    first = await service.ok("GET", "/actors", params={"first": 2})
    assert (
        len(first["items"]) == 2 and first["pageInfo"]["hasNextPage"] and first["totalCount"] == 3
    )
    rest = await service.ok(
        "GET", "/actors", params={"first": 2, "after": first["pageInfo"]["endCursor"]}
    )
    assert [a["name"] for a in rest["items"]] == ["Tingbjerg Boligselskab"]
    assert not rest["pageInfo"]["hasNextPage"]
    assert [a["name"] for a in await service.ok("GET", "/areas")] == ["Husum", "Tingbjerg"]


async def test_only_what_changed_is_recorded(service: Actors) -> None:
    actor = await service.actor(phone="+45 12 34 56 78")
    unchanged = await service.ok(
        "PATCH", f"/actors/{actor}", json={"name": "SSP Brønshøj", "phone": "+45 12 34 56 78"}
    )
    assert unchanged["version"] == 1 and unchanged["position"] is None
    changed = await service.ok(
        "PATCH", f"/actors/{actor}", json={"name": "SSP Brønshøj-Husum", "phone": None}
    )
    assert changed["version"] == 2 and changed["position"] is not None
    got = await service.ok("GET", f"/actors/{actor}")
    assert got["name"] == "SSP Brønshøj-Husum" and got["phone"] is None
    assert (await service.ok("POST", f"/actors/{actor}/deactivate", json={"reason": "closed"}))[
        "version"
    ] == 3
    assert (await service.ok("GET", "/actors", params={"status": "inactive"}))["totalCount"] == 1
    assert (await service.ok("POST", f"/actors/{actor}/reactivate"))["version"] == 4


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"name": "X", "sector": "bank"}, "sector"),
        ({"name": "  ", "sector": "ssp"}, "name"),
        ({"name": "X", "sector": "ssp", "phone": "call me"}, "phone"),
        ({"name": "X", "sector": "ssp", "email": "not-an-address"}, "email"),
        ({"name": "X", "sector": "ssp", "areas": ["area-nowhere"]}, "areas"),
        ({"name": "X", "sector": "ssp", "levels": ["galactic"]}, "levels.0"),
        ({"name": "X", "sector": "ssp", "website": "ftp://x"}, "website"),
        ({"name": "X", "sector": "ssp", "color": "red"}, "color"),
    ],
)
async def test_bad_input_names_the_field_and_writes_nothing(
    service: Actors, body: dict, field: str
) -> None:
    before = await event_count(service)
    response = await service.call("POST", "/actors", json=body)
    assert response.status_code == 422, response.text
    problem = response.json()
    assert problem["code"] == "BAD_USER_INPUT" and problem["field"] == field
    assert await event_count(service) == before


async def test_merging_an_actor_with_itself_is_refused(service: Actors) -> None:
    actor = await service.actor()
    response = await service.call("POST", f"/actors/{actor}/merge", json={"mergedId": actor})
    assert response.status_code == 422 and response.json()["field"] == "mergedId"


async def test_a_merged_actor_points_to_its_survivor_which_keeps_its_contacts(
    service: Actors,
) -> None:
    area = await service.area()
    survivor = await service.actor("SSP Brønshøj", areas=[area], themes=["youth"])
    duplicate = await service.actor("SSP Bronshoj", themes=["education"])
    await service.ok(
        "POST",
        f"/actors/{duplicate}/contacts",
        json={"name": "Mette Holm", "legalBasis": "public_task", "phone": "+45 20 30 40 50"},
    )
    merged = await service.ok("POST", f"/actors/{survivor}/merge", json={"mergedId": duplicate})
    assert merged["id"] == survivor
    gone = await service.ok("GET", f"/actors/{duplicate}")
    assert gone["status"] == "merged" and gone["mergedInto"] == survivor
    kept = await service.ok("GET", f"/actors/{survivor}")
    assert kept["mergedFrom"] == [duplicate] and set(kept["themes"]) == {"youth", "education"}
    contacts = await service.ok("GET", f"/actors/{survivor}/contacts")
    assert [c["name"] for c in contacts] == ["Mette Holm"]
    again = await service.call("PATCH", f"/actors/{duplicate}", json={"name": "Y"})
    assert again.status_code == 409 and survivor in again.json()["detail"]
    listed = await service.ok("GET", "/actors")
    assert [a["actorId"] for a in listed["items"]] == [survivor]


async def test_contact_details_are_shown_only_to_coordinators_and_the_actors_own_staff(
    service: Actors,
) -> None:
    ssp = await service.actor("SSP")
    club = await service.actor("Husum Boldklub", "civil_society")
    await service.ok(
        "POST",
        f"/actors/{ssp}/contacts",
        json={
            "name": "Jens Hansen",
            "title": "SSP consultant",
            "phone": "+45 20 30 40 50",
            "email": "jens@example.dk",
            "legalBasis": "public_task",
        },
    )
    full = {"phone": "+45 20 30 40 50", "email": "jens@example.dk"}
    for who in (token(), token(roles=("partner",), actor=ssp)):
        [seen] = await service.ok("GET", f"/actors/{ssp}/contacts", as_=who)
        assert seen["name"] == "Jens Hansen" and {k: seen[k] for k in full} == full
    for who in (token(roles=("partner",), actor=club), token(roles=("police",))):
        [seen] = await service.ok("GET", f"/actors/{ssp}/contacts", as_=who)
        assert seen["name"] == "Jens Hansen" and seen["title"] == "SSP consultant"
        assert "phone" not in seen and "email" not in seen and "legalBasis" not in seen


async def test_the_role_matrix(service: Actors) -> None:
    area = await service.area()
    own = await service.actor("SSP")
    other = await service.actor("Police Copenhagen West", "police")
    contact = (
        await service.ok(
            "POST", f"/actors/{own}/contacts", json={"name": "A", "legalBasis": "consent"}
        )
    )["id"]
    partner = token(roles=("partner",), actor=own)
    police = token(roles=("police",))
    national = token(roles=("national",))
    writer = token(roles=("integration",), scopes=("actors:write",))

    async def status(method: str, path: str, who: dict[str, str], **kw: object) -> int:
        return (await service.call(method, path, as_=who, **kw)).status_code

    # partners change their own actor and its contacts, nothing else
    assert (
        await status("PATCH", f"/actors/{own}", partner, json={"description": "SSP in Brønshøj"})
        == 200
    )
    assert await status("PUT", f"/actors/{own}/themes", partner, json={"themes": ["youth"]}) == 200
    assert (
        await status(
            "POST", f"/actors/{own}/contacts", partner, json={"name": "B", "legalBasis": "consent"}
        )
        == 201
    )
    assert await status("PATCH", f"/contacts/{contact}", partner, json={"title": "Leader"}) == 200
    assert await status("PATCH", f"/actors/{other}", partner, json={"name": "X"}) == 403
    assert (
        await status(
            "POST",
            f"/actors/{other}/contacts",
            partner,
            json={"name": "C", "legalBasis": "consent"},
        )
        == 403
    )
    assert await status("POST", "/actors", partner, json={"name": "New", "sector": "other"}) == 403
    assert (
        await status("POST", "/areas", partner, json={"name": "Vanløse", "kind": "district"}) == 403
    )
    assert await status("POST", f"/actors/{own}/merge", partner, json={"mergedId": other}) == 403
    assert await status("GET", f"/actors/{other}", partner) == 200
    # police read, change nothing
    assert await status("GET", "/actors", police) == 200
    assert await status("GET", f"/areas/{area}", police) == 200
    assert await status("PATCH", f"/actors/{own}", police, json={"name": "X"}) == 403
    assert await status("POST", f"/contacts/{contact}/erase", police) == 403
    # national bodies read nothing here
    assert await status("GET", "/actors", national) == 403
    assert await status("GET", "/areas", national) == 403
    assert await status("GET", f"/actors/{own}/contacts", national) == 403
    # an integration with the write scope acts as a coordinator
    assert (
        await status("POST", "/areas", writer, json={"name": "Vanløse", "kind": "district"}) == 201
    )
    # nobody without a token
    assert (await service.http.get("/actors")).status_code == 401


async def test_another_tenants_token_gets_not_found_for_every_endpoint(service: Actors) -> None:
    area = await service.area()
    actor = await service.actor(areas=[area])
    other = await service.actor("Other")
    contact = (
        await service.ok(
            "POST", f"/actors/{actor}/contacts", json={"name": "A", "legalBasis": "consent"}
        )
    )["id"]
    before = await event_count(service)
    aalborg = token(tenant=AALBORG)
    attempts = [
        ("GET", f"/areas/{area}", None),
        ("POST", f"/areas/{area}/rename", {"name": "X"}),
        ("POST", f"/areas/{area}/retire", None),
        ("GET", f"/actors/{actor}", None),
        ("PATCH", f"/actors/{actor}", {"name": "X"}),
        ("PUT", f"/actors/{actor}/areas", {"areas": []}),
        ("PUT", f"/actors/{actor}/levels", {"levels": []}),
        ("PUT", f"/actors/{actor}/themes", {"themes": []}),
        ("POST", f"/actors/{actor}/deactivate", None),
        ("POST", f"/actors/{actor}/reactivate", None),
        ("POST", f"/actors/{actor}/merge", {"mergedId": other}),
        ("GET", f"/actors/{actor}/contacts", None),
        ("POST", f"/actors/{actor}/contacts", {"name": "B", "legalBasis": "consent"}),
        ("PATCH", f"/contacts/{contact}", {"name": "X"}),
        ("DELETE", f"/contacts/{contact}", None),
        ("POST", f"/contacts/{contact}/erase", None),
    ]
    for method, path, body in attempts:
        response = await service.call(method, path, as_=aalborg, json=body)
        assert response.status_code == 404, (
            f"{method} {path}: {response.status_code} {response.text}"
        )
        assert response.json()["code"] == "NOT_FOUND"
    assert (await service.ok("GET", "/actors", as_=aalborg))["totalCount"] == 0
    assert await service.ok("GET", "/areas", as_=aalborg) == []
    assert await event_count(service) == before


async def test_an_erased_contact_reads_as_erased_and_takes_no_more_changes(service: Actors) -> None:
    actor = await service.actor()
    contact = (
        await service.ok(
            "POST",
            f"/actors/{actor}/contacts",
            json={"name": "Jens Hansen", "phone": "+45 20 30 40 50", "legalBasis": "consent"},
        )
    )["id"]
    await service.ok("POST", f"/contacts/{contact}/erase")
    assert await service.ok("GET", f"/actors/{actor}/contacts") == []
    response = await service.call("PATCH", f"/contacts/{contact}", json={"name": "Jens"})
    assert response.status_code == 409
    again = await service.ok("POST", f"/contacts/{contact}/erase")
    assert again["position"] is None


async def test_actors_are_looked_up_by_id_in_one_call_with_a_cursor_each(service) -> None:
    ids = [await service.actor(f"Organisation {n}") for n in range(4)]
    page = await service.ok(
        "GET", "/actors", params=[("id", ids[0]), ("id", ids[2]), ("id", "actor-nobody")]
    )
    assert sorted(a["actorId"] for a in page["items"]) == sorted([ids[0], ids[2]])
    assert page["totalCount"] == 2 and len(page["cursors"]) == 2
    after_first = await service.ok(
        "GET", "/actors", params={"after": page["cursors"][0], "id": [ids[0], ids[2]]}
    )
    assert page["items"][1]["actorId"] == after_first["items"][0]["actorId"]


@pytest.mark.parametrize(
    "coordinates",
    ["[[[NaN, 55.70], [12.49, Infinity], [12.47, 55.70]]]", '[["x"]]', "[[[12.47]]]"],
    ids=["not-a-number", "not-a-position", "one-number"],
)
async def test_an_outline_whose_positions_are_not_two_finite_numbers_is_refused(
    service: Actors, coordinates: str
) -> None:
    """Python's JSON reader takes NaN and Infinity, which no JSON column stores (the
    fuzzer's finding: a 500 on PostgreSQL); nor is ``["x"]`` a place on a map."""
    before = await event_count(service)
    body = '{"name": "Tingbjerg", "kind": "housing_area", "outline": {"type": "Polygon", '
    response = await service.call(
        "POST",
        "/areas",
        content=f'{body}"coordinates": {coordinates}}}}}',
        as_={**token(), "Content-Type": "application/json"},
    )
    assert response.status_code == 422, response.text
    assert response.json()["field"] == "outline"
    assert await event_count(service) == before


@pytest.mark.parametrize(
    ("method", "path", "body", "field"),
    [
        ("POST", "/areas", '{"name": "Ting\\u0000bjerg", "kind": "housing_area"}', "body"),
        ("POST", "/actors", '{"name": "SSP", "sector": "ssp", "department": "\\u0000"}', "body"),
        ("GET", "/actors/actor-%00", None, "path"),
        ("GET", "/actors?sector=ssp%00", None, "query"),
    ],
    ids=["area-name", "actor-department", "path", "query"],
)
async def test_the_nul_character_is_refused_wherever_a_request_carries_it(
    service: Actors, method: str, path: str, body: str | None, field: str
) -> None:
    """PostgreSQL's text cannot hold U+0000 (the fuzzer's finding: a 500 there, where
    SQLite stored it): every service refuses it, on either backend, writing nothing."""
    before = await event_count(service)
    response = await service.call(
        method,
        path,
        content=body,
        as_={**token(), "Content-Type": "application/json"},
    )
    assert response.status_code == 422, response.text
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["code"] == "BAD_USER_INPUT"
    assert response.json()["field"] == field
    assert response.headers["x-correlation-id"] == response.json()["correlation_id"]
    assert await event_count(service) == before


async def test_a_backslash_u_in_text_is_not_a_nul_character(service: Actors) -> None:
    response = await service.call(
        "POST",
        "/areas",
        content='{"name": "C:\\\\u0000 Tingbjerg", "kind": "housing_area"}',
        as_={**token(), "Content-Type": "application/json"},
    )
    assert response.status_code == 201, response.text


async def test_an_area_and_an_actor_answer_their_fields_and_none_of_the_tables_own(
    service: Actors,
) -> None:
    """The reads answer every column of the current-state tables in camelCase but the
    tenant, an area name's uniqueness key and the actors' search text."""
    area = await service.area("Tingbjerg", population=6500)
    actor = await service.actor("SSP Brønshøj", "ssp", areas=[area])
    area_fields = {"areaId", "name", "kind", "outline", "population", "retired", "version"}
    actor_fields = {
        *("actorId", "name", "sector", "department", "parentActorId", "levels", "areas"),
        *("themes", "description", "phone", "email", "website", "externalId", "status"),
        *("mergedInto", "mergedFrom", "version"),
    }
    assert set(await service.ok("GET", f"/areas/{area}")) == area_fields
    assert [set(a) for a in await service.ok("GET", "/areas")] == [area_fields]
    assert set(await service.ok("GET", f"/actors/{actor}")) == actor_fields
    assert [set(a) for a in (await service.ok("GET", "/actors"))["items"]] == [actor_fields]

"""The practice exchange through the GraphQL API, on the whole platform over SQLite and
over PostgreSQL: who may share and withdraw, that a practice carries exactly its shared
fields, that an activity a municipality did not share is invisible to every other
municipality by every root field, that a withdrawn practice is gone, and the support
offers each municipality sees."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
from graphql import get_named_type, is_non_null_type

from tests.conftest import drop_postgres_schema, needs_postgres, postgres_engine
from tests.gateway.conftest import GraphQL, codes, token
from tests.gateway.test_tenancy import ask_within_cost, eventually, leaks, schema_of
from tests.support.platform import Platform, running_platform

NATIONAL = token("0000", "national")
SERVICES = ("actors", "activities", "incidents", "reporting")


@pytest.fixture(
    scope="module",
    params=["sqlite", pytest.param("postgresql", marks=[needs_postgres, pytest.mark.postgres])],
)
async def exchange(
    request: pytest.FixtureRequest,
    bootstrap_servers: str,
    tmp_path_factory: pytest.TempPathFactory,
) -> AsyncIterator[Platform]:
    folder = tmp_path_factory.mktemp("exchange")
    if request.param == "sqlite":
        async with running_platform(bootstrap_servers, folder) as started:
            yield started
        return
    run = uuid.uuid4().hex[:8]
    engines = {name: await postgres_engine(f"x_{run}_{name}") for name in SERVICES}
    try:
        async with running_platform(bootstrap_servers, folder, engines=engines) as started:
            yield started
    finally:
        for name, engine in engines.items():
            await engine.dispose()
            await drop_postgres_schema(f"x_{run}_{name}")


@pytest.fixture
async def graphql(exchange: Platform) -> AsyncIterator[GraphQL]:
    async with httpx.AsyncClient(base_url=exchange.gateway, timeout=30) as http:
        yield GraphQL(http)


async def seed(platform: Platform, tenant: str, marker: str) -> dict[str, str]:
    """A municipality with a strategy, two activities and a contact person: ``shared``
    to be shared, ``activity`` never (its title and description carry ``marker``)."""
    headers = {"Authorization": f"Bearer {token(tenant, 'coordinator')}"}
    urls = platform.services
    async with httpx.AsyncClient(headers=headers, timeout=30) as http:

        async def post(service: str, path: str, body: dict[str, Any], made: str = "id") -> str:
            answer = await eventually(lambda: http.post(urls[service] + path, json=body))
            return str(answer[made])

        area = await post("actors", "/areas", {"name": f"Area {marker}", "kind": "housing_area"})
        ids = {"area": area}
        for key, name, sector in (
            ("actor", "SSP Vest", "ssp"),
            ("partner", "Idrætsforeningen", "civil_society"),
            ("other", "Politiet", "police"),
        ):
            ids[key] = await post(
                "actors", "/actors", {"name": name, "sector": sector, "areas": [area]}
            )
        ids["contact"] = await post(
            "actors",
            f"/actors/{ids['partner']}/contacts",
            {"name": f"Person {marker}", "legalBasis": "public_task", "phone": "+45 11 22 33 44"},
        )
        await post("activities", "/strategy", {"title": "Joint strategy"})
        focus = await post("activities", "/strategy/focus-areas", {"title": "Youth"}, "focusAreaId")
        indicator = await post(
            "activities",
            "/strategy/indicators",
            {
                "focusAreaId": focus,
                "name": "Young people in education",
                "unit": "%",
                "direction": "increase",
                "target": 90,
            },
            "indicatorId",
        )
        await post(
            "activities",
            "/strategy/measurements",
            {"indicatorId": indicator, "value": 84.5, "period": "2026", "source": "UU"},
        )
        ids["shared"] = await post(
            "activities",
            "/activities",
            {
                "title": "Fritidsjob til unge",
                "description": "A first job with a local employer.",
                "level": "frontline",
                "ownerActorId": ids["actor"],
                "areas": [area],
                "themes": ["youth", "employment"],
                "targetGroup": "young people without a leisure job",
                "targetAgeFrom": 13,
                "targetAgeTo": 17,
                "start": "2026-01-05",
                "hours": 1200,
                "budget": 450000,
                "focusAreas": [focus],
            },
        )
        await post(
            "activities",
            f"/activities/{ids['shared']}/partners",
            {"actorId": ids["partner"], "role": "partner"},
        )
        ids["activity"] = await post(
            "activities",
            "/activities",
            {
                "title": f"Unshared {marker}",
                "description": f"Kept at home {marker}",
                "level": "frontline",
                "ownerActorId": ids["other"],
                "areas": [area],
                "themes": ["youth"],
                "targetAgeFrom": 13,
                "targetAgeTo": 17,
                "focusAreas": [focus],
            },
        )
    return ids


SHARE = """mutation($input: SharePracticeInput!) { sharePractice(input: $input) {
  position practice { id activityId title } } }"""
WITHDRAW = """mutation($a: ID!) { withdrawPractice(input: {activityId: $a}) {
  position activityId } }"""
PRACTICE = """{ id municipality { code name country } title description themes targetGroup
  targetAgeFrom targetAgeTo partnerSectors partners { name sector } hours budget
  results { indicator unit direction target value period } contact { name sector }
  activityId }"""
BY_ACTIVITY = """query($a: ID!, $at: [String!]) { practices(activityId: $a, atLeast: $at)
  { edges { node { activityId } } } }"""
FIND = (
    "query($s: String, $at: [String!]) { practices(search: $s, atLeast: $at) "
    "{ totalCount edges { node " + PRACTICE + " } } }"
)


async def test_a_practice_carries_exactly_its_shared_fields_and_nothing_unshared_crosses(
    graphql: GraphQL, exchange: Platform
) -> None:
    marker = f"Secret-{uuid.uuid4().hex}"
    home, away = f"h{uuid.uuid4().hex[:8]}", f"a{uuid.uuid4().hex[:8]}"
    ids = await seed(exchange, home, marker)
    owner, other = token(home, "coordinator"), token(away, "coordinator")
    share = {"activityId": ids["shared"], "contactActorId": ids["partner"]}

    # the role matrix: only the municipality's own coordinator shares and withdraws
    for who, code in (
        (token(home, "partner", actor=ids["actor"]), "FORBIDDEN"),
        (token(home, "police", actor=ids["other"]), "FORBIDDEN"),
        (NATIONAL, "FORBIDDEN"),
        (other, "NOT_FOUND"),
    ):
        assert codes(await graphql(SHARE, who, input=share)) == [code]
    shared = (await graphql.settled(SHARE, owner, input=share))["sharePractice"]
    assert shared["practice"]["activityId"] == ids["shared"]
    # by its activity: the municipality's own practice, and for anyone else nothing
    for who, found in ((owner, [ids["shared"]]), (other, []), (NATIONAL, [])):
        at = [shared["position"]] if who == owner else None  # a position is the writer's
        page = await graphql.ok(BY_ACTIVITY, who, a=ids["shared"], at=at)
        assert [e["node"]["activityId"] for e in page["practices"]["edges"]] == found, who
    for who, code in (
        (token(home, "partner", actor=ids["actor"]), "FORBIDDEN"),
        (NATIONAL, "FORBIDDEN"),
        (other, "NOT_FOUND"),
    ):
        assert codes(await graphql(WITHDRAW, who, a=ids["shared"])) == [code]

    # another municipality finds exactly the shared fields, under the sharer's name
    found = await graphql.ok(FIND, other, s="Fritidsjob")
    [practice] = [
        e["node"] for e in found["practices"]["edges"] if e["node"]["municipality"]["code"] == home
    ]
    assert practice.pop("id") not in str(ids)
    assert practice == {
        "municipality": {"code": home, "name": None, "country": None},
        "title": "Fritidsjob til unge",
        "description": "A first job with a local employer.",
        "themes": ["EMPLOYMENT", "YOUTH"],
        "targetGroup": "young people without a leisure job",
        "targetAgeFrom": 13,
        "targetAgeTo": 17,
        "partnerSectors": ["CIVIL_SOCIETY", "SSP"],
        "partners": [],
        "hours": 1200,
        "budget": 450000,
        "results": [
            {
                "indicator": "Young people in education",
                "unit": "%",
                "direction": "INCREASE",
                "target": 90.0,
                "value": 84.5,
                "period": "2026",
            }
        ],
        "contact": {"name": "Idrætsforeningen", "sector": "CIVIL_SOCIETY"},
        "activityId": None,
    }

    # nothing unshared crosses, by any root field, for another coordinator or a national body
    schema = await schema_of(graphql, other)
    assert schema.query_type is not None
    problems = {}
    unseeded = ("forum", "partnership", "walk", "incident")
    kept_home = {**{kind: f"{kind}-{uuid.uuid4().hex}" for kind in unseeded}, **ids}
    for who in (other, NATIONAL):
        for name, field in sorted(schema.query_type.fields.items()):
            body = await ask_within_cost(graphql, who, name, field, kept_home)
            if leaks(body, marker, kept_home):
                problems[name] = body
            targeted = any(
                get_named_type(a.type).name == "ID" and is_non_null_type(a.type)
                for a in field.args.values()
            )
            if targeted:  # one thing of the municipality, asked for by its id: none
                assert not (body.get("data") or {}).get(name), (name, body)
    assert problems == {}
    assert marker not in str(await graphql.ok(FIND, NATIONAL, s=None))

    # withdrawn, no one finds it; shared again, it is back
    withdrawn = (await graphql.ok(WITHDRAW, owner, a=ids["shared"]))["withdrawPractice"]
    mine = await graphql.ok(FIND, owner, s="Fritidsjob", at=[withdrawn["position"]])
    assert not [e for e in mine["practices"]["edges"] if e["node"]["municipality"]["code"] == home]
    for who in (other, NATIONAL):
        theirs = await graphql.ok(FIND, who, s="Fritidsjob")
        assert home not in str(theirs)


OFFERS = "query($at: [String!]) { supportOffers(atLeast: $at) { id title areaKinds deadline } }"
PUBLISH = """mutation($input: PublishSupportOfferInput!) { publishSupportOffer(input: $input) {
  position supportOffer { id title } } }"""


async def test_national_bodies_publish_and_each_municipality_sees_what_matches(
    graphql: GraphQL, exchange: Platform
) -> None:
    home, away = f"h{uuid.uuid4().hex[:8]}", f"a{uuid.uuid4().hex[:8]}"
    await seed(exchange, home, "offers")
    title = f"Pulje {uuid.uuid4().hex[:6]}"
    offer = {
        "title": title,
        "provider": "Social- og Boligstyrelsen",
        "areaKinds": ["HOUSING_AREA"],
        "deadline": "2099-03-01",
        "link": "https://example.org/pulje",
    }
    for who in (token(home, "coordinator"), token(home, "partner", actor="x")):
        assert codes(await graphql(PUBLISH, who, input=offer)) == ["FORBIDDEN"]
    published = (await graphql.ok(PUBLISH, NATIONAL, input=offer))["publishSupportOffer"]
    assert published["supportOffer"]["title"] == title
    seen = await graphql.ok(OFFERS, token(home, "coordinator"), at=None)
    assert title in [o["title"] for o in seen["supportOffers"]]
    elsewhere = await graphql.ok(OFFERS, token(away, "coordinator"), at=None)
    assert title not in [o["title"] for o in elsewhere["supportOffers"]]  # no housing area
    assert codes(await graphql(OFFERS, token(home, "partner", actor="x"), at=None)) == []

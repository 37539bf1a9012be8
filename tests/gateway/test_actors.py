"""Areas and actors through the gateway, against the real actors service."""

from __future__ import annotations

from tests.gateway.conftest import GraphQL, Platform, codes, token

REGISTER = """
mutation($input: RegisterActorInput!) {
  registerActor(input: $input) { position actor { id name sector levels themes areas { id name } } }
}"""
DEFINE = "mutation($input: DefineAreaInput!) { defineArea(input: $input) { area { id } } }"
PAGE = """
query($first: Int, $after: String, $area: ID) {
  actors(areaId: $area, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { cursor node { id name areas { id name } parent { id } } }
  }
}"""


async def define_area(graphql: GraphQL, coordinator: str, name: str) -> str:
    data = await graphql.ok(DEFINE, coordinator, input={"name": name, "kind": "housing_area"})
    return str(data["defineArea"]["area"]["id"])


async def test_a_registered_actor_is_read_back_with_its_areas(
    graphql: GraphQL, tenant: str
) -> None:
    coordinator = token(tenant, "coordinator")
    area = await define_area(graphql, coordinator, "Tingbjerg-Husum")
    data = await graphql.ok(
        REGISTER,
        coordinator,
        input={
            "name": "SSP Copenhagen",
            "sector": "municipality",
            "levels": ["FRONTLINE"],
            "themes": ["YOUTH"],
            "areas": [area],
        },
    )
    written = data["registerActor"]
    actor = written["actor"]
    assert actor["name"] == "SSP Copenhagen" and actor["levels"] == ["FRONTLINE"]
    assert actor["areas"] == [{"id": area, "name": "Tingbjerg-Husum"}]
    assert written["position"] == f"actors/{actor['id']}/1"
    one = await graphql.ok(
        "query($id: ID!) { actor(id: $id) { name } }", coordinator, id=actor["id"]
    )
    assert one["actor"]["name"] == "SSP Copenhagen"


async def test_bad_input_names_the_field_and_writes_nothing(graphql: GraphQL, tenant: str) -> None:
    coordinator = token(tenant, "coordinator")
    body = await graphql(REGISTER, coordinator, input={"name": "X", "sector": "spaceship"})
    assert codes(body) == ["BAD_USER_INPUT"]
    assert body["errors"][0]["extensions"]["field"] == "sector"
    page = await graphql.ok(PAGE, coordinator, first=10)
    assert page["actors"]["totalCount"] == 0


async def test_a_page_of_fifty_actors_with_their_areas_costs_a_bounded_number_of_calls(
    graphql: GraphQL, platform: Platform, tenant: str
) -> None:
    coordinator = token(tenant, "coordinator")
    areas = [await define_area(graphql, coordinator, f"Area {n}") for n in range(5)]
    parent = None
    for n in range(60):
        data = await graphql.ok(
            REGISTER,
            coordinator,
            input={
                "name": f"Actor {n:02}",
                "sector": "civil_society",
                "areas": [areas[n % 5], areas[(n + 1) % 5]],
                **({"parentActorId": parent} if parent else {}),
            },
        )
        parent = parent or data["registerActor"]["actor"]["id"]
    calls = platform.app.state.services.calls
    before = calls.copy()
    page = await graphql.ok(PAGE, coordinator, first=50)
    made = calls - before
    connection = page["actors"]
    assert connection["totalCount"] == 60 and len(connection["edges"]) == 50
    assert all(len(edge["node"]["areas"]) == 2 for edge in connection["edges"])
    assert sum(1 for edge in connection["edges"] if edge["node"]["parent"]) == 49
    # the page, one batch of areas, one batch of parents: never one call per actor
    assert made["actors"] <= 3, made
    rest = await graphql.ok(PAGE, coordinator, first=50, after=connection["pageInfo"]["endCursor"])
    assert len(rest["actors"]["edges"]) == 10 and not rest["actors"]["pageInfo"]["hasNextPage"]


async def test_a_page_larger_than_the_limit_is_refused(graphql: GraphQL, tenant: str) -> None:
    body = await graphql(PAGE, token(tenant, "coordinator"), first=101)
    assert codes(body) == ["BAD_USER_INPUT"] and body["errors"][0]["extensions"]["field"] == "first"

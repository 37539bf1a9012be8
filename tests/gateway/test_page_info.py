"""``PageInfo`` as the Relay specification has it, over GraphQL against the services:
``startCursor`` and ``endCursor`` bound the page, ``hasPreviousPage`` says whether the
page was asked for after a cursor."""

from __future__ import annotations

from tests.gateway.conftest import GraphQL, token

REGISTER = "mutation($input: RegisterActorInput!) { registerActor(input: $input) { position } }"
PAGE = """
query($after: String) {
  actors(first: 2, after: $after) {
    edges { cursor }
    pageInfo { hasPreviousPage hasNextPage startCursor endCursor }
  }
}"""


async def test_page_info_bounds_each_page_and_knows_the_first(
    graphql: GraphQL, tenant: str
) -> None:
    coordinator = token(tenant, "coordinator")
    for name in ("A", "B", "C"):
        await graphql.ok(REGISTER, coordinator, input={"name": name, "sector": "SSP"})
    first = (await graphql.ok(PAGE, coordinator))["actors"]
    cursors = [edge["cursor"] for edge in first["edges"]]
    assert first["pageInfo"] == {
        "hasPreviousPage": False,
        "hasNextPage": True,
        "startCursor": cursors[0],
        "endCursor": cursors[-1],
    }
    second = (await graphql.ok(PAGE, coordinator, after=cursors[-1]))["actors"]
    [last] = [edge["cursor"] for edge in second["edges"]]
    assert second["pageInfo"] == {
        "hasPreviousPage": True,
        "hasNextPage": False,
        "startCursor": last,
        "endCursor": last,
    }

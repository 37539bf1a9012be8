"""``Idempotency-Key`` over GraphQL, against the whole platform: a retried mutation is
written once and answered the same; another mutation under the key is refused naming
the header; keys of another municipality or another mutation of the same request never
collide; and integrators find actors by their own external ids."""

from __future__ import annotations

import asyncio
import uuid
from typing import Any

from tests.gateway.conftest import GraphQL, codes, token

REGISTER = """
mutation($input: RegisterActorInput!) {
  registerActor(input: $input) { position actor { id name externalId } }
}"""
BY_EXTERNAL_ID = """
query($externalId: String) { actor(externalId: $externalId) { id name externalId } }"""
LIST_BY_EXTERNAL_ID = """
query($externalId: String) { actors(externalId: $externalId) { totalCount edges { node { id } } } }"""


async def keyed(
    graphql: GraphQL, query: str, coordinator: str, key: str, **variables: Any
) -> dict[str, Any]:
    response = await graphql.http.post(
        "/graphql",
        json={"query": query, "variables": variables},
        headers={"Authorization": f"Bearer {coordinator}", "Idempotency-Key": key},
    )
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


async def named(graphql: GraphQL, coordinator: str, name: str) -> list[str]:
    query = "query($s: String) { actors(search: $s) { edges { node { id name } } } }"
    data = await graphql.ok(query, coordinator, s=name)
    return [edge["node"]["id"] for edge in data["actors"]["edges"] if edge["node"]["name"] == name]


async def test_a_retried_register_actor_makes_one_actor_and_answers_the_same(
    graphql: GraphQL, tenant: str
) -> None:
    coordinator = token(tenant, "coordinator")
    key = str(uuid.uuid4())
    given = {"name": "SSP Brønshøj", "sector": "SSP", "externalId": "case-17"}
    first = await keyed(graphql, REGISTER, coordinator, key, input=given)
    again = await keyed(graphql, REGISTER, coordinator, key, input=given)
    assert not first.get("errors") and again == first
    assert await named(graphql, coordinator, "SSP Brønshøj") == [
        first["data"]["registerActor"]["actor"]["id"]
    ]


async def test_the_same_key_for_another_mutation_is_refused_naming_the_header(
    graphql: GraphQL, tenant: str
) -> None:
    coordinator = token(tenant, "coordinator")
    key = str(uuid.uuid4())
    await keyed(graphql, REGISTER, coordinator, key, input={"name": "A", "sector": "SSP"})
    other = await keyed(graphql, REGISTER, coordinator, key, input={"name": "B", "sector": "SSP"})
    assert codes(other) == ["BAD_USER_INPUT"]
    assert other["errors"][0]["extensions"]["field"] == "Idempotency-Key"
    assert await named(graphql, coordinator, "B") == []
    bad = await keyed(graphql, REGISTER, coordinator, "a key", input={"name": "C", "sector": "SSP"})
    assert codes(bad) == ["BAD_USER_INPUT"]
    assert bad["errors"][0]["extensions"]["field"] == "Idempotency-Key"
    assert await named(graphql, coordinator, "C") == []


async def test_concurrent_retries_make_one_actor(graphql: GraphQL, tenant: str) -> None:
    coordinator = token(tenant, "coordinator")
    key = str(uuid.uuid4())
    given = {"name": "Husum Boldklub", "sector": "CIVIL_SOCIETY"}
    bodies = await asyncio.gather(
        *(keyed(graphql, REGISTER, coordinator, key, input=given) for _ in range(5))
    )
    made = await named(graphql, coordinator, "Husum Boldklub")
    assert len(made) == 1
    for body in bodies:
        if body.get("errors"):
            assert codes(body) == ["CONFLICT"]
            assert body["errors"][0]["extensions"]["field"] == "Idempotency-Key"
        else:
            assert body["data"]["registerActor"]["actor"]["id"] == made[0]


async def test_keys_of_another_municipality_do_not_collide(graphql: GraphQL, tenant: str) -> None:
    key = str(uuid.uuid4())
    given = {"name": "Tryghedsvandring", "sector": "SSP"}
    here = await keyed(graphql, REGISTER, token(tenant, "coordinator"), key, input=given)
    other_tenant = tenant[:-1] + ("x" if tenant[-1] != "x" else "y")
    there = await keyed(graphql, REGISTER, token(other_tenant, "coordinator"), key, input=given)
    assert not here.get("errors") and not there.get("errors")
    ids = {b["data"]["registerActor"]["actor"]["id"] for b in (here, there)}
    assert len(ids) == 2


async def test_each_mutation_of_one_request_has_its_own_key(graphql: GraphQL, tenant: str) -> None:
    coordinator = token(tenant, "coordinator")
    key = str(uuid.uuid4())
    two = """
    mutation($a: RegisterActorInput!, $b: RegisterActorInput!) {
      first: registerActor(input: $a) { actor { id } }
      second: registerActor(input: $b) { actor { id } }
    }"""
    variables = {"a": {"name": "Ét", "sector": "SSP"}, "b": {"name": "To", "sector": "SSP"}}
    first = await keyed(graphql, two, coordinator, key, **variables)
    again = await keyed(graphql, two, coordinator, key, **variables)
    assert not first.get("errors") and again == first
    assert first["data"]["first"]["actor"]["id"] != first["data"]["second"]["actor"]["id"]
    assert len(await named(graphql, coordinator, "Ét")) == 1
    assert len(await named(graphql, coordinator, "To")) == 1


async def test_an_actor_is_found_by_its_external_id(graphql: GraphQL, tenant: str) -> None:
    coordinator = token(tenant, "coordinator")
    given = {
        "name": "Boligsocial Tingbjerg",
        "sector": "HOUSING_ASSOCIATION",
        "externalId": "cvr-9",
    }
    made = (await graphql.ok(REGISTER, coordinator, input=given))["registerActor"]["actor"]
    await graphql.ok(REGISTER, coordinator, input={"name": "Andet", "sector": "SSP"})
    found = await graphql.ok(BY_EXTERNAL_ID, coordinator, externalId="cvr-9")
    assert found["actor"] == made
    listed = await graphql.ok(LIST_BY_EXTERNAL_ID, coordinator, externalId="cvr-9")
    assert listed["actors"]["totalCount"] == 1
    assert listed["actors"]["edges"][0]["node"]["id"] == made["id"]
    missing = await graphql(BY_EXTERNAL_ID, coordinator, externalId="cvr-404")
    assert codes(missing) == ["NOT_FOUND"]
    assert missing["errors"][0]["extensions"]["field"] == "externalId"
    elsewhere = await graphql(
        BY_EXTERNAL_ID, token(tenant + "b", "coordinator"), externalId="cvr-9"
    )
    assert codes(elsewhere) == ["NOT_FOUND"]
    neither = await graphql("{ actor { id } }", coordinator)
    assert codes(neither) == ["BAD_USER_INPUT"]
    assert neither["errors"][0]["extensions"]["field"] == "id"
    both = await graphql(
        'query($id: ID) { actor(id: $id, externalId: "cvr-9") { id } }', coordinator, id=made["id"]
    )
    assert codes(both) == ["BAD_USER_INPUT"]
    assert both["errors"][0]["extensions"]["field"] == "externalId"

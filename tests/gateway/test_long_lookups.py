"""A lookup of an id too long for a service's request line (which a service takes up
to 16 KiB, headers included) is the caller's ``BAD_USER_INPUT`` naming the argument,
not a service's refusal answered ``UNAVAILABLE``: one huge id, and a hundred long ids
that the request's loaders would send as one batch."""

from __future__ import annotations

import pytest

from tests.gateway.conftest import GraphQL, codes, token

HUGE = "x" * 200_000


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("query($v: String!) { actor(externalId: $v) { id } }", "externalId"),
        ("query($v: ID!) { actor(id: $v) { id } }", "id"),
        ("query($v: ID) { incidents(actorId: $v) { edges { node { id } } } }", "actorId"),
        ("query($v: ID!) { incident(id: $v) { id } }", "id"),
    ],
)
async def test_a_huge_id_is_refused_naming_its_argument(
    graphql: GraphQL, tenant: str, query: str, field: str
) -> None:
    for role in ("coordinator", "partner"):
        body = await graphql(query, token(tenant, role, actor="actor-1"), v=HUGE)
        assert codes(body) == ["BAD_USER_INPUT"], body
        assert body["errors"][0]["extensions"]["field"] == field
        assert HUGE[:50] not in str(body)


async def test_a_batch_of_long_ids_is_refused_not_unavailable(
    graphql: GraphQL, tenant: str
) -> None:
    aliases = " ".join(f'a{n}: actor(id: "{n:03d}{"y" * 190}") {{ id }}' for n in range(100))
    body = await graphql(f"{{ {aliases} }}", token(tenant, "coordinator"))
    assert set(codes(body)) == {"BAD_USER_INPUT"}, body["errors"][0]
    assert {e["extensions"]["field"] for e in body["errors"]} == {"id"}
    short = await graphql('{ actor(id: "actor-none") { id } }', token(tenant, "coordinator"))
    assert codes(short) == ["NOT_FOUND"]

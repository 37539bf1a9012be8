"""Cursors are opaque and tamper-evident over GraphQL: each list's services sign them
(``trygnet_core.paging``), so a cursor a client edited or made up is BAD_USER_INPUT
naming ``after`` in every list, and a real one still reads the next page."""

from __future__ import annotations

import base64
import json

import pytest

from tests.gateway.conftest import GraphQL, token

REGISTER = "mutation($input: RegisterActorInput!) { registerActor(input: $input) { position } }"
LISTS = {
    "actors": "query($after: String) { actors(first: 1, after: $after) { edges { cursor } } }",
    "activities": (
        "query($after: String) { activities(first: 1, after: $after) { edges { cursor } } }"
    ),
    "incidents": (
        "query($after: String) { incidents(first: 1, after: $after) { edges { cursor } } }"
    ),
}


def plain(value: object) -> str:
    return base64.urlsafe_b64encode(json.dumps(value).encode()).decode().rstrip("=")


def tampered(real: str) -> list[str]:
    version, payload, signature = real.split(".")
    key = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    return [
        plain(key),  # the sort key alone, unsigned
        ".".join((version, plain(["A", *key[1:]]), signature)),  # another key, same signature
        ".".join((version, payload, signature[::-1])),  # the signature changed
        ".".join(("v2", payload, signature)),  # a version the platform does not make
    ]


async def test_an_edited_or_made_up_cursor_is_refused_naming_after(
    graphql: GraphQL, tenant: str
) -> None:
    coordinator = token(tenant, "coordinator")
    for name in ("Akademisk Boldklub", "Brønshøj Boldklub"):
        await graphql.ok(REGISTER, coordinator, input={"name": name, "sector": "CIVIL_SOCIETY"})
    first = await graphql.ok(LISTS["actors"], coordinator)
    real = first["actors"]["edges"][0]["cursor"]
    assert real.startswith("v1.") and "Akademisk" not in real
    following = await graphql.ok(LISTS["actors"], coordinator, after=real)
    assert following["actors"]["edges"][0]["cursor"] != real
    for forged in tampered(real):
        body = await graphql(LISTS["actors"], coordinator, after=forged)
        [error] = body["errors"]
        assert error["extensions"] == {"code": "BAD_USER_INPUT", "field": "after"}, forged


@pytest.mark.parametrize("name", ["activities", "incidents"])
async def test_every_list_refuses_an_unsigned_cursor(
    graphql: GraphQL, tenant: str, name: str
) -> None:
    body = await graphql(LISTS[name], token(tenant, "coordinator"), after=plain(["x", "y"]))
    [error] = body["errors"]
    assert error["extensions"] == {"code": "BAD_USER_INPUT", "field": "after"}

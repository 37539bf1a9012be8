"""Every root field and every mutation, called with another municipality's token and
this municipality's ids, shows nothing of it and changes nothing of it.

The fields and mutations are enumerated from the gateway's own introspection, so a
field added tomorrow is attacked tomorrow without anyone remembering to list it.
"""

from __future__ import annotations

import asyncio
import json
import re
import uuid
from collections.abc import Awaitable, Callable
from typing import Any

import httpx
from graphql import (
    GraphQLEnumType,
    GraphQLField,
    GraphQLInputObjectType,
    GraphQLList,
    GraphQLNamedType,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLSchema,
    GraphQLUnionType,
    build_client_schema,
    get_introspection_query,
    get_named_type,
    is_leaf_type,
    is_non_null_type,
)
from graphql.pyutils import Undefined

from tests.gateway.conftest import GraphQL, Platform, token

REFUSED = {"NOT_FOUND", "BAD_USER_INPUT", "FORBIDDEN"}
SCALARS: dict[str, Any] = {
    "String": "x",
    "Int": 1,
    "Float": 1.0,
    "Boolean": False,
    "Date": "2026-03-01",
    "DateTime": "2026-03-01T12:00:00+00:00",
    "JSON": {},
}
# which of the seeded ids a field or argument of that name takes
KINDS = (
    ("incident", "incident"),
    ("activit", "activity"),
    ("forum", "forum"),
    ("fora", "forum"),
    ("partnership", "partnership"),
    ("walk", "walk"),
    ("area", "area"),
    ("actor", "actor"),
    ("member", "actor"),
    ("partner", "actor"),
    ("participant", "actor"),
    ("assignee", "actor"),
)


async def eventually(send: Callable[[], Awaitable[httpx.Response]]) -> dict[str, Any]:
    """A write that refers to actors the service's replica may not have yet: retried."""
    for _ in range(200):
        response = await send()
        if response.status_code < 400:
            answer: dict[str, Any] = response.json()
            return answer
        field = str(response.json().get("field"))
        assert response.status_code == 422 and field.endswith(("Id", "s")), response.text
        await asyncio.sleep(0.1)
    raise AssertionError(response.text)


async def seed(platform: Platform, tenant: str, marker: str) -> dict[str, str]:
    """One of everything in the municipality, each named with ``marker``; the reports
    have applied all of it when this returns."""
    positions: list[str] = []
    headers = {"Authorization": f"Bearer {token(tenant, 'coordinator')}"}
    urls = platform.services
    async with httpx.AsyncClient(headers=headers, timeout=30) as http:

        async def post(service: str, path: str, body: dict[str, Any]) -> str:
            answer = await eventually(lambda: http.post(urls[service] + path, json=body))
            positions.append(f"{service}/{answer['id']}/{answer['version']}")
            return str(answer["id"])

        area = await post("actors", "/areas", {"name": marker, "kind": "housing_area"})
        actor = await post("actors", "/actors", {"name": marker, "sector": "ssp", "areas": [area]})
        other = await post(
            "actors", "/actors", {"name": f"{marker} 2", "sector": "police", "areas": [area]}
        )
        ids = {"area": area, "actor": actor, "other": other}
        ids["partnership"] = await post(
            "activities",
            "/partnerships",
            {
                "name": marker,
                "mandate": marker,
                "authorisedBy": "council",
                "authorisedOn": "2025-03-01",
                "coordinatorActorId": actor,
                "areas": [area],
            },
        )
        ids["forum"] = await post(
            "activities",
            "/fora",
            {
                "name": marker,
                "level": "frontline",
                "ownerActorId": actor,
                "cadence": "monthly",
                "members": [actor],
            },
        )
        ids["activity"] = await post(
            "activities",
            "/activities",
            {
                "title": marker,
                "level": "frontline",
                "ownerActorId": actor,
                "areas": [area],
                "themes": ["youth"],
                "start": "2026-01-01",
            },
        )
        ids["walk"] = await post(
            "activities",
            "/safety-walks",
            {"walkedOn": "2026-02-01", "areaId": area, "route": marker, "participants": [actor]},
        )
        ids["incident"] = await post(
            "incidents",
            "/incidents",
            {
                "kind": "shooting",
                "severity": 3,
                "areaId": area,
                "place": marker,
                "occurredAt": "2026-03-01T21:00:00+01:00",
                "reportedAt": "2026-03-01T21:10:00+01:00",
                "reportingActorId": other,
                "summary": marker,
            },
        )
    caught_up = await http_graphql(platform, headers, positions)
    assert caught_up["data"]["directory"]["count"] == 2, caught_up
    return ids


async def http_graphql(
    platform: Platform, headers: dict[str, str], positions: list[str]
) -> dict[str, Any]:
    query = "query($at: [String!]) { directory(atLeast: $at) { count } }"
    async with httpx.AsyncClient(headers=headers, timeout=30) as http:
        answer = await http.post(
            platform.gateway + "/graphql", json={"query": query, "variables": {"at": positions}}
        )
    result: dict[str, Any] = answer.json()
    return result


async def schema_of(graphql: GraphQL, bearer: str) -> GraphQLSchema:
    data = await graphql.ok(get_introspection_query(), bearer)
    return build_client_schema(data)


def id_for(name: str, owner: str, ids: dict[str, str]) -> str:
    """The seeded id a field of that name (in that mutation or field) refers to."""
    text = (name if name not in ("id", "ids") else owner).lower()
    for fragment, kind in KINDS:
        if fragment in text:
            return ids[kind]
    return f"unknown-{uuid.uuid4().hex[:6]}"


def value(type_: Any, name: str, owner: str, ids: dict[str, str]) -> Any:
    """A value of that input type: required fields, and every field that takes an id."""
    if isinstance(type_, GraphQLNonNull):
        return value(type_.of_type, name, owner, ids)
    if isinstance(type_, GraphQLList):
        return [value(type_.of_type, name, owner, ids)]
    if isinstance(type_, GraphQLEnumType):
        return next(iter(type_.values))
    if isinstance(type_, GraphQLInputObjectType):
        made = {}
        for field_name, field in type_.fields.items():
            takes_id = get_named_type(field.type).name == "ID"
            if takes_id or (is_non_null_type(field.type) and field.default_value is Undefined):
                made[field_name] = value(field.type, field_name, owner, ids)
        return made
    if type_.name == "ID":
        return id_for(name, owner, ids)
    if name == "week":  # an ISO week, as situationPicture takes it
        return "2026-W10"
    return SCALARS.get(type_.name, "x")


def selection(type_: Any, depth: int) -> str:
    named: GraphQLNamedType = get_named_type(type_)
    if is_leaf_type(named):
        return ""
    if isinstance(named, GraphQLUnionType) or depth == 0:
        return "{ __typename }"
    assert isinstance(named, GraphQLObjectType)
    parts = ["__typename"]
    for name, field in named.fields.items():
        if any(is_non_null_type(a.type) for a in field.args.values()):
            continue
        inner = selection(field.type, depth - 1)
        parts.append(f"{name}(first: 3) {inner}" if "first" in field.args else f"{name} {inner}")
    return "{ " + " ".join(parts) + " }"


def call(
    kind: str, name: str, field: GraphQLField, ids: dict[str, str], depth: int = 3
) -> tuple[str, dict[str, Any]]:
    """The operation calling that root field with the seeded ids wherever an id goes."""
    variables, declared, passed = {}, [], []
    for arg_name, arg in field.args.items():
        named = get_named_type(arg.type)
        if arg_name == "first" or not (
            named.name == "ID"
            or isinstance(named, GraphQLInputObjectType)
            or is_non_null_type(arg.type)
        ):
            continue
        variables[arg_name] = value(arg.type, arg_name, name, ids)
        declared.append(f"${arg_name}: {arg.type}")
        passed.append(f"{arg_name}: ${arg_name}")
    if "first" in field.args:
        passed.append("first: 3")
    head = f"({', '.join(declared)})" if declared else ""
    args = f"({', '.join(passed)})" if passed else ""
    return f"{kind}{head} {{ {name}{args} {selection(field.type, depth)} }}", variables


async def ask_within_cost(
    graphql: GraphQL, bearer: str, name: str, field: GraphQLField, ids: dict[str, str]
) -> dict[str, Any]:
    """The query three levels deep, or less deep where that would cost more than the
    gateway accepts from anyone (every nested list multiplies the cost)."""
    for depth in (3, 2, 1):
        operation, variables = call("query", name, field, ids, depth)
        body = await graphql(operation, bearer, **variables)
        priced = [e for e in body.get("errors") or [] if "maxCost" in e.get("extensions", {})]
        if not priced:
            return body
    return body


def leaks(body: dict[str, Any], marker: str, ids: dict[str, str]) -> list[str]:
    text = json.dumps(body.get("data"))  # errors may name the id asked for, data may not
    found = [kind for kind, i in ids.items() if i in text]
    return found + (["name"] if marker in json.dumps(body) else [])


async def snapshot(
    graphql: GraphQL, bearer: str, schema: GraphQLSchema, ids: dict[str, str]
) -> str:
    """Everything the municipality's own coordinator sees through the root fields."""
    query_type = schema.query_type
    assert query_type is not None
    seen = {}
    for name, field in sorted(query_type.fields.items()):
        seen[name] = await ask_within_cost(graphql, bearer, name, field, ids)
    return re.sub(r'"(cursor|endCursor|generatedAt|asOf)": "[^"]*"', "", json.dumps(seen))


async def settled(graphql: GraphQL, bearer: str, schema: GraphQLSchema, ids: dict[str, str]) -> str:
    """The snapshot once the reports have caught up with the seeded writes."""
    last = await snapshot(graphql, bearer, schema, ids)
    for _ in range(40):
        await asyncio.sleep(0.5)
        now = await snapshot(graphql, bearer, schema, ids)
        if now == last:
            return now
        last = now
    raise AssertionError("the reports did not settle")


async def test_another_municipality_sees_and_changes_nothing(
    graphql: GraphQL, platform: Platform, tenant: str
) -> None:
    marker = f"Secret-{uuid.uuid4().hex}"
    ids = await seed(platform, tenant, marker)
    owner, intruder = token(tenant, "coordinator"), token(f"x{tenant}", "coordinator")
    schema = await schema_of(graphql, intruder)
    before = await settled(graphql, owner, schema, ids)
    assert marker in before  # the owner sees its own data through these very calls

    query_type, mutation_type = schema.query_type, schema.mutation_type
    assert query_type is not None and mutation_type is not None
    problems: dict[str, Any] = {}
    for name, field in sorted(query_type.fields.items()):
        body = await ask_within_cost(graphql, intruder, name, field, ids)
        codes = {e["extensions"]["code"] for e in body.get("errors") or []}
        targeted = any(
            get_named_type(a.type).name == "ID" and is_non_null_type(a.type)
            for a in field.args.values()
        )
        if leaks(body, marker, ids) or (targeted and not codes & {"NOT_FOUND"}):
            problems[f"query {name}"] = body
    for name, field in sorted(mutation_type.fields.items()):
        operation, variables = call("mutation", name, field, ids)
        body = await graphql(operation, intruder, **variables)
        codes = {e["extensions"]["code"] for e in body.get("errors") or []}
        refers = any(i in json.dumps(variables) for i in ids.values())
        if leaks(body, marker, ids) or (refers and not codes & REFUSED):
            problems[f"mutation {name}"] = {"variables": variables, "answer": body}
    assert problems == {}
    assert len(query_type.fields) >= 24 and len(mutation_type.fields) >= 57
    assert await snapshot(graphql, owner, schema, ids) == before

"""A gateway of the test's own limits, served by uvicorn over real HTTP, and a client
that sees what a hostile caller sees: the HTTP status, the headers and the body.

The query-cost, budget and trusted-document tests each start one (in front of the
session's platform, or of no service at all when ``me`` is all they ask)."""

from __future__ import annotations

from collections.abc import AsyncIterator, Mapping
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any

import httpx
from graphql import (
    GraphQLInterfaceType,
    GraphQLObjectType,
    GraphQLSchema,
    Undefined,
    get_named_type,
    is_leaf_type,
    is_non_null_type,
)

from tests.support.platform import AUTH
from tests.support.serve import serving
from trygnet_gateway.app import create_app
from trygnet_gateway.settings import Limits, Settings

NOWHERE = {
    name: "http://127.0.0.1:9" for name in ("actors", "activities", "incidents", "reporting")
}
ME = "{ me { subject tenant } }"


@dataclass
class Answer:
    status: int
    headers: Mapping[str, str]
    body: dict[str, Any]

    @property
    def codes(self) -> list[str]:
        return [error["extensions"]["code"] for error in self.body.get("errors") or []]

    @property
    def first_error(self) -> dict[str, Any]:
        errors: list[dict[str, Any]] = self.body["errors"]
        return errors[0]


@dataclass
class Served:
    url: str
    app: Any
    """``app.state.services.calls`` counts the gateway's calls to each service."""


class Caller:
    """Posts GraphQL to the gateway from one local address (127.0.0.x)."""

    def __init__(self, http: httpx.AsyncClient) -> None:
        self.http = http

    async def __call__(
        self,
        query: str | None,
        token: str | None = None,
        *,
        variables: Mapping[str, Any] | None = None,
        extensions: Mapping[str, Any] | None = None,
    ) -> Answer:
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        payload: dict[str, Any] = {"variables": dict(variables or {})}
        if query is not None:
            payload["query"] = query
        if extensions is not None:
            payload["extensions"] = dict(extensions)
        response = await self.http.post("/graphql", json=payload, headers=headers)
        assert response.status_code < 500, response.text
        return Answer(response.status_code, response.headers, response.json())


@asynccontextmanager
async def gateway(
    limits: Limits,
    services: Mapping[str, str] = NOWHERE,
    *,
    dev_mode: bool = True,
) -> AsyncIterator[Served]:
    app = create_app(Settings(services=dict(services), auth=AUTH, limits=limits, dev_mode=dev_mode))
    async with serving(app) as url:
        yield Served(url, app)


@asynccontextmanager
async def caller(served: Served, address: str = "127.0.0.1") -> AsyncIterator[Caller]:
    transport = httpx.AsyncHTTPTransport(local_address=address)
    async with httpx.AsyncClient(base_url=served.url, transport=transport, timeout=60) as http:
        yield Caller(http)


def full_selection(schema: GraphQLSchema, type_name: str, depth: int) -> str:
    """Every field of the type, and of the types it leads to down to ``depth`` levels
    (fields that need an argument without a default are given ``"x"``)."""
    named = schema.get_type(type_name)
    assert isinstance(named, GraphQLObjectType | GraphQLInterfaceType)
    parts = []
    for name, field in named.fields.items():
        arguments = _needed(field.args)
        inner = get_named_type(field.type)
        if is_leaf_type(inner):
            parts.append(f"{name}{arguments}")
        elif depth > 1 and isinstance(inner, GraphQLObjectType | GraphQLInterfaceType):
            parts.append(f"{name}{arguments} {{ {full_selection(schema, inner.name, depth - 1)} }}")
    return " ".join(parts) or "__typename"


def root_call(schema: GraphQLSchema, field_name: str, depth: int) -> str:
    """One root field with every argument it needs, and its full selection."""
    query = schema.query_type
    assert query is not None
    field = query.fields[field_name]
    arguments = _needed(field.args)
    inner = get_named_type(field.type)
    if is_leaf_type(inner):
        return f"{field_name}{arguments}"
    return f"{field_name}{arguments} {{ {full_selection(schema, inner.name, depth)} }}"


def _needed(arguments: Mapping[str, Any]) -> str:
    needed = [
        name
        for name, arg in arguments.items()
        if is_non_null_type(arg.type) and arg.default_value is Undefined
    ]
    return "(" + ", ".join(name + ': "x"' for name in needed) + ")" if needed else ""


def aliased(call: str, times: int) -> str:
    return "{ " + " ".join(f"a{n}: {call}" for n in range(times)) + " }"

"""The gateway's own behaviour: who is calling, error codes, limits, the SDL, GraphiQL."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest

from tests.gateway.conftest import AUTH, GraphQL, codes, token
from trygnet_gateway.app import create_app
from trygnet_gateway.schema import sdl
from trygnet_gateway.settings import Limits, Settings

SDL_FILE = Path(__file__).resolve().parents[2] / "gateway" / "schema.graphql"
ME = "{ me { subject tenant roles actorId scopes } }"


def settings(**limits: int) -> Settings:
    urls = {
        name: "http://127.0.0.1:9" for name in ("actors", "activities", "incidents", "reporting")
    }
    return Settings(services=urls, auth=AUTH, limits=Limits(**limits))


@pytest.fixture
async def alone() -> AsyncIterator[GraphQL]:
    """The gateway with no service behind it (every service call is UNAVAILABLE)."""
    app = create_app(settings(rate_per_minute=5, max_depth=4, max_cost=1000))
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://gateway") as http:
            yield GraphQL(http)


def test_the_committed_sdl_is_the_schema_in_the_code() -> None:
    assert SDL_FILE.read_text() == sdl(), "run `make docs` to export gateway/schema.graphql"


async def test_me_is_the_caller_from_the_token_only(alone: GraphQL) -> None:
    data = await alone.ok(ME, token("0101", "partner", actor="actor-ssp"))
    assert data["me"] == {
        "subject": "user-partner",
        "tenant": "0101",
        "roles": ["partner"],
        "actorId": "actor-ssp",
        "scopes": [],
    }


async def test_no_token_or_a_forged_one_is_unauthenticated(alone: GraphQL) -> None:
    assert codes(await alone(ME, None)) == ["UNAUTHENTICATED"]
    assert codes(await alone(ME, "not-a-token")) == ["UNAUTHENTICATED"]


async def test_a_query_too_costly_is_refused_before_it_runs(alone: GraphQL) -> None:
    two = "{ me { subject } a: me { tenant } }"
    assert codes(await alone(two, token("0101", "coordinator"))) == []
    wide = "{ " + " ".join(f"m{n}: me {{ subject tenant }}" for n in range(400)) + " }"
    body = await alone(wide, token("0101", "coordinator"))
    assert codes(body) == ["BAD_USER_INPUT"] and "cost" in body["errors"][0]["message"]


async def test_each_caller_has_its_own_rate_limit(alone: GraphQL) -> None:
    busy, other = token("0101", "coordinator"), token("0851", "coordinator")
    answered = []
    for _ in range(7):
        response = await alone.http.post(
            "/graphql", json={"query": ME}, headers={"Authorization": f"Bearer {busy}"}
        )
        answered.append((response.status_code, codes(response.json())))
    assert answered[:5] == [(200, [])] * 5 and answered[5:] == [(429, ["RATE_LIMITED"])] * 2
    assert codes(await alone(ME, other)) == []


async def test_graphiql_only_in_development() -> None:
    for dev_mode, expected in ((True, 200), (False, 404)):
        app = create_app(Settings(**{**settings().__dict__, "dev_mode": dev_mode}))
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://gateway") as http:
            page = await http.get("/graphql", headers={"Accept": "text/html"})
        assert page.status_code == expected


async def test_a_query_too_deep_is_refused_before_it_runs(alone: GraphQL) -> None:
    shallow = "{ actors(first: 5) { edges { node { id } } } }"
    deep = "{ actors(first: 5) { edges { node { parent { parent { id } } } } } }"
    coordinator = token("0101", "coordinator")
    assert codes(await alone(shallow, coordinator)) == ["UNAVAILABLE"]  # it ran: no service
    body = await alone(deep, coordinator)
    assert codes(body) == ["BAD_USER_INPUT"] and "depth" in body["errors"][0]["message"]


async def test_a_service_that_is_down_is_unavailable_never_a_stack_trace(alone: GraphQL) -> None:
    for service, query in (
        ("actors", "{ actors(first: 5) { totalCount } }"),
        ("incidents", '{ incident(id: "incident-1") { id } }'),
        ("reporting", "{ directory { count } }"),
    ):
        body = await alone(query, token("0101", "coordinator"))
        assert codes(body) == ["UNAVAILABLE"], body
        assert body["errors"][0]["message"] == f"the {service} service is not answering"
        assert "Traceback" not in str(body) and "127.0.0.1" not in str(body)

"""The whole platform for the gateway's tests (``tests.support.platform``), started once
per test session (it takes a few seconds); each test works in its own municipality
(``tenant``), so tests never see each other's data.
"""

from __future__ import annotations

import asyncio
import time
import uuid
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest

from tests.actors.conftest import SECRET
from tests.support.platform import AUTH, Platform, running_platform
from trygnet_core.auth import issue_dev_token

__all__ = ["AUTH", "Platform"]


def token(
    tenant: str,
    *roles: str,
    actor: str | None = None,
    scopes: tuple[str, ...] = (),
) -> str:
    return issue_dev_token(
        secret=SECRET,
        subject=f"user-{roles[0] if roles else 'none'}",
        tenant=tenant,
        roles=list(roles),
        actor_id=actor,
        scopes=scopes,
    )


@pytest.fixture(scope="session")
async def platform(
    bootstrap_servers: str, tmp_path_factory: pytest.TempPathFactory
) -> AsyncIterator[Platform]:
    async with running_platform(bootstrap_servers, tmp_path_factory.mktemp("platform")) as started:
        yield started


@pytest.fixture
def tenant() -> str:
    """A municipality of this test's own."""
    return f"t{uuid.uuid4().hex[:10]}"


class GraphQL:
    """A GraphQL client of the gateway over real HTTP."""

    def __init__(self, http: httpx.AsyncClient) -> None:
        self.http = http

    async def __call__(self, query: str, token: str | None, **variables: Any) -> dict[str, Any]:
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        response = await self.http.post(
            "/graphql", json={"query": query, "variables": variables}, headers=headers
        )
        assert response.status_code == 200, response.text
        body: dict[str, Any] = response.json()
        return body

    async def ok(self, query: str, token: str | None, **variables: Any) -> dict[str, Any]:
        body = await self(query, token, **variables)
        assert not body.get("errors"), body["errors"]
        data: dict[str, Any] = body["data"]
        return data

    async def settled(self, query: str, token: str | None, **variables: Any) -> dict[str, Any]:
        """A write retried while the service does not know an actor or area yet: the
        activities and incidents services learn them from the actors service's events."""
        deadline = time.monotonic() + 30
        while True:
            body = await self(query, token, **variables)
            errors = body.get("errors") or []
            waiting = errors and all(
                error["extensions"]["code"] == "BAD_USER_INPUT"
                and error["message"].startswith(("no actor ", "no area "))
                for error in errors
            )
            if not waiting or time.monotonic() > deadline:
                assert not errors, errors
                data: dict[str, Any] = body["data"]
                return data
            await asyncio.sleep(0.2)


@pytest.fixture
async def graphql(platform: Platform) -> AsyncIterator[GraphQL]:
    async with httpx.AsyncClient(base_url=platform.gateway, timeout=30) as http:
        yield GraphQL(http)


def codes(body: dict[str, Any]) -> list[str]:
    return [error["extensions"]["code"] for error in body.get("errors") or []]

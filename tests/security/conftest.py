"""A service (actors, built by its own factory on SQLite) and the gateway in front of it,
each served over real HTTP by the server the platform runs them with, with short
deadlines so that a slow client or a slow service is cut off within a test."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
import uvicorn
from fastapi import FastAPI

from tests.actors.conftest import SECRET
from tests.conftest import sqlite_engine
from trygnet_actors.bootstrap import Settings as ActorsSettings
from trygnet_actors.bootstrap import create_app as actors_app
from trygnet_core.app import create_service_app
from trygnet_core.auth import AuthSettings, TokenVerifier, issue_dev_token
from trygnet_core.broker import free_port
from trygnet_core.request_limits import RequestLimits
from trygnet_core.serving import server_config
from trygnet_gateway.app import create_app as gateway_app
from trygnet_gateway.settings import SERVICES
from trygnet_gateway.settings import Settings as GatewaySettings

AUTH = AuthSettings(dev_mode=True, dev_secret=SECRET)
TENANT = "0101"
SHORT = {
    "TRYGNET_BODY_SECONDS": "1",
    "TRYGNET_HEADER_SECONDS": "1",
    "TRYGNET_REQUEST_SECONDS": "2",
}
"""The deadlines of the test service, short: a slow client is cut off within a second."""


@asynccontextmanager
async def serving(app: Any) -> AsyncIterator[str]:
    """The app's base URL while it is served as the platform serves it (the server's
    timeouts and header limits of ``trygnet_core.serving``), on a free local port."""
    port = free_port()
    server = uvicorn.Server(server_config(app, host="127.0.0.1", port=port, lifespan="on"))
    task = asyncio.create_task(server.serve())
    try:
        while not server.started:
            if task.done():
                await task  # raises what stopped it
                raise RuntimeError("uvicorn did not start")
            await asyncio.sleep(0.01)
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        await task


def bearer(tenant: str = TENANT, *roles: str, scopes: tuple[str, ...] = ()) -> str:
    return issue_dev_token(
        secret=SECRET,
        subject=f"user-{tenant}",
        tenant=tenant,
        roles=list(roles or ("coordinator",)),
        scopes=scopes,
    )


def authorised(token: str | None = None) -> dict[str, str]:
    return {"Authorization": f"Bearer {token or bearer()}"}


@pytest.fixture
async def service(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[str]:
    """The actors service's base URL; its limits read from the environment, as in
    production, with the deadlines of ``SHORT``."""
    for name, value in SHORT.items():
        monkeypatch.setenv(name, value)
    engine = await sqlite_engine(tmp_path / "actors.db")
    app = actors_app(
        ActorsSettings(database_url="unused", bootstrap_servers=None, auth=AUTH), engine=engine
    )
    async with serving(app) as url:
        yield url


def gateway_settings(services: str, **overrides: Any) -> GatewaySettings:
    limits = RequestLimits.for_gateway().but(body_seconds=1, header_seconds=1, request_seconds=2)
    fields: dict[str, Any] = {
        "services": {name: services for name in SERVICES},
        "auth": AUTH,
        "requests": limits,
        **overrides,
    }
    return GatewaySettings(**fields)


@pytest.fixture
async def gateway(service: str) -> AsyncIterator[str]:
    """The gateway's base URL, in front of the actors service."""
    async with serving(gateway_app(gateway_settings(service))) as url:
        yield url


def slow_service(limits: RequestLimits) -> FastAPI:
    """A service made by the real factory whose every route waits for ever: what a
    service stuck on its database or broker looks like from outside."""
    app = create_service_app(service="slow", token_verifier=TokenVerifier(AUTH), limits=limits)
    never = asyncio.Event()

    @app.api_route("/{path:path}", methods=["GET", "POST"])
    async def stuck(path: str) -> dict[str, str]:
        await never.wait()
        return {"path": path}

    return app


@dataclass
class Ordinary:
    """An ordinary request, answered as usual right after a refusal."""

    @staticmethod
    async def to_service(url: str) -> None:
        async with httpx.AsyncClient(base_url=url, timeout=30) as http:
            response = await http.get("/actors", headers=authorised())
        assert response.status_code == 200, response.text

    @staticmethod
    async def to_gateway(url: str) -> None:
        async with httpx.AsyncClient(base_url=url, timeout=30) as http:
            response = await http.post(
                "/graphql",
                json={"query": "{ actors(first: 1) { totalCount } }"},
                headers=authorised(),
            )
        assert response.status_code == 200, response.text
        assert response.json() == {"data": {"actors": {"totalCount": 0}}}

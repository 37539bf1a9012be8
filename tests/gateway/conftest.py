"""The whole platform for the gateway's tests: the four services and the gateway, each
served by uvicorn over real HTTP on its own SQLite database, on the session's broker.

Started once per test session (it takes a few seconds); each test works in its own
municipality (``tenant``), so tests never see each other's data.
"""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from contextlib import AsyncExitStack
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.actors.conftest import SECRET
from tests.support.serve import serving
from trygnet_activities.bootstrap import Settings as ActivitiesSettings
from trygnet_activities.bootstrap import create_app as activities_app
from trygnet_actors.bootstrap import Settings as ActorsSettings
from trygnet_actors.bootstrap import create_app as actors_app
from trygnet_core.auth import AuthSettings, issue_dev_token
from trygnet_core.database import create_engine
from trygnet_gateway.app import create_app as gateway_app
from trygnet_gateway.settings import Limits
from trygnet_gateway.settings import Settings as GatewaySettings
from trygnet_incidents.bootstrap import Settings as IncidentsSettings
from trygnet_incidents.bootstrap import create_app as incidents_app
from trygnet_reporting.bootstrap import Settings as ReportingSettings
from trygnet_reporting.bootstrap import create_app as reporting_app

AUTH = AuthSettings(dev_mode=True, dev_secret=SECRET)
QUICK_CONSUMER = (("session_timeout_ms", 2000), ("heartbeat_interval_ms", 500))


@dataclass
class Platform:
    gateway: str
    services: dict[str, str]
    topics: dict[str, str]
    bootstrap_servers: str
    app: Any
    """The gateway's app: ``app.state.services.calls`` counts its calls to each service."""


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
    folder: Path = tmp_path_factory.mktemp("platform")
    run = uuid.uuid4().hex[:8]
    topics = {s: f"trygnet.{s}.gw{run}" for s in ("actors", "activities", "incidents")}

    def db(name: str) -> Any:
        return create_engine(f"sqlite:///{folder / f'{name}.db'}")

    apps = {
        "actors": actors_app(
            ActorsSettings(
                database_url="unused",
                bootstrap_servers=bootstrap_servers,
                auth=AUTH,
                topic=topics["actors"],
            ),
            engine=db("actors"),
        ),
        "activities": activities_app(
            ActivitiesSettings(
                database_url="unused",
                bootstrap_servers=bootstrap_servers,
                auth=AUTH,
                topic=topics["activities"],
                actors_topic=topics["actors"],
            ),
            engine=db("activities"),
        ),
        "incidents": incidents_app(
            IncidentsSettings(
                database_url="unused",
                bootstrap_servers=bootstrap_servers,
                auth=AUTH,
                topic=topics["incidents"],
                actors_topic=topics["actors"],
            ),
            engine=db("incidents"),
        ),
        "reporting": reporting_app(
            ReportingSettings(
                database_url="unused",
                bootstrap_servers=bootstrap_servers,
                auth=AUTH,
                actors_topic=topics["actors"],
                activities_topic=topics["activities"],
                incidents_topic=topics["incidents"],
                network_interval=0.0,
                consumer_options=QUICK_CONSUMER,
            ),
            engine=db("reporting"),
        ),
    }
    async with AsyncExitStack() as stack:
        urls = {name: await stack.enter_async_context(serving(app)) for name, app in apps.items()}
        gateway = gateway_app(
            GatewaySettings(
                services=urls,
                auth=AUTH,
                limits=Limits(rate_per_minute=100_000),
                dev_mode=True,
                bootstrap_servers=bootstrap_servers,
                incidents_topic=topics["incidents"],
            )
        )
        url = await stack.enter_async_context(serving(gateway))
        yield Platform(url, urls, topics, bootstrap_servers, gateway)


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


@pytest.fixture
async def graphql(platform: Platform) -> AsyncIterator[GraphQL]:
    async with httpx.AsyncClient(base_url=platform.gateway, timeout=30) as http:
        yield GraphQL(http)


def codes(body: dict[str, Any]) -> list[str]:
    return [error["extensions"]["code"] for error in body.get("errors") or []]

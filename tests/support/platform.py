"""The whole platform in this process: the four services and the gateway, each served
by uvicorn over real HTTP on its own SQLite database, on the given broker, with topics
of their own (so several platforms can share one broker)."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Callable, Mapping
from contextlib import AsyncExitStack, asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tests.actors.conftest import SECRET
from tests.support.serve import serving
from trygnet_activities.bootstrap import Settings as ActivitiesSettings
from trygnet_activities.bootstrap import create_app as activities_app
from trygnet_actors.bootstrap import Settings as ActorsSettings
from trygnet_actors.bootstrap import create_app as actors_app
from trygnet_core.auth import AuthSettings
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


@asynccontextmanager
async def running_platform(
    bootstrap_servers: str,
    folder: Path,
    *,
    prepare: Callable[[str, Any], None] | None = None,
    engines: Mapping[str, Any] | None = None,
) -> AsyncIterator[Platform]:
    """``prepare(name, app)`` is called on each app before it serves (to instrument it);
    ``engines`` (service → engine) replaces the SQLite files (PostgreSQL schemas)."""
    run = uuid.uuid4().hex[:8]
    topics = {s: f"trygnet.{s}.gw{run}" for s in ("actors", "activities", "incidents")}

    def db(name: str) -> Any:
        if engines is not None:
            return engines[name]
        return create_engine(f"sqlite:///{folder / f'{name}.db'}")

    common: dict[str, Any] = {
        "database_url": "unused",
        "bootstrap_servers": bootstrap_servers,
        "auth": AUTH,
    }
    apps = {
        "actors": actors_app(ActorsSettings(**common, topic=topics["actors"]), engine=db("actors")),
        "activities": activities_app(
            ActivitiesSettings(**common, topic=topics["activities"], actors_topic=topics["actors"]),
            engine=db("activities"),
        ),
        "incidents": incidents_app(
            IncidentsSettings(**common, topic=topics["incidents"], actors_topic=topics["actors"]),
            engine=db("incidents"),
        ),
        "reporting": reporting_app(
            ReportingSettings(
                **common,
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
        urls = {}
        for name, app in apps.items():
            if prepare:
                prepare(name, app)
            urls[name] = await stack.enter_async_context(serving(app))
        gateway = gateway_app(gateway_settings(urls, bootstrap_servers, topics["incidents"]))
        if prepare:
            prepare("gateway", gateway)
        url = await stack.enter_async_context(serving(gateway))
        yield Platform(url, urls, topics, bootstrap_servers, gateway)


def gateway_settings(
    services: dict[str, str], bootstrap_servers: str, incidents_topic: str
) -> GatewaySettings:
    """A gateway of the platform: ``running_platform``'s, or another replica of it."""
    return GatewaySettings(
        services=services,
        auth=AUTH,
        # Budgets out of the way: tests/security starts gateways of its own limits.
        limits=Limits(
            rate_per_minute=100_000, cost_per_minute=10**12, client_cost_per_minute=10**12
        ),
        dev_mode=True,
        bootstrap_servers=bootstrap_servers,
        incidents_topic=incidents_topic,
    )

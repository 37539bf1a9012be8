"""The incidents service running in-process (lifespan and migrations included), over HTTP.

Its replica of the actors service is seeded directly; ``test_integration.py`` fills it
from the real broker instead.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncEngine

from tests.actors.conftest import AALBORG, COPENHAGEN, SECRET, token
from tests.support.replica import seed_replica
from trygnet_core.auth import AuthSettings
from trygnet_incidents.bootstrap import Settings, create_app

TINGBJERG, HUSUM = "area-tingbjerg", "area-husum"
KK, POLICE, SSP, HOUSING, CLUB = (
    "actor-kk",
    "actor-police",
    "actor-ssp",
    "actor-housing",
    "actor-club",
)

COORDINATOR = token(roles=("coordinator",), actor=KK)
POLICE_OFFICER = token(roles=("police",), actor=POLICE)
SSP_STAFF = token(roles=("partner",), actor=SSP)
CLUB_STAFF = token(roles=("partner",), actor=CLUB)
INTEGRATION = token(roles=("integration",), scopes=("incidents:read",))
NATIONAL = token(roles=("national",))
AALBORG_COORDINATOR = token(tenant=AALBORG, roles=("coordinator",), actor=KK)


def settings(bootstrap_servers: str | None = None, **topics: str) -> Settings:
    return Settings(
        database_url="unused",
        bootstrap_servers=bootstrap_servers,
        auth=AuthSettings(dev_mode=True, dev_secret=SECRET),
        **topics,
    )


def report(**changes: Any) -> dict[str, Any]:
    """A shooting in Tingbjerg reported by the police, as a request body."""
    return {
        "kind": "shooting",
        "severity": 4,
        "areaId": TINGBJERG,
        "place": "Ruten, by the shopping centre",
        "occurredAt": "2026-03-14T21:40:00+01:00",
        "reportedAt": "2026-03-14T22:05:00+01:00",
        "reportingActorId": POLICE,
        "summary": "Shots fired at a car; no one hurt",
        **changes,
    }


@dataclass
class Incidents:
    """A client of the incidents service; a coordinator's token unless ``as_`` is given."""

    http: httpx.AsyncClient

    async def call(
        self, method: str, path: str, *, as_: dict[str, str] | None = None, **kw: Any
    ) -> httpx.Response:
        return await self.http.request(method, path, headers=as_ or COORDINATOR, **kw)

    async def ok(self, method: str, path: str, **kw: Any) -> dict[str, Any]:
        response = await self.call(method, path, **kw)
        assert response.status_code in (200, 201), response.text
        body: dict[str, Any] = response.json()
        return body

    async def report(self, as_: dict[str, str] | None = None, **changes: Any) -> str:
        created = await self.ok(
            "POST", "/incidents", as_=as_ or POLICE_OFFICER, json=report(**changes)
        )
        return str(created["id"])

    async def get(self, incident_id: str, as_: dict[str, str] | None = None) -> dict[str, Any]:
        return await self.ok("GET", f"/incidents/{incident_id}", as_=as_)


@pytest.fixture
async def incidents(engine: AsyncEngine) -> AsyncIterator[Incidents]:
    app = create_app(settings(), engine=engine)
    async with app.router.lifespan_context(app):
        everyone = [KK, POLICE, SSP, HOUSING, CLUB]
        for tenant in (COPENHAGEN, AALBORG):
            await seed_replica(engine, tenant=tenant, areas=[TINGBJERG, HUSUM], actors=everyone)
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://incidents") as http:
            yield Incidents(http)

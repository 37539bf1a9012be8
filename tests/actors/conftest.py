"""The actors service running in-process (lifespan and migrations included), over HTTP."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncEngine

from trygnet_actors.bootstrap import Settings, create_app
from trygnet_core.auth import AuthSettings, issue_dev_token

SECRET = "actors-test-secret-of-at-least-32-bytes"
COPENHAGEN = "0101"
AALBORG = "0851"


def token(
    *,
    tenant: str = COPENHAGEN,
    roles: tuple[str, ...] = ("coordinator",),
    actor: str | None = None,
    scopes: tuple[str, ...] = (),
) -> dict[str, str]:
    signed = issue_dev_token(
        secret=SECRET,
        subject=f"user-{tenant}-{roles[0]}",
        tenant=tenant,
        roles=list(roles),
        actor_id=actor,
        scopes=scopes,
    )
    return {"Authorization": f"Bearer {signed}"}


@dataclass
class Actors:
    """A client of the actors service with a coordinator's token by default."""

    http: httpx.AsyncClient
    engine: AsyncEngine
    app: object

    async def call(
        self, method: str, path: str, *, as_: dict[str, str] | None = None, **kw: object
    ) -> httpx.Response:
        return await self.http.request(method, path, headers=as_ or token(), **kw)  # type: ignore[arg-type]

    async def ok(self, method: str, path: str, **kw: object) -> dict:
        response = await self.call(method, path, **kw)
        assert response.status_code in (200, 201), response.text
        return response.json()

    async def area(self, name: str = "Tingbjerg", **kw: object) -> str:
        return (await self.ok("POST", "/areas", json={"name": name, "kind": "housing_area", **kw}))[
            "id"
        ]

    async def actor(self, name: str = "SSP Brønshøj", sector: str = "ssp", **kw: object) -> str:
        return (await self.ok("POST", "/actors", json={"name": name, "sector": sector, **kw}))["id"]


def make_settings(bootstrap_servers: str | None = None) -> Settings:
    return Settings(
        database_url="unused",
        bootstrap_servers=bootstrap_servers,
        auth=AuthSettings(dev_mode=True, dev_secret=SECRET),
    )


@pytest.fixture
async def service(engine: AsyncEngine) -> AsyncIterator[Actors]:
    app = create_app(make_settings(), engine=engine)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://actors") as http:
            yield Actors(http=http, engine=engine, app=app)


Token = Callable[..., dict[str, str]]

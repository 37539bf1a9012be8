"""A service whose PostgreSQL server is away (restarting) answers 503 UNAVAILABLE with
Retry-After, not 500, and serves again once the server is back."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import httpx
import pytest

from tests.actors.conftest import SECRET, token
from tests.support.own_postgres import OwnPostgres
from tests.support.own_postgres import missing as postgres_missing
from trygnet_actors.bootstrap import Settings, create_app
from trygnet_core.auth import AuthSettings
from trygnet_core.database import create_engine

COORDINATOR = token()


@pytest.fixture
async def server() -> AsyncIterator[OwnPostgres]:
    if problem := postgres_missing():
        pytest.skip(problem)
    own = OwnPostgres()
    await asyncio.to_thread(own.start)
    try:
        yield own
    finally:
        await asyncio.to_thread(own.stop)


async def test_a_command_while_the_database_restarts_is_unavailable_not_an_error(
    server: OwnPostgres,
) -> None:
    url = await asyncio.to_thread(server.create_database, "actors")
    settings = Settings(
        database_url=url,
        bootstrap_servers=None,
        auth=AuthSettings(dev_mode=True, dev_secret=SECRET),
    )
    app = create_app(settings, engine=create_engine(url))
    area = {"name": "Ruten", "kind": "housing_area"}
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
        async with httpx.AsyncClient(transport=transport, base_url="http://actors") as http:
            assert (await http.post("/areas", json=area, headers=COORDINATOR)).status_code == 201
            await asyncio.to_thread(server.stop_server, "fast")
            away = await http.post("/areas", json=area, headers=COORDINATOR)
            assert away.status_code == 503, away.text
            assert away.json()["code"] == "UNAVAILABLE"
            assert away.headers["Retry-After"] == "1"
            await asyncio.to_thread(server.start)
            again = {**area, "name": "Ruten Nord"}
            back = await http.post("/areas", json=again, headers=COORDINATOR)
            assert back.status_code == 201, back.text

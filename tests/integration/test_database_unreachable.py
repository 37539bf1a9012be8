"""A service whose PostgreSQL server is away (restarting) answers 503 UNAVAILABLE with
Retry-After, not 500, and serves again once the server is back."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import httpx
import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from tests.actors.conftest import SECRET, token
from tests.support.own_postgres import OwnPostgres
from tests.support.own_postgres import missing as postgres_missing
from trygnet_actors.bootstrap import Settings, create_app
from trygnet_core.auth import AuthSettings
from trygnet_core.database import create_engine
from trygnet_core.database_unreachable import database_unreachable

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


async def test_a_fault_of_a_query_is_an_error_not_an_unreachable_database(tmp_path) -> None:
    """What SQLite reports as an ``OperationalError`` is mostly the query's own fault (no
    such table or column, a syntax error): a bug to be logged with its traceback and
    answered 500, never a 503 that asks the client to retry the same thing forever."""
    engine = create_engine(f"sqlite:///{tmp_path / 'bugs.db'}")
    try:
        for query in ("SELECT * FROM no_such_table", "SELEC 1", "SELECT no_such_column"):
            with pytest.raises(DBAPIError) as raised:
                async with engine.connect() as conn:
                    await conn.execute(text(query))
            assert not database_unreachable(raised.value), query
    finally:
        await engine.dispose()


async def test_a_refused_connection_is_an_unreachable_database() -> None:
    engine = create_engine("postgresql://postgres@127.0.0.1:1/nowhere")
    try:
        with pytest.raises(OSError) as raised:
            async with engine.connect():
                pass
        assert database_unreachable(raised.value)
    finally:
        await engine.dispose()

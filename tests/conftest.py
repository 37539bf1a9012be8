"""Shared fixtures: one broker per test session, fresh databases per test.

PostgreSQL tests run against the server named by ``TEST_POSTGRES_URL`` (CI always
sets it) and are skipped, saying so, when it is absent. Each test gets its own
schema there, so tests never see each other's rows.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from pathlib import Path
from typing import TypeVar

import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from trygnet_core.broker import EmbeddedBroker, external_bootstrap_servers
from trygnet_core.components import Component
from trygnet_core.database import create_engine, migrate

ComponentT = TypeVar("ComponentT", bound=Component)
POSTGRES_URL = os.environ.get("TEST_POSTGRES_URL")
needs_postgres = pytest.mark.skipif(
    not POSTGRES_URL, reason="TEST_POSTGRES_URL is not set: PostgreSQL tests skipped"
)


def pytest_report_header() -> str:
    where = POSTGRES_URL or "not set (PostgreSQL tests are skipped)"
    return f"TEST_POSTGRES_URL: {where}"


@pytest.fixture(scope="session")
def broker(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EmbeddedBroker | str]:
    """The session's broker: the embedded one, or KAFKA_BOOTSTRAP_SERVERS."""
    external = external_bootstrap_servers()
    if external:
        yield external
        return
    embedded = EmbeddedBroker(log_path=tmp_path_factory.mktemp("broker") / "tansu.log")
    embedded.start()
    try:
        yield embedded
    finally:
        embedded.stop()


@pytest.fixture(scope="session")
def bootstrap_servers(broker: EmbeddedBroker | str) -> str:
    return broker if isinstance(broker, str) else broker.bootstrap_servers


@pytest.fixture
def embedded_broker(broker: EmbeddedBroker | str) -> EmbeddedBroker:
    """For tests that pause or restart the broker: only the embedded one allows it."""
    if isinstance(broker, str):
        pytest.skip("needs the embedded broker (KAFKA_BOOTSTRAP_SERVERS is set)")
    return broker


@pytest.fixture
async def start() -> AsyncIterator[Callable[[ComponentT], Awaitable[ComponentT]]]:
    """Start a component (relay, consumer) for the test; it is stopped at teardown."""
    running: list[Component] = []

    async def starting(component: ComponentT) -> ComponentT:
        await component.start()
        running.append(component)
        return component

    yield starting
    for component in reversed(running):
        await component.stop()


@pytest.fixture
def unique() -> str:
    """A short unique name for topics, consumer groups and schemas."""
    return uuid.uuid4().hex[:10]


async def sqlite_engine(path: Path) -> AsyncEngine:
    engine = create_engine(f"sqlite:///{path}")
    await migrate(engine)
    return engine


async def postgres_engine(schema: str) -> AsyncEngine:
    assert POSTGRES_URL
    admin = create_engine(POSTGRES_URL, pool_size=1)
    async with admin.begin() as conn:
        await conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    await admin.dispose()
    engine = create_engine(
        POSTGRES_URL, connect_args={"server_settings": {"search_path": schema}}, pool_size=25
    )
    await migrate(engine)
    return engine


async def drop_postgres_schema(schema: str) -> None:
    assert POSTGRES_URL
    admin = create_engine(POSTGRES_URL, pool_size=1)
    async with admin.begin() as conn:
        await conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    await admin.dispose()


@pytest.fixture
async def postgres_only_engine(unique: str) -> AsyncIterator[AsyncEngine]:
    """A migrated PostgreSQL database, for what exists only there."""
    if not POSTGRES_URL:
        pytest.skip("TEST_POSTGRES_URL is not set: PostgreSQL tests skipped")
    built = await postgres_engine(f"p_{unique}")
    yield built
    await built.dispose()
    await drop_postgres_schema(f"p_{unique}")


@pytest.fixture(
    params=["sqlite", pytest.param("postgresql", marks=[needs_postgres, pytest.mark.postgres])]
)
async def engine(
    request: pytest.FixtureRequest, tmp_path: Path, unique: str
) -> AsyncIterator[AsyncEngine]:
    """A migrated service database, on each backend."""
    if request.param == "sqlite":
        built = await sqlite_engine(tmp_path / "service.db")
        yield built
        await built.dispose()
        return
    schema = f"t_{unique}"
    built = await postgres_engine(schema)
    yield built
    await built.dispose()
    await drop_postgres_schema(schema)

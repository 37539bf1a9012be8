"""Shared fixtures: one broker per test session, fresh databases per test.

The broker is the embedded one unless ``KAFKA_BOOTSTRAP_SERVERS`` names another, or
``TRYGNET_TEST_KAFKA`` asks for Apache Kafka started from the jars ``make kafka``
fetched: ``cluster`` (three nodes, the production shape) or
``single`` (one node).

PostgreSQL tests run against the server named by ``TEST_POSTGRES_URL`` (CI always
sets it) and are skipped, saying so, when it is absent. Each test gets its own
schema there, so tests never see each other's rows.
"""

from __future__ import annotations

import contextlib
import os
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from pathlib import Path
from typing import TypeVar

import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from tests.support.kafka import KafkaCluster
from tests.support.kafka import missing as kafka_missing
from trygnet_core.broker import EmbeddedBroker, external_bootstrap_servers
from trygnet_core.components import Component
from trygnet_core.database import create_engine, migrate

ComponentT = TypeVar("ComponentT", bound=Component)
Broker = EmbeddedBroker | KafkaCluster | str
KAFKA_SIZES = {"cluster": 3, "single": 1}
POSTGRES_URL = os.environ.get("TEST_POSTGRES_URL")
needs_postgres = pytest.mark.skipif(
    not POSTGRES_URL, reason="TEST_POSTGRES_URL is not set: PostgreSQL tests skipped"
)


def pytest_report_header() -> str:
    where = POSTGRES_URL or "not set (PostgreSQL tests are skipped)"
    return f"TEST_POSTGRES_URL: {where}"


@pytest.fixture(scope="session")
def broker(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Broker]:
    """The session's broker: the embedded one, KAFKA_BOOTSTRAP_SERVERS, or Apache Kafka
    (TRYGNET_TEST_KAFKA=cluster or single)."""
    external = external_bootstrap_servers()
    if external:
        yield external
        return
    wanted = os.environ.get("TRYGNET_TEST_KAFKA")
    if wanted:
        if wanted not in KAFKA_SIZES:
            pytest.fail(f"TRYGNET_TEST_KAFKA={wanted}: use one of {', '.join(KAFKA_SIZES)}")
        with started_kafka(tmp_path_factory, size=KAFKA_SIZES[wanted]) as cluster:
            yield cluster
        return
    embedded = EmbeddedBroker(log_path=tmp_path_factory.mktemp("broker") / "tansu.log")
    embedded.start()
    try:
        yield embedded
    finally:
        embedded.stop()


@pytest.fixture(scope="session")
def bootstrap_servers(broker: Broker) -> str:
    return broker if isinstance(broker, str) else broker.bootstrap_servers


@pytest.fixture
def embedded_broker(broker: Broker) -> EmbeddedBroker:
    """For tests that restart the broker empty: only the embedded one loses its data."""
    if not isinstance(broker, EmbeddedBroker):
        pytest.skip("needs the embedded broker (the session runs on another Kafka)")
    return broker


@pytest.fixture(scope="session")
def kafka_cluster(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[KafkaCluster]:
    """Apache Kafka's three-node cluster: the session's broker under
    ``TRYGNET_TEST_KAFKA=cluster``, else one started for the tests that need it."""
    if os.environ.get("TRYGNET_TEST_KAFKA") == "cluster" and not external_bootstrap_servers():
        yield request.getfixturevalue("broker")
        return
    with started_kafka(tmp_path_factory, size=3) as cluster:
        yield cluster


@contextlib.contextmanager
def started_kafka(tmp_path_factory: pytest.TempPathFactory, *, size: int) -> Iterator[KafkaCluster]:
    """Apache Kafka, or a skip saying why it cannot run here (a failure on CI)."""
    problem = kafka_missing(fetch=True)
    if problem:
        if os.environ.get("CI"):
            pytest.fail(f"{problem} (CI runs every Kafka test)")
        pytest.skip(problem)
    with KafkaCluster(tmp_path_factory.mktemp("kafka"), size=size) as cluster:
        yield cluster


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

"""The event-store contract on SQLite and on PostgreSQL."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from sqlalchemy.ext.asyncio import AsyncEngine

from tests.conftest import drop_postgres_schema, needs_postgres, postgres_engine, sqlite_engine
from tests.contract.event_store_contract import EventStoreContract


class TestSQLiteEventStore(EventStoreContract):
    @pytest.fixture
    async def engine(self, tmp_path: Path) -> AsyncIterator[AsyncEngine]:
        built = await sqlite_engine(tmp_path / "store.db")
        yield built
        await built.dispose()


@needs_postgres
@pytest.mark.postgres
class TestPostgresEventStore(EventStoreContract):
    @pytest.fixture
    async def engine(self, unique: str) -> AsyncIterator[AsyncEngine]:
        built = await postgres_engine(f"c_{unique}")
        yield built
        await built.dispose()
        await drop_postgres_schema(f"c_{unique}")

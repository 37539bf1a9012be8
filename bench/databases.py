"""Where a run writes: SQLite files in a temporary folder, PostgreSQL schemas made for it.

Every contender on every line gets a fresh, empty database (a new file, or a new
schema named ``bench_<run>_<name>``), so no one pays for another's rows. The
schemas are dropped when the run ends, whatever happens.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncEngine

from trygnet_core.database import create_engine, migrate


def _pool(writers: int) -> dict[str, int]:
    """A connection for every writer, and a few for reads and the relay."""
    return {"pool_size": writers + 2, "max_overflow": 4}


class SQLiteSite:
    backend = "sqlite"

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def file(self, name: str) -> Path:
        return self.folder / f"{name}.db"

    async def trygnet_engine(self, name: str, *, writers: int, **options: Any) -> AsyncEngine:
        engine = create_engine(f"sqlite:///{self.file(name)}", **_pool(writers), **options)
        await migrate(engine)
        return engine

    async def trygnet_settings(self) -> dict[str, str]:
        """The pragmas the kernel's connections run with, read back from one of them."""
        engine = await self.trygnet_engine("settings", writers=1)
        try:
            async with engine.connect() as conn:
                journal = (await conn.execute(text("PRAGMA journal_mode"))).scalar_one()
                synchronous = (await conn.execute(text("PRAGMA synchronous"))).scalar_one()
        finally:
            await engine.dispose()
        names = {0: "OFF", 1: "NORMAL", 2: "FULL", 3: "EXTRA"}
        return {
            "journal_mode": str(journal),
            "synchronous": names.get(synchronous, str(synchronous)),
        }

    async def close(self) -> None:
        """The temporary folder goes with the run."""


@dataclass(frozen=True, slots=True)
class PostgresParams:
    """The server as libpq-style parameters, for libraries that do not take URLs."""

    host: str
    port: int
    dbname: str
    user: str
    password: str


class PostgresSite:
    backend = "postgresql"

    def __init__(self, url: str, run_id: str) -> None:
        self.url = url
        self.run_id = run_id
        self._schemas: list[str] = []
        self._databases: list[str] = []
        parsed = make_url(url)
        self.params = PostgresParams(
            host=parsed.host or "127.0.0.1",
            port=parsed.port or 5432,
            dbname=parsed.database or "postgres",
            user=parsed.username or "postgres",
            password=parsed.password or "",
        )

    async def new_schema(self, name: str) -> str:
        schema = f"bench_{self.run_id}_{re.sub(r'[^a-z0-9_]', '_', name.lower())}"[:63]
        await self._admin(f'CREATE SCHEMA "{schema}"')
        self._schemas.append(schema)
        return schema

    async def new_database(self, name: str) -> str:
        """A database of its own, as a URL: for what starts processes of its own, which
        make their engines from a URL alone (``trygnet-reporting rebuild --workers``)."""
        database = f"bench_{self.run_id}_{re.sub(r'[^a-z0-9_]', '_', name.lower())}"[:63]
        await self._admin(f'CREATE DATABASE "{database}"')
        self._databases.append(database)
        return make_url(self.url).set(database=database).render_as_string(hide_password=False)

    async def trygnet_engine(self, name: str, *, writers: int, **options: Any) -> AsyncEngine:
        schema = await self.new_schema(name)
        engine = create_engine(
            self.url,
            connect_args={"server_settings": {"search_path": schema}},
            **(_pool(writers) | options),
        )
        await migrate(engine)
        return engine

    async def server_facts(self) -> dict[str, str]:
        engine = create_engine(self.url, pool_size=1)
        try:
            async with engine.connect() as conn:
                facts = {}
                for setting in ("server_version", "synchronous_commit", "fsync", "shared_buffers"):
                    facts[setting] = str((await conn.execute(text(f"SHOW {setting}"))).scalar_one())
                return facts
        finally:
            await engine.dispose()

    async def close(self) -> None:
        schemas, self._schemas = self._schemas, []
        for schema in schemas:
            await self._admin(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')
        databases, self._databases = self._databases, []
        for database in databases:
            await self._admin(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')

    async def _admin(self, statement: str) -> None:
        # Outside a transaction: CREATE and DROP DATABASE refuse to run in one.
        engine = create_engine(self.url, pool_size=1, isolation_level="AUTOCOMMIT")
        try:
            async with engine.connect() as conn:
                await conn.execute(text(statement))
        finally:
            await engine.dispose()


Site = SQLiteSite | PostgresSite

"""Engines and migrations for a service database (SQLite or PostgreSQL).

``create_engine(url)`` accepts the plain URLs operators write
(``sqlite:///.trygnet/actors.db``, ``postgresql://user@host/db``) and picks the
async driver (aiosqlite, asyncpg).

SQLite has one writer at a time. A deferred ``BEGIN`` that reads and then writes
fails with "database is locked" when another writer got there first, so every
transaction here starts with ``BEGIN IMMEDIATE`` (it waits, up to the busy
timeout, for the write lock instead) unless the connection is opened with
``read_only(engine)``, which uses a deferred ``BEGIN`` and so never blocks writers
in WAL mode.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from importlib import resources
from pathlib import Path
from typing import Any, Final

from alembic import command
from alembic.config import Config
from sqlalchemy import Connection, Table, event
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, create_async_engine

_READ_ONLY: Final = "trygnet_read_only"
_DRIVERS: Final = {
    "sqlite": "sqlite+aiosqlite",
    "postgresql": "postgresql+asyncpg",
    "postgres": "postgresql+asyncpg",
}


def async_url(url: str) -> str:
    """``url`` with the async driver Trygnet uses for its dialect."""
    parsed = make_url(url)
    driver = _DRIVERS.get(parsed.drivername)
    if driver is not None:
        parsed = parsed.set(drivername=driver)
    return parsed.render_as_string(hide_password=False)


def create_engine(url: str, **options: Any) -> AsyncEngine:
    """An async engine for a service database; creates a SQLite file's folder."""
    full_url = async_url(url)
    parsed = make_url(full_url)
    compact_json = {"json_serializer": lambda value: json.dumps(value, separators=(",", ":"))}
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_async_engine(full_url, **compact_json, **options)
        _tune_sqlite(engine)
        return engine
    options.setdefault("pool_size", 10)
    options.setdefault("max_overflow", 10)
    options.setdefault("pool_pre_ping", True)
    return create_async_engine(full_url, **compact_json, **options)


@asynccontextmanager
async def read_only(engine: AsyncEngine) -> AsyncIterator[AsyncConnection]:
    """A connection for reads: on SQLite its transactions never take the write lock."""
    async with engine.connect() as conn:
        await conn.execution_options(**{_READ_ONLY: True})
        yield conn


def _tune_sqlite(engine: AsyncEngine) -> None:
    @event.listens_for(engine.sync_engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy, not the driver, decide when a transaction begins.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        for pragma in (
            "PRAGMA journal_mode=WAL",
            "PRAGMA synchronous=NORMAL",
            "PRAGMA busy_timeout=30000",
            "PRAGMA foreign_keys=ON",
        ):
            cursor.execute(pragma)
        cursor.close()

    @event.listens_for(engine.sync_engine, "begin")
    def _on_begin(connection: Connection) -> None:
        deferred = connection.get_execution_options().get(_READ_ONLY, False)
        connection.exec_driver_sql("BEGIN" if deferred else "BEGIN IMMEDIATE")


async def upsert(
    conn: AsyncConnection, table: Table, rows: Sequence[dict[str, Any]], *, keys: Sequence[str]
) -> None:
    """Insert ``rows`` or overwrite the rows with the same ``keys``, in one statement."""
    if not rows:
        return
    dialect = postgresql if conn.dialect.name == "postgresql" else sqlite
    statement = dialect.insert(table)
    changing = {name: statement.excluded[name] for name in rows[0] if name not in keys}
    await conn.execute(
        statement.on_conflict_do_update(index_elements=list(keys), set_=changing), rows
    )


def kernel_migrations() -> str:
    """The folder of the kernel's Alembic revisions (branch label ``kernel``)."""
    return str(resources.files("trygnet_core") / "migrations" / "versions")


async def migrate(engine: AsyncEngine, *, version_locations: Sequence[str] = ()) -> None:
    """Bring the database to the newest revision of the kernel and of the service.

    A service passes the folder of its own revisions; its first revision declares
    ``depends_on = "kernel@head"`` style dependencies as it needs.
    """
    config = Config()
    config.set_main_option("script_location", str(resources.files("trygnet_core") / "migrations"))
    config.set_main_option("version_locations", " ".join([kernel_migrations(), *version_locations]))
    config.set_main_option("path_separator", "space")

    def upgrade(connection: Connection) -> None:
        config.attributes["connection"] = connection
        command.upgrade(config, "heads")

    async with engine.begin() as conn:
        await conn.run_sync(upgrade)

"""Engines and migrations for a service database (SQLite or PostgreSQL).

``create_engine(url)`` accepts the plain URLs operators write
(``sqlite:///.trygnet/actors.db``, ``postgresql://user@host/db``) and picks the
async driver: asyncpg, or for SQLite ``sqlite3`` on the event loop's thread
(``sqlite_dialect``: no thread hop per driver call).

SQLite has one writer at a time. A deferred ``BEGIN`` that reads and then writes
fails with "database is locked" when another writer got there first, so every
transaction here starts with ``BEGIN IMMEDIATE`` (it waits, up to the busy
timeout, for the write lock instead) unless the connection is opened with
``read_only(engine)``, which uses a deferred ``BEGIN`` and so never blocks writers
in WAL mode.

Write transactions go through ``writing(engine)``. On SQLite the writers of one
process take turns, and those queued behind each other share one transaction, each
in a savepoint of its own (``group_commit``): SQLite's own wait for a busy database
is a poll with sleeps growing to 100 ms, so a writer queued behind another slept
long after the lock was free, and a commit per writer writes the same index pages
again and again. A writer in another process (a separate relay, ``trygnet-relay``)
is waited for asleep on the event loop (``sqlite_dialect.begin_immediate``).

PostgreSQL connections are not pinged at checkout: SQLAlchemy's asyncpg ping is
``BEGIN``, ``;``, ``ROLLBACK``, three round trips before every unit of work. A
connection the server dropped (restart, failover, idle timeout) therefore fails
its first statement instead: the caller gets a ``DBAPIError`` whose
``connection_invalidated`` is true, an error to retry. The pool discards that
connection and replaces the ones opened before it at their next checkout, so
the retried command gets a live one. ``pool_recycle`` replaces connections
after five minutes, so one left idle past a server or proxy timeout is rarely
the one handed out.
"""

from __future__ import annotations

import asyncio
import functools
import json
import sqlite3
import weakref
from collections.abc import AsyncIterator, Sequence
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from importlib import resources
from pathlib import Path
from typing import Any, Final, cast

from alembic import command
from alembic.config import Config
from sqlalchemy import Connection, Engine, Table, event, text
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, create_async_engine
from sqlalchemy.pool import ConnectionPoolEntry, PoolResetState

from trygnet_core.group_commit import GroupCommit
from trygnet_core.json_text import loads
from trygnet_core.sqlite_dialect import BUSY_TIMEOUT_MS, DRIVER, begin_immediate

_READ_ONLY: Final = "trygnet_read_only"
_MIGRATING: Final = 0x7472_7967_6E65_7401  # the advisory lock of migrations: "trygnet", 1
_DRIVERS: Final = {
    "sqlite": DRIVER,
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


_COMPACT: Final = json.JSONEncoder(separators=(",", ":"), check_circular=False)


def compact_json(value: Any) -> str:
    """JSON as the kernel stores it (data, metadata): no spaces. One encoder serves
    every call (``json.dumps`` with its own separators builds a new one each time).
    It skips the check for circular references (a third of an event's encoding):
    data that holds itself fails all the same, as a ``RecursionError``."""
    return _COMPACT.encode(value)


_JSON: Final[dict[str, Any]] = {"json_serializer": compact_json, "json_deserializer": loads}
"""How an engine writes and reads JSON columns (``loads``: see ``trygnet_core.json_text``)."""


def create_engine(url: str, **options: Any) -> AsyncEngine:
    """An async engine for a service database; creates a SQLite file's folder."""
    full_url = async_url(url)
    parsed = make_url(full_url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        # The pool's reset is done by ``_tune_sqlite``'s reset hook, only when needed.
        options.setdefault("pool_reset_on_return", None)
        engine = create_async_engine(full_url, **_JSON, **options)
        _tune_sqlite(engine)
        return engine
    options.setdefault("pool_size", 10)
    options.setdefault("max_overflow", 10)
    options.setdefault("pool_recycle", 300)
    return create_async_engine(full_url, **_JSON, **options)


def writing(engine: AsyncEngine) -> AbstractAsyncContextManager[AsyncConnection]:
    """A write transaction: commits on success, rolls back on any error.

    On SQLite it waits first for this process's other writers (see the module's notes).
    """
    if engine.dialect.name != "sqlite":
        return engine.begin()
    return _group_commit(engine).command()


_groups: weakref.WeakKeyDictionary[Engine, dict[asyncio.AbstractEventLoop, GroupCommit]] = (
    weakref.WeakKeyDictionary()
)


def _group_commit(engine: AsyncEngine) -> GroupCommit:
    """The group commit this engine's writers share, in the running event loop."""
    by_loop = _groups.setdefault(engine.sync_engine, {})
    loop = asyncio.get_running_loop()
    group = by_loop.get(loop)
    if group is None:
        for gone in [other for other in by_loop if other.is_closed()]:
            del by_loop[gone]
        group = by_loop[loop] = GroupCommit(engine)
    return group


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
            f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}",
            "PRAGMA foreign_keys=ON",
        ):
            cursor.execute(pragma)
        cursor.close()

    @event.listens_for(engine.sync_engine, "begin")
    def _on_begin(connection: Connection) -> None:
        deferred = connection.get_execution_options().get(_READ_ONLY, False)
        statement = "BEGIN" if deferred else "BEGIN IMMEDIATE"
        # Straight to sqlite3, without a SQLAlchemy cursor; errors (the wait for
        # another process's writer running out) come out as SQLAlchemy's.
        driver = cast(sqlite3.Connection, connection.connection.driver_connection)
        if driver.in_transaction:
            return  # begun already by the group commit (``group_commit``)
        try:
            if deferred:
                driver.execute(statement)
            else:
                begin_immediate(driver)
        except sqlite3.Error as error:
            raise DBAPIError.instance(statement, None, error, sqlite3.Error) from error

    @event.listens_for(engine.sync_engine, "reset")
    def _on_reset(
        dbapi_connection: Any, record: ConnectionPoolEntry, state: PoolResetState
    ) -> None:
        # The pool's usual reset is a ROLLBACK on every connection it takes
        # back, one more statement per unit of work. It is almost always a no-op here: a unit of
        # work ends with COMMIT or ROLLBACK (``engine.begin()``, the store's
        # ``transaction()``), and ``Connection.close()`` rolls back whatever
        # transaction SQLAlchemy still has open. So the engine has
        # ``pool_reset_on_return=None`` and this hook rolls back only when
        # SQLite itself says a transaction is still open (a failed COMMIT, a
        # BEGIN sent by hand, a close interrupted by cancellation): a
        # connection must never go back to the pool holding the write lock.
        # ``in_transaction`` reads SQLite's autocommit flag.
        if state.terminate_only or not state.asyncio_safe:
            return  # the pool closes this connection instead
        if cast(sqlite3.Connection, record.driver_connection).in_transaction:
            dbapi_connection.rollback()


async def upsert(
    conn: AsyncConnection, table: Table, rows: Sequence[dict[str, Any]], *, keys: Sequence[str]
) -> None:
    """Insert ``rows`` or overwrite the rows with the same ``keys``, in one statement."""
    if not rows:
        return
    await conn.execute(_upsert(conn.dialect.name, table, tuple(rows[0]), tuple(keys)), rows)


@functools.lru_cache(maxsize=256)
def _upsert(
    dialect_name: str, table: Table, columns: tuple[str, ...], keys: tuple[str, ...]
) -> Any:
    """The statement ``upsert`` sends, built once per table and set of columns: building
    it (the ``excluded`` alias above all) cost more than SQLite's work for a row."""
    dialect = postgresql if dialect_name == "postgresql" else sqlite
    statement = dialect.insert(table)
    changing = {name: statement.excluded[name] for name in columns if name not in keys}
    return statement.on_conflict_do_update(index_elements=list(keys), set_=changing)


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

    async with writing(engine) as conn:
        if conn.dialect.name == "postgresql":
            # Replicas starting at once (a rollout, a scaled Deployment) would otherwise
            # each create the same tables and all but one fail; this lock, held until
            # the migration commits, lets one migrate and the others find it done.
            await conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _MIGRATING})
        await conn.run_sync(upgrade)

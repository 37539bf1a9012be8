"""SQLite for the asyncio engine without a thread between the event loop and the database.

aiosqlite gives each connection a thread of its own and sends every driver call
there and back (make a cursor, execute, fetch, close, commit: 9 hops for one
append). A hop costs about 115 µs on a busy 2-core machine, more than a whole
1-event command takes in a library that calls ``sqlite3`` directly, so no
arrangement of hops, even one per command, keeps up with it. This dialect is
SQLAlchemy's own ``sqlite3`` dialect declared usable by ``create_async_engine``:
the asyncio layer runs the sync engine in a greenlet, and since ``sqlite3`` never
awaits, each call runs on the event loop's thread and returns at once.

What that asks of the rest of the kernel:

- A statement blocks the loop while SQLite works. That is microseconds for the
  kernel's statements (indexed reads, appends of a few rows); SQLite itself
  releases the GIL while it works, so other threads run. A service's own long
  reads (a report over a year of a municipality's rows) hold the loop for as long
  as they take, the broker client's heartbeats and every other request with it:
  SQLite is for one machine (``make run``, the tests); PostgreSQL serves the rest.
- A connection must never *wait* on the loop's thread for a lock another process
  holds. In WAL mode readers never wait; a writer waits only for ``BEGIN
  IMMEDIATE``, and the writers of this process already take turns
  (``group_commit``). So the busy timeout is short (``BUSY_TIMEOUT_MS``) and
  ``BEGIN IMMEDIATE`` waits for another process's writer (a separate relay, an
  admin command) asleep on the event loop, retrying until ``WRITE_LOCK_WAIT_S``.
"""

from __future__ import annotations

import asyncio
import sqlite3
import time
from collections.abc import Awaitable, Generator, Iterator
from typing import Any, Final, cast

from sqlalchemy import pool
from sqlalchemy.dialects import registry
from sqlalchemy.dialects.sqlite.pysqlite import SQLiteDialect_pysqlite
from sqlalchemy.engine import URL
from sqlalchemy.ext.asyncio import AsyncConnection
from sqlalchemy.util import await_

DRIVER: Final = "sqlite+trygnet"
BUSY_TIMEOUT_MS: Final = 20
"""How long one statement may block the event loop waiting for a lock."""
WRITE_LOCK_WAIT_S: Final = 30.0
"""How long ``BEGIN IMMEDIATE`` waits, asleep, for another process's writer."""


class LoopThreadSQLiteDialect(SQLiteDialect_pysqlite):
    """``sqlite3`` called from the event loop's thread, through ``create_async_engine``."""

    driver = "trygnet"
    is_async = True
    has_terminate = True
    supports_statement_cache = True

    @classmethod
    def get_pool_class(cls, url: URL) -> type[pool.Pool]:
        # The asyncio-aware pool: waiting for a free connection awaits, never blocks.
        if cls._is_url_file_db(url):
            return pool.AsyncAdaptedQueuePool
        return pool.StaticPool

    def create_connect_args(self, url: URL) -> Any:
        args, kwargs = super().create_connect_args(url)
        # Connections are opened and used on the loop's thread; a pool may still
        # close one from another (garbage collection, an engine disposed elsewhere).
        kwargs["check_same_thread"] = False
        kwargs["factory"] = _Connection
        return args, kwargs

    def do_terminate(self, dbapi_connection: Any) -> None:
        dbapi_connection.close()

    # The asyncio layer checks that a statement awaited something (an async
    # driver always does); ``_NOW`` is an awaitable already done, so the check
    # costs a greenlet switch and no turn of the event loop.
    def do_execute(self, cursor: Any, statement: Any, parameters: Any, context: Any = None) -> None:
        await_(_NOW)
        cursor.execute(statement, parameters)

    def do_execute_no_params(self, cursor: Any, statement: Any, context: Any = None) -> None:
        await_(_NOW)
        cursor.execute(statement)

    def do_executemany(
        self, cursor: Any, statement: Any, parameters: Any, context: Any = None
    ) -> None:
        await_(_NOW)
        cursor.executemany(statement, parameters)


class _Cursor(sqlite3.Cursor):
    async def _async_soft_close(self) -> None:
        """Called by the asyncio layer before a result leaves the greenlet. An
        aiosqlite cursor must be drained then; a ``sqlite3`` one can be read later."""


class _Connection(sqlite3.Connection):
    def cursor(self, factory: Any = _Cursor) -> Any:
        return super().cursor(factory)


class _Done(Awaitable[None]):
    """An awaitable that is finished before anyone awaits it."""

    def __await__(self) -> Generator[Any, Any, None]:
        return
        yield  # a generator that ends at once


_NOW: Final = _Done()


def driver_of(conn: AsyncConnection) -> sqlite3.Connection:
    """The ``sqlite3`` connection of ``conn``, without the greenlet that
    ``get_raw_connection()`` would take (``sync_connection`` is SQLAlchemy's public
    view of it; with this dialect nothing on it ever waits)."""
    sync = conn.sync_connection
    assert sync is not None
    return cast(sqlite3.Connection, sync.connection.driver_connection)


def begin_immediate(dbapi_connection: sqlite3.Connection) -> None:
    """``BEGIN IMMEDIATE`` inside SQLAlchemy's greenlet (a ``begin`` event), hence ``await_``."""
    for delay in _begin_immediate_tries(dbapi_connection):
        await_(asyncio.sleep(delay))


async def begin_immediate_asleep(dbapi_connection: sqlite3.Connection) -> None:
    """``BEGIN IMMEDIATE`` from a coroutine."""
    for delay in _begin_immediate_tries(dbapi_connection):
        await asyncio.sleep(delay)


def _begin_immediate_tries(dbapi_connection: sqlite3.Connection) -> Iterator[float]:
    """Tries ``BEGIN IMMEDIATE`` until it succeeds, yielding how long to sleep between
    tries while another process holds the write lock (``WRITE_LOCK_WAIT_S`` at most)."""
    deadline = time.monotonic() + WRITE_LOCK_WAIT_S
    delay = 0.001
    while True:
        try:
            dbapi_connection.execute("BEGIN IMMEDIATE")
            return
        except sqlite3.OperationalError as error:
            if error.sqlite_errorcode != sqlite3.SQLITE_BUSY or time.monotonic() > deadline:
                raise
        yield delay
        delay = min(delay * 2, 0.05)


registry.register("sqlite.trygnet", __name__, "LoopThreadSQLiteDialect")

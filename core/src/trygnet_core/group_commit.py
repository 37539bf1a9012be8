"""SQLite's writers in one process take turns, and those that queue share one commit.

SQLite admits one writer at a time, so the writers of a process queue anyway. While
one writes, the next ones wait; when it is done and others are waiting, its
transaction stays open and those waiting continue in it one after another, each
inside a savepoint of its own. The last of them commits for all (at most ``most``);
writers that arrive meanwhile make the next group, so a group is never held open
by a stream of newcomers.

- **Each command still stands alone.** A command that fails (a conflict of its
  expected version, a repeated event id, any error in its unit of work) is rolled
  back to its savepoint; the commands before and after it in the group are not
  touched. The first command of a transaction needs no savepoint: if it fails,
  nothing else is in the transaction yet, which is rolled back whole.
- **Answered means committed.** A command's ``writing()`` returns only once the
  group's ``COMMIT`` has returned; if that commit fails, every command of the group
  gets the error and none of them is answered as written. A command that joins a
  group sees the earlier ones' writes (they commit together or not at all), so
  commands apply in the order they took their turn, as one after another would.
- **Fewer writes of the same pages.** SQLite writes each page a transaction changed
  to the WAL once per commit; the streams row, the events' indexes and the
  current-state tables' pages touched by eight commands are written once instead
  of eight times, and the commit's own work (the WAL header, the lock) is paid once.

Nothing waits to *form* a group: a lone writer commits at once, as before. A
queued writer that is cancelled before its turn leaves the commit to the writer
after it, or, if there is none, to a task started for that commit alone.

One rule for units of work follows: never wait, inside ``writing()``, for another
writer's answer (an event another task sets once its own write returned). That
writer's answer may wait for this group's commit, so the two would wait for each
other (with a commit per writer, it had committed and answered before this one's
turn). Nothing in the kernel or the services waits so.
"""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import AsyncIterator, Coroutine
from contextlib import asynccontextmanager
from typing import Final

from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from trygnet_core.sqlite_dialect import begin_immediate_asleep, driver_of

_SAVEPOINT: Final = "SAVEPOINT trygnet_command"
_RELEASE: Final = "RELEASE trygnet_command"
_ROLLBACK_TO: Final = "ROLLBACK TO trygnet_command"


class GroupCommit:
    """The write turn of one SQLite engine in one event loop.

    Its connection stays checked out while writers keep coming (it goes back to the
    pool once a turn of the event loop passes with nobody writing), and the group's
    ``BEGIN IMMEDIATE``, savepoints and ``COMMIT`` go straight to ``sqlite3``:
    each call through SQLAlchemy's asyncio layer is a greenlet of its own (about
    30 µs here), more than SQLite's work for a savepoint or an append.

    SQLAlchemy's ``Connection`` begins a transaction of its own only when a command
    runs a statement through it (its ``begin`` event then finds SQLite's transaction
    open and sends nothing, ``database``). If one did, the group commits through
    SQLAlchemy (its sync ``commit``, which with this dialect never waits), so that
    both agree the transaction is over; if none did (appends alone go straight to
    ``sqlite3``), through ``sqlite3``. Beginning and committing a SQLAlchemy
    transaction nobody used cost a fifth of an empty unit of work's CPU.
    """

    def __init__(self, engine: AsyncEngine, *, most: int = 64) -> None:
        self._engine = engine
        self._most = most
        self._turn = asyncio.Lock()
        self._queued = 0
        self._conn: AsyncConnection | None = None
        self._driver: sqlite3.Connection | None = None
        self._group: list[asyncio.Future[None]] = []
        self._tasks: set[asyncio.Task[None]] = set()
        self._idle_check = False
        self._joining = 0

    @asynccontextmanager
    async def command(self) -> AsyncIterator[AsyncConnection]:
        """One command's unit of work: its own savepoint, the group's commit."""
        await self._take_turn()
        first = not self._group
        try:
            conn, driver = await self._connection()
            if first:
                await begin_immediate_asleep(driver)
            else:
                driver.execute(_SAVEPOINT)
            try:
                yield conn
            except BaseException:
                self._undo(conn, driver, first=first)
                raise
            if not first:
                driver.execute(_RELEASE)
            committed: asyncio.Future[None] = asyncio.get_running_loop().create_future()
            self._group.append(committed)
            if first:
                # One turn of the event loop: writers that are ready to run (a
                # request parsed, a batch fetched) reach the queue, and those
                # queued now make the group; later ones wait for the next.
                await asyncio.sleep(0)
                self._joining = self._queued
        finally:
            if not first:
                self._joining -= 1
            if self._group and (self._queued == 0 or self._joining <= 0 or self._full()):
                self._commit()
            self._turn.release()
        await committed

    def _full(self) -> bool:
        return len(self._group) >= self._most

    async def _take_turn(self) -> None:
        self._queued += 1
        try:
            await self._turn.acquire()
        except BaseException:
            self._queued -= 1
            if self._queued == 0 and self._group and not self._turn.locked():
                self._spawn(self._commit_left_over())  # the writer before left it to us
            raise
        self._queued -= 1

    async def _commit_left_over(self) -> None:
        async with self._turn:
            if self._group:
                self._commit()

    async def _connection(self) -> tuple[AsyncConnection, sqlite3.Connection]:
        if self._conn is None or self._driver is None:
            conn = await self._engine.connect()
            self._conn, self._driver = conn, driver_of(conn)
        return self._conn, self._driver

    def _undo(self, conn: AsyncConnection, driver: sqlite3.Connection, *, first: bool) -> None:
        if not first:
            try:
                driver.execute(_ROLLBACK_TO)
                driver.execute(_RELEASE)
            except sqlite3.Error:
                pass  # the transaction itself is gone: found just below
            if driver.in_transaction:
                return
            # SQLite rolled back the whole transaction (an I/O error, a full disk):
            # the commands before this one lost their writes too.
            self._settle(sqlite3.OperationalError("the group's transaction was rolled back"))
        self._end(conn, commit=False)

    def _commit(self) -> None:
        assert self._conn is not None
        try:
            self._end(self._conn, commit=True)
        except BaseException as error:
            self._settle(error)
            self._end(self._conn, commit=False)
        else:
            self._settle(None)

    def _end(self, conn: AsyncConnection, *, commit: bool) -> None:
        """Commit, or roll back and give the connection back to the pool. A committed
        connection is kept for the next writer while writers keep coming."""
        sync, driver = conn.sync_connection, self._driver
        assert sync is not None and driver is not None
        if commit:
            if sync.in_transaction():
                sync.commit()
            else:
                try:
                    driver.commit()
                except sqlite3.Error as error:  # as SQLAlchemy's commit would raise it
                    raise DBAPIError.instance("COMMIT", None, error, sqlite3.Error) from error
            if not self._idle_check:
                self._idle_check = True
                asyncio.get_running_loop().call_soon(self._close_if_idle)
            return
        self._conn = self._driver = None
        try:
            sync.rollback()
            if driver.in_transaction:  # begun, but SQLAlchemy's side was not
                driver.rollback()
        finally:
            sync.close()

    def _close_if_idle(self) -> None:
        """A turn of the event loop after a commit: nobody writing, the connection goes
        back to the pool (sync: with this dialect a check-in never waits)."""
        self._idle_check = False
        conn = self._conn
        if conn is None or self._turn.locked() or self._queued or self._group:
            return
        self._conn = self._driver = None
        assert conn.sync_connection is not None
        conn.sync_connection.close()

    def _settle(self, error: BaseException | None) -> None:
        group, self._group = self._group, []
        for committed in group:
            if committed.done():
                continue  # its writer was cancelled while waiting
            if error is None:
                committed.set_result(None)
            else:
                committed.set_exception(error)

    def _spawn(self, work: Coroutine[None, None, None]) -> None:
        task = asyncio.get_running_loop().create_task(work)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

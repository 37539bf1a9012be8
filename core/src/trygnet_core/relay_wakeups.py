"""What wakes an idle outbox relay: a commit, or a slow sweep. Nothing polls at rest.

A relay publishes as soon as an event commits, and looks for unpublished events only
then:

- in the process that commits, the event store calls ``wake`` after each commit
  (``EventStore.on_appended``); on SQLite that is every writer, since one process
  writes a service's database;
- on PostgreSQL the other replicas of the service commit to the same database: every
  statement inserting into ``events`` sends a notification on ``CHANNEL`` when its
  transaction commits (a trigger, kernel migration 0005), and each relay listens for
  it on a connection of its own (``listen_for_commits``).

After a wake the relay polls at its short interval for ``linger`` seconds: on
PostgreSQL an event is read only once no older transaction still runs
(``store/backends.py``), and the commit that lets it through may write no event.
Otherwise it looks only every ``sweep`` seconds, a safety net: a notification sent
while the listener reconnects is lost, and a relay in a process of its own beside a
SQLite database (``trygnet-relay``) is woken by nobody, so it sweeps at the short
interval (``relay_command``).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Callable
from typing import Any, Final

import asyncpg
from sqlalchemy.ext.asyncio import AsyncEngine

log = logging.getLogger(__name__)

CHANNEL: Final = "trygnet_events"
"""The PostgreSQL channel a commit of events is announced on (payload empty)."""

LINGER_SECONDS: Final = 2.0
"""How long after a wake the relay polls at its short interval (PostgreSQL only)."""

APPLICATION_NAME: Final = "trygnet-relay-listener"
"""How the listening connection shows in ``pg_stat_activity``."""

KEEPALIVE_SECONDS: Final = 30.0
"""How often the listener's connection is checked while no notification arrives."""


class Wakeups:
    """The relay's wait between passes: until woken, or the poll or sweep interval."""

    def __init__(self, *, poll: float, sweep: float, linger: float) -> None:
        self.poll = poll
        self.sweep = max(poll, sweep)
        self.linger = linger
        self._woken = asyncio.Event()
        self._lively_until = 0.0

    def wake(self) -> None:
        self._lively_until = time.monotonic() + self.linger
        self._woken.set()

    def clear(self) -> None:
        self._woken.clear()

    async def wait(self) -> None:
        lively = time.monotonic() < self._lively_until
        with contextlib.suppress(asyncio.TimeoutError):
            await asyncio.wait_for(self._woken.wait(), self.poll if lively else self.sweep)


def listens(engine: AsyncEngine) -> bool:
    """True where commits are announced (PostgreSQL)."""
    return engine.dialect.name == "postgresql"


async def listen_for_commits(engine: AsyncEngine, on_commit: Callable[[], None]) -> None:
    """Call ``on_commit`` whenever a transaction that stored events commits, in any
    process on ``engine``'s database; until cancelled. A lost connection is opened
    again after a pause, and ``on_commit`` is called once it listens again (a commit
    announced meanwhile was missed)."""
    dsn = engine.url.set(drivername="postgresql").render_as_string(hide_password=False)
    backoff = 0.5
    while True:
        try:
            conn = await asyncio.wait_for(
                asyncpg.connect(dsn, server_settings={"application_name": APPLICATION_NAME}),
                timeout=10,
            )
            try:
                await _listen(conn, on_commit)
            finally:
                with contextlib.suppress(Exception):
                    await asyncio.wait_for(conn.close(), timeout=5)
            log.warning("relay lost its connection listening for commits; listening again")
            backoff = 0.5
        except Exception as exc:  # the database away: the sweep publishes meanwhile
            log.warning(
                "relay cannot listen for commits; retrying",
                extra={"error": type(exc).__name__, "retry_in_s": backoff},
            )
            await asyncio.sleep(backoff)
            backoff = min(backoff * 2, 10.0)


async def _listen(conn: asyncpg.Connection[Any], on_commit: Callable[[], None]) -> None:
    """Until the connection is lost: its end noticed at once, a silent one by a
    keep-alive query."""
    ended = asyncio.Event()
    conn.add_termination_listener(lambda _: ended.set())
    await conn.add_listener(CHANNEL, lambda *_: on_commit())
    on_commit()
    while True:
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(ended.wait(), KEEPALIVE_SECONDS)
        if ended.is_set():
            return
        try:
            await conn.fetchval("SELECT 1", timeout=5)
        except (TimeoutError, OSError, asyncpg.PostgresError, asyncpg.InterfaceError):
            return

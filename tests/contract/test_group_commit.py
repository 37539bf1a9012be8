"""SQLite's group commit: writers queued together share one commit, each command alone.

Real SQLite files and the kernel's own engine; commits are counted with
SQLAlchemy's ``commit`` event and what is stored is read back from the database.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import AsyncIterator, Sequence
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event, text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from tests.conftest import sqlite_engine
from tests.contract.event_store_contract import COPENHAGEN, append, reported
from trygnet_core.database import writing
from trygnet_core.envelope import RecordedEvent
from trygnet_core.sqlite_dialect import driver_of
from trygnet_core.store import ConcurrencyConflict, EventStore


@pytest.fixture
async def engine(tmp_path: Path) -> AsyncIterator[AsyncEngine]:
    built = await sqlite_engine(tmp_path / "store.db")
    async with built.begin() as conn:
        # A current-state table, and one whose foreign key is checked only at COMMIT.
        await conn.execute(text("CREATE TABLE incident_state (stream_id TEXT PRIMARY KEY)"))
        await conn.execute(
            text(
                "CREATE TABLE incident_links (stream_id TEXT REFERENCES incident_state "
                "DEFERRABLE INITIALLY DEFERRED)"
            )
        )
    yield built
    await built.dispose()


def count_commits(engine: AsyncEngine) -> list[int]:
    commits: list[int] = []

    @event.listens_for(engine.sync_engine, "commit")
    def _committed(_conn: Any) -> None:
        commits.append(1)

    return commits


async def current_state(conn: AsyncConnection, recorded: Sequence[RecordedEvent]) -> None:
    await conn.execute(
        text("INSERT INTO incident_state VALUES (:s)"), {"s": recorded[-1].stream_id}
    )
    if recorded[-1].stream_id == "incident-failing":
        raise RuntimeError("current-state update failed")


async def stored(engine: AsyncEngine) -> tuple[list[str], list[str]]:
    async with engine.connect() as conn:
        streams = (await conn.execute(text("SELECT stream_id FROM streams"))).scalars()
        states = (await conn.execute(text("SELECT stream_id FROM incident_state"))).scalars()
        return sorted(streams), sorted(states)


async def test_commands_queued_together_share_a_commit_and_one_failure_stays_its_own(
    engine: AsyncEngine,
) -> None:
    store = EventStore(engine, state_updaters=[current_state])
    await append(store, stream="incident-old")
    commits = count_commits(engine)
    names = [f"incident-{n}" for n in range(6)]
    outcomes = await asyncio.gather(
        *(append(store, stream=name) for name in names),
        append(store, stream="incident-old", expected=0),  # its expected version is stale
        append(store, stream="incident-failing"),  # its state update fails after its append
        return_exceptions=True,
    )
    assert [type(o) for o in outcomes[6:]] == [ConcurrencyConflict, RuntimeError]
    assert not any(isinstance(o, BaseException) for o in outcomes[:6])
    assert len(commits) < len(names)  # grouped: fewer commits than commands written
    assert await stored(engine) == (
        sorted([*names, "incident-old"]),
        sorted([*names, "incident-old"]),
    )


async def test_appends_alone_share_a_commit_sent_straight_to_sqlite_and_a_conflict_stays_its_own(
    engine: AsyncEngine, tmp_path: Path
) -> None:
    """No state updater: SQLAlchemy runs no statement in the group, which commits through
    ``sqlite3`` itself; what it answered as written is there for another connection."""
    store = EventStore(engine)
    await append(store, stream="incident-old")
    sent: list[str] = []

    @event.listens_for(engine.sync_engine, "checkout")
    def _trace(dbapi_connection: Any, _record: Any, _proxy: Any) -> None:
        dbapi_connection.set_trace_callback(sent.append)

    names = [f"incident-{n}" for n in range(6)]
    outcomes = await asyncio.gather(
        *(append(store, stream=name) for name in names),
        append(store, stream="incident-old", expected=0),  # its expected version is stale
        return_exceptions=True,
    )
    assert isinstance(outcomes[6], ConcurrencyConflict)
    assert not any(isinstance(o, BaseException) for o in outcomes[:6])
    assert 1 <= sent.count("COMMIT") < len(names)
    other = await sqlite_engine(tmp_path / "store.db")  # another engine, its own connection
    try:
        assert (await stored(other))[0] == sorted([*names, "incident-old"])
        versions = [
            await EventStore(other).stream_version(tenant=COPENHAGEN, stream_id=n) for n in names
        ]
    finally:
        await other.dispose()
    assert versions == [1] * len(names)


async def test_commands_after_one_rolled_back_in_their_group_are_answered_the_positions_stored(
    engine: AsyncEngine,
) -> None:
    """The failing command's events were inserted, then rolled back to its savepoint: the
    positions it had taken go to the commands after it, and each is told its own."""
    store = EventStore(engine, state_updaters=[current_state])
    names = ["incident-1", "incident-failing", "incident-2", "incident-3"]
    outcomes = await asyncio.gather(
        *(append(store, stream=name, events=reported(3)) for name in names),
        return_exceptions=True,
    )
    assert isinstance(outcomes[1], RuntimeError)
    answered = [e for o in outcomes if isinstance(o, list) for e in o]
    stored_events = [
        e for name in names for e in await store.read_stream(tenant=COPENHAGEN, stream_id=name)
    ]
    assert len(answered) == 9
    assert sorted((e.event_id, e.position) for e in answered) == sorted(
        (e.event_id, e.position) for e in stored_events
    )


async def test_a_group_whose_commit_fails_answers_none_of_its_commands_as_written(
    engine: AsyncEngine,
) -> None:
    async def command(stream: str, *, dangling: bool) -> None:
        async with writing(engine) as conn:
            await conn.execute(text("INSERT INTO incident_state VALUES (:s)"), {"s": stream})
            if dangling:  # refused only by the COMMIT (a deferred foreign key)
                await conn.execute(text("INSERT INTO incident_links VALUES ('nowhere')"))

    outcomes = await asyncio.gather(
        command("incident-1", dangling=False),
        command("incident-2", dangling=True),
        command("incident-3", dangling=False),
        return_exceptions=True,
    )
    assert all(isinstance(o, IntegrityError) for o in outcomes), outcomes
    assert await stored(engine) == ([], [])
    await command("incident-4", dangling=False)  # the writers' turn goes on
    assert await stored(engine) == ([], ["incident-4"])


async def test_a_group_that_wrote_straight_to_sqlite_fails_its_commit_as_sqlalchemy_would(
    engine: AsyncEngine,
) -> None:
    """No command ran a statement through SQLAlchemy (as appends alone do), so the group
    commits through ``sqlite3``; its refusal still reaches every command as SQLAlchemy's."""

    async def command(stream: str, *, dangling: bool) -> None:
        async with writing(engine) as conn:
            driver = driver_of(conn)
            driver.execute("INSERT INTO incident_state VALUES (?)", (stream,))
            if dangling:  # refused only by the COMMIT (a deferred foreign key)
                driver.execute("INSERT INTO incident_links VALUES ('nowhere')")

    outcomes = await asyncio.gather(
        command("incident-1", dangling=False),
        command("incident-2", dangling=True),
        return_exceptions=True,
    )
    assert all(isinstance(o, IntegrityError) for o in outcomes), outcomes
    assert await stored(engine) == ([], [])


async def test_a_writer_cancelled_while_queued_leaves_no_command_unanswered(
    engine: AsyncEngine,
) -> None:
    """The last writer of a group is cancelled before its turn: the group it was to
    commit is committed all the same."""
    gates = {name: (asyncio.Event(), asyncio.Event()) for name in ("first", "second")}

    async def command(name: str) -> None:
        async with writing(engine) as conn:
            await conn.execute(text("INSERT INTO incident_state VALUES (:s)"), {"s": name})
            if name in gates:
                inside, leave = gates[name]
                inside.set()
                await leave.wait()

    first = asyncio.create_task(command("first"))
    await gates["first"][0].wait()
    second = asyncio.create_task(command("second"))
    last = asyncio.create_task(command("last"))
    await asyncio.sleep(0)  # both queued behind the first
    gates["first"][1].set()
    await gates["second"][0].wait()  # the first is done; the group waits for the last
    gates["second"][1].set()
    last.cancel()  # before its turn, which the second hands on to it
    await asyncio.wait_for(asyncio.gather(first, second), timeout=30)
    assert last.cancelled()
    assert await stored(engine) == ([], ["first", "second"])


async def test_sqlite_runs_on_the_event_loops_own_thread(engine: AsyncEngine) -> None:
    """No hop to a connection thread: the statement runs where the loop runs."""
    async with engine.connect() as conn:
        raw = await conn.get_raw_connection()
        raw.driver_connection.create_function("thread_id", 0, threading.get_ident)
        ran_on = (await conn.execute(text("SELECT thread_id()"))).scalar_one()
    assert ran_on == threading.get_ident()

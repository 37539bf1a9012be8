"""The contenders of an append line, each on its own fresh database.

Every line runs the kernel as it is (``trygnet``) and eventsourcing (``peer``),
then the steps of the change proposed for ``core/``, each step including the
ones before it, so the report can show what each step buys:

SQLite      ``fewer_calls``     the kernel's SQL with fewer driver calls (``ProposedEventStore``)
            ``writer_thread``   the whole append as one job on a writer thread (``sqlite_writer``)
PostgreSQL  ``no_pre_ping``     the kernel's store on an engine without ``pool_pre_ping``
            ``one_statement``   stream move and event insert in one statement
            ``autocommit``      that statement without BEGIN/COMMIT when nothing else
                                shares the transaction
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Final, Protocol

from sqlalchemy.ext.asyncio import AsyncEngine

from bench.databases import Site, SQLiteSite
from bench.peer_writers import PeerStore, postgres_peer, run_peer_writers, sqlite_peer
from bench.proposed_store import ENGINE_OPTIONS, ProposedEventStore
from bench.sqlite_writer import SQLiteWriterStore
from bench.trygnet_writers import run_trygnet_writers
from bench.workload import Shape, Timing
from trygnet_core.store import EventStore

LADDERS: Final = {
    "sqlite": ["trygnet", "peer", "fewer_calls", "writer_thread"],
    "postgresql": ["trygnet", "peer", "no_pre_ping", "one_statement", "autocommit"],
}
NAMES: Final = {
    "trygnet": "Trygnet (core today)",
    "peer": "eventsourcing 9 (ApplicationRecorder)",
    "fewer_calls": "fewer driver calls",
    "writer_thread": "writer thread",
    "no_pre_ping": "no pre-ping",
    "one_statement": "+ one statement",
    "autocommit": "+ autocommit",
}
DETAILS: Final = {
    "fewer_calls": "the kernel's statements, but the events in one multi-row INSERT matched "
    "to their rows by event id (no `sort_by_parameter_order`), no pool rollback after a "
    "commit (`pool_reset_on_return=None`), and an asyncio lock so that the process's "
    "writers queue in Python rather than in SQLite's busy handler",
    "writer_thread": "the whole append (BEGIN IMMEDIATE, stream move, multi-row INSERT "
    "... RETURNING, COMMIT) as one job on one writer thread with `sqlite3`: one hop per "
    "command instead of 12 or 30",
    "no_pre_ping": "the kernel's store on an engine with `pool_pre_ping=False` (SQLAlchemy's "
    "asyncpg ping is BEGIN, `;`, ROLLBACK: three round trips per checkout)",
    "one_statement": "and the stream move and the event insert in one statement (a "
    "data-modifying CTE; the insert joins the moved stream row, so a stale expected "
    "version inserts nothing and raises the same conflict): BEGIN, statement, COMMIT",
    "autocommit": "and, when the append is its own transaction and no state updater "
    "shares it, that one statement in autocommit mode: one round trip per command",
}


class Runner(Protocol):
    async def run(self, shape: Shape, *, commands_per_writer: int, tag: str) -> Timing: ...

    async def close(self) -> None: ...


@dataclass(slots=True)
class StoreRunner:
    store: EventStore
    engine: AsyncEngine

    async def run(self, shape: Shape, *, commands_per_writer: int, tag: str) -> Timing:
        return await run_trygnet_writers(
            self.store, shape, commands_per_writer=commands_per_writer, tag=tag
        )

    async def close(self) -> None:
        if isinstance(self.store, SQLiteWriterStore):
            await self.store.close()
        await self.engine.dispose()


@dataclass(slots=True)
class PeerRunner:
    peer: PeerStore

    async def run(self, shape: Shape, *, commands_per_writer: int, tag: str) -> Timing:
        # A sync library: its threads run while the event loop waits, which is
        # fine here because nothing else is scheduled on the loop meanwhile.
        return run_peer_writers(self.peer, shape, commands_per_writer=commands_per_writer)

    async def close(self) -> None:
        self.peer.close()


async def _trygnet(site: Site, shape: Shape, key: str) -> Runner:
    engine = await site.trygnet_engine(key, writers=shape.writers)
    return StoreRunner(EventStore(engine), engine)


async def _peer(site: Site, shape: Shape, key: str) -> Runner:
    if isinstance(site, SQLiteSite):
        return PeerRunner(sqlite_peer(site.file(key), writers=shape.writers))
    schema = await site.new_schema(key)
    return PeerRunner(postgres_peer(site.params, schema, writers=shape.writers))


async def _fewer_calls(site: Site, shape: Shape, key: str) -> Runner:
    engine = await site.trygnet_engine(key, writers=shape.writers, **ENGINE_OPTIONS["sqlite"])
    return StoreRunner(ProposedEventStore(engine), engine)


async def _writer_thread(site: Site, shape: Shape, key: str) -> Runner:
    assert isinstance(site, SQLiteSite)
    engine = await site.trygnet_engine(key, writers=shape.writers)
    return StoreRunner(SQLiteWriterStore(engine, site.file(key)), engine)


async def _no_pre_ping(site: Site, shape: Shape, key: str) -> Runner:
    engine = await site.trygnet_engine(key, writers=shape.writers, pool_pre_ping=False)
    return StoreRunner(EventStore(engine), engine)


async def _one_statement(site: Site, shape: Shape, key: str) -> Runner:
    options = ENGINE_OPTIONS["postgresql"]
    engine = await site.trygnet_engine(key, writers=shape.writers, **options)
    return StoreRunner(ProposedEventStore(engine), engine)


async def _autocommit(site: Site, shape: Shape, key: str) -> Runner:
    options = ENGINE_OPTIONS["postgresql"]
    engine = await site.trygnet_engine(key, writers=shape.writers, **options)
    return StoreRunner(ProposedEventStore(engine, autocommit=True), engine)


BUILDERS: Final[dict[str, Callable[[Site, Shape, str], Awaitable[Runner]]]] = {
    "trygnet": _trygnet,
    "peer": _peer,
    "fewer_calls": _fewer_calls,
    "writer_thread": _writer_thread,
    "no_pre_ping": _no_pre_ping,
    "one_statement": _one_statement,
    "autocommit": _autocommit,
}

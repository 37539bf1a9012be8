"""The contenders of an append line, each on its own fresh database.

Every line runs the kernel (``trygnet``: ``EventStore.append`` with no
connection and no state updater, as the benchmark's commands need) and
eventsourcing (``peer``), then:

PostgreSQL  ``unit_of_work``    the kernel's append inside ``store.transaction()``, as a
                                command handler of a service with state updaters runs
                                it: BEGIN, the append's statement, COMMIT
SQLite      ``writer_thread``   a proposal, not the kernel: the whole append as one job
                                on a writer thread (``sqlite_writer``)
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Final, Protocol

from sqlalchemy.ext.asyncio import AsyncEngine

from bench.databases import Site, SQLiteSite
from bench.peer_writers import PeerStore, postgres_peer, run_peer_writers, sqlite_peer
from bench.sqlite_writer import SQLiteWriterStore
from bench.trygnet_writers import run_trygnet_writers
from bench.workload import Shape, Timing
from trygnet_core.store import EventStore

LADDERS: Final = {
    "sqlite": ["trygnet", "peer", "writer_thread"],
    "postgresql": ["trygnet", "peer", "unit_of_work"],
}
NAMES: Final = {
    "trygnet": "Trygnet",
    "peer": "eventsourcing 9 (ApplicationRecorder)",
    "unit_of_work": "Trygnet in a unit of work",
    "writer_thread": "writer thread, proposal",
}
#: Contenders that are not the kernel but a change proposed for it, prototyped in ``bench/``.
PROPOSALS: Final = ("writer_thread",)
DETAILS: Final = {
    "unit_of_work": "the same append inside `store.transaction()`, as a command handler "
    "runs it when the service keeps current-state tables (state updaters) or reads the "
    "stream in the same transaction: `BEGIN`, the append's one statement, `COMMIT`",
    "writer_thread": "the whole append (BEGIN IMMEDIATE, stream move, multi-row INSERT "
    "... RETURNING, COMMIT) as one job on one writer thread with `sqlite3`, instead of "
    "one hop to aiosqlite's thread per driver call",
}


class Runner(Protocol):
    async def run(self, shape: Shape, *, commands_per_writer: int, tag: str) -> Timing: ...

    async def close(self) -> None: ...


@dataclass(slots=True)
class StoreRunner:
    store: EventStore
    engine: AsyncEngine
    unit_of_work: bool = False

    async def run(self, shape: Shape, *, commands_per_writer: int, tag: str) -> Timing:
        return await run_trygnet_writers(
            self.store,
            shape,
            commands_per_writer=commands_per_writer,
            tag=tag,
            unit_of_work=self.unit_of_work,
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


async def _unit_of_work(site: Site, shape: Shape, key: str) -> Runner:
    engine = await site.trygnet_engine(key, writers=shape.writers)
    return StoreRunner(EventStore(engine), engine, unit_of_work=True)


async def _peer(site: Site, shape: Shape, key: str) -> Runner:
    if isinstance(site, SQLiteSite):
        return PeerRunner(sqlite_peer(site.file(key), writers=shape.writers))
    schema = await site.new_schema(key)
    return PeerRunner(postgres_peer(site.params, schema, writers=shape.writers))


async def _writer_thread(site: Site, shape: Shape, key: str) -> Runner:
    assert isinstance(site, SQLiteSite)
    engine = await site.trygnet_engine(key, writers=shape.writers)
    return StoreRunner(SQLiteWriterStore(engine, site.file(key)), engine)


BUILDERS: Final[dict[str, Callable[[Site, Shape, str], Awaitable[Runner]]]] = {
    "trygnet": _trygnet,
    "peer": _peer,
    "unit_of_work": _unit_of_work,
    "writer_thread": _writer_thread,
}

"""The contenders of an append line, each on its own fresh database.

Every line runs the kernel (``trygnet``: ``EventStore.append`` with no
connection and no state updater, as the benchmark's commands need) and
eventsourcing (``peer``), then ``unit_of_work``: the kernel's append inside
``store.transaction()``, as a command handler of a service with state updaters
runs it (PostgreSQL: BEGIN, the append's statement, COMMIT; SQLite: the append in
the writers' group commit, in a savepoint when it joins a group).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Final, Protocol

from sqlalchemy.ext.asyncio import AsyncEngine

from bench.databases import Site, SQLiteSite
from bench.peer_writers import PeerStore, postgres_peer, run_peer_writers, sqlite_peer
from bench.trygnet_writers import run_trygnet_writers
from bench.workload import Shape, Timing
from trygnet_core.store import EventStore

LADDERS: Final = {
    "sqlite": ["trygnet", "peer", "unit_of_work"],
    "postgresql": ["trygnet", "peer", "unit_of_work"],
}
NAMES: Final = {
    "trygnet": "Trygnet",
    "peer": "eventsourcing 9 (ApplicationRecorder)",
    "unit_of_work": "Trygnet in a unit of work",
}
#: Contenders that are not the kernel but a change proposed for it, prototyped in ``bench/``.
PROPOSALS: Final[tuple[str, ...]] = ()
DETAILS: Final = {
    "unit_of_work": "the same append inside `store.transaction()`, as a command handler "
    "runs it when the service keeps current-state tables (state updaters) or reads the "
    "stream in the same transaction: on PostgreSQL `BEGIN`, the append's one statement, "
    "`COMMIT`; on SQLite the same group commit as an append of its own, the append joining "
    "the caller's transaction",
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


BUILDERS: Final[dict[str, Callable[[Site, Shape, str], Awaitable[Runner]]]] = {
    "trygnet": _trygnet,
    "peer": _peer,
    "unit_of_work": _unit_of_work,
}

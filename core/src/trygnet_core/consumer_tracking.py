"""What a consumer has applied: per stream the version, per partition the offset.

Kept in the consumer's own database and written on the same connection as the
projection change (see ``consumer.py``). Changes are staged while a batch is
applied and become the confirmed in-memory view only after the commit, so a
rolled-back batch leaves no trace here either.
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Final, Literal

from aiokafka import ConsumerRecord, TopicPartition
from sqlalchemy import bindparam, func, select
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from trygnet_core.bounded import Bounded
from trygnet_core.database import read_only, upsert
from trygnet_core.envelope import ReceivedEvent
from trygnet_core.keys_in import key_chunks, keys_in
from trygnet_core.schema import consumer_positions, consumer_streams

StreamKey = tuple[str, str, str]
"""(tenant, source service, stream id)"""

Verdict = Literal["apply", "duplicate", "early"]

RECENT_STREAMS: Final = 10_000
"""How many streams' applied versions are kept in memory after their commit, so that
a reader waiting for one (``consistentWith``) is answered without a query."""


@dataclass(frozen=True, slots=True)
class StoredPosition:
    next_offset: int
    epoch: int


def stream_key(received: ReceivedEvent) -> StreamKey:
    return (received.event.tenant_id, received.service, received.event.stream_id)


_STREAM_KEY = (
    consumer_streams.c.tenant_id,
    consumer_streams.c.source,
    consumer_streams.c.stream_id,
)
# Asked at every batch and every consistent read: built once.
_APPLIED_VERSIONS = select(*_STREAM_KEY, consumer_streams.c.version).where(
    consumer_streams.c.consumer == bindparam("consumer"),
    keys_in(_STREAM_KEY),
)


async def replicas_take_turns(conn: AsyncConnection, consumer: str) -> None:
    """On PostgreSQL, hold this consumer's lock until the transaction ends.

    Replicas of one consumer (one group, one database: reporting scaled out) apply
    their batches one at a time. Without it, two batches in flight at once each read
    a stream's applied version before the other commits and both apply the next
    event (while a rebalance hands a partition over, the old owner may still be
    applying it), and two handlers changing one document (an actor's, moved by events
    of two topics) each write over the other's change. After the lock every statement
    reads what the previous holder committed (read committed). SQLite needs none: a
    database file has one writer at a time."""
    if conn.dialect.name == "postgresql":
        key = int.from_bytes(hashlib.blake2b(consumer.encode(), digest_size=8).digest(), "big")
        await conn.execute(select(func.pg_advisory_xact_lock(key - 2**63)))


async def stored_positions(
    conn: AsyncConnection, consumer: str
) -> dict[tuple[str, int], StoredPosition]:
    """Where the consumer's replicas have applied up to, per (topic, partition), as stored
    with what they built, in topic and partition order."""
    rows = await conn.execute(
        select(consumer_positions)
        .where(consumer_positions.c.consumer == consumer)
        .order_by(consumer_positions.c.topic, consumer_positions.c.partition)
    )
    return {(row.topic, row.partition): StoredPosition(row.next_offset, row.epoch) for row in rows}


class Tracking:
    def __init__(self, engine: AsyncEngine, *, consumer: str) -> None:
        self.engine = engine
        self.consumer = consumer
        self.positions: dict[tuple[str, int], StoredPosition] = {}
        self._versions: dict[StreamKey, int] = {}
        self._staged: dict[StreamKey, tuple[int, uuid.UUID]] = {}
        self._staged_positions: dict[tuple[str, int], StoredPosition] = {}
        self._recent: Bounded[StreamKey, int] = Bounded(RECENT_STREAMS)
        self.log_ends: dict[TopicPartition, tuple[int, int]] = {}
        """Per partition, the end (and epoch) at which its last message was last found in
        the stored epoch (``consumer_assignment.reset_logs``)."""

    async def load(self) -> None:
        async with read_only(self.engine) as conn:
            self.positions = await stored_positions(conn, self.consumer)

    async def refresh(self) -> None:
        """Take the positions as the database holds them now: another replica of this
        consumer (one group, one database) may have moved them since this process read
        them, so a partition handed over is read on from where that replica stopped. A
        position this process found in a newer relay epoch and has not committed yet
        (``start_epoch``) stays."""
        kept = self.positions
        await self.load()
        for key, mine in kept.items():
            stored = self.positions.get(key)
            if stored is not None and mine.epoch > stored.epoch:
                self.positions[key] = mine

    async def load_streams(self, conn: AsyncConnection, events: Sequence[ReceivedEvent]) -> None:
        """Read the applied versions of the streams in ``events`` (one query)."""
        self._versions = await self._applied(conn, {stream_key(e) for e in events})

    async def _applied(
        self, conn: AsyncConnection, keys: Iterable[StreamKey]
    ) -> dict[StreamKey, int]:
        """The applied version of each stream of ``keys`` that has one, in one query a
        chunk of ``KEYS_AT_ONCE``."""
        wanted, found = sorted(set(keys)), {}
        for chunk in key_chunks(wanted):  # a reader may name thousands (/admin/applied)
            given = {"consumer": self.consumer, "keys": chunk}
            rows = (await conn.execute(_APPLIED_VERSIONS, given)).all()  # one fetch
            found.update({(r.tenant_id, r.source, r.stream_id): r.version for r in rows})
        return found

    def admit(self, received: ReceivedEvent) -> Verdict:
        """Apply it (the next version of its stream), or skip it as a duplicate or early."""
        key = stream_key(received)
        staged = self._staged.get(key)
        applied = staged[0] if staged else self._versions.get(key, 0)
        version = received.event.version
        if version <= applied:
            return "duplicate"
        if version > applied + 1:
            return "early"
        self._staged[key] = (version, received.event.event_id)
        return "apply"

    async def save(
        self,
        conn: AsyncConnection,
        handled: Sequence[tuple[ConsumerRecord[bytes, bytes], ReceivedEvent | None]],
    ) -> None:
        for record, event in handled:
            key = (record.topic, record.partition)
            current = self._staged_positions.get(key) or self.positions.get(key)
            epoch = max(current.epoch if current else 0, event.epoch if event else 0)
            self._staged_positions[key] = StoredPosition(record.offset + 1, epoch)
        await upsert(
            conn,
            consumer_streams,
            [
                {
                    "consumer": self.consumer,
                    "tenant_id": k[0],
                    "source": k[1],
                    "stream_id": k[2],
                    "version": version,
                    "event_id": event_id,
                }
                for k, (version, event_id) in sorted(self._staged.items())
            ],
            keys=("consumer", "tenant_id", "source", "stream_id"),
        )
        await upsert(
            conn,
            consumer_positions,
            [
                {
                    "consumer": self.consumer,
                    "topic": topic,
                    "partition": partition,
                    "next_offset": pos.next_offset,
                    "epoch": pos.epoch,
                }
                for (topic, partition), pos in sorted(self._staged_positions.items())
            ],
            keys=("consumer", "topic", "partition"),
        )

    def confirm(self) -> None:
        self.positions.update(self._staged_positions)
        for key, (version, _event_id) in self._staged.items():
            self._recent.put(key, version)
        self.forget_pending()

    def recent_version(self, key: StreamKey) -> int:
        """The version of a stream applied since this process started (recent ones
        only, see ``RECENT_STREAMS``); 0 when none was, or it is no longer kept."""
        return self._recent.get(key) or 0

    def forget_pending(self) -> None:
        self._staged.clear()
        self._staged_positions.clear()
        self._versions = {}

    def start_epoch(self, topic: str, partition: int, epoch: int) -> None:
        """The partition is a new log (the relay republished it under ``epoch``): nothing
        of it is read yet. Its offset in the old log means nothing in the new one: kept,
        a seek to it (a rebalance, a reconnect, the idle check) would skip the start of
        the new log, where the events published since the broker came back are."""
        self.positions[(topic, partition)] = StoredPosition(0, epoch)

    async def stream_versions(self, keys: Iterable[StreamKey]) -> dict[StreamKey, int]:
        """The version applied of each stream of ``keys`` (0 for one none of is)."""
        wanted = list(keys)
        async with read_only(self.engine) as conn:
            found = await self._applied(conn, wanted)
        return {key: int(found.get(key, 0)) for key in wanted}

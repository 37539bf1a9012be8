"""What a relay has published, kept in the service database under its relay lease.

The checkpoint (``outbox_checkpoints``: how far the relay has published, in commit
order, the epoch and the count) and each partition's acked offsets
(``outbox_partitions``: what the lost-log checks compare with) move in memory as acks
come, and are written at most every ``save_interval``, and once that has passed after
the last batch: a write per batch queued the relay behind every command waiting for the
write lock (on SQLite), and so delayed the next publish; under a steady trickle of
commands every batch was the last, and was written. A crash before the write sends
those batches again: consumers skip the copies.

Every write carries the lease's fence (``RelayLease.fence``) in the same statement: a
relay that lost its lease moves nothing, and learns it (``LeaseLost``).
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime

from aiokafka import TopicPartition
from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncEngine

from trygnet_core.database import read_only, upsert, writing
from trygnet_core.relay_lease import RelayLease
from trygnet_core.schema import outbox_checkpoints, outbox_partitions
from trygnet_core.store import Checkpoint


@dataclass
class Progress:
    checkpoint: Checkpoint = field(default_factory=Checkpoint)
    epoch: int = 0
    published: int = 0
    acked: dict[int, int] = field(default_factory=dict)
    floor: dict[int, int] = field(default_factory=dict)
    unsaved: set[int] = field(default_factory=set)
    """Partitions acked since the progress was last written."""
    saved_at: float = 0.0

    @property
    def dirty(self) -> bool:
        """Acks not yet written (every batch acked has at least one partition)."""
        return bool(self.unsaved)

    def due(self, interval: float) -> bool:
        """Whether ``interval`` seconds have passed since it was last written."""
        return time.monotonic() - self.saved_at >= interval

    def advance(self, *, checkpoint: Checkpoint, count: int, offsets: dict[int, list[int]]) -> None:
        """A batch acked: the checkpoint moves past it (in memory until saved)."""
        self.checkpoint = checkpoint
        self.published += count
        for partition, acked in offsets.items():
            self.acked[partition], self.floor[partition] = max(acked), min(acked)
            self.unsaved.add(partition)


async def load_progress(engine: AsyncEngine, topic: str) -> Progress:
    """The progress last written for ``topic`` (its row is made when a lease is taken)."""
    progress = Progress()
    async with read_only(engine) as conn:
        found = select(outbox_checkpoints).where(outbox_checkpoints.c.topic == topic)
        row = (await conn.execute(found)).first()
        if row is not None:
            progress.checkpoint = Checkpoint(row.transaction_id, row.position)
            progress.epoch, progress.published = row.epoch, row.published
        for part in await conn.execute(
            select(outbox_partitions).where(outbox_partitions.c.topic == topic)
        ):
            progress.acked[part.partition] = part.acked_offset
            progress.floor[part.partition] = part.floor_offset
    return progress


async def save_progress(engine: AsyncEngine, lease: RelayLease, progress: Progress) -> None:
    """Write what the acks moved (the checkpoint, the count, each partition's acked
    offsets) in one transaction, while ``lease`` is still this relay's."""
    async with writing(engine) as conn:
        await lease.update_fenced(
            conn,
            "another relay took the lease: progress not written",
            transaction_id=progress.checkpoint.transaction_id,
            position=progress.checkpoint.position,
            published=progress.published,
            updated_at=datetime.now(UTC),
        )
        await upsert(
            conn,
            outbox_partitions,
            [
                {
                    "topic": lease.topic,
                    "partition": partition,
                    "acked_offset": progress.acked[partition],
                    "floor_offset": progress.floor[partition],
                }
                for partition in sorted(progress.unsaved)
            ],
            keys=("topic", "partition"),
        )
    progress.unsaved.clear()
    progress.saved_at = time.monotonic()


async def restart_progress(engine: AsyncEngine, lease: RelayLease, progress: Progress) -> None:
    """A new epoch: the checkpoint and the partitions' offsets back to the start, the
    epoch one up, while ``lease`` is still this relay's."""
    async with writing(engine) as conn:
        await lease.update_fenced(
            conn,
            "another relay took the lease: no new epoch started",
            transaction_id=0,
            position=0,
            epoch=progress.epoch + 1,
            published=0,
            updated_at=datetime.now(UTC),
        )
        partitions = outbox_partitions.c.topic == lease.topic
        await conn.execute(delete(outbox_partitions).where(partitions))
    progress.epoch += 1
    progress.checkpoint, progress.published = Checkpoint(), 0
    progress.acked.clear()
    progress.floor.clear()
    progress.unsaved.clear()


def below_floor(ends: Mapping[TopicPartition, int], progress: Progress) -> str | None:
    """Why the broker lost the log, if it did: a partition ending at or below the lowest
    offset last acked there (``progress.floor``)."""
    for part, end in ends.items():
        floor = progress.floor[part.partition]
        if end <= floor:
            return f"partition {part.partition} ends at {end}, below offset {floor}"
    return None

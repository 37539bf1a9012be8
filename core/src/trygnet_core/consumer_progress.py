"""How far a consumer has read: its lag for the metrics, its progress for a rebuild.

Both are counted in messages over the partitions the consumer holds, from the
broker's end offsets and the positions the consumer has applied.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable, Iterator

from aiokafka import AIOKafkaConsumer

from trygnet_core.consumer_tracking import Tracking


def lag(kafka: AIOKafkaConsumer | None, tracking: Tracking) -> float:
    """Messages not yet applied, by the end offsets the consumer last fetched."""
    behind = 0.0
    if kafka is not None:
        for tp in kafka.assignment():
            end = kafka.highwater(tp)
            position = tracking.positions.get((tp.topic, tp.partition))
            if end is not None and position is not None:
                behind += max(0, end - position.next_offset)
    return behind


class Idle:
    """How long a consumer has applied nothing: none at all while it applies a batch (a
    long batch is work under way, not idleness, whatever the lag reads meanwhile)."""

    def __init__(self) -> None:
        self._since: float | None = time.monotonic()

    def reset(self) -> None:
        self._since = time.monotonic()

    @contextlib.contextmanager
    def busy(self) -> Iterator[None]:
        """A batch is being applied: idle again from its end."""
        self._since = None
        try:
            yield
        finally:
            self.reset()

    def seconds(self) -> float:
        return 0.0 if self._since is None else time.monotonic() - self._since


async def progress(
    kafka: AIOKafkaConsumer | None,
    positions: Callable[[], dict[tuple[str, int], int]],
    idle: Callable[[], float],
) -> dict[str, float]:
    """How far the consumer has read: ``{"applied", "end", "lag", "idle_seconds"}`` in
    messages over the partitions it holds, ``end`` being each partition's end offset
    now, and the seconds since the last batch was applied (0 while one is being
    applied). As exact as the broker's end offsets: Kafka's are; the embedded broker may
    report the last batch's first offset, so there ``lag`` reaches 0 early. Caught up
    means no lag and idle.
    ``positions`` and ``idle`` (``Idle.seconds``) are asked when needed: a batch may
    commit while the end offsets are asked for."""
    if kafka is None or not kafka.assignment():
        return {"applied": 0, "end": 0, "lag": 0, "idle_seconds": round(idle(), 2)}
    parts = sorted(kafka.assignment(), key=lambda tp: (tp.topic, tp.partition))
    ends = await kafka.end_offsets(parts)
    applied_at = positions()
    applied = end = 0
    for tp in parts:
        partition_end = ends.get(tp, 0)
        end += partition_end
        applied += min(applied_at.get((tp.topic, tp.partition), 0), partition_end)
    return {"applied": applied, "end": end, "lag": end - applied, "idle_seconds": round(idle(), 2)}

"""How a consumer asks the broker: in batches, and not at all while it rests.

``fetch_batch``: up to a batch of records, what arrives within 200 ms and then whatever
else is already fetched, so that a backlog is applied in large transactions rather than
one small fetch at a time.

``Rest``: a consumer that has had no message for a while stops asking the broker.
The embedded broker holds every fetch for the consumer's whole fetch wait, whether
messages are there or not, so an idle consumer asks about twenty times a second and the
broker answers each time. With ``rest_after`` set (``trygnet-run`` sets it), a consumer
that has had no message for that long pauses its partitions, so no fetch is sent, until a
reader waits for a write it has not applied yet (``waiting``: ``consistentWith``) or
``rest_poll`` seconds pass. Woken, it fetches as usual, takes no rest while a reader
waits, and stays awake for ``rest_after`` seconds after a reader, a wake or a message;
at the end of a rest nobody cut short it only looks (one fetch, ``LOOK_MARGIN_MS``)
before resting again. So a write
read with ``consistentWith`` is seen as soon as before; one read without it, after a
rest, up to ``rest_poll`` later. The replicas of the actors in activities and incidents
are woken by a command naming an area or actor they do not hold yet
(``replica.wake_on_unknown``): it is refused as before, and its retry finds it.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import Callable, Iterator

from aiokafka import AIOKafkaConsumer, ConsumerRecord

BATCH_WAIT_MS = 200
"""How long a consumer awake waits for a batch's first records (then takes what is
already fetched): several of the broker's held fetches."""
LOOK_MARGIN_MS = 30
"""A rest's routine look waits for one held fetch and this much more, not a batch's
whole wait: the look is one fetch, not four."""


class Rest:
    """When a consumer rests, and the wake-up that ends a rest early."""

    def __init__(self, *, rest_after: float, rest_poll: float) -> None:
        self.rest_after = rest_after
        """Seconds without a message before resting; 0: never rest."""
        self.rest_poll = rest_poll
        """Seconds a rest lasts at most."""
        self.rests = 0
        self._last_activity = time.monotonic()
        self._wake = asyncio.Event()
        self._readers = 0

    def active(self) -> None:
        """Messages arrived: stay awake."""
        self._last_activity = time.monotonic()

    def wake(self) -> None:
        """A reader waits for a write: end the rest now, and stay awake."""
        self.active()
        self._wake.set()

    @contextlib.contextmanager
    def waiting(self) -> Iterator[None]:
        """A reader waits for a write: the rest ends now, and none begins until the
        reader is done (one woken once could otherwise wait out a whole rest begun after
        its wake-up, while the write had not arrived yet)."""
        self._readers += 1
        self.wake()
        try:
            yield
        finally:
            self._readers -= 1
            self.active()

    @property
    def due(self) -> bool:
        idle = time.monotonic() - self._last_activity
        return self.rest_after > 0 and self._readers == 0 and idle > self.rest_after

    async def take(self, kafka: AIOKafkaConsumer, assignments: Callable[[], int]) -> bool:
        """Pause every assigned partition until woken (True) or ``rest_poll`` passes.

        ``assignments`` counts the group's assignments so far: one made during the rest
        is the rebalance listener's to resume once it has sought the partitions (they
        are new to aiokafka, not paused by the rest), so the rest resumes nothing then."""
        self.rests += 1
        paused, before = kafka.assignment(), assignments()
        kafka.pause(*paused)
        try:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), timeout=self.rest_poll)
            woken = self._wake.is_set()
            self._wake.clear()
        finally:
            if assignments() == before:
                kafka.resume(*paused)
        return woken


async def fetch_batch(
    kafka: AIOKafkaConsumer, batch_size: int, *, wait_ms: int = BATCH_WAIT_MS
) -> list[ConsumerRecord[bytes, bytes]]:
    """Up to ``batch_size`` records, in (topic, partition) order within each fetch: what
    arrives within ``wait_ms``, then whatever else is already fetched."""
    records: list[ConsumerRecord[bytes, bytes]] = []
    timeout_ms = wait_ms
    while len(records) < batch_size:
        batch = await kafka.getmany(timeout_ms=timeout_ms, max_records=batch_size - len(records))
        if not batch:
            break
        records += [
            r for tp in sorted(batch, key=lambda t: (t.topic, t.partition)) for r in batch[tp]
        ]
        timeout_ms = 0
    return records

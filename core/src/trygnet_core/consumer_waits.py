"""Read-your-writes: a reader waits until a consumer has applied a stream's version.

Each committed batch's versions, kept in memory (``Tracking.recent_version``), answer
every waiter at once when the consumer announces the commit (``applied``); the
database is asked only for the streams not among them (in one read for all a reader
names, and again each second for those it still waits for).
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable, Sequence

from trygnet_core.consumer_tracking import Tracking


class StreamWaits:
    """The readers waiting on one consumer, woken after each of its batches."""

    def __init__(self, tracking: Callable[[], Tracking]) -> None:
        self._tracking = tracking
        self._applied = asyncio.Condition()

    async def applied(self) -> None:
        """A batch was applied (or given up): every waiter looks again."""
        async with self._applied:
            self._applied.notify_all()

    async def wait_for_streams(
        self, *, tenant: str, wanted: Sequence[tuple[str, str, int]], timeout: float
    ) -> tuple[str, str, int] | None:
        """None once every ``(source, stream id, version)`` of ``tenant`` has been applied;
        otherwise the first not applied after ``timeout``. The database is asked in one
        read for all those the kept versions do not show (again each second for those
        still missing)."""

        def missing(among: Sequence[tuple[str, str, int]]) -> list[tuple[str, str, int]]:
            recent = self._tracking().recent_version
            return [w for w in among if recent((tenant, w[0], w[1])) < w[2]]

        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        left = missing(wanted)
        while left:
            stored = await self._tracking().stream_versions((tenant, s, i) for s, i, _ in left)
            left = [w for w in left if stored[(tenant, w[0], w[1])] < w[2]]
            remaining = deadline - loop.time()
            if not left:
                return None
            if remaining <= 0:
                return left[0]

            def applied(still: Sequence[tuple[str, str, int]] = left) -> bool:
                return not missing(still)

            async with self._applied:
                with contextlib.suppress(asyncio.TimeoutError):
                    await asyncio.wait_for(
                        self._applied.wait_for(applied), timeout=min(remaining, 1.0)
                    )
            left = missing(left)
        return None

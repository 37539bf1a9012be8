"""Read-your-writes: a reader waits until a consumer has applied a stream's version.

Each committed batch's versions, kept in memory (``Tracking.recent_version``), answer
every waiter at once when the consumer announces the commit (``applied``); the
database is asked only for a stream not among them (once, and again each second
should it have dropped out of the kept ones).
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable

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

    async def wait_for_stream(
        self, *, tenant: str, source: str, stream_id: str, version: int, timeout: float
    ) -> bool:
        """True once the stream's ``version`` has been applied; False on timeout."""
        key = (tenant, source, stream_id)

        def applied() -> bool:
            return self._tracking().recent_version(key) >= version

        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while not applied():
            stored = await self._tracking().stream_version(
                tenant=tenant, source=source, stream_id=stream_id
            )
            remaining = deadline - loop.time()
            if stored >= version:
                return True
            if remaining <= 0:
                return False
            async with self._applied:
                with contextlib.suppress(asyncio.TimeoutError):
                    await asyncio.wait_for(
                        self._applied.wait_for(applied), timeout=min(remaining, 1.0)
                    )
        return True

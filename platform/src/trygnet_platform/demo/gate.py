"""How many writes may be under way at once against one service, and which go first.

A world is many chains of writes (an activity is created, joined, started; an incident
is reported and its response follows, step by step). If every chain's next step
queued behind every other chain's, the longest chains would wait the whole queue at
each step and finish last. So a waiting write is let in by its chain's priority: the
chain begun earliest first (``begin_chain``), and within one priority by arrival.
Chains are begun in the order their length needs (the strategy and the incidents
first)."""

from __future__ import annotations

import asyncio
import contextvars
import heapq
import itertools
from collections.abc import AsyncIterator, Awaitable
from contextlib import asynccontextmanager
from typing import Final, TypeVar

T = TypeVar("T")
_CHAINS: Final = itertools.count()
_PRIORITY: Final[contextvars.ContextVar[int]] = contextvars.ContextVar("chain", default=-1)


async def begin_chain(writes: Awaitable[T]) -> T:
    """Run ``writes`` (in a task of their own) as one chain, after the chains begun before."""
    _PRIORITY.set(next(_CHAINS))
    return await writes


class Gate:
    """At most ``size`` holders at once; waiters are let in by priority, then arrival."""

    def __init__(self, size: int) -> None:
        self.free = size
        self._waiting: list[tuple[int, int, asyncio.Future[None]]] = []
        self._arrivals = itertools.count()

    @asynccontextmanager
    async def held(self) -> AsyncIterator[None]:
        if self.free > 0 and not self._waiting:
            self.free -= 1
        else:
            turn = asyncio.get_running_loop().create_future()
            heapq.heappush(self._waiting, (_PRIORITY.get(), next(self._arrivals), turn))
            try:
                await turn
            except asyncio.CancelledError:
                if turn.done() and not turn.cancelled():
                    self._release()  # let in, but cancelled before it could go: pass it on
                raise
        try:
            yield
        finally:
            self._release()

    def _release(self) -> None:
        while self._waiting:
            _, _, turn = heapq.heappop(self._waiting)
            if not turn.done():
                turn.set_result(None)
                return
        self.free += 1

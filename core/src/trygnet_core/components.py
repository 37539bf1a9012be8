"""The lifecycle every long-running part of a service shares.

The outbox relay, the consumer and anything else a service runs in the
background are ``Component``s: the app factory starts them on startup, stops
them on shutdown, and asks each for its health on ``/readyz`` and for its
figures when metrics are exported.
"""

from __future__ import annotations

import asyncio
import contextlib
from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from typing import Protocol, runtime_checkable


@dataclass(frozen=True, slots=True)
class Health:
    """A component's answer to "are you doing your job?"."""

    ok: bool
    detail: dict[str, object] = field(default_factory=dict)


@runtime_checkable
class Component(Protocol):
    name: str

    async def start(self) -> None: ...

    async def stop(self) -> None: ...

    def health(self) -> Health: ...

    def metrics(self) -> dict[str, float]:
        """Gauges by name (e.g. ``outbox_backlog``), exported as OpenTelemetry metrics."""
        ...


class BackgroundComponent(ABC):
    """A component whose work is one long-running task: ``run`` until stopped."""

    name: str
    _task: asyncio.Task[None] | None = None

    @abstractmethod
    async def run(self) -> None:
        """Work until cancelled; handle failures inside (back off, retry)."""

    async def start(self) -> None:
        if self._task is None:
            self._task = asyncio.create_task(self.run(), name=f"{self.name}:{id(self):x}")

    async def stop(self) -> None:
        """Cancel the work until it ends. Once is not always enough: Python 3.11's
        ``asyncio.wait_for`` returns its awaitable's result, swallowing the cancellation,
        when both happen in one step (the relay's idle wait woken by a commit as it is
        stopped), and the loop would go on while this waited for it forever."""
        task, self._task = self._task, None
        if task is None:
            return
        while not task.done():
            task.cancel()
            await asyncio.wait({task}, timeout=1.0)
        with contextlib.suppress(asyncio.CancelledError):
            await task

    @property
    def running(self) -> bool:
        return self._task is not None and not self._task.done()

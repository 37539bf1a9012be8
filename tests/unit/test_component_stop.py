"""A component stops when asked, even when its work swallowed the first cancellation.

Python 3.11's ``asyncio.wait_for`` returns its awaitable's result instead of raising
when it is cancelled in the very step that awaitable completes (fixed in 3.12). The
relay and the consumer wait that way in their loops (an idle wait woken by a commit),
so one cancellation can be lost, and a stop that cancels once then waits forever: a
``trygnet-relay`` on Apache Kafka kept running for minutes after SIGTERM, holding its
relay lease.
"""

from __future__ import annotations

import asyncio

from trygnet_core.components import BackgroundComponent


class WokenWhileStopped(BackgroundComponent):
    """Waits as the relay idles: ``wait_for`` on an event a commit sets."""

    name = "woken"

    def __init__(self) -> None:
        self.woken = asyncio.Event()
        self.waiting = asyncio.Event()

    async def run(self) -> None:
        while True:
            self.waiting.set()
            await asyncio.wait_for(self.woken.wait(), timeout=3600)
            self.woken.clear()


async def test_a_component_woken_as_it_is_stopped_still_stops() -> None:
    component = WokenWhileStopped()
    await component.start()
    await component.waiting.wait()
    stopping = asyncio.create_task(component.stop())
    component.woken.set()  # wakes the wait in the step its cancellation arrives
    done, _ = await asyncio.wait({stopping}, timeout=30)
    assert stopping in done, "the component went on after it was stopped"
    assert not component.running

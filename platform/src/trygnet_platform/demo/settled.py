"""Until the reports show the whole demo: "ready" promises a coordinator who opens the
portal at once the hours, the network and the shared practices just written.

The demo is written through the gateway; its events reach the reporting service through
each service's outbox, its relay and the broker, a moment later (on a loaded machine,
seconds). The reporting service tells how far it has applied what the broker holds (the
platform administrator's ``GET /admin/rebuild``); settled is no lag, seen without a
change of what it applied for ``SETTLE_SECONDS``. Seeing it once is not enough: the
embedded broker may report the end of a partition at the first offset of its last
batch, so the lag reaches 0 while that batch is still being applied, and a relay may
still be sending the last writes.
"""

from __future__ import annotations

import asyncio
import time
from typing import Final

import httpx

SETTLE_SECONDS: Final = 1.0
POLL_SECONDS: Final = 0.2


async def reports_settled(reporting_url: str, admin_token: str, *, timeout: float) -> bool:
    """Waits until the reporting service at ``reporting_url`` has applied every event
    the broker holds and applied nothing more for ``SETTLE_SECONDS``; ``False`` if it
    had not after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    seen: tuple[int, int] | None = None
    since = time.monotonic()
    headers = {"Authorization": f"Bearer {admin_token}"}
    async with httpx.AsyncClient(base_url=reporting_url, timeout=10.0) as http:
        while time.monotonic() < deadline:
            answer = await http.get("/admin/rebuild", headers=headers)
            answer.raise_for_status()
            found = answer.json()
            now = (found["applied"], found["end"])
            if now != seen or found["lag"] != 0:
                seen, since = now, time.monotonic()
            elif found["end"] > 0 and time.monotonic() - since >= SETTLE_SECONDS:
                return True
            await asyncio.sleep(POLL_SECONDS)
    return False

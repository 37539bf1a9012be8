"""Until the reports show the whole demo: "ready" promises a coordinator who opens the
portal at once the hours, the network and the shared practices just written.

The demo is written through the gateway; its events reach the reporting service through
each service's outbox, its relay and the broker, a moment later (on a loaded machine,
seconds). The reporting service says whether it has caught up with what the broker
holds (``caughtUp`` in the platform administrator's ``GET /admin/rebuild``: no lag, and
no batch applied for a second, its rule for a rebuild being done); the lag alone is not
enough, since the embedded broker may report the end of a partition at the first offset
of its last batch.
"""

from __future__ import annotations

import asyncio
import time
from typing import Final

import httpx

POLL_SECONDS: Final = 0.2


async def reports_settled(reporting_url: str, admin_token: str, *, timeout: float) -> bool:
    """Waits until the reporting service at ``reporting_url`` says it has caught up;
    ``False`` if it had not after ``timeout`` seconds. ``httpx.HTTPError`` if it cannot
    be asked."""
    deadline = time.monotonic() + timeout
    headers = {"Authorization": f"Bearer {admin_token}"}
    async with httpx.AsyncClient(base_url=reporting_url, timeout=10.0) as http:
        while time.monotonic() < deadline:
            answer = await http.get("/admin/rebuild", headers=headers)
            answer.raise_for_status()
            if answer.json()["caughtUp"]:
                return True
            await asyncio.sleep(POLL_SECONDS)
    return False

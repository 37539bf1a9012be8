"""Until the reports show the whole demo: "ready" promises a coordinator who opens the
portal at once the hours, the network and the shared practices just written.

The demo is written through the gateway; its events reach the reporting service through
each service's outbox, its relay and the broker, a moment later (on a loaded machine,
seconds). Two things are waited for, as the platform administrator:

- every write of this load, by the positions the mutations answered (the latest of each
  stream, by municipality): ``POST /admin/applied`` answers once the reports show them
  all. That is exact: neither a relay still sending the last writes nor a batch half
  applied can pass for done.
- then the reporting service's own word that it has caught up with what the broker
  holds (``caughtUp`` in ``GET /admin/rebuild``: no lag, and no batch applied for a
  second), for what this load did not write: a municipality loaded by an earlier run,
  whose reports a restart builds again from the events the relays publish again.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Mapping
from typing import Final

import httpx

POLL_SECONDS: Final = 0.2
LONGEST_ASK: Final = 10.0
"""The longest wait one ``POST /admin/applied`` asks for: well under the service's bound
(30 s) and its request deadline (30 s), so that a 504 is the wait's own answer."""


async def until_settled(
    reporting_url: str,
    admin_token: str,
    written: Mapping[str, list[str]],
    timeout: float,
    say: Callable[[str], None],
) -> None:
    """``reports_settled``, saying so when the reports are not there in time or the
    reporting service cannot be asked (the platform runs on: they come later)."""
    try:
        settled = await reports_settled(
            reporting_url, admin_token, timeout=timeout, written=written
        )
    except httpx.HTTPError as failure:
        say(f"could not ask the reporting service how far it is: {failure}")
    else:
        if not settled:
            say("the reports are still taking in the demo data")


async def reports_settled(
    reporting_url: str,
    admin_token: str,
    *,
    timeout: float,
    written: Mapping[str, list[str]] | None = None,
) -> bool:
    """Waits until the reporting service at ``reporting_url`` shows every position in
    ``written`` (by municipality) and says it has caught up; ``False`` if it had not
    after ``timeout`` seconds. ``httpx.HTTPError`` if it cannot be asked."""
    deadline = time.monotonic() + timeout
    headers = {"Authorization": f"Bearer {admin_token}"}
    async with httpx.AsyncClient(base_url=reporting_url, timeout=LONGEST_ASK + 10) as http:
        if written and not await _applied(http, headers, dict(written), deadline):
            return False
        while time.monotonic() < deadline:
            answer = await http.get("/admin/rebuild", headers=headers)
            answer.raise_for_status()
            if answer.json()["caughtUp"]:
                return True
            await asyncio.sleep(POLL_SECONDS)
    return False


async def _applied(
    http: httpx.AsyncClient,
    headers: dict[str, str],
    written: dict[str, list[str]],
    deadline: float,
) -> bool:
    """Asks until every position is applied (True) or the deadline passes (False)."""
    while (left := deadline - time.monotonic()) > 0:
        asked = {"positions": written, "wait": round(min(left, LONGEST_ASK), 3)}
        answer = await http.post("/admin/applied", json=asked, headers=headers)
        if answer.status_code != 504:  # 504: not all applied within the wait
            answer.raise_for_status()
            return True
    return False

"""Rebuilding the reports: drop every projection and replay the topics from the start.

The projections are only ever derived from the three topics, so they can always be
thrown away and built again: after a change to how a report is computed, or if one
is ever in doubt. ``Rebuilds.start`` stops the consumer, deletes every document, the
network cache and the consumer's positions in one transaction, and starts the
consumer again from offset 0; ``progress`` says how far it has come. The reports
answer during a rebuild, from what has been replayed so far.
"""

from __future__ import annotations

import time
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import delete
from sqlalchemy.ext.asyncio import AsyncConnection

from trygnet_core.consumer import Consumer
from trygnet_reporting.report_documents import network_cache, report_docs


async def drop_projections(conn: AsyncConnection) -> None:
    await conn.execute(delete(report_docs))
    await conn.execute(delete(network_cache))


SETTLE_SECONDS = 1.0
"""Caught up: no lag, and no batch applied for this long (some brokers report the end
of a partition early)."""
EMPTY_SECONDS = 5 * SETTLE_SECONDS
"""Caught up with partitions the broker says are empty: nothing applied for this long."""


def caught_up(reached: dict[str, Any], settle: float = SETTLE_SECONDS) -> bool:
    """No lag, nothing applied for ``settle`` seconds, and something to have read; or,
    with partitions all empty (a topic no service has written yet), for ``EMPTY_SECONDS``."""
    wait = settle if reached["end"] > 0 else max(settle, EMPTY_SECONDS)
    return bool(reached["lag"] == 0 and reached["idle_seconds"] >= wait)


def percent(reached: dict[str, Any]) -> float | None:
    """How much of the partitions' messages is applied; None when there are none."""
    return round(100 * reached["applied"] / reached["end"], 1) if reached["end"] else None


class Rebuilds:
    def __init__(self, consumer: Consumer) -> None:
        self.consumer = consumer
        self.started_at: float | None = None
        self.finished_at: float | None = None

    async def start(self) -> None:
        self.started_at, self.finished_at = time.time(), None
        await self.consumer.replay(drop_projections)

    async def progress(self) -> dict[str, Any]:
        reached = await self.consumer.progress()
        settled = caught_up(reached)
        if self.started_at is not None and self.finished_at is None and settled:
            self.finished_at = time.time() - reached["idle_seconds"]
        state = "idle"
        if self.started_at is not None:
            state = "done" if self.finished_at is not None else "rebuilding"
        seconds = None
        if self.started_at is not None:
            seconds = round((self.finished_at or time.time()) - self.started_at, 2)
        return {
            "state": state,
            "startedAt": _iso(self.started_at),
            "finishedAt": _iso(self.finished_at),
            "seconds": seconds,
            "applied": reached["applied"],
            "end": reached["end"],
            "lag": reached["lag"],
            "caughtUp": settled,
            "percent": percent(reached),
        }


def _iso(moment: float | None) -> str | None:
    if moment is None:
        return None
    return datetime.fromtimestamp(moment, UTC).isoformat(timespec="seconds")

"""How often the relay writes its progress (``trygnet_core.relay_progress``): under a
trickle of commands every batch drains the outbox, and each used to be written at once;
now the progress is written at most every ``save_interval``, and once that has passed
after the last batch, by the relay's own loop."""

from __future__ import annotations

import asyncio

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncEngine

from tests.integration.test_consumer import eventually
from tests.support.components import quick_relay
from trygnet_core.envelope import NewEvent
from trygnet_core.schema import outbox_checkpoints
from trygnet_core.store import EventStore
from trygnet_core.tenancy import TenantId

TENANT = TenantId("0101")


async def append(store: EventStore, version: int) -> None:
    await store.append(
        tenant=TENANT,
        stream_id="incident-1",
        stream_type="Incident",
        expected_version=version - 1,
        events=[NewEvent(type="TimelineEntryAdded", data={"n": version})],
    )


async def written(engine: AsyncEngine, topic: str) -> int:
    """How many events the progress in the database says were published."""
    async with engine.connect() as conn:
        found = await conn.execute(
            select(outbox_checkpoints.c.published).where(outbox_checkpoints.c.topic == topic)
        )
        return int(found.scalar_one_or_none() or 0)


async def test_a_trickle_is_written_once_an_interval_and_after_the_last_batch(
    engine: AsyncEngine, bootstrap_servers: str, unique: str
) -> None:
    store = EventStore(engine)
    topic = f"trygnet.incidents.{unique}"
    relay = quick_relay(store, topic=topic, bootstrap_servers=bootstrap_servers, save_interval=1.0)
    try:
        await append(store, 1)
        assert await relay.publish_pending() == 1
        assert await written(engine, topic) == 1, "the first batch is written at once"
        for version in (2, 3):
            await append(store, version)
            assert await relay.publish_pending() == 1
        assert await written(engine, topic) == 1, "batches within the interval wait"

        running = asyncio.create_task(relay.run())

        async def all_written() -> bool:
            return await written(engine, topic) == 3

        try:
            await eventually(all_written, timeout=10)  # the loop writes, nothing else asks
        finally:
            running.cancel()
            await asyncio.gather(running, return_exceptions=True)
    finally:
        await relay.stop()
    assert await written(engine, topic) == 3

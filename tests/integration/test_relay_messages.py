"""The relay's messages byte for byte: relayed to the embedded broker and read back, each
message's key, value and every header (names, order, bytes) are those ``envelope.to_kafka``
gives for the same stored event, read with ``EventStore.read_unpublished``.

The events cover what the relay's lean read handles apart: text beyond ASCII (data,
stream ids, metadata), metadata with and without the trace context, values that are not
text (an integer, one past 64 bits), an empty one (no header), several event types and
schema versions, an event id with leading zeros, a time on a whole second, and an epoch.
"""

from __future__ import annotations

import asyncio
import uuid
from datetime import UTC, datetime

from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncEngine

from tests.support.components import quick_relay
from tests.support.topics import Message, read_topic
from trygnet_core.database import read_only, writing
from trygnet_core.envelope import NewEvent, RecordedEvent, to_kafka
from trygnet_core.schema import events as event_table
from trygnet_core.schema import outbox_checkpoints
from trygnet_core.store import Checkpoint, EventStore
from trygnet_core.tenancy import TenantId

COPENHAGEN = TenantId("0101")
TRACE = {
    "traceparent": "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01",
    "tracestate": "trygnet=ø1,vendor=x",
}
EPOCH = 3


async def append_variety(store: EventStore) -> int:
    """Events of every kind the module doc lists; how many."""
    appends = [
        (
            "incident-æøå-1",
            "Incident",
            [
                NewEvent(
                    type="IncidentReported",
                    data={"place": "Mjølnerparken", "note": "Brand på 3. sal 🔥"},
                    event_id=uuid.UUID(int=5),
                ),
                NewEvent(type="TimelineEntryAdded", data={"text": "ñ", "n": 1}, schema_version=2),
            ],
            {"actor": "Søren Ærø", "causation_id": "cmd-ü", "correlation_id": "corr-1", **TRACE},
        ),
        (
            "incident-2",
            "Incident",
            [NewEvent(type="IncidentClosed", data={"count": 12345678901234567890123})],
            {"actor": 42, "causation_id": 12345678901234567890123, "tracestate": ""},
        ),
        ("patrol-7", "Patrol", [NewEvent(type="PatrolStarted", data={})], None),
        (
            "patrol-7",
            "Patrol",
            [NewEvent(type="PatrolEnded", data={"nested": {"a": [1.5, None, True]}})],
            {"traceparent": TRACE["traceparent"]},
        ),
    ]
    versions: dict[str, int] = {}
    count = 0
    for stream_id, stream_type, new_events, metadata in appends:
        await store.append(
            tenant=COPENHAGEN,
            stream_id=stream_id,
            stream_type=stream_type,
            expected_version=versions.get(stream_id, 0),
            events=new_events,
            metadata=metadata,
        )
        versions[stream_id] = versions.get(stream_id, 0) + len(new_events)
        count += len(new_events)
    async with writing(store.engine) as conn:  # a time on a whole second, and one before 1970
        for stream_id, moment in (
            ("incident-2", datetime(2026, 3, 1, 12, 0, 0, tzinfo=UTC)),
            ("patrol-7", datetime(1969, 12, 31, 23, 59, 59, 1, tzinfo=UTC)),
        ):
            await conn.execute(
                update(event_table)
                .where(event_table.c.stream_id == stream_id)
                .values(recorded_at=moment)
            )
    return count


async def test_each_message_is_byte_for_byte_the_envelopes(
    engine: AsyncEngine, bootstrap_servers: str, unique: str
) -> None:
    store = EventStore(engine)
    topic = f"trygnet.incidents.{unique}"
    count = await append_variety(store)
    stored = await committed(store, count)
    expected = {
        str(event.event_id): to_kafka(event, service="incidents", epoch=EPOCH)
        for event, _ in stored
    }
    relay = quick_relay(store, topic=topic, bootstrap_servers=bootstrap_servers, batch_size=3)
    try:
        assert await relay.lease.acquire()
        async with writing(engine) as conn:
            await conn.execute(
                update(outbox_checkpoints)
                .where(outbox_checkpoints.c.topic == topic)
                .values(epoch=EPOCH)
            )
        assert await relay.publish_pending() == count
    finally:
        await relay.stop()
    messages = await read_topic(bootstrap_servers, topic, until=lambda found: len(found) >= count)
    assert len(messages) == count
    for message in messages:
        want = expected[str(message.event().event.event_id)]
        assert message.key == want.key
        assert message.value == want.value
        assert message.headers == tuple(want.headers)
    assert_envelope(messages)


async def committed(store: EventStore, count: int) -> list[tuple[RecordedEvent, Checkpoint]]:
    """The events as ``read_unpublished`` gives them, once all ``count`` are there (on
    PostgreSQL a transaction open anywhere on the server holds them back a while)."""
    for _ in range(200):
        async with read_only(store.engine) as conn:
            stored = await store.read_unpublished(conn, after=Checkpoint(), limit=100)
        if len(stored) == count:
            return stored
        await asyncio.sleep(0.1)
    raise AssertionError(f"{len(stored)} of {count} events readable")


def assert_envelope(messages: list[Message]) -> None:
    """What the comparison relies on: the variety made it into the messages."""
    by_id = {str(m.event().event.event_id): dict(m.headers) for m in messages}
    first = by_id[str(uuid.UUID(int=5))]
    assert first["ce_id"] == b"00000000-0000-0000-0000-000000000005"
    assert first["ce_actor"] == "Søren Ærø".encode()
    assert first["tracestate"] == TRACE["tracestate"].encode()
    assert first["trygnet-epoch"] == str(EPOCH).encode()
    times = {headers["ce_time"] for headers in by_id.values()}
    assert b"2026-03-01T12:00:00Z" in times
    assert b"1969-12-31T23:59:59.000001Z" in times
    closed = next(h for h in by_id.values() if h["ce_type"].endswith(b".IncidentClosed.v1"))
    assert closed["ce_actor"] == b"42"
    assert closed["ce_causationid"] == b"12345678901234567890123"
    assert "ce_tracestate" not in closed

"""With tracing on, the relay's and the consumer's batch spans link to the request's trace."""

from __future__ import annotations

from pathlib import Path

from tests.support.spans import run_traced

SCRIPT = r"""
from tests.conftest import sqlite_engine
from tests.support.components import quick_consumer, quick_relay
from trygnet_core.envelope import NewEvent
from trygnet_core.store import EventStore

async def noop(conn, events):
    return None

async def main(bootstrap, folder, topic):
    from pathlib import Path
    engine = await sqlite_engine(Path(folder) / "store.db")
    store = EventStore(engine)
    await store.append(tenant="0101", stream_id="incident-1", stream_type="Incident", expected_version=0,
                       events=[NewEvent(type="IncidentReported", data={})],
                       metadata={"traceparent": "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"})
    relay = quick_relay(store, topic=topic, bootstrap_servers=bootstrap)
    consumer = quick_consumer(engine, topics=[topic], bootstrap_servers=bootstrap, handler=noop, name="spans")
    await relay.start(); await consumer.start()
    try:
        assert await consumer.wait_for_stream(tenant="0101", source="incidents", stream_id="incident-1",
                                              version=1, timeout=30)
    finally:
        await consumer.stop(); await relay.stop(); await engine.dispose()
    print(json.dumps(finished()))

asyncio.run(main(*sys.argv[1:]))
"""


def test_relay_and_consumer_spans_link_to_the_stored_trace(
    bootstrap_servers: str, tmp_path: Path, unique: str
) -> None:
    spans = run_traced(SCRIPT, bootstrap_servers, str(tmp_path), f"spans.{unique}")
    trace_id = "4bf92f3577b34da6a3ce929d0e0e4736"
    publish = [s for s in spans if s["kind"] == "PRODUCER" and trace_id in s["links"]]
    process = [s for s in spans if s["kind"] == "CONSUMER" and trace_id in s["links"]]
    assert publish and publish[0]["name"] == f"spans.{unique} publish"
    assert process and process[0]["name"] == "spans process"

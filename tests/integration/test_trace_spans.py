"""With tracing on, the relay's and the consumer's batch spans link to the request's trace.

Runs in a subprocess: a process can set its global tracer provider only once.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

SCRIPT = r"""
import asyncio, json, sys
from opentelemetry import trace
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

exporter = InMemorySpanExporter()
provider = TracerProvider()
provider.add_span_processor(SimpleSpanProcessor(exporter))
trace.set_tracer_provider(provider)

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
    spans = [{"name": s.name, "kind": s.kind.name,
              "links": [format(l.context.trace_id, "032x") for l in s.links]}
             for s in exporter.get_finished_spans()]
    print(json.dumps(spans))

asyncio.run(main(*sys.argv[1:]))
"""


def test_relay_and_consumer_spans_link_to_the_stored_trace(
    bootstrap_servers: str, tmp_path: Path, unique: str
) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("OTEL_")}
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, bootstrap_servers, str(tmp_path), f"spans.{unique}"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        cwd=Path(__file__).parents[2],
    )
    assert done.returncode == 0, done.stderr[-3000:]
    spans = json.loads(done.stdout.strip().splitlines()[-1])
    trace_id = "4bf92f3577b34da6a3ce929d0e0e4736"
    publish = [s for s in spans if s["kind"] == "PRODUCER" and trace_id in s["links"]]
    process = [s for s in spans if s["kind"] == "CONSUMER" and trace_id in s["links"]]
    assert publish and publish[0]["name"] == f"spans.{unique} publish"
    assert process and process[0]["name"] == "spans process"

"""One trace follows a mutation: the gateway's span is the ancestor of the actors
service's span, of the relay's span publishing the event and of the reporting
consumer's span applying it.

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
from pathlib import Path

import httpx
from opentelemetry import trace
from opentelemetry.instrumentation.fastapi import FastAPIInstrumentor
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

exporter = InMemorySpanExporter()
provider = TracerProvider()
provider.add_span_processor(SimpleSpanProcessor(exporter))
trace.set_tracer_provider(provider)

from tests.actors.conftest import SECRET
from tests.support.platform import running_platform
from trygnet_core.auth import issue_dev_token

MUTATION = 'mutation($input: RegisterActorInput!) { registerActor(input: $input) { position } }'

async def main(bootstrap, folder):
    token = issue_dev_token(secret=SECRET, subject="user-coordinator", tenant="0101",
                            roles=["coordinator"])
    headers = {"Authorization": f"Bearer {token}"}
    prepare = lambda name, app: FastAPIInstrumentor.instrument_app(app)
    async with running_platform(bootstrap, Path(folder), prepare=prepare) as platform:
        async with httpx.AsyncClient(timeout=60) as http:
            answer = await http.post(platform.gateway + "/graphql", headers=headers, json={
                "query": MUTATION, "variables": {"input": {"name": "SSP", "sector": "ssp"}}})
            position = answer.json()["data"]["registerActor"]["position"]
            seen = await http.get(platform.services["reporting"] + "/directory", headers=headers,
                                  params={"consistentWith": position, "wait": 30})
            assert seen.status_code == 200, seen.text
        topic = platform.topics["actors"]
    spans = [{"name": s.name, "kind": s.kind.name,
              "trace": format(s.context.trace_id, "032x"), "id": format(s.context.span_id, "016x"),
              "parent": format(s.parent.span_id, "016x") if s.parent else None}
             for s in exporter.get_finished_spans()]
    print(json.dumps({"topic": topic, "spans": spans}))

asyncio.run(main(*sys.argv[1:]))
"""


def test_the_gateway_span_is_the_ancestor_of_service_relay_and_consumer_spans(
    bootstrap_servers: str, tmp_path: Path
) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("OTEL_")}
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, bootstrap_servers, str(tmp_path)],
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
        cwd=Path(__file__).parents[2],
    )
    assert done.returncode == 0, done.stderr[-3000:]
    found = json.loads(done.stdout.strip().splitlines()[-1])
    spans = found["spans"]
    by_id = {span["id"]: span for span in spans}

    def ancestors(span: dict[str, str]) -> list[str]:
        chain = []
        while span.get("parent") in by_id:
            span = by_id[span["parent"]]
            chain.append(span["id"])
        return chain

    gateway = [s for s in spans if s["kind"] == "SERVER" and s["name"] == "POST /graphql"]
    assert len(gateway) == 1, [s["name"] for s in spans]
    root = gateway[0]["id"]
    service = [s for s in spans if s["kind"] == "SERVER" and s["name"] == "POST /actors"]
    publish = [
        s for s in spans if s["kind"] == "PRODUCER" and s["name"] == f"{found['topic']} publish"
    ]
    consume = [s for s in spans if s["kind"] == "CONSUMER" and s["name"] == "reporting process"]
    for kind, candidates in (("service", service), ("relay", publish), ("consumer", consume)):
        assert any(root in ancestors(span) for span in candidates), (kind, candidates)
        assert {span["trace"] for span in candidates} >= {gateway[0]["trace"]}

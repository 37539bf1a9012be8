"""One trace follows a mutation: the gateway's span is the ancestor of the actors
service's span, of the relay's span publishing the event and of the reporting
consumer's span applying it."""

from __future__ import annotations

from pathlib import Path

from tests.support.spans import run_traced

SCRIPT = r"""
from pathlib import Path

import httpx
from opentelemetry.instrumentation.fastapi import FastAPIInstrumentor

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
                "query": MUTATION, "variables": {"input": {"name": "SSP", "sector": "SSP"}}})
            position = answer.json()["data"]["registerActor"]["position"]
            seen = await http.get(platform.services["reporting"] + "/directory", headers=headers,
                                  params={"consistentWith": position, "wait": 30})
            assert seen.status_code == 200, seen.text
        topic = platform.topics["actors"]
    print(json.dumps({"topic": topic, "spans": finished()}))

asyncio.run(main(*sys.argv[1:]))
"""


def test_the_gateway_span_is_the_ancestor_of_service_relay_and_consumer_spans(
    bootstrap_servers: str, tmp_path: Path
) -> None:
    found = run_traced(SCRIPT, bootstrap_servers, str(tmp_path))
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

"""One trace from the request, through the stored event, into the Kafka headers."""

from __future__ import annotations

import httpx
from sqlalchemy.ext.asyncio import AsyncEngine

from tests.support.components import quick_relay
from tests.support.topics import read_topic
from trygnet_core.app import create_service_app
from trygnet_core.auth import AuthSettings, CurrentPrincipal, TokenVerifier, issue_dev_token
from trygnet_core.envelope import NewEvent
from trygnet_core.store import EventStore

SECRET = "a-development-secret-of-at-least-32-bytes"
TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736"


async def test_trace_and_correlation_ids_travel_from_request_to_kafka(
    engine: AsyncEngine, bootstrap_servers: str, unique: str
) -> None:
    store = EventStore(engine)
    topic = f"trygnet.incidents.{unique}"
    relay = quick_relay(store, topic=topic, bootstrap_servers=bootstrap_servers)
    verifier = TokenVerifier(AuthSettings(dev_mode=True, dev_secret=SECRET))
    app = create_service_app(service="incidents", token_verifier=verifier)

    @app.post("/incidents/{incident_id}/tasks")
    async def add_task(incident_id: str, principal: CurrentPrincipal) -> dict[str, int]:
        [event] = await store.append(
            tenant=principal.tenant,
            stream_id=incident_id,
            stream_type="Incident",
            expected_version=0,
            events=[NewEvent(type="TaskAdded", data={"title": "Walk the area"})],
            metadata={"actor": principal.actor_id},
        )
        return {"position": event.position}

    token = issue_dev_token(
        secret=SECRET, subject="u1", tenant="0101", roles=["partner"], actor_id="ssp-1"
    )
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://incidents") as client:
        response = await client.post(
            "/incidents/incident-7/tasks",
            headers={
                "Authorization": f"Bearer {token}",
                "traceparent": f"00-{TRACE_ID}-00f067aa0ba902b7-01",
                "X-Correlation-ID": "req-42",
            },
        )
    assert response.status_code == 200, response.text
    [stored] = await store.read_stream(tenant="0101", stream_id="incident-7")
    assert stored.metadata["traceparent"].split("-")[1] == TRACE_ID
    assert stored.metadata["correlation_id"] == "req-42"
    assert stored.metadata["actor"] == "ssp-1"

    await relay.start()
    try:
        [message] = await read_topic(bootstrap_servers, topic, until=lambda found: len(found) >= 1)
    finally:
        await relay.stop()
    headers = dict(message.headers)
    assert headers["traceparent"].decode().split("-")[1] == TRACE_ID
    assert headers["ce_traceparent"] == headers["traceparent"]
    assert headers["ce_correlationid"] == b"req-42"
    assert headers["ce_actor"] == b"ssp-1"

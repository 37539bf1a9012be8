"""A live subscription resumed on another gateway replica: the client names the cursor
of the last change it received and is sent every change since, none lost, none twice."""

from __future__ import annotations

import asyncio
from typing import Any

from tests.gateway.conftest import GraphQL, Platform, codes
from tests.gateway.test_incidents import (
    ENTRY,
    changes_of,
    restricted_incident,
    subscribed,
    town,
)
from tests.support.platform import gateway_settings
from tests.support.serve import serving
from trygnet_gateway.app import create_app as gateway_app

RESUMABLE = """
subscription($area: ID, $after: String) {
  incidentEvents(areaId: $area, after: $after) { type incidentId position cursor }
}"""


async def test_a_subscription_resumed_on_another_gateway_misses_no_change(
    graphql: GraphQL, platform: Platform, tenant: str
) -> None:
    t = await town(graphql, tenant)
    other = gateway_app(
        gateway_settings(
            platform.services, platform.bootstrap_servers, platform.topics["incidents"]
        )
    )
    async with serving(other) as replica:
        assert await other.state.hub.wait_ready(30)
        async with subscribed(
            platform, t.coordinator, None, gateway=replica, query=RESUMABLE
        ) as seen:
            await _until_subscribed(other)
            incident, _ = await restricted_incident(graphql, t)
            first = await changes_of(seen, incident, until=2)
    # That gateway is gone; the incident changes while nobody is subscribed.
    await graphql.ok(
        ENTRY,
        t.coordinator,
        input={
            "incidentId": incident,
            "kind": "NOTE",
            "text": "Met the family",
            "authorActorId": t.ssp,
        },
    )
    async with subscribed(
        platform, t.coordinator, None, query=RESUMABLE, after=first[-1]["cursor"]
    ) as resumed:
        rest = await changes_of(resumed, incident, until=5)
    positions = [change["position"] for change in first + rest]
    assert positions == [f"incidents/{incident}/{v}" for v in range(1, 6)], "none lost, none twice"
    assert all(change["cursor"] for change in rest)


async def test_a_cursor_that_is_not_one_is_refused_naming_after(
    platform: Platform, tenant: str, graphql: GraphQL
) -> None:
    t = await town(graphql, tenant)
    async with subscribed(platform, t.coordinator, None, query=RESUMABLE, after="0:1;DROP") as got:
        message = await asyncio.wait_for(got.get(), 30)
    errors: list[dict[str, Any]] = (
        message["payload"] if message["type"] == "error" else message["payload"]["errors"]
    )
    assert codes({"errors": errors}) == ["BAD_USER_INPUT"]
    assert errors[0]["extensions"]["field"] == "after"
    assert "DROP" not in str(errors)


async def _until_subscribed(app: Any) -> None:
    for _ in range(200):
        if app.state.hub.health().detail["subscribers"]:
            return
        await asyncio.sleep(0.05)

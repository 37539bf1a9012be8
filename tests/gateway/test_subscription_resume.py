"""A live subscription resumed on another gateway replica: the client names the cursor
of the last change it received and is sent every change since, none lost, none twice,
each as the live one would be (of a restricted incident, to a partner, only that it
changed). A cursor the platform did not send to this municipality is refused."""

from __future__ import annotations

import asyncio
import json
import uuid
from typing import Any

from tests.gateway.conftest import GraphQL, Platform, codes, token
from tests.gateway.test_incidents import (
    ENTRY,
    SECRETS,
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
    partner = token(tenant, "partner", actor=t.club)
    async with serving(other) as replica:
        assert await other.state.hub.wait_ready(30)
        async with (
            subscribed(platform, t.coordinator, None, gateway=replica, query=RESUMABLE) as seen,
            subscribed(platform, partner, None, gateway=replica, query=RESUMABLE) as partners,
        ):
            await _until_subscribed(other, 2)
            incident, _ = await restricted_incident(graphql, t)
            first = await changes_of(seen, incident, until=2)
            partner_first = await changes_of(partners, incident, until=1)
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
    async with (
        subscribed(
            platform, t.coordinator, None, query=RESUMABLE, after=first[-1]["cursor"]
        ) as resumed,
        subscribed(
            platform, partner, None, query=REDACTED, after=partner_first[-1]["cursor"]
        ) as partner_resumed,
    ):
        rest = await changes_of(resumed, incident, until=5)
        partner_rest = await changes_of(partner_resumed, incident, until=5)
    positions = [change["position"] for change in first + rest]
    assert positions == [f"incidents/{incident}/{v}" for v in range(1, 6)], "none lost, none twice"
    assert all(change["cursor"] for change in rest)
    # The partner's catch-up is redacted as its live changes were: that it changed.
    assert [c["position"] for c in partner_first + partner_rest] == positions
    assert {c["type"] for c in partner_first + partner_rest} == {"IncidentChanged"}
    assert all(c["incident"]["redacted"] for c in partner_rest)
    assert not [s for s in SECRETS.values() if s in json.dumps(partner_rest)]


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


async def test_a_cursor_made_up_edited_or_sent_to_another_municipality_is_refused(
    platform: Platform, tenant: str, graphql: GraphQL
) -> None:
    t = await town(graphql, tenant)
    other_town = await town(graphql, f"x{uuid.uuid4().hex[:8]}")
    before = platform.app.state.hub.health().detail["subscribers"]
    async with subscribed(platform, t.coordinator, None, query=RESUMABLE) as seen:
        await _until_subscribed(platform.app, before + 1)
        incident, _ = await restricted_incident(graphql, t)
        [change] = await changes_of(seen, incident, until=1)
    cursor = change["cursor"]
    edited = cursor[:-3] + ("AAA" if not cursor.endswith("AAA") else "BBB")
    partitions = len(platform.app.state.hub.positions())
    made_up = ",".join(f"{p}:0" for p in range(partitions))  # the whole topic again
    for bearer, after in (
        (other_town.coordinator, cursor),  # another municipality's
        (t.coordinator, made_up),
        (t.coordinator, edited),
        (t.coordinator, "v1." + "A" * 100_000),
    ):
        async with subscribed(platform, bearer, None, query=RESUMABLE, after=after) as got:
            message = await asyncio.wait_for(got.get(), 30)
        errors = message["payload"] if message["type"] == "error" else message["payload"]["errors"]
        assert codes({"errors": errors}) == ["BAD_USER_INPUT"], after[:40]
        assert errors[0]["extensions"]["field"] == "after"
        assert cursor not in json.dumps(errors)


REDACTED = """
subscription($area: ID, $after: String) {
  incidentEvents(areaId: $area, after: $after) {
    type incidentId position cursor incident { id summary redacted }
  }
}"""


async def _until_subscribed(app: Any, count: int) -> None:
    """Until the gateway's hub has ``count`` subscribers."""
    for _ in range(200):
        if app.state.hub.health().detail["subscribers"] >= count:
            return
        await asyncio.sleep(0.05)

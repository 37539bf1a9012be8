"""Sharing a practice and publishing a support offer over the activities service's HTTP
API, on SQLite and PostgreSQL: who may, what the practice's event carries, and that
nothing is written when a request is refused."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from sqlalchemy import event, select
from sqlalchemy.ext.asyncio import AsyncEngine

from tests.activities.test_api import CLUB, HOUSING, SSP
from tests.activities.test_api import http as service
from tests.actors.conftest import token
from tests.support.replica import seed_replica
from trygnet_activities.domain.practice import SHARED_FIELDS
from trygnet_core.schema import events as event_rows

__all__ = ["service"]

AREA = "area-øst"
AALBORG, HUDDINGE = "0851", "0126"


@pytest.fixture
async def http(service: httpx.AsyncClient, engine: AsyncEngine) -> httpx.AsyncClient:
    """The activities service of ``test_api``, knowing the same actors in two more
    municipalities."""
    for tenant in (AALBORG, HUDDINGE):
        await seed_replica(
            engine, tenant=tenant, areas={AREA: "Aalborg Øst"}, actors=[SSP, HOUSING, CLUB]
        )
    return service


def coordinator(tenant: str = AALBORG) -> dict[str, str]:
    return token(tenant=tenant)


async def activity(http: httpx.AsyncClient) -> str:
    created = await http.post(
        "/activities",
        headers=coordinator(),
        json={
            "title": "Natteravne i Aalborg Øst",
            "level": "civil_society",
            "ownerActorId": SSP,
            "areas": [AREA],
            "themes": ["nightlife"],
            "targetAgeFrom": 15,
            "targetAgeTo": 25,
            "description": "Voluntary night walks on Friday and Saturday nights.",
            "start": "2026-01-01",
            "hours": 800,
            "budget": 60000,
        },
    )
    assert created.status_code == 201, created.text
    activity_id = str(created.json()["id"])
    joined = await http.post(
        f"/activities/{activity_id}/partners",
        headers=coordinator(),
        json={"actorId": CLUB, "role": "partner"},
    )
    assert joined.status_code == 200, joined.text
    return activity_id


async def share(
    http: httpx.AsyncClient, activity_id: str, contact: str | None = None
) -> httpx.Response:
    body = {"contactActorId": contact} if contact else {}
    return await http.post(f"/activities/{activity_id}/practice", headers=coordinator(), json=body)


async def practice_events(engine: AsyncEngine) -> list[tuple[str, str, dict[str, Any]]]:
    async with engine.connect() as conn:
        rows = await conn.execute(
            select(event_rows.c.tenant_id, event_rows.c.type, event_rows.c.data)
            .where(event_rows.c.stream_type.in_(("Practice", "SupportOffer")))
            .order_by(event_rows.c.position)
        )
        return [(row.tenant_id, row.type, row.data) for row in rows]


async def test_a_coordinator_shares_exactly_the_shared_fields_and_withdraws(
    http: httpx.AsyncClient, engine: AsyncEngine
) -> None:
    activity_id = await activity(http)
    shared = await share(http, activity_id, CLUB)
    assert shared.status_code == 200, shared.text
    assert shared.json()["id"] == f"practice-{activity_id}"
    again = await share(http, activity_id, CLUB)
    assert again.json()["position"] is None  # nothing changed, nothing written
    [(tenant, kind, data)] = await practice_events(engine)
    assert (tenant, kind) == (AALBORG, "PracticeShared")
    assert set(data) == {"practice_id", "activity_id", *SHARED_FIELDS}
    assert data["partner_sectors"] == ["other"] and data["partners"] == []
    assert data["contact"] == {"name": CLUB, "sector": "other"}
    assert AREA not in str(data) and "2026-01-01" not in str(data)
    withdrawn = await http.delete(f"/activities/{activity_id}/practice", headers=coordinator())
    assert withdrawn.status_code == 200, withdrawn.text
    assert [kind for _, kind, _ in await practice_events(engine)] == [
        "PracticeShared",
        "PracticeWithdrawn",
    ]


@pytest.mark.parametrize(
    ("who", "status"),
    [
        (token(tenant=AALBORG, roles=("partner",), actor=SSP), 403),
        (token(tenant=AALBORG, roles=("police",), actor=SSP), 403),
        (token(tenant=AALBORG, roles=("integration",), scopes=("activities:write",)), 403),
        (token(tenant="0000", roles=("national",)), 403),
        (token(tenant=HUDDINGE), 404),  # another municipality's coordinator: not found
    ],
)
async def test_only_the_municipalitys_coordinator_shares_and_withdraws(
    http: httpx.AsyncClient, engine: AsyncEngine, who: dict[str, str], status: int
) -> None:
    activity_id = await activity(http)
    refused = await http.post(f"/activities/{activity_id}/practice", headers=who, json={})
    assert refused.status_code == status, refused.text
    assert refused.headers["content-type"].startswith("application/problem+json")
    assert (await share(http, activity_id)).status_code == 200
    not_withdrawn = await http.delete(f"/activities/{activity_id}/practice", headers=who)
    assert not_withdrawn.status_code == status, not_withdrawn.text
    assert [kind for _, kind, _ in await practice_events(engine)] == ["PracticeShared"]


async def test_a_contact_outside_the_activity_is_refused_naming_the_field(
    http: httpx.AsyncClient, engine: AsyncEngine
) -> None:
    activity_id = await activity(http)
    refused = await share(http, activity_id, HOUSING)
    assert refused.status_code == 422
    assert refused.json()["field"] == "contactActorId"
    assert HOUSING not in refused.text
    assert await practice_events(engine) == []


OFFER = {
    "title": "Pulje til tryghedsskabende indsatser",
    "provider": "Social- og Boligstyrelsen",
    "themes": ["youth"],
    "areaKinds": ["housing_area"],
    "deadline": "2027-03-01",
    "link": "https://example.org/pulje",
}


async def test_only_a_national_body_publishes_a_support_offer_on_its_own_tenant(
    http: httpx.AsyncClient, engine: AsyncEngine
) -> None:
    for who in (
        coordinator(),
        token(tenant=AALBORG, roles=("integration",), scopes=("activities:write",)),
    ):
        assert (await http.post("/support-offers", headers=who, json=OFFER)).status_code == 403
    bad = await http.post(
        "/support-offers",
        headers=token(tenant="0000", roles=("national",)),
        json={**OFFER, "themes": ["x"]},
    )
    assert bad.status_code == 422 and bad.json()["field"] == "themes"
    assert await practice_events(engine) == []
    published = await http.post(
        "/support-offers", headers=token(tenant="0000", roles=("national",)), json=OFFER
    )
    assert published.status_code == 201, published.text
    [(tenant, kind, data)] = await practice_events(engine)
    assert (tenant, kind, data["deadline"]) == ("0000", "SupportOfferPublished", "2027-03-01")


async def test_a_practice_shows_each_indicators_value_of_the_latest_period(
    http: httpx.AsyncClient, engine: AsyncEngine
) -> None:
    """As the outcomes report reads it: the value of the latest period, whichever was
    recorded last (here 2025's, corrected after 2026's)."""

    async def post(path: str, body: dict[str, Any]) -> dict[str, Any]:
        answer = await http.post(path, headers=coordinator(), json=body)
        assert answer.status_code in (200, 201), answer.text
        made: dict[str, Any] = answer.json()
        return made

    await post("/strategy", {"title": "Joint strategy"})
    focus = (await post("/strategy/focus-areas", {"title": "Youth"}))["focusAreaId"]
    indicator = await post(
        "/strategy/indicators",
        {"focusAreaId": focus, "name": "In education", "unit": "%", "direction": "increase"},
    )
    for value, period in ((84.5, "2026"), (80.0, "2025")):
        measured = {"indicatorId": indicator["indicatorId"], "value": value, "period": period}
        await post("/strategy/measurements", {**measured, "source": "UU"})
    activity_id = await activity(http)
    changed = await http.patch(
        f"/activities/{activity_id}", headers=coordinator(), json={"focusAreas": [focus]}
    )
    assert changed.status_code == 200, changed.text
    assert (await share(http, activity_id)).status_code == 200
    [(_, _, data)] = await practice_events(engine)
    assert [(r["value"], r["period"]) for r in data["results"]] == [(84.5, "2026")]


async def test_sharing_an_activity_serving_no_focus_area_reads_no_strategy(
    http: httpx.AsyncClient, engine: AsyncEngine
) -> None:
    """Its practice shows no results, so the strategy's indicators and their whole
    history of measurements are not read."""
    activity_id = await activity(http)
    statements: list[str] = []

    def note(*args: Any) -> None:
        statements.append(f"{args[2]} {args[3]}")  # the statement and its parameters

    event.listen(engine.sync_engine, "before_cursor_execute", note)
    try:
        assert (await share(http, activity_id)).status_code == 200
    finally:
        event.remove(engine.sync_engine, "before_cursor_execute", note)
    assert statements  # the share was seen
    assert not [s for s in statements if "MeasurementRecorded" in s or "IndicatorAdded" in s]

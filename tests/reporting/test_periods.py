"""Outcomes and the national tables for a span of months (``from`` and ``to``)."""

from __future__ import annotations

from datetime import UTC, datetime

import httpx
from sqlalchemy.ext.asyncio import AsyncEngine

from tests.actors.conftest import SECRET, token
from tests.reporting.conftest import project
from tests.reporting.world import KK, TINGBJERG, tingbjerg
from tests.support.feed import Feed
from trygnet_activities.domain import events as act
from trygnet_core.auth import AuthSettings
from trygnet_incidents.domain import events as inc
from trygnet_reporting import queries
from trygnet_reporting.bootstrap import Settings, create_app


def test_a_period_is_its_months() -> None:
    assert queries.months_of("2026") == ("2026-01", "2026-12")
    assert queries.months_of("2026-Q3") == ("2026-07", "2026-09")
    assert queries.months_of("2026-09") == ("2026-09", "2026-09")
    assert queries.in_months("2026-01", "2026-12", "2026-12", None)
    assert not queries.in_months("2026-01", "2026-12", "2027-01", None)
    assert not queries.in_months("2026-07", "2026-09", None, "2026-06")
    assert queries.in_months(None, None, "2030-01", "2030-02")  # open at both ends


async def test_outcomes_keep_what_meets_the_months(reports: AsyncEngine) -> None:
    feed = tingbjerg()
    feed.add(
        "activities",
        "Activity",
        "activity-2025",
        act.ActivityCreated(
            "activity-2025",
            "Summer jobs 2025",
            "frontline",
            KK,
            themes=("youth",),
            areas=(TINGBJERG,),
            focus_areas=("focus-youth",),
            start="2025-06-01",
            end="2025-08-31",
        ),
    )
    await project(reports, feed.events)
    async with reports.connect() as conn:
        everything = await queries.outcomes(conn, "0101", area=TINGBJERG)
        spring = await queries.outcomes(
            conn, "0101", area=TINGBJERG, since="2026-04", until="2026-06"
        )
        next_year = await queries.outcomes(conn, "0101", area=TINGBJERG, since="2027-01")

    assert (
        everything["incidentsPerMonth"]
        and everything["activitiesPerFocusArea"][0]["activities"] == 3
    )
    # the March shooting is outside; the 2026 safety index and measurement meet it; the
    # 2025 summer jobs ended before it (the others have no dates: open)
    assert spring["incidentsPerMonth"] == [] and len(spring["safetyIndex"]) == 1
    assert spring["activitiesPerFocusArea"][0]["activities"] == 2
    assert spring["indicators"][0]["latest"] == 80.0
    assert next_year["safetyIndex"] == [] and next_year["indicators"][0]["measurements"] == []
    assert next_year["indicators"][0]["latest"] is None


def _shootings(feed: Feed, tenant: str, month: int, n: int) -> None:
    for k in range(n):
        incident = f"incident-{tenant}-{month}-{k}"
        reported = datetime(2026, month, 10, 12, k, tzinfo=UTC).isoformat()
        feed.add(
            "incidents",
            "Incident",
            incident,
            inc.IncidentReported(
                incident_id=incident,
                kind="shooting",
                severity=3,
                area_id=TINGBJERG,
                place="-",
                occurred_at=reported,
                reported_at=reported,
                reporting_actor_id=KK,
                summary="-",
                sensitivity="open",
            ),
            tenant=tenant,
        )


async def test_national_tables_count_the_months_asked_for(reports: AsyncEngine) -> None:
    feed = tingbjerg()
    _shootings(feed, "0101", 3, 5)
    _shootings(feed, "0101", 5, 6)
    _shootings(feed, "0851", 3, 7)
    await project(reports, feed.events)

    async def shootings(**months: str) -> dict[str, object]:
        async with reports.connect() as conn:
            table = await queries.national(conn, "incidents-by-kind", **months)
        return {row["row"]: row["cells"]["shooting"] for row in table["rows"]}

    # the world's own March shooting makes Copenhagen's March six
    assert await shootings() == {"0101": {"count": 12}, "0851": {"count": 7}}
    assert await shootings(since="2026-04") == {"0101": {"count": 6}}
    assert await shootings(until="2026-03") == {"0101": {"count": 6}, "0851": {"count": 7}}
    async with reports.connect() as conn:
        later = await queries.national(conn, "actors-by-sector", since="2030-01")
        earlier = await queries.national(conn, "actors-by-sector", until="2026-02")
    assert [row["row"] for row in later["rows"]] == ["0101"]  # a stock: from does not apply
    assert earlier["rows"] == []  # registered in March


async def test_the_routes_take_from_and_to_as_months(reports: AsyncEngine) -> None:
    settings = Settings(
        database_url="unused",
        bootstrap_servers=None,
        auth=AuthSettings(dev_mode=True, dev_secret=SECRET),
    )
    app = create_app(settings, engine=reports)
    await project(reports, tingbjerg().events)
    national = token(tenant="0000", roles=("national",))
    coordinator = token(roles=("coordinator",), actor=KK)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://reporting") as http:
        later = await http.get(
            "/outcomes", headers=coordinator, params={"from": "2026-04", "to": "2026-12"}
        )
        assert later.status_code == 200 and later.json()["incidentsPerMonth"] == []
        table = await http.get(
            "/national/incidents-by-kind", headers=national, params={"from": "2026-04"}
        )
        assert table.status_code == 200 and table.json()["rows"] == []
        for path, headers in (("/outcomes", coordinator), ("/national/findings-by-kind", national)):
            bad = await http.get(path, headers=headers, params={"to": "spring"})
            assert bad.status_code == 422 and bad.json()["field"] == "to"

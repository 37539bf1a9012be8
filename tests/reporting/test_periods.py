"""Outcomes and the national tables for a span of months (``from`` and ``to``)."""

from __future__ import annotations

from typing import Any

import httpx
from sqlalchemy.ext.asyncio import AsyncEngine

from tests.actors.conftest import token
from tests.reporting.conftest import project, without_broker
from tests.reporting.world import KK, TINGBJERG, reported, tingbjerg
from trygnet_activities.domain import events as act
from trygnet_reporting import outcomes_report
from trygnet_reporting.national import national
from trygnet_reporting.national_periods import Quarter
from trygnet_vocabulary.incidents import IncidentKind


def test_a_period_is_its_months() -> None:
    assert outcomes_report.months_of("2026") == ("2026-01", "2026-12")
    assert outcomes_report.months_of("2026-Q3") == ("2026-07", "2026-09")
    assert outcomes_report.months_of("2026-09") == ("2026-09", "2026-09")
    assert outcomes_report.in_months("2026-01", "2026-12", "2026-12", None)
    assert not outcomes_report.in_months("2026-01", "2026-12", "2027-01", None)
    assert not outcomes_report.in_months("2026-07", "2026-09", None, "2026-06")
    assert outcomes_report.in_months(None, None, "2030-01", "2030-02")  # open at both ends


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
        everything = await outcomes_report.outcomes(conn, "0101", area=TINGBJERG)
        spring = await outcomes_report.outcomes(
            conn, "0101", area=TINGBJERG, since="2026-04", until="2026-06"
        )
        next_year = await outcomes_report.outcomes(conn, "0101", area=TINGBJERG, since="2027-01")

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


async def test_national_tables_count_the_quarter_asked_for(reports: AsyncEngine) -> None:
    feed = tingbjerg()
    for kind in IncidentKind:
        reported(feed, "0101", 3, 5, kind)
        reported(feed, "0851", 3, 7, kind)
        reported(feed, "0101", 5, 6, kind)
    await project(reports, feed.events)

    async def counted(quarter: Quarter) -> dict[str, Any]:
        async with reports.connect() as conn:
            return await national(conn, "incidents-by-kind", quarter)

    first = await counted(Quarter(2026, 1))
    assert (first["period"], first["from"], first["to"]) == ("2026-Q1", "2026-01", "2026-03")
    rows = {row["row"]: row for row in first["rows"]}
    # the world's own March shooting makes Copenhagen's shootings six
    assert rows["0101"]["cells"]["shooting"] == {"count": 6}
    assert rows["0101"]["cells"]["arson"] == {"count": 5}
    assert rows["0851"]["total"] == {"count": 7 * len(IncidentKind)}
    second = await counted(Quarter(2026, 2))
    assert [row["row"] for row in second["rows"]] == ["0101", "0851"]  # every quarter alike
    assert second["columns"] == first["columns"] == [k.value for k in IncidentKind]
    # Copenhagen's six of each kind and Aalborg's zeros: whatever is shown is true, and
    # Aalborg's zeros are withheld like small counts, never shown as 0
    truth = {"0101": 6, "0851": 0}
    for row in second["rows"]:
        for cell in row["cells"].values():
            assert cell in ({"suppressed": True}, {"count": truth[row["row"]]})
        assert (
            row["cells"] == {k.value: {"suppressed": True} for k in IncidentKind}
            or row["row"] == "0101"
        )
    assert second["grandTotal"] in ({"suppressed": True}, {"count": 60})
    assert any("count" in c for c in second["columnTotals"].values())
    async with reports.connect() as conn:
        stock = await national(conn, "actors-by-sector", Quarter(2026, 1))
        before = await national(conn, "actors-by-sector", Quarter(2025, 4))
    assert {row["row"]: row["cells"]["police"] for row in stock["rows"]}["0101"] == {
        "suppressed": True
    }
    assert all(
        cell == {"suppressed": True} for row in before["rows"] for cell in row["cells"].values()
    )  # registered in March: nothing before


async def test_the_routes_take_from_and_to_as_months(reports: AsyncEngine) -> None:
    app = without_broker(reports)
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
        assert table.status_code == 200 and table.json()["to"] == "2026-06"
        for months, field in (
            ({"from": "2026-05"}, "from"),
            ({"to": "2026-05"}, "to"),
            ({"from": "2026-04", "to": "2026-09"}, "to"),
            ({"from": "2026-07", "to": "2026-03"}, "from"),
            ({"from": "2999-01"}, "from"),
        ):
            bad = await http.get("/national/incidents-by-kind", headers=national, params=months)
            assert bad.status_code == 422 and bad.json()["field"] == field, months
        for path, headers in (
            ("/outcomes", coordinator),
            ("/incident-response", coordinator),
            ("/national/findings-by-kind", national),
        ):
            # a month and nothing else: a trailing line break once passed as 2026-03\n,
            # which the reports then compared as text and so left March out
            for month in ("spring", "2026-03\n", "2026-3", " 2026-03", "x" * 20_000):
                bad = await http.get(path, headers=headers, params={"to": month})
                assert bad.status_code == 422 and bad.json()["field"] == "to", (path, month)

"""The weekly situation picture in the reports (SQLite and PostgreSQL): counts by category
against the weeks before and the year before, hot spots, the week's incidents, open and
overdue actions and tasks, decisions followed up; no description ever stored; another
municipality sees nothing of it."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncEngine

from tests.actors.conftest import token
from tests.reporting.conftest import project, snapshot, without_broker
from tests.support.feed import Feed
from trygnet_activities.domain import events as act
from trygnet_actors.domain import events as ac
from trygnet_incidents.domain import events as inc

COPENHAGEN, AALBORG = "0101", "0851"
AREA, OTHER_AREA = "area-tingbjerg", "area-husum"
HOUSING, POLICE, SSP = "actor-housing", "actor-police", "actor-ssp"
SECRET = "Ahmed from no. 12 sells at the stairs"
COORDINATOR = token(roles=("coordinator",), actor="actor-kk")
SSP_STAFF = token(roles=("partner",), actor=SSP)


def observed(n: int, category: str, place: str, at: str, area: str = AREA) -> inc.ObservationFiled:
    return inc.ObservationFiled(
        observation_id=f"observation-{n}",
        category=category,  # type: ignore[arg-type]
        area_id=area,
        place=place,
        observed_at=at,
        filed_at=at,
        reporting_actor_id=HOUSING,
        description=SECRET,
    )


def the_weeks() -> Feed:
    """Week 38 of 2026 (14-20 September) in Tingbjerg, the four weeks before, and 2025's."""
    feed = Feed(tenant=COPENHAGEN)
    feed.add("actors", "Area", AREA, ac.AreaDefined(AREA, "Tingbjerg", "housing_area"))
    feed.add("actors", "Area", OTHER_AREA, ac.AreaDefined(OTHER_AREA, "Husum", "housing_area"))
    seen = [
        ("graffiti", "The underpass at Ruten", "2026-09-14T20:00:00+00:00"),  # W38
        ("graffiti", "the underpass  at RUTEN", "2026-09-16T20:00:00+00:00"),  # W38
        ("drug_dealing", "Ruten 5, the stairwell", "2026-09-18T20:00:00+00:00"),  # W38
        ("graffiti", "The underpass at Ruten", "2026-09-01T20:00:00+00:00"),  # W36
        ("graffiti", "The school yard", "2026-08-20T20:00:00+00:00"),  # W34
        ("graffiti", "The underpass at Ruten", "2026-08-10T20:00:00+00:00"),  # W33: outside
        ("fire", "The school yard", "2025-09-17T20:00:00+00:00"),  # W38 of 2025
    ]
    for n, (category, place, at) in enumerate(seen):
        feed.add("incidents", "Observation", f"observation-{n}", observed(n, category, place, at))
    feed.add(
        "incidents",
        "Observation",
        "observation-husum",
        observed(99, "fire", "Husum torv", "2026-09-15T20:00:00+00:00", area=OTHER_AREA),
    )
    feed.add(
        "incidents",
        "Observation",
        "observation-1",
        inc.ObservationLinkedToIncident("observation-1", "incident-w38"),
        inc.ObservationDescriptionErased("observation-1", "2026-09-20T10:00:00+00:00"),
    )
    for incident, at, sensitivity, assignee in (
        ("incident-w38", "2026-09-16T21:00:00+00:00", "open", HOUSING),
        ("incident-w37", "2026-09-09T21:00:00+00:00", "restricted", POLICE),
    ):
        feed.add(
            "incidents",
            "Incident",
            incident,
            inc.IncidentReported(
                incident_id=incident,
                kind="vandalism",  # type: ignore[arg-type]
                severity=2,
                area_id=AREA,
                place="Ruten",
                occurred_at=at,
                reported_at=at,
                reporting_actor_id=POLICE,
                sensitivity=sensitivity,  # type: ignore[arg-type]
                summary="Broken windows",
            ),
            inc.TaskAdded(
                incident_id=incident,
                task_id=f"task-{incident}",
                title="Board up",
                assignee_actor_id=assignee,
                due="2026-09-17",
                priority="normal",  # type: ignore[arg-type]
            ),
        )
    feed.add(
        "activities",
        "SafetyWalk",
        "walk-1",
        act.SafetyWalkRecorded(walk_id="walk-1", walked_on="2026-09-01", area_id=AREA),
        act.FindingRecorded("walk-1", "finding-1", "lighting", "Ruten", "Dark"),  # type: ignore[arg-type]
        act.FindingActionAssigned("walk-1", "finding-1", "action-late", HOUSING, "2026-09-10"),
        act.FindingActionAssigned("walk-1", "finding-1", "action-ahead", SSP, "2026-10-30"),
    )
    week = "situation-2026-W38-area-tingbjerg"
    feed.add(
        "incidents",
        "SituationWeek",
        week,
        inc.SituationDecisionRecorded(
            AREA, "2026-W38", "d-light", "Light it", HOUSING, "2026-09-30"
        ),
        inc.SituationDecisionRecorded(
            AREA, "2026-W38", "d-talk", "Talk to them", SSP, "2026-09-18"
        ),
        inc.SituationDecisionStatusChanged(AREA, "2026-W38", "d-light", "done"),  # type: ignore[arg-type]
    )
    feed.add(
        "incidents",
        "SituationWeek",
        "situation-2026-W36-area-tingbjerg",
        inc.SituationDecisionRecorded(
            AREA, "2026-W36", "d-old", "Clean the wall", HOUSING, "2026-09-07"
        ),
        inc.SituationDecisionRecorded(
            AREA, "2026-W36", "d-done", "Report tags", HOUSING, "2026-09-07"
        ),
        inc.SituationDecisionStatusChanged(AREA, "2026-W36", "d-done", "done"),  # type: ignore[arg-type]
    )
    return feed


@pytest.fixture
async def http(reports: AsyncEngine) -> AsyncIterator[httpx.AsyncClient]:
    await project(reports, the_weeks().events)
    transport = httpx.ASGITransport(app=without_broker(reports))
    async with httpx.AsyncClient(transport=transport, base_url="http://reporting") as client:
        yield client


async def picture(http: httpx.AsyncClient, who: dict[str, str] = COORDINATOR, **more: Any) -> Any:
    params = {"areaId": AREA, "week": "2026-W38", "asOf": "2026-09-21", **more}
    answer = await http.get("/situation-picture", headers=who, params=params)
    assert answer.status_code == 200, answer.text
    return answer.json()


async def test_counts_by_category_stand_beside_the_weeks_before_and_last_year(
    http: httpx.AsyncClient,
) -> None:
    found = await picture(http)
    assert found["observations"] == 3
    rows = {row["category"]: row for row in found["categories"]}
    assert len(rows) == 9  # every category, those not seen too
    assert rows["graffiti"] == {
        "category": "graffiti",
        "thisWeek": 2,
        "previousWeeks": [1, 0, 1, 0],  # weeks 34, 35, 36, 37
        "previousWeeksAverage": 0.5,
        "sameWeekLastYear": 0,
    }
    assert rows["fire"]["thisWeek"] == 0 and rows["fire"]["sameWeekLastYear"] == 1
    assert rows["drug_dealing"]["thisWeek"] == 1


async def test_a_place_observed_again_and_again_is_a_hot_spot(http: httpx.AsyncClient) -> None:
    found = await picture(http)
    assert found["hotSpots"] == [
        {
            "place": "the underpass  at RUTEN",  # as last written
            "observations": 3,  # weeks 36 and 38 (twice); week 33 is past the window
            "thisWeek": 2,
            "categories": ["graffiti"],
            "lastObservedAt": "2026-09-16T20:00:00+00:00",
        }
    ]


async def test_the_weeks_incidents_and_what_is_open_and_overdue(http: httpx.AsyncClient) -> None:
    found = await picture(http)
    assert [i["incidentId"] for i in found["incidents"]] == ["incident-w38"]
    assert [(a["actionId"], a["overdue"]) for a in found["actions"]] == [
        ("action-late", True),
        ("action-ahead", False),
    ]
    assert [(t["taskId"], t["overdue"]) for t in found["tasks"]] == [
        ("task-incident-w37", True),
        ("task-incident-w38", True),
    ]
    # a partner reads a restricted incident in outline: only its own actor's tasks count
    partner = await picture(http, who=SSP_STAFF)
    assert [t["taskId"] for t in partner["tasks"]] == ["task-incident-w38"]


async def test_decisions_of_the_week_and_earlier_ones_still_open_are_followed_up(
    http: httpx.AsyncClient,
) -> None:
    found = await picture(http)
    assert [(d["decisionId"], d["week"], d["standing"]) for d in found["decisions"]] == [
        ("d-talk", "2026-W38", "overdue"),
        ("d-light", "2026-W38", "done"),
        ("d-old", "2026-W36", "overdue"),  # still open from week 36; d-done is not shown
    ]
    before = await picture(http, asOf="2026-09-15")
    assert [d["standing"] for d in before["decisions"]][:2] == ["open", "done"]


@pytest.mark.parametrize(
    "week",
    ["2026-38", "2026-W00", "2025-W53", "", "W38", "0001-W01", "0000-W10", "2026-W38" * 500],
)
async def test_a_bad_week_is_bad_user_input_naming_week(http: httpx.AsyncClient, week: str) -> None:
    answer = await http.get(
        "/situation-picture", headers=COORDINATOR, params={"areaId": AREA, "week": week}
    )
    assert answer.status_code == 422
    assert answer.json()["code"] == "BAD_USER_INPUT" and answer.json()["field"] == "week"


async def test_another_municipality_sees_nothing_of_the_area(http: httpx.AsyncClient) -> None:
    elsewhere = token(tenant=AALBORG, roles=("coordinator",))
    answer = await http.get(
        "/situation-picture", headers=elsewhere, params={"areaId": AREA, "week": "2026-W38"}
    )
    assert answer.status_code == 404


async def test_no_description_reaches_the_reports(reports: AsyncEngine) -> None:
    await project(reports, the_weeks().events)
    stored = json.dumps(list((await snapshot(reports)).items()), ensure_ascii=False)
    assert "underpass" in stored and SECRET not in stored

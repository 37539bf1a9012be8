"""Each party's contribution and its effect, and cost per participant: given the events
of a small Tingbjerg, when the reports are read, then these are the figures."""

from __future__ import annotations

from datetime import UTC, date, datetime

import httpx
import pytest
from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncEngine

from tests.actors.conftest import token
from tests.reporting.conftest import project, without_broker
from tests.reporting.world import (
    CLUB,
    FORUM,
    HOUSING,
    JOBS,
    KK,
    NIGHT_WALKS,
    POLICE,
    SHOOTING,
    SSP,
    TINGBJERG,
    tingbjerg,
)
from tests.support.feed import Feed
from trygnet_activities.domain import events as act
from trygnet_core.auth import Principal
from trygnet_core.tenancy import TenantId
from trygnet_incidents.domain import events as inc
from trygnet_reporting import contributions, cost, incident_response_report, outcomes_report
from trygnet_reporting.contributions import Window

TODAY = date(2026, 3, 16)
MARCH = Window("2026-03-01", "2026-03-31", TODAY.isoformat())


def reader(*roles: str, actor: str = KK) -> Principal:
    return Principal("user-1", TenantId("0101"), frozenset(roles), actor)


def contributed(feed: Feed) -> Feed:
    """Tingbjerg with hours, budgets, participants, a rate, follow-ups and response roles."""
    feed.add(
        "activities",
        "Activity",
        JOBS,
        act.ActivityDetailsChanged(JOBS, {"hours": 100, "budget": 20_000}),
        act.ParticipantsReachedRecorded(JOBS, 40),
    )
    feed.add(
        "activities",
        "Activity",
        NIGHT_WALKS,
        act.ActivityDetailsChanged(NIGHT_WALKS, {"hours": 50}),
    )
    feed.add("activities", "HourlyRate", "hourly-rate", act.HourlyRateSet("hourly-rate", 400.0))
    feed.add(
        "activities",
        "Forum",
        FORUM,
        act.MeetingRecorded(
            FORUM,
            "meeting-2",
            "2026-03-10",
            (KK, SSP, HOUSING),
            follow_ups=(
                {
                    "follow_up_id": "f-1",
                    "description": "x",
                    "actor_id": HOUSING,
                    "due": "2026-03-12",
                },
                {
                    "follow_up_id": "f-2",
                    "description": "y",
                    "actor_id": HOUSING,
                    "due": "2026-04-01",
                },
                {"follow_up_id": "f-3", "description": "z", "actor_id": SSP, "due": "2026-03-12"},
            ),
        ),
        act.FollowUpStatusChanged(FORUM, "meeting-2", "f-3", "done"),
    )
    feed.add(
        "incidents",
        "Incident",
        SHOOTING,
        inc.ResponseRoleAssigned(SHOOTING, SSP, "liaison"),
        inc.ResponseRoleAssigned(SHOOTING, POLICE, "lead"),
    )
    feed.add(
        "incidents",
        "Incident",
        SHOOTING,
        inc.TaskStatusChanged(SHOOTING, "task-1", "done"),
        at=datetime(2026, 3, 15, 9, 0, tzinfo=UTC),
    )
    return feed


def row(rows: list[dict], actor: str) -> dict:
    return next(r for r in rows if r["actorId"] == actor)


async def read(engine: AsyncEngine, principal: Principal, window: Window = MARCH) -> list[dict]:
    async with engine.connect() as conn:
        return await contributions.contributions(conn, principal, area=None, window=window)


async def test_each_actor_has_one_row_with_what_it_put_in(reports: AsyncEngine) -> None:
    await project(reports, contributed(tingbjerg()).events)
    rows = await read(reports, reader("coordinator"))
    assert [r["actorId"] for r in rows] == sorted(
        (r["actorId"] for r in rows), key=lambda a: row(rows, a)["name"].lower()
    )
    housing = row(rows, HOUSING)
    assert (housing["activitiesLed"], housing["activitiesJoined"]) == (1, 0)
    assert (housing["hours"], housing["budget"]) == (100, 20_000)
    assert housing["foraMemberships"] == 1 and housing["meetingsAttended"] == 1
    assert housing["followUps"] == {"done": 0, "open": 2, "overdue": 1}
    assert housing["walkActions"] == {"done": 1, "open": 1, "overdue": 1}
    police = row(rows, POLICE)
    assert (police["activitiesLed"], police["activitiesJoined"], police["hours"]) == (0, 1, 50)
    assert police["responseRoles"] == 1
    ssp = row(rows, SSP)
    assert ssp["followUps"] == {"done": 1, "open": 0, "overdue": 0}
    assert ssp["responseRoles"] == 1
    assert ssp["tasks"] == {"taken": 1, "completed": 1, "completedOnTime": 1}
    assert ssp["meetingsAttended"] == 2


async def test_the_period_counts_only_what_fell_in_it(reports: AsyncEngine) -> None:
    await project(reports, contributed(tingbjerg()).events)
    april = Window("2026-04-01", "2026-04-30", "2026-04-30")
    ssp = row(await read(reports, reader("coordinator"), april), SSP)
    assert ssp["meetingsAttended"] == 0 and ssp["responseRoles"] == 0
    assert ssp["tasks"]["taken"] == 0 and ssp["followUps"]["done"] == 0
    assert ssp["activitiesLed"] == 1  # night walks have no end: they still run


async def test_the_survey_gives_the_trust_and_value_others_rated_an_actor(
    reports: AsyncEngine,
) -> None:
    await project(reports, contributed(tingbjerg()).events)
    rows = await read(reports, reader("coordinator"))
    assert row(rows, CLUB)["survey"] == {
        "waveId": "wave-2026",
        "raters": 1,
        "trust": 3.0,
        "value": 2.0,
    }
    assert row(rows, SSP)["survey"] is None


async def test_the_effect_is_the_focus_areas_indicators_and_the_areas_safety_trend(
    reports: AsyncEngine,
) -> None:
    feed = contributed(tingbjerg())
    feed.add(
        "activities",
        "Strategy",
        "strategy",
        act.SafetyIndexResultRecorded("strategy", TINGBJERG, "2025", 76.5, 12.0, 380, 1000),
    )
    await project(reports, feed.events)
    effect = row(await read(reports, reader("coordinator")), HOUSING)["effect"]
    [focus] = effect["focusAreas"]
    assert focus["focusAreaId"] == "focus-youth"
    assert [
        (i["indicatorId"], i["latest"], i["target"], i["onTarget"]) for i in focus["indicators"]
    ] == [("indicator-safe", 80.0, 85.0, False)]
    assert effect["safetyIndex"] == [
        {
            "areaId": TINGBJERG,
            "period": "2026",
            "feelingSafe": 80.0,
            "previousPeriod": "2025",
            "previousFeelingSafe": 76.5,
            "change": 3.5,
        }
    ]
    police = row(await read(reports, reader("coordinator")), POLICE)["effect"]
    assert police["focusAreas"] == []  # night walks serve no focus area


async def test_restricted_incidents_stay_redacted_in_contributions(reports: AsyncEngine) -> None:
    """The shooting is restricted: a partner of another actor counts none of its roles
    and tasks; SSP's own staff count SSP's own task but no role; coordinators and
    police count everything, as the incident-response report shows it to each."""
    await project(reports, contributed(tingbjerg()).events)
    for principal, roles, tasks in (
        (reader("coordinator"), 1, 1),
        (reader("police", actor=POLICE), 1, 1),
        (reader("partner", actor=HOUSING), 0, 0),
        (reader("partner", actor=SSP), 0, 1),
    ):
        ssp = row(await read(reports, principal), SSP)
        assert (ssp["responseRoles"], ssp["tasks"]["taken"]) == (roles, tasks), principal.roles
        assert row(await read(reports, principal), POLICE)["responseRoles"] == roles
        async with reports.connect() as conn:
            response = await incident_response_report.incident_response(
                conn, principal, area=None, today=TODAY
            )
        [shooting] = response["incidents"]
        assert shooting["redacted"] == (roles == 0)


READERS = {
    "coordinator": (reader("coordinator"), True),
    "police": (reader("police", actor=POLICE), True),
    "partner in the response": (reader("partner", actor=SSP), False),
    "partner of another actor": (reader("partner", actor=HOUSING), False),
    "integration": (
        Principal(
            "client-1",
            TenantId("0101"),
            frozenset({"integration"}),
            None,
            frozenset({"reporting:read"}),
        ),
        False,
    ),
}


@pytest.mark.parametrize("sensitivity", ["open", "restricted"])
@pytest.mark.parametrize("name", READERS)
async def test_every_reader_counts_an_incident_as_the_incident_response_shows_it(
    reports: AsyncEngine, sensitivity: str, name: str
) -> None:
    """The redaction matrix of the contributions: an open incident counts whole for every
    reader; a restricted one whole for coordinators and police only, and for every other
    reader none of its roles and only the reader's own actor's tasks."""
    principal, cleared = READERS[name]
    feed = contributed(tingbjerg())
    for received in feed.events:
        if received.event.type == "IncidentReported":
            received.event.data["sensitivity"] = sensitivity
    await project(reports, feed.events)
    whole = cleared or sensitivity == "open"
    rows = await read(reports, principal)
    ssp, police = row(rows, SSP), row(rows, POLICE)
    assert (ssp["responseRoles"], police["responseRoles"]) == ((1, 1) if whole else (0, 0))
    own = whole or principal.actor_id == SSP
    assert ssp["tasks"] == (
        {"taken": 1, "completed": 1, "completedOnTime": 1}
        if own
        else {"taken": 0, "completed": 0, "completedOnTime": 0}
    )
    async with reports.connect() as conn:
        response = await incident_response_report.incident_response(
            conn, principal, area=None, today=TODAY
        )
    [shooting] = response["incidents"]
    assert shooting["redacted"] is not whole


async def test_one_actors_row_is_the_same_as_in_the_table(reports: AsyncEngine) -> None:
    await project(reports, contributed(tingbjerg()).events)
    async with reports.connect() as conn:
        [one] = await contributions.contributions(
            conn, reader("coordinator"), area=None, window=MARCH, actor=SSP
        )
    assert one == row(await read(reports, reader("coordinator")), SSP)


async def test_another_municipality_sees_none_of_it(reports: AsyncEngine) -> None:
    await project(reports, contributed(tingbjerg()).events)
    other = Principal("user-2", TenantId("0851"), frozenset({"coordinator"}), KK)
    assert await read(reports, other) == []


async def test_cost_per_participant_is_budget_plus_hours_times_rate(reports: AsyncEngine) -> None:
    await project(reports, contributed(tingbjerg()).events)
    async with reports.connect() as conn:
        found = await outcomes_report.outcomes(conn, TenantId("0101"), area=None)
        costs = await cost.costs(
            conn, TenantId("0101"), area=None, since=None, until=None, outcomes=found
        )
    assert costs["hourlyRate"] == 400.0
    jobs = next(a for a in costs["activities"] if a["activityId"] == JOBS)
    assert (jobs["cost"], jobs["participantsReached"], jobs["costPerParticipant"]) == (
        60_000.0,
        40,
        1500.0,
    )
    walks = next(a for a in costs["activities"] if a["activityId"] == NIGHT_WALKS)
    assert (walks["cost"], walks["costPerParticipant"]) == (20_000.0, None)
    [youth] = costs["focusAreas"]
    assert youth["activities"] == 2 and youth["withParticipants"] == 1
    assert (youth["costPerParticipant"], youth["indicatorIds"]) == (1500.0, ["indicator-safe"])


async def test_without_a_rate_the_hours_cost_nothing(reports: AsyncEngine) -> None:
    feed = tingbjerg()
    feed.add(
        "activities",
        "Activity",
        JOBS,
        act.ActivityDetailsChanged(JOBS, {"hours": 100, "budget": 20_000}),
        act.ParticipantsReachedRecorded(JOBS, 40),
    )
    await project(reports, feed.events)
    async with reports.connect() as conn:
        found = await outcomes_report.outcomes(conn, TenantId("0101"), area=None)
        costs = await cost.costs(
            conn, TenantId("0101"), area=None, since=None, until=None, outcomes=found
        )
    jobs = next(a for a in costs["activities"] if a["activityId"] == JOBS)
    assert costs["hourlyRate"] is None and jobs["costPerParticipant"] == 500.0


async def test_the_national_table_counts_contributions_by_sector_suppressed(
    reports: AsyncEngine,
) -> None:
    """Counts by sector across municipalities, never per actor: Copenhagen's small counts
    are withheld (zeros too) and nothing published is below 5."""
    from trygnet_reporting.national import national
    from trygnet_reporting.national_periods import Quarter

    copenhagen = contributed(tingbjerg("0101"))
    aalborg = tingbjerg("0851")
    for k in range(6):  # six more activities of Aalborg's SSP, joined by the police
        aalborg.add(
            "activities",
            "Activity",
            f"activity-extra-{k}",
            act.ActivityCreated(f"activity-extra-{k}", f"Extra {k}", "frontline", SSP),
            act.ActivityPartnerJoined(f"activity-extra-{k}", POLICE, "partner"),
            tenant="0851",
        )
    await project(reports, [*copenhagen.events, *aalborg.events])
    async with reports.connect() as conn:
        table = await national(conn, "contributions-by-sector", Quarter(2026, 1))
    rows = {row["row"]: row for row in table["rows"]}
    assert set(rows) == {"0101", "0851"}
    assert "actorId" not in str(table) and SSP not in str(table)
    assert rows["0851"]["cells"]["ssp"] == {"count": 9}  # 7 activities, a forum, a meeting
    assert rows["0101"]["cells"]["school"] == {"suppressed": True}  # a zero is withheld
    assert rows["0101"]["cells"]["civil_society"] == {"suppressed": True}  # 2: small
    published = [
        cell["count"]
        for row in table["rows"]
        for cell in [*row["cells"].values(), row["total"]]
        if "count" in cell
    ]
    assert published and all(count >= 5 for count in published)


async def test_the_national_table_reads_every_municipality_in_the_same_few_queries(
    reports: AsyncEngine,
) -> None:
    """A national table is computed again whenever an event is applied anywhere: its
    queries must not grow with the number of municipalities (98 of them)."""
    from trygnet_reporting.national import national
    from trygnet_reporting.national_periods import Quarter

    async def statements(tenants: int) -> int:
        await project(reports, [e for t in range(tenants) for e in tingbjerg(f"{t + 1:04}").events])
        seen: list[str] = []

        def count(*args: object) -> None:
            seen.append(str(args[2]))

        event.listen(reports.sync_engine, "before_cursor_execute", count)
        try:
            async with reports.connect() as conn:
                table = await national(conn, "contributions-by-sector", Quarter(2026, 1))
        finally:
            event.remove(reports.sync_engine, "before_cursor_execute", count)
        assert len(table["rows"]) == tenants
        return len(seen)

    assert await statements(2) == await statements(6)


async def test_bad_periods_and_ids_are_refused_with_the_field_named(reports: AsyncEngine) -> None:
    """Over HTTP: a malformed or reversed period, a huge id, another municipality's area
    are a coded 4xx naming the field, never a 5xx, in the contributions and in the
    outcomes with their cost."""
    await project(reports, contributed(tingbjerg()).events)
    coordinator = token(tenant="0101", roles=("coordinator",), actor=KK)
    transport = httpx.ASGITransport(app=without_broker(reports))
    async with httpx.AsyncClient(transport=transport, base_url="http://reporting") as http:
        for path, params, status, named in (
            ("/contributions", {"from": "2026-13-01"}, 422, "from"),
            ("/contributions", {"to": "x" * 5000}, 422, "to"),
            ("/contributions", {"from": "2026-03-01", "to": "2026-02-28"}, 422, "from"),
            ("/contributions", {"asOf": "today"}, 422, "asOf"),
            ("/contributions", {"actorId": "x" * 301}, 422, "actorId"),
            ("/contributions", {"areaId": "x" * 20_000}, 422, "areaId"),
            ("/contributions", {"areaId": "area-aalborg"}, 404, "areaId"),
            ("/outcomes", {"from": "2026-05", "to": "2026-01"}, 422, "from"),
            ("/incident-response", {"from": "2026-05", "to": "2026-01"}, 422, "from"),
        ):
            response = await http.get(path, headers=coordinator, params=params)
            assert response.status_code == status, (path, params, response.text)
            assert response.json()["field"] == named, (path, params)
            assert response.json()["code"] in ("BAD_USER_INPUT", "NOT_FOUND")
        one_day = {"from": "2026-03-10", "to": "2026-03-10"}
        assert (await http.get("/contributions", headers=coordinator, params=one_day)).is_success


def test_one_rule_says_what_is_done_still_to_do_and_overdue() -> None:
    """Follow-ups, walk actions and incident tasks all stand by ``standing``."""
    from trygnet_reporting import standing

    counts = dict.fromkeys(("done", "open", "overdue"), 0)
    for status, due in (
        ("done", "2026-01-01"),
        ("open", "2026-03-15"),
        ("in_progress", "2026-03-16"),
        ("open", "2026-03-17"),
        ("cancelled", "2026-01-01"),
        ("rejected", "2026-01-01"),
    ):
        standing.count(counts, status, due, "2026-03-17")
    assert counts == {"done": 1, "open": 3, "overdue": 2}
    assert not standing.overdue("open", "2026-03-17", "2026-03-17")  # due today: not yet

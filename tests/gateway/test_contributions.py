"""Each party's contribution and cost per participant through the gateway, end to end:
the role matrix of ``setHourlyRate`` and ``contributions``, what a coordinator's writes
make of them, ``Actor.contribution``, and that another municipality sees none of it."""

from __future__ import annotations

import pytest

from tests.gateway.conftest import GraphQL, Platform, codes, token
from tests.gateway.test_actors import define_area
from tests.gateway.test_reporting import activity, mutate, register
from trygnet_gateway.reporting.contributions import Contribution

SET_RATE = """
mutation($input: SetHourlyRateInput!) {
  setHourlyRate(input: $input) { position hourlyRate { rate version } }
}"""
RATE = "query { hourlyRate { rate } }"
CONTRIBUTIONS = """
query($area: ID, $from: Date, $to: Date, $atLeast: [String!]) {
  contributions(areaId: $area, from: $from, to: $to, atLeast: $atLeast) {
    actorId name sector activitiesLed activitiesJoined hours budget
    activities { id title }
    foraMemberships meetingsAttended followUps { done open overdue } responseRoles
    tasks { taken completed completedOnTime } walkActions { done open overdue }
    survey { raters trust value }
    effect { focusAreas { focusAreaId } safetyIndex { areaId change } }
  }
}"""
ACTOR = """
query($id: ID!, $atLeast: [String!]) {
  contributions(atLeast: $atLeast) { actorId }
  actor(id: $id) { contribution(from: "2026-01-01") { actorId hours budget activitiesLed } }
}"""
COST = """
query($area: ID, $atLeast: [String!]) {
  outcomes(areaId: $area, atLeast: $atLeast) {
    cost {
      hourlyRate
      activities { id activity { id } hours budget participantsReached cost costPerParticipant }
      focusAreas { focusAreaId costPerParticipant indicators { indicatorId } }
    }
  }
}"""


async def test_only_a_coordinator_sets_the_hourly_rate(graphql: GraphQL, tenant: str) -> None:
    coordinator = token(tenant, "coordinator")
    for caller in (
        token(tenant, "partner", actor="actor-x"),
        token(tenant, "police", actor="actor-x"),
        token(tenant, "integration", scopes=("activities:write",)),
        token(tenant, "national"),
    ):
        refused = await graphql(SET_RATE, caller, input={"rate": 400})
        assert codes(refused) == ["FORBIDDEN"], refused
    assert codes(await graphql(SET_RATE, None, input={"rate": 400})) == ["UNAUTHENTICATED"]
    assert (await graphql.ok(RATE, coordinator))["hourlyRate"] is None
    bad = await graphql(SET_RATE, coordinator, input={"rate": -1})
    assert codes(bad) == ["BAD_USER_INPUT"] and bad["errors"][0]["extensions"]["field"] == "rate"
    assert (await graphql.ok(RATE, coordinator))["hourlyRate"] is None  # nothing written
    first = await graphql.ok(SET_RATE, coordinator, input={"rate": 425.5})
    assert first["setHourlyRate"]["hourlyRate"] == {"rate": 425.5, "version": 1}
    again = await graphql.ok(SET_RATE, coordinator, input={"rate": 425.5})
    assert again["setHourlyRate"]["hourlyRate"]["version"] == 1  # the same rate: no change
    other = token(f"{tenant}x", "coordinator")
    assert (await graphql.ok(RATE, other))["hourlyRate"] is None


async def test_contributions_and_cost_per_participant_follow_the_writes(
    graphql: GraphQL, tenant: str
) -> None:
    coordinator = token(tenant, "coordinator")
    area = await define_area(graphql, coordinator, "Tingbjerg")
    housing, _ = await register(graphql, coordinator, "fsb", "HOUSING_ASSOCIATION", [area])
    club, _ = await register(graphql, coordinator, "Klubben", "CIVIL_SOCIETY", [area])
    jobs, _ = await activity(graphql, coordinator, housing, area, hours=100, budget=20_000)
    await mutate(
        graphql,
        coordinator,
        "joinActivity",
        {"activityId": jobs, "actorId": club, "role": "PARTNER"},
    )
    reached = await mutate(
        graphql,
        token(tenant, "partner", actor=housing),
        "changeActivityStatus",
        {"activityId": jobs, "status": "ACTIVE", "participantsReached": 40},
        "activity { status participantsReached }",
    )
    assert reached["activity"] == {"status": "ACTIVE", "participantsReached": 40}
    status = "mutation($input: ChangeActivityStatusInput!) { changeActivityStatus(input: $input) { position } }"
    negative = await graphql(
        status,
        coordinator,
        input={"activityId": jobs, "status": "ACTIVE", "participantsReached": -1},
    )
    assert codes(negative) == ["BAD_USER_INPUT"]
    assert negative["errors"][0]["extensions"]["field"] == "participantsReached"
    rate = (await graphql.ok(SET_RATE, coordinator, input={"rate": 400}))["setHourlyRate"]

    cost = (
        await graphql.ok(
            COST, coordinator, area=area, atLeast=[reached["position"], rate["position"]]
        )
    )["outcomes"]["cost"]
    assert cost["hourlyRate"] == 400.0
    assert cost["activities"] == [
        {
            "id": jobs,
            "activity": {"id": jobs},
            "hours": 100,
            "budget": 20_000,
            "participantsReached": 40,
            "cost": 60_000.0,
            "costPerParticipant": 1500.0,
        }
    ]

    rows = (await graphql.ok(CONTRIBUTIONS, coordinator, area=area, atLeast=[reached["position"]]))[
        "contributions"
    ]
    by_actor = {row["actorId"]: row for row in rows}
    assert set(by_actor) == {housing, club}
    assert (by_actor[housing]["activitiesLed"], by_actor[club]["activitiesJoined"]) == (1, 1)
    assert by_actor[club]["activities"] == [{"id": jobs, "title": "After-school jobs"}]
    assert by_actor[housing]["hours"] == 100 and by_actor[housing]["budget"] == 20_000

    for reader in (token(tenant, "partner", actor=club), token(tenant, "police", actor=club)):
        assert len((await graphql.ok(CONTRIBUTIONS, reader))["contributions"]) == 2
    refused = await graphql(CONTRIBUTIONS, token(tenant, "national"))
    assert codes(refused) == ["FORBIDDEN"]
    assert codes(await graphql(CONTRIBUTIONS, None)) == ["UNAUTHENTICATED"]
    backwards = await graphql(
        CONTRIBUTIONS, coordinator, **{"from": "2026-06-01", "to": "2026-01-01"}
    )
    assert codes(backwards) == ["BAD_USER_INPUT"]
    assert backwards["errors"][0]["extensions"]["field"] == "from"
    reversed_months = await graphql(
        'query { outcomes(from: "2026-05", to: "2026-01") { cost { hourlyRate } } }', coordinator
    )
    assert codes(reversed_months) == ["BAD_USER_INPUT"]
    assert reversed_months["errors"][0]["extensions"]["field"] == "from"

    one = await graphql.ok(ACTOR, coordinator, id=housing)
    assert one["actor"]["contribution"] == {
        "actorId": housing,
        "hours": 100,
        "budget": 20_000,
        "activitiesLed": 1,
    }


async def test_another_municipality_sees_no_contribution_or_cost(
    graphql: GraphQL, tenant: str
) -> None:
    coordinator = token(tenant, "coordinator")
    area = await define_area(graphql, coordinator, "Tingbjerg")
    housing, _ = await register(graphql, coordinator, "fsb", "HOUSING_ASSOCIATION", [area])
    _, position = await activity(graphql, coordinator, housing, area, hours=10, budget=1000)
    await graphql.ok(CONTRIBUTIONS, coordinator, atLeast=[position])

    other = token(f"{tenant}x", "coordinator")
    in_our_area = await graphql(CONTRIBUTIONS, other, area=area)
    assert codes(in_our_area) == ["NOT_FOUND"]
    assert (await graphql.ok(CONTRIBUTIONS, other))["contributions"] == []
    assert (await graphql.ok(COST, other))["outcomes"]["cost"]["activities"] == []
    theirs = await graphql(ACTOR, other, id=housing)
    assert codes(theirs) == ["NOT_FOUND"]


PAGE = """
query($area: ID, $atLeast: [String!]) {
  contributions(areaId: $area, atLeast: $atLeast) { actorId }
  actors(areaId: $area, first: 50) {
    edges { node { id contribution { actorId activitiesLed } } }
  }
}"""


async def test_a_page_of_actors_asks_reporting_once_and_makes_each_row_once(
    graphql: GraphQL, platform: Platform, tenant: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    coordinator = token(tenant, "coordinator")
    area = await define_area(graphql, coordinator, "Tingbjerg")
    actors = [
        await register(graphql, coordinator, f"Actor {n:02}", "CIVIL_SOCIETY", [area])
        for n in range(12)
    ]
    _, position = await activity(graphql, coordinator, actors[0][0], area)
    await graphql.ok(PAGE, coordinator, area=area, atLeast=[position, actors[-1][1]])

    made_rows: list[str] = []
    make = Contribution.of.__func__  # type: ignore[attr-defined]

    def counted(cls: type[Contribution], item: dict[str, object]) -> Contribution:
        made_rows.append(str(item["actorId"]))
        return make(cls, item)  # type: ignore[no-any-return]

    monkeypatch.setattr(Contribution, "of", classmethod(counted))
    calls = platform.app.state.services.calls
    before = calls.copy()
    page = await graphql.ok(PAGE, coordinator, area=area)
    made = calls - before

    nodes = [edge["node"] for edge in page["actors"]["edges"]]
    assert len(nodes) == 12 and all(n["contribution"]["actorId"] == n["id"] for n in nodes)
    assert sum(n["contribution"]["activitiesLed"] for n in nodes) == 1
    # the root list without areaId and the actors' rows (with it, one period): two reads
    # of the report at most, never one per actor; each row made once per read
    assert made["reporting"] <= 2, made
    assert len(made_rows) <= 2 * 12, len(made_rows)

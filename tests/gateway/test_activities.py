"""Partnerships, fora, activities, safety walks and the strategy through the gateway,
against the real activities and actors services.

The activities service knows actors and areas from its replica of the actors
service's events, a few moments after they are registered: a write that names one
is retried while the service answers that it does not know it yet.
"""

from __future__ import annotations

import asyncio
import time
import uuid
from dataclasses import dataclass
from typing import Any

from tests.gateway.conftest import GraphQL, Platform, codes, token

DEFINE = "mutation($input: DefineAreaInput!) { defineArea(input: $input) { area { id } } }"
REGISTER = "mutation($input: RegisterActorInput!) { registerActor(input: $input) { actor { id } } }"

CREATE_PARTNERSHIP = """
mutation($input: CreatePartnershipInput!) {
  createPartnership(input: $input) {
    position
    partnership { id name authorisedOn coordinator { id name } areas { id name } }
  }
}"""
JOIN_PARTNERSHIP = """
mutation($input: JoinPartnershipInput!) {
  joinPartnership(input: $input) { partnership { version members { role actor { name } } } }
}"""
CREATE_FORUM = """
mutation($input: CreateForumInput!) {
  createForum(input: $input) { forum { id name level cadence members { name } } }
}"""
RECORD_MEETING = """
mutation($input: RecordMeetingInput!) {
  recordMeeting(input: $input) {
    position
    meeting { id heldOn agenda attendees { name } followUps { id due status actor { name } } }
    forum { version }
  }
}"""
CHANGE_FOLLOW_UP = """
mutation($input: ChangeFollowUpStatusInput!) {
  changeFollowUpStatus(input: $input) { forum { followUps { id status } } }
}"""
CREATE_ACTIVITY = """
mutation($input: CreateActivityInput!) {
  createActivity(input: $input) {
    position
    activity { id title status themes targetAgeFrom targetAgeTo owner { name } areas { name } }
  }
}"""
JOIN_ACTIVITY = """
mutation($input: JoinActivityInput!) {
  joinActivity(input: $input) { position activity { version partners { role actor { id } } } }
}"""
RECORD_WALK = """
mutation($input: RecordSafetyWalkInput!) {
  recordSafetyWalk(input: $input) { safetyWalk { id walkedOn residents area { name } } }
}"""
RECORD_FINDING = """
mutation($input: RecordFindingInput!) {
  recordFinding(input: $input) { finding { id kind } safetyWalk { version } }
}"""
ASSIGN_ACTION = """
mutation($input: AssignFindingActionInput!) {
  assignFindingAction(input: $input) { action { id status deadline owner { name } } }
}"""
UPDATE_ACTION = """
mutation($input: UpdateFindingActionInput!) {
  updateFindingAction(input: $input) { position action { status reason } }
}"""
ADOPT = (
    "mutation($input: AdoptStrategyInput!) { adoptStrategy(input: $input) { strategy { title } } }"
)
RECORD_RESULTS = """
mutation($input: RecordSafetyIndexResultsInput!) {
  recordSafetyIndexResults(input: $input) { position strategy { version } }
}"""
ACTIVITIES = """
query($area: ID, $theme: Theme, $status: ActivityStatus, $first: Int, $after: String) {
  activities(areaId: $area, theme: $theme, status: $status, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { cursor node { id title partners { role actor { id name } } areas { id name } } }
  }
}"""


@dataclass
class Town:
    """A municipality with two areas and three actors the activities service knows."""

    coordinator: str
    areas: list[str]
    actors: list[str]


async def town(graphql: GraphQL, tenant: str, actors: int = 3) -> Town:
    coordinator = token(tenant, "coordinator")
    areas = []
    for name in ("Tingbjerg", "Husum"):
        data = await graphql.ok(DEFINE, coordinator, input={"name": name, "kind": "HOUSING_AREA"})
        areas.append(data["defineArea"]["area"]["id"])
    names = ["SSP", "Housing association", "Football club"]
    made = []
    for n in range(actors):
        name = names[n] if n < len(names) else f"Actor {n:02}"
        data = await graphql.ok(
            REGISTER, coordinator, input={"name": name, "sector": "CIVIL_SOCIETY"}
        )
        made.append(data["registerActor"]["actor"]["id"])
    return Town(coordinator, areas, made)


async def create_activity(graphql: GraphQL, town: Town, **given: Any) -> dict[str, Any]:
    data = await graphql.settled(
        CREATE_ACTIVITY,
        town.coordinator,
        input={"title": "After-school jobs", "level": "FRONTLINE", "ownerActorId": town.actors[0]}
        | given,
    )
    activity: dict[str, Any] = data["createActivity"]["activity"]
    return activity


async def test_a_partnership_a_forum_with_a_meeting_and_activities_are_read_back(
    graphql: GraphQL, tenant: str
) -> None:
    place = await town(graphql, tenant)
    ssp, housing, club = place.actors
    tingbjerg, husum = place.areas
    coordinator = place.coordinator
    created = await graphql.settled(
        CREATE_PARTNERSHIP,
        coordinator,
        input={
            "name": "Tryghedspartnerskab Tingbjerg-Husum",
            "mandate": "Coordinate prevention",
            "authorisedBy": "Borgerrepræsentationen",
            "authorisedOn": "2025-03-01",
            "coordinatorActorId": housing,
            "areas": [tingbjerg],
        },
    )
    partnership = created["createPartnership"]["partnership"]
    assert partnership["coordinator"] == {"id": housing, "name": "Housing association"}
    assert partnership["areas"] == [{"id": tingbjerg, "name": "Tingbjerg"}]
    assert partnership["authorisedOn"] == "2025-03-01"
    assert created["createPartnership"]["position"] == f"activities/{partnership['id']}/1"
    joined = await graphql.settled(
        JOIN_PARTNERSHIP,
        coordinator,
        input={"partnershipId": partnership["id"], "actorId": ssp, "role": "PARTNER"},
    )
    assert joined["joinPartnership"]["partnership"] == {
        "version": 2,
        "members": [{"role": "PARTNER", "actor": {"name": "SSP"}}],
    }

    forum = (
        await graphql.settled(
            CREATE_FORUM,
            coordinator,
            input={
                "name": "Local forum",
                "level": "STRATEGIC",
                "ownerActorId": ssp,
                "cadence": "MONTHLY",
                "partnershipId": partnership["id"],
                "members": [ssp, club],
            },
        )
    )["createForum"]["forum"]
    assert [m["name"] for m in forum["members"]] == ["SSP", "Football club"]
    met = await graphql.settled(
        RECORD_MEETING,
        coordinator,
        input={
            "forumId": forum["id"],
            "heldOn": "2026-10-05",
            "attendees": [ssp, club],
            "agenda": "Night walks",
            "followUps": [{"description": "Fix lights", "actorId": housing, "due": "2026-11-01"}],
        },
    )
    meeting = met["recordMeeting"]["meeting"]
    assert meeting["heldOn"] == "2026-10-05" and meeting["agenda"] == "Night walks"
    assert [a["name"] for a in meeting["attendees"]] == ["SSP", "Football club"]
    [follow_up] = meeting["followUps"]
    assert follow_up["status"] == "OPEN" and follow_up["actor"] == {"name": "Housing association"}
    changed = await graphql.ok(
        CHANGE_FOLLOW_UP,
        coordinator,
        input={"forumId": forum["id"], "followUpId": follow_up["id"], "status": "DONE"},
    )
    assert changed["changeFollowUpStatus"]["forum"]["followUps"] == [
        {"id": follow_up["id"], "status": "DONE"}
    ]

    youth = await create_activity(
        graphql,
        place,
        title="After-school jobs",
        themes=["YOUTH"],
        areas=[tingbjerg],
        targetAgeFrom=13,
        targetAgeTo=17,
    )
    assert youth["owner"] == {"name": "SSP"} and youth["areas"] == [{"name": "Tingbjerg"}]
    assert youth["status"] == "PLANNED" and youth["targetAgeTo"] == 17
    for actor, role in ((housing, "FUNDER"), (club, "PARTNER")):
        joined = await graphql.settled(
            JOIN_ACTIVITY,
            coordinator,
            input={"activityId": youth["id"], "actorId": actor, "role": role},
        )
    assert joined["joinActivity"]["activity"]["version"] == 3
    assert joined["joinActivity"]["position"] == f"activities/{youth['id']}/3"
    await create_activity(graphql, place, title="Night walks", themes=["NIGHTLIFE"], areas=[husum])
    await create_activity(graphql, place, title="Parents' network", areas=[tingbjerg])

    one = await graphql.ok(
        "query($id: ID!) { activity(id: $id) { title partners { role actor { name } } } }",
        coordinator,
        id=youth["id"],
    )
    assert sorted((p["role"], p["actor"]["name"]) for p in one["activity"]["partners"]) == [
        ("FUNDER", "Housing association"),
        ("PARTNER", "Football club"),
    ]
    in_tingbjerg = await graphql.ok(ACTIVITIES, coordinator, area=tingbjerg)
    assert [e["node"]["title"] for e in in_tingbjerg["activities"]["edges"]] == [
        "After-school jobs",
        "Parents' network",
    ]
    for_youth = await graphql.ok(ACTIVITIES, coordinator, theme="YOUTH")
    assert [e["node"]["title"] for e in for_youth["activities"]["edges"]] == ["After-school jobs"]
    assert (await graphql.ok(ACTIVITIES, coordinator, status="ACTIVE"))["activities"][
        "totalCount"
    ] == 0
    first = (await graphql.ok(ACTIVITIES, coordinator, first=2))["activities"]
    assert first["totalCount"] == 3 and first["pageInfo"]["hasNextPage"]
    rest = (
        await graphql.ok(ACTIVITIES, coordinator, first=2, after=first["pageInfo"]["endCursor"])
    )["activities"]
    assert [e["node"]["title"] for e in rest["edges"]] == ["Parents' network"]
    assert not rest["pageInfo"]["hasNextPage"]

    lists = await graphql.ok(
        """query($area: ID) {
          partnerships(areaId: $area) { totalCount edges { node { name members { role } } } }
          fora { totalCount edges { node { name partnership { id } meetings { id } } } }
        }""",
        coordinator,
        area=tingbjerg,
    )
    assert lists["partnerships"]["totalCount"] == 1
    assert lists["partnerships"]["edges"][0]["node"]["members"] == [{"role": "PARTNER"}]
    [forum_edge] = lists["fora"]["edges"]
    assert forum_edge["node"]["partnership"] == {"id": partnership["id"]}
    assert forum_edge["node"]["meetings"] == [{"id": meeting["id"]}]
    none_in_husum = await graphql.ok(
        "query($area: ID) { partnerships(areaId: $area) { totalCount } }", coordinator, area=husum
    )
    assert none_in_husum["partnerships"]["totalCount"] == 0


async def test_a_safety_walk_its_finding_and_action_and_the_safety_index_are_read_back(
    graphql: GraphQL, tenant: str
) -> None:
    place = await town(graphql, tenant)
    ssp, housing, _ = place.actors
    tingbjerg, husum = place.areas
    coordinator = place.coordinator
    walk = (
        await graphql.settled(
            RECORD_WALK,
            coordinator,
            input={
                "walkedOn": "2026-10-01",
                "areaId": tingbjerg,
                "participants": [ssp, housing],
                "residents": 12,
                "route": "Ruten to the station",
            },
        )
    )["recordSafetyWalk"]["safetyWalk"]
    assert walk["area"] == {"name": "Tingbjerg"} and walk["residents"] == 12
    found = await graphql.ok(
        RECORD_FINDING,
        coordinator,
        input={
            "walkId": walk["id"],
            "kind": "LIGHTING",
            "place": "The tunnel",
            "description": "Two lamps out",
            "coordinates": {"lat": 55.71, "lon": 12.45},
        },
    )
    finding = found["recordFinding"]["finding"]
    assert finding["kind"] == "LIGHTING" and found["recordFinding"]["safetyWalk"]["version"] == 2
    action = (
        await graphql.settled(
            ASSIGN_ACTION,
            coordinator,
            input={
                "walkId": walk["id"],
                "findingId": finding["id"],
                "ownerActorId": housing,
                "deadline": "2026-11-01",
            },
        )
    )["assignFindingAction"]["action"]
    assert action["status"] == "OPEN" and action["owner"] == {"name": "Housing association"}
    rejected = await graphql(
        UPDATE_ACTION,
        coordinator,
        input={"walkId": walk["id"], "actionId": action["id"], "status": "REJECTED"},
    )
    assert codes(rejected) == ["BAD_USER_INPUT"]
    assert rejected["errors"][0]["extensions"]["field"] == "reason"
    updated = await graphql.ok(
        UPDATE_ACTION,
        coordinator,
        input={
            "walkId": walk["id"],
            "actionId": action["id"],
            "status": "IN_PROGRESS",
            "expectedVersion": 3,
        },
    )
    assert updated["updateFindingAction"]["action"] == {"status": "IN_PROGRESS", "reason": None}
    stale = await graphql(
        UPDATE_ACTION,
        coordinator,
        input={
            "walkId": walk["id"],
            "actionId": action["id"],
            "status": "DONE",
            "expectedVersion": 3,
        },
    )
    assert codes(stale) == ["CONFLICT"]

    walks = await graphql.ok(
        """query($area: ID) { safetyWalks(areaId: $area) { totalCount edges { node {
             id participants { name } findings { id kind actions { id status owner { name } } }
        } } } }""",
        coordinator,
        area=tingbjerg,
    )
    [edge] = walks["safetyWalks"]["edges"]
    assert [p["name"] for p in edge["node"]["participants"]] == ["SSP", "Housing association"]
    assert edge["node"]["findings"] == [
        {
            "id": finding["id"],
            "kind": "LIGHTING",
            "actions": [
                {
                    "id": action["id"],
                    "status": "IN_PROGRESS",
                    "owner": {"name": "Housing association"},
                }
            ],
        }
    ]
    elsewhere = await graphql.ok(
        "query($area: ID) { safetyWalks(areaId: $area) { totalCount } }", coordinator, area=husum
    )
    assert elsewhere["safetyWalks"]["totalCount"] == 0

    assert (await graphql.ok("{ strategy { title } }", coordinator))["strategy"] is None
    adopted = await graphql.ok(ADOPT, coordinator, input={"title": "Safe in Copenhagen"})
    assert adopted["adoptStrategy"]["strategy"] == {"title": "Safe in Copenhagen"}
    result = {
        "period": "2026",
        "feelingSafe": 89,
        "feelingUnsafe": 5,
        "respondents": 400,
        "invited": 1000,
    }
    recorded = await graphql.settled(
        RECORD_RESULTS,
        coordinator,
        input={
            "results": [
                {**result, "areaId": tingbjerg},
                {**result, "areaId": husum, "feelingSafe": 72.5},
            ]
        },
    )
    assert (
        recorded["recordSafetyIndexResults"]["position"] == "activities/strategy/3"
    )  # one event per result
    read = await graphql.ok(
        """query($area: ID) { strategy {
             all: safetyIndexResults { area { name } period feelingSafe respondents invited }
             one: safetyIndexResults(areaId: $area) { feelingSafe }
        } }""",
        coordinator,
        area=husum,
    )
    assert read["strategy"]["all"] == [
        {
            "area": {"name": "Tingbjerg"},
            "period": "2026",
            "feelingSafe": 89.0,
            "respondents": 400,
            "invited": 1000,
        },
        {
            "area": {"name": "Husum"},
            "period": "2026",
            "feelingSafe": 72.5,
            "respondents": 400,
            "invited": 1000,
        },
    ]
    assert read["strategy"]["one"] == [{"feelingSafe": 72.5}]


async def test_the_strategy_has_focus_areas_indicators_and_measurements(
    graphql: GraphQL, tenant: str
) -> None:
    coordinator = token(tenant, "coordinator")
    await graphql.ok(ADOPT, coordinator, input={"title": "Safe"})
    focus = await graphql.ok(
        "mutation($input: AddFocusAreaInput!) { addFocusArea(input: $input) "
        "{ focusArea { id title } strategy { focusAreas { title } } } }",
        coordinator,
        input={"title": "Youth"},
    )
    focus_area = focus["addFocusArea"]["focusArea"]
    assert focus["addFocusArea"]["strategy"]["focusAreas"] == [{"title": "Youth"}]
    indicator = (
        await graphql.ok(
            "mutation($input: AddIndicatorInput!) { addIndicator(input: $input) "
            "{ indicator { id name unit direction target } } }",
            coordinator,
            input={
                "focusAreaId": focus_area["id"],
                "name": "Young people feeling safe",
                "unit": "%",
                "direction": "INCREASE",
                "target": 90,
            },
        )
    )["addIndicator"]["indicator"]
    assert indicator["direction"] == "INCREASE" and indicator["target"] == 90.0
    too_much = await graphql(
        "mutation($input: RecordMeasurementInput!) { recordMeasurement(input: $input) "
        "{ position } }",
        coordinator,
        input={"indicatorId": indicator["id"], "value": 120, "period": "2026", "source": "Survey"},
    )
    assert codes(too_much) == ["BAD_USER_INPUT"]
    assert too_much["errors"][0]["extensions"]["field"] == "value"
    await graphql.ok(
        "mutation($input: RecordMeasurementInput!) { recordMeasurement(input: $input) "
        "{ position } }",
        coordinator,
        input={"indicatorId": indicator["id"], "value": 81, "period": "2026", "source": "Survey"},
    )
    read = await graphql.ok(
        "{ strategy { focusAreas { title indicators { name } } measurements { value period } } }",
        coordinator,
    )
    assert read["strategy"] == {
        "focusAreas": [{"title": "Youth", "indicators": [{"name": "Young people feeling safe"}]}],
        "measurements": [{"value": 81.0, "period": "2026"}],
    }


async def test_bad_input_names_the_field_and_writes_nothing(graphql: GraphQL, tenant: str) -> None:
    place = await town(graphql, tenant, actors=1)
    [ssp] = place.actors
    coordinator = place.coordinator
    given = {"title": "Jobs", "level": "FRONTLINE", "ownerActorId": ssp, "areas": place.areas}
    deadline = time.monotonic() + 30
    while True:  # until the activities service knows the actor and the areas
        body = await graphql(
            CREATE_ACTIVITY, coordinator, input={**given, "targetAgeFrom": 17, "targetAgeTo": 13}
        )
        field = body["errors"][0]["extensions"].get("field")
        if field not in ("ownerActorId", "areas") or time.monotonic() > deadline:
            break
        await asyncio.sleep(0.2)
    assert codes(body) == ["BAD_USER_INPUT"] and field == "targetAgeTo"
    assert body["data"] is None
    unknown = await graphql(
        CREATE_ACTIVITY, coordinator, input={**given, "ownerActorId": "actor-nobody"}
    )
    assert codes(unknown) == ["BAD_USER_INPUT"]
    assert unknown["errors"][0]["extensions"]["field"] == "ownerActorId"
    await graphql.ok(ADOPT, coordinator, input={"title": "Safe"})
    results = [
        {
            "areaId": place.areas[0],
            "period": "2026",
            "feelingSafe": 60,
            "feelingUnsafe": 10,
            "respondents": 10,
            "invited": 20,
        },
        {
            "areaId": place.areas[1],
            "period": "2026",
            "feelingSafe": 70,
            "feelingUnsafe": 40,
            "respondents": 10,
            "invited": 20,
        },
    ]
    refused = await graphql(RECORD_RESULTS, coordinator, input={"results": results})
    assert codes(refused) == ["BAD_USER_INPUT"]
    assert refused["errors"][0]["extensions"]["field"] == "results.1.feelingUnsafe"
    page = await graphql.ok(ACTIVITIES, coordinator, first=10)
    assert page["activities"]["totalCount"] == 0
    read = await graphql.ok("{ strategy { version safetyIndexResults { period } } }", coordinator)
    assert read["strategy"] == {"version": 1, "safetyIndexResults": []}


async def test_another_municipalitys_activity_is_not_found(graphql: GraphQL, tenant: str) -> None:
    place = await town(graphql, tenant, actors=2)
    activity = await create_activity(graphql, place)
    other = f"t{uuid.uuid4().hex[:10]}"
    elsewhere = await town(graphql, other, actors=1)
    read = await graphql(
        "query($id: ID!) { activity(id: $id) { title } }", elsewhere.coordinator, id=activity["id"]
    )
    assert codes(read) == ["NOT_FOUND"]
    joined = await graphql(
        JOIN_ACTIVITY,
        elsewhere.coordinator,
        input={"activityId": activity["id"], "actorId": elsewhere.actors[0], "role": "PARTNER"},
    )
    assert codes(joined) == ["NOT_FOUND"]
    unchanged = await graphql.ok(
        "query($id: ID!) { activity(id: $id) { version partners { role } } }",
        place.coordinator,
        id=activity["id"],
    )
    assert unchanged["activity"] == {"version": 1, "partners": []}
    missing = await graphql(
        "query($id: ID!) { activity(id: $id) { title } }", place.coordinator, id="activity-nope"
    )
    assert codes(missing) == ["NOT_FOUND"]


async def test_a_page_of_activities_with_partners_and_areas_costs_a_bounded_number_of_calls(
    graphql: GraphQL, platform: Platform, tenant: str
) -> None:
    place = await town(graphql, tenant, actors=8)
    for n in range(30):
        activity = await create_activity(
            graphql,
            place,
            title=f"Activity {n:02}",
            areas=[place.areas[n % 2]],
            ownerActorId=place.actors[n % 8],
        )
        for actor in (place.actors[(n + 1) % 8], place.actors[(n + 2) % 8]):
            await graphql.settled(
                JOIN_ACTIVITY,
                place.coordinator,
                input={"activityId": activity["id"], "actorId": actor, "role": "PARTNER"},
            )
    calls = platform.app.state.services.calls
    before = calls.copy()
    page = await graphql.ok(
        """query { activities(first: 25) { edges { node {
             title owner { name } partners { actor { name areas { id } } } areas { name }
        } } } }""",
        place.coordinator,
    )
    made = calls - before
    edges = page["activities"]["edges"]
    assert len(edges) == 25
    assert all(len(e["node"]["partners"]) == 2 for e in edges)
    assert all(p["actor"]["name"] for e in edges for p in e["node"]["partners"])
    assert all(len(e["node"]["areas"]) == 1 for e in edges)
    # the page; one batch of actors and one of areas: never one call per activity
    assert made["activities"] == 1, made
    assert made["actors"] <= 2, made


async def test_members_come_and_go_and_an_activity_changes_only_what_is_given(
    graphql: GraphQL, tenant: str
) -> None:
    place = await town(graphql, tenant)
    ssp, housing, club = place.actors
    coordinator = place.coordinator
    partnership = (
        await graphql.settled(
            CREATE_PARTNERSHIP,
            coordinator,
            input={
                "name": "Partnership",
                "mandate": "Prevent",
                "authorisedBy": "Council",
                "authorisedOn": "2025-01-01",
                "coordinatorActorId": ssp,
            },
        )
    )["createPartnership"]["partnership"]
    await graphql.settled(
        JOIN_PARTNERSHIP,
        coordinator,
        input={"partnershipId": partnership["id"], "actorId": club, "role": "VOLUNTEER"},
    )
    left = await graphql.ok(
        "mutation($input: LeavePartnershipInput!) { leavePartnership(input: $input) "
        "{ partnership { version members { role } } } }",
        coordinator,
        input={"partnershipId": partnership["id"], "actorId": club},
    )
    assert left["leavePartnership"]["partnership"] == {"version": 3, "members": []}

    forum = (
        await graphql.settled(
            CREATE_FORUM,
            coordinator,
            input={"name": "Forum", "level": "FRONTLINE", "ownerActorId": ssp, "cadence": "WEEKLY"},
        )
    )["createForum"]["forum"]
    for mutation, kind in (("joinForum", "JoinForumInput"), ("leaveForum", "LeaveForumInput")):
        changed = await graphql.settled(
            f"mutation($input: {kind}!) {{ {mutation}(input: $input) "
            "{ forum { members { id } } } }",
            coordinator,
            input={"forumId": forum["id"], "actorId": housing},
        )
        members = changed[mutation]["forum"]["members"]
        assert members == ([{"id": housing}] if mutation == "joinForum" else [])

    activity = await create_activity(
        graphql, place, description="Jobs after school", targetGroup="13-17", hours=40
    )
    update = (
        "mutation($input: UpdateActivityInput!) { updateActivity(input: $input) "
        "{ activity { title description targetGroup hours version } } }"
    )
    updated = await graphql.ok(
        update,
        coordinator,
        input={"activityId": activity["id"], "title": "Leisure jobs", "description": None},
    )
    assert updated["updateActivity"]["activity"] == {
        "title": "Leisure jobs",
        "description": None,
        "targetGroup": "13-17",
        "hours": 40,
        "version": 2,
    }
    stale = await graphql(
        update, coordinator, input={"activityId": activity["id"], "hours": 1, "expectedVersion": 1}
    )
    assert codes(stale) == ["CONFLICT"]
    status = (
        "mutation($input: ChangeActivityStatusInput!) { changeActivityStatus(input: $input) "
        "{ activity { status } } }"
    )
    active = await graphql.ok(
        status, coordinator, input={"activityId": activity["id"], "status": "ACTIVE"}
    )
    assert active["changeActivityStatus"]["activity"] == {"status": "ACTIVE"}
    await graphql.ok(status, coordinator, input={"activityId": activity["id"], "status": "ENDED"})
    reopened = await graphql(
        status, coordinator, input={"activityId": activity["id"], "status": "ACTIVE"}
    )
    assert codes(reopened) == ["CONFLICT"]
    await graphql.settled(
        JOIN_ACTIVITY,
        coordinator,
        input={"activityId": activity["id"], "actorId": club, "role": "VOLUNTEER"},
    )
    gone = await graphql.ok(
        "mutation($input: LeaveActivityInput!) { leaveActivity(input: $input) "
        "{ activity { partners { role } } } }",
        coordinator,
        input={"activityId": activity["id"], "actorId": club},
    )
    assert gone["leaveActivity"]["activity"]["partners"] == []
    ended = await graphql.ok(
        ACTIVITIES.replace("partners { role actor { id name } }", "partners { role }"),
        coordinator,
        status="ENDED",
    )
    assert [e["node"]["title"] for e in ended["activities"]["edges"]] == ["Leisure jobs"]

    club_staff = token(tenant, "partner", actor=club)
    refused = await graphql(
        update, club_staff, input={"activityId": activity["id"], "title": "Ours now"}
    )
    assert codes(refused) == ["FORBIDDEN"]


async def test_a_survey_wave_takes_answers_until_it_is_closed(
    graphql: GraphQL, tenant: str
) -> None:
    place = await town(graphql, tenant)
    ssp, housing, club = place.actors
    coordinator = place.coordinator
    wave = (
        await graphql.ok(
            "mutation($input: OpenSurveyWaveInput!) { openSurveyWave(input: $input) "
            "{ surveyWave { id title openedOn closed } } }",
            coordinator,
            input={"title": "Autumn 2026", "openedOn": "2026-09-01"},
        )
    )["openSurveyWave"]["surveyWave"]
    assert wave["closed"] is False and wave["openedOn"] == "2026-09-01"
    scores = {
        "trust": {"openness": 4, "reliability": 3, "sharedMission": 4},
        "value": {"powerAndInfluence": 2, "resourceContribution": 3, "levelOfInvolvement": 4},
    }
    answer = (
        "mutation($input: RecordSurveyResponseInput!) { recordSurveyResponse(input: $input) "
        "{ surveyWave { responses { respondent { name } ratings { actor { name } intensity "
        "trust { sharedMission } value { powerAndInfluence } } } } } }"
    )
    answered = await graphql.settled(
        answer,
        coordinator,
        input={
            "waveId": wave["id"],
            "respondentActorId": ssp,
            "ratings": [
                {"actorId": housing, "intensity": "COORDINATION", **scores},
                {"actorId": club, "intensity": "AWARENESS", **scores},
            ],
        },
    )
    [response] = answered["recordSurveyResponse"]["surveyWave"]["responses"]
    assert response["respondent"] == {"name": "SSP"}
    assert response["ratings"][0] == {
        "actor": {"name": "Housing association"},
        "intensity": "COORDINATION",
        "trust": {"sharedMission": 4},
        "value": {"powerAndInfluence": 2},
    }
    out_of_range = await graphql(
        answer,
        coordinator,
        input={
            "waveId": wave["id"],
            "respondentActorId": ssp,
            "ratings": [
                {
                    "actorId": housing,
                    "intensity": "COORDINATION",
                    **scores,
                    "trust": {"openness": 5, "reliability": 3, "sharedMission": 4},
                }
            ],
        },
    )
    assert codes(out_of_range) == ["BAD_USER_INPUT"]
    assert out_of_range["errors"][0]["extensions"]["field"] == "ratings.0.trust.openness"
    closed = await graphql.ok(
        "mutation($input: CloseSurveyWaveInput!) { closeSurveyWave(input: $input) "
        "{ surveyWave { closed } } }",
        coordinator,
        input={"waveId": wave["id"]},
    )
    assert closed["closeSurveyWave"]["surveyWave"] == {"closed": True}
    late = await graphql(
        answer,
        coordinator,
        input={
            "waveId": wave["id"],
            "respondentActorId": club,
            "ratings": [{"actorId": ssp, "intensity": "AWARENESS", **scores}],
        },
    )
    assert codes(late) == ["CONFLICT"]
    waves = await graphql.ok("{ surveyWaves { totalCount edges { node { title } } } }", coordinator)
    assert waves["surveyWaves"]["totalCount"] == 1


async def test_an_id_never_reaches_another_route(graphql: GraphQL, tenant: str) -> None:
    coordinator = token(tenant, "coordinator")
    for sneaky in ("../../fora", "x/partners/y", "a?b=c", "..", "a#b", "a%2Fb", "a\\b"):
        body = await graphql(
            JOIN_ACTIVITY,
            coordinator,
            input={"activityId": sneaky, "actorId": "actor-x", "role": "PARTNER"},
        )
        assert codes(body) == ["BAD_USER_INPUT"], body
        assert body["errors"][0]["extensions"]["field"] == "activityId"


async def test_a_partner_joins_another_actors_activity_as_itself_and_never_as_lead(
    graphql: GraphQL, tenant: str
) -> None:
    place = await town(graphql, tenant)
    owner, housing, club = place.actors
    activity = (await create_activity(graphql, place))["id"]
    club_staff = token(tenant, "partner", actor=club)
    as_lead = await graphql(
        JOIN_ACTIVITY,
        club_staff,
        input={"activityId": activity, "actorId": club, "role": "LEAD"},
    )
    assert codes(as_lead) == ["FORBIDDEN"], as_lead
    assert as_lead["errors"][0]["extensions"]["field"] == "role"
    for_other = await graphql(
        JOIN_ACTIVITY,
        club_staff,
        input={"activityId": activity, "actorId": housing, "role": "PARTNER"},
    )
    assert codes(for_other) == ["FORBIDDEN"], for_other
    joined = await graphql.settled(
        JOIN_ACTIVITY,
        club_staff,
        input={"activityId": activity, "actorId": club, "role": "PARTNER"},
    )
    assert joined["joinActivity"]["activity"]["partners"] == [
        {"role": "PARTNER", "actor": {"id": club}}
    ]
    by_owner = await graphql.ok(
        JOIN_ACTIVITY,
        token(tenant, "partner", actor=owner),
        input={"activityId": activity, "actorId": club, "role": "LEAD"},
    )
    assert by_owner["joinActivity"]["activity"]["partners"] == [
        {"role": "LEAD", "actor": {"id": club}}
    ]


async def test_an_activity_mutation_shows_the_activity_without_reading_it_back(
    graphql: GraphQL, platform: Platform, tenant: str
) -> None:
    """The activities service answers a command with the document as the caller reads it
    (``Prefer: return=representation``): the payload costs no second call."""
    place = await town(graphql, tenant)
    activity = await create_activity(graphql, place)
    calls = platform.app.state.services.calls
    before = calls.copy()
    changed = await graphql.ok(
        "mutation($input: UpdateActivityInput!) { updateActivity(input: $input) "
        "{ activity { title hours version } } }",
        place.coordinator,
        input={"activityId": activity["id"], "title": "Leisure jobs", "hours": 40},
    )
    assert changed["updateActivity"]["activity"] == {
        "title": "Leisure jobs",
        "hours": 40,
        "version": 2,
    }
    assert (calls - before)["activities"] == 1, "the command, answered with the activity"

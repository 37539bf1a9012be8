"""A coordinator's day, end to end over HTTP: register the partners, start an activity,
respond to a shooting, and see each change in the reports at once with ``atLeast``.

Every write goes through the gateway to its service, every service publishes to the
real broker, and reporting answers only once it has applied the write named."""

from __future__ import annotations

from typing import Any

from tests.gateway.conftest import GraphQL, token
from tests.gateway.test_actors import define_area

REGISTER = """
mutation($input: RegisterActorInput!) { registerActor(input: $input) { position actor { id } } }"""
CREATE_ACTIVITY = """
mutation($input: CreateActivityInput!) { createActivity(input: $input) { position activity { id } } }"""
JOIN_ACTIVITY = """
mutation($input: JoinActivityInput!) { joinActivity(input: $input) { position } }"""
CREATE_FORUM = """
mutation($input: CreateForumInput!) { createForum(input: $input) { position forum { id } } }"""
REPORT = """
mutation($input: ReportIncidentInput!) { reportIncident(input: $input) { position incident { id } } }"""
TASK = """
mutation($input: AddIncidentTaskInput!) { addIncidentTask(input: $input) { position task { id } } }"""
NETWORK = """
query($area: ID, $atLeast: [String!]) {
  collaborationNetwork(areaId: $area, atLeast: $atLeast) {
    density components crossSectorShare
    nodes { actor { id name sector } degree isIsolate isBroker }
    edges { source target weight }
  }
}"""
RESPONSE = """
query($area: ID, $atLeast: [String!]) {
  incidentResponse(areaId: $area, atLeast: $atLeast) {
    incidents { incidentId tasksOpen engaged { id } minutesToFirstJointAction }
  }
}"""
DIRECTORY = """
query($area: ID, $atLeast: [String!]) {
  directory(areaId: $area, atLeast: $atLeast) { count actors { name } }
}"""


def tie(network: dict[str, Any], one: str, other: str) -> int | None:
    for edge in network["edges"]:
        if {edge["source"], edge["target"]} == {one, other}:
            return int(edge["weight"])
    return None


async def test_a_coordinators_day(graphql: GraphQL, tenant: str) -> None:
    coordinator = token(tenant, "coordinator")
    area = await define_area(graphql, coordinator, "Tingbjerg-Husum")
    actors, positions = {}, []
    for name, sector in (
        ("SSP København", "SSP"),
        ("B93 football club", "CIVIL_SOCIETY"),
        ("Københavns Politi", "POLICE"),
        ("fsb housing", "HOUSING_ASSOCIATION"),
    ):
        data = await graphql.ok(
            REGISTER, coordinator, input={"name": name, "sector": sector, "areas": [area]}
        )
        actors[name.split()[0]] = data["registerActor"]["actor"]["id"]
        positions.append(data["registerActor"]["position"])
    ssp, club, police, housing = actors["SSP"], actors["B93"], actors["Københavns"], actors["fsb"]
    directory = await graphql.ok(DIRECTORY, coordinator, area=area, atLeast=positions)
    assert directory["directory"]["count"] == 4

    created = await graphql.settled(
        CREATE_ACTIVITY,
        coordinator,
        input={
            "title": "After-school jobs",
            "level": "FRONTLINE",
            "ownerActorId": ssp,
            "areas": [area],
            "themes": ["YOUTH", "EMPLOYMENT"],
            "targetAgeFrom": 13,
            "targetAgeTo": 17,
        },
    )
    activity = created["createActivity"]["activity"]["id"]
    joined = await graphql.settled(
        JOIN_ACTIVITY,
        coordinator,
        input={"activityId": activity, "actorId": club, "role": "PARTNER"},
    )
    seen = await graphql.ok(
        NETWORK, coordinator, area=area, atLeast=[joined["joinActivity"]["position"]]
    )
    network = seen["collaborationNetwork"]
    assert tie(network, ssp, club) == 1
    isolates = {n["actor"]["id"] for n in network["nodes"] if n["isIsolate"]}
    assert isolates == {police, housing}

    police_officer = token(tenant, "police", actor=police)
    reported = await graphql.settled(
        REPORT,
        police_officer,
        input={
            "kind": "SHOOTING",
            "severity": 4,
            "areaId": area,
            "place": "Ruten",
            "occurredAt": "2026-11-21T21:40:00+01:00",
            "reportedAt": "2026-11-21T22:05:00+01:00",
            "reportingActorId": police,
            "summary": "Shots fired at a car; no one hurt",
        },
    )
    incident = reported["reportIncident"]["incident"]["id"]
    task = await graphql.settled(
        TASK,
        coordinator,
        input={
            "incidentId": incident,
            "title": "Talk to the young people at the club",
            "assigneeActorId": club,
            "due": "2026-11-30",
        },
    )
    response = await graphql.ok(
        RESPONSE, coordinator, area=area, atLeast=[task["addIncidentTask"]["position"]]
    )
    [row] = response["incidentResponse"]["incidents"]
    assert row["incidentId"] == incident and row["tasksOpen"] == 1
    assert {a["id"] for a in row["engaged"]} >= {club}
    assert row["minutesToFirstJointAction"] is not None

    forum = await graphql.settled(
        CREATE_FORUM,
        coordinator,
        input={
            "name": "Safety partnership board",
            "level": "STRATEGIC",
            "ownerActorId": housing,
            "cadence": "MONTHLY",
            "members": [housing, police, ssp],
        },
    )
    after = await graphql.ok(
        NETWORK, coordinator, area=area, atLeast=[forum["createForum"]["position"]]
    )
    network = after["collaborationNetwork"]
    assert tie(network, police, housing) == 1 and tie(network, ssp, club) == 1
    assert not any(n["isIsolate"] for n in network["nodes"])
    assert network["components"] == 1
    brokers = {n["actor"]["id"] for n in network["nodes"] if n["isBroker"]}
    assert brokers == {ssp}, "SSP joins the club to the board"

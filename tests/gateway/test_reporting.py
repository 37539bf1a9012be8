"""The reports through the gateway, end to end: writes go through the gateway's
mutations, the services publish to the real broker, reporting consumes, and a query
with ``atLeast`` (a mutation's ``position``) shows the write at once."""

from __future__ import annotations

import json
import uuid
from typing import Any

from tests.gateway.conftest import GraphQL, Platform, codes, token
from tests.gateway.test_actors import define_area

REGISTER = """
mutation($input: RegisterActorInput!) { registerActor(input: $input) { position actor { id } } }"""
NETWORK = """
query($area: ID, $atLeast: [String!]) {
  collaborationNetwork(areaId: $area, atLeast: $atLeast) {
    areaId density components componentSizes crossLevelShare crossSectorShare stale
    nodes { actor { id name sector } degree weightedDegree betweenness closeness
            isBroker isIsolate isArticulationPoint }
    edges { source target weight groups }
    survey { ties { source target } }
  }
}"""
NODES = """
query($area: ID, $atLeast: [String!]) {
  collaborationNetwork(areaId: $area, atLeast: $atLeast) { nodes { actor { id name sector } } }
}"""
SURVEY = """
query($area: ID, $atLeast: [String!]) {
  collaborationNetwork(areaId: $area, atLeast: $atLeast) {
    survey { ties { source target trust value ratings } surveyOnly { source target }
             observedOnly { source target } both { source target } }
  }
}"""
DIRECTORY = """
query($area: ID, $atLeast: [String!]) {
  directory(areaId: $area, atLeast: $atLeast) {
    count actors { actorId name contactPersons areas { id } actor { id } } byLevel { level actors }
  }
}"""
GAPS = """
query($area: ID, $atLeast: [String!]) {
  coordinationGaps(areaId: $area, atLeast: $atLeast) {
    areaId themes ages { from to } reason activities { id title actors { id name } }
  }
}"""
INCIDENT_RESPONSE = """
query($area: ID, $from: String, $to: String, $asOf: Date, $atLeast: [String!]) {
  incidentResponse(areaId: $area, from: $from, to: $to, asOf: $asOf, atLeast: $atLeast) {
    incidents { incidentId kind severity alerted { id } engaged { id } tasksOpen tasksOverdue }
    byAreaAndMonth { month incidents }
  }
}"""
NATIONAL_NAMES = """
query { nationalOverview { tables { name rows { municipality code name country } } } }"""
NATIONAL = """
query($from: String, $to: String) {
  nationalOverview(from: $from, to: $to) {
    period from to
    tables { name period columns rows { municipality cells { column figure { value suppressed } }
             total { value suppressed } } grandTotal { value suppressed } }
  }
}"""


async def register(
    graphql: GraphQL, coordinator: str, name: str, sector: str, areas: list[str]
) -> tuple[str, str]:
    """An actor registered through the gateway: its id and the write's position."""
    data = await graphql.ok(
        REGISTER,
        coordinator,
        input={"name": name, "sector": sector, "levels": ["FRONTLINE"], "areas": areas},
    )
    return data["registerActor"]["actor"]["id"], data["registerActor"]["position"]


async def mutate(
    graphql: GraphQL, caller: str, name: str, input: dict[str, Any], pick: str = ""
) -> dict[str, Any]:
    """A mutation through the gateway (retried while the owning service has not yet
    learned of the actors and areas just registered)."""
    kind = name[0].upper() + name[1:]
    query = f"mutation($input: {kind}Input!) {{ {name}(input: $input) {{ position {pick} }} }}"
    answer: dict[str, Any] = (await graphql.settled(query, caller, input=input))[name]
    return answer


async def activity(
    graphql: GraphQL, caller: str, owner: str, area: str, **more: Any
) -> tuple[str, str]:
    """An activity created through the gateway: its id and the write's position."""
    body = {"title": "After-school jobs", "level": "FRONTLINE", "ownerActorId": owner}
    made = await mutate(
        graphql, caller, "createActivity", {**body, "areas": [area], **more}, "activity { id }"
    )
    return made["activity"]["id"], made["position"]


async def rated(graphql: GraphQL, coordinator: str, respondent: str, actor: str) -> str:
    """A survey wave opened in which ``respondent`` rates ``actor`` (trust 3, value 2):
    the write's position."""
    opened = await mutate(
        graphql,
        coordinator,
        "openSurveyWave",
        {"title": "2026", "openedOn": "2026-03-01"},
        "surveyWave { id }",
    )
    scores = {"openness": 4, "reliability": 3, "sharedMission": 2}
    worth = {"powerAndInfluence": 2, "resourceContribution": 2, "levelOfInvolvement": 2}
    rating = {"actorId": actor, "intensity": "COOPERATION", "trust": scores, "value": worth}
    response = {"waveId": opened["surveyWave"]["id"], "respondentActorId": respondent}
    answered = await mutate(
        graphql, coordinator, "recordSurveyResponse", {**response, "ratings": [rating]}
    )
    return str(answered["position"])


async def test_a_shared_activity_is_an_edge_of_weight_one_at_once_and_the_other_is_an_isolate(
    graphql: GraphQL, tenant: str
) -> None:
    coordinator = token(tenant, "coordinator")
    area = await define_area(graphql, coordinator, "Tingbjerg")
    housing, _ = await register(
        graphql, coordinator, "fsb Tingbjerg", "HOUSING_ASSOCIATION", [area]
    )
    club, _ = await register(graphql, coordinator, "Tingbjerg Klubben", "CIVIL_SOCIETY", [area])
    school, _ = await register(graphql, coordinator, "Tingbjerg Skole", "SCHOOL", [area])
    jobs, _ = await activity(graphql, coordinator, housing, area)
    joining = {"activityId": jobs, "actorId": club, "role": "PARTNER"}
    joined = (await mutate(graphql, coordinator, "joinActivity", joining))["position"]

    network = (await graphql.ok(NETWORK, coordinator, area=area, atLeast=[joined]))[
        "collaborationNetwork"
    ]

    assert network["edges"] == [
        {"source": min(housing, club), "target": max(housing, club), "weight": 1, "groups": [jobs]}
    ]
    nodes = {node["actor"]["id"]: node for node in network["nodes"]}
    assert set(nodes) == {housing, club, school}
    assert nodes[school]["isIsolate"] and nodes[school]["degree"] == 0
    assert nodes[housing]["degree"] == 1 and not nodes[housing]["isIsolate"]
    assert nodes[club]["actor"] == {
        "id": club,
        "name": "Tingbjerg Klubben",
        "sector": "CIVIL_SOCIETY",
    }
    assert network["density"] == 0.3333 and network["components"] == 2
    assert network["componentSizes"] == [2, 1] and network["crossSectorShare"] == 1.0
    assert network["crossLevelShare"] == 0.0 and network["survey"] is None
    assert network["areaId"] == area and network["stale"] is False

    answered = await rated(graphql, coordinator, school, club)
    surveyed = (await graphql.ok(SURVEY, coordinator, area=area, atLeast=[answered]))[
        "collaborationNetwork"
    ]["survey"]
    school_club = {"source": min(school, club), "target": max(school, club)}
    assert surveyed["ties"] == [{**school_club, "trust": 3.0, "value": 2.0, "ratings": 1}]
    assert surveyed["surveyOnly"] == [school_club] and surveyed["both"] == []
    assert surveyed["observedOnly"] == [
        {"source": min(housing, club), "target": max(housing, club)}
    ]


async def test_a_registered_actor_is_in_the_directory_at_its_position(
    graphql: GraphQL, tenant: str
) -> None:
    coordinator = token(tenant, "coordinator")
    area = await define_area(graphql, coordinator, "Husum")
    ssp, position = await register(graphql, coordinator, "SSP Brønshøj", "SSP", [area])

    directory = (await graphql.ok(DIRECTORY, coordinator, area=area, atLeast=[position]))[
        "directory"
    ]

    assert directory["count"] == 1
    [entry] = directory["actors"]
    assert entry["actorId"] == ssp and entry["name"] == "SSP Brønshøj"
    assert entry["areas"] == [{"id": area}] and entry["actor"] == {"id": ssp}
    assert directory["byLevel"] == [{"level": "FRONTLINE", "actors": 1}]


async def test_a_position_not_reached_is_a_timeout_and_a_malformed_one_bad_input(
    graphql: GraphQL, tenant: str
) -> None:
    coordinator = token(tenant, "coordinator")
    ssp, position = await register(graphql, coordinator, "SSP", "SSP", [])
    ahead = position.rsplit("/", 1)[0] + "/7"  # a version the actor has not reached

    late = await graphql(NETWORK, coordinator, atLeast=[ahead])
    assert codes(late) == ["TIMEOUT"] and late["errors"][0]["extensions"]["field"] == "atLeast"
    malformed = await graphql(DIRECTORY, coordinator, atLeast=["yesterday"])
    assert codes(malformed) == ["BAD_USER_INPUT"]
    assert malformed["errors"][0]["extensions"]["field"] == "atLeast"
    assert not [e for e in late["errors"] + malformed["errors"] if "consistentWith" in e["message"]]
    reached = await graphql.ok(DIRECTORY, coordinator, atLeast=[position])
    assert [a["actorId"] for a in reached["directory"]["actors"]] == [ssp]


async def test_activities_reaching_the_same_young_people_apart_are_a_gap_with_its_reason(
    graphql: GraphQL, tenant: str
) -> None:
    coordinator = token(tenant, "coordinator")
    area = await define_area(graphql, coordinator, "Tingbjerg")
    housing, _ = await register(
        graphql, coordinator, "fsb Tingbjerg", "HOUSING_ASSOCIATION", [area]
    )
    club, _ = await register(graphql, coordinator, "Tingbjerg Klubben", "CIVIL_SOCIETY", [area])
    positions = []
    for owner, title, ages in ((housing, "Jobs", (13, 17)), (club, "Job club", (15, 18))):
        made, _ = await activity(
            graphql,
            coordinator,
            owner,
            area,
            title=title,
            themes=["YOUTH"],
            targetAgeFrom=ages[0],
            targetAgeTo=ages[1],
        )
        status = {"activityId": made, "status": "ACTIVE"}
        started = (await mutate(graphql, coordinator, "changeActivityStatus", status))["position"]
        positions.append(started)

    gaps = (await graphql.ok(GAPS, coordinator, area=area, atLeast=positions))["coordinationGaps"]

    [gap] = gaps
    assert gap["areaId"] == area and gap["themes"] == ["YOUTH"]
    assert gap["ages"] == {"from": 15, "to": 17}
    assert {a["title"] for a in gap["activities"]} == {"Jobs", "Job club"}
    assert sorted(actor["name"] for a in gap["activities"] for actor in a["actors"]) == [
        "Tingbjerg Klubben",
        "fsb Tingbjerg",
    ]
    assert "share no activity or forum" in gap["reason"]


async def test_an_incident_is_in_the_response_report_within_its_months(
    graphql: GraphQL, tenant: str
) -> None:
    coordinator = token(tenant, "coordinator")
    area = await define_area(graphql, coordinator, "Tingbjerg")
    police, _ = await register(graphql, coordinator, "Københavns Politi", "POLICE", [area])
    ssp, _ = await register(graphql, coordinator, "SSP", "SSP", [area])
    shooting = {
        "kind": "SHOOTING",
        "severity": 3,
        "areaId": area,
        "place": "Ruten",
        "occurredAt": "2026-03-14T21:00:00+00:00",
        "reportedAt": "2026-03-14T21:05:00+00:00",
        "reportingActorId": police,
        "summary": "Shots fired near the school",
    }
    made = await mutate(graphql, coordinator, "reportIncident", shooting, "incident { id }")
    incident, reported = made["incident"]["id"], made["position"]
    task = {"incidentId": incident, "title": "Walk the streets", "assigneeActorId": ssp}
    tasked = (await mutate(graphql, coordinator, "addIncidentTask", {**task, "due": "2026-03-15"}))[
        "position"
    ]

    march = await graphql.ok(
        INCIDENT_RESPONSE,
        coordinator,
        area=area,
        atLeast=[reported, tasked],
        asOf="2026-03-20",
        **{"from": "2026-03"},
    )
    [row] = march["incidentResponse"]["incidents"]
    assert row["incidentId"] == incident and row["kind"] == "SHOOTING" and row["severity"] == 3
    assert row["engaged"] == [{"id": ssp}] and row["tasksOpen"] == 1 and row["tasksOverdue"] == 1
    assert march["incidentResponse"]["byAreaAndMonth"] == [{"month": "2026-03", "incidents": 1}]
    assert "Shots fired" not in json.dumps(march)
    later = await graphql.ok(INCIDENT_RESPONSE, coordinator, area=area, **{"from": "2026-04"})
    assert later["incidentResponse"]["incidents"] == []
    bad = await graphql(INCIDENT_RESPONSE, coordinator, **{"from": "March"})
    assert codes(bad) == ["BAD_USER_INPUT"] and bad["errors"][0]["extensions"]["field"] == "from"


async def test_the_nodes_of_a_network_cost_a_bounded_number_of_actors_calls(
    graphql: GraphQL, platform: Platform, tenant: str
) -> None:
    coordinator = token(tenant, "coordinator")
    area = await define_area(graphql, coordinator, "Tingbjerg")
    positions = [
        (await register(graphql, coordinator, f"Actor {n:02}", "CIVIL_SOCIETY", [area]))[1]
        for n in range(40)
    ]
    calls = platform.app.state.services.calls
    before = calls.copy()

    data = await graphql.ok(NODES, coordinator, area=area, atLeast=positions[-1:])

    made = calls - before
    nodes = data["collaborationNetwork"]["nodes"]
    assert len(nodes) == 40 and all(node["actor"]["name"] for node in nodes)
    # the area checked once, the 40 actors in one batch: never one call per node
    assert made["actors"] <= 2 and made["reporting"] == 1, made


async def test_national_bodies_read_only_the_suppressed_national_figures(
    graphql: GraphQL, tenant: str
) -> None:
    coordinator = token(tenant, "coordinator")
    national = token("0000", "national")
    area = await define_area(graphql, coordinator, "Tingbjerg")
    _, position = await register(graphql, coordinator, "Secret Street Team", "SSP", [area])
    await graphql.ok(DIRECTORY, coordinator, atLeast=[position])

    refused = await graphql(NATIONAL, coordinator)
    assert codes(refused) == ["FORBIDDEN"] and refused["data"] is None
    for query in (NETWORK, DIRECTORY, GAPS):
        assert codes(await graphql(query, national)) == ["FORBIDDEN"]

    overview = await graphql.ok(NATIONAL, national)
    tables = {table["name"]: table for table in overview["nationalOverview"]["tables"]}
    assert set(tables) >= {"actors-by-sector", "incidents-by-kind"}
    rows = {row["municipality"]: row for row in tables["actors-by-sector"]["rows"]}
    ours = {cell["column"]: cell["figure"] for cell in rows[tenant]["cells"]}
    assert ours["ssp"] == {"value": None, "suppressed": True}
    assert rows[tenant]["total"] == {"value": None, "suppressed": True}
    figures = [
        cell["figure"]
        for table in tables.values()
        for row in table["rows"]
        for cell in row["cells"]
    ]
    assert all(f["suppressed"] == (f["value"] is None) for f in figures)
    assert all(f["value"] is None or f["value"] >= 5 for f in figures)  # no zero either
    text = json.dumps(overview)
    assert "Secret Street Team" not in text and area not in text

    # the latest quarter that is over, the same rows and columns in every quarter
    quarter = overview["nationalOverview"]
    assert quarter["period"] and (quarter["from"], quarter["to"]) != (None, None)
    assert all(table["period"] == quarter["period"] for table in tables.values())
    named = await graphql.ok(NATIONAL_NAMES, national)
    [sectors] = [t for t in named["nationalOverview"]["tables"] if t["name"] == "actors-by-sector"]
    ours_named = next(row for row in sectors["rows"] if row["municipality"] == tenant)
    assert ours_named["code"] == tenant and "country" in ours_named
    old = await graphql.ok(NATIONAL, national, **{"from": "2020-01"})
    [old_sectors] = [
        t for t in old["nationalOverview"]["tables"] if t["name"] == "actors-by-sector"
    ]
    assert old["nationalOverview"]["to"] == "2020-03"
    assert [r["municipality"] for r in old_sectors["rows"]] == list(rows)
    assert old_sectors["columns"] == tables["actors-by-sector"]["columns"]
    for months, field in (
        ({"to": "soon"}, "to"),
        ({"from": "2020-02"}, "from"),
        ({"from": "2020-01", "to": "2020-12"}, "to"),
        ({"from": "2020-04", "to": "2020-03"}, "from"),
        ({"from": "2999-01"}, "from"),
    ):
        bad = await graphql(NATIONAL, national, **months)
        assert codes(bad) == ["BAD_USER_INPUT"], months
        assert bad["errors"][0]["extensions"]["field"] == field, months


async def test_another_municipality_sees_nothing_of_this_one(graphql: GraphQL, tenant: str) -> None:
    coordinator = token(tenant, "coordinator")
    area = await define_area(graphql, coordinator, "Tingbjerg")
    _, position = await register(
        graphql, coordinator, "fsb Tingbjerg", "HOUSING_ASSOCIATION", [area]
    )
    await graphql.ok(DIRECTORY, coordinator, atLeast=[position])
    other = token(f"t{uuid.uuid4().hex[:10]}", "coordinator")

    for query in (NETWORK, DIRECTORY, GAPS):
        body = await graphql(query, other, area=area)
        assert codes(body) == ["NOT_FOUND"] and "fsb Tingbjerg" not in json.dumps(body)
        assert body["errors"][0]["extensions"]["field"] == "areaId"
    theirs = await graphql.ok(NETWORK, other)
    assert theirs["collaborationNetwork"]["nodes"] == []
    directory = await graphql.ok(DIRECTORY, other)
    assert directory["directory"]["count"] == 0


OUTCOMES = """
query($area: ID, $from: String, $to: String, $atLeast: [String!]) {
  outcomes(areaId: $area, from: $from, to: $to, atLeast: $atLeast) {
    strategy
    safetyIndex { areaId period feelingSafe respondents responseRate
                  feelingSafeInterval { low high } }
  }
}"""
WALKS = """
query($area: ID, $atLeast: [String!]) {
  safetyWalkReport(areaId: $area, atLeast: $atLeast) {
    walks residents findingsByKind { kind findings } actions { open done overdue }
  }
}"""


async def test_outcomes_show_the_safety_index_with_its_interval_within_the_months(
    graphql: GraphQL, tenant: str
) -> None:
    coordinator = token(tenant, "coordinator")
    area = await define_area(graphql, coordinator, "Tingbjerg")
    await mutate(graphql, coordinator, "adoptStrategy", {"title": "Tryg i byen"})
    result = {
        "areaId": area,
        "period": "2026",
        "feelingSafe": 80.0,
        "feelingUnsafe": 10.0,
        "respondents": 400,
        "invited": 1000,
    }
    recorded = (
        await mutate(graphql, coordinator, "recordSafetyIndexResults", {"results": [result]})
    )["position"]

    outcomes = (await graphql.ok(OUTCOMES, coordinator, area=area, atLeast=[recorded]))["outcomes"]

    assert outcomes["strategy"] == "Tryg i byen"
    assert outcomes["safetyIndex"] == [
        {
            "areaId": area,
            "period": "2026",
            "feelingSafe": 80.0,
            "respondents": 400,
            "responseRate": 40.0,
            "feelingSafeInterval": {"low": 75.8, "high": 83.6},
        }
    ]
    later = await graphql.ok(OUTCOMES, coordinator, area=area, **{"from": "2027-01"})
    assert later["outcomes"]["safetyIndex"] == []
    bad = await graphql(OUTCOMES, coordinator, to="next year")
    assert codes(bad) == ["BAD_USER_INPUT"] and bad["errors"][0]["extensions"]["field"] == "to"


async def test_a_safety_walk_and_its_finding_are_in_the_walk_report(
    graphql: GraphQL, tenant: str
) -> None:
    coordinator = token(tenant, "coordinator")
    area = await define_area(graphql, coordinator, "Tingbjerg")
    police, _ = await register(graphql, coordinator, "Københavns Politi", "POLICE", [area])
    walked = {"walkedOn": "2026-03-01", "areaId": area, "participants": [police], "residents": 12}
    walk = await mutate(graphql, coordinator, "recordSafetyWalk", walked, "safetyWalk { id }")
    finding = {"kind": "LIGHTING", "place": "The path", "description": "Dark at night"}
    found = await mutate(
        graphql, coordinator, "recordFinding", {**finding, "walkId": walk["safetyWalk"]["id"]}
    )

    report = (await graphql.ok(WALKS, coordinator, area=area, atLeast=[found["position"]]))[
        "safetyWalkReport"
    ]

    assert report["walks"] == 1 and report["residents"] == 12
    assert report["findingsByKind"] == [{"kind": "LIGHTING", "findings": 1}]
    assert report["actions"] == {"open": 0, "done": 0, "overdue": 0}


async def test_a_report_asked_for_an_area_that_is_no_area_is_a_coded_refusal(
    graphql: GraphQL, tenant: str
) -> None:
    """The reporting service itself refuses the area (the gateway asks nobody first):
    never a 5xx, for an id of no area, a huge one, or one with a NUL."""
    coordinator = token(tenant, "coordinator")
    for query in (NETWORK, DIRECTORY, GAPS):
        for area in ("area-that-never-was", "a" * 5_000, "area-\x00-nul", "   "):
            body = await graphql(query, coordinator, area=area)
            assert codes(body) in (["NOT_FOUND"], ["BAD_USER_INPUT"]), (area[:20], body)
            assert body["errors"][0]["extensions"]["field"] == "areaId", body
            assert body.get("data") is None or not any((body["data"] or {}).values())

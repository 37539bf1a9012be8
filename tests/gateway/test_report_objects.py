"""The reports (and the entities) hand out objects beside their ids, and sentences with
names, over GraphQL on the wire: an integrator learns what ``area-4612ba78…`` is without a
second query,
every object is read through the request's loaders (one call per service, never one
per row), and a restricted incident stays redacted for a reader who may not read it.
"""

from __future__ import annotations

import json

from tests.gateway.conftest import GraphQL, Platform, token
from tests.gateway.test_actors import define_area
from tests.gateway.test_incidents import (
    ENTRY,
    REPORT,
    SECRETS,
    report,
    restricted_incident,
    town,
)
from tests.gateway.test_reporting import activity, mutate, rated, register

NETWORK = """
query($area: ID, $atLeast: [String!]) {
  collaborationNetwork(areaId: $area, atLeast: $atLeast) {
    areaId area { id name }
    edges { source target sourceActor { id name } targetActor { id name }
            groups activities { id title } fora { id name } }
    survey { ties { sourceActor { name } targetActor { name } }
             surveyOnly { source sourceActor { id name } targetActor { id name } } }
  }
}"""
DIRECTORY = """
query($area: ID, $atLeast: [String!]) {
  directory(areaId: $area, atLeast: $atLeast) {
    area { name }
    actors { name workingOn { id kind title activity { id title } forum { id name } } }
  }
}"""
GAPS = """
query($area: ID, $atLeast: [String!]) {
  coordinationGaps(areaId: $area, atLeast: $atLeast) {
    areaId reason activities { id activity { id title status owner { name } } }
  }
}"""
RESPONSE = """
query($atLeast: [String!]) {
  incidentResponse(atLeast: $atLeast) {
    incidents { incidentId areaId area { name } redacted followUpActivities
                followUps { id title } incident { id redacted summary restrictedDetails } }
    byAreaAndMonth { areaId area { name } }
  }
}"""
INCIDENT = """
query($id: ID!) {
  incident(id: $id) {
    followUpActivities { activityId activity { title } }
    links { incidentId incident { id severity } }
  }
}"""
STRATEGY = """
query {
  strategy {
    focusAreas { indicators { focusAreaId focusArea { title } } }
    measurements { indicatorId indicator { name } }
  }
}"""
ACTOR = """
query($id: ID!) {
  actor(id: $id) {
    status mergedInto mergedIntoActor { id name }
    contacts { actorId actor { id name } }
  }
}"""
OUTCOMES = """
query($area: ID, $atLeast: [String!]) {
  outcomes(areaId: $area, atLeast: $atLeast) {
    area { name }
    safetyIndex { areaId area { name } }
    activitiesPerFocusArea { focusAreaId focusArea { id title } }
    indicators { focusAreaId focusArea { title } measurements { areaId area { name } } }
  }
  safetyWalkReport(areaId: $area) { area { name } }
}"""


async def test_the_network_directory_and_gaps_give_areas_actors_activities_and_fora(
    graphql: GraphQL, platform: Platform, tenant: str
) -> None:
    coordinator = token(tenant, "coordinator")
    area = await define_area(graphql, coordinator, "Tingbjerg")
    housing, _ = await register(
        graphql, coordinator, "fsb Tingbjerg", "HOUSING_ASSOCIATION", [area]
    )
    club, _ = await register(graphql, coordinator, "Tingbjerg Klubben", "CIVIL_SOCIETY", [area])
    school, _ = await register(graphql, coordinator, "Tingbjerg Skole", "SCHOOL", [area])
    ssp, _ = await register(graphql, coordinator, "SSP Brønshøj", "SSP", [area])
    jobs, _ = await activity(
        graphql, coordinator, housing, area, title="Jobs", themes=["YOUTH"], targetAgeFrom=13
    )
    joining = {"activityId": jobs, "actorId": club, "role": "PARTNER"}
    await mutate(graphql, coordinator, "joinActivity", joining)
    made = await mutate(
        graphql,
        coordinator,
        "createForum",
        {
            "name": "Safe schools",
            "level": "FRONTLINE",
            "ownerActorId": school,
            "cadence": "MONTHLY",
            "members": [ssp, school],
        },
        "forum { id }",
    )
    forum = made["forum"]["id"]
    # a gap: the school's own youth activity, whose actors share nothing with the club
    sport, _ = await activity(
        graphql, coordinator, school, area, title="Sport", themes=["YOUTH"], targetAgeTo=16
    )
    started = []
    for each in (jobs, sport):
        status = {"activityId": each, "status": "ACTIVE"}
        started.append(
            (await mutate(graphql, coordinator, "changeActivityStatus", status))["position"]
        )
    written = [*started, await rated(graphql, coordinator, school, club)]
    names = {
        housing: "fsb Tingbjerg",
        club: "Tingbjerg Klubben",
        school: "Tingbjerg Skole",
        ssp: "SSP Brønshøj",
    }
    calls = platform.app.state.services.calls
    before = calls.copy()

    network = (await graphql.ok(NETWORK, coordinator, area=area, atLeast=written))[
        "collaborationNetwork"
    ]

    assert network["area"] == {"id": area, "name": "Tingbjerg"}
    edges = {(e["source"], e["target"]): e for e in network["edges"]}
    assert len(edges) == 2
    for (source, target), edge in edges.items():
        assert edge["sourceActor"] == {"id": source, "name": names[source]}
        assert edge["targetActor"] == {"id": target, "name": names[target]}
        groups = {g["id"] for g in edge["activities"]} | {f["id"] for f in edge["fora"]}
        assert groups == set(edge["groups"])
    assert edges[tuple(sorted((housing, club)))]["activities"] == [{"id": jobs, "title": "Jobs"}]
    assert edges[tuple(sorted((housing, club)))]["fora"] == []
    assert edges[tuple(sorted((ssp, school)))]["fora"] == [{"id": forum, "name": "Safe schools"}]
    assert edges[tuple(sorted((ssp, school)))]["activities"] == []
    survey = network["survey"]
    assert [
        sorted((t["sourceActor"]["name"], t["targetActor"]["name"])) for t in survey["ties"]
    ] == [["Tingbjerg Klubben", "Tingbjerg Skole"]]
    [only] = survey["surveyOnly"]
    assert only["sourceActor"]["id"] == only["source"]
    assert {only["sourceActor"]["name"], only["targetActor"]["name"]} == {
        "Tingbjerg Klubben",
        "Tingbjerg Skole",
    }
    # the area, the actors, the activities and the fora each asked for in one call
    made_calls = calls - before
    assert made_calls["actors"] <= 2 and made_calls["activities"] <= 2, made_calls

    directory = (await graphql.ok(DIRECTORY, coordinator, area=area, atLeast=written))["directory"]
    assert directory["area"] == {"name": "Tingbjerg"}
    entries = {entry["name"]: entry["workingOn"] for entry in directory["actors"]}
    school_work = {w["id"]: w for w in entries["Tingbjerg Skole"]}
    assert school_work[forum]["forum"] == {"id": forum, "name": "Safe schools"}
    assert school_work[forum]["activity"] is None
    assert school_work[sport]["activity"] == {"id": sport, "title": "Sport"}
    assert school_work[sport]["forum"] is None

    [gap] = (await graphql.ok(GAPS, coordinator, area=area, atLeast=written))["coordinationGaps"]
    # the sentence says where in the area's name, never its id; the id stays a field
    assert "both work in Tingbjerg on youth" in gap["reason"], gap["reason"]
    assert area not in gap["reason"] and gap["areaId"] == area
    assert {a["activity"]["title"]: a["activity"]["owner"]["name"] for a in gap["activities"]} == {
        "Jobs": "fsb Tingbjerg",
        "Sport": "Tingbjerg Skole",
    }
    assert all(a["activity"]["id"] == a["id"] for a in gap["activities"])
    assert {a["activity"]["status"] for a in gap["activities"]} == {"ACTIVE"}


async def test_an_incident_response_row_gives_its_area_incident_and_follow_ups_redacted_alike(
    graphql: GraphQL, tenant: str
) -> None:
    t = await town(graphql, tenant)
    police = token(tenant, "police", actor=t.police)
    incident, _ = await restricted_incident(graphql, t)
    decided = await graphql.ok(
        ENTRY,
        t.coordinator,
        input={
            "incidentId": incident,
            "kind": "DECISION",
            "text": "Walk the streets with coffee tomorrow",
            "authorActorId": t.ssp,
        },
    )
    coffee, _ = await activity(graphql, t.coordinator, t.ssp, t.area, title="Coffee walks")
    follow_up = {
        "incidentId": incident,
        "activityId": coffee,
        "decisionEntryId": decided["addTimelineEntry"]["entry"]["id"],
    }
    written = (await mutate(graphql, t.coordinator, "recordFollowUpActivity", follow_up))[
        "position"
    ]

    earlier = await graphql.settled(REPORT, police, input=report(t, severity=2))
    link = {
        "incidentId": incident,
        "linkedIncidentId": earlier["reportIncident"]["incident"]["id"],
        "kind": "SAME_SERIES",
    }
    await mutate(graphql, t.coordinator, "linkIncidents", link)
    own = (await graphql.ok(INCIDENT, t.coordinator, id=incident))["incident"]
    assert own["followUpActivities"] == [
        {"activityId": coffee, "activity": {"title": "Coffee walks"}}
    ]
    assert own["links"] == [
        {
            "incidentId": link["linkedIncidentId"],
            "incident": {"id": link["linkedIncidentId"], "severity": 2},
        }
    ]

    whole = await graphql.ok(RESPONSE, t.coordinator, atLeast=[written])
    [row] = [r for r in whole["incidentResponse"]["incidents"] if r["incidentId"] == incident]
    assert row["areaId"] == t.area and row["area"] == {"name": "Tingbjerg-Husum"}
    assert row["followUpActivities"] == [coffee]
    assert row["followUps"] == [{"id": coffee, "title": "Coffee walks"}]
    assert row["incident"] == {
        "id": incident,
        "redacted": False,
        "summary": SECRETS["summary"],
        "restrictedDetails": SECRETS["restrictedDetails"],
    }
    assert whole["incidentResponse"]["byAreaAndMonth"] == [
        {"areaId": t.area, "area": {"name": "Tingbjerg-Husum"}}
    ]

    for reader in (
        token(tenant, "partner", actor=t.club),
        token(tenant, "integration", scopes=("incidents:read", "actors:read", "reporting:read")),
    ):
        outline = await graphql.ok(RESPONSE, reader, atLeast=[written])
        [row] = [r for r in outline["incidentResponse"]["incidents"] if r["incidentId"] == incident]
        assert row["redacted"] is True and row["area"] == {"name": "Tingbjerg-Husum"}
        assert row["followUpActivities"] is None and row["followUps"] is None
        assert row["incident"] == {
            "id": incident,
            "redacted": True,
            "summary": None,
            "restrictedDetails": None,
        }
        withheld = (await graphql.ok(INCIDENT, reader, id=incident))["incident"]
        assert withheld["followUpActivities"] == [] and withheld["links"] == []
        text = json.dumps([outline, withheld])
        assert SECRETS["summary"] not in text and "Coffee walks" not in text


async def test_outcomes_and_walks_give_their_areas_and_focus_areas(
    graphql: GraphQL, tenant: str
) -> None:
    coordinator = token(tenant, "coordinator")
    area = await define_area(graphql, coordinator, "Vårby gård")
    await mutate(graphql, coordinator, "adoptStrategy", {"title": "Tryg i byen"})
    focus = await mutate(
        graphql, coordinator, "addFocusArea", {"title": "Safe nightlife"}, "focusArea { id }"
    )
    focus_id = focus["focusArea"]["id"]
    indicator = await mutate(
        graphql,
        coordinator,
        "addIndicator",
        {"focusAreaId": focus_id, "name": "Feeling safe", "unit": "%", "direction": "INCREASE"},
        "indicator { id }",
    )
    measured = {
        "indicatorId": indicator["indicator"]["id"],
        "value": 81.0,
        "period": "2026",
        "source": "survey",
        "areaId": area,
    }
    await mutate(graphql, coordinator, "recordMeasurement", measured)
    owner, _ = await register(graphql, coordinator, "Huddinge kommun", "MUNICIPALITY", [area])
    await activity(graphql, coordinator, owner, area, title="Night walks", focusAreas=[focus_id])
    result = {
        "areaId": area,
        "period": "2026",
        "feelingSafe": 80.0,
        "feelingUnsafe": 10.0,
        "respondents": 400,
        "invited": 1000,
    }
    recorded = await mutate(graphql, coordinator, "recordSafetyIndexResults", {"results": [result]})

    data = await graphql.ok(OUTCOMES, coordinator, area=area, atLeast=[recorded["position"]])

    outcomes = data["outcomes"]
    named = {"name": "Vårby gård"}
    assert outcomes["area"] == named and data["safetyWalkReport"]["area"] == named
    assert outcomes["safetyIndex"] == [{"areaId": area, "area": named}]
    assert outcomes["activitiesPerFocusArea"] == [
        {"focusAreaId": focus_id, "focusArea": {"id": focus_id, "title": "Safe nightlife"}}
    ]
    [measuring] = outcomes["indicators"]
    assert measuring["focusArea"] == {"title": "Safe nightlife"}
    assert measuring["measurements"] == [{"areaId": area, "area": named}]
    strategy = (await graphql.ok(STRATEGY, coordinator))["strategy"]
    assert strategy["focusAreas"] == [
        {"indicators": [{"focusAreaId": focus_id, "focusArea": {"title": "Safe nightlife"}}]}
    ]
    assert strategy["measurements"] == [
        {"indicatorId": indicator["indicator"]["id"], "indicator": {"name": "Feeling safe"}}
    ]
    everywhere = await graphql.ok(OUTCOMES, coordinator)
    assert everywhere["outcomes"]["area"] is None
    assert everywhere["safetyWalkReport"]["area"] is None


async def test_an_actor_gives_the_actor_it_was_merged_into_and_a_contact_its_actor(
    graphql: GraphQL, tenant: str
) -> None:
    coordinator = token(tenant, "coordinator")
    kept, _ = await register(graphql, coordinator, "SSP København", "SSP", [])
    duplicate, _ = await register(graphql, coordinator, "SSP Kbh.", "SSP", [])
    person = {"actorId": kept, "name": "Mette Hansen", "legalBasis": "PUBLIC_TASK"}
    await mutate(graphql, coordinator, "addContact", person)
    await mutate(graphql, coordinator, "mergeActors", {"id": kept, "mergedId": duplicate})

    merged = (await graphql.ok(ACTOR, coordinator, id=duplicate))["actor"]
    assert merged["status"] == "MERGED" and merged["mergedInto"] == kept
    assert merged["mergedIntoActor"] == {"id": kept, "name": "SSP København"}
    survivor = (await graphql.ok(ACTOR, coordinator, id=kept))["actor"]
    assert survivor["mergedIntoActor"] is None
    assert survivor["contacts"] == [
        {"actorId": kept, "actor": {"id": kept, "name": "SSP København"}}
    ]

"""The demo data loaded through the gateway into the whole platform (four services,
the gateway, the real broker, SQLite), and read back from the reports as a coordinator
and a national body would.

The shared test platform serves other tests too, so the worlds are loaded under fresh
municipality codes (``t…-0101`` for Copenhagen's world, and so on), once for the
module: Copenhagen, Aalborg, Huddinge and one synthetic municipality."""

from __future__ import annotations

import asyncio
import dataclasses
import time
import uuid
from collections import Counter
from dataclasses import dataclass

import httpx
import pytest

from tests.actors.conftest import SECRET
from tests.gateway.conftest import GraphQL, Platform, token
from trygnet_platform.demo import Loader, World, load_world, load_worlds, plan
from trygnet_platform.demo.load import gates
from trygnet_platform.demo.world import (
    EntryStep,
    FollowUpActivityStep,
    RoleStep,
    TaskDoneStep,
    TaskStep,
)
from trygnet_platform.tokens import NATIONAL_TENANT, DemoActors, DemoTokens


@dataclass
class Loaded:
    worlds: dict[str, World]
    """By the named municipality's own code (``0101``), re-coded for this test module."""
    loaders: dict[str, Loader]
    actors: dict[str, DemoActors]
    """The actors each municipality's demo partner and police tokens work for."""
    seconds: float
    lines: list[str]

    def coordinator(self, code: str) -> str:
        return token(self.worlds[code].code, "coordinator")


@pytest.fixture(scope="module")
async def loaded(platform: Platform) -> Loaded:
    run = uuid.uuid4().hex[:8]
    worlds = {w.code: dataclasses.replace(w, code=f"t{run}-{w.code}") for w in plan(4)}
    tokens = DemoTokens(SECRET)
    lines: list[str] = []
    shared = gates()
    began = time.monotonic()
    async with httpx.AsyncClient(base_url=platform.gateway, timeout=60) as http:
        loaders = {
            code: Loader(http, tokens.coordinator(world.code), shared)
            for code, world in worlds.items()
        }
        found = await asyncio.gather(
            *(load_world(loaders[c], w, say=lines.append) for c, w in worlds.items())
        )
    actors = dict(zip(worlds, found, strict=True))
    return Loaded(worlds, loaders, actors, time.monotonic() - began, lines)


COUNTS = """
query($atLeast: [String!]) {
  actors(first: 1) { totalCount }
  activities(first: 1) { totalCount }
  fora(first: 100) { totalCount edges { node { meetings { id } followUps { status } } } }
  partnerships { edges { node { name mandate authorisedBy members { actor { sector } } } } }
  coordinationGaps(atLeast: $atLeast) { reason activities { title } }
}"""


async def test_copenhagen_looks_like_the_study(graphql: GraphQL, loaded: Loaded) -> None:
    world = loaded.worlds["0101"]
    activities = loaded.loaders["0101"].latest("activities")
    data = await graphql.ok(COUNTS, loaded.coordinator("0101"), atLeast=activities[-50:])
    assert data["actors"]["totalCount"] == len(world.actors) == 60
    assert data["activities"]["totalCount"] == len(world.all_activities()) == 37
    assert data["fora"]["totalCount"] == len(world.fora) == 7
    fora = [e["node"] for e in data["fora"]["edges"]]
    assert all(f["meetings"] for f in fora), "every forum has met"
    assert sorted(u["status"] for f in fora for u in f["followUps"]) == ["DONE", "DONE", "OPEN"]
    [partnership] = [e["node"] for e in data["partnerships"]["edges"]]
    assert partnership["mandate"] and partnership["authorisedBy"].startswith("Borgerrep")
    assert {"POLICE", "HOUSING_ASSOCIATION"} <= {
        m["actor"]["sector"] for m in partnership["members"]
    }
    after_school = {a.title for a in world.activities if a.title.startswith("Fritidsjob")}
    pairs = [
        gap
        for gap in data["coordinationGaps"]
        if {a["title"] for a in gap["activities"]} <= after_school
    ]
    assert len(pairs) == 13 * 12 // 2, "every pair of the 13 after-school activities is a gap"
    assert all(gap["reason"] for gap in pairs)


RESPONSE = """
query($atLeast: [String!], $asOf: Date) {
  incidentResponse(atLeast: $atLeast, asOf: $asOf) {
    incidents { incidentId kind status minutesToFirstJointAction tasksOpen tasksOverdue
                followUpActivities alerted { externalId } engaged { externalId } }
    byAreaAndMonth { month incidents followUpActivities }
  }
}"""
FOLLOW_UP = "query($id: ID!) { activity(id: $id) { title status incidentId partners { actor { externalId } } } }"


async def test_the_shooting_and_the_extortion_case_show_the_joint_response(
    graphql: GraphQL, loaded: Loaded
) -> None:
    world = loaded.worlds["0101"]
    coordinator = loaded.coordinator("0101")
    incidents = loaded.loaders["0101"].latest("incidents", "incident-")
    data = await graphql.ok(RESPONSE, coordinator, atLeast=incidents, asOf="2026-09-22")
    rows = {row["kind"]: row for row in data["incidentResponse"]["incidents"]}
    assert set(rows) == {"SHOOTING", "EXTORTION"}
    shooting, extortion = rows["SHOOTING"], rows["EXTORTION"]
    assert shooting["minutesToFirstJointAction"] == 25.0, "SSP was there 25 minutes after"
    assert extortion["minutesToFirstJointAction"] == 40.0
    assert (shooting["status"], extortion["status"]) == ("CLOSED", "STABLE")
    assert (shooting["tasksOpen"], shooting["tasksOverdue"]) == (1, 1), "the club's follow-up"
    assert (extortion["tasksOpen"], extortion["tasksOverdue"]) == (2, 0)
    [rule] = [r for r in world.escalation if r.kind == "SHOOTING"]
    assert {a["externalId"] for a in shooting["alerted"]} == set(rule.actors)
    plan_of = world.incidents[0]
    took_part = {plan_of.reporter} | {
        getattr(step, name)
        for step in plan_of.response
        if isinstance(step, RoleStep | TaskStep | EntryStep)
        for name in ("actor", "assignee", "author")
        if hasattr(step, name)
    }
    assert {a["externalId"] for a in shooting["engaged"]} == took_part
    assert sum(isinstance(s, TaskDoneStep) for s in plan_of.response) == 4
    [coffee] = shooting["followUpActivities"]
    activity = (await graphql.ok(FOLLOW_UP, coordinator, id=coffee))["activity"]
    assert activity["title"] == "Kaffe og snak på Ruten" and activity["status"] == "ACTIVE"
    assert activity["incidentId"] == shooting["incidentId"]
    partners = {p["actor"]["externalId"] for p in activity["partners"]}
    assert {"kk-sof", "nærpoliti", "boligsocial-fsb"} <= partners
    months = {m["month"]: m for m in data["incidentResponse"]["byAreaAndMonth"]}
    assert months["2026-09"]["incidents"] == 1 and months["2026-09"]["followUpActivities"] == 1
    assert months["2026-10"]["incidents"] == 1


WALKS = """
query($atLeast: [String!], $asOf: Date) {
  safetyWalkReport(atLeast: $atLeast, asOf: $asOf) {
    walks residents findingsByKind { kind findings } actions { open done rejected overdue }
  }
}"""


async def test_the_safety_walks_findings_and_actions_are_in_the_walk_report(
    graphql: GraphQL, loaded: Loaded
) -> None:
    world = loaded.worlds["0101"]
    walks = loaded.loaders["0101"].latest("activities", "walk")
    assert len(walks) == 2
    report = (
        await graphql.ok(WALKS, loaded.coordinator("0101"), atLeast=walks, asOf="2026-11-20")
    )["safetyWalkReport"]
    findings = [f for w in world.walks for f in w.findings]
    assert report["walks"] == 2 and report["residents"] == 23 + 31
    assert {f["kind"]: f["findings"] for f in report["findingsByKind"]} == Counter(
        f.kind for f in findings
    )
    statuses = Counter(f.action.status for f in findings if f.action)
    assert report["actions"]["done"] == statuses["DONE"] == 3
    assert report["actions"]["rejected"] == statuses["REJECTED"] == 1
    assert report["actions"]["open"] == statuses["OPEN"] + statuses["IN_PROGRESS"] == 3
    assert report["actions"]["overdue"] == 3, "the meeting place, the watch and the light"


OUTCOMES = """
query($atLeast: [String!]) {
  outcomes(atLeast: $atLeast) {
    strategy safetyIndex { areaId period feelingSafe respondents responseRate }
    activitiesPerFocusArea { title activities active }
    indicators { name latest onTarget measurements { period value } }
  }
}"""


async def test_copenhagens_safety_index_over_five_years_is_in_the_outcomes(
    graphql: GraphQL, loaded: Loaded
) -> None:
    world = loaded.worlds["0101"]
    strategy = loaded.loaders["0101"].latest("activities", "strategy")
    outcomes = (await graphql.ok(OUTCOMES, loaded.coordinator("0101"), atLeast=strategy))[
        "outcomes"
    ]
    assert outcomes["strategy"] == world.strategy.title
    index = [(r["period"], r["feelingSafe"], r["respondents"]) for r in outcomes["safetyIndex"]]
    assert index == [(r.period, r.feeling_safe, r.respondents) for r in world.safety_index]
    assert [r["period"] for r in outcomes["safetyIndex"]] == [
        "2022",
        "2023",
        "2024",
        "2025",
        "2026",
    ]
    assert outcomes["safetyIndex"][0]["responseRate"] == round(571 / 1500 * 100, 1)
    focus = {f["title"]: f for f in outcomes["activitiesPerFocusArea"]}
    assert focus["Færre unge i kriminalitet"]["active"] == 13, "the after-school jobs"
    young = {i["name"]: i for i in outcomes["indicators"]}["Unge i fritidsjob"]
    assert young["latest"] == 131 and young["onTarget"] is False


async def test_aalborg_has_its_seven_focus_areas_and_89_per_cent_in_every_district(
    graphql: GraphQL, loaded: Loaded
) -> None:
    world = loaded.worlds["0851"]
    coordinator = loaded.coordinator("0851")
    strategy = loaded.loaders["0851"].latest("activities", "strategy")
    outcomes = (await graphql.ok(OUTCOMES, coordinator, atLeast=strategy))["outcomes"]
    titles = [f.title for f in world.strategy.focus_areas]
    assert len(titles) == 7
    assert [f["title"] for f in outcomes["activitiesPerFocusArea"]] == titles
    assert all(f["active"] >= 1 for f in outcomes["activitiesPerFocusArea"])
    latest = [r for r in outcomes["safetyIndex"] if r["period"] == "2025"]
    areas = await graphql.ok("{ areas { id kind } }", coordinator)
    districts = {a["id"] for a in areas["areas"] if a["kind"] == "DISTRICT"}
    assert len(districts) == 5 and {r["areaId"] for r in latest} == districts
    assert {r["feelingSafe"] for r in latest} == {89.0}
    safe = {i["name"]: i for i in outcomes["indicators"]}[
        "Borgere, der føler sig trygge i deres nabolag"
    ]
    assert [m["value"] for m in safe["measurements"]] == [87.0, 88.0, 89.0]
    walked = loaded.loaders["0851"].latest("activities", "walk")
    walks = (await graphql.ok(WALKS, coordinator, atLeast=walked))["safetyWalkReport"]
    assert walks["walks"] == 3 and walks["actions"]["done"] == 4


HUDDINGE = """
{ partnerships { edges { node { name mandate authorisedOn coordinator { name }
                                members { role actor { name } } areas { name } } } }
  fora { edges { node { name partnership { name } members { externalId }
                        meetings { heldOn agenda } } } }
  activities(first: 50) { totalCount edges { node { start status owner { externalId } } } } }"""


async def test_varby_gards_partnership_is_formed_over_the_projects_already_running(
    graphql: GraphQL, loaded: Loaded
) -> None:
    data = await graphql.ok(HUDDINGE, loaded.coordinator("0126"))
    [partnership] = [e["node"] for e in data["partnerships"]["edges"]]
    assert partnership["name"] == "Partnerskap mot brott i Vårby gård"
    assert partnership["mandate"].startswith("Först samordna det som redan pågår")
    assert partnership["areas"] == [{"name": "Vårby gård"}]
    assert partnership["coordinator"]["name"] == "Huddinge kommun, socialförvaltningen"
    activities = [e["node"] for e in data["activities"]["edges"]]
    assert len(activities) == 8 and all(a["status"] == "ACTIVE" for a in activities)
    assert all(a["start"] < partnership["authorisedOn"] for a in activities)
    [forum] = [e["node"] for e in data["fora"]["edges"]]
    assert forum["partnership"] == {"name": partnership["name"]}
    owners = {a["owner"]["externalId"] for a in activities}
    assert owners - {"soc"} <= {m["externalId"] for m in forum["members"]}
    assert forum["meetings"][0]["agenda"].startswith("Inventering av pågående projekt")


async def until_in_directory(graphql: GraphQL, coordinator: str, actors: int) -> None:
    """Until reporting has applied the actors (an import answers no position to wait for)."""
    deadline = time.monotonic() + 30
    while True:
        directory = await graphql.ok("{ directory { count } }", coordinator)
        if directory["directory"]["count"] == actors or time.monotonic() > deadline:
            assert directory["directory"]["count"] == actors
            return
        await asyncio.sleep(0.2)


NATIONAL = """
{ nationalOverview { tables { name rows { municipality cells { column figure { value suppressed } }
                                          total { value suppressed } } } } }"""


async def test_a_synthetic_municipality_shows_in_the_national_overview(
    graphql: GraphQL, loaded: Loaded
) -> None:
    world = loaded.worlds["0147"]
    assert world.municipality == "Frederiksberg"
    await until_in_directory(graphql, loaded.coordinator("0147"), len(world.actors))
    overview = await graphql.ok(NATIONAL, token(NATIONAL_TENANT, "national"))
    tables = {t["name"]: t for t in overview["nationalOverview"]["tables"]}
    expected = {
        "actors-by-sector": Counter(a.sector.lower() for a in world.actors),
        "incidents-by-kind": Counter(i.kind.lower() for i in world.incidents),
    }
    for name, counts in expected.items():
        [row] = [r for r in tables[name]["rows"] if r["municipality"] == world.code]
        for cell in row["cells"]:
            figure = cell["figure"]
            assert figure["suppressed"] == (figure["value"] is None)
            if not figure["suppressed"]:
                assert figure["value"] == counts.get(cell["column"].lower(), 0), (name, cell)
        if not row["total"]["suppressed"]:
            assert row["total"]["value"] == sum(counts.values())
    assert world.municipality not in str(overview) and world.actors[0].name not in str(overview)


CENSUS = """
{ actors(first: 1) { totalCount } activities(first: 1) { totalCount } fora(first: 1) { totalCount }
  partnerships(first: 1) { totalCount } incidents(first: 1) { totalCount }
  safetyWalks(first: 1) { totalCount }
  strategy { version safetyIndexResults { period } } }"""


async def test_a_second_load_writes_nothing_and_finds_the_same_partners(
    graphql: GraphQL, platform: Platform, loaded: Loaded
) -> None:
    before = {c: await graphql.ok(CENSUS, loaded.coordinator(c)) for c in loaded.worlds}
    calls = platform.app.state.services.calls
    made = calls.copy()
    lines: list[str] = []
    began = time.monotonic()
    async with httpx.AsyncClient(base_url=platform.gateway, timeout=60) as http:
        again = await load_worlds(
            http,
            DemoTokens(SECRET),
            list(loaded.worlds.values()),
            say=lines.append,
            written=(written := {}),
        )
    seconds = time.monotonic() - began
    made = calls - made
    assert again == {w.code: loaded.actors[c] for c, w in loaded.worlds.items()}
    assert written == {w.code: [] for w in loaded.worlds.values()}  # nothing to wait for
    assert sorted(lines) == sorted(
        f"{w.code} {w.label}: already loaded" for w in loaded.worlds.values()
    )
    # one query a municipality: its areas, actors (its partner and police among them) and
    # strategy; no write
    assert made["incidents"] == 0 and sum(made.values()) <= 6 * len(loaded.worlds), made
    assert seconds < 5, f"{seconds:.1f} s to find four municipalities loaded"
    after = {c: await graphql.ok(CENSUS, loaded.coordinator(c)) for c in loaded.worlds}
    assert after == before


async def test_a_load_keeps_the_latest_position_of_each_stream_it_wrote(
    graphql: GraphQL, platform: Platform
) -> None:
    """What ``make run`` waits for before it says ready (``demo.settled``)."""
    world = dataclasses.replace(plan(4)[0], code=f"t{uuid.uuid4().hex[:8]}-w")
    assert world.situation is not None, "a world with observations imported and filed"
    written: dict[str, list[str]] = {}
    async with httpx.AsyncClient(base_url=platform.gateway, timeout=60) as http:
        await load_worlds(http, DemoTokens(SECRET), [world], say=print, written=written)
    [positions] = written.values()
    assert list(written) == [world.code]
    streams = [position.rpartition("/")[0] for position in positions]
    assert len(streams) == len(set(streams)), positions
    imported = [stream for stream in streams if stream.startswith("actors/actor-")]
    assert len(imported) == len(world.actors), "every actor of the one import"
    activities = [stream for stream in streams if stream.startswith("activities/activity-")]
    decided = [
        s for i in world.incidents for s in i.response if isinstance(s, FollowUpActivityStep)
    ]
    assert decided, "a world whose responses start activities"
    assert len(activities) == len(world.activities) + len(decided), positions
    observations = [stream for stream in streams if stream.startswith("incidents/observation-")]
    assert len(observations) == len(world.situation.observations), "imported and filed alone"
    coordinator = token(world.code, "coordinator")
    for at in range(0, len(positions), 50):  # each a position the reports take
        await graphql.ok(GAPS, coordinator, atLeast=positions[at : at + 50])


GAPS = "query($atLeast: [String!]) { coordinationGaps(atLeast: $atLeast) { reason } }"


PARTNER = "query($id: ID!) { actor(id: $id) { externalId sector levels } }"
OWNED = "query($id: ID!) { activities(ownerActorId: $id, first: 100) { totalCount } activities2: activities(first: 1) { totalCount } }"
RENAME = "mutation($input: UpdateActorInput!) { updateActor(input: $input) { position } }"


async def test_each_municipalitys_partner_owns_some_things_and_not_others(
    graphql: GraphQL, loaded: Loaded
) -> None:
    """The partner token shows what a partner may and may not do (docs/api.md's table):
    its own actor changes, the SSP's does not; its actor owns an activity, not all."""
    tokens = DemoTokens(SECRET)
    for code in ("0101", "0126"):
        world, actors = loaded.worlds[code], loaded.actors[code]
        assert actors.partner and actors.police, code
        coordinator = loaded.coordinator(code)
        actor = (await graphql.ok(PARTNER, coordinator, id=actors.partner))["actor"]
        assert actor["externalId"] == world.partner and "FRONTLINE" in actor["levels"]
        owned = await graphql.ok(OWNED, coordinator, id=actors.partner)
        assert 0 < owned["activities"]["totalCount"] < owned["activities2"]["totalCount"]
        partner = tokens.partner(world.code, actors.partner)
        await graphql.ok(RENAME, partner, input={"id": actors.partner, "department": "Ung"})
        other = next(a.key for a in world.actors if a.key != world.partner)
        other_id = (await graphql.ok(EXTERNAL, coordinator, externalId=other))["actor"]["id"]
        refused = await graphql(RENAME, partner, input={"id": other_id, "department": "X"})
        assert [e["extensions"]["code"] for e in refused["errors"]] == ["FORBIDDEN"]
    assert all(line.endswith(" s") and "loaded in" in line for line in loaded.lines)


AREAS = "{ areas { id } }"
REPORT = "mutation($input: ReportIncidentInput!) { reportIncident(input: $input) { position } }"
EXTERNAL = "query($externalId: String) { actor(externalId: $externalId) { id sector } }"


async def test_the_police_token_works_for_the_police_actor_and_writes_in_incidents(
    graphql: GraphQL, loaded: Loaded
) -> None:
    world, actors = loaded.worlds["0101"], loaded.actors["0101"]
    coordinator = loaded.coordinator("0101")
    police = (await graphql.ok(EXTERNAL, coordinator, externalId=world.police))["actor"]
    assert police == {"id": actors.police, "sector": "POLICE"}
    area = (await graphql.ok(AREAS, coordinator))["areas"][0]["id"]
    report = {
        "kind": "VANDALISM",
        "severity": 1,
        "areaId": area,
        "place": "Ruten",
        "occurredAt": "2026-10-01T21:00:00+02:00",
        "reportingActorId": actors.police,
        "summary": "Knuste ruder ved Ruten",
    }
    await graphql.ok(REPORT, DemoTokens(SECRET).police(world.code, actors.police), input=report)
    without_actor = await graphql(REPORT, DemoTokens(SECRET).police(world.code), input=report)
    assert [e["extensions"]["code"] for e in without_actor["errors"]] == ["FORBIDDEN"]


CONTRIBUTED = """
query($atLeast: [String!]) {
  collaborationNetwork(atLeast: $atLeast) {
    survey { ties { source } surveyOnly { source } both { source } }
  }
  outcomes { cost { hourlyRate activities { costPerParticipant } } }
  contributions { hours survey { raters } }
}"""


async def test_tingbjergs_survey_ties_hours_and_cost_per_participant_show(
    graphql: GraphQL, loaded: Loaded
) -> None:
    written = loaded.loaders["0101"].latest("activities", "wave")
    data = await graphql.ok(CONTRIBUTED, loaded.coordinator("0101"), atLeast=written)
    survey = data["collaborationNetwork"]["survey"]
    assert survey["ties"] and survey["surveyOnly"] and survey["both"]
    cost = data["outcomes"]["cost"]
    assert cost["hourlyRate"] == 425.0
    assert sum(1 for a in cost["activities"] if a["costPerParticipant"]) >= 30
    rows = data["contributions"]
    assert sum(1 for r in rows if r["hours"]) >= 40 and any(r["survey"] for r in rows)


async def test_a_municipality_holding_part_of_its_world_is_left_alone(
    graphql: GraphQL, platform: Platform, tenant: str
) -> None:
    world = dataclasses.replace(plan(1)[0], code=tenant)
    coordinator = token(tenant, "coordinator")
    await graphql.ok(
        'mutation { defineArea(input: {name: "Tingbjerg-Husum", kind: HOUSING_AREA}) { position } }',
        coordinator,
    )  # as if the first load had stopped after its first write
    lines: list[str] = []
    async with httpx.AsyncClient(base_url=platform.gateway, timeout=60) as http:
        loader = Loader(http, DemoTokens(SECRET).coordinator(tenant))
        actors = await load_world(loader, world, say=lines.append)
    assert actors == DemoActors() and loader.writes == 0
    [line] = lines
    assert "part of the demo data" in line and "delete" in line and ".trygnet" in line
    census = await graphql.ok(CENSUS, coordinator)
    assert census["actors"]["totalCount"] == 0 and census["strategy"] is None
